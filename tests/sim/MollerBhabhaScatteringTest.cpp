#include "umbra/sim/MollerBhabhaScattering.hpp"

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
constexpr double m = constants::electron_mass;
constexpr double r_e = constants::alpha * constants::hbar_c / m;  // classical electron radius [mm]

//! Moller DCS written out from the PRM ("Moller and Bhabha scattering"), in T_delta:
//! dsigma/dT = 2 pi r_e^2 m / (beta^2 T^2) [ ((g-1)/g)^2 + 1/e^2 - (2g-1)/(g^2 e)
//!             + 1/(1-e)^2 - (2g-1)/(g^2 (1-e)) ], e = T_delta/T.
double moller_dcs(double t, double t_delta)
{
    const double g = t / m + 1;
    const double beta2 = 1 - 1 / (g * g);
    const double e = t_delta / t;
    const double c = (2 * g - 1) / (g * g);
    return 2 * constants::pi * r_e * r_e * m / (beta2 * t * t) *
           (std::pow((g - 1) / g, 2) + 1 / (e * e) - c / e + 1 / ((1 - e) * (1 - e)) - c / (1 - e));
}

//! Bhabha DCS from the PRM, with y = 1/(g+1):
//! dsigma/dT = 2 pi r_e^2 m / T^2 [1/(beta^2 e^2) - B1/e + B2 - B3 e + B4 e^2].
double bhabha_dcs(double t, double t_delta)
{
    const double g = t / m + 1;
    const double beta2 = 1 - 1 / (g * g);
    const double e = t_delta / t;
    const double y = 1 / (g + 1);
    const double b1 = 2 - y * y;
    const double b2 = (1 - 2 * y) * (3 + y * y);
    const double b4 = std::pow(1 - 2 * y, 3);
    const double b3 = b4 + std::pow(1 - 2 * y, 2);
    return 2 * constants::pi * r_e * r_e * m / (t * t) *
           (1 / (beta2 * e * e) - b1 / e + b2 - b3 * e + b4 * e * e);
}
}  // namespace

TEST(MollerBhabhaScattering, DcsMatchesPrmFormulas)
{
    for (double t : {0.1, 10.0, 1000.0})
    {
        const MollerBhabhaScattering moller(Lepton::electron, t);
        const MollerBhabhaScattering bhabha(Lepton::positron, t);
        for (double e : {0.01, 0.2, 0.5})
        {
            EXPECT_NEAR(moller.differential_cross_section(e * t) / moller_dcs(t, e * t), 1.0, 1e-12);
            EXPECT_NEAR(bhabha.differential_cross_section(e * t) / bhabha_dcs(t, e * t), 1.0, 1e-12);
        }
        EXPECT_NEAR(bhabha.differential_cross_section(0.9 * t) / bhabha_dcs(t, 0.9 * t), 1.0, 1e-12);
        EXPECT_EQ(moller.differential_cross_section(0.6 * t), 0.0);  // Moller: T_delta <= T/2
        EXPECT_DOUBLE_EQ(moller.max_delta_energy(), 0.5 * t);
        EXPECT_DOUBLE_EQ(bhabha.max_delta_energy(), t);
    }
}

// Cross-section above the cut against numerical quadrature of the PRM formulas above.
TEST(MollerBhabhaScattering, CrossSectionIsTheIntegralOfTheDcs)
{
    AdaptiveIntegrator integrator({.relative_tolerance = 1e-11});
    for (double t : {0.05, 1.0, 100.0, 1e4})
    {
        for (double cut_fraction : {1e-4, 1e-2, 0.3})
        {
            const double cut = cut_fraction * t;
            const MollerBhabhaScattering moller(Lepton::electron, t);
            const MollerBhabhaScattering bhabha(Lepton::positron, t);
            const double moller_ref = integrator.integrate([&](double x) { return moller_dcs(t, x); }, cut, 0.5 * t).value;
            const double bhabha_ref = integrator.integrate([&](double x) { return bhabha_dcs(t, x); }, cut, t).value;
            EXPECT_NEAR(moller.cross_section(cut) / moller_ref, 1.0, 1e-8) << t << " " << cut;
            EXPECT_NEAR(bhabha.cross_section(cut) / bhabha_ref, 1.0, 1e-8) << t << " " << cut;
            // partial range
            const double upper = 0.4 * t;
            if (cut < upper)
            {
                const double partial = integrator.integrate([&](double x) { return moller_dcs(t, x); }, cut, upper).value;
                EXPECT_NEAR(moller.cross_section(cut, upper) / partial, 1.0, 1e-8);
            }
        }
    }
    EXPECT_EQ(MollerBhabhaScattering(Lepton::electron, 1.0).cross_section(0.5), 0.0);
    EXPECT_EQ(MollerBhabhaScattering(Lepton::positron, 1.0).cross_section(1.0), 0.0);
}

