#pragma once
//! \file
//! Non-uniform deviates drawn from a RandomStream: normal, normal tail, Poisson and
//! binomial. Each function cites the algorithm it implements; all are exact (no
//! approximation) except binomial() for means above binomial_inversion_limit.
#include <cstdint>

#include "umbra/core/RandomStream.hpp"

namespace umbra
{
//! Standard normal deviate, Marsaglia polar method (Marsaglia & Bray, SIAM Review 6
//! (1964) 260); the second deviate of each pair is discarded so the call is stateless.
double standard_normal(RandomStream& rng) noexcept;

//! Standard normal deviate by the Box–Muller transform (Box & Muller, Ann. Math. Stat. 29
//! (1958) 610), sqrt(-2 ln u1) cos(2 pi u2): exactly two uniforms per call. The transport
//! uses this one (its random sequences depend on it); the same distribution as standard_normal().
double box_muller_normal(RandomStream& rng) noexcept;

//! Standard normal deviate conditioned on x > a (a > 0): Marsaglia's tail method
//! (G. Marsaglia, Technometrics 6 (1964) 101; Devroye, "Non-Uniform Random Variate
//! Generation" (1986) IX.1.2): x = a + E1/a with E1, E2 ~ Exp(1), accepted when
//! 2 E2 > (E1/a)^2. Acceptance is above 0.8 for a ≥ 1.
double standard_normal_tail(double a, RandomStream& rng) noexcept;

//! Poisson deviate of mean `mean` ≥ 0: multiplication method (Knuth, TAOCP vol. 2,
//! 3.4.1 F) below a mean of 10, transformed rejection with squeeze "PTRS" above
//! (W. Hörmann, Insurance: Math. Econ. 12 (1993) 39). Exact in both regimes.
std::uint64_t poisson(double mean, RandomStream& rng) noexcept;

//! Means n p above which binomial() switches from exact inversion to the normal
//! approximation (rounded, clamped to [0, n]).
inline constexpr double binomial_inversion_limit = 200;

//! Binomial(n, p) deviate: sequential inversion of the CDF (Devroye (1986) X.4.1)
//! for n p ≤ binomial_inversion_limit, using the symmetry p → 1 − p when p > ½.
std::uint64_t binomial(std::uint64_t n, double p, RandomStream& rng) noexcept;
}  // namespace umbra
