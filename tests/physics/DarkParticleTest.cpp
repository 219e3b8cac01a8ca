#include "umbra/physics/DarkParticle.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::physics;
using units::GeV;
using units::MeV;
using units::mm;

namespace
{
constexpr auto pseudoscalar = DarkParticleKind::pseudoscalar;
constexpr auto scalar = DarkParticleKind::scalar;
constexpr auto vector = DarkParticleKind::vector;

//! Lab momentum of a particle of total energy `energy` and mass `mass` [MeV].
double momentum_from_energy(double energy, double mass)
{
    return std::sqrt(energy * energy - mass * mass);
}

//! `value` agrees with a number printed with its last digit worth `last_digit`,
//! i.e. |value - printed| <= last_digit / 2 (plus a hair for the printed rounding).
::testing::AssertionResult matches_printed(double value, double printed, double last_digit)
{
    if (std::abs(value - printed) <= 0.5 * last_digit * (1 + 1e-9))
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << value << " does not round to " << printed;
}
}  // namespace

TEST(DarkParticleKind, NamesRoundTrip)
{
    for (auto kind : {pseudoscalar, scalar, vector})
        EXPECT_EQ(parse_dark_particle_kind(to_string(kind)), kind);
    EXPECT_EQ(parse_dark_particle_kind("alp"), pseudoscalar);
    EXPECT_EQ(parse_dark_particle_kind("dark-photon"), vector);
}

TEST(DarkParticleKind, UnknownNameListsValidOnes)
{
    try
    {
        parse_dark_particle_kind("axion-like");
        FAIL() << "expected InputError";
    }
    catch (const InputError& e)
    {
        const std::string message = e.what();
        EXPECT_NE(message.find("'axion-like'"), std::string::npos) << message;
        for (const char* name : {"pseudoscalar", "alp", "scalar", "vector", "dark-photon"})
            EXPECT_NE(message.find(name), std::string::npos) << message;
    }
    EXPECT_THROW(parse_dark_particle_kind(""), InputError);
    EXPECT_THROW(parse_dark_particle_kind("Scalar"), InputError);
}

// alp-physics.md section 2.3, table "Numbers for g = 1e-5": Gamma [GeV], c tau [mm],
// L at 8 and 4 GeV [mm]. The L columns use the total energy E = 8 (4) GeV, i.e.
// p = sqrt(E^2 - m^2) (at 1 GeV, p = E would give 0.397 and 0.198 instead of 0.394, 0.192).
// Each tolerance is half a unit in the last printed digit.
TEST(DarkParticle, PseudoscalarMatchesReferenceTable)
{
    struct Row
    {
        double mass;  // [MeV]
        double gamma_gev, gamma_digit;
        double ctau_mm, ctau_digit;
        double l8_mm, l8_digit;
        double l4_mm, l4_digit;
    };
    const Row rows[] = {
        {5, 1.947e-14, 1e-17, 10.13, 0.01, 1.62e4, 1e2, 8.11e3, 1e1},
        {25, 9.94e-14, 1e-16, 1.985, 0.001, 635, 1, 318, 1},
        {50, 1.989e-13, 1e-16, 0.992, 0.001, 159, 1, 79.4, 0.1},
        {100, 3.979e-13, 1e-16, 0.496, 0.001, 39.7, 0.1, 19.8, 0.1},
        {500, 1.989e-12, 1e-15, 0.0992, 0.0001, 1.58, 0.01, 0.787, 0.001},
        {1000, 3.979e-12, 1e-15, 0.0496, 0.0001, 0.394, 0.001, 0.192, 0.001},
    };
    for (const auto& row : rows)
    {
        SCOPED_TRACE(row.mass);
        const DarkParticle alp(pseudoscalar, row.mass * MeV, 1e-5);
        EXPECT_TRUE(matches_printed(alp.total_width() / GeV, row.gamma_gev, row.gamma_digit));
        EXPECT_EQ(alp.total_width(), alp.partial_width_ee());
        EXPECT_TRUE(matches_printed(alp.proper_decay_length() / mm, row.ctau_mm, row.ctau_digit));
        EXPECT_TRUE(
            matches_printed(alp.lab_decay_length(momentum_from_energy(8 * GeV, alp.mass)) / mm,
                            row.l8_mm, row.l8_digit));
        EXPECT_TRUE(
            matches_printed(alp.lab_decay_length(momentum_from_energy(4 * GeV, alp.mass)) / mm,
                            row.l4_mm, row.l4_digit));
    }
}

