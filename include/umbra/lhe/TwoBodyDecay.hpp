#pragma once
//! \file
//! Isotropic two-body decay into equal-mass daughters (X -> e- e+): in the
//! parent's rest frame each daughter has |p*| = (M/2) sqrt(1 - 4 m^2/M^2) with
//! M the parent's invariant mass (so the daughters sum exactly to the parent's
//! four-momentum), direction uniform on the sphere (cos theta* then phi* drawn
//! from the stream, in that order); then boosted to the parent's frame.
//! Exact for a spin-0 parent, the unpolarised average for a vector.

#include "umbra/core/RandomStream.hpp"
#include "umbra/lhe/LorentzVector.hpp"

namespace umbra::lhe
{
struct TwoBodyDecayProducts
{
    LorentzVector first;   //!< e.g. the electron
    LorentzVector second;  //!< back to back with `first` in the rest frame
};

//! Requires the parent's invariant mass above 2 daughter_mass (callers report otherwise).
TwoBodyDecayProducts isotropic_two_body_decay(const LorentzVector& parent, double daughter_mass, RandomStream& rng);
}  // namespace umbra::lhe
