#pragma once
//! \file
//! A small constexpr 3-vector for positions [mm], directions (unit) and momenta
//! [MeV], shared by geometry and transport.
#include <cmath>

namespace umbra
{
struct ThreeVector
{
    double x = 0;
    double y = 0;
    double z = 0;

    constexpr ThreeVector& operator+=(const ThreeVector& o) noexcept
    {
        x += o.x;
        y += o.y;
        z += o.z;
        return *this;
    }
    constexpr ThreeVector& operator-=(const ThreeVector& o) noexcept
    {
        x -= o.x;
        y -= o.y;
        z -= o.z;
        return *this;
    }
    constexpr ThreeVector& operator*=(double s) noexcept
    {
        x *= s;
        y *= s;
        z *= s;
        return *this;
    }
    friend constexpr ThreeVector operator+(ThreeVector a, const ThreeVector& b) noexcept { return a += b; }
    friend constexpr ThreeVector operator-(ThreeVector a, const ThreeVector& b) noexcept { return a -= b; }
    friend constexpr ThreeVector operator*(ThreeVector a, double s) noexcept { return a *= s; }
    friend constexpr ThreeVector operator*(double s, ThreeVector a) noexcept { return a *= s; }
    constexpr ThreeVector operator-() const noexcept { return {-x, -y, -z}; }
    friend constexpr bool operator==(const ThreeVector&, const ThreeVector&) = default;

    constexpr double dot(const ThreeVector& o) const noexcept { return x * o.x + y * o.y + z * o.z; }
    constexpr ThreeVector cross(const ThreeVector& o) const noexcept
    {
        return {y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x};
    }
    constexpr double mag2() const noexcept { return dot(*this); }
    double mag() const noexcept { return std::sqrt(mag2()); }
    double perp() const noexcept { return std::hypot(x, y); }
    //! This vector scaled to unit length (the zero vector stays zero).
    ThreeVector unit() const noexcept
    {
        const double m = mag();
        return m > 0 ? ThreeVector{x / m, y / m, z / m} : ThreeVector{};
    }
};

//! Express `local`, given in a frame whose z axis is the unit vector `axis`, in
//! the frame in which `axis` is given (the rotation Geant4 calls RotateUz:
//! local (0,0,1) maps to `axis`; CLHEP Hep3Vector::rotateUz convention).
inline ThreeVector rotate_to_frame(const ThreeVector& local, const ThreeVector& axis) noexcept
{
    const double u1 = axis.x;
    const double u2 = axis.y;
    const double u3 = axis.z;
    const double up2 = u1 * u1 + u2 * u2;
    if (up2 > 0)
    {
        const double up = std::sqrt(up2);
        return {(u1 * u3 * local.x - u2 * local.y) / up + u1 * local.z,
                (u2 * u3 * local.x + u1 * local.y) / up + u2 * local.z,
                -up * local.x + u3 * local.z};
    }
    if (u3 < 0) return {-local.x, local.y, -local.z};
    return local;
}
}  // namespace umbra
