#include "umbra/analysis/detail/SimdKernels.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/analysis/detail/AngleKernels.hpp"
#include "umbra/analysis/detail/VectorOps.hpp"

#pragma GCC diagnostic ignored "-Wpsabi"

namespace umbra::analysis::detail
{
using simd::Vec;

UMBRA_SIMD_CLONES void chord2_row(const double* x, const double* y, const double* z, std::size_t first,
                                  std::size_t padded, double ax, double ay, double az, double* out) noexcept
{
    for (std::size_t k = first; k < padded; k += simd_lanes)
    {
        const Vec dx = ax - simd::load(x + k), dy = ay - simd::load(y + k), dz = az - simd::load(z + k);
        simd::store(out + k, dx * dx + dy * dy + dz * dz);
    }
}

UMBRA_SIMD_CLONES void angles_from_chord2(const double* c2, std::size_t first, std::size_t padded,
                                          double* theta) noexcept
{
    const auto& c = asin_series_coefficients;
    for (std::size_t k = first; k < padded; k += simd_lanes)
    {
        const Vec chord2 = simd::load(c2 + k);
        const Vec s2 = 0.25 * chord2;  // sin²(θ/2)
        Vec poly = s2 * c[12] + c[11];
        for (int m = 10; m >= 0; --m) poly = poly * s2 + c[static_cast<std::size_t>(m)];
        simd::store(theta + k, simd::newton_sqrt(chord2) * poly);  // 2 s P(s²) with 2 s = chord
    }
    constexpr double series_max_chord2 = series_max_chord * series_max_chord;
    for (std::size_t k = first; k < padded; ++k)
    {
        if (c2[k] > series_max_chord2) theta[k] = 2 * std::asin(std::min(1.0, 0.5 * std::sqrt(c2[k])));
    }
}
}  // namespace umbra::analysis::detail
