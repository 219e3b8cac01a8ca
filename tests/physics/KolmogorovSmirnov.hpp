#pragma once
//! One-sample Kolmogorov-Smirnov test helpers for the sampler tests.
//!
//! D_n = sup_z |F_n(z) - F(z)|; for sorted samples z_(1) <= ... <= z_(n)
//! D_n = max_i max(i/n - F(z_(i)), F(z_(i)) - (i-1)/n). Asymptotically
//! sqrt(n) D_n follows the Kolmogorov distribution, whose 1 % upper critical
//! value is 1.628 (e.g. Stephens, JRSS B 32 (1970) 115; NIST/SEMATECH
//! e-Handbook section 1.3.5.16), so D_n < 1.63/sqrt(n) is the 1 % test.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "umbra/core/RandomStream.hpp"

namespace umbra::test
{
//! 1 % critical value of D_n for large n.
inline double ks_critical_value_1percent(std::size_t n)
{
    return 1.63 / std::sqrt(static_cast<double>(n));
}

//! KS statistic D_n of `samples` against the continuous CDF `cdf`.
template <class Cdf>
double ks_statistic(std::vector<double> samples, const Cdf& cdf)
{
    std::sort(samples.begin(), samples.end());
    const double n = static_cast<double>(samples.size());
    double d = 0;
    for (std::size_t i = 0; i < samples.size(); ++i)
    {
        const double f = cdf(samples[i]);
        const double index = static_cast<double>(i);
        d = std::max({d, (index + 1) / n - f, f - index / n});
    }
    return d;
}

//! `n` draws of `sampler(rng)` from one stream.
template <class Sampler>
std::vector<double> draw(const Sampler& sampler, RandomStream& rng, std::size_t n)
{
    std::vector<double> out(n);
    for (auto& z : out) z = sampler(rng);
    return out;
}
}  // namespace umbra::test
