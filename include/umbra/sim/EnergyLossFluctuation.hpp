#pragma once
//! \file
//! Fluctuations of the continuous (restricted) ionisation energy loss along a
//! step: Geant4's G4UniversalFluctuation, the Urban model (L. Urban et al.,
//! NIM A362 (1995) 416; GEANT3 PHYS332 "Simulation of energy loss straggling";
//! Geant4 Physics Reference Manual (PRM), "Fluctuations in energy loss").
//!
//! Given the mean restricted loss <Delta> of a step (from the caller's dE/dx
//! tables), the sampler returns an actual loss with mean <Delta>:
//!  - Gaussian (Bohr) regime, for particles heavier than e with many
//!    collisions (<Delta> >= 10 T_cut and T_max <= 2 T_cut): a Gaussian
//!    truncated to [0, 2<Delta>] with Bohr's variance
//!      sigma^2 = 2 pi r_e^2 m_e c^2 n_el z^2 L (T_max/beta^2 - T_cut/2)
//!    (PRM "Gaussian fluctuations"; N. Bohr, Phil. Mag. 30 (1915) 581), or a
//!    Gamma distribution with the same mean and variance if <Delta> < 2 sigma;
//!  - otherwise the Urban model: atoms with two excitation levels E1, E2
//!    (oscillator strengths f1, f2, f1 ln E1 + f2 ln E2 = ln I) taking a
//!    fraction 1 - r of the mean loss, Poisson numbers of excitations, and
//!    ionisations with a 1/E^2 spectrum between e0 = 10 eV and T_cut taking
//!    the fraction r = 0.56; large numbers of collisions are summed with a
//!    Gaussian (PRM "Fluctuations in thin layers"). The Geant4 10.7
//!    formulation (as also in Celeritas' EnergyLossUrbanDistribution) with the
//!    width correction E1 -> fw E1, a1 -> a1/fw (fw = 4, softened below a0 = 42
//!    excitations) and the overall small-cut scaling 1 + 0.5 min(1 keV/T_cut, 1).
//!
//!   EnergyLossFluctuation fluctuate;
//!   double loss = fluctuate(material_data, {.mean_loss = dedx * step, .step_length = step,
//!                           .kinetic_energy = ekin, .mass = electron_mass, .charge = -1,
//!                           .cut_energy = std::min(cut, tmax), .max_energy_transfer = tmax}, rng);

#include <span>

#include "umbra/core/Units.hpp"
#include "umbra/sim/ElementDensity.hpp"

namespace umbra
{
class RandomStream;
}

