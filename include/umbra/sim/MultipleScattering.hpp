#pragma once
//! \file
//! Multiple Coulomb scattering of e-, e+, mu-, mu+ in condensed-history
//! transport: the Urban model (L. Urban, "A model for multiple scattering in
//! Geant4", CERN-OPEN-2006-077; Geant4 Physics Reference Manual (PRM),
//! section "Multiple scattering", Urban model), following Geant4's
//! G4UrbanMscModel as released in Geant4 10.0 (2013 parameterisation of theta0
//! and of the tail; "UseSafety" step limitation, the Geant4 default for e+-).
//!
//! What is implemented (PRM section and G4UrbanMscModel method in brackets):
//!  - transport mean free path lambda1 from the model's own parameterised
//!    transport cross-section per atom: screened-Rutherford form with Urban's
//!    Z- and energy-dependent correction tables, for heavier particles via the
//!    electron kinetic energy of equal p*beta (ComputeCrossSectionPerAtom);
//!    tabulated per material on a log-energy grid, lambda1 = 1/sum_i n_i sigma1_i;
//!  - true <-> geometrical path-length conversion including the change of
//!    lambda1 with energy along the step ("Path length transformation";
//!    ComputeGeomPathLength, ComputeTrueStepLength);
//!  - angular distribution: Urban's central part exp(-(1 - cos theta)/x),
//!    x ~ theta0^2, for 1 - cos theta < xsi x, with theta0 from the modified
//!    Highland formula, plus a power-law tail, mixed with an isotropic part so
//!    that <cos theta> = exp(-tau) (exact unless central part + tail alone are
//!    already too wide, "qprob > 1": then <cos theta> is up to ~10 % low for
//!    0.01 < tau < 0.5, as in Geant4 10.0), and the "simple scattering"
//!    two-function fallback for large angles / large energy loss
//!    ("Angular distribution"; SampleCosineTheta, ComputeTheta0, SimpleScattering);
//!  - lateral displacement r = rmax u^(1/3), rmax = sqrt(t^2 - z^2), with its
//!    azimuth correlated with the deflection through the Lewis moment
//!    <x.v> ("Lateral displacement"; SampleScattering, LatCorrelation);
//!  - step limitation "UseSafety": range factor 0.04 (0.75+0.25 lambda/1mm
//!    enhancement for e+- when lambda1 > 1 mm), safety factor 0.6, the minimal
//!    step tlimitmin = 10 lambda1 1e-3/(T(10+T)) (~ 10 elastic mean free paths)
//!    and the Gaussian randomisation of the first step in a volume
//!    ("Step limitation algorithm"; ComputeTruePathLengthLimit).
//!
//! Not implemented (relative to Geant4's G4UrbanMscModel):
//!  - the "UseDistanceToBoundary" / "UseSafetyPlus" stepping algorithms with
//!    the skin (single-scattering-like small steps within `skin` elastic mean
//!    free paths of a boundary) -- these need the distance to the next
//!    boundary along the direction; only the UseSafety algorithm is provided;
//!  - later (Geant4 >= 10.1) refinements: the positron theta0 correction, the
//!    revised tail parameters and the alternative displacement samplers
//!    (SampleDisplacementNew); the Geant4 10.0 formulas are used throughout;
//!  - clipping the lateral displacement to the post-step safety is left to the
//!    transport (Geant4 does it in G4VMultipleScattering::AlongStepDoIt: scale
//!    the displacement by 0.99 * post-step-safety / |r| when |r| exceeds it).
//!
//! Usage in a transport loop (all lengths mm, energies MeV):
//!   MultipleScattering msc(make_msc_material_data(elements), {.mass = electron_mass, .charge = -1});
//!   MscTrackState state;                               // one per track
//!   double t = msc.limit_step(ekin, range, safety, physics_step, start, state, rng);
//!   MscStep step = msc.true_to_geom(t, ekin, range, ekin_at_end_of_t);
//!   // ... geometry may shorten step.geom_length to the boundary distance:
//!   step.true_length = msc.geom_to_true(step, geom_step_taken);  step.geom_length = geom_step_taken;
//!   MscDeflection d = msc.sample_scattering(step, ekin_end, safety, rng);
//!   direction = rotate_to_frame(d.direction, direction_before);
//!   position += rotate_to_frame(d.displacement, direction_before);  // clipped to safety

#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "umbra/core/ThreeVector.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/ElementDensity.hpp"

namespace umbra
{
class RandomStream;
}

