#include "umbra/sim/PrimaryParticle.hpp"

#include "umbra/core/Constants.hpp"

namespace umbra::sim
{
std::optional<int> pdg_from_name(std::string_view name)
{
    if (name == "e-" || name == "electron") return 11;
    if (name == "e+" || name == "positron") return -11;
    if (name == "gamma" || name == "photon") return 22;
    if (name == "mu-" || name == "muon") return 13;
    if (name == "mu+" || name == "antimuon") return -13;
    return std::nullopt;
}

std::string particle_name(int pdg)
{
    switch (pdg)
    {
    case 11: return "e-";
    case -11: return "e+";
    case 22: return "gamma";
    case 13: return "mu-";
    case -13: return "mu+";
    default: return std::to_string(pdg);
    }
}

std::optional<double> particle_mass(int pdg)
{
    switch (pdg)
    {
    case 11:
    case -11: return constants::electron_mass;
    case 13:
    case -13: return constants::muon_mass;
    case 22: return 0.0;
    default: return std::nullopt;
    }
}
}  // namespace umbra::sim
