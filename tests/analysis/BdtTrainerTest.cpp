#include "umbra/analysis/BdtTrainer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>

#include "TestSupport.hpp"
#include "umbra/analysis/BdtApply.hpp"
#include "umbra/analysis/BdtModel.hpp"
#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
namespace
{
//! One event of an observable file.
struct Event
{
    std::vector<double> observables;
    double weight = 1;
};

//! An observable file as `umbra observables` writes it: /events {run, event, weight, tries} and
//! /observables with the given fields. Event numbers start at `first_event`.
void write_observables(const std::filesystem::path& path, const std::vector<std::string>& names,
                       const std::vector<Event>& events, std::uint64_t run, std::uint64_t first_event = 0)
{
    io::Provenance provenance;
    provenance.cut_flow = "step,events,weight\n\"all\",1,1\n";  // as a skimmed file carries it
    io::EventStoreWriter writer(path, provenance);
    auto& run_column = writer.event_column("events", "run", io::FieldType::uint64);
    auto& event_column = writer.event_column("events", "event", io::FieldType::uint64);
    auto& weight_column = writer.event_column("events", "weight", io::FieldType::float64);
    auto& tries_column = writer.event_column("events", "tries", io::FieldType::uint64);
    std::vector<io::ColumnWriter*> columns;
    for (const auto& name : names) columns.push_back(&writer.event_column("observables", name, io::FieldType::float64));
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        run_column.push(run);
        event_column.push(first_event + i);
        weight_column.push(events[i].weight);
        tries_column.push(std::uint64_t{1});
        for (std::size_t j = 0; j < names.size(); ++j) columns[j]->push(events[i].observables[j]);
        writer.end_event();
    }
    writer.close();
}

const std::vector<std::string> names{"x", "noise", "n_hits"};

//! x ~ N(shift, 1) (the discriminating observable), noise ~ N(0, 1) with 5 % NaN (missing),
//! n_hits uniform integers 0..9 in both classes.
std::vector<Event> gaussian_events(std::size_t n, double shift, std::uint64_t seed,
                                   const std::function<double(double)>& weight = {})
{
    RandomStream rng({.seed = seed, .stream = StreamId::test, .event = 0});
    std::vector<Event> events(n);
    for (auto& e : events)
    {
        const double x = standard_normal(rng) + shift;
        const double noise = rng.uniform() < 0.05 ? NAN : standard_normal(rng);
        e.observables = {x, noise, std::floor(10 * rng.uniform())};
        e.weight = weight ? weight(x) : 1.0;
    }
    return events;
}

//! Φ(Δ/√2): the best AUC for unit Gaussians separated by Δ in one variable (the likelihood
//! ratio is monotonic in x, and x_s - x_b ~ N(Δ, 2)).
double gaussian_auc(double delta) { return 0.5 * std::erfc(-delta / 2); }

//! Hanley & McNeil, Radiology 143 (1982) 29, eq. (2).
double auc_error(double a, double n_s, double n_b)
{
    const double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
    return std::sqrt((a * (1 - a) + (n_s - 1) * (q1 - a * a) + (n_b - 1) * (q2 - a * a)) / (n_s * n_b));
}

BdtTrainer::Config fast_config()
{
    BdtTrainer::Config c;
    c.n_trees = 50;
    c.max_depth = 3;
    c.learning_rate = 0.2;
    return c;
}

std::string error_of(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const InputError& e)
    {
        return e.what();
    }
    return "no error";
}

