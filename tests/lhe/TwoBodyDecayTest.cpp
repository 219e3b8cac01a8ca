#include "umbra/lhe/TwoBodyDecay.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace umbra;
using namespace umbra::lhe;

TEST(TwoBodyDecay, ConservesFourMomentumAndIsIsotropic)
{
    // A 50 MeV ALP with 7.9 GeV of momentum at a small angle (GeV units).
    const double m = 0.05, p = 7.9, me = 0.00051099895;
    const LorentzVector parent{0.01, -0.02, std::sqrt(p * p - 0.01 * 0.01 - 0.02 * 0.02), std::sqrt(p * p + m * m)};
    const int n = 20000;
    double mean_fraction = 0;
    for (int i = 0; i < n; ++i)
    {
        RandomStream rng({1, StreamId::test, static_cast<std::uint64_t>(i)});
        const auto d = isotropic_two_body_decay(parent, me, rng);
        ASSERT_NEAR(d.first.px + d.second.px, parent.px, 1e-12);
        ASSERT_NEAR(d.first.pz + d.second.pz, parent.pz, 1e-12);
        ASSERT_NEAR(d.first.e + d.second.e, parent.e, 1e-12);
        ASSERT_NEAR(std::sqrt(d.first.m2()), me, 1e-8);
        ASSERT_NEAR(std::sqrt(d.second.m2()), me, 1e-8);
        // Isotropic in the rest frame <=> the lab energy fraction E1/E is uniform on
        // [(1 - b b*)/2, (1 + b b*)/2] (alp-physics.md 2.4): mean 1/2, sigma 0.29/sqrt(n).
        mean_fraction += d.first.e / parent.e / n;
    }
    EXPECT_NEAR(mean_fraction, 0.5, 5 * 0.29 / std::sqrt(n));
}
