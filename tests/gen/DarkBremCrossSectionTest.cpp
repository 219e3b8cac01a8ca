#include "umbra/gen/DarkBremCrossSection.hpp"
#include "umbra/darkbrem/ImprovedWWSpectrum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/Error.hpp"

using namespace umbra;
using namespace umbra::gen;

namespace
{
VegasIntegrator::Config vegas(std::uint64_t calls, unsigned threads = 2)
{
    VegasIntegrator::Config c;
    c.calls_per_iteration = calls;
    c.warmup_iterations = 6;
    c.iterations = 6;
    c.threads = threads;
    c.seed = 3;
    return c;
}

DarkBremProcess dark_photon(double energy)
{
    DarkBremProcess p;
    p.kind = physics::DarkParticleKind::vector;
    p.boson_mass = 0.01;
    p.coupling = 0.01;
    p.beam_energy = energy;
    return p;
}
}  // namespace

// shared/reference/madgraph-validation.md: MadGraph5_aMC@NLO 3.5.6 in the dark-brem-lib-gen
// configuration, W, m_A' = 0.01 GeV, eps = 0.01, +-0.2 % statistical. The generator issue asks
// for agreement within 1 %: required here for each MadGraph number, with our own statistical
// error below 0.3 %.
TEST(DarkBremCrossSection, MatchesMadGraphDarkPhotonOnTungsten)
{
    for (auto [energy, madgraph] : {std::pair{8.0, 6.90e7}, {7.2, 6.80e7}, {3.827, 6.11e7}})
    {
        DarkBremCrossSection xsec(dark_photon(energy), vegas(20000));
        const auto r = xsec.compute();
        EXPECT_LT(r.error / r.cross_section, 0.003) << energy;
        EXPECT_NEAR(r.cross_section / madgraph, 1.0, 0.01) << energy << " GeV: " << r.cross_section << " pb";
        EXPECT_LT(r.chi2_per_dof, 4.0);
    }
}

TEST(DarkBremCrossSection, ScalesWithCouplingSquaredAndConvention)
{
    auto p = dark_photon(8);
    const auto a = DarkBremCrossSection(p, vegas(4000)).compute();
    p.coupling = 0.02;
    const auto b = DarkBremCrossSection(p, vegas(4000)).compute();
    EXPECT_NEAR(b.cross_section / a.cross_section, 4.0, 1e-9);  // same random numbers, exact scaling
    p.coupling = 0.01;
    p.convention = CouplingConvention::alpha0;
    const auto c = DarkBremCrossSection(p, vegas(4000)).compute();
    // alpha(0) at the lepton vertices: (127.9/137.036)^2 from alpha_lepton * g^2, times
    // 137.04/137.036 at the nucleus, / 1.0018^2, with small form-factor convention changes.
    const double expected = std::pow(127.9 / 137.035999084, 2) * (137.04 / 137.035999084) / (1.0018 * 1.0018);
    EXPECT_NEAR(c.cross_section / a.cross_section, expected, 0.01 * expected);
}

TEST(DarkBremCrossSection, ResultIndependentOfThreads)
{
    const auto one = DarkBremCrossSection(dark_photon(8), vegas(3000, 1)).compute();
    const auto three = DarkBremCrossSection(dark_photon(8), vegas(3000, 3)).compute();
    EXPECT_EQ(one.cross_section, three.cross_section);
    EXPECT_EQ(one.error, three.error);
}

TEST(DarkBremCrossSection, BadInput)
{
    auto p = dark_photon(8);
    p.boson_mass = 8.5;
    EXPECT_THROW(DarkBremCrossSection(p, vegas(1000)), InputError);
    p = dark_photon(8);
    p.coupling = 0;
    EXPECT_THROW(DarkBremCrossSection(p, vegas(1000)), InputError);
    EXPECT_THROW(parse_coupling_convention("natural"), InputError);
}

