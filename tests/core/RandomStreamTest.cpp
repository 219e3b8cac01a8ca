#include "umbra/core/RandomStream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

using namespace umbra;

TEST(RandomStream, SameKeySameSequence)
{
    RandomStream a({42, 7, 1000});
    RandomStream b({42, 7, 1000});
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(a(), b());
}

TEST(RandomStream, NeighbouringKeysGiveDifferentSequences)
{
    std::set<std::uint64_t> first_draws;
    for (std::uint64_t seed = 0; seed < 20; ++seed)
        for (std::uint64_t stream = 0; stream < 20; ++stream)
            for (std::uint64_t event = 0; event < 20; ++event)
                first_draws.insert(RandomStream({seed, stream, event})());
    EXPECT_EQ(first_draws.size(), 8000u);
    // Swapping key components must not give the same stream.
    EXPECT_NE(RandomStream({1, 2, 3})(), RandomStream({3, 2, 1})());
    EXPECT_NE(RandomStream({1, 2, 3})(), RandomStream({2, 1, 3})());
}

TEST(RandomStream, UniformMomentsAndRange)
{
    RandomStream rng({1, StreamId::test, 0});
    const int n = 200000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i)
    {
        const double u = rng.uniform();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        const double v = rng.uniform_open();
        ASSERT_GT(v, 0.0);
        ASSERT_LT(v, 1.0);
        sum += u;
        sum2 += u * u;
    }
    const double mean = sum / n, var = sum2 / n - mean * mean;
    // Mean 1/2 with sigma 1/sqrt(12 n) = 6.5e-4; variance 1/12 with sigma ~ 2e-4. 5 sigma bounds.
    EXPECT_NEAR(mean, 0.5, 5 * 6.5e-4);
    EXPECT_NEAR(var, 1.0 / 12, 5 * 2.0e-4);
}

TEST(RandomStream, BitsAreBalanced)
{
    RandomStream rng({9, 9, 9});
    std::array<int, 64> ones{};
    const int n = 20000;
    for (int i = 0; i < n; ++i)
    {
        const auto x = rng();
        for (int b = 0; b < 64; ++b) ones[b] += static_cast<int>((x >> b) & 1u);
    }
    // Each bit: binomial(n, 1/2), sigma = 70.7; 5 sigma.
    for (int b = 0; b < 64; ++b) EXPECT_NEAR(ones[b], n / 2, 5 * 70.7) << "bit " << b;
}
