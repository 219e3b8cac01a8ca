#pragma once
//! \file
//! Photon conversion into an e+e- pair in the field of a nucleus and of its
//! atomic electrons, as Geant4's G4BetheHeitlerModel (Geant4 Physics Reference
//! Manual (PRM), "Gamma incident" > "Gamma conversion into an electron-positron
//! pair" > "Bethe-Heitler model"):
//!
//!  * cross-section per atom: L. Urban's parameterised formula (PRM eq. for
//!    sigma(Z, E); G4BetheHeitlerModel::ComputeCrossSectionPerAtom), a fit to
//!    data (Hubbell, Gimm, Overbo, J. Phys. Chem. Ref. Data 9 (1980) 1023)
//!    quoted valid from 1.5 MeV to 100 GeV with ~5 % accuracy:
//!      sigma = (Z + 1) [F1(X) Z + F2(X) Z^2 + F3(X)],  X = ln(E / m_e c^2),
//!    F_i fifth-order polynomials in X; below 1.5 MeV sigma(1.5 MeV) is scaled
//!    by ((E - 2m)/(1.5 MeV - 2m))^2, zero at and below the threshold 2 m_e c^2.
//!    It includes pair production in the electron field (Z + 1 factor).
//!  * energy sharing: the Bethe-Heitler DCS with screening and Coulomb
//!    correction (H. Bethe, W. Heitler, Proc. R. Soc. A 146 (1934) 83; PRM):
//!      dsigma/deps ~ (eps^2 + (1-eps)^2)[Phi1(delta) - F(Z)/2]
//!                    + (2/3) eps (1-eps) [Phi2(delta) - F(Z)/2],
//!    delta = 136 m_e Z^(-1/3) / (E eps (1 - eps)), F(Z) = 8/3 ln Z (+ 8 f_c(Z)
//!    above 50 MeV), with Geant4's screening-function fits
//!      F1 = 3 Phi1 - Phi2, F2 = 3/2 Phi1 + 1/2 Phi2 (G4BetheHeitlerModel.hh),
//!    sampled by the composition-rejection method of Butcher & Messel (Nucl.
//!    Phys. 20 (1960) 15) as G4BetheHeitlerModel::SampleSecondaries (Geant4
//!    >= 10.5); below 2 MeV eps is uniform in [m/E, 1/2]. Charges are assigned
//!    at random.
//!  * lepton angles: G4ModifiedTsai::SamplePairDirections (PRM, "Angular
//!    distribution" of the pair; Tsai, Rev. Mod. Phys. 46 (1974) 815 simplified
//!    by L. Urban): cos theta = 1 - 2u^2/u_max^2, u_max = 2(1 + T/m), u from
//!    a mixture of Gamma(2) distributions; e+ and e- in opposite azimuths.
//!
//! Not implemented: the relativistic model with LPM suppression
//! (G4PairProductionRelModel, Geant4's default above 80 GeV) and the 5D
//! model (G4BetheHeitler5DModel); the nucleus recoil is neglected (the pair
//! takes the full photon energy).
//!
//!   const GammaConversion conversion;
//!   double sigma = conversion.cross_section_per_atom(1 * units::GeV, 74);
//!   PairFinalState fs = conversion.sample(1 * units::GeV, 74, direction, rng);

#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/ThreeVector.hpp"

namespace umbra::sim
{
//! One sampled conversion; directions in the frame of the `direction` passed to sample().
struct PairFinalState
{
    double electron_kinetic_energy = 0;  //!< [MeV]
    ThreeVector electron_direction;      //!< unit vector
    double positron_kinetic_energy = 0;  //!< [MeV] (the e+ is produced even at T = 0)
    ThreeVector positron_direction;      //!< unit vector
};

class GammaConversion
{
public:
    //! Urban's parameterised cross-section per atom [mm^2] (file comment).
    double cross_section_per_atom(double photon_energy, double atomic_number) const noexcept;

    //! The un-normalised Bethe-Heitler DCS in eps = E_lepton,total / E_gamma as it
    //! is sampled (file comment; 0 where the Coulomb-corrected DCS is negative).
    static double energy_fraction_dcs(double epsilon, double photon_energy,
                                      int atomic_number) noexcept;

    //! Samples eps in [m/E, 1/2] (the lepton with the smaller energy).
    static double sample_energy_fraction(double photon_energy, int atomic_number,
                                         RandomStream& rng) noexcept;

    //! A full final state; requires E > 2 m_e c^2 and 1 <= Z <= 120.
    PairFinalState sample(double photon_energy, int atomic_number, const ThreeVector& direction,
                          RandomStream& rng) const noexcept;

    //! The Davies-Bethe-Maximon Coulomb correction f_c(Z) as G4Element (PDG
    //! review "Passage of particles through matter", eq. for f(Z)) [1].
    static double coulomb_correction(double atomic_number) noexcept;

    //! cos(theta) of a pair lepton of kinetic energy T, G4ModifiedTsai::SampleCosTheta.
    static double sample_lepton_cos_theta(double kinetic_energy, RandomStream& rng) noexcept;
};
}  // namespace umbra::sim
