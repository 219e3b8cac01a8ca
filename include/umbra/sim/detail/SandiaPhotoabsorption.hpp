#pragma once
//! \file
//! Tabulated atomic data of the photoelectric model (PhotoelectricEffect):
//! Sandia photoabsorption fit coefficients and shell binding energies, for the
//! elements listed in src/sim/SandiaPhotoabsorption.cpp.

#include <span>

namespace umbra::sim::detail
{
//! One energy interval of the Sandia fit: for E >= lower_energy (up to the next
//! interval) the photoabsorption cross-section per unit mass is
//!   mu/rho = a1/E + a2/E^2 + a3/E^3 + a4/E^4,  E in keV.
struct SandiaInterval
{
    double lower_energy;  //!< left edge of the interval [keV]
    double a1;            //!< [cm^2 keV / g]
    double a2;            //!< [cm^2 keV^2 / g]
    double a3;            //!< [cm^2 keV^3 / g]
    double a4;            //!< [cm^2 keV^4 / g]
};

struct SandiaElement
{
    int atomic_number = 0;                    //!< Z
    double molar_mass = 0;                    //!< standard atomic weight A [g/mol]
    std::span<const SandiaInterval> intervals;  //!< ascending lower_energy
    std::span<const double> binding_energies;   //!< shells, innermost (K) first [eV]
};

//! The tabulated element Z, or nullptr if Z is not tabulated.
const SandiaElement* find_sandia_element(int atomic_number) noexcept;
//! Every tabulated element, ascending Z.
std::span<const SandiaElement> sandia_elements() noexcept;
}  // namespace umbra::sim::detail
