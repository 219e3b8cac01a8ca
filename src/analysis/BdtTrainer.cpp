#include "umbra/analysis/BdtTrainer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <set>
#include <tuple>

#include "umbra/analysis/BdtModel.hpp"
#include "umbra/analysis/RocCurve.hpp"
#include "umbra/analysis/detail/Xgboost.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/TextOutput.hpp"
#include "umbra/core/Version.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
namespace
{
//! RandomStream stream number of the train/test split (ASCII "bdtsplit").
constexpr std::uint64_t split_stream = 0x62647473706c6974ULL;

//! SplitMix64's finaliser (Steele, Lea & Flood, OOPSLA 2014): mixes the run number before it
//! is combined with the event number into one stream key.
std::uint64_t mix(std::uint64_t x) noexcept
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

bool in_test_split(std::uint64_t seed, double run, double event, double test_fraction) noexcept
{
    const auto as_key = [](double v) {
        return std::isfinite(v) ? static_cast<std::uint64_t>(static_cast<std::int64_t>(v)) : std::uint64_t{0};
    };
    RandomStream rng({.seed = seed, .stream = split_stream, .event = mix(as_key(run)) ^ as_key(event)});
    return rng.uniform() < test_fraction;
}

std::vector<std::string> observable_fields(const io::EventStoreReader& reader)
{
    for (const auto& g : reader.groups())
    {
        if (g.name != "observables") continue;
        if (g.collection)
        {
            throw InputError(SourceLocation{reader.path().string(), 0},
                             "/observables is a collection, expected a per-event table");
        }
        std::vector<std::string> fields;
        for (const auto& f : g.fields) fields.push_back(f.first);
        return fields;
    }
    throw InputError(SourceLocation{reader.path().string(), 0},
                     "no /observables group (not an observable file) write one with `umbra observables`");
}

std::vector<double> events_column(const io::EventStoreReader& reader, const std::string& field, std::uint64_t first,
                                  std::uint64_t count)
{
    if (reader.has_field("events", field) && !reader.group("events").collection)
    {
        return reader.read_event_column("events", field, first, count);
    }
    throw InputError(SourceLocation{reader.path().string(), 0},
                     fmt::format("no per-event dataset /events/{} (the BDT needs /events/weight, run and event)", field));
}

//! The features to train on: the configured ones (each file must have them), or all
//! /observables fields of the first signal file (each file must have exactly those).
std::vector<std::string> check_schemas(const std::vector<std::string>& configured,
                                       const std::vector<std::filesystem::path>& files)
{
    std::vector<std::string> reference;
    std::string reference_file;
    for (const auto& path : files)
    {
        const io::EventStoreReader reader(path);
        const auto fields = observable_fields(reader);
        const SourceLocation where{path.string(), 0};
        const std::set<std::string> have(fields.begin(), fields.end());
        if (!configured.empty())
        {
            for (const auto& f : configured)
            {
                if (!have.count(f))
                {
                    throw InputError(where, fmt::format("no /observables/{} (a requested feature) check the feature "
                                                        "names: this file has {}",
                                                        f, fmt::join(fields, ", ")));
                }
            }
            continue;
        }
        if (reference_file.empty())
        {
            reference = fields;
            reference_file = path.string();
            if (reference.empty()) throw InputError(where, "/observables has no fields (nothing to train on)");
            continue;
        }
        const std::set<std::string> want(reference.begin(), reference.end());
        for (const auto& f : reference)
        {
            if (!have.count(f))
            {
                throw InputError(where, fmt::format("mismatched signal/background schemas: no /observables/{} here, "
                                                    "but {} has it (list the common features to train on)",
                                                    f, reference_file));
            }
        }
        for (const auto& f : fields)
        {
            if (!want.count(f))
            {
                throw InputError(where, fmt::format("mismatched signal/background schemas: extra /observables/{} "
                                                    "here, not in {} (list the common features to train on)",
                                                    f, reference_file));
            }
        }
    }
    return configured.empty() ? reference : configured;
}

//! One class's events, split into train and test.
struct ClassSample
{
    std::vector<float> train_rows, test_rows;
    std::vector<double> train_weights, test_weights;
};

ClassSample read_class(const std::vector<std::filesystem::path>& files, const std::vector<std::string>& features,
                       const BdtTrainer::Config& config, const char* name, BdtSampleSummary& summary)
{
    ClassSample sample;
    const auto n_features = features.size();
    constexpr std::uint64_t block = 65536;
    for (const auto& path : files)
    {
        summary.files.push_back(FileChecksum::of(path).to_string());
        const io::EventStoreReader reader(path);
        for (std::uint64_t first = 0; first < reader.events(); first += block)
        {
            const auto count = std::min(block, reader.events() - first);
            const auto rows = read_observable_rows(reader, features, first, count);
            const auto weight = events_column(reader, "weight", first, count);
            const auto run = events_column(reader, "run", first, count);
            const auto event = events_column(reader, "event", first, count);
            for (std::uint64_t i = 0; i < count; ++i)
            {
                if (!std::isfinite(weight[i]) || weight[i] < 0)
                {
                    throw InputError(SourceLocation{path.string(), 0},
                                     fmt::format("event {} has weight {} (BDT training needs finite weights >= 0; "
                                                 "negative weights make the logistic loss unbounded) drop or merge "
                                                 "such events before training",
                                                 first + i, weight[i]));
                }
                const bool test = in_test_split(config.seed, run[i], event[i], config.test_fraction);
                auto& rows_out = test ? sample.test_rows : sample.train_rows;
                rows_out.insert(rows_out.end(), rows.begin() + static_cast<std::ptrdiff_t>(i * n_features),
                                rows.begin() + static_cast<std::ptrdiff_t>((i + 1) * n_features));
                (test ? sample.test_weights : sample.train_weights).push_back(weight[i]);
                (test ? summary.test_weight : summary.train_weight) += weight[i];
            }
        }
    }
    summary.train_events = sample.train_weights.size();
    summary.test_events = sample.test_weights.size();
    const auto n = summary.train_events + summary.test_events;
    if (n == 0)
    {
        std::vector<std::string> paths;
        for (const auto& f : files) paths.push_back(f.string());
        throw InputError(fmt::format("no {} events in {} (both classes need events to train on)", name,
                                     fmt::join(paths, ", ")));
    }
    for (const auto& [split, events, weight] :
         {std::tuple{"training", summary.train_events, summary.train_weight},
          std::tuple{"test", summary.test_events, summary.test_weight}})
    {
        if (events == 0 || !(weight > 0))
        {
            throw InputError(fmt::format("no {} events with positive weight in the {} split ({} events, test "
                                         "fraction {}) give more events or another test fraction",
                                         name, split, n, config.test_fraction));
        }
    }
    return sample;
}

std::string toml_string(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text)
    {
        switch (c)
        {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            else
                out += c;
        }
    }
    return out + "\"";
}

