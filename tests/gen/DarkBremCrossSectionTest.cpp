#include "umbra/gen/DarkBremCrossSection.hpp"

#include <gtest/gtest.h>

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
