#pragma once
//! \file
//! One element of a material as the continuous-process kernels need it: its
//! atomic number and how many of its atoms there are per unit volume. A
//! material is a list of these; the kernels' parameter structs
//! (MscMaterialData, FluctuationMaterialData) are built from such a list so
//! that they do not depend on the Material class.
//!
//!   // silicon, rho = 2.329 g/cm^3, A = 28.0855 g/mol
//!   const double n = 2.329 * units::g_per_cm3 * constants::avogadro / 28.0855;
//!   ElementDensity si{.atomic_number = 14, .atoms_per_volume = n, .molar_mass = 28.0855};

namespace umbra::sim
{
struct ElementDensity
{
    int atomic_number = 0;        //!< Z [1]
    double atoms_per_volume = 0;  //!< n_i = rho w_i N_A / A_i [1/mm^3]
    //! Standard atomic weight A_i [g/mol]. Only used to form mass-fraction
    //! weights (fluctuation model's effective Z); 0 means "unknown", then
    //! electron-fraction weights are used instead (see FluctuationMaterialData).
    double molar_mass = 0;
};
}  // namespace umbra::sim
