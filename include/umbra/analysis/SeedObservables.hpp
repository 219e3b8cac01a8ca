#pragma once
//! \file
//! The seed workflow's two jet observables (IncandelaLab/LDMX-scripts,
//! PhotophobicALPs/jet_observables.py; specification in the reference
//! seed-observables.md), reproduced exactly so that its users get the numbers they know:
//!  - hits shifted to z′ = z − 250 mm, the lab x axis taken as the polar axis:
//!    θ = arccos(x/r), η = −ln tan(θ/2), φ = atan2(z′, y), weight p_T = E sin(2 arctan e^−η);
//!  - pseudo-jets: a 200 × 200 (η ∈ [−2, 2), φ ∈ [−3.5, 3.5)) histogram filled with p_T,
//!    one massless PtYPhiM(content, η_centre, φ_centre) per non-empty bin (ROOT's binning);
//!  - jettiness ratio τ₂/τ₁: kt R = 0.4 exclusive 1 and 2 jets as axes (pseudorapidity,
//!    φ_std), τ_N = Σ_hits p_T min_k ΔR_k^2.5 over the unbinned hits, no normalisation;
//!  - angularity: anti-kt R = 0.15, the highest-p_T inclusive jet as axis,
//!    Σ p_T ΔR⁵ / Σ p_T over the hits with ΔR ≤ 0.15.
//! Where the script would fail (fewer than two pseudo-jets for τ₂, no hit within R) the
//! value is NaN.
#include <span>

#include "umbra/analysis/ShowerHit.hpp"

namespace umbra::analysis
{
class SeedObservables
{
public:
    struct Config
    {
        double z_shift_mm = 250;         //!< z′ = z − this
        double jettiness_radius = 0.4;   //!< kt R of the τ axes
        double jettiness_beta = 2.5;
        double angularity_radius = 0.15; //!< anti-kt R, and the ΔR window
        double angularity_beta = 5;
        int eta_bins = 200;
        double eta_min = -2, eta_max = 2;
        int phi_bins = 200;
        double phi_min = -3.5, phi_max = 3.5;
    };

    struct Values
    {
        double jettiness_ratio = 0;  //!< τ₂/τ₁
        double tau1 = 0;
        double tau2 = 0;
        double angularity = 0;
    };

    SeedObservables();
    explicit SeedObservables(Config config);

    Values compute(std::span<const ShowerHit> hits) const;

    const Config& config() const noexcept { return config_; }

private:
    Config config_;
};
}  // namespace umbra::analysis