TEST(BdtTrainer, GaussianSamplesReachAnalyticAuc)
{
    test::TemporaryDirectory dir;
    const double delta = 1.0;
    const std::size_t n = 10000;
    write_observables(dir / "sig.h5", names, gaussian_events(n, delta, 1), 1);
    write_observables(dir / "bkg.h5", names, gaussian_events(n, 0.0, 2), 2);
    const BdtTrainer trainer(BdtTrainer::Config{});  // the defaults: 200 trees of depth 4
    const auto s = trainer.train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "model", "test");

    const double expected = gaussian_auc(delta);  // 0.7602
    const double sigma = auc_error(expected, static_cast<double>(s.signal.test_events),
                                   static_cast<double>(s.background.test_events));  // ≈ 0.0067
    // Statistical fluctuation of the test sample (3 σ) plus 0.005 for the imperfect fit.
    EXPECT_NEAR(s.auc_test, expected, 3 * sigma + 0.005) << "sigma " << sigma;
    EXPECT_GE(s.auc_train, s.auc_test - 3 * sigma);
    std::cout << "[ info ] Gaussian Delta = 1: AUC test " << s.auc_test << ", train " << s.auc_train
              << ", analytic " << expected << " (test sigma " << sigma << ")\n";

    // The split: about half of each class in the test sample, all events accounted for.
    EXPECT_EQ(s.signal.train_events + s.signal.test_events, n);
    EXPECT_EQ(s.background.train_events + s.background.test_events, n);
    EXPECT_NEAR(static_cast<double>(s.signal.test_events) / n, 0.5, 0.02);
    EXPECT_EQ(s.features, names);
    ASSERT_EQ(s.importance.size(), 3u);
    EXPECT_EQ(s.importance.front().feature, "x");
    EXPECT_GT(s.importance.front().weight, 0);

    // The directory: every file, with the documented headers.
    for (const char* f : {bdt_files::model, bdt_files::features, bdt_files::summary, bdt_files::roc_test,
                          bdt_files::roc_train, bdt_files::importance, bdt_files::scores_test})
    {
        EXPECT_TRUE(std::filesystem::is_regular_file(dir / "model" / f)) << f;
    }
    EXPECT_EQ(test::read_file(dir / "model" / bdt_files::features), "x\nnoise\nn_hits\n");
    EXPECT_EQ(test::read_file(dir / "model" / bdt_files::roc_test).rfind("threshold,signal_efficiency,background_efficiency\n", 0), 0u);
    EXPECT_EQ(test::read_file(dir / "model" / bdt_files::importance).rfind("feature,gain,weight,cover\nx,", 0), 0u);
    const auto scores = test::read_file(dir / "model" / bdt_files::scores_test);
    EXPECT_EQ(scores.rfind("label,weight,score\n", 0), 0u);
    EXPECT_EQ(static_cast<std::uint64_t>(std::count(scores.begin(), scores.end(), '\n')),
              s.signal.test_events + s.background.test_events + 1);

    // summary.toml is valid TOML with the numbers returned.
    auto summary = ConfigTable::from_file(dir / "model" / bdt_files::summary);
    EXPECT_DOUBLE_EQ(summary.get("auc_test", 0.0), s.auc_test);
    EXPECT_EQ(summary.get_strings("features", {}), names);
    auto signal = summary.section("signal");
    EXPECT_EQ(signal.get("test_events", std::int64_t{0}), static_cast<std::int64_t>(s.signal.test_events));
    EXPECT_NE(signal.get_strings("files", {}).at(0).find("crc32"), std::string::npos);
    EXPECT_EQ(summary.section("parameters").get("n_trees", 0), 200);
}

TEST(BdtTrainer, WeightsAreHonoured)
{
    // Signal events drawn like the background, N(0, 1), but weighted by the likelihood ratio
    // N(x; Δ, 1) / N(x; 0, 1) = exp(Δ x - Δ²/2): weighted, they are N(Δ, 1) (importance sampling),
    // so the weighted AUC must reach Φ(Δ/√2), not the 0.5 of the unweighted samples.
    test::TemporaryDirectory dir;
    const double delta = 1.0;
    const std::size_t n = 10000;
    write_observables(dir / "sig.h5", names,
                      gaussian_events(n, 0.0, 3, [&](double x) { return std::exp(delta * x - delta * delta / 2); }), 1);
    write_observables(dir / "bkg.h5", names, gaussian_events(n, 0.0, 4), 2);
    const auto s = BdtTrainer(fast_config()).train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "model", "test");
    const double expected = gaussian_auc(delta);
    // The weights cut the effective signal statistics by E[w²] = exp(Δ²) ≈ 2.7.
    const double sigma = auc_error(expected, static_cast<double>(s.signal.test_events) / std::exp(delta * delta),
                                   static_cast<double>(s.background.test_events));
    EXPECT_NEAR(s.auc_test, expected, 3 * sigma + 0.01) << "sigma " << sigma;
    std::cout << "[ info ] importance-weighted signal: AUC test " << s.auc_test << ", analytic " << expected
              << " (sigma " << sigma << ")\n";
    EXPECT_NEAR(s.signal.train_weight + s.signal.test_weight, static_cast<double>(n), 0.1 * n);  // E[w] = 1
}

