#pragma once
//! \file
//! Event-level shape of the energy deposits (no jets), from all hits with energy > 0,
//! weights w_i = E_i:
//!  - transverse RMS about the energy centroid (x̄, ȳ):
//!      rms_r = √(Σ w_i ((x_i − x̄)² + (y_i − ȳ)²) / Σ w_i)  [mm]
//!  - longitudinal centroid z̄ = Σ w_i z_i / Σ w_i and RMS √(Σ w_i (z_i − z̄)² / Σ w_i) [mm]
//!  - number of distinct layers with hits, first and last hit layer,
//!  - number of hits and total energy.
//! The first hit layer and shower depth are the longitudinal moments of alp-physics.md
//! §5.7 (an ALP decaying deep in the ECal starts late). No hit: counts and energy 0, the
//! rest NaN.
#include <cstddef>
#include <span>

#include "umbra/analysis/ShowerHit.hpp"

namespace umbra::analysis
{
struct ShowerShapes
{
    double rms_r_mm = 0;
    double z_mean_mm = 0;
    double z_rms_mm = 0;
    int n_hit_layers = 0;
    double first_hit_layer = 0;  //!< NaN without hits
    double last_hit_layer = 0;   //!< NaN without hits
    std::size_t n_hits = 0;
    double energy_MeV = 0;

    static ShowerShapes measure(std::span<const ShowerHit> hits);
};
}  // namespace umbra::analysis
