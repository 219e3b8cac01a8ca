#include "umbra/analysis/SoftDropGroomer.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
void add(JetConstituents& jet, double e, double phi)
{
    jet.add(e, e * std::sin(phi), 0, e * std::cos(phi));
}

//! Mass of two massless particles: m² = 2 E₁E₂ (1 − cos θ).
double pair_mass(double e1, double e2, double theta)
{
    return std::sqrt(2 * e1 * e2 * (1 - std::cos(theta)));
}

// Condition of 1402.2657 eq. (2) with energies: min(E₁,E₂)/(E₁+E₂) > z_cut (θ₁₂/R₀)^β.
TEST(SoftDropGroomer, BalancedPairKept)
{
    JetConstituents jet;
    add(jet, 1, 0);
    add(jet, 1, 0.05);
    const auto r = SoftDropGroomer()(jet);
    EXPECT_DOUBLE_EQ(r.z_g, 0.5);
    EXPECT_NEAR(r.r_g, 0.05, 1e-15);
    EXPECT_DOUBLE_EQ(r.energy_MeV, 2);
    EXPECT_NEAR(r.mass_MeV, pair_mass(1, 1, 0.05), 1e-12);
    EXPECT_EQ(r.n_constituents, 2u);
}

TEST(SoftDropGroomer, SoftWideParticleDropped)
{
    // Core pair (4, 3) 0.02 apart; a soft (0.2) particle 0.15 away. C/A merges the core
    // first, so the last merging is core + soft: z = 0.2/7.2 < 0.1 → dropped; then the core
    // splitting has z = 3/7 > 0.1 → stop.
    JetConstituents jet;
    add(jet, 4, 0);
    add(jet, 3, 0.02);
    add(jet, 0.2, -0.15);
    const auto r = SoftDropGroomer()(jet);
    EXPECT_NEAR(r.z_g, 3.0 / 7, 1e-15);
    EXPECT_NEAR(r.r_g, 0.02, 1e-15);
    EXPECT_NEAR(r.energy_MeV, 7, 1e-14);
    EXPECT_NEAR(r.mass_MeV, pair_mass(4, 3, 0.02), 1e-11);
    EXPECT_EQ(r.n_constituents, 2u);
    const auto kept = SoftDropGroomer().groomed_constituents(jet);
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[0], 0u);
    EXPECT_EQ(kept[1], 1u);
    // z_cut below 0.2/7.2 keeps everything: the widest splitting is the one tagged.
    const auto loose = SoftDropGroomer({.z_cut = 0.02})(jet);
    EXPECT_NEAR(loose.z_g, 0.2 / 7.2, 1e-15);
    EXPECT_EQ(loose.n_constituents, 3u);
    EXPECT_NEAR(loose.energy_MeV, 7.2, 1e-14);
}

TEST(SoftDropGroomer, AngularExponent)
{
    // z = 0.08 at θ = 0.05 with R₀ = 0.2: β = 0 cut 0.1 drops it, β = 1 cut 0.1 · 0.25 keeps it.
    JetConstituents jet;
    add(jet, 0.92, 0);
    add(jet, 0.08, 0.05);
    const auto mmdt = SoftDropGroomer({.z_cut = 0.1, .beta = 0, .radius = 0.2})(jet);
    EXPECT_EQ(mmdt.z_g, 0);  // groomed to one particle
    EXPECT_EQ(mmdt.r_g, 0);
    EXPECT_EQ(mmdt.mass_MeV, 0);
    EXPECT_NEAR(mmdt.energy_MeV, 0.92, 1e-15);
    EXPECT_EQ(mmdt.n_constituents, 1u);
    const auto sd = SoftDropGroomer({.z_cut = 0.1, .beta = 1, .radius = 0.2})(jet);
    EXPECT_NEAR(sd.z_g, 0.08, 1e-15);
    EXPECT_NEAR(sd.r_g, 0.05, 1e-15);
    EXPECT_NEAR(sd.mass_MeV, pair_mass(0.92, 0.08, 0.05), 1e-12);
}

TEST(SoftDropGroomer, DegenerateJetsAndValidation)
{
    JetConstituents one;
    add(one, 5, 0.1);
    const auto r = SoftDropGroomer()(one);
    EXPECT_EQ(r.z_g, 0);
    EXPECT_EQ(r.r_g, 0);
    EXPECT_EQ(r.mass_MeV, 0);
    EXPECT_EQ(r.energy_MeV, 5);
    EXPECT_EQ(r.n_constituents, 1u);
    const auto empty = SoftDropGroomer()(JetConstituents{});
    EXPECT_TRUE(std::isnan(empty.z_g) && std::isnan(empty.mass_MeV));
    EXPECT_EQ(empty.n_constituents, 0u);
    EXPECT_THROW(SoftDropGroomer({.z_cut = -0.1}), InputError);
    EXPECT_THROW(SoftDropGroomer({.z_cut = 1}), InputError);
    EXPECT_THROW(SoftDropGroomer({.beta = -1}), InputError);
    EXPECT_THROW(SoftDropGroomer({.radius = 0}), InputError);
}
}  // namespace
}  // namespace umbra::analysis
