#include "umbra/analysis/RocCurve.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"
#include "umbra/core/RandomStream.hpp"

namespace umbra::analysis
{
namespace
{
constexpr auto S = EventClass::signal;
constexpr auto B = EventClass::background;

//! Standard error of an AUC estimate from n_s signal and n_b background events: Hanley &
//! McNeil, Radiology 143 (1982) 29, eq. (2), with Q1 = A/(2 - A), Q2 = 2A²/(1 + A).
double auc_error(double a, double n_s, double n_b)
{
    const double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
    return std::sqrt((a * (1 - a) + (n_s - 1) * (q1 - a * a) + (n_b - 1) * (q2 - a * a)) / (n_s * n_b));
}

//! Φ(Δ/√2): the AUC of the score x for x ~ N(Δ, 1) (signal) against N(0, 1) (background), since
//! x_s - x_b ~ N(Δ, 2).
double gaussian_auc(double delta) { return 0.5 * std::erfc(-delta / 2); }

TEST(RocCurve, HandComputedTiesAndWeights)
{
    // Signal (score, weight): (0.9, 1) (0.5, 2) (0.2, 1); background: (0.5, 1) (0.2, 3) (0.1, 1).
    const std::vector<double> scores{0.9, 0.5, 0.2, 0.5, 0.2, 0.1};
    const std::vector<EventClass> classes{S, S, S, B, B, B};
    const std::vector<double> weights{1, 2, 1, 1, 3, 1};
    const RocCurve roc(scores, classes, weights);
    EXPECT_DOUBLE_EQ(roc.signal_weight(), 4);
    EXPECT_DOUBLE_EQ(roc.background_weight(), 5);
    // One point per distinct score: the ties at 0.5 and 0.2 are single steps.
    const std::vector<RocPoint> expected{{std::numeric_limits<double>::infinity(), 0, 0},
                                         {0.9, 0.25, 0},
                                         {0.5, 0.75, 0.2},
                                         {0.2, 1, 0.8},
                                         {0.1, 1, 1}};
    ASSERT_EQ(roc.points().size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k)
    {
        EXPECT_EQ(roc.points()[k].threshold, expected[k].threshold) << k;
        EXPECT_DOUBLE_EQ(roc.points()[k].signal_efficiency, expected[k].signal_efficiency) << k;
        EXPECT_DOUBLE_EQ(roc.points()[k].background_efficiency, expected[k].background_efficiency) << k;
    }
    // Weighted pairs (w_s w_b / 20): s=0.9 beats all 5; s=0.5 beats 4 and ties 1 (x2);
    // s=0.2 beats 1 and ties 3: (5 + 2 (4 + 0.5) + 1 + 1.5) / 20 = 16.5 / 20.
    EXPECT_DOUBLE_EQ(roc.auc(), 0.825);
    EXPECT_DOUBLE_EQ(roc.signal_efficiency_at(0.0), 0.25);
    EXPECT_DOUBLE_EQ(roc.signal_efficiency_at(0.5), 0.875);  // halfway from (0.2, 0.75) to (0.8, 1)
    EXPECT_DOUBLE_EQ(roc.signal_efficiency_at(1.0), 1.0);
}

TEST(RocCurve, AllTiedIsOneHalf)
{
    const std::vector<double> scores{0.3, 0.3, 0.3};
    const std::vector<EventClass> classes{S, B, B};
    const std::vector<double> weights{1, 1, 5};
    const RocCurve roc(scores, classes, weights);
    EXPECT_EQ(roc.points().size(), 2u);
    EXPECT_DOUBLE_EQ(roc.auc(), 0.5);
}

TEST(RocCurve, PerfectAndReversedSeparation)
{
    std::vector<double> scores;
    std::vector<EventClass> classes;
    std::vector<double> weights;
    for (int i = 0; i < 100; ++i)
    {
        scores.push_back(i < 50 ? 1.0 + i : -1.0 - i);
        classes.push_back(i < 50 ? S : B);
        weights.push_back(0.5 + i % 3);
    }
    EXPECT_DOUBLE_EQ(RocCurve(scores, classes, weights).auc(), 1.0);
    for (auto& s : scores) s = -s;
    const RocCurve reversed(scores, classes, weights);
    EXPECT_DOUBLE_EQ(reversed.auc(), 0.0);
    EXPECT_DOUBLE_EQ(reversed.signal_efficiency_at(0.5), 0.0);
}

TEST(RocCurve, WeightTwoEqualsADuplicate)
{
    RandomStream rng({.seed = 3, .stream = StreamId::test, .event = 0});
    std::vector<double> scores, weights, dup_scores, dup_weights;
    std::vector<EventClass> classes, dup_classes;
    for (int i = 0; i < 200; ++i)
    {
        const double score = std::floor(rng.uniform() * 20);  // many ties
        const auto c = i % 3 == 0 ? S : B;
        const bool doubled = rng.uniform() < 0.3;
        scores.push_back(score);
        classes.push_back(c);
        weights.push_back(doubled ? 2.0 : 1.0);
        for (int k = 0; k < (doubled ? 2 : 1); ++k)
        {
            dup_scores.push_back(score);
            dup_classes.push_back(c);
            dup_weights.push_back(1.0);
        }
    }
    const RocCurve weighted(scores, classes, weights), duplicated(dup_scores, dup_classes, dup_weights);
    EXPECT_NEAR(weighted.auc(), duplicated.auc(), 1e-12);
    ASSERT_EQ(weighted.points().size(), duplicated.points().size());
    for (std::size_t k = 0; k < weighted.points().size(); ++k)
    {
        EXPECT_NEAR(weighted.points()[k].signal_efficiency, duplicated.points()[k].signal_efficiency, 1e-12);
        EXPECT_NEAR(weighted.points()[k].background_efficiency, duplicated.points()[k].background_efficiency, 1e-12);
    }
}

TEST(RocCurve, IdenticalDistributionsGiveOneHalf)
{
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 1});
    const std::size_t n = 20000;
    std::vector<double> scores;
    std::vector<EventClass> classes;
    for (std::size_t i = 0; i < 2 * n; ++i)
    {
        scores.push_back(standard_normal(rng));
        classes.push_back(i < n ? S : B);
    }
    const std::vector<double> weights(2 * n, 1.0);
    const RocCurve roc(scores, classes, weights);
    const double sigma = auc_error(0.5, n, n);  // = sqrt((2n + 1) / (12 n²)) (Mann-Whitney)
    EXPECT_NEAR(roc.auc(), 0.5, 4 * sigma) << "sigma " << sigma;
}

