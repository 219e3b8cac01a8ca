#pragma once
//! \file
//! Index of a set of prisms along z: the distinct z planes of all members cut
//! the axis into intervals, and each interval lists the members overlapping it.
//! Finding the candidates at a point is one binary search; the interval's planes
//! bound how far a straight step can go before the candidate list changes.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace umbra::geometry
{
class ZSlabIndex
{
public:
    ZSlabIndex() = default;
    //! Members given as (z_min, z_max) pairs with their ids.
    ZSlabIndex(const std::vector<std::pair<double, double>>& z_ranges, const std::vector<int>& ids);

    //! Interval containing z, resolving z exactly on a plane by the sign of the direction
    //! dz (towards where the particle goes); -1 below the first or above the last plane.
    int interval(double z, double dz) const noexcept;
    //! Members overlapping interval i.
    std::span<const int> members(int i) const noexcept
    {
        return {members_.data() + offsets_[i], members_.data() + offsets_[i + 1]};
    }
    //! z planes bounding interval i [mm].
    double low_plane(int i) const noexcept { return planes_[i]; }
    double high_plane(int i) const noexcept { return planes_[i + 1]; }
    int interval_count() const noexcept { return planes_.empty() ? 0 : static_cast<int>(planes_.size()) - 1; }

private:
    std::vector<double> planes_;
    //! Uniform buckets over [planes_.front(), planes_.back()]: the interval containing each
    //! bucket's low edge, so interval() starts its search there instead of bisecting.
    std::vector<std::uint32_t> bucket_start_;
    double bucket_origin_ = 0;
    double inverse_bucket_width_ = 0;
    std::vector<std::uint32_t> offsets_;
    std::vector<int> members_;
};
}  // namespace umbra::geometry
