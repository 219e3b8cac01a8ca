#pragma once
//! \file
//! umbra's unit system: MeV, mm, ns are 1 (the Geant4 / ldmx-sw convention).
//! Multiply by a unit on input, divide by it on output, nowhere else:
//!   double energy = 8 * units::GeV;     // 8000 (MeV)
//!   double in_gev = energy / units::GeV;

namespace umbra::units
{
// Energy
inline constexpr double MeV = 1.0;
inline constexpr double eV = 1.0e-6 * MeV;
inline constexpr double keV = 1.0e-3 * MeV;
inline constexpr double GeV = 1.0e3 * MeV;
inline constexpr double TeV = 1.0e6 * MeV;

// Length
inline constexpr double mm = 1.0;
inline constexpr double um = 1.0e-3 * mm;
inline constexpr double nm = 1.0e-6 * mm;
inline constexpr double fm = 1.0e-12 * mm;
inline constexpr double cm = 10.0 * mm;
inline constexpr double m = 1.0e3 * mm;

// Time
inline constexpr double ns = 1.0;
inline constexpr double ps = 1.0e-3 * ns;
inline constexpr double s = 1.0e9 * ns;

// Area (cross-sections)
inline constexpr double barn = 1.0e-28 * m * m;
inline constexpr double mb = 1.0e-3 * barn;
inline constexpr double ub = 1.0e-6 * barn;
inline constexpr double nb = 1.0e-9 * barn;
inline constexpr double pb = 1.0e-12 * barn;

// Density
inline constexpr double g = 1.0;  //!< gram: only used in g/cm^3 densities
inline constexpr double g_per_cm3 = g / (cm * cm * cm);
}  // namespace umbra::units
