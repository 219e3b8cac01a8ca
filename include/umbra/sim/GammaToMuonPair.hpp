#pragma once
//! \file
//! Photon conversion into a mu+mu- pair on an atom, as Geant4's
//! G4GammaConversionToMuons (H. Burkhardt, S.R. Kelner, R.P. Kokoulin,
//! "Monte Carlo generator for muon pair production", CERN-SL-2002-016 (AP),
//! CLIC Note 511; Geant4 Physics Reference Manual (PRM), "Gamma incident" >
//! "Gamma conversion into a muon pair"):
//!
//!  * cross-section per atom: Burkhardt's parameterisation of the integrated
//!    Bethe-Heitler DCS with nuclear form factor and atomic screening (PRM eqs.):
//!      sigma = 7/9 sigma0 ln(1 + W_M C_f E_g),  sigma0 = 4 alpha Z^2 r_c^2,
//!      E_g = (1 - 4 m_mu/E)^t (W_sat^s + E^s)^(1/s),  s = -0.88,
//!      t = 1.479 + 0.00799 D_n,  C_f = 1 + 0.04 ln(1 + E_c/E),
//!      E_c = (-18 + 4347/(B Z^(-1/3))) MeV (Geant4 internal units),
//!      W_inf = B Z^(-1/3) m_mu / (D_n m_e),  W_M = 1/(4 D_n sqrt(e) m_mu),
//!      W_sat = W_inf / W_M,  B = 183, D_n = 1.54 A^0.27 (H: B = 202.4, D_n = 1.49),
//!    r_c = alpha hbar c / m_mu the classical muon radius. Threshold 2 m_mu;
//!    between 2 m_mu and 5 m_mu sigma(5 m_mu) is scaled by
//!    ((E - 2m)/(5m - 2m))^2 (G4GammaConversionToMuons::ComputeMeanFreePath).
//!    As E -> infinity sigma -> 7/9 sigma0 ln(W_inf).
//!  * final state: x+ = E+/E by rejection from the DCS (1 - 4/3 x+ x-) ln W(x+)
//!    on [1/2 - sqrt(1/4 - m/E), 1/2 + ...] (uniform lower bound m/E below 5 m_mu
//!    as Geant4); the angles from the auxiliary variables t, psi, rho
//!    sampled as in G4GammaConversionToMuons::PostStepDoIt (paper section 3).
//!    The muons take the whole photon energy (nucleus recoil neglected).
//!
//! The mean atomic mass A [g/mol] enters through D_n (nuclear size); Geant4
//! takes it from its NIST element table (G4NistManager::GetA27).
//!
//!   const GammaToMuonPair muons;
//!   double sigma = muons.cross_section_per_atom(10 * units::GeV, 82, 207.2);
//!   MuonPairFinalState fs = muons.sample(10 * units::GeV, 82, 207.2, direction, rng);

#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/ThreeVector.hpp"

namespace umbra::sim
{
//! One sampled gamma -> mu+ mu-; directions in the frame of `direction`.
struct MuonPairFinalState
{
    double mu_plus_kinetic_energy = 0;   //!< [MeV]
    ThreeVector mu_plus_direction;       //!< unit vector
    double mu_minus_kinetic_energy = 0;  //!< [MeV]
    ThreeVector mu_minus_direction;      //!< unit vector
};

class GammaToMuonPair
{
public:
    //! Cross-section per atom [mm^2], including the threshold treatment (file
    //! comment); `mass_number` is the mean atomic mass A [g/mol].
    double cross_section_per_atom(double photon_energy, int atomic_number,
                                  double mass_number) const noexcept;

    //! The high-energy limit 7/9 sigma0 ln(W_inf) [mm^2] (paper eq. for sigma_inf).
    static double asymptotic_cross_section(int atomic_number, double mass_number) noexcept;

    //! A full final state; requires E > 2 m_mu, Z >= 1, A > 0.
    MuonPairFinalState sample(double photon_energy, int atomic_number, double mass_number,
                              const ThreeVector& direction, RandomStream& rng) const noexcept;
};
}  // namespace umbra::sim
