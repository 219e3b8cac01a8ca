#pragma once
//! \file
//! Target nuclei for dark bremsstrahlung: charge, atomic mass, and the
//! nucleus mass used as the heavy spin-1/2 particle of the generator.

#include <string>
#include <string_view>
#include <vector>

namespace umbra::physics
{
struct TargetNucleus
{
    std::string name;
    int atomic_number = 0;     //!< Z
    double atomic_mass = 0;    //!< standard atomic weight [g/mol] (PDG atomic and nuclear properties)
    double nucleus_mass = 0;   //!< mass of the nucleus particle in the generator [MeV]

    //! dark-brem-lib-gen's targets (shared/reference/darkbrem.md 1.1; its nucleus masses) with PDG
    //! standard atomic weights: tungsten, silicon, copper, lead, oxygen, lutetium, yttrium.
    static TargetNucleus preset(std::string_view name);
    static std::vector<std::string> preset_names();
};
}  // namespace umbra::physics
