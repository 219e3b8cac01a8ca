#pragma once
//! \file
//! Generalised angularities (Larkoski, Thaler, Waalewijn, arXiv:1408.3122), alp-physics.md
//! §5.5, in e⁺e⁻ form:
//!   λ^κ_β = Σ_{i∈J} z_i^κ (θ_{i,J}/R)^β,   z_i = E_i / Σ_j E_j,
//! θ_{i,J} the 3-D angle [rad] between particle i and the jet axis n_J (supplied by the
//! caller; FullObservableSet uses the winner-take-all axis, recoil-free and recommended
//! for β ≤ 1 in 1408.3122). Special cases: λ⁰₀ = multiplicity, λ²₀ = Σ z_i² (= (p_T^D)²
//! with energies), λ¹₁ = width / R (girth, broadening), λ¹₂ mass-like.
//! (θ/R)^0 is 1 also for θ = 0. Empty jet: NaN.
#include "umbra/analysis/JetConstituents.hpp"

namespace umbra::analysis
{
class GeneralisedAngularity
{
public:
    struct Config
    {
        double kappa = 1;     //!< energy exponent κ
        double beta = 1;      //!< angle exponent β
        double radius = 0.2;  //!< R [rad]
    };

    GeneralisedAngularity();
    //! Validates κ ≥ 0, β ≥ 0, R > 0, all finite (InputError).
    explicit GeneralisedAngularity(Config config);

    const Config& config() const noexcept { return config_; }

    double operator()(const JetConstituents& jet, const Direction& axis) const;

    //! Energy-weighted mean angle to the axis Σ E_i θ_{i,J} / Σ E_i [rad] (the width
    //! without 1/R); NaN for an empty jet.
    static double width(const JetConstituents& jet, const Direction& axis);

private:
    Config config_;
};
}  // namespace umbra::analysis
