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
    if (interval_count() > 8)
    {
        const std::size_t buckets = 4 * static_cast<std::size_t>(interval_count());
        bucket_origin_ = planes_.front();
        inverse_bucket_width_ = static_cast<double>(buckets) / (planes_.back() - planes_.front());
        bucket_start_.resize(buckets + 1);
        std::size_t i = 0;
        for (std::size_t b = 0; b <= buckets; ++b)
        {
            const double low = bucket_origin_ + static_cast<double>(b) / inverse_bucket_width_;
            while (i + 1 < planes_.size() - 1 && planes_[i + 1] <= low) ++i;
            bucket_start_[b] = static_cast<std::uint32_t>(i);
        }
    }
}

int ZSlabIndex::interval(double z, double dz) const noexcept
{
    if (planes_.empty()) return -1;
    if (!bucket_start_.empty() && z > planes_.front() && z < planes_.back())
    {
        // Start from the bucket's interval (at or below the answer) and walk up.
        auto b = static_cast<std::size_t>((z - bucket_origin_) * inverse_bucket_width_);
        b = std::min(b, bucket_start_.size() - 1);
        auto i = static_cast<std::size_t>(bucket_start_[b]);
        if (i > 0) --i;  // guard against rounding in the bucket computation
        const std::size_t last = planes_.size() - 2;
        // Interval i holds z if planes_[i] <= z < planes_[i+1] (moving up) or planes_[i] < z <= planes_[i+1] (down).
        while (i < last && (dz < 0 ? planes_[i + 1] < z : planes_[i + 1] <= z)) ++i;
        return static_cast<int>(i);
    }
    // First plane strictly above z (or at/above z when moving down).
    const auto it = dz < 0 ? std::lower_bound(planes_.begin(), planes_.end(), z)
                           : std::upper_bound(planes_.begin(), planes_.end(), z);
    const auto i = static_cast<int>(it - planes_.begin()) - 1;
    if (i < 0 || i >= interval_count()) return -1;
    return i;
}
}  // namespace umbra::geometry
