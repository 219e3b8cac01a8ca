#include "umbra/sim/Bremsstrahlung.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "physics/KolmogorovSmirnov.hpp"
#include "umbra/core/AdaptiveIntegrator.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::sim;

namespace
{
constexpr double cm2 = units::cm * units::cm;

//! An element as a material: Z, A [g/mol], density [g/cm^3], X0 [g/cm^2].
//! A, density: PDG "Atomic and nuclear properties" (W 183.84, 19.3; Cu 63.546, 8.96;
//! Si 28.0855, 2.329); X0: same tables (W 6.76, Cu 12.86, Si 21.82 g/cm^2).
struct Element
{
    int z;
    double a;
    double density;
    double x0;

    double atoms_per_volume() const { return density * units::g_per_cm3 * constants::avogadro / a; }
    BremsstrahlungMedium medium() const
    {
        return {.electron_density = atoms_per_volume() * z, .radiation_length = x0 / density * units::cm};
    }
    //! Per-atom quantity [.. mm^2] -> per gram [.. cm^2/g].
    double per_gram(double per_atom) const { return per_atom * constants::avogadro / a / cm2; }
};

constexpr Element tungsten{74, 183.84, 19.3, 6.76};
constexpr Element copper{29, 63.546, 8.96, 12.86};
constexpr Element silicon{14, 28.0855, 2.329, 21.82};

//! PDG review "Passage of particles through matter" eq. 34.29 (complete screening, the
//! (1-y)(Z^2+Z)/9 term dropped): k dsigma/dk = A/(X0 N_A) (4/3 - 4/3 y + y^2) [cm^2].
double pdg_k_dsigma_dk(const Element& e, double y)
{
    return e.a / (e.x0 * constants::avogadro) * (4.0 / 3.0 - 4.0 / 3.0 * y + y * y);
}
}  // namespace

// 8 GeV e- on W: Geant4's relativistic DCS against PDG eq. 34.29. The model adds the
// (1-y)(Z^2+Z)/9 term the PDG formula drops: +2.4 % at small y for W (1/9 (1+1/Z) against
// 4/3 (L_rad - f + L'_rad/Z) = 4/3 * 3.53), falling to 0 at y = 1, so 3 % tolerance.
// LPM (k_LPM = E^2/E_LPM = 24 MeV, y = 0.003) and dielectric suppression (k_p = 1.26 MeV,
// y = 1.6e-4) are below the tested range.
TEST(Bremsstrahlung, ThinTargetSpectrumMatchesPdgCompleteScreening)
{
    const BremsstrahlungElement w(tungsten.z);
    const Bremsstrahlung brem(w, tungsten.medium(), 8 * units::GeV - constants::electron_mass);
    ASSERT_TRUE(brem.lpm_active());
    for (double y = 0.05; y < 0.951; y += 0.05)
    {
        const double k = y * brem.total_energy();
        const double ratio = k * brem.differential_cross_section(k) / cm2 / pdg_k_dsigma_dk(tungsten, y);
        EXPECT_NEAR(ratio, 1.0, 0.03) << "y = " << y;
        // The sign of the difference is that of the dropped (1-y)/9 term.
        EXPECT_GT(ratio, 0.995) << "y = " << y;
    }
}

