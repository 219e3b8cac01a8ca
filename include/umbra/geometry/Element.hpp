#pragma once
//! \file
//! Chemical elements as the electromagnetic transport needs them: Z, symbol,
//! standard atomic weight, mean excitation energy and the Tsai radiation
//! logarithms that give the radiation length.
//!
//! Sources
//! - Standard atomic weights: IUPAC 2013/2019 conventional values, as listed in
//!   the PDG "Atomic and nuclear properties of materials" tables.
//! - Mean excitation energies I: ICRU Report 37 (1984) elemental values, as in
//!   the PDG tables and in Geant4's G4NistMaterialBuilder (NistSimpleMaterials).
//!   One deliberate choice: carbon uses Geant4's 81 eV (G4_C, amorphous carbon,
//!   rho = 2.0 g/cm^3); the PDG table lists 78.0 eV for graphite.
//! - Radiation logarithms (PDG Review "Passage of particles through matter",
//!   Sec. 34.4.2, Table 34.2 and eq. 34.26): for Z <= 4 the tabulated Tsai values,
//!   for Z > 4 L_rad = ln(184.15 Z^-1/3), L'_rad = ln(1194 Z^-2/3).
//! - Coulomb correction f(Z) (PDG eq. 34.27, Davies-Bethe-Maximon):
//!   f = a^2 [ (1+a^2)^-1 + 0.20206 - 0.0369 a^2 + 0.0083 a^4 - 0.002 a^6 ], a = alpha Z.
//!
//! The table is immutable and built once; lookups return pointers into it that
//! stay valid for the life of the program.
//!
//!   const Element& w = element("W");          // throws InputError if unknown
//!   const Element* cu = find_element(29);      // nullptr if not tabulated

#include <span>
#include <string_view>

namespace umbra::geometry
{
struct Element
{
    int atomic_number = 0;                 //!< Z
    std::string_view symbol;               //!< "W"
    std::string_view name;                 //!< "tungsten"
    double atomic_mass = 0;                //!< standard atomic weight A [g/mol]
    double mean_excitation_energy = 0;     //!< I [MeV]
    double radiation_logarithm = 0;        //!< L_rad (PDG Table 34.2 / eq. 34.26) [1]
    double radiation_logarithm_prime = 0;  //!< L'_rad [1]
    double coulomb_correction = 0;         //!< f(Z), PDG eq. 34.27 [1]
    //! Bremsstrahlung "radiation cross-section" per atom,
    //! 4 alpha r_e^2 { Z^2 [L_rad - f(Z)] + Z L'_rad } (PDG eq. 34.26 without N_A/A);
    //! 1/X0 = sum_i n_i * this [mm^2].
    double radiation_cross_section = 0;

    //! Radiation length of the pure element in mass units, A / (N_A * radiation_cross_section)
    //! [g/mm^2] (divide by units::g / (units::cm*units::cm) for g/cm^2).
    double radiation_length_mass() const noexcept;
};

//! Element by symbol ("Cu") or English name ("copper"), case-insensitive; nullptr if unknown.
const Element* find_element(std::string_view symbol_or_name) noexcept;
//! Element by atomic number; nullptr if not tabulated.
const Element* find_element(int atomic_number) noexcept;
//! Element by symbol or name; throws InputError ("problem (why) suggestion", with a
//! did-you-mean when a close symbol exists) if unknown.
const Element& element(std::string_view symbol_or_name);
//! Element by atomic number; throws InputError if not tabulated.
const Element& element(int atomic_number);
//! All tabulated elements in increasing Z.
std::span<const Element> all_elements() noexcept;
}  // namespace umbra::geometry
