#include "umbra/analysis/TwoProngSplitting.hpp"

#include <fastjet/ClusterSequence.hh>
#include <gtest/gtest.h>

#include <cmath>

#include "BruteForceClustering.hpp"
#include "umbra/analysis/JetClustering.hpp"

namespace umbra::analysis
{
namespace
{
void add(JetConstituents& jet, double e, double phi)
{
    jet.add(e, e * std::sin(phi), 0, e * std::cos(phi));
}

TEST(TwoProngSplitting, TwoParticlesByHand)
{
    JetConstituents jet;
    add(jet, 3, 0);
    add(jet, 1, 0.04);
    const auto s = TwoProngSplitting::measure(jet);
    EXPECT_NEAR(s.theta12, 0.04, 1e-15);
    EXPECT_DOUBLE_EQ(s.z12, 0.25);
    // y₁₂ = 2 min(E₁², E₂²)(1 − cos θ)/E_vis² = 2 (1 − cos 0.04)/16.
    EXPECT_NEAR(s.y12, 2 * 2 * std::pow(std::sin(0.02), 2) / 16, 1e-16);
}

TEST(TwoProngSplitting, ThreeParticlesAndFastJetYmerge)
{
    // A (2) and B (1) close, C (1) far: the prongs are AB (E-scheme) and C.
    JetConstituents jet;
    add(jet, 2, 0);
    add(jet, 1, 0.02);
    add(jet, 1, -0.3);
    const auto s = TwoProngSplitting::measure(jet);
    const double phi = std::atan2(std::sin(0.02), 2 + std::cos(0.02));  // AB axis from A
    EXPECT_NEAR(s.theta12, 0.3 + phi, 1e-14);
    EXPECT_DOUBLE_EQ(s.z12, 0.25);

    analysis::detail::prepare_fastjet();
    const auto particles = test::random_particles(30, 9);
    JetConstituents random;
    random.assign(particles);
    const fastjet::ClusterSequence cs(particles, fastjet::JetDefinition(fastjet::ee_kt_algorithm));
    EXPECT_NEAR(TwoProngSplitting::measure(random).y12, cs.exclusive_ymerge(1), 1e-10 * cs.exclusive_ymerge(1));
}

TEST(TwoProngSplitting, OneParticleIsUndefined)
{
    JetConstituents jet;
    add(jet, 2, 0);
    const auto s = TwoProngSplitting::measure(jet);
    EXPECT_TRUE(std::isnan(s.theta12) && std::isnan(s.z12) && std::isnan(s.y12));
}
}  // namespace
}  // namespace umbra::analysis
