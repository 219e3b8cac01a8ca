#pragma once
//! \file
//! Internal: 8-wide double vectors (GCC vector extensions) and the small inline loops the
//! substructure kernels share. Only for .cpp files whose hot functions are compiled with
//! UMBRA_SIMD_CLONES (AVX-512, AVX2 and baseline clones chosen at load time), into which
//! these helpers are inlined. All arrays are padded to a multiple of simd_lanes.
#include <cstddef>
#include <cstring>
#include <limits>

#include "umbra/analysis/detail/SimdKernels.hpp"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define UMBRA_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define UMBRA_SIMD_CLONES
#endif
#define UMBRA_ALWAYS_INLINE inline __attribute__((always_inline))

// The helpers pass 64-byte vectors by value; they are always inlined into the clones.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace umbra::analysis::detail::simd
{
typedef double Vec __attribute__((vector_size(simd_lanes * sizeof(double))));
typedef long long VecI __attribute__((vector_size(simd_lanes * sizeof(long long))));

UMBRA_ALWAYS_INLINE Vec load(const double* p) noexcept
{
    Vec v;
    std::memcpy(&v, p, sizeof(Vec));
    return v;
}

UMBRA_ALWAYS_INLINE void store(double* p, const Vec& v) noexcept
{
    std::memcpy(p, &v, sizeof(Vec));
}

UMBRA_ALWAYS_INLINE Vec broadcast(double x) noexcept
{
    const Vec zero = {};
    return zero + x;
}

//! Smallest lane, broadcast to every lane (log₂ 8 shuffle steps).
UMBRA_ALWAYS_INLINE Vec horizontal_min(const Vec& v) noexcept
{
#if defined(__clang__)
    Vec s = __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3);
    Vec m = s < v ? s : v;
    s = __builtin_shufflevector(m, m, 2, 3, 0, 1, 6, 7, 4, 5);
    m = s < m ? s : m;
    s = __builtin_shufflevector(m, m, 1, 0, 3, 2, 5, 4, 7, 6);
#else
    const VecI swap4 = {4, 5, 6, 7, 0, 1, 2, 3}, swap2 = {2, 3, 0, 1, 6, 7, 4, 5}, swap1 = {1, 0, 3, 2, 5, 4, 7, 6};
    Vec s = __builtin_shuffle(v, swap4);
    Vec m = s < v ? s : v;
    s = __builtin_shuffle(m, swap2);
    m = s < m ? s : m;
    s = __builtin_shuffle(m, swap1);
#endif
    return s < m ? s : m;
}

//! Lane-wise running minimum and its index over blocks; returns the overall smallest
//! value (NaN never chosen) and the lowest index holding it (padded if none < +∞).
struct ArgMin
{
    Vec best = broadcast(std::numeric_limits<double>::infinity());
    Vec best_index = broadcast(-1);

    UMBRA_ALWAYS_INLINE void add(const Vec& values, const Vec& index) noexcept
    {
        const auto smaller = values < best;
        best = smaller ? values : best;
        best_index = smaller ? index : best_index;
    }

    UMBRA_ALWAYS_INLINE std::size_t result(std::size_t padded, double& min_value) const noexcept
    {
        const Vec m = horizontal_min(best);
        const Vec inf = broadcast(std::numeric_limits<double>::infinity());
        const Vec candidates = ((best == m) & (best_index >= 0.0)) ? best_index : inf;
        const double at = horizontal_min(candidates)[0];
        min_value = m[0];
        return at < std::numeric_limits<double>::infinity() ? static_cast<std::size_t>(at) : padded;
    }
};

UMBRA_ALWAYS_INLINE Vec lane_indices(std::size_t first) noexcept
{
    const Vec base = {0, 1, 2, 3, 4, 5, 6, 7};
    return base + static_cast<double>(first);
}

//! √x for x ≥ 0 without libm (so that it vectorises under -fmath-errno): the classic
//! bit-level guess of 1/√x (magic 0x5FE6EB50C7B537A9, ≤ 3.5 % off), four Newton steps
//! y ← y (3 − x y²)/2 (error ε → 1.5 ε²: 3.5e-2 → 1.8e-3 → 5e-6 → 4e-11 → below rounding),
//! then one correction r ← r + y (x − r²)/2 of r = x y.
UMBRA_ALWAYS_INLINE Vec newton_sqrt(const Vec& x) noexcept
{
    const Vec zero = {};
    const Vec tiny = zero + 1e-300;
    const auto is_small = x < tiny;
    const Vec xs = is_small ? tiny : x;
    VecI bits;
    std::memcpy(&bits, &xs, sizeof(Vec));
    bits = 0x5FE6EB50C7B537A9LL - (bits >> 1);
    Vec y;
    std::memcpy(&y, &bits, sizeof(Vec));
    for (int step = 0; step < 4; ++step) y = y * (1.5 - 0.5 * xs * y * y);
    Vec r = xs * y;
    r = r + 0.5 * y * (xs - r * r);
    return is_small ? zero : r;
}
}  // namespace umbra::analysis::detail::simd

#pragma GCC diagnostic pop