// alp-physics.md section 2.3, table "g giving L = 150 mm for an ALP with 99 % of the
// beam energy" (E_a = 0.99 E_beam, p = sqrt(E_a^2 - m^2); with p = E_a the 1 GeV
// entries would be 5.12e-7 and 3.62e-7 instead of 5.10e-7 and 3.56e-7), and the
// Lambda = m_e / g column in GeV. Tolerances: half a unit in the last printed digit.
TEST(DarkParticle, CouplingForReferenceDecayLength)
{
    struct Row
    {
        double mass;  // [MeV]
        double g8, g8_digit, lambda8_gev, lambda8_digit;
        double g4, g4_digit, lambda4_gev, lambda4_digit;
    };
    const Row rows[] = {
        {5, 1.03e-4, 1e-6, 4.94, 0.01, 7.31e-5, 1e-7, 6.99, 0.01},
        {25, 2.05e-5, 1e-7, 25.0, 0.1, 1.45e-5, 1e-7, 35.3, 0.1},
        {50, 1.02e-5, 1e-7, 49.9, 0.1, 7.24e-6, 1e-8, 70.6, 0.1},
        {100, 5.12e-6, 1e-8, 99.9, 0.1, 3.62e-6, 1e-8, 141, 1},
        {500, 1.02e-6, 1e-8, 500, 1, 7.21e-7, 1e-9, 709, 1},
        {1000, 5.10e-7, 1e-9, 1003, 1, 3.56e-7, 1e-9, 1436, 1},
    };
    const double length = 150 * mm;
    for (const auto& row : rows)
    {
        SCOPED_TRACE(row.mass);
        const double mass = row.mass * MeV;
        const double g8 = coupling_for_lab_decay_length(
            pseudoscalar, mass, momentum_from_energy(0.99 * 8 * GeV, mass), length);
        const double g4 = coupling_for_lab_decay_length(
            pseudoscalar, mass, momentum_from_energy(0.99 * 4 * GeV, mass), length);
        EXPECT_TRUE(matches_printed(g8, row.g8, row.g8_digit));
        EXPECT_TRUE(matches_printed(g4, row.g4, row.g4_digit));
        EXPECT_TRUE(matches_printed(constants::electron_mass / g8 / GeV, row.lambda8_gev,
                                    row.lambda8_digit));
        EXPECT_TRUE(matches_printed(constants::electron_mass / g4 / GeV, row.lambda4_gev,
                                    row.lambda4_digit));
    }
}

TEST(DarkParticle, DarkPhotonWidthByHand)
{
    // eps = 1e-4, m = 100 MeV, by hand with alpha = 1/137.035999084, m_e = 0.51099895 MeV:
    //   alpha eps^2 m / 3          = 7.2973525693e-3 * 1e-8 * 100 / 3 = 2.4324508564e-9 MeV
    //   1 + 2 m_e^2/m^2            = 1 + 2 * 2.6112e-5               = 1.0000522240
    //   beta_e = sqrt(1 - 4 m_e^2/m^2) = sqrt(1 - 1.04448e-4)        = 0.9999477747
    //   Gamma_ee = 2.4324508564e-9 * 1.0000522240 * 0.9999477747     = 2.4324508465e-9 MeV
    // Below 2 m_mu = 211.3 MeV, so the total is Gamma_ee.
    const DarkParticle dark_photon(vector, 100 * MeV, 1e-4);
    EXPECT_NEAR(dark_photon.partial_width_ee() / MeV, 2.4324508465e-9, 1e-18);
    EXPECT_EQ(dark_photon.partial_width_mumu(), 0);
    EXPECT_EQ(dark_photon.total_width(), dark_photon.partial_width_ee());
    // c tau = hbar c / Gamma = 1.973269804e-10 MeV mm / 2.4324508465e-9 MeV = 0.0811227 mm
    EXPECT_NEAR(dark_photon.proper_decay_length() / mm, 1.973269804e-10 / 2.4324508465e-9, 1e-9);
    // tau = hbar / Gamma = 6.582119569e-13 MeV ns / 2.4324508465e-9 MeV = 2.70596e-4 ns
    EXPECT_NEAR(dark_photon.proper_lifetime() / units::ns, 6.582119569e-13 / 2.4324508465e-9,
                1e-12);
}

