#include "umbra/analysis/EnergyCorrelators.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/analysis/ShowerParticles.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
void add(JetConstituents& jet, double e, double phi)
{
    jet.add(e, e * std::sin(phi), 0, e * std::cos(phi));
}

// Definitions of 1305.0007 (e2, e3, C2), 1409.6298 (D2), 1609.07483 (₂e3, N2), written as
// plain loops with atan2 angles (alp-physics.md §5.4).
EnergyCorrelatorValues reference(const JetConstituents& jet, double beta)
{
    const std::size_t n = jet.size();
    const double ej = jet.energy_sum();
    auto z = [&](std::size_t i) { return jet.energy()[i] / ej; };
    auto t = [&](std::size_t i, std::size_t j) {
        return std::pow(opening_angle(jet.direction(i), jet.direction(j)), beta);
    };
    EnergyCorrelatorValues v;
    for (std::size_t i = 0; i < n; ++i)
    {
        for (std::size_t j = i + 1; j < n; ++j)
        {
            v.e2 += z(i) * z(j) * t(i, j);
            for (std::size_t k = j + 1; k < n; ++k)
            {
                double a[3] = {t(i, j), t(i, k), t(j, k)};
                std::sort(a, a + 3);
                v.e3 += z(i) * z(j) * z(k) * a[0] * a[1] * a[2];
                v.e3_2 += z(i) * z(j) * z(k) * a[0] * a[1];
            }
        }
    }
    v.c2 = v.e3 / (v.e2 * v.e2);
    v.d2 = v.e3 / (v.e2 * v.e2 * v.e2);
    v.n2 = v.e3_2 / (v.e2 * v.e2);
    return v;
}

void expect_values(const EnergyCorrelatorValues& got, const EnergyCorrelatorValues& want, double rel,
                   const std::string& what)
{
    EXPECT_NEAR(got.e2, want.e2, rel * want.e2) << what;
    EXPECT_NEAR(got.e3, want.e3, rel * want.e3) << what;
    EXPECT_NEAR(got.e3_2, want.e3_2, rel * want.e3_2) << what;
    EXPECT_NEAR(got.c2, want.c2, rel * want.c2) << what;
    EXPECT_NEAR(got.d2, want.d2, rel * want.d2) << what;
    EXPECT_NEAR(got.n2, want.n2, rel * want.n2) << what;
}

TEST(EnergyCorrelators, ThreeParticlesByHand)
{
    // z = 0.5, 0.3, 0.2 at angles 0, a, −b in one plane: θ₁₂ = a, θ₁₃ = b, θ₂₃ = a + b.
    const double a = 0.03, b = 0.05;
    JetConstituents jet;
    add(jet, 5, 0);
    add(jet, 3, a);
    add(jet, 2, -b);
    for (double beta : {1.0, 2.0})
    {
        const double ta = std::pow(a, beta), tb = std::pow(b, beta), tab = std::pow(a + b, beta);
        const double e2 = 0.5 * 0.3 * ta + 0.5 * 0.2 * tb + 0.3 * 0.2 * tab;
        const double e3 = 0.5 * 0.3 * 0.2 * ta * tb * tab;
        const double e3_2 = 0.5 * 0.3 * 0.2 * ta * tb;  // the two smallest angles are a and b
        const auto v = EnergyCorrelators(beta)(jet);
        EXPECT_NEAR(v.e2, e2, 1e-14 * e2);
        EXPECT_NEAR(v.e3, e3, 1e-13 * e3);
        EXPECT_NEAR(v.e3_2, e3_2, 1e-13 * e3_2);
        EXPECT_NEAR(v.c2, e3 / (e2 * e2), 1e-13 * v.c2);
        EXPECT_NEAR(v.d2, e3 / (e2 * e2 * e2), 1e-13 * v.d2);
        EXPECT_NEAR(v.n2, e3_2 / (e2 * e2), 1e-13 * v.n2);
    }
    // The β = 1 pass also gives β = 2.
    const auto both = EnergyCorrelators(1).with_doubled_beta(jet);
    expect_values(both[1], EnergyCorrelators(2)(jet), 1e-13, "doubled");
}

