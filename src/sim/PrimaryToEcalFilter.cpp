#include "umbra/sim/PrimaryToEcalFilter.hpp"

#include <algorithm>

#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::sim
{
PrimaryToEcalFilter::PrimaryToEcalFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config)
    : geometry_(std::move(geometry)), config_(std::move(config))
{
    for (const auto& name : config_.calorimeter_regions)
    {
        regions_.push_back(geometry_->require_region(name, "primary-to-ECal filter"));
    }
}

StepVerdict PrimaryToEcalFilter::on_step(const StepRecord& step)
{
    const auto& track = step.track;
    if (track.parent_id != 0) return StepVerdict::proceed;
    const int volume = step.post_volume >= 0 ? step.post_volume : step.pre_volume;
    if (volume < 0) return StepVerdict::proceed;
    const int region = geometry_->volume(volume).region;
    if (std::find(regions_.begin(), regions_.end(), region) != regions_.end()) return StepVerdict::proceed;
    const double total_energy = track.kinetic_energy + particle_mass(track.kind);
    return total_energy < config_.threshold ? StepVerdict::abort_event : StepVerdict::proceed;
}
}  // namespace umbra::sim
