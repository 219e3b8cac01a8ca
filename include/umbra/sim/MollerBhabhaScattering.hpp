#pragma once
//! \file
//! delta-ray production by e- (Moller) and e+ (Bhabha) scattering off a free
//! electron at rest, as Geant4's G4MollerBhabhaModel (Geant4 Physics Reference
//! Manual, "Electron and positron incident" > "Ionisation" > "Moller and
//! Bhabha scattering"; Moller, Ann. Phys. 14 (1932) 531; Bhabha, Proc. Roy.
//! Soc. A 154 (1936) 195; Messel & Crawford, "Electron-photon shower
//! distribution function" (1970)).
//!
//! With T the incident kinetic energy, eps = T_delta / T, gamma = T/m + 1:
//!  Moller (e-, identical particles, T_delta <= T/2 by convention):
//!   dsigma/deps = 2 pi r_e^2 m / (beta^2 T) [ (gamma-1)^2/gamma^2
//!       + 1/eps (1/eps - (2 gamma - 1)/gamma^2)
//!       + 1/(1-eps) (1/(1-eps) - (2 gamma - 1)/gamma^2) ],
//!  Bhabha (e+, T_delta <= T), with y = 1/(1+gamma):
//!   dsigma/deps = 2 pi r_e^2 m / T [ 1/(beta^2 eps^2) - B1/eps + B2 - B3 eps + B4 eps^2 ],
//!   B1 = 2 - y^2, B2 = (1-2y)(3+y^2), B4 = (1-2y)^3, B3 = B4 + (1-2y)^2.
//! Cross-sections are per target electron (multiply by n_e for the inverse
//! mean free path). Sampling: eps from 1/eps^2 on [eps_cut, eps_max] and
//! rejection on the rest (G4MollerBhabhaModel::SampleSecondaries). The
//! delta-ray angle follows from two-body kinematics,
//!   cos theta_delta = sqrt(T_delta (T + 2m) / (T (T_delta + 2m))),
//! and the scattered primary from 3-momentum conservation; both exact.
//!
//!   const MollerBhabhaScattering moller(Lepton::electron, 1 * units::GeV);
//!   double sigma = moller.cross_section(1 * units::MeV);  // [mm^2] per electron
//!   auto final_state = moller.sample(1 * units::MeV, direction, rng);

#include <limits>

#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/ThreeVector.hpp"

namespace umbra::sim
{
//! The incident lepton's charge sign.
enum class Lepton
{
    electron,
    positron,
};

//! One sampled delta-ray event, directions in the frame of `direction`.
struct MollerBhabhaFinalState
{
    double delta_kinetic_energy = 0;    //!< T_delta [MeV]
    ThreeVector delta_direction;        //!< unit vector
    double primary_kinetic_energy = 0;  //!< T - T_delta [MeV]
    ThreeVector primary_direction;      //!< unit vector
};

class MollerBhabhaScattering
{
public:
    //! Throws InputError for a non-positive kinetic energy.
    MollerBhabhaScattering(Lepton lepton, double kinetic_energy);

    Lepton lepton() const noexcept { return lepton_; }
    double kinetic_energy() const noexcept { return kinetic_energy_; }  //!< T [MeV]
    //! Largest delta-ray kinetic energy: T/2 for Moller, T for Bhabha [MeV].
    double max_delta_energy() const noexcept;

    //! dsigma/dT_delta per electron [mm^2/MeV]; 0 outside (0, max_delta_energy()].
    double differential_cross_section(double delta_energy) const noexcept;
    //! sigma(cut < T_delta <= min(max_energy, max_delta_energy())) per electron, the
    //! closed-form integral of the DCS (G4MollerBhabhaModel::
    //! ComputeCrossSectionPerElectron) [mm^2]; 0 if the range is empty.
    double cross_section(double cut,
                         double max_energy = std::numeric_limits<double>::infinity()) const noexcept;

    //! T_delta in (cut, max_delta_energy()]. Requires cut < max_delta_energy().
    double sample_delta_energy(double cut, RandomStream& rng) const noexcept;
    //! Full final state; `direction` is the incident unit vector.
    MollerBhabhaFinalState sample(double cut, const ThreeVector& direction, RandomStream& rng) const noexcept;

private:
    Lepton lepton_;
    double kinetic_energy_ = 0;  //!< T [MeV]
    double gamma_ = 0;           //!< Lorentz factor [1]
    double beta2_ = 0;           //!< beta^2 [1]
};
}  // namespace umbra::sim
