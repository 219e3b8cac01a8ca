#pragma once
//! \file
//! A material as the electromagnetic transport needs it: element composition,
//! number densities, radiation length, mean excitation energy and the
//! Sternheimer density-effect parameters. Built once from a MaterialSpec,
//! validated, then immutable. Copies share one immutable data block (a
//! shared_ptr), so a table of materials indexed by a small integer id is cheap.
//!
//! Physics, with sources
//! - Number densities: n_i = rho w_i N_A / A_i; electron density n_e = sum n_i Z_i.
//! - Radiation length: PDG Review "Passage of particles through matter" eq. 34.26
//!   with Tsai's L_rad, L'_rad and f(Z) (see Element.hpp); for mixtures
//!   1/X0 = sum_j w_j / X_j, i.e. 1/X0 = sum_i n_i sigma_rad,i (PDG eq. 34.28).
//! - Mean excitation energy: elements use the tabulated I; compounds and mixtures
//!   use Bragg additivity weighted by electrons,
//!     ln I = sum_i n_i Z_i ln I_i / sum_i n_i Z_i     (PDG Sec. 34.2.3; G4IonisParamMat),
//!   unless the spec sets I. Geant4 does the same but overrides it for some NIST
//!   compounds with ICRU 37 tabulated values, e.g. G4_AIR 85.7 eV, G4_WATER 78 eV
//!   (Bragg would give 86.6 eV and 71.6 eV); nist_material_spec() sets those.
//! - Plasma energy: hbar omega_p = sqrt(4 pi n_e r_e) hbar c = 28.816 eV sqrt(rho <Z/A>)
//!   with rho in g/cm^3 (PDG Table 34.1 / eq. 34.7 text).
//! - Density effect delta(x), x = log10(beta gamma), PDG eq. 34.7 (Sternheimer 1971):
//!     delta = 2 ln10 x - C                          for x >= x1
//!           = 2 ln10 x - C + a (x1 - x)^m           for x0 <= x < x1
//!           = delta0 10^(2 (x - x0))                for x < x0 (conductors), else 0.
//!   Parameters follow G4IonisParamMat::ComputeDensityEffectParameters (Geant4 11):
//!   (1) a material whose name is in the Sternheimer-Berger-Seltzer (1984) table
//!       (Geant4 G4DensityEffectData: G4_AIR, G4_WATER, G4_<element>, ...) uses the
//!       table row; (2) a single-element material, or (3) a compound where one element
//!       has more than 90 % of the atoms, uses that element's row, corrected for a
//!       density different from the tabulated one by C += ln(rho_tab/rho),
//!       x0,x1 += ln(rho_tab/rho)/(2 ln10) (only if |ln(rho_tab/rho)| <= 1);
//!   (4) otherwise the Sternheimer-Peierls general formulas: C = 1 + 2 ln(I/hbar omega_p),
//!       and for condensed media x1 = 2 (I < 100 eV) or 3, x0 = 0.2 or 0.326 C - 1.0 (1.5),
//!       m = 3; for gases the x0/x1 ladder in C (Geant4 PRM "Energy loss", density effect).
//!   For non-conductors (delta0 = 0) a is recomputed so that delta is continuous at x0,
//!   a = (C - 2 ln10 x0) / (x1 - x0)^m, as Geant4 does. When the I of a table material
//!   (case 1) differs from the table's I, C, x0, x1 are shifted by 2 ln(I/I_tab) as
//!   G4IonisParamMat::SetMeanExcitationEnergy does (G4_WATER: I = 78 eV vs table 75 eV).
//! - State: a material is a gas if rho < 10 mg/cm^3 (Geant4's kGasThreshold rule).
//!
//! Effective-Z quantities kept for the transport (each documented at its accessor):
//! z_over_a(), mean_atomic_number() (Geant4 GetZeffective, used by the e+- low-energy
//! dE/dx limit), electrons_per_atom() (Urban msc Zeff), mass_weighted_atomic_number()
//! (fluctuation model Zeff).

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "umbra/geometry/Element.hpp"

namespace umbra::geometry
{
class Material;

//! User description of a material.
struct MaterialSpec
{
    enum class FractionKind
    {
        mass,   //!< components are mass fractions (sum to 1 within 1e-3, then renormalised)
        atoms,  //!< components are atom counts per formula unit (e.g. C 27, H 30); elements only
    };

