#include "umbra/analysis/SoftDropGroomer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/analysis/detail/AngleKernels.hpp"
#include "umbra/analysis/detail/EeClusterer.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

detail::EeClusterer& cambridge()
{
    // FastJet ee_genkt with p = 0 and R = JetDefinition::max_allowable_R (1000), as
    // fjcontrib's reclustering for e+e- jets.
    thread_local detail::EeClusterer clusterer(
        {.measure = detail::EeClusterer::Measure::genkt, .p = 0, .radius = 1000, .beam = false, .wta = false});
    return clusterer;
}
}  // namespace

SoftDropGroomer::SoftDropGroomer() : SoftDropGroomer(Config{}) {}

SoftDropGroomer::SoftDropGroomer(Config config) : config_(config)
{
    if (!(config_.z_cut >= 0 && config_.z_cut < 1))
    {
        throw InputError(fmt::format("soft drop: z_cut = {} (the minimum energy fraction of the softer branch); use "
                                     "0 ≤ z_cut < 1, default 0.1",
                                     config_.z_cut));
    }
    if (!(config_.beta >= 0) || !std::isfinite(config_.beta))
    {
        throw InputError(fmt::format("soft drop: β = {}; use a finite β ≥ 0 (0 = modified mass drop, default)",
                                     config_.beta));
    }
    if (!(config_.radius > 0) || !std::isfinite(config_.radius))
    {
        throw InputError(fmt::format("soft drop: R₀ = {} rad; use a finite R₀ > 0 (the jet radius)", config_.radius));
    }
}

int SoftDropGroomer::groom(const JetConstituents& jet, SoftDropResult& result) const
{
    auto& tree = cambridge();
    tree.cluster(jet);
    const auto& nodes = tree.nodes();
    int id = tree.final_jets().front();
    result.z_g = 0;
    result.r_g = 0;
    while (nodes[static_cast<std::size_t>(id)].parent1 >= 0)
    {
        const auto& node = nodes[static_cast<std::size_t>(id)];
        const auto& j1 = nodes[static_cast<std::size_t>(node.parent1)];
        const auto& j2 = nodes[static_cast<std::size_t>(node.parent2)];
        const double sum = j1.energy + j2.energy;
        const double z = sum > 0 ? std::min(j1.energy, j2.energy) / sum : 0;
        const double theta = detail::angle_between_unit(j1.nx, j1.ny, j1.nz, j2.nx, j2.ny, j2.nz);
        const double cut = config_.beta == 0 ? config_.z_cut : config_.z_cut * std::pow(theta / config_.radius, config_.beta);
        if (z > cut)
        {
            result.z_g = z;
            result.r_g = theta;
            break;
        }
        id = j1.energy >= j2.energy ? node.parent1 : node.parent2;
    }
    const auto& groomed = nodes[static_cast<std::size_t>(id)];
    result.energy_MeV = groomed.energy;
    const double m2 = groomed.energy * groomed.energy -
                      (groomed.px * groomed.px + groomed.py * groomed.py + groomed.pz * groomed.pz);
    result.mass_MeV = groomed.parent1 >= 0 ? std::sqrt(std::max(m2, 0.0)) : 0.0;
    return id;
}

SoftDropResult SoftDropGroomer::operator()(const JetConstituents& jet) const
{
    SoftDropResult result;
    if (jet.empty()) return {nan, nan, nan, nan, 0};
    const int id = groom(jet, result);
    thread_local std::vector<int> leaves;
    cambridge().leaves(id, leaves);
    result.n_constituents = leaves.size();
    return result;
}

std::vector<std::size_t> SoftDropGroomer::groomed_constituents(const JetConstituents& jet) const
{
    if (jet.empty()) return {};
    SoftDropResult result;
    const int id = groom(jet, result);
    std::vector<int> leaves;
    cambridge().leaves(id, leaves);
    std::vector<std::size_t> positions(leaves.begin(), leaves.end());
    std::sort(positions.begin(), positions.end());
    return positions;
}
}  // namespace umbra::analysis
