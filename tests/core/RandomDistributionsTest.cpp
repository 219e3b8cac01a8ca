#include "umbra/core/RandomDistributions.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace umbra
{
namespace
{
struct Moments
{
    double mean = 0;
    double variance = 0;
};

template <typename Draw>
Moments moments(int n, Draw&& draw)
{
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i)
    {
        const double x = draw();
        sum += x;
        sum2 += x * x;
    }
    const double mean = sum / n;
    return {mean, sum2 / n - mean * mean};
}

// Tolerances: 5 standard errors of the sample mean (sqrt(var / n)) and of the sample variance
// (sqrt((mu4 - var^2) / n), mu4 the fourth central moment).
void expect_moments(const Moments& m, double mean, double variance, double mu4, int n)
{
    EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(variance / n)) << "mean";
    EXPECT_NEAR(m.variance, variance, 5 * std::sqrt((mu4 - variance * variance) / n) + 1e-12) << "variance";
}

TEST(RandomDistributions, StandardNormalMoments)
{
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    constexpr int n = 200000;
    expect_moments(moments(n, [&] { return standard_normal(rng); }), 0, 1, 3, n);
}

TEST(RandomDistributions, NormalTailHasTheTruncatedMean)
{
    // E[X | X > a] = phi(a) / Q(a) for a standard normal (the inverse Mills ratio).
    RandomStream rng({.seed = 2, .stream = StreamId::test, .event = 0});
    for (const double a : {1.0, 3.0, 5.0})
    {
        const double phi = std::exp(-0.5 * a * a) / std::sqrt(2 * M_PI);
        const double q = 0.5 * std::erfc(a / std::sqrt(2.0));
        const double expected = phi / q;
        constexpr int n = 100000;
        double sum = 0, minimum = 1e9;
        for (int i = 0; i < n; ++i)
        {
            const double x = standard_normal_tail(a, rng);
            sum += x;
            minimum = std::min(minimum, x);
        }
        EXPECT_GE(minimum, a);
        // The conditional spread is below 1/a; 5 standard errors.
        EXPECT_NEAR(sum / n, expected, 5.0 / a / std::sqrt(n)) << "a = " << a;
    }
}

TEST(RandomDistributions, PoissonMeanAndVarianceInBothRegimes)
{
    RandomStream rng({.seed = 3, .stream = StreamId::test, .event = 0});
    for (const double mean : {0.5, 3.0, 9.9, 10.0, 68.0, 5000.0})
    {
        constexpr int n = 100000;
        // Poisson: mu4 = lambda (1 + 3 lambda).
        expect_moments(moments(n, [&] { return static_cast<double>(poisson(mean, rng)); }), mean, mean,
                       mean * (1 + 3 * mean), n);
    }
    EXPECT_EQ(poisson(0.0, rng), 0u);
}

TEST(RandomDistributions, PoissonProbabilityOfZeroAboveTheSwitch)
{
    // P(0) = e^-mu; at mu = 12 (PTRS branch) 6.1e-6, at mu = 10.5 2.75e-5: count zeros and ones.
    RandomStream rng({.seed = 4, .stream = StreamId::test, .event = 0});
    constexpr int n = 2000000;
    const double mean = 10.5;
    int zeros = 0, ones = 0;
    for (int i = 0; i < n; ++i)
    {
        const auto k = poisson(mean, rng);
        zeros += k == 0;
        ones += k == 1;
    }
    const double p0 = std::exp(-mean), p1 = mean * std::exp(-mean);
    EXPECT_NEAR(zeros, n * p0, 5 * std::sqrt(n * p0));
    EXPECT_NEAR(ones, n * p1, 5 * std::sqrt(n * p1));
}

TEST(RandomDistributions, BinomialMomentsAndEdges)
{
    RandomStream rng({.seed = 5, .stream = StreamId::test, .event = 0});
    struct Case
    {
        std::uint64_t n;
        double p;
    };
    for (const auto c : {Case{102816, 2.87e-7}, Case{20, 0.3}, Case{20, 0.8}, Case{100000, 0.01}})
    {
        constexpr int draws = 100000;
        // Binomial: var = n p q, mu4 = n p q (1 + 3 (n - 2) p q).
        const double nd = static_cast<double>(c.n);
        const double pq = c.p * (1 - c.p);
        expect_moments(moments(draws, [&] { return static_cast<double>(binomial(c.n, c.p, rng)); }), nd * c.p,
                       nd * pq, nd * pq * (1 + 3 * (nd - 2) * pq), draws);
    }
    EXPECT_EQ(binomial(0, 0.5, rng), 0u);
    EXPECT_EQ(binomial(10, 0.0, rng), 0u);
    EXPECT_EQ(binomial(10, 1.0, rng), 10u);
}
}  // namespace
}  // namespace umbra
