#include "umbra/core/RandomDistributions.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace umbra
{
double standard_normal(RandomStream& rng) noexcept
{
    for (;;)
    {
        const double u1 = 2 * rng.uniform() - 1;
        const double u2 = 2 * rng.uniform() - 1;
        const double s = u1 * u1 + u2 * u2;
        if (s < 1 && s > 0) return u1 * std::sqrt(-2 * std::log(s) / s);
    }
}

double box_muller_normal(RandomStream& rng) noexcept
{
    const double r = std::sqrt(-2 * std::log(rng.uniform_open()));
    return r * std::cos(2 * std::numbers::pi * rng.uniform());
}

double standard_normal_tail(double a, RandomStream& rng) noexcept
{
    for (;;)
    {
        const double x = -std::log(rng.uniform_open()) / a;
        const double y = -std::log(rng.uniform_open());
        if (2 * y > x * x) return a + x;
    }
}

std::uint64_t poisson(double mean, RandomStream& rng) noexcept
{
    if (!(mean > 0)) return 0;
    if (mean < 10)
    {
        const double limit = std::exp(-mean);
        double product = rng.uniform_open();
        std::uint64_t n = 0;
        while (product > limit)
        {
            ++n;
            product *= rng.uniform_open();
        }
        return n;
    }
    // PTRS, Hörmann (1993), Table 1 constants.
    const double sqrt_mean = std::sqrt(mean);
    const double log_mean = std::log(mean);
    const double b = 0.931 + 2.53 * sqrt_mean;
    const double a = -0.059 + 0.02483 * b;
    const double inverse_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double v_r = 0.9277 - 3.6224 / (b - 2);
    for (;;)
    {
        const double u = rng.uniform() - 0.5;
        const double v = rng.uniform_open();
        const double us = 0.5 - std::abs(u);
        const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
        if (k < 0 || (us < 0.013 && v > us)) continue;
        if (std::log(v * inverse_alpha / (a / (us * us) + b)) <= -mean + k * log_mean - std::lgamma(k + 1))
        {
            return static_cast<std::uint64_t>(k);
        }
    }
}

std::uint64_t binomial(std::uint64_t n, double p, RandomStream& rng) noexcept
{
    if (n == 0 || !(p > 0)) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - binomial(n, 1 - p, rng);
    const double nd = static_cast<double>(n);
    const double mean = nd * p;
    if (mean > binomial_inversion_limit)
    {
        const double x = std::round(mean + std::sqrt(mean * (1 - p)) * standard_normal(rng));
        return static_cast<std::uint64_t>(std::clamp(x, 0.0, nd));
    }
    // P(0) = (1 - p)^n; P(k + 1) = P(k) (n - k) p / ((k + 1)(1 - p)).
    const double odds = p / (1 - p);
    double probability = std::exp(nd * std::log1p(-p));
    double u = rng.uniform();
    std::uint64_t k = 0;
    while (u > probability && k < n)
    {
        u -= probability;
        probability *= odds * static_cast<double>(n - k) / static_cast<double>(k + 1);
        ++k;
        if (probability <= 0) break;  // only reachable through rounding in the far tail
    }
    return k;
}
}  // namespace umbra
