#pragma once
//! \file
//! Physical constants in umbra's units (MeV, mm, ns).
//! Values: CODATA 2018 / PDG Review of Particle Physics 2024 (R.L. Workman et
//! al. and S. Navas et al., "Physical constants" and particle listings).
//! Each value is checked against its source in tests/core/ConstantsTest.cpp.

#include <numbers>

#include "umbra/core/Units.hpp"

namespace umbra::constants
{
inline constexpr double pi = std::numbers::pi;

//! Speed of light in vacuum (exact, SI definition) [mm/ns]
inline constexpr double c_light = 299.792458 * units::mm / units::ns;
//! Reduced Planck constant times c: 197.3269804 MeV fm (PDG 2024) [MeV mm]
inline constexpr double hbar_c = 197.3269804 * units::MeV * units::fm;
//! Reduced Planck constant: 6.582119569e-22 MeV s (PDG 2024) [MeV ns]
inline constexpr double hbar = 6.582119569e-22 * units::MeV * units::s;
//! Fine-structure constant at zero momentum transfer, 1/137.035999084 (CODATA 2018)
inline constexpr double alpha = 1.0 / 137.035999084;
//! Electron mass 0.51099895000 MeV (PDG 2024) [MeV]
inline constexpr double electron_mass = 0.51099895000 * units::MeV;
//! Muon mass 105.6583755 MeV (PDG 2024) [MeV]
inline constexpr double muon_mass = 105.6583755 * units::MeV;
//! Proton mass 938.27208816 MeV (PDG 2024) [MeV]
inline constexpr double proton_mass = 938.27208816 * units::MeV;
//! Atomic mass unit 931.49410242 MeV (CODATA 2018) [MeV]
inline constexpr double atomic_mass_unit = 931.49410242 * units::MeV;
//! Avogadro constant (exact, SI definition) [1/mol]
inline constexpr double avogadro = 6.02214076e23;
//! (hbar c)^2 = 0.3893793721 GeV^2 mb (PDG 2024): converts GeV^-2 to mb.
inline constexpr double hbar_c_squared_gev2_mb = 0.3893793721;
}  // namespace umbra::constants
