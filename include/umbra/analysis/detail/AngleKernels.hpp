#pragma once
//! \file
//! Fast, precise angles between unit vectors for the substructure hot loops.
//!
//! The reference formula (alp-physics.md §5.1) is θ = atan2(|a × b|, a · b), precise at
//! mrad and below where acos(a · b) is not. For unit vectors the half-angle identity
//!     θ = 2 atan2(|a − b|, |a + b|) = 2 asin(|a − b| / 2)
//! is equally precise (the chord |a − b| is formed from component differences, no
//! cancellation against 1) and, for chords c ≤ 0.5 (θ ≤ 0.505 rad, every pair inside a
//! jet of the default radius), 2 asin(c/2) is evaluated by its Maclaurin series
//!     asin s = Σ_k (2k)! / (4^k (k!)² (2k+1)) s^{2k+1},
//! truncated after 13 terms: for s ≤ 0.25 the first neglected term is < 3e-17 of s, so the
//! result is exact to rounding, at a fraction of the cost of a libm atan2. Larger chords
//! fall back to the atan2 form. The tests compare both against atan2(|a × b|, a · b).
#include <array>
#include <cmath>
#include <cstddef>

namespace umbra::analysis::detail
{
//! Maclaurin coefficients of asin: c_k = (2k)! / (4^k (k!)² (2k+1)).
inline constexpr std::array<double, 13> asin_series_coefficients = [] {
    std::array<double, 13> c{};
    double a = 1;  // (2k)! / (4^k (k!)²) = Π (2m − 1)/(2m)
    for (std::size_t k = 0; k < c.size(); ++k)
    {
        if (k > 0) a *= (2.0 * static_cast<double>(k) - 1) / (2.0 * static_cast<double>(k));
        c[k] = a / (2.0 * static_cast<double>(k) + 1);
    }
    return c;
}();

//! Largest chord the series is used for.
inline constexpr double series_max_chord = 0.5;

//! 2 asin(c/2) by the series; only for 0 ≤ c ≤ series_max_chord.
inline double angle_from_small_chord(double chord) noexcept
{
    const double s = 0.5 * chord;
    const double z = s * s;
    const auto& c = asin_series_coefficients;
    double poly = c[12];
    for (int k = 11; k >= 0; --k) poly = poly * z + c[static_cast<std::size_t>(k)];
    return 2 * s * poly;
}

//! Angle [rad] between the unit vectors a and b (θ ∈ [0, π]).
inline double angle_between_unit(double ax, double ay, double az, double bx, double by, double bz) noexcept
{
    const double dx = ax - bx, dy = ay - by, dz = az - bz;
    const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    if (chord <= series_max_chord) return angle_from_small_chord(chord);
    const double sx = ax + bx, sy = ay + by, sz = az + bz;
    return 2 * std::atan2(chord, std::sqrt(sx * sx + sy * sy + sz * sz));
}

inline double angle_between_unit(const std::array<double, 3>& a, const std::array<double, 3>& b) noexcept
{
    return angle_between_unit(a[0], a[1], a[2], b[0], b[1], b[2]);
}
}  // namespace umbra::analysis::detail