namespace umbra::sim
{
//! What the Urban model needs to know about a material.
struct MscMaterialData
{
    //! Radiation length X0 [mm]: tsai_radiation_length(elements), i.e.
    //! 1/X0 = 4 alpha r_e^2 sum_i n_i {Z_i^2 [L_rad - f(Z_i)] + Z_i L'_rad} (PDG eq. 34.26).
    double radiation_length = 0;
    double electron_density = 0;  //!< n_el = sum_i n_i Z_i [1/mm^3]
    double atom_density = 0;      //!< n_at = sum_i n_i [1/mm^3]
    //! Mean number of electrons per atom n_el / n_at [1]: Geant4's Urban "Zeff"
    //! (GetTotNbOfElectPerVolume / GetTotNbOfAtomsPerVolume), which selects the
    //! theta0 correction and the tail parameters.
    double z_eff = 0;
    //! The elements, for the transport cross-section sum lambda1 = 1/sum_i n_i sigma1(Z_i).
    std::vector<ElementDensity> elements;
};

//! Radiation length of a mixture of elements [mm] from Tsai's formula as given
//! in PDG "Passage of particles through matter", eq. 34.26 with L_rad, L'_rad
//! from Table 34.2 (Z <= 4) and ln(184.15 Z^-1/3), ln(1194 Z^-2/3) otherwise,
//! and the Coulomb correction f(Z) of eq. 34.27 (Davies, Bethe, Maximon).
double tsai_radiation_length(std::span<const ElementDensity> elements);

//! Fills MscMaterialData from the element list (throws InputError on an empty
//! list, Z outside 1..100 or a non-positive density).
MscMaterialData make_msc_material_data(std::span<const ElementDensity> elements);

//! Where a step starts, for the step limitation: the first step of a track
//! and a step starting on a volume boundary re-initialise the limit.
enum class MscStepStart
{
    interior,  //!< continuation inside the same volume
    boundary,  //!< pre-step point on a boundary (Geant4 fGeomBoundary)
};

//! Per-track state of the step limitation (caller-owned, one per track;
//! reset by constructing a new one at the start of each track).
struct MscTrackState
{
    bool first_step = true;  //!< no step taken yet
    bool inside = false;     //!< range < safety was seen: the track cannot leave, no more limits
    double range_init = 0;   //!< range (or lambda1) at the last (re)initialisation [mm]
    double range_factor = 0;  //!< range factor in use (fr, enhanced for e+- if lambda1 > 1 mm) [1]
    double min_step = 0;     //!< tlimitmin: smallest limited step (~10 elastic mfp) [mm]
};

//! One MSC step: the true path t, the geometrical (straight-line) path z and
//! what the conversion between them needs.
struct MscStep
{
    double true_length = 0;     //!< t [mm]
    double geom_length = 0;     //!< z [mm]
    double kinetic_energy = 0;  //!< pre-step kinetic energy [MeV]
    double range = 0;           //!< pre-step range [mm]
    double lambda1 = 0;         //!< transport mean free path at the pre-step energy [mm]
    double log_lambda1 = 0;     //!< ln(lambda1 / mm) [1]
    double par1 = -1;           //!< energy-loss parameter of the t<->z relation (G4 par1; <0: none) [1/mm]
    double par3 = 0;            //!< exponent of the t<->z relation (G4 par3) [1]
};

//! The transport mean free path at one energy with its logarithm (as the table
//! interpolates ln lambda1, both come from one lookup).
struct MscLambda
{
    double value = 0;      //!< lambda1 [mm]
    double log_value = 0;  //!< ln(lambda1 / mm) [1]
};

//! Result of sample_scattering, in the local frame whose z axis is the
//! pre-step direction (use rotate_to_frame to go to the global frame).
struct MscDeflection
{
    ThreeVector direction{0, 0, 1};  //!< new unit direction [1]
    ThreeVector displacement{};      //!< lateral displacement (z = 0) [mm]
};

class MultipleScattering
{
public:
    struct Config
    {
        //! Range factor fr (G4EmParameters MscRangeFactor, default 0.04) [1]
        double range_factor = 0.04;
        //! Safety factor (G4EmParameters MscSafetyFactor, default 0.6) [1]
        double safety_factor = 0.6;
        //! lambda1 above which the e+- range factor is enhanced by
        //! 0.75 + 0.25 lambda1/lambda_limit (G4 lambdalimit, 1 mm) [mm]
        double lambda_limit = 1 * units::mm;
        //! Absolute lower step limit (G4 tlimitminfix) [mm]
        double min_step_fix = 0.01 * units::nm;
        //! Fraction of the range below which energy loss along the step is
        //! neglected in the t<->z conversion (G4 dtrl, default 0.05) [1]
        double linear_loss_limit = 0.05;
        bool lateral_displacement = true;  //!< sample the lateral displacement

        //! Throws InputError unless all finite, range_factor in (0, 1],
        //! safety_factor in (0, 1], lambda_limit > 0, min_step_fix > 0,
        //! linear_loss_limit in (0, 1).
        void validate() const;
    };

    struct Particle
    {
        double mass = 0;     //!< rest mass [MeV]; electrons, positrons and muons
        double charge = -1;  //!< charge in units of e (sign selects the e-/e+ correction table) [e]
    };

    MultipleScattering(const MscMaterialData& material, const Particle& particle, const Config& config);
    MultipleScattering(const MscMaterialData& material, const Particle& particle);

    //! lambda1 [mm] at the kinetic energy [MeV] (log-log interpolation of the
    //! table, 100 eV .. 100 TeV, 20 points per decade; clamped outside).
    double transport_mean_free_path(double kinetic_energy) const noexcept;

