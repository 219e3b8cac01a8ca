#include "umbra/analysis/SeedObservables.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
// A hit in the seed's rotated frame: x = 0 puts it at θ = π/2 (η = 0); (y, z′) set φ.
ShowerHit hit_at(double y_mm, double z_prime_mm, double energy_MeV, double x_mm = 0)
{
    return ShowerHit{x_mm, y_mm, z_prime_mm + 250, energy_MeV, 0};
}

// ROOT bin centres of the 200-bin axes: η ∈ [−2, 2) (width 0.02), φ ∈ [−3.5, 3.5) (0.035).
double eta_centre(int bin) { return -2 + (bin - 0.5) * 0.02; }
double phi_centre(int bin) { return -3.5 + (bin - 0.5) * 0.035; }

TEST(SeedObservables, SingleHitMeasuresItsDistanceToItsBinCentre)
{
    // η = 0 → bin 101 (centre 0.01); φ = 0 → bin 101 (centre 0.0175); p_T = E sin θ = E.
    const std::vector<ShowerHit> hits{hit_at(10, 0, 50)};
    const auto v = SeedObservables().compute(hits);
    const double d = std::hypot(eta_centre(101), phi_centre(101));
    EXPECT_NEAR(v.tau1, 50 * std::pow(d, 2.5), 1e-12 * 50);
    EXPECT_TRUE(std::isnan(v.tau2)) << "one pseudo-jet: the script's exclusive_jets(2) has no answer";
    EXPECT_TRUE(std::isnan(v.jettiness_ratio));
    EXPECT_NEAR(v.angularity, std::pow(d, 5), 1e-15);
}

TEST(SeedObservables, TwoSeparatedHitsHaveTheirOwnAxesForTauTwo)
{
    // φ = +0.5 and φ = −0.5 (y = 10, z′ = ±10 tan 0.5), both at η = 0.
    const double t = std::tan(0.5);
    const std::vector<ShowerHit> hits{hit_at(10, 10 * t, 30), hit_at(10, -10 * t, 70)};
    const auto v = SeedObservables().compute(hits);
    const int up = 1 + static_cast<int>(200 * (0.5 + 3.5) / 7), down = 1 + static_cast<int>(200 * (-0.5 + 3.5) / 7);
    const double d_up = std::hypot(eta_centre(101), phi_centre(up) - 0.5);
    const double d_down = std::hypot(eta_centre(101), phi_centre(down) + 0.5);
    EXPECT_NEAR(v.tau2, 30 * std::pow(d_up, 2.5) + 70 * std::pow(d_down, 2.5), 1e-9);

    // τ₁'s axis: with the prongs ΔR ≈ 1 > R = 0.4 apart, kt never merges them; each merges
    // with the beam (d_iB = p_T²), the softer first, so FastJet's exclusive_jets(1) is the
    // harder pseudo-jet alone (the seed script inherits this from FastJet).
    const double axis_eta = eta_centre(101), axis_phi = phi_centre(down);
    const double tau1 = 30 * std::pow(std::hypot(axis_eta, 0.5 - axis_phi), 2.5) + 70 * std::pow(d_down, 2.5);
    EXPECT_NEAR(v.tau1, tau1, 1e-9 * tau1);
    EXPECT_NEAR(v.jettiness_ratio, v.tau2 / tau1, 1e-9);
    EXPECT_LT(v.jettiness_ratio, 0.01) << "two well separated prongs";

    // Angularity: the harder (70 MeV) anti-kt R = 0.15 jet; the other hit is 1 rad away.
    EXPECT_NEAR(v.angularity, std::pow(d_down, 5), 1e-15);
}

TEST(SeedObservables, HitsOutsideTheHistogramStillEnterTheSums)
{
    // η = 3 is beyond the histogram's [−2, 2): no pseudo-jet, but the script's τ loop runs
    // over every hit.
    const double theta = 2 * std::atan(std::exp(-3.0));
    const double r = 100;
    ShowerHit outside{r * std::cos(theta), r * std::sin(theta), 250, 20, 0};
    const std::vector<ShowerHit> one{hit_at(10, 0, 50)};
    const std::vector<ShowerHit> two{hit_at(10, 0, 50), outside};
    const auto a = SeedObservables().compute(one), b = SeedObservables().compute(two);
    const double pt = 20 * std::sin(2 * std::atan(std::exp(-3.0)));
    const double d = std::hypot(3 - eta_centre(101), phi_centre(101));
    EXPECT_NEAR(b.tau1 - a.tau1, pt * std::pow(d, 2.5), 1e-9 * b.tau1);
    EXPECT_DOUBLE_EQ(b.angularity, a.angularity) << "3 units of η away: outside R = 0.15";
}

TEST(SeedObservables, CollimatedShowerHasLargerRatioThanTwoProngs)
{
    std::vector<ShowerHit> one_prong, two_prong;
    for (int i = 0; i < 40; ++i)
    {
        const double spread = 0.3 * std::sin(1.7 * i);  // mm, deterministic scatter
        one_prong.push_back(ShowerHit{spread, 20 + 0.5 * std::cos(2.3 * i), 400 + 10 * i, 25, i / 2});
        two_prong.push_back(ShowerHit{spread, (i % 2 ? 15.0 : -15.0) + 0.5 * std::cos(2.3 * i), 400 + 10 * i, 25, i / 2});
    }
    const SeedObservables seed;
    EXPECT_GT(seed.compute(one_prong).jettiness_ratio, seed.compute(two_prong).jettiness_ratio);
}

TEST(SeedObservables, EmptyEventIsNotANumber)
{
    const auto v = SeedObservables().compute({});
    EXPECT_TRUE(std::isnan(v.tau1));
    EXPECT_TRUE(std::isnan(v.angularity));
}

TEST(SeedObservables, RejectsNonsenseConfiguration)
{
    SeedObservables::Config c;
    c.jettiness_radius = 0;
    EXPECT_THROW(SeedObservables{c}, InputError);
}
}  // namespace
}  // namespace umbra::analysis