std::string toml_float(double value)
{
    auto text = fmt::format("{}", value);
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // n: nan and inf
    return text;
}

std::string toml_strings(const std::vector<std::string>& values)
{
    std::vector<std::string> quoted;
    for (const auto& v : values) quoted.push_back(toml_string(v));
    return fmt::format("[{}]", fmt::join(quoted, ", "));
}

//! The model directory: refuse to replace anything but an empty or a model directory.
void check_replaceable(const std::filesystem::path& output)
{
    const auto status = std::filesystem::symlink_status(output);
    if (!std::filesystem::exists(status)) return;
    const SourceLocation where{output.string(), 0};
    if (!std::filesystem::is_directory(status))
    {
        throw InputError(where, "exists and is not a directory; refusing to replace it (choose another output)");
    }
    if (std::filesystem::is_empty(output)) return;
    if (!std::filesystem::is_regular_file(output / bdt_files::model) ||
        !std::filesystem::is_regular_file(output / bdt_files::summary))
    {
        throw InputError(where, fmt::format("exists and is not a BDT model directory (no {} and {}); refusing to "
                                            "replace it (choose another output or remove it)",
                                            bdt_files::model, bdt_files::summary));
    }
}

//! A hidden directory next to the destination, removed unless committed.
class TemporaryModelDirectory
{
public:
    explicit TemporaryModelDirectory(std::filesystem::path destination) : destination_(std::move(destination))
    {
        static std::atomic<int> counter{0};
        path_ = destination_.parent_path() /
                fmt::format(".{}.tmp-{}-{}", destination_.filename().string(), getpid(), counter++);
        std::filesystem::create_directories(destination_.parent_path());
        std::filesystem::remove_all(path_);
        if (!std::filesystem::create_directory(path_))
        {
            throw InputError(SourceLocation{path_.string(), 0}, "cannot create the temporary model directory");
        }
    }
    ~TemporaryModelDirectory()
    {
        std::error_code ec;
        if (!committed_) std::filesystem::remove_all(path_, ec);
    }
    TemporaryModelDirectory(const TemporaryModelDirectory&) = delete;
    TemporaryModelDirectory& operator=(const TemporaryModelDirectory&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

    //! Move into place: a plain rename, or an atomic exchange with an existing model directory
    //! (whose old content is then removed).
    void commit()
    {
        check_replaceable(destination_);
        const bool exists = std::filesystem::exists(std::filesystem::symlink_status(destination_));
        if (exists && !std::filesystem::is_empty(destination_))
        {
            if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) == 0)
            {
                std::filesystem::remove_all(path_);  // now the old model
                committed_ = true;
                return;
            }
            // No RENAME_EXCHANGE on this file system: move the old model aside first.
            const auto old = path_.string() + ".old";
            std::filesystem::rename(destination_, old);
            std::filesystem::rename(path_, destination_);
            std::filesystem::remove_all(old);
            committed_ = true;
            return;
        }
        std::error_code ec;
        std::filesystem::rename(path_, destination_, ec);
        if (ec)
        {
            throw InputError(SourceLocation{destination_.string(), 0},
                             fmt::format("cannot move the model directory into place ({})", ec.message()));
        }
        committed_ = true;
    }