// Deviation from eq. 34.29 at small y, 8 GeV e- in W. Expectations (Klein RMP 71 (1999)
// 1501, secs. II-III; PDG review, LPM section): LPM suppression k dsigma/dk ~ sqrt(k/k_LPM)
// for k_p << k << k_LPM = E^2/E_LPM; dielectric suppression by k^2/(k^2 + k_p^2) below
// k_p = gamma hbar omega_p, hbar omega_p = 28.816 eV sqrt(rho <Z/A>) (PDG review, plasma
// energy; 80.3 eV for W, so k_p = 1.26 MeV).
TEST(Bremsstrahlung, SuppressionAtSmallPhotonEnergies)
{
    const BremsstrahlungElement w(tungsten.z);
    const double t = 8 * units::GeV - constants::electron_mass;
    const Bremsstrahlung lpm(w, tungsten.medium(), t);
    const Bremsstrahlung no_lpm(w, tungsten.medium(), t, LpmSuppression::disabled);
    const double plasma_energy = 28.816 * units::eV * std::sqrt(tungsten.density * tungsten.z / tungsten.a);
    EXPECT_NEAR(lpm.dielectric_photon_energy() / (8000 / constants::electron_mass * plasma_energy), 1.0, 1e-3);
    // E_LPM = 7.7 TeV/cm * X0 (PDG review), X0(W) = 0.3504 cm.
    EXPECT_NEAR(lpm.lpm_energy() / (7.7 * units::TeV * 0.3504), 1.0, 0.01);

    const auto suppression = [&](const Bremsstrahlung& b, double y)
    {
        const double k = y * b.total_energy();
        return k * b.differential_cross_section(k) / cm2 / pdg_k_dsigma_dk(tungsten, y);
    };
    // Above k_LPM: LPM changes the spectrum by < 0.5 %.
    EXPECT_NEAR(suppression(lpm, 0.05) / suppression(no_lpm, 0.05), 1.0, 0.005);
    // y = 1e-3 (k = 8 MeV): LPM-suppressed to 0.6-0.95 (measured 0.82); unsuppressed ~1.
    EXPECT_GT(suppression(lpm, 1e-3), 0.6);
    EXPECT_LT(suppression(lpm, 1e-3), 0.95);
    EXPECT_NEAR(suppression(no_lpm, 1e-3), 1.0, 0.03);
    // Deep below k_p only the dielectric factor is left: k^2/(k^2+k_p^2) ~ (k/k_p)^2.
    const double kp = lpm.dielectric_photon_energy();
    const double y_low = 0.1 * kp / lpm.total_energy();
    EXPECT_NEAR(suppression(no_lpm, y_low) / (0.01 / 1.01), 1.0, 0.04);
    // ... and there the dielectric effect replaces LPM (Migdal's s grows as k_p^2/k^2).
    EXPECT_NEAR(suppression(lpm, y_low) / suppression(no_lpm, y_low), 1.0, 1e-3);

    // Migdal's law at 100 GeV (k_LPM = 3.7 GeV, k_p = 16 MeV): in the strong-suppression
    // regime k dsigma/dk ~ xi(s) phi(s) ~ sqrt(k) times the slowly falling xi(s) =
    // 1 + ln s / ln s_1 (Klein eq. 75), so from k = 100 to 400 MeV the ratio lies between
    // 4^0.3 = 1.52 and 4^0.55 = 2.14 (measured 1.62), while without LPM it is ~1.
    const Bremsstrahlung high(w, tungsten.medium(), 100 * units::GeV);
    const double ratio = 400 * high.differential_cross_section(400) / (100 * high.differential_cross_section(100));
    EXPECT_GT(ratio, 1.52);
    EXPECT_LT(ratio, 2.14);
    const Bremsstrahlung high_no_lpm(w, tungsten.medium(), 100 * units::GeV, LpmSuppression::disabled);
    EXPECT_NEAR(400 * high_no_lpm.differential_cross_section(400) / (100 * high_no_lpm.differential_cross_section(100)),
                1.0, 0.03);
}

// Total radiative stopping power (restricted loss with k_cut = T) -> E/X0 at high
// energy (PDG review: dE/dx = E/X0 for complete screening without the 1/9 term; with it
// +1.3 % (Si) to +1.6 % (W)); X0 from PDG tables. 3 % tolerance.
TEST(Bremsstrahlung, RadiativeStoppingPowerApproachesEOverX0)
{
    for (const Element& e : {tungsten, copper, silicon})
    {
        const BremsstrahlungElement element(e.z);
        for (double t : {10 * units::GeV, 100 * units::GeV})
        {
            const Bremsstrahlung brem(element, e.medium(), t);
            const double stopping = e.per_gram(brem.restricted_energy_loss(t));  // MeV cm^2/g
            const double e_over_x0 = brem.total_energy() / e.x0;
            EXPECT_NEAR(stopping / e_over_x0, 1.0, 0.03) << "Z = " << e.z << " T = " << t;
        }
        // At 1 GeV (no LPM: Thomas-Fermi screening) still within 3 %.
        const Bremsstrahlung gev(element, e.medium(), 999 * units::MeV);
        EXPECT_NEAR(e.per_gram(gev.restricted_energy_loss(999)) / (gev.total_energy() / e.x0), 1.0, 0.03);
    }
}

