#pragma once
//! \file
//! e+- bremsstrahlung on one atom, as Geant4's G4eBremsstrahlungRelModel
//! (Geant4 Physics Reference Manual, "Electron and positron incident" >
//! "Bremsstrahlung" > "Relativistic model"; Geant4 10.4 source
//! G4eBremsstrahlungRelModel.cc), used here at ALL energies:
//!
//!   dsigma/dk = (16 alpha r_e^2 Z^2 / 3k) * S(k) / (1 + k_p^2/k^2),
//!
//! with the dimensionless bracket S(k) (y = k/E, E the total energy):
//!  * without LPM: Tsai's DCS (Y.S. Tsai, Rev. Mod. Phys. 46 (1974) 815,
//!    eq. 3.9) with his Thomas-Fermi screening-function fits (eqs. 3.38-3.41)
//!    S = (1 - y + 3y^2/4)[(phi1/4 - ln Z/3 - f_c) + (psi1/4 - 2 ln Z/3)/Z]
//!        + (1 - y)(phi1-phi2 + (psi1-psi2)/Z)/8,
//!    and complete screening for Z < 5 with Tsai's L_rad, L'_rad (Table B.2,
//!    PDG review "Passage of particles through matter" Table 34.2);
//!  * with LPM (Migdal, Phys. Rev. 103 (1956) 1811; S. Klein, Rev. Mod. Phys.
//!    71 (1999) 1501, eqs. 75-79; parametrisation of G(s), phi(s) by Stanev et
//!    al., Phys. Rev. D 25 (1982) 1291) in complete screening:
//!    S = xi(s)[y^2 G(s)/4 + (1 - y + y^2/2) phi(s)][L_rad - f_c + L'_rad/Z]
//!        + (1 - y)(1 + 1/Z)/12,
//!    E_LPM = alpha m^2 X0 / (4 pi hbar c) = 7.7 TeV/cm X0 (PDG review
//!    "Passage of particles through matter", LPM section; Klein eq. 2);
//!  * dielectric (Ter-Mikaelian) suppression through k_p = gamma hbar omega_p,
//!    k_p^2 = 4 pi r_e lambdabar_e^2 n_e E^2 (Ter-Mikaelian, "High-energy
//!    electromagnetic processes in condensed media" (1972); Klein eq. 20), in
//!    the factor 1/(1 + k_p^2/k^2) and, with LPM, in Migdal's variable s.
//! f_c is the Davies-Bethe-Maximon Coulomb correction (PDG review, f(Z) in
//! the radiation-length section; G4Element::ComputeCoulombFactor); the
//! 1/Z terms are the bremsstrahlung in the field of the atomic electrons.
//!
//! LPM activation follows Geant4: the LPM DCS is used when E > E_th =
//! sqrt(4 pi r_e lambdabar_e^2 n_e) E_LPM = (hbar omega_p/m) E_LPM, below which
//! the dielectric suppression hides the LPM effect (G4eBremsstrahlungRelModel::
//! SetupForMaterial), and T >= 1 GeV, where Geant4 switches from
//! G4SeltzerBergerModel (no LPM) to this model; `LpmSuppression::disabled`
//! turns it off. The LPM DCS assumes complete screening, so at the switch the
//! spectrum near y -> 1 and the radiative loss change by ~2 % (W, 1 GeV).
//!
//! Expected difference to Geant4 below 1 GeV: Geant4 uses G4SeltzerBergerModel
//! (Seltzer & Berger tabulated DCS, At. Data Nucl. Data Tables 35 (1986) 345)
//! there; the Tsai/Thomas-Fermi DCS used here is a high-energy (Born +
//! Coulomb-corrected, screened) approximation, accurate to a few % above
//! ~50 MeV but drifting from Seltzer-Berger as the energy falls (of order 10 %
//! in the radiative stopping power at 10 MeV in high-Z materials, larger at
//! the tip of the spectrum, and not meaningful below ~1 MeV).
//!
//! Photon angles: G4ModifiedTsai (PRM "Bremsstrahlung" > "Angular
//! distribution"; Tsai RMP 46 (1974) 815 simplified), u = E theta / m sampled
//! from f(u) ~ u exp(-a u) + d u exp(-3 a u), a = 0.625, d = 27. The outgoing
//! lepton direction follows from 3-momentum conservation with the nucleus
//! taking no energy (as Geant4).
//!
//!   const BremsstrahlungElement tungsten(74);
//!   const BremsstrahlungMedium medium{.electron_density = n_e, .radiation_length = x0};
//!   const Bremsstrahlung brem(tungsten, medium, 8 * units::GeV);
//!   double sigma = brem.cross_section(1 * units::MeV);          // [mm^2] per atom
//!   double loss = brem.restricted_energy_loss(1 * units::MeV);  // [MeV mm^2] per atom
//!   auto final_state = brem.sample(1 * units::MeV, direction, rng);

#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/ThreeVector.hpp"

namespace umbra::sim
{
//! Whether the Landau-Pomeranchuk-Migdal suppression is applied.
enum class LpmSuppression
{
    geant4_threshold,  //!< LPM DCS if E > (hbar omega_p / m) E_LPM and T >= 1 GeV, as Geant4 (default)
    disabled,          //!< never (Tsai/Thomas-Fermi DCS with dielectric suppression only)
};

//! The per-material inputs of the model, as plain numbers.
struct BremsstrahlungMedium
{
    double electron_density = 0;  //!< n_e, electrons per volume [1/mm^3]
    double radiation_length = 0;  //!< X0 of the material [mm]
};

//! Per-element constants of the DCS (Tsai 1974; G4eBremsstrahlungRelModel).
class BremsstrahlungElement
{
public:
    //! Throws InputError unless 1 <= Z <= 120.
    explicit BremsstrahlungElement(int atomic_number);

