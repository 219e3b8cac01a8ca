#include "umbra/sim/DeepConversionFilter.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::sim
{
DeepConversionFilter::DeepConversionFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config)
    : geometry_(std::move(geometry)), config_(std::move(config))
{
    brem_region_ = geometry_->require_region(config_.brem_region, "deep-conversion filter");
    conversion_region_ = geometry_->require_region(config_.conversion_region, "deep-conversion filter");
}

bool DeepConversionFilter::in_region(int volume, int region) const noexcept
{
    return volume >= 0 && geometry_->volume(volume).region == region;
}

void DeepConversionFilter::begin_event(SimEvent&)
{
    photon_.reset();
    photon_track_ = -1;
    accepted_ = false;
    vertex_z_ = 0;
    opening_angle_ = 0;
}

StepVerdict DeepConversionFilter::on_step(const StepRecord& step)
{
    // The primary left the brem region without the hard photon: this try fails.
    if (!photon_.tagged() && step.track.parent_id == 0 && in_region(step.pre_volume, brem_region_) &&
        !in_region(step.post_volume, brem_region_))
    {
        return StepVerdict::abort_event;
    }
    return StepVerdict::proceed;
}

StepVerdict DeepConversionFilter::on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries)
{
    if (!photon_.tagged())
    {
        photon_.tag(parent, process, secondaries, config_.min_photon_energy, in_region(parent.volume, brem_region_));
        return StepVerdict::proceed;
    }
    if (photon_track_ < 0 || parent.track_id != photon_track_ || accepted_) return StepVerdict::proceed;
    // The hard photon's first interaction decides.
    if (process == ProcessId::conversion && parent.position.z >= config_.conversion_z_min &&
        in_region(parent.volume, conversion_region_) && secondaries.size() == 2)
    {
        accepted_ = true;
        vertex_z_ = parent.position.z;
        opening_angle_ = std::acos(std::clamp(secondaries[0].direction.dot(secondaries[1].direction), -1.0, 1.0));
        return StepVerdict::proceed;
    }
    return StepVerdict::abort_event;
}

bool DeepConversionFilter::on_track_start(const Track& track, std::vector<Track>&, RandomStream&)
{
    if (photon_track_ < 0 && photon_.is(track)) photon_track_ = track.track_id;
    return false;
}

bool DeepConversionFilter::end_event(SimEvent& event)
{
    if (!accepted_) return false;
    event.conversion_vertex_z = vertex_z_;
    event.decay_vertex_z = vertex_z_;
    return true;
}
}  // namespace umbra::sim
