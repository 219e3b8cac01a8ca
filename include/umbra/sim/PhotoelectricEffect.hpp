#pragma once
//! \file
//! Photoelectric absorption on one atom, as Geant4's standard model
//! G4PEEffectFluoModel without fluorescence (Geant4 Physics Reference Manual
//! (PRM), "Gamma incident" > "Photoelectric effect"):
//!
//!  * cross-section per atom from the Sandia parameterisation (F. Biggs,
//!    R. Lighthill, SAND87-0070; G4SandiaTable / G4StaticSandiaData):
//!      sigma(Z, E) = (A / N_A) [a1/E + a2/E^2 + a3/E^3 + a4/E^4],
//!    coefficients per element and energy interval (the intervals start at the
//!    absorption edges); zero below the first tabulated energy (10 eV).
//!    Tabulated: Z = 1-30, W, Au, Pb (src/sim/SandiaPhotoabsorption.cpp);
//!  * final state: the innermost shell with binding energy B <= E is ionised
//!    (as G4PEEffectFluoModel::SampleSecondaries), the photoelectron gets
//!    T = E - B and B is deposited locally (no fluorescence / Auger);
//!  * photoelectron direction: Sauter-Gavrila K-shell distribution (F. Sauter,
//!    Ann. Phys. 9 (1931) 217; 11 (1931) 454), sampled as
//!    G4SauterGavrilaAngularDistribution (PENELOPE 2014 manual, F. Salvat et
//!    al., NEA/NSC/DOC(2015)3, eqs. 2.28-2.31); above 100 MeV along the photon.
//!    One deliberate difference: Geant4 evaluates the distribution with the
//!    photon energy, here with the photoelectron kinetic energy T (Sauter's
//!    variable; as G4HepEm); the two agree for E >> B.
//!
//!   const PhotoelectricEffect photoelectric;
//!   double sigma = photoelectric.cross_section_per_atom(100 * units::keV, 82);
//!   PhotoelectricFinalState fs = photoelectric.sample(100 * units::keV, 82, direction, rng);

#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/ThreeVector.hpp"

namespace umbra::sim
{
//! One sampled absorption; the photon is gone, directions in the frame of `direction`.
struct PhotoelectricFinalState
{
    double electron_kinetic_energy = 0;  //!< E - B [MeV]; 0 if no electron was produced
    ThreeVector electron_direction;      //!< unit vector (zero if no electron)
    double deposited_energy = 0;         //!< binding energy B deposited locally [MeV]
};

class PhotoelectricEffect
{
public:
    //! Whether the Sandia coefficients of element Z are tabulated.
    static bool has_element(int atomic_number) noexcept;

    //! Sandia cross-section per atom [mm^2]; 0 below 10 eV. Throws InputError
    //! for an element that is not tabulated (has_element() is false).
    double cross_section_per_atom(double photon_energy, int atomic_number) const;

    //! Binding energy of the shell ionised by a photon of energy E [MeV]:
    //! the first (innermost) shell with B <= E; E itself if none is tabulated
    //! below E (then everything is deposited). Throws like cross_section_per_atom.
    double binding_energy(double photon_energy, int atomic_number) const;

    //! cos(theta) of the photoelectron w.r.t. the photon, Sauter-Gavrila, for an
    //! electron of kinetic energy T (1 above 100 MeV).
    static double sample_sauter_gavrila_cos_theta(double kinetic_energy, RandomStream& rng) noexcept;

    //! A full final state. Throws like cross_section_per_atom.
    PhotoelectricFinalState sample(double photon_energy, int atomic_number,
                                   const ThreeVector& direction, RandomStream& rng) const;
};
}  // namespace umbra::sim