    int atomic_number() const noexcept { return z_; }
    //! Davies-Bethe-Maximon Coulomb correction f_c(Z) (PDG review, radiation length) [1].
    double coulomb_correction() const noexcept { return coulomb_; }
    //! L_rad = ln(184.15 Z^-1/3) (Tsai Table B.2 for Z < 5) [1].
    double radiation_logarithm() const noexcept { return l_rad_; }
    //! L'_rad = ln(1194 Z^-2/3) (Tsai Table B.2 for Z < 5) [1].
    double inelastic_radiation_logarithm() const noexcept { return l_rad_inelastic_; }

private:
    friend class Bremsstrahlung;

    int z_ = 0;                     //!< atomic number [1]
    double log_z_ = 0;              //!< ln Z [1]
    double z13_ = 0;                //!< Z^(1/3) [1]
    double z23_ = 0;                //!< Z^(2/3) [1]
    double coulomb_ = 0;            //!< f_c [1]
    double l_rad_ = 0;              //!< L_rad [1]
    double l_rad_inelastic_ = 0;    //!< L'_rad [1]
    double complete_factor_ = 0;    //!< L_rad - f_c + L'_rad/Z [1]
    double electron_factor_ = 0;    //!< (1 + 1/Z)/12 [1]
    double lpm_s1_ = 0;             //!< s_1 = Z^(2/3)/184.15^2 (Klein eq. 76) [1]
    double inv_log_s1_ = 0;         //!< 1/ln s_1 [1]
    double inv_log_sqrt2_s1_ = 0;   //!< 1/ln(sqrt 2 s_1) [1]
};

//! One sampled bremsstrahlung event, directions in the frame of `direction`.
struct BremsstrahlungFinalState
{
    double photon_energy = 0;            //!< k [MeV]
    ThreeVector photon_direction;        //!< unit vector
    double lepton_kinetic_energy = 0;    //!< T - k [MeV]
    ThreeVector lepton_direction;        //!< unit vector
};

//! The model for one element in one medium at one incident kinetic energy;
//! cheap to build (a few logarithms), so build one per interaction.
class Bremsstrahlung
{
public:
    //! Throws InputError for a non-positive energy or medium property.
    Bremsstrahlung(const BremsstrahlungElement& element, const BremsstrahlungMedium& medium,
                   double kinetic_energy, LpmSuppression lpm = LpmSuppression::geant4_threshold);

    double kinetic_energy() const noexcept { return kinetic_energy_; }  //!< T [MeV]
    double total_energy() const noexcept { return total_energy_; }      //!< E = T + m [MeV]
    //! E_LPM = alpha m^2 X0 / (4 pi hbar c) [MeV].
    double lpm_energy() const noexcept { return lpm_energy_; }
    //! k_p = gamma hbar omega_p, the dielectric-suppression photon energy [MeV].
    double dielectric_photon_energy() const noexcept;
    bool lpm_active() const noexcept { return lpm_active_; }

    //! The dimensionless bracket S(k) of the file comment (no dielectric factor).
    double scaled_cross_section(double photon_energy) const noexcept;
    //! dsigma/dk per atom, all suppressions included [mm^2/MeV]; 0 outside (0, T].
    double differential_cross_section(double photon_energy) const noexcept;
    //! sigma(k > cut) per atom [mm^2]; 0 if cut >= T. Gauss-Legendre in ln k
    //! (as G4eBremsstrahlungRelModel::ComputeXSectionPerAtom, finer grid).
    double cross_section(double cut) const noexcept;
    //! Restricted radiative energy loss per atom, integral_0^min(cut,T) k
    //! dsigma/dk dk [MeV mm^2] (times atoms per volume = dE/dx [MeV/mm]).
    double restricted_energy_loss(double cut) const noexcept;

    //! Photon energy in (cut, T], by Geant4's method: k^2 + k_p^2 sampled
    //! log-uniformly, accepted with S(k)/S_max (S_max = S at y = 0 unscreened).
    double sample_photon_energy(double cut, RandomStream& rng) const noexcept;
    //! A full final state; `direction` is the incident unit vector. Requires cut < T.
    BremsstrahlungFinalState sample(double cut, const ThreeVector& direction,
                                    RandomStream& rng) const noexcept;

private:
    void lpm_functions(double photon_energy, double& xi, double& g, double& phi) const noexcept;

    BremsstrahlungElement element_;  //!< copied: 100 bytes, no lifetime coupling
    double kinetic_energy_ = 0;   //!< T [MeV]
    double total_energy_ = 0;     //!< E [MeV]
    double lpm_energy_ = 0;       //!< E_LPM [MeV]
    double density_correction_ = 0;  //!< k_p^2 [MeV^2]
    double prefactor_ = 0;        //!< 16 alpha r_e^2 Z^2 / 3 [mm^2]
    double max_scaled_ = 0;       //!< majorant of S(k) [1]
    bool lpm_active_ = false;
};

//! cos(theta) of the photon w.r.t. the incident lepton, G4ModifiedTsai
//! (PRM "Bremsstrahlung" > "Angular distribution"): u from a mixture of two
//! Gamma(2) distributions, cos theta = 1 - 2 u^2 / u_max^2, u_max = 2 (1 + T/m).
double sample_bremsstrahlung_cos_theta(double kinetic_energy, RandomStream& rng) noexcept;
}  // namespace umbra::sim
