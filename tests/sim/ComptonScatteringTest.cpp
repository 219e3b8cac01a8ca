#include "umbra/sim/ComptonScattering.hpp"

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
constexpr double me = constants::electron_mass;

//! Incoherent scattering cross-sections per atom [barn] from the NIST XCOM
//! database (M.J. Berger, J.H. Hubbell, NBSIR 87-3597, XCOM v3.1 data files
//! MDATX3.014/.029/.074/.082, "incoherent scattering" column, read at the grid
//! energies 0.1, 1, 10, 100, 1000 MeV). They include binding (incoherent
//! scattering function), which the Geant4 fit reproduces on average.
struct XcomPoint
{
    int z;
    double energy;  // [MeV]
    double sigma;   // [barn]
};
constexpr XcomPoint xcom_incoherent[] = {
    {14, 0.1, 6.678}, {14, 1, 2.957}, {14, 10, 0.7162}, {14, 100, 0.1159}, {14, 1000, 0.01636},
    {29, 0.1, 13.32}, {29, 1, 6.117}, {29, 10, 1.483},  {29, 100, 0.2400}, {29, 1000, 0.03388},
    {74, 0.1, 31.15}, {74, 1, 15.53}, {74, 10, 3.785},  {74, 100, 0.6124}, {74, 1000, 0.08645},
    {82, 0.1, 34.04}, {82, 1, 17.18}, {82, 10, 4.193},  {82, 100, 0.6786}, {82, 1000, 0.09579},
};

//! Klein-Nishina dsigma/deps (eps = k'/E), up to a constant: (1/eps + eps - sin^2 theta),
//! cos theta = 1 - (1 - eps)/(eps kappa), kappa = E/m (Heitler, "The Quantum Theory
//! of Radiation" (1954) section 22; PDG review "Passage of particles through matter").
double klein_nishina_shape(double eps, double kappa)
{
    const double one_minus_cos = (1 - eps) / (eps * kappa);
    const double sin2 = one_minus_cos * (2 - one_minus_cos);
    return 1 / eps + eps - sin2;
}

//! CDF of eps on [1/(1+2 kappa), 1] by Simpson integration of the shape in ln eps.
std::vector<double> klein_nishina_cdf_grid(double kappa, int n, double& eps0)
{
    eps0 = 1 / (1 + 2 * kappa);
    const double l0 = std::log(eps0);
    std::vector<double> cdf(n + 1, 0.0);
    const double h = -l0 / n;
    for (int i = 0; i < n; ++i)
    {
        const double a = l0 + i * h;
        auto f = [&](double l) { return klein_nishina_shape(std::exp(l), kappa) * std::exp(l); };
        cdf[i + 1] = cdf[i] + h / 6 * (f(a) + 4 * f(a + h / 2) + f(a + h));
    }
    for (double& c : cdf) c /= cdf.back();
    return cdf;
}
}  // namespace

TEST(ComptonScattering, CrossSectionPerAtomMatchesXcom)
{
    // Tolerance 3 %: the PRM quotes <= 5-6 % for the fit above 20 keV; we find
    // at most 1.6 % (Pb, 1 MeV) on these points.
    const ComptonScattering compton;
    for (const auto& p : xcom_incoherent)
    {
        const double sigma = compton.cross_section_per_atom(p.energy * units::MeV, p.z) / units::barn;
        EXPECT_NEAR(sigma / p.sigma, 1.0, 0.03) << "Z=" << p.z << " E=" << p.energy << " MeV";
    }
}

TEST(ComptonScattering, KleinNishinaPerElectronLimits)
{
    // Thomson cross-section 8 pi r_e^2 / 3 = 0.6652458732 barn (CODATA 2018), at 10 eV.
    EXPECT_NEAR(ComptonScattering::klein_nishina_cross_section(10 * units::eV) / units::barn,
                0.66524587, 1e-4);
    // High-energy limit pi r_e^2 / k (ln 2k + 1/2) (Heitler eq. 22.11) at k = 1e4.
    const double k = 1e4;
    const double re = constants::alpha * constants::hbar_c / me;
    const double limit = constants::pi * re * re / k * (std::log(2 * k) + 0.5);
    EXPECT_NEAR(ComptonScattering::klein_nishina_cross_section(k * me) / limit, 1.0, 2e-3);
    // The empirical per-atom fit at 10 MeV for Z = 6 (binding negligible) vs
    // Z sigma_KN: agree within the PRM's stated 5 %.
    const ComptonScattering compton;
    EXPECT_NEAR(compton.cross_section_per_atom(10 * units::MeV, 6) /
                    (6 * ComptonScattering::klein_nishina_cross_section(10 * units::MeV)),
                1.0, 0.05);
}

