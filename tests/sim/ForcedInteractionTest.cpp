#include "umbra/sim/ForcedInteraction.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/PhysicsTables.hpp"

namespace umbra::sim
{
namespace
{
using Segment = ForcedInteraction::Segment;

// Two slabs along +z from the origin: [0, 10] mm with mu_t = 0.1, mu_p = 0.05 /mm, then
// [10, 30] mm with mu_t = 0.2, mu_p = 0.15 /mm; the window starts at z = 5 mm.
const std::vector<Segment> slabs{{0, 10, 1, 0, 0.1, 0.05}, {10, 30, 2, 1, 0.2, 0.15}};
const ThreeVector origin{0, 0, 0};
const ThreeVector along_z{0, 0, 1};

double analytic_probability()
{
    // P = (0.05/0.1) e^{-0.5} (1 - e^{-0.5}) + (0.15/0.2) e^{-1} (1 - e^{-4})  (file comment formula)
    return 0.5 * std::exp(-0.5) * (1 - std::exp(-0.5)) + 0.75 * std::exp(-1.0) * (1 - std::exp(-4.0));
}

TEST(ForcedInteraction, ProbabilityOfTwoSlabsByHand)
{
    const ForcedInteraction forced(nullptr, nullptr);
    EXPECT_NEAR(forced.probability(slabs, origin, along_z, {.z_min = 5}), analytic_probability(), 1e-14);
    // Window beyond the path: nothing; window from the start: the whole path.
    EXPECT_EQ(forced.probability(slabs, origin, along_z, {.z_min = 40}), 0.0);
    const double whole = 0.5 * (1 - std::exp(-1.0)) + 0.75 * std::exp(-1.0) * (1 - std::exp(-4.0));
    EXPECT_NEAR(forced.probability(slabs, origin, along_z, {}), whole, 1e-14);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    EXPECT_FALSE(forced.force(slabs, origin, along_z, {.z_min = 40}, rng).has_value());
}

TEST(ForcedInteraction, WeightedForcedSampleEqualsBruteForce)
{
    // Brute force: sample the first interaction point from tau ~ Exp(1) along the slabs, pick
    // the process with probability mu_p / mu_t, count those inside the window. Forced: every
    // draw is inside the window with weight P. Both estimate P and the distribution of s; compare
    // the yield and the fraction in the first slab (5 standard errors of the brute force).
    const ForcedInteraction forced(nullptr, nullptr);
    RandomStream rng({.seed = 2, .stream = StreamId::test, .event = 0});
    constexpr int n = 400000;
    int accepted = 0, accepted_first = 0;
    for (int i = 0; i < n; ++i)
    {
        double tau = -std::log(rng.uniform_open());
        for (const auto& seg : slabs)
        {
            const double depth = seg.total * (seg.end - seg.begin);
            if (tau > depth)
            {
                tau -= depth;
                continue;
            }
            const double s = seg.begin + tau / seg.total;
            if (s >= 5 && rng.uniform() < seg.process / seg.total)
            {
                ++accepted;
                accepted_first += s < 10;
            }
            break;
        }
    }
    const double p_brute = static_cast<double>(accepted) / n;
    EXPECT_NEAR(p_brute, analytic_probability(), 5 * std::sqrt(p_brute * (1 - p_brute) / n));

    double weight_sum = 0, weight_first = 0, mean_s_second = 0;
    int second = 0;
    for (int i = 0; i < n; ++i)
    {
        const auto r = forced.force(slabs, origin, along_z, {.z_min = 5}, rng);
        ASSERT_TRUE(r);
        ASSERT_GE(r->path_length, 5.0);
        ASSERT_LE(r->path_length, 30.0);
        weight_sum += r->probability;
        if (r->path_length < 10)
        {
            weight_first += r->probability;
        }
        else
        {
            mean_s_second += r->path_length;
            ++second;
        }
    }
    EXPECT_NEAR(weight_sum / n, analytic_probability(), 1e-12);  // every weight is P
    const double f_brute = static_cast<double>(accepted_first) / accepted;
    EXPECT_NEAR(weight_first / weight_sum, f_brute, 5 * std::sqrt(f_brute * (1 - f_brute) / accepted));
    // Inside the second slab s - 10 follows Exp(0.2) truncated to [0, 20]:
    // mean = 1/mu - L e^{-mu L} / (1 - e^{-mu L}) = 5 - 20 e^{-4} / (1 - e^{-4}).
    const double expected_mean = 10 + 5 - 20 * std::exp(-4.0) / (1 - std::exp(-4.0));
    EXPECT_NEAR(mean_s_second / second, expected_mean, 5 * 5.0 / std::sqrt(second));
}

TEST(ForcedInteraction, TraceThroughTheLdmxDetector)
{
    const auto geometry = geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    const auto tables = std::make_shared<const PhysicsTables>(*geometry, PhysicsConfig{});
    const ForcedInteraction forced(geometry, tables);
    const ThreeVector start{0, 0, 0.1};
    const auto segments = forced.trace(start, along_z, 5000.0, ProcessId::conversion);
    ASSERT_GT(segments.size(), 100u);  // target, trackers, 34 ECal bilayers' slabs, 96 HCal layers
    for (std::size_t i = 1; i < segments.size(); ++i) EXPECT_NEAR(segments[i].begin, segments[i - 1].end, 1e-9);
    EXPECT_GT(start.z + segments.back().end, 5000.0);  // through the back HCal to the world's end
    // Conversion dominates at 5 GeV: mu_p / mu_t > 0.95 in tungsten (PDG: the pair cross-section
    // is ~98 % of the total above 1 GeV in high-Z materials).
    const int w = geometry->find_material("G4_W");
    ASSERT_GE(w, 0);
    EXPECT_GT(tables->cross_section(ProcessId::conversion, ParticleKind::gamma, w, 5000.0) /
                  tables->total_cross_section(ParticleKind::gamma, w, 5000.0),
              0.95);
    // P(z_min) falls with z_min; inside the ECal only, it is the same here (the ray beyond the
    // ECal starts at its back) for z_min in the ECal.
    const int ecal = geometry->find_region("ecal");
    ASSERT_GE(ecal, 0);
    double previous = 1;
    for (const double z : {250.0, 350.0, 450.0, 600.0, 750.0})
    {
        const double p = forced.probability(segments, start, along_z, {.z_min = z, .region = ecal});
        EXPECT_LT(p, previous) << "z_min " << z;
        EXPECT_GT(p, 0) << "z_min " << z;
        previous = p;
    }
    EXPECT_EQ(forced.probability(segments, start, along_z, {.z_min = 900, .region = ecal}), 0.0);
}
}  // namespace
}  // namespace umbra::sim
