#include "umbra/sim/TaggerVetoFilter.hpp"

#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::sim
{
TaggerVetoFilter::TaggerVetoFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config)
    : geometry_(std::move(geometry)),
      config_(std::move(config)),
      region_(geometry_->require_region(config_.region, "tagger-veto filter"))
{
}

void TaggerVetoFilter::begin_event(SimEvent&) { entered_ = false; }

StepVerdict TaggerVetoFilter::on_step(const StepRecord& step)
{
    const auto& track = step.track;
    // Not the primary (in ldmx-sw a dark brem replaces the primary by a new recoil track).
    if (track.parent_id != 0 || track.creator == ProcessId::dark_brem) return StepVerdict::proceed;
    const bool inside = step.post_volume >= 0 && geometry_->volume(step.post_volume).region == region_;
    if (!inside) return StepVerdict::proceed;
    entered_ = true;
    return track.kinetic_energy + particle_mass(track.kind) < config_.threshold ? StepVerdict::abort_event
                                                                                 : StepVerdict::proceed;
}

bool TaggerVetoFilter::end_event(SimEvent&) { return entered_; }
}  // namespace umbra::sim