// Validation (label "validation"): the exact ALP (pseudoscalar) cross-section against the
// improved-WW numbers of shared/reference/alp-physics.md table 3.7 (W, alpha(0), pb per g^2),
// computed there with two x_max prescriptions that differ by up to 20x. No tuning: the exact
// result must lie within the band the WW prescriptions span (from half the smaller of
// Impr-cut / Hyper-cut to 1.1 x Hyper-nocut); the numbers are tabulated in docs/validation.md.
TEST(DarkBremCrossSectionValidation, AlpExactWithinWeizsackerWilliamsBand)
{
    struct Row
    {
        double mass, energy, improved_cut, hyper_cut, hyper_nocut;
    };
    for (const auto& r : {Row{0.005, 8, 1.15e13, 8.03e12, 8.22e12}, Row{0.025, 8, 4.81e11, 4.36e11, 7.01e11},
                          Row{0.05, 8, 8.03e10, 7.79e10, 1.72e11}, Row{0.05, 4, 5.49e10, 5.31e10, 1.39e11},
                          Row{0.1, 8, 1.16e10, 1.17e10, 3.46e10}, Row{0.5, 8, 3.16e7, 3.90e7, 2.72e8},
                          Row{1.0, 8, 3.06e5, 5.42e5, 7.14e6}, Row{1.0, 4, 1.91e4, 4.10e4, 1.46e6}})
    {
        DarkBremProcess p;
        p.kind = physics::DarkParticleKind::pseudoscalar;
        p.boson_mass = r.mass;
        p.coupling = 1;
        p.beam_energy = r.energy;
        p.convention = CouplingConvention::alpha0;
        const auto result = DarkBremCrossSection(p, vegas(20000)).compute();
        EXPECT_GT(result.cross_section, 0.5 * std::min(r.improved_cut, r.hyper_cut)) << r.mass << " " << r.energy;
        EXPECT_LT(result.cross_section, 1.1 * r.hyper_nocut) << r.mass << " " << r.energy;
        EXPECT_LT(result.error / result.cross_section, 0.005);
    }
}

// Validation: the rest of MadGraph's library ladder (madgraph-validation.md, values quoted to
// three digits: rounding <= 0.08 %), the same 1 % requirement.
TEST(DarkBremCrossSectionValidation, DarkPhotonLadderMatchesMadGraph)
{
    for (auto [energy, madgraph] : {std::pair{6.48, 6.70e7}, {5.832, 6.59e7}, {5.249, 6.49e7}, {4.724, 6.37e7},
                                    {4.252, 6.23e7}})
    {
        const auto r = DarkBremCrossSection(dark_photon(energy), vegas(20000)).compute();
        EXPECT_NEAR(r.cross_section / madgraph, 1.0, 0.01) << energy << " GeV: " << r.cross_section << " pb";
    }
}

// Validation: the exact scalar against improved WW (alp-physics.md 3.4 formulas, whose
// pseudoscalar version reproduces the reference table: ImprovedWWSpectrumTest). WW misses the
// exact result by a mass-dependent factor (0.6 at 5 MeV to 2.7 at 1 GeV, table in
// docs/validation.md); the scalar/pseudoscalar difference, which comes from the m_e-dependent
// terms, must be the same in both: exact S/P = IWW S/P within 0.5 %.
TEST(DarkBremCrossSectionValidation, ScalarOverPseudoscalarAsWeizsackerWilliams)
{
    physics::PhotonFlux flux(physics::NuclearFormFactor({74, 183.84}));
    for (double mass : {0.005, 0.025, 0.1, 1.0})
    {
        double exact[2], ww[2];
        for (int i = 0; i < 2; ++i)
        {
            const auto kind = i == 0 ? physics::DarkParticleKind::scalar : physics::DarkParticleKind::pseudoscalar;
            DarkBremProcess p;
            p.kind = kind;
            p.boson_mass = mass;
            p.coupling = 1;
            p.beam_energy = 8;
            p.convention = CouplingConvention::alpha0;
            exact[i] = DarkBremCrossSection(p, vegas(20000)).compute().cross_section;
            darkbrem::ImprovedWWInput in;
            in.kind = kind;
            in.boson_mass = mass;
            in.alpha_x = 1 / (4 * std::acos(-1.0));
            ww[i] = darkbrem::improved_ww_cross_section(in, flux).cross_section;
        }
        EXPECT_NEAR((exact[0] / exact[1]) / (ww[0] / ww[1]), 1.0, 0.005) << mass;
    }
}