TEST(EnergyCorrelators, FourParticlesByHand)
{
    // Four equal energies (z = 1/4) on a square of half-diagonal α around z: sides s = angle
    // between neighbours, diagonals d = 2α. 4 pairs at s, 2 at d; each of the 4 triples is
    // two sides and a diagonal: e3 = 4 z³ (s s d)^β, ₂e3 = 4 z³ s^{2β}.
    const double alpha = 0.04;
    JetConstituents jet;
    const double dirs[4][2] = {{alpha, 0}, {0, alpha}, {-alpha, 0}, {0, -alpha}};
    for (const auto& d : dirs) jet.add(2, std::sin(d[0]), std::sin(d[1]), std::sqrt(1 - std::pow(std::sin(d[0]), 2) - std::pow(std::sin(d[1]), 2)));
    const double s = opening_angle(jet.direction(0), jet.direction(1));
    const double d = opening_angle(jet.direction(0), jet.direction(2));
    EXPECT_NEAR(d, 2 * alpha, 1e-15);
    const double z = 0.25;
    for (double beta : {1.0, 2.0})
    {
        const double e2 = z * z * (4 * std::pow(s, beta) + 2 * std::pow(d, beta));
        const double e3 = 4 * z * z * z * std::pow(s * s * d, beta);
        const double e3_2 = 4 * z * z * z * std::pow(s * s, beta);
        const auto v = EnergyCorrelators(beta)(jet);
        EXPECT_NEAR(v.e2, e2, 1e-14 * e2);
        EXPECT_NEAR(v.e3, e3, 1e-13 * e3);
        EXPECT_NEAR(v.e3_2, e3_2, 1e-13 * e3_2);
        EXPECT_NEAR(v.d2, e3 / std::pow(e2, 3), 1e-12 * v.d2);
        EXPECT_NEAR(v.n2, e3_2 / (e2 * e2), 1e-12 * v.n2);
    }
}

// The vectorised kernel (8-wide blocks, zero padding) against the plain triple loop for
// sizes around the block size and a typical jet.
TEST(EnergyCorrelators, MatchesPlainLoopsForManyParticles)
{
    std::mt19937_64 rng(3);
    std::normal_distribution<double> gauss(0, 0.05);
    std::exponential_distribution<double> energy(0.1);
    for (std::size_t n : {3u, 7u, 8u, 9u, 16u, 17u, 37u, 90u})
    {
        JetConstituents jet;
        for (std::size_t i = 0; i < n; ++i)
        {
            const double tx = gauss(rng) + (i % 2 ? 0.04 : -0.04), ty = gauss(rng);
            jet.add(0.1 + energy(rng), tx, ty, 1);
        }
        for (double beta : {1.0, 2.0, 0.5})
        {
            expect_values(EnergyCorrelators(beta)(jet), reference(jet, beta), 1e-12,
                          "n " + std::to_string(n) + " beta " + std::to_string(beta));
        }
    }
}

TEST(EnergyCorrelators, DegenerateJetsAndScaling)
{
    JetConstituents one, two;
    add(one, 3, 0);
    const auto v1 = EnergyCorrelators(1)(one);
    EXPECT_EQ(v1.e2, 0);
    EXPECT_EQ(v1.e3, 0);
    EXPECT_TRUE(std::isnan(v1.c2) && std::isnan(v1.d2) && std::isnan(v1.n2));
    add(two, 3, 0);
    add(two, 1, 0.1);
    const auto v2 = EnergyCorrelators(1)(two);
    EXPECT_NEAR(v2.e2, 0.75 * 0.25 * 0.1, 1e-15);
    EXPECT_EQ(v2.e3, 0);
    EXPECT_EQ(v2.d2, 0);
    EXPECT_EQ(v2.n2, 0);
    EXPECT_TRUE(std::isnan(EnergyCorrelators(1)(JetConstituents{}).e2));

    // Dimensionless: a uniform energy scale changes nothing.
    JetConstituents jet, scaled;
    const double energies[] = {5, 1, 2, 0.5, 3};
    const double angles[] = {0, 0.05, -0.08, 0.2, 0.12};
    for (int i = 0; i < 5; ++i)
    {
        add(jet, energies[i], angles[i]);
        add(scaled, 11 * energies[i], angles[i]);
    }
    expect_values(EnergyCorrelators(1)(scaled), EnergyCorrelators(1)(jet), 1e-13, "scaled");
    EXPECT_THROW(EnergyCorrelators(0), InputError);
    EXPECT_THROW(EnergyCorrelators(-1), InputError);
}
}  // namespace
}  // namespace umbra::analysis