    //! lambda1 and its logarithm at ln(kinetic energy / MeV): the same interpolation as
    //! transport_mean_free_path, without the std::log.
    MscLambda transport_mean_free_path_at(double log_kinetic_energy) const noexcept;

    //! Urban's transport cross-section per atom [mm^2] for this particle at
    //! `kinetic_energy` [MeV] on an atom of atomic number Z (not tabulated).
    double transport_cross_section_per_atom(int atomic_number, double kinetic_energy) const noexcept;

    //! Width of the central part [rad] for a true path [mm] with kinetic
    //! energies at the start and end of the step [MeV]: the modified Highland
    //! formula theta0 = 13.6 MeV |z| / (beta c p) sqrt(t/X0) (c1 + c2 ln(t/X0)),
    //! with 1/(beta c p) the geometric mean of start and end, c1, c2 functions
    //! of Zeff (PRM "Angular distribution"; G4UrbanMscModel::ComputeTheta0).
    double theta0(double true_length, double start_kinetic_energy, double end_kinetic_energy) const noexcept;

    //! Allowed true step [mm] ("UseSafety" algorithm). `physics_step` is the
    //! step proposed by the other processes [mm], range and safety in mm.
    double limit_step(double kinetic_energy, double range, double safety, double physics_step,
                      MscStepStart start, MscTrackState& state, RandomStream& rng) const;

    //! limit_step with lambda1 at the pre-step energy already known (identical result).
    double limit_step(double kinetic_energy, double range, double safety, double physics_step, MscStepStart start,
                      MscTrackState& state, RandomStream& rng, double lambda1) const;

    //! Mean geometrical path for the true path t; `end_kinetic_energy` is the
    //! energy after the true path t from the caller's range tables (only used
    //! when t > linear_loss_limit * range).
    MscStep true_to_geom(double true_length, double kinetic_energy, double range,
                         double end_kinetic_energy) const noexcept;

    //! true_to_geom with lambda1 at the pre-step energy known and the end-of-step energy
    //! given by its logarithm ln(E_end / MeV) (identical up to rounding).
    MscStep true_to_geom(double true_length, double kinetic_energy, double range, MscLambda start,
                         double log_end_kinetic_energy) const noexcept;

    //! True path [mm] for a geometrical step shortened by the geometry
    //! (inverse of true_to_geom with the same parameters; clamped to
    //! [geom_length, step.true_length]).
    double geom_to_true(const MscStep& step, double geom_length) const noexcept;

    //! Deflection and lateral displacement after `step` (true and geometrical
    //! lengths as finally taken); `end_kinetic_energy` after the step [MeV];
    //! `safety` [mm] at the pre-step point (no displacement if ~0).
    MscDeflection sample_scattering(const MscStep& step, double end_kinetic_energy, double safety,
                                    RandomStream& rng) const;

    //! sample_scattering with lambda1 at `end_kinetic_energy` already known (identical up to rounding).
    MscDeflection sample_scattering(const MscStep& step, double end_kinetic_energy, MscLambda end, double safety,
                                    RandomStream& rng) const;

    //! cos(theta) after a true path [mm], alone (the core of sample_scattering).
    double sample_cos_theta(double true_length, double start_kinetic_energy, double end_kinetic_energy,
                            RandomStream& rng) const;

    const Config& config() const noexcept { return config_; }
    const MscMaterialData& material() const noexcept { return material_; }

private:
    struct CosThetaSample
    {
        double cos_theta = 1;
        double tau = 0;               //!< mean t/lambda1 over the step [1]
        double lambda_effective = 0;  //!< t / tau [mm]
        double exp_tau = -1;          //!< exp(-tau) if computed, else -1 [1]
        double exp_kappa_tau = -1;    //!< exp(-2.5 tau) if computed, else -1 [1]
    };
    CosThetaSample sample_cos_theta_impl(double true_length, double start_kinetic_energy,
                                         double end_kinetic_energy, MscLambda start, MscLambda end,
                                         RandomStream& rng) const;
    MscLambda lambda_at_energy(double kinetic_energy) const noexcept
    {
        return transport_mean_free_path_at(std::log(kinetic_energy));
    }
    double lateral_correlation(const CosThetaSample& sample) const noexcept;

    MscMaterialData material_;
    Particle particle_;
    Config config_;

    // Zeff-dependent coefficients (G4UrbanMscModel::UpdateCache, Geant4 10.0)
    double coeff_theta1_ = 0;  //!< constant term of the theta0 correction [1]
    double coeff_theta2_ = 0;  //!< ln(t/X0) term of the theta0 correction [1]
    std::array<double, 4> coeff_tail_{};  //!< c1..c4 of the tail parameter xsi [1]

    // lambda1 table, uniform in ln(E)
    double log_energy_min_ = 0;      //!< ln(E_min / MeV) [1]
    double inverse_log_step_ = 0;    //!< 1 / d ln(E) [1]
    std::vector<double> log_lambda_;  //!< ln(lambda1 / mm) at the grid points [1]
};
}  // namespace umbra::sim
