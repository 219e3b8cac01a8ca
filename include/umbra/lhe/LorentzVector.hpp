#pragma once
//! \file
//! Minimal four-vector for LHE kinematics (any consistent unit).

#include <algorithm>
#include <cmath>

namespace umbra::lhe
{
struct LorentzVector
{
    double px = 0;
    double py = 0;
    double pz = 0;
    double e = 0;

    double p2() const noexcept { return px * px + py * py + pz * pz; }
    double p() const noexcept { return std::sqrt(p2()); }
    double m2() const noexcept { return e * e - p2(); }

    //! This vector, given in the rest frame of `frame`, expressed in the frame where `frame` has
    //! its momentum (a pure boost along frame's velocity).
    LorentzVector boosted_from_rest_of(const LorentzVector& frame) const noexcept
    {
        const double mass = std::sqrt(std::max(frame.m2(), 0.0));
        const double bx = frame.px / frame.e, by = frame.py / frame.e, bz = frame.pz / frame.e;
        const double gamma = frame.e / mass;
        const double bp = bx * px + by * py + bz * pz;
        const double b2 = bx * bx + by * by + bz * bz;
        const double factor = b2 > 0 ? (gamma - 1) * bp / b2 + gamma * e : 0.0;
        return {px + factor * bx, py + factor * by, pz + factor * bz, gamma * (e + bp)};
    }
};
}  // namespace umbra::lhe
