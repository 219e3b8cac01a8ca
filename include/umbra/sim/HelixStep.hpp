#pragma once
//! \file
//! Exact motion of a charged particle in a uniform magnetic field over a path
//! length s: dd/ds = k (d × b̂) with k = c' q |B| / p, c' = 0.299792458 MeV/(T mm)
//! (p [MeV] = c' B [T] R [mm]), whose solution is
//!   d(s) = d∥ + d⊥ cos(ks) + (d⊥ × b̂) sin(ks)
//!   x(s) = x0 + d∥ s + d⊥ sin(ks)/k + (d⊥ × b̂)(1 − cos(ks))/k.
#include <cmath>

#include "umbra/core/ThreeVector.hpp"

namespace umbra::sim
{
//! c' in p [MeV] = c' |q| B [T] R [mm].
inline constexpr double momentum_per_tesla_mm = 0.299792458;

struct HelixState
{
    ThreeVector position;   //!< [mm]
    ThreeVector direction;  //!< unit
};

//! Move a particle of charge `charge` [e] and momentum `momentum` [MeV] by path length
//! `s` [mm] in the uniform field `field_tesla` [T].
inline HelixState helix_step(const ThreeVector& position, const ThreeVector& direction, double s, double charge,
                             double momentum, const ThreeVector& field_tesla) noexcept
{
    const double b = field_tesla.mag();
    if (b == 0 || charge == 0 || s == 0) return {position + s * direction, direction};
    const ThreeVector axis = field_tesla * (1 / b);
    const double k = momentum_per_tesla_mm * charge * b / momentum;  // [1/mm]
    const ThreeVector parallel = direction.dot(axis) * axis;
    const ThreeVector perpendicular = direction - parallel;
    const ThreeVector binormal = perpendicular.cross(axis);
    const double phase = k * s;
    const double c = std::cos(phase);
    const double sn = std::sin(phase);
    HelixState out;
    out.direction = (parallel + c * perpendicular + sn * binormal).unit();
    out.position = position + s * parallel + (sn / k) * perpendicular + ((1 - c) / k) * binormal;
    return out;
}

//! Path length over which the helix leaves its chord by at most `miss_distance` [mm]:
//! sagitta = s²/(8R) → s = sqrt(8 R miss), R = p⊥/(c' |q| B).
inline double helix_chord_limit(const ThreeVector& direction, double charge, double momentum,
                                const ThreeVector& field_tesla, double miss_distance) noexcept
{
    const double b = field_tesla.mag();
    if (b == 0 || charge == 0) return INFINITY;
    const double sin_angle = direction.cross(field_tesla * (1 / b)).mag();
    if (sin_angle < 1e-12) return INFINITY;
    const double radius = momentum * sin_angle / (momentum_per_tesla_mm * std::abs(charge) * b);
    return std::sqrt(8 * radius * miss_distance);
}
}  // namespace umbra::sim
