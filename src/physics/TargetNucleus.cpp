#include "umbra/physics/TargetNucleus.hpp"

#include <fmt/format.h>

#include <array>

#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::physics
{
namespace
{
struct Preset
{
    const char* name;
    int z;
    double atomic_mass;       // [g/mol], PDG "Atomic and nuclear properties of materials"
    double nucleus_mass_gev;  // dark-brem-lib-gen target table
};

constexpr std::array<Preset, 7> presets = {{
    {"tungsten", 74, 183.84, 171.3},
    {"silicon", 14, 28.0855, 26.15},
    {"copper", 29, 63.546, 59.39},
    {"lead", 82, 207.2, 194.3},
    {"oxygen", 8, 15.999, 15.02},
    {"lutetium", 71, 174.967, 164.3},
    {"yttrium", 39, 88.90584, 83.57},
}};
}  // namespace

TargetNucleus TargetNucleus::preset(std::string_view name)
{
    for (const auto& p : presets)
    {
        if (name == p.name) return {p.name, p.z, p.atomic_mass, p.nucleus_mass_gev * units::GeV};
    }
    throw InputError(fmt::format("unknown target '{}' (known targets: {})", name, fmt::join(preset_names(), ", ")));
}

std::vector<std::string> TargetNucleus::preset_names()
{
    std::vector<std::string> names;
    for (const auto& p : presets) names.emplace_back(p.name);
    return names;
}
}  // namespace umbra::physics