TEST(DarkParticle, DarkPhotonMuonChannelAboveThreshold)
{
    const double threshold = 2 * constants::muon_mass;  // 211.32 MeV
    const DarkParticle below(vector, 0.999 * threshold, 1e-4);
    EXPECT_EQ(below.partial_width_mumu(), 0);
    EXPECT_EQ(below.total_width(), below.partial_width_ee());

    const DarkParticle above(vector, 1.001 * threshold, 1e-4);
    EXPECT_GT(above.partial_width_mumu(), 0);
    // Just above threshold beta_mu is small: Gamma_mumu ~ beta_mu (3/2) Gamma_ee.
    EXPECT_LT(above.partial_width_mumu(), 0.1 * above.partial_width_ee());
    EXPECT_DOUBLE_EQ(above.total_width(), above.partial_width_ee() + above.partial_width_mumu());

    // eps = 1e-4, m = 1 GeV, by hand with m_mu = 105.6583755 MeV:
    //   m_mu^2/m^2 = 0.0111636923;  1 + 2 m_mu^2/m^2 = 1.0223273846
    //   beta_mu = sqrt(1 - 0.0446547692) = 0.9774176337
    //   Gamma_mumu = 2.4324508564e-8 MeV * 1.0223273846 * 0.9774176337 = 2.4306041718e-8 MeV
    const DarkParticle heavy(vector, 1 * GeV, 1e-4);
    EXPECT_NEAR(heavy.partial_width_mumu() / MeV, 2.4306041718e-8, 1e-17);
    EXPECT_NEAR(heavy.partial_width_ee() / MeV, 2.4324508564e-8, 1e-17);

    // The electron-only models never open the muon channel.
    for (auto kind : {pseudoscalar, scalar})
    {
        const DarkParticle particle(kind, 1 * GeV, 1e-4);
        EXPECT_EQ(particle.partial_width_mumu(), 0);
        EXPECT_EQ(particle.total_width(), particle.partial_width_ee());
    }
}

TEST(DarkParticle, PseudoscalarToVectorRatioIsThreeHalves)
{
    // alp-physics.md section 2.1: with alpha_X = g^2/(4 pi) = eps^2 alpha,
    // Gamma_P / Gamma_V -> 3/2 for m >> m_e. Exactly, the ratio is
    // (3/2) / (1 + 2 m_e^2/m^2), so the deviation is ~ 2 m_e^2/m^2.
    const double eps = 1e-4;
    const double g = std::sqrt(4 * constants::pi * constants::alpha) * eps;
    for (double mass : {10 * MeV, 100 * MeV, 1 * GeV, 10 * GeV})
    {
        SCOPED_TRACE(mass);
        const double ratio = DarkParticle(pseudoscalar, mass, g).partial_width_ee() /
                             DarkParticle(vector, mass, eps).partial_width_ee();
        const double x = constants::electron_mass / mass;
        EXPECT_NEAR(ratio, 1.5, 1.5 * 2.1 * x * x);
        EXPECT_NEAR(ratio, 1.5 / (1 + 2 * x * x), 1e-12);
    }
}

TEST(DarkParticle, ScalarOverPseudoscalarIsBetaSquared)
{
    for (double mass : {1.1 * MeV, 5 * MeV, 50 * MeV, 1 * GeV})
    {
        SCOPED_TRACE(mass);
        const double x = constants::electron_mass / mass;
        const double beta_squared = 1 - 4 * x * x;
        const double ratio = DarkParticle(scalar, mass, 3e-6).total_width() /
                             DarkParticle(pseudoscalar, mass, 3e-6).total_width();
        EXPECT_NEAR(ratio, beta_squared, 1e-13);
    }
}

TEST(DarkParticle, LifetimeAndLengthsAreConsistent)
{
    for (auto kind : {pseudoscalar, scalar, vector})
    {
        const DarkParticle particle(kind, 300 * MeV, 2e-5);
        // c tau = c * tau
        EXPECT_NEAR(
            particle.proper_decay_length() / (constants::c_light * particle.proper_lifetime()), 1.0,
            1e-9);
        // L = (p/m) c tau, linear in p; L(0) = 0
        EXPECT_DOUBLE_EQ(particle.lab_decay_length(3 * GeV), 10 * particle.proper_decay_length());
        EXPECT_EQ(particle.lab_decay_length(0), 0);
        EXPECT_FALSE(particle.total_width_note().empty());
    }
    EXPECT_NE(DarkParticle(vector, 300 * MeV, 1e-5).total_width_note().find("hadronic"),
              std::string::npos);
}