    std::string name;
    double density = 0;  //!< [g/cm^3 in units], i.e. rho * units::g_per_cm3
    FractionKind kind = FractionKind::mass;
    //! Element symbol (or name) or the name of an already-built material, and its fraction.
    std::vector<std::pair<std::string, double>> components;
    //! Overrides the Bragg-rule I [MeV].
    std::optional<double> mean_excitation_energy;
};

//! One element of a material.
struct MaterialComponent
{
    const Element* element = nullptr;
    double mass_fraction = 0;     //!< w_i [1]
    double atoms_per_volume = 0;  //!< n_i [1/mm^3]
};

enum class MaterialState
{
    condensed,  //!< solid or liquid (rho >= 10 mg/cm^3)
    gas,
};

//! Where the density-effect parameters came from.
enum class DensityEffectSource
{
    table_material,  //!< Sternheimer-Berger-Seltzer row for this material's name
    table_element,   //!< row of the (dominant) element, density-corrected
    formula,         //!< Sternheimer-Peierls general formulas
};

//! Sternheimer density-effect parameters (PDG eq. 34.7 notation).
struct DensityEffectParameters
{
    double c_bar = 0;   //!< C-bar [1]
    double x0 = 0;      //!< [1]
    double x1 = 0;      //!< [1]
    double a = 0;       //!< [1]
    double m = 0;       //!< k in PDG notation [1]
    double delta0 = 0;  //!< delta(x0) for conductors [1]
    DensityEffectSource source = DensityEffectSource::formula;
};

class Material
{
public:
    //! Finds an already-built material by name (for mixture components); nullptr if unknown.
    using Lookup = std::function<const Material*(std::string_view)>;

    //! Validates `spec` and derives everything. Throws InputError ("problem (why)
    //! suggestion", naming the material) for a non-positive density, no components,
    //! negative/zero fractions, mass fractions not summing to 1 within 1e-3, unknown
    //! element or material names, or a material component in an atom-count spec.
    explicit Material(const MaterialSpec& spec, const Lookup& lookup = {});

    const std::string& name() const noexcept { return data_->name; }
    double density() const noexcept { return data_->density; }  //!< [g/cm^3 in units]
    MaterialState state() const noexcept { return data_->state; }
    //! Elements with mass fractions and number densities (each element once).
    std::span<const MaterialComponent> components() const noexcept { return data_->components; }

    double atom_density() const noexcept { return data_->atom_density; }          //!< sum n_i [1/mm^3]
    double electron_density() const noexcept { return data_->electron_density; }  //!< n_e [1/mm^3]
    double radiation_length() const noexcept { return data_->radiation_length; }  //!< X0 [mm]
    //! X0 * rho [g/mm^2 in units]; divide by units::g/(units::cm*units::cm) for g/cm^2.
    double radiation_length_mass() const noexcept { return data_->radiation_length * data_->density; }
    double mean_excitation_energy() const noexcept { return data_->mean_excitation_energy; }  //!< I [MeV]
    //! hbar omega_p = sqrt(4 pi n_e r_e) hbar c [MeV].
    double plasma_energy() const noexcept { return data_->plasma_energy; }
    const DensityEffectParameters& density_effect_parameters() const noexcept { return data_->density_effect; }
    //! delta(x), x = log10(beta gamma) (PDG eq. 34.7, see file comment) [1].
    double density_effect(double log10_beta_gamma) const noexcept;

    //! <Z/A> = sum_i w_i Z_i / A_i [mol/g].
    double z_over_a() const noexcept { return data_->z_over_a; }
    //! Atom-number weighted mean Z, sum n_i Z_i / sum n_i (G4IonisParamMat::GetZeffective;
    //! sets the low-energy limit of the e+- dE/dx) [1].
    double mean_atomic_number() const noexcept { return data_->electron_density / data_->atom_density; }
    //! Electrons per atom n_e / n_atoms; the Zeff of the Urban multiple-scattering model
    //! (G4UrbanMscModel: Zeff = TotNbOfElectPerVolume / TotNbOfAtomsPerVolume). Same number
    //! as mean_atomic_number(), kept under both names for readability at the call site.
    double electrons_per_atom() const noexcept { return mean_atomic_number(); }
    //! Mass-fraction weighted Z, sum w_i Z_i (G4IonisParamMat::ComputeFluctModel Zeff) [1].
    double mass_weighted_atomic_number() const noexcept { return data_->mass_weighted_z; }

private:
    struct Data
    {
        std::string name;
        double density = 0;
        MaterialState state = MaterialState::condensed;
        std::vector<MaterialComponent> components;
        double atom_density = 0;
        double electron_density = 0;
        double radiation_length = 0;
        double mean_excitation_energy = 0;
        double plasma_energy = 0;
        DensityEffectParameters density_effect;
        double z_over_a = 0;
        double mass_weighted_z = 0;
    };
    std::shared_ptr<const Data> data_;
};

//! Specs of Geant4 NIST materials umbra knows (compositions and I from
//! G4NistMaterialBuilder): G4_H, G4_C, G4_N, G4_O, G4_Al, G4_Si, G4_Ar, G4_Fe, G4_Cu,
//! G4_Ge, G4_W, G4_Pb, G4_U, G4_AIR, G4_WATER, G4_Galactic, G4_PLASTIC_SC_VINYLTOLUENE,
//! G4_POLYSTYRENE, G4_lAr. nullopt for other names.
std::optional<MaterialSpec> nist_material_spec(std::string_view name);
//! The names nist_material_spec() knows.
std::vector<std::string> nist_material_names();
}  // namespace umbra::geometry