TEST(BdtTrainer, WeightTwoEqualsADuplicatedEvent)
{
    // Background events with x > 0.5 get weight 2 (which reshapes the background), against the
    // same events written twice with weight 1 (same run and event numbers, so the copies fall
    // into the same split), and against weight 1 everywhere (what ignoring the weights gives).
    test::TemporaryDirectory dir;
    const std::size_t n = 8000;
    write_observables(dir / "sig.h5", names, gaussian_events(n, 0.8, 5), 1);
    const auto background = gaussian_events(n, 0.0, 6, [](double x) { return x > 0.5 ? 2.0 : 1.0; });
    write_observables(dir / "bkg_weighted.h5", names, background, 2);
    std::vector<Event> duplicated, unweighted;
    std::vector<std::uint64_t> numbers;
    for (std::size_t i = 0; i < n; ++i)
    {
        for (int copy = 0; copy < (background[i].weight == 2.0 ? 2 : 1); ++copy)
        {
            duplicated.push_back({background[i].observables, 1.0});
            numbers.push_back(i);
        }
        unweighted.push_back({background[i].observables, 1.0});
    }
    write_observables(dir / "bkg_unweighted.h5", names, unweighted, 2);
    {
        io::EventStoreWriter writer(dir / "bkg_duplicated.h5", {});
        auto& run = writer.event_column("events", "run", io::FieldType::uint64);
        auto& event = writer.event_column("events", "event", io::FieldType::uint64);
        auto& weight = writer.event_column("events", "weight", io::FieldType::float64);
        auto& tries = writer.event_column("events", "tries", io::FieldType::uint64);
        std::vector<io::ColumnWriter*> columns;
        for (const auto& name : names) columns.push_back(&writer.event_column("observables", name, io::FieldType::float64));
        for (std::size_t i = 0; i < duplicated.size(); ++i)
        {
            run.push(std::uint64_t{2});
            event.push(numbers[i]);
            weight.push(1.0);
            tries.push(std::uint64_t{1});
            for (std::size_t j = 0; j < names.size(); ++j) columns[j]->push(duplicated[i].observables[j]);
            writer.end_event();
        }
        writer.close();
    }
    auto config = fast_config();
    config.max_depth = 2;  // less overtraining, so less noise in the comparison
    const BdtTrainer trainer(config);
    const auto a = trainer.train({dir / "sig.h5"}, {dir / "bkg_weighted.h5"}, dir / "a", "test");
    const auto b = trainer.train({dir / "sig.h5"}, {dir / "bkg_duplicated.h5"}, dir / "b", "test");
    trainer.train({dir / "sig.h5"}, {dir / "bkg_unweighted.h5"}, dir / "c", "test");
    EXPECT_DOUBLE_EQ(a.background.test_weight, b.background.test_weight);
    EXPECT_DOUBLE_EQ(a.background.train_weight, b.background.train_weight);
    EXPECT_EQ(a.signal.test_events, b.signal.test_events);
    EXPECT_NEAR(a.auc_test, b.auc_test, 0.005);
    // Scores of the same signal file agree on average; single events can move more, since the
    // weighted quantile sketch bins x slightly differently and the normalisation target
    // (n_train_signal + n_train_background) / 2 counts the copies. Ignoring the weights moves
    // them much more.
    const io::EventStoreReader reader(dir / "sig.h5");
    const auto score_a = BdtModel::load(dir / "a").predict(reader);
    const auto score_b = BdtModel::load(dir / "b").predict(reader);
    const auto score_c = BdtModel::load(dir / "c").predict(reader);
    double ab = 0, ac = 0;
    for (std::size_t i = 0; i < score_a.size(); ++i)
    {
        ab += std::abs(score_a[i] - score_b[i]) / static_cast<double>(n);
        ac += std::abs(score_a[i] - score_c[i]) / static_cast<double>(n);
    }
    EXPECT_LT(ab, 0.02);
    EXPECT_GT(ac, 3 * ab);
    std::cout << "[ info ] weight 2 vs duplicate: AUC " << a.auc_test << " vs " << b.auc_test
              << ", mean score difference " << ab << " (weights ignored: " << ac << ")\n";
}