namespace umbra::sim
{
//! What the fluctuation model needs to know about a material.
//! The two-level oscillator parameters follow G4IonisParamMat::ComputeFluctModel:
//! with Zeff = sum_i w_i Z_i (mass fractions w_i), for Zeff > 2.1
//!   f2 = 2/Zeff, f1 = 1 - f2, E2 = 10 eV Zeff^2, ln E1 = (ln I - f2 ln E2)/f1,
//! and for Zeff <= 2.1 a single level f1 = 1, E1 = I, f2 = 0.
struct FluctuationMaterialData
{
    double mean_excitation_energy = 0;      //!< I (ICRU 37/49, PDG tables; e.g. Si 173 eV) [MeV]
    double log_mean_excitation_energy = 0;  //!< ln(I / MeV) [1]
    double electron_density = 0;            //!< n_el = sum_i n_i Z_i [1/mm^3]
    double oscillator_strength_1 = 0;       //!< f1 [1]
    double oscillator_strength_2 = 0;       //!< f2 [1]
    double binding_energy_1 = 0;            //!< E1 [MeV]
    double binding_energy_2 = 0;            //!< E2 (0 if f2 = 0) [MeV]
    double log_binding_energy_1 = 0;        //!< ln(E1 / MeV) [1]
    double log_binding_energy_2 = 0;        //!< ln(E2 / MeV) (0 if f2 = 0) [1]
};

//! Builds FluctuationMaterialData from the element list and the material's
//! mean excitation energy I [MeV] (I is a measured material property: take it
//! from the Material, ICRU 37/49 or the PDG "Atomic and nuclear properties"
//! tables; for compounds without a measured value, Bragg additivity
//! ln I = sum_i n_i Z_i ln I_i / n_el). Mass-fraction weights for Zeff need
//! every molar_mass > 0; otherwise electron fractions n_i Z_i / n_el are used
//! (equal to mass fractions when Z/A is the same for all elements).
//! Throws InputError on an empty list, Z outside 1..100, a non-positive density or I <= 0.
FluctuationMaterialData make_fluctuation_material_data(std::span<const ElementDensity> elements,
                                                       double mean_excitation_energy);

//! The kinematics of a step, as the fluctuation model needs them.
struct FluctuationInput
{
    double mean_loss = 0;       //!< mean restricted energy loss of the step <Delta> [MeV]
    double step_length = 0;     //!< true path length of the step [mm]
    double kinetic_energy = 0;  //!< pre-step kinetic energy [MeV]
    double mass = 0;            //!< rest mass [MeV]
    double charge = -1;         //!< charge [e]
    //! delta-ray production threshold T_cut = min(production cut, T_max) [MeV]:
    //! losses above it are discrete delta rays, not part of <Delta>
    double cut_energy = 0;
    //! kinematic maximum energy transfer to a free electron T_max [MeV]
    //! (see EnergyLossFluctuation::max_energy_transfer)
    double max_energy_transfer = 0;
};

//! Which formula gives T_max.
enum class Projectile
{
    electron,  //!< Moller, identical particles: T_max = T/2
    positron,  //!< Bhabha: T_max = T
    heavy,     //!< muon, hadron: PDG eq. 34.4
};

class EnergyLossFluctuation
{
public:
    //! Model constants (G4UniversalFluctuation, Geant4 10.7 / 11).
    struct Config
    {
        double min_loss = 10 * units::eV;     //!< below: no fluctuation (minLoss) [MeV]
        double bohr_min_collisions = 10;      //!< <Delta>/T_cut above which the Bohr regime may apply [1]
        double ionisation_energy = 10 * units::eV;  //!< e0, lower end of the 1/E^2 spectrum [MeV]
        double ionisation_rate = 0.56;        //!< r, fraction of the loss from ionisation [1]
        double width_factor = 4;              //!< fw, E1 -> fw E1 width correction [1]
        double width_threshold = 42;          //!< a0, number of excitations above which fw is applied in full [1]
        double max_collisions = 8;            //!< nmaxCont: Gaussian summation above this many collisions [1]

        //! Throws InputError unless all finite and positive, ionisation_rate < 1.
        void validate() const;
    };

    EnergyLossFluctuation();
    explicit EnergyLossFluctuation(const Config& config);

    //! One actual energy loss [MeV] >= 0 for the step; its mean over many
    //! samples is input.mean_loss.
    double operator()(const FluctuationMaterialData& material, const FluctuationInput& input,
                      RandomStream& rng) const;

    //! Bohr's variance of the restricted loss [MeV^2]:
    //! 2 pi r_e^2 m_e c^2 n_el z^2 L (T_max/beta^2 - T_cut/2) (G4UniversalFluctuation::Dispersion).
    static double bohr_variance(const FluctuationMaterialData& material, const FluctuationInput& input) noexcept;

    //! T_max [MeV] for kinetic energy T [MeV]: T/2 (e-), T (e+), or
    //! 2 m_e c^2 beta^2 gamma^2 / (1 + 2 gamma m_e/M + (m_e/M)^2) (PDG eq. 34.4).
    static double max_energy_transfer(double kinetic_energy, double mass, Projectile projectile) noexcept;

    const Config& config() const noexcept { return config_; }

private:
    double sample_urban(const FluctuationMaterialData& material, const FluctuationInput& input, double beta2,
                        double gamma2, RandomStream& rng) const;

    Config config_;
};
}  // namespace umbra::sim