TEST(DarkParticle, CouplingForDecayLengthRoundTrips)
{
    for (auto kind : {pseudoscalar, scalar, vector})
        for (double mass : {1.5 * MeV, 17 * MeV, 150 * MeV, 212 * MeV, 750 * MeV, 3 * GeV})
            for (double momentum : {0.1 * GeV, 4 * GeV, 7.92 * GeV, 100 * GeV})
                for (double length : {1e-3 * mm, 150 * mm, 1e5 * mm})
                {
                    SCOPED_TRACE(std::string(to_string(kind)) + " m=" + std::to_string(mass) +
                                 " p=" + std::to_string(momentum) + " L=" + std::to_string(length));
                    const double coupling =
                        coupling_for_lab_decay_length(kind, mass, momentum, length);
                    const DarkParticle particle(kind, mass, coupling);
                    EXPECT_NEAR(particle.lab_decay_length(momentum) / length, 1.0, 1e-12);
                    // and back: the coupling from the particle's own decay length
                    EXPECT_NEAR(coupling_for_lab_decay_length(kind, mass, momentum,
                                                              particle.lab_decay_length(momentum)) /
                                    coupling,
                                1.0, 1e-12);
                }
}

TEST(DarkParticle, CouplingForDecayLengthIncludesMuonChannel)
{
    // Above 2 m_mu the dark photon decays faster, so a given length needs a
    // smaller eps than the e+e- channel alone would: eps^2 scales with 1/Gamma_1.
    const double mass = 1 * GeV;
    const double eps = coupling_for_lab_decay_length(vector, mass, 8 * GeV, 150 * mm);
    const DarkParticle unit(vector, mass, 1.0);
    const double eps_ee_only =
        std::sqrt(8 * GeV / mass * constants::hbar_c / (150 * mm * unit.partial_width_ee()));
    EXPECT_NEAR(eps / eps_ee_only, std::sqrt(unit.partial_width_ee() / unit.total_width()), 1e-12);
    EXPECT_LT(eps, 0.72 * eps_ee_only);  // Gamma_mumu ~ Gamma_ee at 1 GeV
}

TEST(DarkParticle, InvalidInputsThrow)
{
    const double not_a_number = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    const double threshold = 2 * constants::electron_mass;
    for (auto kind : {pseudoscalar, scalar, vector})
    {
        SCOPED_TRACE(std::string(to_string(kind)));
        EXPECT_THROW(DarkParticle(kind, 0.8 * MeV, 1e-5), InputError);
        EXPECT_THROW(DarkParticle(kind, threshold, 1e-5), InputError);
        EXPECT_THROW(DarkParticle(kind, -50 * MeV, 1e-5), InputError);
        EXPECT_THROW(DarkParticle(kind, not_a_number, 1e-5), InputError);
        EXPECT_THROW(DarkParticle(kind, infinity, 1e-5), InputError);
        EXPECT_THROW(DarkParticle(kind, 50 * MeV, 0), InputError);
        EXPECT_THROW(DarkParticle(kind, 50 * MeV, -1e-5), InputError);
        EXPECT_THROW(DarkParticle(kind, 50 * MeV, not_a_number), InputError);
        EXPECT_THROW(DarkParticle(kind, 50 * MeV, infinity), InputError);
        EXPECT_THROW(DarkParticle(kind, 50 * MeV, 1e-200), InputError);  // width underflows
        EXPECT_NO_THROW(DarkParticle(kind, 1.0001 * threshold, 1e-5));

        const DarkParticle particle(kind, 50 * MeV, 1e-5);
        EXPECT_THROW((void)particle.lab_decay_length(-1 * GeV), InputError);
        EXPECT_THROW((void)particle.lab_decay_length(not_a_number), InputError);
        EXPECT_THROW((void)particle.lab_decay_length(infinity), InputError);

        EXPECT_THROW(coupling_for_lab_decay_length(kind, 0.8 * MeV, 8 * GeV, 150 * mm), InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, 0, 150 * mm), InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, -8 * GeV, 150 * mm), InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, not_a_number, 150 * mm),
                     InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, infinity, 150 * mm), InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, 8 * GeV, 0), InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, 8 * GeV, -1), InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, 8 * GeV, infinity), InputError);
        EXPECT_THROW(coupling_for_lab_decay_length(kind, 50 * MeV, 8 * GeV, not_a_number),
                     InputError);
    }
    // validate() catches fields changed after construction.
    DarkParticle alp(pseudoscalar, 50 * MeV, 1e-5);
    alp.mass = 0.5 * MeV;
    EXPECT_THROW(alp.validate(), InputError);
}

TEST(DarkParticle, ErrorMessageSaysProblemWhyAndSuggestion)
{
    try
    {
        DarkParticle(pseudoscalar, 0.8 * MeV, 1e-5);
        FAIL() << "expected InputError";
    }
    catch (const InputError& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "ALP mass 0.8 MeV is not above the e+e- threshold 1.022 MeV (no visible "
                  "decay); choose a finite mass above 2 m_e");
    }
}
