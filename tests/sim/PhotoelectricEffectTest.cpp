#include "umbra/sim/PhotoelectricEffect.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "physics/KolmogorovSmirnov.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::sim;

namespace
{
//! Photoelectric absorption per atom [barn], NIST XCOM (Berger & Hubbell, NBSIR
//! 87-3597; XCOM v3.1 data files MDATX3.014/.029/.074/.082, "photoelectric
//! absorption" column at the grid energies 0.1, 1, 10, 100, 1000 MeV).
struct XcomPoint
{
    int z;
    double energy;  // [MeV]
    double sigma;   // [barn]
};
constexpr XcomPoint xcom_photoelectric[] = {
    {14, 0.1, 1.165}, {14, 1, 1.697e-3}, {14, 10, 6.169e-5}, {14, 100, 5.507e-6}, {14, 1000, 5.442e-7},
    {29, 0.1, 30.37}, {29, 1, 5.427e-2}, {29, 10, 1.820e-3}, {29, 100, 1.582e-4}, {29, 1000, 1.559e-5},
    {74, 0.1, 1268.}, {74, 1, 3.917},    {74, 10, 0.1144},   {74, 100, 9.410e-3}, {74, 1000, 9.209e-4},
    {82, 0.1, 1802.}, {82, 1, 6.226},    {82, 10, 0.1790},   {82, 100, 1.460e-2}, {82, 1000, 1.428e-3},
};
}  // namespace

TEST(PhotoelectricEffect, CrossSectionPerAtomMatchesXcom)
{
    // Tolerance 6 %: the Sandia fit is a few-% approximation; the largest
    // deviation on these points is Si at 1 MeV (-5.5 %), Cu/W/Pb within 3 %.
    const PhotoelectricEffect photoelectric;
    for (const auto& p : xcom_photoelectric)
    {
        const double sigma =
            photoelectric.cross_section_per_atom(p.energy * units::MeV, p.z) / units::barn;
        EXPECT_NEAR(sigma / p.sigma, 1.0, 0.06) << "Z=" << p.z << " E=" << p.energy << " MeV";
    }
}

TEST(PhotoelectricEffect, KEdgeJumpOfLead)
{
    // XCOM Pb at the K edge 88.0045 keV: 532.4 b just below, 2519 b just above
    // (jump ratio 4.73). Sandia reproduces the jump to 15 %.
    const PhotoelectricEffect photoelectric;
    const double below = photoelectric.cross_section_per_atom(88.0 * units::keV, 82) / units::barn;
    const double above = photoelectric.cross_section_per_atom(88.01 * units::keV, 82) / units::barn;
    EXPECT_NEAR(below / 532.4, 1.0, 0.15);
    EXPECT_NEAR(above / 2519., 1.0, 0.15);
    EXPECT_NEAR((above / below) / (2519. / 532.4), 1.0, 0.15);
}

TEST(PhotoelectricEffect, ElementCoverageAndErrors)
{
    const PhotoelectricEffect photoelectric;
    for (const int z : {1, 6, 7, 8, 11, 13, 14, 18, 20, 25, 26, 29, 74, 82})
    {
        EXPECT_TRUE(PhotoelectricEffect::has_element(z)) << z;
        EXPECT_GT(photoelectric.cross_section_per_atom(100 * units::keV, z), 0) << z;
    }
    EXPECT_FALSE(PhotoelectricEffect::has_element(54));
    EXPECT_THROW(photoelectric.cross_section_per_atom(1, 54), InputError);
    EXPECT_EQ(photoelectric.cross_section_per_atom(5 * units::eV, 82), 0);  // below 10 eV
}

TEST(PhotoelectricEffect, ShellSelectionUsesBindingEnergies)
{
    const PhotoelectricEffect photoelectric;
    // K-shell binding energies (G4AtomicShells / XCOM edges): Pb 88.0045 keV,
    // W 69.525 keV, Cu 8.979 keV; below K the L1 shell is taken (W: 12.100 keV).
    EXPECT_NEAR(photoelectric.binding_energy(100 * units::keV, 82) / units::keV, 88.0045, 1e-4);
    EXPECT_NEAR(photoelectric.binding_energy(1 * units::MeV, 74) / units::keV, 69.525, 1e-4);
    EXPECT_NEAR(photoelectric.binding_energy(50 * units::keV, 74) / units::keV, 12.100, 1e-4);
    EXPECT_NEAR(photoelectric.binding_energy(20 * units::keV, 29) / units::keV, 8.979, 1e-4);
}

TEST(PhotoelectricEffect, EveryFinalStateConservesEnergy)
{
    const PhotoelectricEffect photoelectric;
    RandomStream rng({.seed = 5, .stream = StreamId::test, .event = 0});
    const ThreeVector direction = ThreeVector{0.2, 0.3, -0.9}.unit();
    for (const int z : {1, 8, 14, 29, 74, 82})
        for (const double energy : {2e-3, 0.03, 0.1, 1.0, 50.0, 500.0})
            for (int i = 0; i < 500; ++i)
            {
                const PhotoelectricFinalState fs = photoelectric.sample(energy, z, direction, rng);
                EXPECT_NEAR(fs.electron_kinetic_energy + fs.deposited_energy, energy, 1e-12);
                if (fs.electron_kinetic_energy > 0)
                {
                    EXPECT_NEAR(fs.electron_direction.mag(), 1.0, 1e-12);
                }
            }
    // Above 100 MeV the electron follows the photon (G4SauterGavrila emax).
    const PhotoelectricFinalState fs = photoelectric.sample(500.0, 82, direction, rng);
    EXPECT_NEAR(fs.electron_direction.dot(direction), 1.0, 1e-12);
}

TEST(PhotoelectricValidation, SauterGavrilaAngularDistribution)
{
    // KS test of cos(theta) against the Sauter K-shell DCS (PENELOPE 2014 eq. 2.28):
    // dsigma/dcos ~ (1 - c^2)/(1 - beta c)^4 [1 + gamma (gamma-1)(gamma-2)(1 - beta c)/2],
    // CDF integrated numerically here, at T = 10 keV, 100 keV, 1 MeV.
    for (const double t : {0.01, 0.1, 1.0})
    {
        const double gamma = 1 + t / constants::electron_mass;
        const double beta = std::sqrt(1 - 1 / (gamma * gamma));
        auto pdf = [&](double c) {
            const double d = 1 - beta * c;
            return (1 - c * c) / (d * d * d * d) * (1 + 0.5 * gamma * (gamma - 1) * (gamma - 2) * d);
        };
        const int grid = 20000;
        std::vector<double> cdf(grid + 1, 0.0);
        const double h = 2.0 / grid;
        for (int i = 0; i < grid; ++i)
        {
            const double a = -1 + i * h;
            cdf[i + 1] = cdf[i] + h / 6 * (pdf(a) + 4 * pdf(a + h / 2) + pdf(a + h));
        }
        for (double& c : cdf) c /= cdf.back();
        auto cdf_at = [&](double c) {
            const double x = (c + 1) / h;
            const int i = std::min(grid - 1, std::max(0, static_cast<int>(x)));
            return cdf[i] + (cdf[i + 1] - cdf[i]) * (x - i);
        };
        RandomStream rng({.seed = 6, .stream = StreamId::test, .event = 0});
        const std::size_t n = 100000;
        std::vector<double> samples(n);
        for (auto& s : samples) s = PhotoelectricEffect::sample_sauter_gavrila_cos_theta(t, rng);
        EXPECT_LT(test::ks_statistic(samples, cdf_at), test::ks_critical_value_1percent(n))
            << "T=" << t << " MeV";
    }
}