private:
    std::filesystem::path destination_;
    std::filesystem::path path_;
    bool committed_ = false;
};

std::vector<FeatureImportance> feature_importance(const detail::XgbBooster& booster,
                                                  const std::vector<std::string>& features)
{
    std::map<std::string, FeatureImportance> by_name;
    for (const auto& f : features) by_name[f].feature = f;
    for (const char* type : {"gain", "weight", "cover"})
    {
        bst_ulong n = 0, dimension = 0;
        const char** names = nullptr;
        const bst_ulong* shape = nullptr;
        const float* scores = nullptr;
        detail::xgb_check(XGBoosterFeatureScore(booster.get(), fmt::format(R"({{"importance_type": "{}"}})", type).c_str(),
                                                &n, &names, &dimension, &shape, &scores),
                          fmt::format("compute the {} feature importance", type));
        for (bst_ulong i = 0; i < n; ++i)
        {
            const auto it = by_name.find(names[i]);
            if (it == by_name.end()) continue;
            (std::string_view(type) == "gain" ? it->second.gain
             : std::string_view(type) == "weight" ? it->second.weight
                                                  : it->second.cover) = scores[i];
        }
    }
    std::vector<FeatureImportance> result;
    for (const auto& f : features) result.push_back(by_name[f]);
    std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.gain > b.gain; });
    return result;
}

void write_summary(const std::filesystem::path& path, const BdtTrainingSummary& s, const BdtTrainer::Config& c,
                   const std::string& command_line)
{
    TextOutput out(path, Compression::none);
    auto& b = out.buffer();
    const auto it = std::back_inserter(b);
    fmt::format_to(it, "# umbra bdt train: model summary (docs/analysis.md)\n");
    fmt::format_to(it, "umbra_version = {}\ncommand = {}\n", toml_string(version()), toml_string(command_line));
    fmt::format_to(it, "auc_test = {}\nauc_train = {}\nfeatures = {}\n\n", toml_float(s.auc_test),
                   toml_float(s.auc_train), toml_strings(s.features));
    fmt::format_to(it,
                   "[parameters]\nobjective = \"binary:logistic\"\ntree_method = \"hist\"\nn_trees = {}\nmax_depth = "
                   "{}\nlearning_rate = {}\nsubsample = {}\ntest_fraction = {}\nseed = {}\nthreads = {}  # the model "
                   "does not depend on it\nweight_normalisation = \"each class scaled to a total training weight of "
                   "(n_train_signal + n_train_background) / 2\"\n",
                   c.n_trees, c.max_depth, toml_float(c.learning_rate), toml_float(c.subsample),
                   toml_float(c.test_fraction), c.seed, c.threads);
    for (const auto& [name, sample] : {std::pair{"signal", &s.signal}, std::pair{"background", &s.background}})
    {
        fmt::format_to(it,
                       "\n[{}]\nfiles = {}\ntrain_events = {}\ntest_events = {}\ntrain_weight = {}\ntest_weight = "
                       "{}\n",
                       name, toml_strings(sample->files), sample->train_events, sample->test_events,
                       toml_float(sample->train_weight), toml_float(sample->test_weight));
    }
    out.close();
}

