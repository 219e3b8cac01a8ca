#include "umbra/geometry/Material.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::geometry
{
namespace
{
constexpr double two_ln10 = 2.0 * std::numbers::ln10;
//! Classical electron radius r_e = alpha hbar c / (m_e c^2) [mm].
constexpr double classical_electron_radius = constants::alpha * constants::hbar_c / constants::electron_mass;
//! Geant4's kGasThreshold: undefined-state materials below 10 mg/cm^3 are gases (G4Material).
constexpr double gas_density_threshold = 10.0e-3 * units::g_per_cm3;
//! G4IonisParamMat: table parameters are not used if |ln(rho_tab / rho)| exceeds this.
constexpr double max_density_correction = 1.0;
//! G4IonisParamMat: a compound uses its dominant element's row above this atom fraction.
constexpr double dominant_atom_fraction = 0.9;

//! One row of Sternheimer, Berger & Seltzer, At. Data Nucl. Data Tables 30 (1984) 261,
//! as transcribed in Geant4's G4DensityEffectData (plasma energy, -C, x0, x1, a, m,
//! delta0, and the I the row was fitted with).
struct SternheimerRow
{
    double plasma_energy_ev;
    double c_bar;
    double x0;
    double x1;
    double a;
    double m;
    double delta0;
    double i_ev;
};

struct ElementSternheimerRow
{
    int z;
    SternheimerRow row;
};

// Values: G4DensityEffectData.cc (Geant4 11), rows G4_H ... G4_U for the elements in
// Element.cpp. Gaseous elements (H, He, N, O, F, Ne, Cl, Ar, Br, Kr, Xe) are the gas rows.
constexpr ElementSternheimerRow element_rows[] = {
    {1, {0.263, 9.5835, 1.8639, 3.2718, 0.14092, 5.7273, 0.0, 19.2}},
    {2, {0.263, 11.1393, 2.2017, 3.6122, 0.13443, 5.8347, 0.0, 41.8}},
    {3, {13.844, 3.1221, 0.1304, 1.6397, 0.95136, 2.4993, 0.14, 40.0}},
    {4, {26.096, 2.7847, 0.0392, 1.6922, 0.80392, 2.4339, 0.14, 63.7}},
    {5, {30.17, 2.8477, 0.0305, 1.9688, 0.56224, 2.4512, 0.14, 76.0}},
    {6, {28.803, 2.9925, -0.0351, 2.486, 0.2024, 3.0036, 0.10, 78.0}},
    {7, {0.695, 10.5400, 1.7378, 4.1323, 0.15349, 3.2125, 0.0, 82.0}},
    {8, {0.744, 10.7004, 1.7541, 4.3213, 0.11778, 3.2913, 0.0, 95.0}},
    {9, {0.788, 10.9653, 1.8433, 4.4096, 0.11083, 3.2962, 0.0, 115.0}},
    {10, {0.587, 11.9041, 2.0735, 4.6421, 0.08064, 3.5771, 0.0, 137.0}},
    {11, {19.641, 5.0526, 0.2880, 3.1962, 0.07772, 3.6452, 0.08, 149.0}},
    {12, {26.708, 4.5297, 0.1499, 3.0668, 0.081163, 3.6166, 0.08, 156.0}},
    {13, {32.86, 4.2395, 0.1708, 3.0127, 0.08024, 3.6345, 0.12, 166.0}},
    {14, {31.055, 4.4351, 0.2014, 2.8715, 0.14921, 3.2546, 0.14, 173.0}},
    {15, {29.743, 4.5214, 0.1696, 2.7815, 0.2361, 2.9158, 0.14, 173.0}},
    {16, {28.789, 4.6659, 0.158, 2.7159, 0.33992, 2.6456, 0.14, 180.0}},
    {17, {1.092, 11.1421, 1.5555, 4.2994, 0.19849, 2.9702, 0.0, 174.0}},
    {18, {0.789, 11.9480, 1.7635, 4.4855, 0.19714, 2.9618, 0.0, 188.0}},
    {19, {18.65, 5.6423, 0.3851, 3.1724, 0.19827, 2.9233, 0.10, 190.0}},
    {20, {25.342, 5.0396, 0.3228, 3.1191, 0.15643, 3.0745, 0.14, 191.0}},
    {21, {34.050, 4.6949, 0.1640, 3.0593, 0.15754, 3.0517, 0.10, 216.0}},
    {22, {41.619, 4.4450, 0.0957, 3.0386, 0.15662, 3.0302, 0.12, 233.0}},
    {23, {47.861, 4.2659, 0.0691, 3.0322, 0.15436, 3.0163, 0.14, 245.0}},
    {24, {52.458, 4.1781, 0.0340, 3.0451, 0.15419, 2.9896, 0.14, 257.0}},
    {25, {53.022, 4.2702, 0.0447, 3.1074, 0.14973, 2.9796, 0.14, 272.0}},
    {26, {55.172, 4.2911, -0.0012, 3.1531, 0.146, 2.9632, 0.12, 286.0}},
    {27, {58.188, 4.2601, -0.0187, 3.1790, 0.14474, 2.9502, 0.12, 297.0}},
    {28, {59.385, 4.3115, -0.0566, 3.1851, 0.16496, 2.843, 0.10, 311.0}},
    {29, {58.270, 4.4190, -0.0254, 3.2792, 0.14339, 2.9044, 0.08, 322.0}},
    {30, {52.132, 4.6906, 0.0049, 3.3668, 0.14714, 2.8652, 0.08, 330.0}},
    {31, {46.688, 4.9353, 0.2267, 3.5434, 0.09440, 3.1314, 0.14, 334.0}},
    {32, {44.141, 5.1411, 0.3376, 3.6096, 0.07188, 3.3306, 0.14, 350.0}},
    {33, {45.779, 5.0510, 0.1767, 3.5702, 0.06633, 3.4176, 0.00, 347.0}},
    {34, {40.112, 5.3210, 0.2258, 3.6264, 0.06568, 3.4317, 0.10, 348.0}},
    {35, {1.604, 11.7307, 1.5262, 4.9899, 0.06335, 3.467, 0.0, 343.0}},
    {36, {1.114, 12.5115, 1.7158, 5.0748, 0.07446, 3.4051, 0.0, 352.0}},
    {37, {23.467, 6.4776, 0.5737, 3.7995, 0.07261, 3.4177, 0.14, 363.0}},
    {38, {30.244, 5.9867, 0.4585, 3.6778, 0.07165, 3.4435, 0.14, 366.0}},
    {39, {40.346, 5.4801, 0.3608, 3.5542, 0.07138, 3.4565, 0.14, 379.0}},
    {40, {48.671, 5.1774, 0.2957, 3.489, 0.07177, 3.4533, 0.14, 393.0}},
    {41, {56.039, 5.0141, 0.1785, 3.2201, 0.13883, 3.093, 0.14, 417.0}},
    {42, {60.951, 4.8793, 0.2267, 3.2784, 0.10525, 3.2549, 0.14, 424.0}},
    {46, {65.683, 4.9358, 0.0563, 3.0555, 0.24178, 2.7239, 0.14, 470.0}},
    {47, {61.635, 5.0630, 0.0657, 3.1074, 0.24585, 2.6899, 0.14, 470.0}},
    {48, {55.381, 5.2727, 0.1281, 3.1667, 0.24609, 2.6772, 0.14, 469.0}},
    {49, {50.896, 5.5211, 0.2406, 3.2032, 0.23879, 2.7144, 0.14, 488.0}},
    {50, {50.567, 5.5340, 0.2879, 3.2959, 0.18689, 2.8576, 0.14, 488.0}},
    {51, {48.242, 5.6241, 0.3189, 3.3489, 0.16652, 2.9319, 0.14, 487.0}},
    {52, {45.952, 5.7131, 0.3296, 3.4418, 0.13815, 3.0354, 0.14, 485.0}},
    {53, {41.348, 5.9488, 0.0549, 3.2596, 0.23766, 2.7276, 0.0, 491.0}},
    {54, {1.369, 12.7281, 1.563, 4.7371, 0.23314, 2.7414, 0.0, 482.0}},
    {55, {25.37, 6.9135, 0.5473, 3.5914, 0.18233, 2.8866, 0.14, 488.0}},
    {56, {34.425, 6.3153, 0.4190, 3.4547, 0.18268, 2.8906, 0.14, 491.0}},
    {57, {45.792, 5.7850, 0.3161, 3.3293, 0.18591, 2.8828, 0.14, 501.0}},
    {58, {47.834, 5.7837, 0.2713, 3.3432, 0.18885, 2.8592, 0.14, 523.0}},
    {64, {51.672, 5.8738, 0.1058, 3.3932, 0.25109, 2.5977, 0.14, 591.0}},
    {71, {57.581, 5.9785, 0.1560, 3.5218, 0.24033, 2.5643, 0.14, 694.0}},
    {72, {66.770, 5.7139, 0.1965, 3.4337, 0.22918, 2.6155, 0.14, 705.0}},
    {73, {74.692, 5.5262, 0.2117, 3.4805, 0.17798, 2.7623, 0.14, 718.0}},
    {74, {80.315, 5.4059, 0.2167, 3.496, 0.15509, 2.8447, 0.14, 727.0}},
    {75, {83.846, 5.3445, 0.0559, 3.4845, 0.15184, 2.8627, 0.08, 736.0}},
    {76, {86.537, 5.3083, 0.0891, 3.5414, 0.12751, 2.9608, 0.10, 746.0}},
    {77, {86.357, 5.3418, 0.0819, 3.5480, 0.12690, 2.9658, 0.10, 757.0}},
    {78, {84.389, 5.4732, 0.1484, 3.6212, 0.11128, 3.0417, 0.12, 790.0}},
    {79, {80.215, 5.5747, 0.2021, 3.6979, 0.09756, 3.1101, 0.14, 790.0}},
    {80, {66.977, 5.9605, 0.2756, 3.7275, 0.11014, 3.0519, 0.14, 800.0}},
    {81, {62.104, 6.1365, 0.3491, 3.8044, 0.09455, 3.1450, 0.14, 810.0}},
    {82, {61.072, 6.2018, 0.3776, 3.8073, 0.09359, 3.1608, 0.14, 823.0}},
    {83, {56.696, 6.3505, 0.4152, 3.8248, 0.0941, 3.1671, 0.14, 823.0}},
    {90, {61.438, 6.2473, 0.4202, 3.7681, 0.08655, 3.2610, 0.14, 847.0}},
    {92, {77.986, 5.8694, 0.2260, 3.3721, 0.19677, 2.8171, 0.14, 890.0}},
};

struct NamedSternheimerRow
{
    const char* name;
    SternheimerRow row;
};

// Compound rows of G4DensityEffectData (same source) that umbra's materials use.
constexpr NamedSternheimerRow compound_rows[] = {
    {"G4_AIR", {0.707, 10.5961, 1.7418, 4.2759, 0.10914, 3.3994, 0.0, 85.7}},
    {"G4_WATER", {21.469, 3.5017, 0.24, 2.8004, 0.09116, 3.4773, 0.0, 75.0}},
    {"G4_PLASTIC_SC_VINYLTOLUENE", {21.54, 3.1997, 0.1464, 2.4855, 0.16101, 3.2393, 0.0, 64.7}},
    {"G4_POLYSTYRENE", {21.754, 3.2999, 0.1647, 2.5031, 0.16454, 3.2224, 0.0, 68.7}},
    {"G4_POLYETHYLENE", {21.099, 3.0016, 0.137, 2.5177, 0.12108, 3.4292, 0.0, 57.4}},
    {"G4_KAPTON", {24.586, 3.3497, 0.1509, 2.5631, 0.15972, 3.1921, 0.0, 79.6}},
    {"G4_MYLAR", {24.595, 3.3262, 0.1562, 2.6507, 0.12679, 3.3076, 0.0, 78.7}},
    {"G4_BGO", {49.904, 5.7409, 0.0456, 3.7816, 0.09569, 3.0781, 0.0, 534.1}},
    {"G4_SILICON_DIOXIDE", {31.014, 4.0029, 0.1385, 3.0025, 0.08408, 3.5064, 0.0, 139.2}},
};

const SternheimerRow* element_row(int z)
{
    for (const auto& r : element_rows)
        if (r.z == z) return &r.row;
    return nullptr;
}

//! Table row for a material name: a compound row or "G4_<symbol>".
const SternheimerRow* named_row(std::string_view name)
{
    for (const auto& r : compound_rows)
        if (name == r.name) return &r.row;
    if (name.size() > 3 && name.substr(0, 3) == "G4_")
    {
        const std::string_view symbol = name.substr(3);
        for (const auto& e : all_elements())
            if (e.symbol == symbol) return element_row(e.atomic_number);
    }
    return nullptr;
}

//! Density [g/cm^3 in units] at which a pure element has the row's plasma energy:
//! (hbar omega_p)^2 = 4 pi r_e (hbar c)^2 N_A rho Z/A. Stands in for Geant4's NIST
//! nominal density (agrees with it to < 0.1 % for W, Si, Cu, Fe, Pb, C).
double nominal_density(const Element& e, const SternheimerRow& row)
{
    const double plasma = row.plasma_energy_ev * units::eV;
    const double electrons_per_gram = constants::avogadro * e.atomic_number / (e.atomic_mass * units::g);
    return plasma * plasma /
           (4.0 * constants::pi * classical_electron_radius * constants::hbar_c * constants::hbar_c * electrons_per_gram);
}

DensityEffectParameters from_row(const SternheimerRow& row, DensityEffectSource source, double correction)
{
    DensityEffectParameters p;
    p.c_bar = row.c_bar + correction;
    p.x0 = row.x0 + correction / two_ln10;
    p.x1 = row.x1 + correction / two_ln10;
    p.a = row.a;
    p.m = row.m;
    p.delta0 = row.delta0;
    p.source = source;
    return p;
}

//! Sternheimer & Peierls, Phys. Rev. B 3 (1971) 3681, as in G4IonisParamMat (Geant4 PRM,
//! "Energy loss: density effect").
DensityEffectParameters general_formula(double mean_excitation_energy, double plasma_energy, MaterialState state,
                                        bool pure_hydrogen, bool pure_helium)
{
    DensityEffectParameters p;
    p.source = DensityEffectSource::formula;
    p.c_bar = 1.0 + 2.0 * std::log(mean_excitation_energy / plasma_energy);
    p.m = 3.0;
    if (state == MaterialState::condensed)
    {
        const bool low_i = mean_excitation_energy < 100.0 * units::eV;
        const double c_limit = low_i ? 3.681 : 5.215;
        p.x0 = p.c_bar < c_limit ? 0.2 : 0.326 * p.c_bar - (low_i ? 1.0 : 1.5);
        p.x1 = low_i ? 2.0 : 3.0;
        if (pure_hydrogen)
        {
            p.x0 = 0.425;
            p.x1 = 2.0;
            p.m = 5.949;
        }
    }
    else
    {
        p.x1 = 4.0;
        if (p.c_bar <= 10.0)
            p.x0 = 1.6;
        else if (p.c_bar <= 10.5)
            p.x0 = 1.7;
        else if (p.c_bar <= 11.0)
            p.x0 = 1.8;
        else if (p.c_bar <= 11.5)
            p.x0 = 1.9;
        else if (p.c_bar <= 12.25)
            p.x0 = 2.0;
        else if (p.c_bar <= 13.804)
        {
            p.x0 = 2.0;
            p.x1 = 5.0;
        }
        else
        {
            p.x0 = 0.326 * p.c_bar - 2.5;
            p.x1 = 5.0;
        }
        if (pure_hydrogen)
        {
            p.x0 = 1.837;
            p.x1 = 3.0;
            p.m = 4.754;
        }
        if (pure_helium)
        {
            p.x0 = 2.191;
            p.x1 = 3.0;
            p.m = 3.297;
        }
    }
    return p;
}

std::string describe(const MaterialSpec& spec)
{
    return spec.name.empty() ? std::string("material <unnamed>") : fmt::format("material '{}'", spec.name);
}

std::vector<std::pair<const Element*, double>> expand_components(const MaterialSpec& spec,
                                                                 const Material::Lookup& lookup)
{
    const std::string what = describe(spec);
    if (spec.components.empty())
        throw InputError(fmt::format("{} has no components (a material needs at least one element) add e.g. "
                                     "{{\"W\", 1.0}}",
                                     what));
    // Element -> mass weight (not yet normalised).
    std::map<int, std::pair<const Element*, double>> weights;
    double total = 0;
    for (const auto& [component, fraction] : spec.components)
    {
        if (!(fraction > 0) || !std::isfinite(fraction))
            throw InputError(fmt::format("{}: component '{}' has fraction {} (fractions must be positive and "
                                         "finite) remove the component or give its fraction",
                                         what, component, fraction));
        const Element* e = nullptr;
        for (const auto& candidate : all_elements())
            if (candidate.symbol == component) e = &candidate;
        const Material* sub = nullptr;
        std::optional<Material> nist;
        if (e == nullptr && lookup) sub = lookup(component);
        if (e == nullptr && sub == nullptr) e = find_element(component);
        if (e == nullptr && sub == nullptr)
        {
            if (auto nist_spec = nist_material_spec(component))
            {
                nist.emplace(*nist_spec);
                sub = &*nist;
            }
        }
        if (e == nullptr && sub == nullptr)
        {
            try
            {
                (void)element(component);  // throws with a did-you-mean
            }
            catch (const InputError& err)
            {
                throw InputError(fmt::format("{}: component '{}' is neither an element nor a known material ({}) "
                                             "define the material before using it as a component",
                                             what, component, err.message()));
            }
        }
        if (e != nullptr)
        {
            const double weight =
                spec.kind == MaterialSpec::FractionKind::atoms ? fraction * e->atomic_mass : fraction;
            auto& slot = weights[e->atomic_number];
            slot.first = e;
            slot.second += weight;
            total += fraction;
        }
        else
        {
            if (spec.kind == MaterialSpec::FractionKind::atoms)
                throw InputError(fmt::format("{}: component '{}' is a material, but the spec gives atom counts "
                                             "(atom counts are only defined for elements) give mass fractions",
                                             what, component));
            for (const auto& c : sub->components())
            {
                auto& slot = weights[c.element->atomic_number];
                slot.first = c.element;
                slot.second += fraction * c.mass_fraction;
            }
            total += fraction;
        }
    }
    if (spec.kind == MaterialSpec::FractionKind::mass && std::abs(total - 1.0) > 1e-3)
        throw InputError(fmt::format("{}: mass fractions sum to {:.6g} (they must sum to 1 within 1e-3) check the "
                                     "fractions or give atom counts instead",
                                     what, total));
    double norm = 0;
    for (const auto& [z, slot] : weights) norm += slot.second;
    std::vector<std::pair<const Element*, double>> result;
    for (const auto& [z, slot] : weights) result.emplace_back(slot.first, slot.second / norm);
    return result;
}
}  // namespace

Material::Material(const MaterialSpec& spec, const Lookup& lookup)
{
    const std::string what = describe(spec);
    if (!(spec.density > 0) || !std::isfinite(spec.density))
        throw InputError(fmt::format("{} has density {} g/cm^3 (a density must be positive and finite) set e.g. "
                                     "density = 19.3 * units::g_per_cm3",
                                     what, spec.density / units::g_per_cm3));
    if (spec.mean_excitation_energy && !(*spec.mean_excitation_energy > 0))
        throw InputError(fmt::format("{} has mean excitation energy {} eV (it must be positive) remove it to use "
                                     "the Bragg rule",
                                     what, *spec.mean_excitation_energy / units::eV));

    auto data = std::make_shared<Data>();
    data->name = spec.name;
    data->density = spec.density;
    data->state = spec.density < gas_density_threshold ? MaterialState::gas : MaterialState::condensed;

    double inverse_x0 = 0;
    double log_i_sum = 0;
    for (const auto& [e, w] : expand_components(spec, lookup))
    {
        MaterialComponent c;
        c.element = e;
        c.mass_fraction = w;
        c.atoms_per_volume = spec.density * constants::avogadro * w / (e->atomic_mass * units::g);
        data->components.push_back(c);
        data->atom_density += c.atoms_per_volume;
        data->electron_density += c.atoms_per_volume * e->atomic_number;
        inverse_x0 += c.atoms_per_volume * e->radiation_cross_section;
        log_i_sum += c.atoms_per_volume * e->atomic_number * std::log(e->mean_excitation_energy);
        data->z_over_a += w * e->atomic_number / e->atomic_mass;
        data->mass_weighted_z += w * e->atomic_number;
    }
    data->radiation_length = 1.0 / inverse_x0;
    // Bragg additivity weighted by electrons (PDG Sec. 34.2.3, G4IonisParamMat).
    data->mean_excitation_energy =
        spec.mean_excitation_energy ? *spec.mean_excitation_energy : std::exp(log_i_sum / data->electron_density);
    data->plasma_energy =
        std::sqrt(4.0 * constants::pi * data->electron_density * classical_electron_radius) * constants::hbar_c;

    // Density-effect parameters: G4IonisParamMat::ComputeDensityEffectParameters (see header).
    const auto& comps = data->components;
    std::optional<DensityEffectParameters> density_effect;
    if (const SternheimerRow* row = named_row(spec.name))
    {
        // The table was fitted with row->i_ev; a different I shifts C, x0, x1
        // (G4IonisParamMat::SetMeanExcitationEnergy).
        const double shift = 2.0 * std::log(data->mean_excitation_energy / (row->i_ev * units::eV));
        density_effect = from_row(*row, DensityEffectSource::table_material, shift);
    }
    auto try_element_row = [&](const Element& e) -> std::optional<DensityEffectParameters> {
        const SternheimerRow* row = element_row(e.atomic_number);
        if (row == nullptr) return std::nullopt;
        const double correction = std::log(nominal_density(e, *row) / spec.density);
        if (std::abs(correction) > max_density_correction) return std::nullopt;
        return from_row(*row, DensityEffectSource::table_element, correction);
    };
    if (!density_effect && comps.size() == 1) density_effect = try_element_row(*comps.front().element);
    if (!density_effect && comps.size() > 1)
    {
        for (const auto& c : comps)
        {
            if (c.atoms_per_volume / data->atom_density > dominant_atom_fraction)
            {
                density_effect = try_element_row(*c.element);
                if (density_effect) break;
            }
        }
    }
    if (!density_effect)
    {
        const bool single = comps.size() == 1;
        density_effect = general_formula(data->mean_excitation_energy, data->plasma_energy, data->state,
                                         single && comps.front().element->atomic_number == 1,
                                         single && comps.front().element->atomic_number == 2);
    }
    auto& p = *density_effect;
    if (p.delta0 == 0.0)
    {
        // Continuity at x0 for non-conductors (G4IonisParamMat, "fAdensity parameter can be fixed").
        p.a = (p.c_bar - two_ln10 * p.x0) / std::pow(p.x1 - p.x0, p.m);
    }
    data->density_effect = p;
    data_ = std::move(data);
}

double Material::density_effect(double x) const noexcept
{
    const auto& p = data_->density_effect;
    if (x < p.x0) return p.delta0 > 0 ? p.delta0 * std::pow(10.0, 2.0 * (x - p.x0)) : 0.0;
    if (x >= p.x1) return two_ln10 * x - p.c_bar;
    return two_ln10 * x - p.c_bar + p.a * std::pow(p.x1 - x, p.m);
}

namespace
{
struct NistEntry
{
    const char* name;
    double density;  // [g/cm^3]
    double i_ev;     // [eV]
    MaterialSpec::FractionKind kind;
    std::vector<std::pair<std::string, double>> components;
};

// G4NistMaterialBuilder (Geant4 11): NistSimpleMaterials / NistCompoundMaterials.
const std::vector<NistEntry>& nist_entries()
{
    using K = MaterialSpec::FractionKind;
    static const std::vector<NistEntry> entries = {
        {"G4_H", 8.37480e-5, 19.2, K::mass, {{"H", 1.0}}},
        {"G4_C", 2.0, 81.0, K::mass, {{"C", 1.0}}},
        {"G4_N", 1.16520e-3, 82.0, K::mass, {{"N", 1.0}}},
        {"G4_O", 1.33151e-3, 95.0, K::mass, {{"O", 1.0}}},
        {"G4_Al", 2.699, 166.0, K::mass, {{"Al", 1.0}}},
        {"G4_Si", 2.33, 173.0, K::mass, {{"Si", 1.0}}},
        {"G4_Ar", 1.66201e-3, 188.0, K::mass, {{"Ar", 1.0}}},
        {"G4_Fe", 7.874, 286.0, K::mass, {{"Fe", 1.0}}},
        {"G4_Cu", 8.96, 322.0, K::mass, {{"Cu", 1.0}}},
        {"G4_Ge", 5.323, 350.0, K::mass, {{"Ge", 1.0}}},
        {"G4_W", 19.3, 727.0, K::mass, {{"W", 1.0}}},
        {"G4_Pb", 11.35, 823.0, K::mass, {{"Pb", 1.0}}},
        {"G4_U", 18.95, 890.0, K::mass, {{"U", 1.0}}},
        {"G4_AIR", 1.20479e-3, 85.7, K::mass, {{"C", 0.000124}, {"N", 0.755268}, {"O", 0.231781}, {"Ar", 0.012827}}},
        {"G4_WATER", 1.0, 78.0, K::atoms, {{"H", 2}, {"O", 1}}},
        {"G4_Galactic", 1.0e-25, 21.8, K::mass, {{"H", 1.0}}},
        {"G4_PLASTIC_SC_VINYLTOLUENE", 1.032, 64.7, K::atoms, {{"C", 9}, {"H", 10}}},
        {"G4_POLYSTYRENE", 1.06, 68.7, K::atoms, {{"C", 8}, {"H", 8}}},
        {"G4_lAr", 1.396, 188.0, K::mass, {{"Ar", 1.0}}},
    };
    return entries;
}
}  // namespace

std::optional<MaterialSpec> nist_material_spec(std::string_view name)
{
    for (const auto& entry : nist_entries())
    {
        if (name != entry.name) continue;
        MaterialSpec spec;
        spec.name = entry.name;
        spec.density = entry.density * units::g_per_cm3;
        spec.kind = entry.kind;
        spec.components = entry.components;
        spec.mean_excitation_energy = entry.i_ev * units::eV;
        return spec;
    }
    return std::nullopt;
}

std::vector<std::string> nist_material_names()
{
    std::vector<std::string> names;
    for (const auto& entry : nist_entries()) names.emplace_back(entry.name);
    return names;
}
}  // namespace umbra::geometry