TEST(ComptonScattering, LowEnergyExtrapolationIsContinuousAndFalling)
{
    // Below T0 = 15 keV Geant4 continues the fit with exp(-y(c1 + c2 y)): continuous
    // at T0 and decreasing towards low energies (binding suppression).
    const ComptonScattering compton;
    for (const int z : {6, 29, 82})
    {
        const double at_t0 = compton.cross_section_per_atom(15 * units::keV, z);
        const double below = compton.cross_section_per_atom(14.999 * units::keV, z);
        EXPECT_NEAR(below / at_t0, 1.0, 1e-3) << z;
        EXPECT_LT(compton.cross_section_per_atom(2 * units::keV, z), at_t0) << z;
        EXPECT_GT(compton.cross_section_per_atom(2 * units::keV, z), 0) << z;
    }
    EXPECT_EQ(compton.cross_section_per_atom(0, 6), 0);
}

TEST(ComptonScattering, EveryFinalStateConservesEnergyAndMomentum)
{
    const ComptonScattering compton;
    RandomStream rng({.seed = 3, .stream = StreamId::test, .event = 0});
    const ThreeVector direction = ThreeVector{1, -2, 0.5}.unit();
    for (const double energy : {1e-3, 0.05, 0.511, 2.0, 100.0, 1e5})
        for (int i = 0; i < 2000; ++i)
        {
            const ComptonFinalState fs = compton.sample(energy, direction, rng);
            EXPECT_NEAR(fs.photon_energy + fs.electron_kinetic_energy + fs.deposited_energy, energy,
                        1e-12 * energy);
            // Compton formula: k' = E / (1 + kappa (1 - cos theta))
            EXPECT_NEAR(fs.photon_energy, energy / (1 + energy / me * (1 - fs.photon_cos_theta)),
                        1e-9 * energy);
            EXPECT_NEAR(fs.photon_direction.dot(direction), fs.photon_cos_theta, 1e-9);
            if (fs.electron_kinetic_energy > 0)
            {
                // p_e = p_gamma - p_gamma', |p_e| = sqrt(T (T + 2m))
                const ThreeVector pe = energy * direction - fs.photon_energy * fs.photon_direction;
                const double t = fs.electron_kinetic_energy;
                EXPECT_NEAR(pe.mag(), std::sqrt(t * (t + 2 * me)), 1e-7 * energy);
                EXPECT_NEAR(pe.unit().dot(fs.electron_direction), 1.0, 1e-9);
            }
        }
}

TEST(ComptonScattering, RejectsBadConfig)
{
    EXPECT_THROW(ComptonScattering({.lowest_secondary_energy = -1}), InputError);
}

TEST(ComptonValidation, EnergySpectrumFollowsKleinNishina)
{
    // KS test of k'/E against the Klein-Nishina CDF (integrated numerically in
    // the test) at 100 keV, 1 MeV, 10 MeV, 1 GeV; 1 % critical value.
    const ComptonScattering compton;
    for (const double energy : {0.1, 1.0, 10.0, 1000.0})
    {
        RandomStream rng({.seed = 4, .stream = StreamId::test, .event = 0});
        const std::size_t n = 100000;
        std::vector<double> eps(n);
        for (auto& e : eps) e = ComptonScattering::sample_energy_fraction(energy, rng);
        double eps0 = 0;
        const int grid = 4000;
        const std::vector<double> cdf = klein_nishina_cdf_grid(energy / me, grid, eps0);
        const double l0 = std::log(eps0);
        auto cdf_at = [&](double x) {
            const double t = (std::log(x) - l0) / -l0 * grid;
            const int i = std::min(grid - 1, std::max(0, static_cast<int>(t)));
            return cdf[i] + (cdf[i + 1] - cdf[i]) * (t - i);
        };
        const double d = test::ks_statistic(eps, cdf_at);
        EXPECT_LT(d, test::ks_critical_value_1percent(n)) << "E=" << energy << " MeV";
    }
}