TEST(BdtTrainer, SameSeedSameModelForAnyThreadCount)
{
    test::TemporaryDirectory dir;
    write_observables(dir / "sig1.h5", names, gaussian_events(3000, 1.0, 8), 1);
    write_observables(dir / "sig2.h5", names, gaussian_events(2000, 1.0, 9), 3);
    write_observables(dir / "bkg.h5", names, gaussian_events(5000, 0.0, 10), 2);
    auto config = fast_config();
    config.n_trees = 20;
    config.subsample = 0.7;  // XGBoost's own random numbers too
    config.threads = 1;
    const auto s1 = BdtTrainer(config).train({dir / "sig1.h5", dir / "sig2.h5"}, {dir / "bkg.h5"}, dir / "one", "test");
    config.threads = 2;
    BdtTrainer(config).train({dir / "sig1.h5", dir / "sig2.h5"}, {dir / "bkg.h5"}, dir / "two", "test");
    // File order does not change the split (keyed by run and event); the model may change, as
    // XGBoost's row sampling and quantile sketch see the events in another order.
    const auto swapped =
        BdtTrainer(config).train({dir / "sig2.h5", dir / "sig1.h5"}, {dir / "bkg.h5"}, dir / "swapped", "test");
    EXPECT_EQ(s1.signal.test_events, swapped.signal.test_events);
    EXPECT_DOUBLE_EQ(s1.signal.test_weight, swapped.signal.test_weight);
    EXPECT_NEAR(s1.auc_test, swapped.auc_test, 0.01);
    config.seed = 2;
    BdtTrainer(config).train({dir / "sig1.h5", dir / "sig2.h5"}, {dir / "bkg.h5"}, dir / "seed2", "test");

    const auto one = test::read_file(dir / "one" / bdt_files::model);
    EXPECT_GT(one.size(), 1000u);
    EXPECT_EQ(one, test::read_file(dir / "two" / bdt_files::model));
    EXPECT_EQ(test::read_file(dir / "one" / bdt_files::roc_test), test::read_file(dir / "two" / bdt_files::roc_test));
    EXPECT_EQ(test::read_file(dir / "one" / bdt_files::scores_test),
              test::read_file(dir / "two" / bdt_files::scores_test));
    EXPECT_NE(one, test::read_file(dir / "seed2" / bdt_files::model));
}

