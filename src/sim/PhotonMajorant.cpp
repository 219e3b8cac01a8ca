#include "umbra/sim/PhotonMajorant.hpp"

#include <algorithm>
#include <cmath>

namespace umbra::sim
{
PhotonMajorant::PhotonMajorant(const geometry::DetectorGeometry& geometry, const PhysicsTables& tables)
    : PhotonMajorant(geometry, tables, Config{})
{
}

PhotonMajorant::PhotonMajorant(const geometry::DetectorGeometry& geometry, const PhysicsTables& tables, Config config)
    : config_(config), max_energy_(tables.highest_energy())
{
    const auto& volumes = geometry.volumes();
    region_of_.assign(volumes.size(), -1);
    materials_.assign(volumes.size(), {});
    table_.assign(volumes.size(), {});
    log_min_ = std::log(config_.min_energy);
    const int bins = static_cast<int>(std::ceil((std::log10(max_energy_) - std::log10(config_.min_energy)) *
                                                config_.bins_per_decade));
    inverse_log_step_ = bins / (std::log(max_energy_) - log_min_);
    for (std::size_t v = 0; v < volumes.size(); ++v)
    {
        if (static_cast<int>(volumes[v].children.size()) < config_.min_daughters || region_of_[v] >= 0) continue;
        auto& materials = materials_[v];
        std::vector<int> pending{static_cast<int>(v)};
        while (!pending.empty())
        {
            const auto id = static_cast<std::size_t>(pending.back());
            pending.pop_back();
            region_of_[id] = static_cast<int>(v);
            if (std::find(materials.begin(), materials.end(), volumes[id].material) == materials.end())
            {
                materials.push_back(volumes[id].material);
            }
            for (int child : volumes[id].children) pending.push_back(child);
        }
        // Per bin: the largest cross-section of any material at 9 points across the bin
        // (edges included), times the safety factor. The photon cross-sections are smooth
        // above 1 MeV (no absorption edges), so this bounds them (PhotonMajorantTest checks it).
        auto& table = table_[v];
        table.resize(static_cast<std::size_t>(bins));
        for (int b = 0; b < bins; ++b)
        {
            double largest = 0;
            for (int k = 0; k <= 8; ++k)
            {
                const double energy = std::exp(log_min_ + (b + k / 8.0) / inverse_log_step_);
                for (int m : materials)
                {
                    largest = std::max(largest, tables.total_cross_section(ParticleKind::gamma, m,
                                                                           std::min(energy, max_energy_)));
                }
            }
            table[static_cast<std::size_t>(b)] = largest * config_.safety_factor;
        }
    }
}

double PhotonMajorant::majorant(int region, double energy) const noexcept
{
    const auto& table = table_[static_cast<std::size_t>(region)];
    const auto bin = static_cast<std::size_t>(
        std::clamp((std::log(energy) - log_min_) * inverse_log_step_, 0.0, static_cast<double>(table.size() - 1)));
    return table[bin];
}
}  // namespace umbra::sim