std::filesystem::path normalised(const std::filesystem::path& output)
{
    auto path = std::filesystem::absolute(output).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();  // "model/"
    return path;
}
}  // namespace

BdtTrainer::BdtTrainer(Config config) : config_(std::move(config))
{
    const auto& c = config_;
    if (c.n_trees < 1) throw InputError(fmt::format("BDT: n_trees = {} (at least 1 tree is needed)", c.n_trees));
    if (c.max_depth < 1 || c.max_depth > 20)
        throw InputError(fmt::format("BDT: max_depth = {} (expected 1..20)", c.max_depth));
    if (!(c.learning_rate > 0 && c.learning_rate <= 1))
        throw InputError(fmt::format("BDT: learning_rate = {} (expected 0 < rate <= 1)", c.learning_rate));
    if (!(c.subsample > 0 && c.subsample <= 1))
        throw InputError(fmt::format("BDT: subsample = {} (expected 0 < fraction <= 1)", c.subsample));
    if (!(c.test_fraction > 0 && c.test_fraction < 1))
    {
        throw InputError(fmt::format("BDT: test_fraction = {} (expected 0 < fraction < 1: both the training and the "
                                     "test sample need events)",
                                     c.test_fraction));
    }
    if (c.threads < 1) throw InputError("BDT: threads must be at least 1");
    const std::set<std::string> unique(c.features.begin(), c.features.end());
    if (unique.size() != c.features.size()) throw InputError("BDT: a feature is listed twice");
    for (const auto& f : c.features)
    {
        if (f.empty()) throw InputError("BDT: empty feature name");
    }
}

