#include "umbra/core/EditDistance.hpp"
#include "umbra/geometry/Element.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::geometry
{
namespace
{
struct ElementRow
{
    int z;
    const char* symbol;
    const char* name;
    double atomic_mass;  // [g/mol], IUPAC conventional standard atomic weight (PDG tables)
    double i_ev;         // [eV], ICRU 37 / G4NistMaterialBuilder elemental value
};

// Mean excitation energies: ICRU Report 37 (1984) elemental values, identical to the
// last column of Geant4's G4DensityEffectData (Sternheimer, Berger, Seltzer 1984) and
// to G4NistMaterialBuilder::NistSimpleMaterials, except carbon: Geant4 uses 81 eV
// (G4_C), ICRU 37 / PDG list 78 eV for graphite (see Element.hpp).
constexpr ElementRow rows[] = {
    {1, "H", "hydrogen", 1.008, 19.2},
    {2, "He", "helium", 4.002602, 41.8},
    {3, "Li", "lithium", 6.94, 40.0},
    {4, "Be", "beryllium", 9.0121831, 63.7},
    {5, "B", "boron", 10.81, 76.0},
    {6, "C", "carbon", 12.011, 81.0},
    {7, "N", "nitrogen", 14.007, 82.0},
    {8, "O", "oxygen", 15.999, 95.0},
    {9, "F", "fluorine", 18.998403163, 115.0},
    {10, "Ne", "neon", 20.1797, 137.0},
    {11, "Na", "sodium", 22.98976928, 149.0},
    {12, "Mg", "magnesium", 24.305, 156.0},
    {13, "Al", "aluminium", 26.9815385, 166.0},
    {14, "Si", "silicon", 28.0855, 173.0},
    {15, "P", "phosphorus", 30.973761998, 173.0},
    {16, "S", "sulfur", 32.06, 180.0},
    {17, "Cl", "chlorine", 35.45, 174.0},
    {18, "Ar", "argon", 39.948, 188.0},
    {19, "K", "potassium", 39.0983, 190.0},
    {20, "Ca", "calcium", 40.078, 191.0},
    {21, "Sc", "scandium", 44.955908, 216.0},
    {22, "Ti", "titanium", 47.867, 233.0},
    {23, "V", "vanadium", 50.9415, 245.0},
    {24, "Cr", "chromium", 51.9961, 257.0},
    {25, "Mn", "manganese", 54.938044, 272.0},
    {26, "Fe", "iron", 55.845, 286.0},
    {27, "Co", "cobalt", 58.933194, 297.0},
    {28, "Ni", "nickel", 58.6934, 311.0},
    {29, "Cu", "copper", 63.546, 322.0},
    {30, "Zn", "zinc", 65.38, 330.0},
    {31, "Ga", "gallium", 69.723, 334.0},
    {32, "Ge", "germanium", 72.630, 350.0},
    {33, "As", "arsenic", 74.921595, 347.0},
    {34, "Se", "selenium", 78.971, 348.0},
    {35, "Br", "bromine", 79.904, 343.0},
    {36, "Kr", "krypton", 83.798, 352.0},
    {37, "Rb", "rubidium", 85.4678, 363.0},
    {38, "Sr", "strontium", 87.62, 366.0},
    {39, "Y", "yttrium", 88.90584, 379.0},
    {40, "Zr", "zirconium", 91.224, 393.0},
    {41, "Nb", "niobium", 92.90637, 417.0},
    {42, "Mo", "molybdenum", 95.95, 424.0},
    {46, "Pd", "palladium", 106.42, 470.0},
    {47, "Ag", "silver", 107.8682, 470.0},
    {48, "Cd", "cadmium", 112.414, 469.0},
    {49, "In", "indium", 114.818, 488.0},
    {50, "Sn", "tin", 118.710, 488.0},
    {51, "Sb", "antimony", 121.760, 487.0},
    {52, "Te", "tellurium", 127.60, 485.0},
    {53, "I", "iodine", 126.90447, 491.0},
    {54, "Xe", "xenon", 131.293, 482.0},
    {55, "Cs", "caesium", 132.90545196, 488.0},
    {56, "Ba", "barium", 137.327, 491.0},
    {57, "La", "lanthanum", 138.90547, 501.0},
    {58, "Ce", "cerium", 140.116, 523.0},
    {64, "Gd", "gadolinium", 157.25, 591.0},
    {71, "Lu", "lutetium", 174.9668, 694.0},
    {72, "Hf", "hafnium", 178.49, 705.0},
    {73, "Ta", "tantalum", 180.94788, 718.0},
    {74, "W", "tungsten", 183.84, 727.0},
    {75, "Re", "rhenium", 186.207, 736.0},
    {76, "Os", "osmium", 190.23, 746.0},
    {77, "Ir", "iridium", 192.217, 757.0},
    {78, "Pt", "platinum", 195.084, 790.0},
    {79, "Au", "gold", 196.966569, 790.0},
    {80, "Hg", "mercury", 200.592, 800.0},
    {81, "Tl", "thallium", 204.38, 810.0},
    {82, "Pb", "lead", 207.2, 823.0},
    {83, "Bi", "bismuth", 208.98040, 823.0},
    {90, "Th", "thorium", 232.0377, 847.0},
    {92, "U", "uranium", 238.02891, 890.0},
};

//! Classical electron radius r_e = alpha hbar c / (m_e c^2) [mm].
constexpr double classical_electron_radius = constants::alpha * constants::hbar_c / constants::electron_mass;

//! PDG Table 34.2 (Tsai): L_rad and L'_rad for H, He, Li, Be.
constexpr std::array<double, 4> light_lrad = {5.31, 4.79, 4.74, 4.71};
constexpr std::array<double, 4> light_lrad_prime = {6.144, 5.621, 5.805, 5.924};

Element make_element(const ElementRow& row)
{
    Element e;
    e.atomic_number = row.z;
    e.symbol = row.symbol;
    e.name = row.name;
    e.atomic_mass = row.atomic_mass;
    e.mean_excitation_energy = row.i_ev * units::eV;
    const double z = row.z;
    if (row.z <= 4)
    {
        e.radiation_logarithm = light_lrad[static_cast<std::size_t>(row.z - 1)];
        e.radiation_logarithm_prime = light_lrad_prime[static_cast<std::size_t>(row.z - 1)];
    }
    else
    {
        // PDG eq. 34.26 footnote / Tsai (1974) Thomas-Fermi values for Z > 4.
        e.radiation_logarithm = std::log(184.15) - std::log(z) / 3.0;
        e.radiation_logarithm_prime = std::log(1194.0) - 2.0 * std::log(z) / 3.0;
    }
    // PDG eq. 34.27 (Davies, Bethe, Maximon 1954).
    const double a2 = (constants::alpha * z) * (constants::alpha * z);
    e.coulomb_correction =
        a2 * (1.0 / (1.0 + a2) + 0.20206 - 0.0369 * a2 + 0.0083 * a2 * a2 - 0.002 * a2 * a2 * a2);
    // PDG eq. 34.26: 1/X0 = 4 alpha r_e^2 N_A/A { Z^2 [L_rad - f(Z)] + Z L'_rad }.
    e.radiation_cross_section = 4.0 * constants::alpha * classical_electron_radius * classical_electron_radius *
                                (z * z * (e.radiation_logarithm - e.coulomb_correction) +
                                 z * e.radiation_logarithm_prime);
    return e;
}

const std::vector<Element>& table()
{
    static const std::vector<Element> elements = [] {
        std::vector<Element> v;
        v.reserve(std::size(rows));
        for (const auto& row : rows) v.push_back(make_element(row));
        return v;
    }();
    return elements;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

}  // namespace

double Element::radiation_length_mass() const noexcept
{
    return atomic_mass * units::g / (constants::avogadro * radiation_cross_section);
}

const Element* find_element(std::string_view symbol_or_name) noexcept
{
    const auto& elements = table();
    // Exact symbol first (so "Co" is cobalt, not "CO"), then case-insensitive symbol or name.
    for (const auto& e : elements)
        if (e.symbol == symbol_or_name) return &e;
    for (const auto& e : elements)
        if (iequals(e.symbol, symbol_or_name) || iequals(e.name, symbol_or_name)) return &e;
    return nullptr;
}

const Element* find_element(int atomic_number) noexcept
{
    for (const auto& e : table())
        if (e.atomic_number == atomic_number) return &e;
    return nullptr;
}

const Element& element(std::string_view symbol_or_name)
{
    if (const Element* e = find_element(symbol_or_name)) return *e;
    std::string suggestion;
    std::size_t best = 3;
    for (const auto& e : table())
    {
        for (std::string_view candidate : {e.symbol, e.name})
        {
            const std::size_t d = edit_distance(symbol_or_name, candidate, LetterCase::insensitive);
            if (d < best && d < std::max<std::size_t>(symbol_or_name.size(), 2))
            {
                best = d;
                suggestion = fmt::format("{} ({})", e.symbol, e.name);
            }
        }
    }
    throw InputError(fmt::format(
        "unknown element '{}' (not an element symbol or name in umbra's table of {} elements) {}", symbol_or_name,
        table().size(),
        suggestion.empty() ? std::string("use a chemical symbol such as \"W\" or \"Si\"")
                           : fmt::format("did you mean {}?", suggestion)));
}

const Element& element(int atomic_number)
{
    if (const Element* e = find_element(atomic_number)) return *e;
    throw InputError(fmt::format("element with Z = {} is not tabulated (umbra's table covers {} elements up to Z = "
                                 "92) use a tabulated element or add it to src/geometry/Element.cpp",
                                 atomic_number, table().size()));
}

std::span<const Element> all_elements() noexcept { return table(); }
}  // namespace umbra::geometry