// NIST ESTAR radiative stopping power of californium (Z = 98, A = 251, ESTAR's nominal
// density 10 g/cm^3) at 800, 900, 1000 MeV: 1.373E+02, 1.547E+02, 1.722E+02 MeV cm^2/g
// (ESTAR table as quoted in the documentation of the R package clanElectrons,
// claus-e-andersen/clanElectrons, data downloaded from NIST Feb. 2026). Tolerance 5 %
// (Geant4 quotes a few % between its relativistic model and Seltzer-Berger at 1 GeV;
// measured +2.2 % at 800/900 MeV, +3.9 % at 1 GeV where the complete-screening LPM DCS
// takes over). ESTAR values for W, Cu, Si at 10/100/1000 MeV could not be retrieved
// from stored sources: see the report.
TEST(Bremsstrahlung, RadiativeStoppingPowerMatchesEstarAtHighZ)
{
    // X0 only matters for the LPM energy; Tsai's X0 for Cf is ~6 g/cm^2.
    const Element californium{98, 251.0, 10.0, 6.0};
    const BremsstrahlungElement cf(californium.z);
    struct Case
    {
        double t, estar;
    };
    for (const Case& c : {Case{800, 137.3}, Case{900, 154.7}, Case{1000, 172.2}})
    {
        const Bremsstrahlung brem(cf, californium.medium(), c.t);
        EXPECT_NEAR(californium.per_gram(brem.restricted_energy_loss(c.t)) / c.estar, 1.0, 0.05) << c.t;
    }
}

// Integrated quantities against adaptive quadrature of the DCS (GSL QAG, tolerance 1e-8).
TEST(Bremsstrahlung, IntegralsMatchQuadratureOfTheDcs)
{
    AdaptiveIntegrator integrator({.relative_tolerance = 1e-8, .max_intervals = 5000});
    struct Case
    {
        const Element* element;
        double t, cut;
    };
    for (const Case& c : {Case{&tungsten, 8000, 1.0}, Case{&tungsten, 8000, 0.01}, Case{&silicon, 50, 0.01},
                          Case{&copper, 1e5, 100}, Case{&copper, 10, 1}})
    {
        const BremsstrahlungElement element(c.element->z);
        const Bremsstrahlung brem(element, c.element->medium(), c.t);
        auto in_log = [&](double log_k)
        {
            const double k = std::exp(log_k);
            return k * brem.differential_cross_section(k);
        };
        const double sigma = integrator.integrate(in_log, std::log(c.cut), std::log(c.t)).value;
        EXPECT_NEAR(brem.cross_section(c.cut) / sigma, 1.0, 2e-3) << c.element->z << " " << c.t << " " << c.cut;
        auto k_dsigma = [&](double k) { return k * brem.differential_cross_section(k); };
        const double loss = integrator.integrate(k_dsigma, 0.0, c.cut).value;
        EXPECT_NEAR(brem.restricted_energy_loss(c.cut) / loss, 1.0, 2e-3);
        const double total = integrator.integrate(k_dsigma, 0.0, c.t).value;
        EXPECT_NEAR(brem.restricted_energy_loss(2 * c.t) / total, 1.0, 2e-3);
    }
}

// sigma(k > cut) for complete screening, from integrating PDG eq. 34.29:
// A/(X0 N_A) [4/3 ln(T/k_c) - 4/3 (T - k_c)/E + (T^2 - k_c^2)/(2 E^2)]; Cu at 8 GeV with
// k_c = 50 MeV (above k_LPM = 5.8 MeV). 3 % (the 1/9 term adds ~2 %).
TEST(Bremsstrahlung, CrossSectionAboveCutMatchesCompleteScreening)
{
    const BremsstrahlungElement cu(copper.z);
    const double t = 8 * units::GeV;
    const double cut = 50 * units::MeV;
    const Bremsstrahlung brem(cu, copper.medium(), t);
    const double e = brem.total_energy();
    const double expected = copper.a / (copper.x0 * constants::avogadro) *
                            (4.0 / 3.0 * std::log(t / cut) - 4.0 / 3.0 * (t - cut) / e +
                             (t * t - cut * cut) / (2 * e * e));
    EXPECT_NEAR(brem.cross_section(cut) / cm2 / expected, 1.0, 0.03);
    EXPECT_EQ(brem.cross_section(t), 0.0);
    EXPECT_EQ(brem.cross_section(2 * t), 0.0);
}