// Ultra-relativistic, small cut: sigma -> 2 pi r_e^2 m / T_cut (free-electron Rutherford
// limit, e.g. PDG review eq. for the delta-ray spectrum d^2N/dT dx ~ 1/T^2): 1 GeV, 1 keV cut.
TEST(MollerBhabhaScattering, SmallCutLimitIsRutherford)
{
    const double cut = 1 * units::keV;
    const double rutherford = 2 * constants::pi * r_e * r_e * m / cut;
    EXPECT_NEAR(MollerBhabhaScattering(Lepton::electron, 1000).cross_section(cut) / rutherford, 1.0, 1e-4);
    EXPECT_NEAR(MollerBhabhaScattering(Lepton::positron, 1000).cross_section(cut) / rutherford, 1.0, 1e-4);
    // Per electron at 1 keV cut: 2 pi r_e^2 m / T_cut = 254.9 b (r_e = 2.8179403 fm, CODATA 2018).
    EXPECT_NEAR(rutherford / units::barn, 254.9, 0.1);
}

TEST(MollerBhabhaScattering, FinalStateConservesFourMomentum)
{
    RandomStream rng({.seed = 3, .stream = StreamId::test, .event = 4});
    const ThreeVector direction = ThreeVector{-0.2, 0.4, 0.9}.unit();
    for (const Lepton lepton : {Lepton::electron, Lepton::positron})
    {
        for (double t : {0.05, 2.0, 5000.0})
        {
            const MollerBhabhaScattering scattering(lepton, t);
            const double cut = 0.001 * t;
            const double p = std::sqrt(t * (t + 2 * m));
            for (int i = 0; i < 2000; ++i)
            {
                const auto fs = scattering.sample(cut, direction, rng);
                ASSERT_GT(fs.delta_kinetic_energy, cut);
                ASSERT_LE(fs.delta_kinetic_energy, scattering.max_delta_energy() * (1 + 1e-12));
                EXPECT_NEAR(fs.delta_kinetic_energy + fs.primary_kinetic_energy, t, 1e-12 * t);
                const double p_delta = std::sqrt(fs.delta_kinetic_energy * (fs.delta_kinetic_energy + 2 * m));
                const double p_primary =
                    std::sqrt(fs.primary_kinetic_energy * (fs.primary_kinetic_energy + 2 * m));
                const ThreeVector balance = p * direction - p_delta * fs.delta_direction - p_primary * fs.primary_direction;
                EXPECT_LT(balance.mag(), 1e-7 * p) << "T = " << t;
            }
        }
    }
}

TEST(MollerBhabhaScattering, RejectsBadInput)
{
    EXPECT_THROW(MollerBhabhaScattering(Lepton::electron, 0.0), InputError);
    EXPECT_THROW(MollerBhabhaScattering(Lepton::positron, -1.0), InputError);
}

// Sampled delta-ray energies against the CDF 1 - sigma(T)/sigma(cut) (closed form, itself
// checked against quadrature above); KS at 1 %, 100k draws per case.
TEST(MollerBhabhaValidation, SampledDeltaSpectrumMatchesDcs)
{
    RandomStream rng({.seed = 5, .stream = StreamId::test, .event = 5});
    for (const Lepton lepton : {Lepton::electron, Lepton::positron})
    {
        for (double t : {0.1, 10.0, 1e4})
        {
            const MollerBhabhaScattering scattering(lepton, t);
            const double cut = 0.002 * t;
            const double sigma = scattering.cross_section(cut);
            std::vector<double> samples(100000);
            for (auto& x : samples) x = scattering.sample_delta_energy(cut, rng);
            const double d =
                test::ks_statistic(samples, [&](double x) { return 1 - scattering.cross_section(x) / sigma; });
            EXPECT_LT(d, test::ks_critical_value_1percent(samples.size()))
                << (lepton == Lepton::electron ? "e-" : "e+") << " T = " << t;
        }
    }
}

// Chi^2 of a 20-bin histogram in ln T_delta against the DCS integrated per bin (Bhabha at
// 50 MeV, where the positron-specific terms matter up to T_delta = T). 99.9 % quantile of
// chi^2 with 19 dof: 43.8.
TEST(MollerBhabhaValidation, BhabhaHistogramChiSquare)
{
    RandomStream rng({.seed = 6, .stream = StreamId::test, .event = 6});
    const double t = 50;
    const double cut = 0.01;
    const MollerBhabhaScattering bhabha(Lepton::positron, t);
    constexpr int bins = 20;
    constexpr int n = 200000;
    std::vector<double> counts(bins, 0.0);
    const double log_range = std::log(t / cut);
    for (int i = 0; i < n; ++i)
    {
        const double x = bhabha.sample_delta_energy(cut, rng);
        const int b = std::min(bins - 1, static_cast<int>(std::log(x / cut) / log_range * bins));
        counts[b] += 1;
    }
    const double sigma = bhabha.cross_section(cut);
    double chi2 = 0;
    for (int b = 0; b < bins; ++b)
    {
        const double lo = cut * std::exp(log_range * b / bins);
        const double hi = cut * std::exp(log_range * (b + 1) / bins);
        const double expected = n * (bhabha.cross_section(lo) - bhabha.cross_section(hi)) / sigma;
        chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
    }
    EXPECT_LT(chi2, 43.8);
}
