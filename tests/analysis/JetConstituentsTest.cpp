#include "umbra/analysis/JetConstituents.hpp"

#include <fastjet/PseudoJet.hh>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace umbra::analysis
{
namespace
{
TEST(JetConstituents, DirectionsAndSums)
{
    JetConstituents jet;
    jet.add(10, 0, 3, 4, 7);  // direction normalised
    ASSERT_EQ(jet.size(), 1u);
    EXPECT_DOUBLE_EQ(jet.ny()[0], 0.6);
    EXPECT_DOUBLE_EQ(jet.nz()[0], 0.8);
    EXPECT_EQ(jet.index()[0], 7);
    jet.add(5, 0, 0, 2);
    EXPECT_DOUBLE_EQ(jet.energy_sum(), 15);
    const auto p = jet.momentum_sum();
    EXPECT_DOUBLE_EQ(p[1], 6);
    EXPECT_DOUBLE_EQ(p[2], 13);
    const auto n = jet.momentum_direction();
    EXPECT_NEAR(n[1], 6 / std::sqrt(36.0 + 169), 1e-15);
    jet.clear();
    EXPECT_TRUE(jet.empty());
    EXPECT_EQ(jet.mass(), 0);
}

// m² = E² − |p|² (alp-physics.md §5.5); for two massless particles 2 E₁E₂ (1 − cos θ).
TEST(JetConstituents, MassOfTwoMasslessParticles)
{
    for (double theta : {0.5, 0.05, 1e-3})
    {
        JetConstituents jet;
        jet.add(3000, 0, 0, 1);
        jet.add(1000, std::sin(theta), 0, std::cos(theta));
        const double want = std::sqrt(2 * 3000 * 1000 * 2 * std::pow(std::sin(theta / 2), 2));
        EXPECT_NEAR(jet.mass(), want, 1e-7 * want) << theta;
    }
}

TEST(JetConstituents, AssignFromPseudoJets)
{
    std::vector<fastjet::PseudoJet> particles = {fastjet::PseudoJet(0, 0, 2, 2), fastjet::PseudoJet(0, 0, 0, 1),
                                                 fastjet::PseudoJet(1, 0, 0, 1)};
    particles[0].set_user_index(4);
    particles[2].set_user_index(9);
    JetConstituents jet;
    jet.assign(particles);
    ASSERT_EQ(jet.size(), 2u);  // the one without momentum is skipped
    EXPECT_EQ(jet.index()[0], 4);
    EXPECT_EQ(jet.index()[1], 9);
    EXPECT_DOUBLE_EQ(jet.nx()[1], 1);
    EXPECT_NEAR(jet.mass(), std::sqrt(9.0 - 5), 1e-15);  // E = 3, p = (1, 0, 2)
}
}  // namespace
}  // namespace umbra::analysis
