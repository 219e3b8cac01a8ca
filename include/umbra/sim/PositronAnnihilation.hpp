#pragma once
//! \file
//! Two-photon annihilation of a positron with a free electron at rest, as
//! Geant4's G4eeToTwoGammaModel (Geant4 Physics Reference Manual, "Positron
//! annihilation"; W. Heitler, "The Quantum Theory of Radiation", 3rd ed.
//! (1954), sec. 26).
//!
//! Heitler's cross-section per electron (gamma = T/m + 1):
//!   sigma = pi r_e^2 / (gamma + 1) [ (gamma^2 + 4 gamma + 1)/(gamma^2 - 1)
//!           ln(gamma + sqrt(gamma^2 - 1)) - (gamma + 3)/sqrt(gamma^2 - 1) ].
//! Photon energy fraction eps = E_gamma1 / (T + 2m) in [eps_min, eps_max],
//! eps_min,max = (1 -+ sqrt((gamma-1)/(gamma+1)))/2, from
//!   dsigma/deps = pi r_e^2 / ((gamma+1)(gamma^2-1)) S(eps),
//!   S(eps) = -(gamma+1)^2 + (gamma^2 + 4 gamma + 1)/eps - 1/eps^2
//! (PRM; integrating S over [eps_min, eps_max] gives Heitler's sigma), sampled
//! as G4eeToTwoGammaModel: eps from 1/eps, accepted with
//!   1 - eps + (2 gamma eps - 1)/(eps (gamma + 1)^2) <= 1.
//! The first photon's angle follows from the kinematics,
//!   cos theta = (eps (gamma + 1) - 1) / (eps sqrt(gamma^2 - 1)),
//! the second photon from 4-momentum conservation. At rest (T = 0) the two
//! photons are back to back, 511 keV each, isotropic.
//!
//!   const PositronAnnihilation annihilation(10 * units::MeV);
//!   double sigma = annihilation.cross_section();  // [mm^2] per electron
//!   auto photons = annihilation.sample(direction, rng);

#include <array>

#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/ThreeVector.hpp"

namespace umbra::sim
{
//! One annihilation photon.
struct AnnihilationPhoton
{
    double energy = 0;     //!< [MeV]
    ThreeVector direction;  //!< unit vector
};

//! Heitler's two-photon annihilation cross-section per electron [mm^2]
//! (G4eeToTwoGammaModel::ComputeCrossSectionPerElectron, which evaluates it at
//! max(T, 1 eV) to stay finite).
double heitler_cross_section(double kinetic_energy) noexcept;

class PositronAnnihilation
{
public:
    //! T = 0 means annihilation at rest. Throws InputError for T < 0.
    explicit PositronAnnihilation(double kinetic_energy);

    double kinetic_energy() const noexcept { return kinetic_energy_; }  //!< T [MeV]
    //! Heitler's cross-section per electron [mm^2].
    double cross_section() const noexcept { return heitler_cross_section(kinetic_energy_); }
    double min_fraction() const noexcept { return min_fraction_; }  //!< eps_min [1]
    double max_fraction() const noexcept { return max_fraction_; }  //!< eps_max [1]
    //! dsigma/deps per electron [mm^2]; 0 outside [eps_min, eps_max]. Needs T > 0.
    double differential_cross_section(double fraction) const noexcept;

    //! Two photons; `direction` is the positron's unit vector (ignored at rest).
    std::array<AnnihilationPhoton, 2> sample(const ThreeVector& direction, RandomStream& rng) const noexcept;
    //! Two back-to-back 511 keV photons, isotropic.
    static std::array<AnnihilationPhoton, 2> sample_at_rest(RandomStream& rng) noexcept;

private:
    double kinetic_energy_ = 0;  //!< T [MeV]
    double gamma_ = 1;           //!< Lorentz factor [1]
    double min_fraction_ = 0.5;  //!< eps_min [1]
    double max_fraction_ = 0.5;  //!< eps_max [1]
};
}  // namespace umbra::sim