TEST(RocCurve, GaussianScoreReachesAnalyticAuc)
{
    RandomStream rng({.seed = 2, .stream = StreamId::test, .event = 2});
    const std::size_t n = 20000;
    const double delta = 1.0;
    std::vector<double> scores;
    std::vector<EventClass> classes;
    for (std::size_t i = 0; i < 2 * n; ++i)
    {
        scores.push_back(standard_normal(rng) + (i < n ? delta : 0.0));
        classes.push_back(i < n ? S : B);
    }
    const RocCurve roc(scores, classes, std::vector<double>(2 * n, 1.0));
    const double expected = gaussian_auc(delta);  // 0.7602
    EXPECT_NEAR(roc.auc(), expected, 4 * auc_error(expected, n, n));
}

TEST(RocCurve, BadInputIsRejected)
{
    const std::vector<EventClass> classes{S, B};
    const auto message = [&](std::vector<double> scores, std::vector<double> weights) {
        try
        {
            RocCurve(scores, classes, weights);
        }
        catch (const InputError& e)
        {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message({NAN, 1}, {1, 1}).find("NaN"), std::string::npos);
    EXPECT_NE(message({1, 2}, {-1, 1}).find("weight -1"), std::string::npos);
    EXPECT_NE(message({1, 2}, {1, 0}).find("positive weight"), std::string::npos);
    EXPECT_THROW(RocCurve(std::vector<double>{1.0}, classes, std::vector<double>{1.0}), InputError);
}

TEST(RocCurve, WritesCsv)
{
    test::TemporaryDirectory dir;
    const RocCurve roc(std::vector<double>{0.75, 0.25}, std::vector<EventClass>{S, B}, std::vector<double>{1, 1});
    roc.write_csv(dir / "roc.csv");
    EXPECT_EQ(test::read_file(dir / "roc.csv"),
              "threshold,signal_efficiency,background_efficiency\ninf,0,0\n0.75,1,0\n0.25,1,1\n");
}
}  // namespace
}  // namespace umbra::analysis
