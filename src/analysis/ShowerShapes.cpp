#include "umbra/analysis/ShowerShapes.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace umbra::analysis
{
ShowerShapes ShowerShapes::measure(std::span<const ShowerHit> hits)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    ShowerShapes s;
    double sum_e = 0, sum_x = 0, sum_y = 0, sum_z = 0;
    int first = std::numeric_limits<int>::max(), last = std::numeric_limits<int>::min();
    std::uint64_t layer_mask = 0;
    bool outside_mask = false;
    for (const auto& hit : hits)
    {
        if (!(hit.energy_MeV > 0)) continue;
        ++s.n_hits;
        sum_e += hit.energy_MeV;
        sum_x += hit.energy_MeV * hit.x_mm;
        sum_y += hit.energy_MeV * hit.y_mm;
        sum_z += hit.energy_MeV * hit.z_mm;
        first = std::min(first, hit.layer);
        last = std::max(last, hit.layer);
        if (hit.layer >= 0 && hit.layer < 64)
            layer_mask |= std::uint64_t{1} << hit.layer;
        else
            outside_mask = true;
    }
    s.energy_MeV = sum_e;
    if (s.n_hits == 0)
    {
        s.rms_r_mm = s.z_mean_mm = s.z_rms_mm = s.first_hit_layer = s.last_hit_layer = nan;
        return s;
    }
    const double x0 = sum_x / sum_e, y0 = sum_y / sum_e, z0 = sum_z / sum_e;
    double sum_r2 = 0, sum_dz2 = 0;
    for (const auto& hit : hits)
    {
        if (!(hit.energy_MeV > 0)) continue;
        const double dx = hit.x_mm - x0, dy = hit.y_mm - y0, dz = hit.z_mm - z0;
        sum_r2 += hit.energy_MeV * (dx * dx + dy * dy);
        sum_dz2 += hit.energy_MeV * dz * dz;
    }
    s.rms_r_mm = std::sqrt(sum_r2 / sum_e);
    s.z_mean_mm = z0;
    s.z_rms_mm = std::sqrt(sum_dz2 / sum_e);
    s.first_hit_layer = first;
    s.last_hit_layer = last;
    if (!outside_mask)
    {
        s.n_hit_layers = std::popcount(layer_mask);
    }
    else
    {
        std::vector<int> layers;
        for (const auto& hit : hits)
        {
            if (hit.energy_MeV > 0) layers.push_back(hit.layer);
        }
        std::sort(layers.begin(), layers.end());
        s.n_hit_layers = static_cast<int>(std::unique(layers.begin(), layers.end()) - layers.begin());
    }
    return s;
}
}  // namespace umbra::analysis
