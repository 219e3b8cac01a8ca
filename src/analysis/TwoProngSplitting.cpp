#include "umbra/analysis/TwoProngSplitting.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "umbra/analysis/detail/AngleKernels.hpp"
#include "umbra/analysis/detail/EeClusterer.hpp"

namespace umbra::analysis
{
TwoProngSplitting TwoProngSplitting::from_sequence(const detail::EeClusterer& durham, double visible_energy_MeV)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (durham.n_particles() < 2) return {nan, nan, nan};
    thread_local std::vector<int> ids;
    durham.exclusive_jets(2, ids);
    const auto& a = durham.nodes()[static_cast<std::size_t>(ids[0])];
    const auto& b = durham.nodes()[static_cast<std::size_t>(ids[1])];
    TwoProngSplitting s;
    s.theta12 = detail::angle_between_unit(a.nx, a.ny, a.nz, b.nx, b.ny, b.nz);
    s.z12 = std::min(a.energy, b.energy) / (a.energy + b.energy);
    s.y12 = durham.exclusive_dmerge(1) / (visible_energy_MeV * visible_energy_MeV);
    return s;
}

TwoProngSplitting TwoProngSplitting::measure(const JetConstituents& jet)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (jet.size() < 2) return {nan, nan, nan};
    thread_local detail::EeClusterer durham({.measure = detail::EeClusterer::Measure::durham});
    durham.cluster(jet);
    return from_sequence(durham, jet.energy_sum());
}
}  // namespace umbra::analysis
