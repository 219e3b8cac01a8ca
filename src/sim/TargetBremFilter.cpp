#include "umbra/sim/TargetBremFilter.hpp"

#include <cmath>

#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::sim
{
TargetBremFilter::TargetBremFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config)
    : geometry_(std::move(geometry)),
      config_(std::move(config)),
      region_(geometry_->require_region(config_.region, "target-brem filter"))
{
}

bool TargetBremFilter::in_target(int volume) const noexcept
{
    return volume >= 0 && geometry_->volume(volume).region == region_;
}

void TargetBremFilter::begin_event(SimEvent&)
{
    hard_brem_ = false;
    passed_ = false;
}

StepVerdict TargetBremFilter::on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries)
{
    if (parent.parent_id != 0 || process != ProcessId::bremsstrahlung || !in_target(parent.volume)) return StepVerdict::proceed;
    for (const auto& s : secondaries)
    {
        if (s.kind == ParticleKind::gamma && s.kinetic_energy > config_.brem_min_energy) hard_brem_ = true;
    }
    return StepVerdict::proceed;
}

StepVerdict TargetBremFilter::on_step(const StepRecord& step)
{
    const auto& track = step.track;
    if (track.parent_id != 0 || passed_ || !in_target(step.pre_volume)) return StepVerdict::proceed;
    if (track.kinetic_energy <= 0) return StepVerdict::abort_event;  // stopped in the target
    if (in_target(step.post_volume)) return StepVerdict::proceed;
    // The primary leaves the target now.
    const double m = particle_mass(track.kind);
    const double momentum = std::sqrt(track.kinetic_energy * (track.kinetic_energy + 2 * m));
    if (momentum >= config_.recoil_max_momentum || !hard_brem_) return StepVerdict::abort_event;
    passed_ = true;
    return StepVerdict::proceed;
}

bool TargetBremFilter::end_event(SimEvent&) { return passed_; }
}  // namespace umbra::sim