TEST(Bremsstrahlung, RejectsBadInput)
{
    EXPECT_THROW(BremsstrahlungElement(0), InputError);
    EXPECT_THROW(BremsstrahlungElement(121), InputError);
    const BremsstrahlungElement w(74);
    EXPECT_THROW(Bremsstrahlung(w, tungsten.medium(), 0.0), InputError);
    EXPECT_THROW(Bremsstrahlung(w, BremsstrahlungMedium{}, 10.0), InputError);
    // Tsai Table B.2 / PDG Table 34.2 for light elements.
    EXPECT_DOUBLE_EQ(BremsstrahlungElement(1).radiation_logarithm(), 5.31);
    EXPECT_DOUBLE_EQ(BremsstrahlungElement(2).inelastic_radiation_logarithm(), 5.621);
    // f(Z) for Pb from the PDG review's fit, a = alpha Z:
    // f = a^2 [1/(1 + a^2) + 0.20206 - 0.0369 a^2 + 0.0083 a^4 - 0.002 a^6].
    const double a2 = std::pow(82 * constants::alpha, 2);
    const double f = a2 * (1 / (1 + a2) + 0.20206 - 0.0369 * a2 + 0.0083 * a2 * a2 - 0.002 * a2 * a2 * a2);
    EXPECT_NEAR(BremsstrahlungElement(82).coulomb_correction(), f, 1e-12);
    EXPECT_NEAR(f, 0.33, 0.01);
}

TEST(Bremsstrahlung, FinalStateConservesEnergyAndIsCoplanar)
{
    RandomStream rng({.seed = 7, .stream = StreamId::test, .event = 1});
    const BremsstrahlungElement w(74);
    const ThreeVector direction = ThreeVector{0.3, -0.5, 0.8}.unit();
    for (double t : {20.0, 4000.0})
    {
        const Bremsstrahlung brem(w, tungsten.medium(), t);
        const double cut = 0.01 * t;
        for (int i = 0; i < 2000; ++i)
        {
            const auto fs = brem.sample(cut, direction, rng);
            ASSERT_GT(fs.photon_energy, cut);
            ASSERT_LE(fs.photon_energy, t);
            EXPECT_NEAR(fs.photon_energy + fs.lepton_kinetic_energy, t, 1e-9 * t);
            EXPECT_NEAR(fs.photon_direction.mag(), 1.0, 1e-12);
            EXPECT_NEAR(fs.lepton_direction.mag(), 1.0, 1e-12);
            // incident, photon and lepton directions in one plane (recoil-free nucleus).
            EXPECT_NEAR(direction.cross(fs.photon_direction).dot(fs.lepton_direction), 0.0, 1e-12);
            // the photon goes forward: theta ~ m/E.
            EXPECT_GT(fs.photon_direction.dot(direction), 0.0);
        }
    }
}

// Sampled photon energies against the CDF 1 - sigma(k)/sigma(cut), KS at 1 %.
TEST(BremsstrahlungValidation, SampledPhotonSpectrumMatchesDcs)
{
    RandomStream rng({.seed = 11, .stream = StreamId::test, .event = 2});
    struct Case
    {
        const Element* element;
        double t, cut;
    };
    for (const Case& c : {Case{&tungsten, 8000, 1.0}, Case{&silicon, 100, 0.01}, Case{&copper, 2e5, 1.0}})
    {
        const BremsstrahlungElement element(c.element->z);
        const Bremsstrahlung brem(element, c.element->medium(), c.t);
        const double sigma_cut = brem.cross_section(c.cut);
        std::vector<double> samples(100000);
        for (auto& k : samples) k = brem.sample_photon_energy(c.cut, rng);
        const double d = test::ks_statistic(samples, [&](double k) { return 1.0 - brem.cross_section(k) / sigma_cut; });
        EXPECT_LT(d, test::ks_critical_value_1percent(samples.size())) << c.element->z << " " << c.t;
    }
}

// G4ModifiedTsai: u = E theta / m (for small theta; u = u_max sqrt((1 - cos)/2) exactly)
// has density ~ u e^{-a u} + 27 u e^{-3 a u}, a = 0.625 (PRM "Bremsstrahlung" > angular
// distribution): CDF 1/4 G(a u) + 3/4 G(3 a u), G(x) = 1 - (1 + x) e^{-x}. KS at 1 %.
TEST(BremsstrahlungValidation, PhotonAnglesFollowModifiedTsai)
{
    RandomStream rng({.seed = 13, .stream = StreamId::test, .event = 3});
    const double t = 5 * units::GeV;
    const double u_max = 2 * (1 + t / constants::electron_mass);
    std::vector<double> u(100000);
    for (auto& v : u) v = u_max * std::sqrt(0.5 * (1 - sample_bremsstrahlung_cos_theta(t, rng)));
    const auto gamma2_cdf = [](double x) { return 1 - (1 + x) * std::exp(-x); };
    const double d = test::ks_statistic(u, [&](double x) { return 0.25 * gamma2_cdf(0.625 * x) + 0.75 * gamma2_cdf(1.875 * x); });
    EXPECT_LT(d, test::ks_critical_value_1percent(u.size()));
}
