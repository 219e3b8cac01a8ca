#pragma once
//! \file
//! Electromagnetic-shower scale constants of a material: radiation length, critical
//! energy and Moliere radius (PDG Review "Passage of particles through matter",
//! Sec. 34.4.4 and 34.5).
//!
//! - Critical energy, Rossi definition (the one the PDG "Atomic and nuclear
//!   properties" tables list for e-): the energy E_c at which the ionisation loss per
//!   radiation length equals the electron energy, (dE/dx)_col(E_c) X0 = E_c, with the
//!   unrestricted e- collision stopping power of ElectronStoppingPower (Berger-Seltzer
//!   with density effect). Solved by bisection in ln E.
//! - Moliere radius R_M = X0 E_s / E_c, E_s = m_e c^2 sqrt(4 pi / alpha) = 21.2052 MeV
//!   (PDG eq. 34.37).
//! - Documented alternative: the PDG fits to the Rossi E_c of the elements (PDG Fig. 34.14),
//!   E_c = 610 MeV / (Z + 1.24) for solids and liquids, 710 MeV / (Z + 0.92) for gases,
//!   good to a few per cent for Z > 10. For a compound the mass-weighted Z is used
//!   (an approximation; prefer critical_energy()).

#include "umbra/geometry/Material.hpp"

namespace umbra::sim
{
class ShowerScales
{
public:
    //! E_s = m_e c^2 sqrt(4 pi / alpha) = 21.2052 MeV (PDG eq. 34.37) [MeV].
    static double scale_energy() noexcept;

    explicit ShowerScales(const geometry::Material& material);

    double radiation_length() const noexcept { return radiation_length_; }  //!< X0 [mm]
    double critical_energy() const noexcept { return critical_energy_; }    //!< Rossi E_c for e- [MeV]
    double moliere_radius() const noexcept { return moliere_radius_; }      //!< R_M = X0 E_s / E_c [mm]

    //! PDG fit 610/(Z+1.24) MeV (condensed) or 710/(Z+0.92) MeV (gas), Z = mass-weighted Z [MeV].
    static double critical_energy_pdg_fit(const geometry::Material& material) noexcept;

private:
    double radiation_length_ = 0;
    double critical_energy_ = 0;
    double moliere_radius_ = 0;
};
}  // namespace umbra::sim