TEST(BdtTrainer, MismatchedSchemasAndMissingFeatures)
{
    test::TemporaryDirectory dir;
    write_observables(dir / "sig.h5", names, gaussian_events(500, 1.0, 11), 1);
    std::vector<Event> two_fields = gaussian_events(500, 0.0, 12);
    for (auto& e : two_fields) e.observables.resize(2);
    write_observables(dir / "bkg.h5", {"x", "noise"}, two_fields, 2);
    const BdtTrainer trainer(fast_config());
    auto message = error_of([&] { trainer.train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("mismatched signal/background schemas"), std::string::npos) << message;
    EXPECT_NE(message.find("bkg.h5"), std::string::npos) << message;
    EXPECT_NE(message.find("/observables/n_hits"), std::string::npos) << message;
    // The other way round: an extra field.
    message = error_of([&] { trainer.train({dir / "bkg.h5"}, {dir / "sig.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("extra /observables/n_hits"), std::string::npos) << message;
    EXPECT_FALSE(std::filesystem::exists(dir / "m"));

    // Listing the common features trains; a feature nobody has is named.
    auto config = fast_config();
    config.features = {"noise", "x"};
    const auto s = BdtTrainer(config).train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "m", "t");
    EXPECT_EQ(s.features, config.features);
    EXPECT_EQ(test::read_file(dir / "m" / bdt_files::features), "noise\nx\n");
    config.features = {"x", "tau21"};
    message = error_of([&] { BdtTrainer(config).train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "m2", "t"); });
    EXPECT_NE(message.find("/observables/tau21"), std::string::npos) << message;
}

TEST(BdtTrainer, EmptyMissingAndBadInputs)
{
    test::TemporaryDirectory dir;
    write_observables(dir / "sig.h5", names, gaussian_events(500, 1.0, 13), 1);
    write_observables(dir / "empty.h5", names, {}, 2);
    const BdtTrainer trainer(fast_config());
    auto message = error_of([&] { trainer.train({dir / "sig.h5"}, {dir / "empty.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("no background events"), std::string::npos) << message;
    message = error_of([&] { trainer.train({dir / "sig.h5"}, {}, dir / "m", "t"); });
    EXPECT_NE(message.find("no background files"), std::string::npos) << message;
    message = error_of([&] { trainer.train({dir / "missing.h5"}, {dir / "sig.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("missing.h5"), std::string::npos) << message;
    EXPECT_NE(message.find("no such file"), std::string::npos) << message;

    // Too few events for a split.
    write_observables(dir / "one.h5", names, gaussian_events(1, 0.0, 14), 2);
    message = error_of([&] { trainer.train({dir / "sig.h5"}, {dir / "one.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("split"), std::string::npos) << message;

    // Negative weights are refused, naming the event.
    auto negative = gaussian_events(100, 0.0, 15);
    negative[17].weight = -0.5;
    write_observables(dir / "negative.h5", names, negative, 2);
    message = error_of([&] { trainer.train({dir / "sig.h5"}, {dir / "negative.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("event 17 has weight -0.5"), std::string::npos) << message;

    // Infinite observables are refused (NaN is the missing value).
    auto infinite = gaussian_events(100, 0.0, 16);
    infinite[3].observables[0] = INFINITY;
    write_observables(dir / "infinite.h5", names, infinite, 2);
    message = error_of([&] { trainer.train({dir / "sig.h5"}, {dir / "infinite.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("/observables/x of event 3 is inf"), std::string::npos) << message;

    // Not an observable file.
    {
        io::EventStoreWriter writer(dir / "plain.h5", {});
        writer.event_column("events", "weight", io::FieldType::float64).push(1.0);
        writer.end_event();
        writer.close();
    }
    message = error_of([&] { trainer.train({dir / "sig.h5"}, {dir / "plain.h5"}, dir / "m", "t"); });
    EXPECT_NE(message.find("no /observables group"), std::string::npos) << message;

    // Bad parameters.
    auto config = fast_config();
    config.test_fraction = 1.0;
    EXPECT_THROW(BdtTrainer{config}, InputError);
    config = fast_config();
    config.features = {"x", "x"};
    EXPECT_THROW(BdtTrainer{config}, InputError);
    EXPECT_FALSE(std::filesystem::exists(dir / "m"));
}

TEST(BdtTrainer, ModelDirectoryIsReplacedOnlyIfItIsAModel)
{
    test::TemporaryDirectory dir;
    write_observables(dir / "sig.h5", names, gaussian_events(1000, 1.0, 17), 1);
    write_observables(dir / "bkg.h5", names, gaussian_events(1000, 0.0, 18), 2);
    auto config = fast_config();
    config.n_trees = 5;
    const BdtTrainer trainer(config);

    std::filesystem::create_directories(dir / "data");
    test::write_file(dir / "data" / "precious.txt", "keep me");
    const auto message = error_of([&] { trainer.train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "data", "t"); });
    EXPECT_NE(message.find("not a BDT model directory"), std::string::npos) << message;
    EXPECT_EQ(test::read_file(dir / "data" / "precious.txt"), "keep me");
    test::write_file(dir / "file", "a file");
    EXPECT_THROW(trainer.train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "file", "t"), InputError);

    trainer.train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "out" / "model/", "t");  // parents created
    test::write_file(dir / "out" / "model" / "stale.txt", "from an old model");
    config.n_trees = 6;
    BdtTrainer(config).train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "out" / "model", "t");
    EXPECT_FALSE(std::filesystem::exists(dir / "out" / "model" / "stale.txt"));
    EXPECT_NE(test::read_file(dir / "out" / "model" / bdt_files::summary).find("n_trees = 6"), std::string::npos);
    // No temporary directories left behind.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir / "out")) ++entries;
    EXPECT_EQ(entries, 1u);
}

TEST(BdtModel, LoadPredictAndApply)
{
    test::TemporaryDirectory dir;
    write_observables(dir / "sig.h5", names, gaussian_events(2000, 1.5, 19), 1);
    write_observables(dir / "bkg.h5", names, gaussian_events(2000, 0.0, 20), 2);
    BdtTrainer(fast_config()).train({dir / "sig.h5"}, {dir / "bkg.h5"}, dir / "model", "t");
    const auto model = BdtModel::load(dir / "model");
    EXPECT_EQ(model.features(), names);
    EXPECT_EQ(model.json(), test::read_file(dir / "model" / bdt_files::model));

    // Row-wise prediction: the score rises with x; a missing value is accepted.
    const std::vector<float> rows{-2.0f, 0.0f, 5.0f, 2.0f, NAN, 5.0f, 0.5f, NAN, NAN};
    const auto scores = model.predict(rows);
    ASSERT_EQ(scores.size(), 3u);
    EXPECT_LT(scores[0], 0.3);
    EXPECT_GT(scores[1], 0.7);
    EXPECT_GT(scores[2], 0.0);
    EXPECT_LT(scores[2], 1.0);

    // apply: the input's groups plus /bdt/score, equal to predict().
    const auto summary = run_bdt_apply(model, dir / "model", dir / "sig.h5", dir / "scored.h5", "umbra bdt apply");
    EXPECT_EQ(summary.events, 2000u);
    const io::EventStoreReader in(dir / "sig.h5");
    const io::EventStoreReader out(dir / "scored.h5");
    EXPECT_EQ(out.events(), 2000u);
    EXPECT_EQ(out.read_event_column("bdt", "score", 0, 2000), model.predict(in));
    EXPECT_EQ(out.read_event_column("observables", "x", 0, 2000), in.read_event_column("observables", "x", 0, 2000));
    EXPECT_EQ(out.read_event_column("events", "weight", 0, 2000), in.read_event_column("events", "weight", 0, 2000));
    EXPECT_NE(out.provenance().inputs.find("model.json"), std::string::npos);
    EXPECT_EQ(out.provenance().cut_flow, in.provenance().cut_flow) << "the skim's cut flow stays with the events";
    EXPECT_NEAR(summary.mean_score, 0.7, 0.15);  // signal-like

    // Applying again to the scored file replaces /bdt.
    run_bdt_apply(model, dir / "model", dir / "scored.h5", dir / "rescored.h5", "t");
    EXPECT_EQ(io::EventStoreReader(dir / "rescored.h5").read_event_column("bdt", "score", 0, 2000),
              out.read_event_column("bdt", "score", 0, 2000));

    // A file without one of the features: a clear error, no output.
    std::vector<Event> two_fields = gaussian_events(10, 0.0, 21);
    for (auto& e : two_fields) e.observables.resize(2);
    write_observables(dir / "two.h5", {"x", "noise"}, two_fields, 2);
    const auto message = error_of([&] { run_bdt_apply(model, dir / "model", dir / "two.h5", dir / "x.h5", "t"); });
    EXPECT_NE(message.find("no /observables/n_hits"), std::string::npos) << message;
    EXPECT_NE(message.find("two.h5"), std::string::npos) << message;
    EXPECT_FALSE(std::filesystem::exists(dir / "x.h5"));

    // Not a model directory.
    EXPECT_NE(error_of([&] { BdtModel::load(dir.path()); }).find("not a BDT model directory"), std::string::npos);
    EXPECT_NE(error_of([&] { BdtModel::load(dir / "nothing"); }).find("no such model directory"), std::string::npos);
    std::filesystem::create_directories(dir / "broken");
    test::write_file(dir / "broken" / bdt_files::model, "{not json");
    test::write_file(dir / "broken" / bdt_files::features, "x\n");
    EXPECT_NE(error_of([&] { BdtModel::load(dir / "broken"); }).find("not an XGBoost model"), std::string::npos);
}
}  // namespace
}  // namespace umbra::analysis
