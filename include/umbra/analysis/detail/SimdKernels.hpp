#pragma once
//! \file
//! Vectorised loops of the substructure code (VectorOps.hpp), compiled for AVX-512, AVX2
//! and baseline x86-64 (target_clones, chosen at load time), so that the library needs no
//! -march flag. All arrays are padded: `padded` is a multiple of simd_lanes and every array
//! holds at least that many entries.
#include <cstddef>

namespace umbra::analysis::detail
{
inline constexpr std::size_t simd_lanes = 8;

//! Smallest multiple of simd_lanes ≥ n.
constexpr std::size_t simd_padded(std::size_t n) noexcept
{
    return (n + simd_lanes - 1) / simd_lanes * simd_lanes;
}

//! out[k] = |a − r_k|² = (ax − x[k])² + (ay − y[k])² + (az − z[k])² for first ≤ k < padded
//! (first a multiple of simd_lanes). NaN coordinates give NaN.
void chord2_row(const double* x, const double* y, const double* z, std::size_t first, std::size_t padded, double ax,
                double ay, double az, double* out) noexcept;

//! theta[k] = angle between unit vectors whose squared chord is c2[k], i.e.
//! 2 asin(√c2 / 2), for first ≤ k < padded: the asin series of AngleKernels.hpp for
//! c2 ≤ 0.25 (√ by Newton iteration, within a few ulp), libm asin above.
void angles_from_chord2(const double* c2, std::size_t first, std::size_t padded, double* theta) noexcept;
}  // namespace umbra::analysis::detail