BdtTrainingSummary BdtTrainer::train(const std::vector<std::filesystem::path>& signal,
                                     const std::vector<std::filesystem::path>& background,
                                     const std::filesystem::path& output, const std::string& command_line) const
{
    if (signal.empty()) throw InputError("BDT training: no signal files given");
    if (background.empty()) throw InputError("BDT training: no background files given");
    const auto directory = normalised(output);
    check_replaceable(directory);  // fail before the work

    BdtTrainingSummary summary;
    std::vector<std::filesystem::path> all(signal);
    all.insert(all.end(), background.begin(), background.end());
    summary.features = check_schemas(config_.features, all);
    const auto& features = summary.features;
    const auto n_features = features.size();

    const auto sig = read_class(signal, features, config_, "signal", summary.signal);
    const auto bkg = read_class(background, features, config_, "background", summary.background);

    // Training sample: signal then background; each class scaled to (n_train_s + n_train_b) / 2.
    const auto n_train = summary.signal.train_events + summary.background.train_events;
    const double target = static_cast<double>(n_train) / 2;
    std::vector<float> rows(sig.train_rows);
    rows.insert(rows.end(), bkg.train_rows.begin(), bkg.train_rows.end());
    std::vector<float> labels, weights;
    labels.reserve(n_train);
    weights.reserve(n_train);
    for (const auto w : sig.train_weights)
    {
        labels.push_back(1.0f);
        weights.push_back(static_cast<float>(w * target / summary.signal.train_weight));
    }
    for (const auto w : bkg.train_weights)
    {
        labels.push_back(0.0f);
        weights.push_back(static_cast<float>(w * target / summary.background.train_weight));
    }
    detail::XgbMatrix train(rows, n_features, config_.threads);
    train.set_labels(labels);
    train.set_weights(weights);
    train.set_feature_names(features);
    rows.clear();
    rows.shrink_to_fit();

    const DMatrixHandle cache[] = {train.get()};
    auto booster = std::make_unique<detail::XgbBooster>(cache);
    booster->set_param("objective", "binary:logistic");
    booster->set_param("base_score", "0.5");
    booster->set_param("tree_method", "hist");
    booster->set_param("max_depth", std::to_string(config_.max_depth));
    booster->set_param("eta", fmt::format("{}", config_.learning_rate));
    booster->set_param("subsample", fmt::format("{}", config_.subsample));
    booster->set_param("seed", std::to_string(config_.seed & 0x7fffffffffffffffULL));
    booster->set_param("nthread", std::to_string(config_.threads));
    booster->set_feature_names(features);
    log().info("bdt: training {} trees on {} signal and {} background events, {} features", config_.n_trees,
               summary.signal.train_events, summary.background.train_events, n_features);
    for (int iteration = 0; iteration < config_.n_trees; ++iteration)
    {
        detail::xgb_check(XGBoosterUpdateOneIter(booster->get(), iteration, train.get()),
                          fmt::format("train tree {}", iteration));
    }

    // Scores and ROC curves with the original weights.
    const auto evaluate = [&](const ClassSample& s, const ClassSample& b, bool test, std::vector<double>& scores,
                              std::vector<EventClass>& classes, std::vector<double>& w) {
        const auto& srows = test ? s.test_rows : s.train_rows;
        const auto& brows = test ? b.test_rows : b.train_rows;
        std::vector<float> all_rows(srows);
        all_rows.insert(all_rows.end(), brows.begin(), brows.end());
        const detail::XgbMatrix matrix(all_rows, n_features, config_.threads);
        const auto predicted = booster->predict(matrix);
        scores.assign(predicted.begin(), predicted.end());
        const auto& sw = test ? s.test_weights : s.train_weights;
        const auto& bw = test ? b.test_weights : b.train_weights;
        classes.assign(sw.size(), EventClass::signal);
        classes.insert(classes.end(), bw.size(), EventClass::background);
        w = sw;
        w.insert(w.end(), bw.begin(), bw.end());
    };
    std::vector<double> test_scores, test_weights, train_scores, train_weights;
    std::vector<EventClass> test_classes, train_classes;
    evaluate(sig, bkg, true, test_scores, test_classes, test_weights);
    evaluate(sig, bkg, false, train_scores, train_classes, train_weights);
    const RocCurve roc_test(test_scores, test_classes, test_weights);
    const RocCurve roc_train(train_scores, train_classes, train_weights);
    summary.auc_test = roc_test.auc();
    summary.auc_train = roc_train.auc();
    summary.importance = feature_importance(*booster, features);
    summary.directory = directory;

    // The model directory.
    TemporaryModelDirectory temporary(directory);
    const auto& dir = temporary.path();
    const BdtModel model(std::move(booster), features, config_.threads);
    model.save(dir);
    roc_test.write_csv(dir / bdt_files::roc_test);
    roc_train.write_csv(dir / bdt_files::roc_train);
    {
        TextOutput out(dir / bdt_files::importance, Compression::none);
        out.write("feature,gain,weight,cover\n");
        for (const auto& f : summary.importance)
        {
            fmt::format_to(std::back_inserter(out.buffer()), "{},{},{},{}\n", f.feature, f.gain, f.weight, f.cover);
        }
        out.close();
    }
    {
        TextOutput out(dir / bdt_files::scores_test, Compression::none);
        out.write("label,weight,score\n");
        for (std::size_t i = 0; i < test_scores.size(); ++i)
        {
            fmt::format_to(std::back_inserter(out.buffer()), "{},{},{}\n",
                           test_classes[i] == EventClass::signal ? 1 : 0, test_weights[i],
                           static_cast<float>(test_scores[i]));
            out.maybe_flush();
        }
        out.close();
    }
    write_summary(dir / bdt_files::summary, summary, config_, command_line);
    temporary.commit();
    log().info("bdt: AUC {:.4f} (test), {:.4f} (training); model in {}", summary.auc_test, summary.auc_train,
               directory.string());
    return summary;
}
}  // namespace umbra::analysis
