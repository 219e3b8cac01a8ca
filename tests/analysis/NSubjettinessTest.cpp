#include "umbra/analysis/NSubjettiness.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
//! A particle of energy e in the x–z plane at angle phi from +z.
void add(JetConstituents& jet, double e, double phi)
{
    jet.add(e, e * std::sin(phi), 0, e * std::cos(phi));
}

NSubjettiness unnormalised(double beta, NSubjettiness::Axes axes)
{
    return NSubjettiness({.beta = beta, .axes = axes, .normalisation = NSubjettiness::Normalisation::unnormalised});
}

// τ_N = Σ E_i min_k θ_ik^β (1011.2268 eq. 1 with energies and 3-D angles, alp-physics.md §5.3).
TEST(NSubjettiness, TwoParticlesByHand)
{
    const double theta = 0.1;
    JetConstituents jet;
    add(jet, 3, 0);
    add(jet, 1, theta);
    // E-scheme axis along p₁ + p₂: particle 1 at α₁ = atan2(E₂ sin θ, E₁ + E₂ cos θ), particle 2
    // at θ − α₁ (all in one plane).
    const double a1 = std::atan2(std::sin(theta), 3 + std::cos(theta));
    const double a2 = theta - a1;
    for (double beta : {1.0, 2.0, 0.5})
    {
        const auto kt = unnormalised(beta, NSubjettiness::Axes::kt);
        EXPECT_NEAR(kt(jet, 1), 3 * std::pow(a1, beta) + std::pow(a2, beta), 1e-14) << beta;
        // WTA: the axis is the harder particle.
        const auto wta = unnormalised(beta, NSubjettiness::Axes::wta_kt);
        EXPECT_NEAR(wta(jet, 1), std::pow(theta, beta), 1e-14) << beta;
        // Two axes on two particles; fewer particles than axes: 0.
        EXPECT_EQ(kt(jet, 2), 0);
        EXPECT_EQ(wta(jet, 3), 0);
    }
    // Normalised: d₀ = Σ E_i R₀^β.
    const NSubjettiness normalised({.beta = 2, .axes = NSubjettiness::Axes::wta_kt, .radius = 0.4});
    EXPECT_NEAR(normalised(jet, 1), theta * theta / (4 * 0.16), 1e-14);
}

TEST(NSubjettiness, ThreeParticlesByHand)
{
    // A (E 2) at 0, B (E 1) at δ, C (E 1) at −Θ. Durham merges A+B first (smallest
    // 2 min(E²)(1 − cos θ)), so the two exclusive subjets are AB and C.
    const double delta = 0.02, big = 0.3;
    JetConstituents jet;
    add(jet, 2, 0);
    add(jet, 1, delta);
    add(jet, 1, -big);
    for (double beta : {1.0, 2.0})
    {
        const auto kt = unnormalised(beta, NSubjettiness::Axes::kt);
        const auto wta = unnormalised(beta, NSubjettiness::Axes::wta_kt);
        double tau[3];
        kt(jet, tau);
        // τ₂, kt axes: AB axis at φ = atan2(E_B sin δ, E_A + E_B cos δ) from A.
        const double phi = std::atan2(std::sin(delta), 2 + std::cos(delta));
        EXPECT_NEAR(tau[1], 2 * std::pow(phi, beta) + std::pow(delta - phi, beta), 1e-14) << beta;
        // τ₁, kt axis: the total momentum at ψ from A.
        const double px = std::sin(delta) - std::sin(big), pz = 2 + std::cos(delta) + std::cos(big);
        const double psi = std::atan2(px, pz);
        EXPECT_NEAR(tau[0],
                    2 * std::pow(std::abs(psi), beta) + std::pow(std::abs(delta - psi), beta) +
                        std::pow(std::abs(big + psi), beta),
                    1e-14)
            << beta;
        EXPECT_NEAR(tau[2], 0, 1e-15);
        // WTA: AB points along A (harder); ABC along A too.
        wta(jet, tau);
        EXPECT_NEAR(tau[1], std::pow(delta, beta), 1e-14) << beta;
        EXPECT_NEAR(tau[0], std::pow(delta, beta) + std::pow(big, beta), 1e-14) << beta;
        EXPECT_NEAR(tau[2], 0, 1e-15);
    }
    const auto axes = NSubjettiness::axes(jet, NSubjettiness::Axes::wta_kt, 2);
    ASSERT_EQ(axes.size(), 2u);
    EXPECT_NEAR(axes[0][2], 1, 1e-15);  // AB (E 3) first, along A = +z
    EXPECT_NEAR(axes[1][0], -std::sin(big), 1e-15);
}

TEST(NSubjettiness, EnergyScalingAndValidation)
{
    JetConstituents jet, scaled;
    const double energies[] = {5, 1, 2, 0.5, 3};
    const double angles[] = {0, 0.05, -0.08, 0.2, 0.12};
    for (int i = 0; i < 5; ++i)
    {
        add(jet, energies[i], angles[i]);
        add(scaled, 7 * energies[i], angles[i]);
    }
    const NSubjettiness tau_kt({.beta = 1, .axes = NSubjettiness::Axes::kt});
    double a[3], b[3];
    tau_kt(jet, a);
    tau_kt(scaled, b);
    for (int n = 0; n < 3; ++n) EXPECT_NEAR(a[n], b[n], 1e-14);  // normalised: scale-free
    EXPECT_GT(a[0], a[1]);
    EXPECT_GT(a[1], a[2]);
    EXPECT_GT(a[2], 0);
    const auto raw = unnormalised(1, NSubjettiness::Axes::kt);
    EXPECT_NEAR(raw(scaled, 2), 7 * raw(jet, 2), 1e-12);

    EXPECT_THROW(NSubjettiness({.beta = 0}), InputError);
    EXPECT_THROW(NSubjettiness({.radius = -1}), InputError);
    EXPECT_THROW(tau_kt(jet, 0), InputError);
    EXPECT_EQ(tau_kt(JetConstituents{}, 1), 0);
}
}  // namespace
}  // namespace umbra::analysis
