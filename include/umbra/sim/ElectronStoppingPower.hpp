#pragma once
//! \file
//! Collision (ionisation) stopping power of electrons and positrons, full and
//! restricted to energy transfers below a cut: the Berger-Seltzer formula with
//! Moller (e-) and Bhabha (e+) cross-sections and the Sternheimer density effect,
//! as in Geant4's G4MollerBhabhaModel::ComputeDEDXPerVolume (Geant4 Physics
//! Reference Manual, "Ionisation: Moller and Bhabha continuous energy loss";
//! ICRU Report 37 eqs. for the unrestricted case).
//!
//!   dE/dx = 2 pi r_e^2 m c^2 n_e / beta^2 [ ln(2 (tau+2) / (I/mc^2)^2) + F(tau, d) - delta ]
//!
//! tau = T/mc^2, d = min(T_cut, T_max)/mc^2 with T_max = T/2 (e-) or T (e+), and
//!   F-(tau,d) = -1 - beta^2 + ln((tau-d) d) + tau/(tau-d)
//!               + [d^2/2 + (2 tau + 1) ln(1 - d/tau)] / gamma^2
//!   F+(tau,d) = ln(tau d) - beta^2/tau [tau + 2d - y(3d^2/2 + y(d - d^3/3
//!               + y(d^2/2 - tau d^3/3 + d^4/4)))],  y = 1/(1+gamma).
//! Low-energy limit as Geant4: below T_th = 0.25 sqrt(Z_eff) keV (Z_eff = atom-weighted
//! mean Z) the formula is evaluated at T_th and scaled by 1/sqrt(T/T_th) for
//! T/T_th > 0.25, else by 1.4 sqrt(x)/(0.1 + x).

#include "umbra/geometry/Material.hpp"

namespace umbra::sim
{
enum class Charge
{
    electron,  //!< Moller scattering, T_max = T/2
    positron,  //!< Bhabha scattering, T_max = T
};

class ElectronStoppingPower
{
public:
    //! Restricted collision stopping power: energy transfers below `cut_energy` (a
    //! production threshold) [MeV/mm]. A cut above T_max gives the full stopping power.
    double dedx(const geometry::Material& material, double kinetic_energy, double cut_energy, Charge charge) const;
    //! Unrestricted collision stopping power [MeV/mm].
    double dedx(const geometry::Material& material, double kinetic_energy, Charge charge) const;
    //! Largest energy transfer to an atomic electron: T/2 for e- (identical particles), T for e+ [MeV].
    static double max_energy_transfer(double kinetic_energy, Charge charge) noexcept;
};
}  // namespace umbra::sim
