#pragma once
//! \file
//! Two-prong variables of a jet from its exclusive-2 Durham subjets (alp-physics.md §5.7):
//! recluster the jet's particles with the e⁺e⁻ kt (Durham) algorithm, E-scheme, down to
//! two subjets j₁, j₂, then
//!   θ₁₂ = 3-D angle between their momenta [rad],
//!   z₁₂ = min(E₁, E₂)/(E₁ + E₂)  (flat in [0, ½] for a spin-0 → e⁺e⁻ decay, §2.4),
//!   y₁₂ = d₁₂ / E_vis²,  d₁₂ = 2 min(E₁², E₂²)(1 − cos θ₁₂) the Durham distance of the last
//!         merging (FastJet exclusive_ymerge(1)), E_vis = Σ E_i of the particles given.
//! Fewer than two particles: all NaN.
#include "umbra/analysis/JetConstituents.hpp"

namespace umbra::analysis
{
namespace detail
{
class EeClusterer;
}

struct TwoProngSplitting
{
    double theta12 = 0;  //!< [rad]
    double z12 = 0;
    double y12 = 0;

    //! Runs the Durham E-scheme reclustering (thread_local clusterer).
    static TwoProngSplitting measure(const JetConstituents& jet);
    //! From a Durham E-scheme clustering of `jet` already run.
    static TwoProngSplitting from_sequence(const detail::EeClusterer& durham, double visible_energy_MeV);
};
}  // namespace umbra::analysis
