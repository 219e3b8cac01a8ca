#include "umbra/geometry/ZSlabIndex.hpp"

#include <algorithm>

namespace umbra::geometry
{
ZSlabIndex::ZSlabIndex(const std::vector<std::pair<double, double>>& z_ranges, const std::vector<int>& ids)
{
    for (const auto& [low, high] : z_ranges)
    {
        planes_.push_back(low);
        planes_.push_back(high);
    }
    std::sort(planes_.begin(), planes_.end());
    planes_.erase(std::unique(planes_.begin(), planes_.end()), planes_.end());
    offsets_.push_back(0);
    for (int i = 0; i < interval_count(); ++i)
    {
        const double middle = 0.5 * (planes_[i] + planes_[i + 1]);
        for (std::size_t m = 0; m < z_ranges.size(); ++m)
        {
            if (z_ranges[m].first < middle && middle < z_ranges[m].second) members_.push_back(ids[m]);
        }
        offsets_.push_back(static_cast<std::uint32_t>(members_.size()));
    }
}

int ZSlabIndex::interval(double z, double dz) const noexcept
{
    if (planes_.empty()) return -1;
    // First plane strictly above z (or at/above z when moving down).
    const auto it = dz < 0 ? std::lower_bound(planes_.begin(), planes_.end(), z)
                           : std::upper_bound(planes_.begin(), planes_.end(), z);
    const auto i = static_cast<int>(it - planes_.begin()) - 1;
    if (i < 0 || i >= interval_count()) return -1;
    return i;
}
}  // namespace umbra::geometry
