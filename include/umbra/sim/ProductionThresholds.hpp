#pragma once
//! \file
//! Geant4-style conversion of a range cut (ldmx-sw: 0.7 mm for all particles) into
//! per-material production thresholds for gamma, e- and e+ (Geant4 Physics Reference
//! Manual, "Conversion from cut in range to energy threshold"; Geant4 classes
//! G4VRangeToEnergyConverter, G4RToEConvForGamma/Electron/Positron).
//!
//! Per-atom ingredients (identical in Geant4 10.x and 11.x):
//! - e-/e+: a simplified Berger-Seltzer loss per atom without density effect, with
//!   I = 16 eV Z^0.9, plus an empirical bremsstrahlung term
//!   0.1 Z(Z+1)(0.02 - 5.7e-5 Z)(1 + 0.072 ln(T/1 GeV)) tau/beta^2 (2 pi r_e^2 mc^2);
//!   below 10 keV the loss is scaled as 1/sqrt(T).
//! - gamma: an empirical "absorption" cross-section per atom (photoelectric + Compton
//!   + pair) with break points at 1 keV, T_low(Z), 200 keV, T_min(Z), 100 MeV; the
//!   photon "range" is the absorption length 5 / (sum_i n_i sigma_i).
//! The range R(T) = int_0^T dE/(dE/dx) is inverted at the range cut.
//!
//! Two inversion algorithms (they differ by up to ~1 %, e.g. G4_Cu at 3 cm: gamma 0.8 %):
//! - RangeCutAlgorithm::geant4_11 (Geant4 >= 11.0, default): 50 log bins per decade
//!   from the lowest energy to 10 GeV; e+- range by trapezoidal integration of 1/(dE/dx)
//!   starting from R(0) = 0; linear interpolation between the two grid points that
//!   bracket the cut; gamma likewise on the absorption length.
//! - RangeCutAlgorithm::geant4_10 (Geant4 9.x-10.7, which ldmx-sw's Geant4 10.2.3 uses):
//!   300 log bins from 0.99 keV to 10 GeV; range vector by the trapezoid rule in ln T
//!   (first node q0 dln T); geometric bisection to 1 % in range on a linearly
//!   interpolated range vector.
//! Both then apply, for e+-, the low-energy tuning
//!   T_cut /= 1 + (1 - T_cut/30 keV) (0.025 mm g/cm^3)/(R_cut rho)  if T_cut < 30 keV,
//! and clamp to [lowest_energy, 10 GeV]. Geant4 physics lists set the lowest energy to
//! 990 eV (G4VUserPhysicsList: SetEnergyRange(0.99 keV, 100 TeV)).

#include "umbra/geometry/Material.hpp"

namespace umbra::sim
{
enum class ProductionParticle
{
    gamma,
    electron,
    positron,
};

enum class RangeCutAlgorithm
{
    geant4_11,  //!< G4VRangeToEnergyConverter of Geant4 11.x
    geant4_10,  //!< G4VRangeToEnergyConverter of Geant4 9.x-10.7
};

class ProductionThresholds
{
public:
    struct Config
    {
        double range_cut = 0.7;                        //!< [mm]; ldmx-sw's default for gamma, e-, e+
        RangeCutAlgorithm algorithm = RangeCutAlgorithm::geant4_11;
        double lowest_energy = 0.99e-3;                //!< [MeV]; lower clamp and first grid node (990 eV)
        double highest_energy = 10.0e3;                //!< [MeV]; upper clamp and last grid node (10 GeV)
    };

    struct Values
    {
        double gamma = 0;     //!< [MeV]
        double electron = 0;  //!< [MeV]
        double positron = 0;  //!< [MeV]
    };

    //! Throws InputError for a non-positive range cut or energy limits that are not
    //! 0 < lowest < highest <= 10 GeV.
    explicit ProductionThresholds(const Config& config);
    ProductionThresholds();

    //! Thresholds for gamma, e-, e+ at the configured range cut.
    Values operator()(const geometry::Material& material) const;
    //! Threshold for one particle at an arbitrary range cut [MeV].
    double threshold(const geometry::Material& material, ProductionParticle particle, double range_cut) const;

    const Config& config() const noexcept { return config_; }

    //! Geant4's approximate per-atom e+- energy loss used only for cut conversion [MeV mm^2].
    static double approximate_loss_per_atom(int atomic_number, double kinetic_energy, ProductionParticle particle);
    //! Geant4's approximate photon absorption cross-section per atom [mm^2].
    static double approximate_absorption_cross_section(int atomic_number, double energy);

private:
    Config config_;
};
}  // namespace umbra::sim
