#include "umbra/analysis/GeneralisedAngularity.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
void add(JetConstituents& jet, double e, double phi)
{
    jet.add(e, e * std::sin(phi), 0, e * std::cos(phi));
}

// λ^κ_β = Σ z_i^κ (θ_i/R)^β (1408.3122 eq. 2.1 with energies and 3-D angles).
TEST(GeneralisedAngularity, TwoParticlesByHand)
{
    const double theta = 0.08, radius = 0.2;
    JetConstituents jet;
    add(jet, 3, 0);
    add(jet, 1, theta);
    const Direction axis{0, 0, 1};  // on the harder particle (the WTA axis)
    auto lambda = [&](double kappa, double beta) { return GeneralisedAngularity({kappa, beta, radius})(jet, axis); };
    const double x = theta / radius;
    EXPECT_NEAR(lambda(1, 0.5), 0.25 * std::sqrt(x), 1e-15);
    EXPECT_NEAR(lambda(1, 1), 0.25 * x, 1e-15);
    EXPECT_NEAR(lambda(1, 2), 0.25 * x * x, 1e-15);
    EXPECT_NEAR(lambda(2, 0), 0.75 * 0.75 + 0.25 * 0.25, 1e-15);  // (p_T^D)²
    EXPECT_NEAR(lambda(0, 0), 2, 1e-15);                          // multiplicity
    EXPECT_NEAR(lambda(1, 3), 0.25 * x * x * x, 1e-15);
    EXPECT_NEAR(GeneralisedAngularity::width(jet, axis), 0.25 * theta, 1e-15);
    EXPECT_NEAR(lambda(1, 1), GeneralisedAngularity::width(jet, axis) / radius, 1e-15);
    // About a different axis (the E-scheme one, between them) the values differ.
    const Direction escheme = jet.momentum_direction();
    EXPECT_GT(GeneralisedAngularity({1, 1, radius})(jet, escheme), 0);
    EXPECT_NE(GeneralisedAngularity({1, 0.5, radius})(jet, escheme), lambda(1, 0.5));
}

TEST(GeneralisedAngularity, EmptyAndValidation)
{
    EXPECT_TRUE(std::isnan(GeneralisedAngularity()(JetConstituents{}, {0, 0, 1})));
    EXPECT_TRUE(std::isnan(GeneralisedAngularity::width(JetConstituents{}, {0, 0, 1})));
    EXPECT_THROW(GeneralisedAngularity({-1, 1, 0.2}), InputError);
    EXPECT_THROW(GeneralisedAngularity({1, -1, 0.2}), InputError);
    EXPECT_THROW(GeneralisedAngularity({1, 1, 0}), InputError);
}
}  // namespace
}  // namespace umbra::analysis
