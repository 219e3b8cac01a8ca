#include "umbra/lhe/TwoBodyDecay.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"

namespace umbra::lhe
{
TwoBodyDecayProducts isotropic_two_body_decay(const LorentzVector& parent, double daughter_mass, RandomStream& rng)
{
    const double mass = std::sqrt(std::max(parent.m2(), 0.0));
    const double m = daughter_mass;
    const double p_star = 0.5 * mass * std::sqrt(1 - 4 * m * m / (mass * mass));
    const double cos_theta = 2 * rng.uniform() - 1;
    const double sin_theta = std::sqrt(std::max(0.0, 1 - cos_theta * cos_theta));
    const double phi = 2 * constants::pi * rng.uniform();
    const double e_star = std::sqrt(p_star * p_star + m * m);
    const LorentzVector first{p_star * sin_theta * std::cos(phi), p_star * sin_theta * std::sin(phi),
                              p_star * cos_theta, e_star};
    const LorentzVector second{-first.px, -first.py, -first.pz, e_star};
    return {first.boosted_from_rest_of(parent), second.boosted_from_rest_of(parent)};
}
}  // namespace umbra::lhe
