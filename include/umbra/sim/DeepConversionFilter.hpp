#pragma once
//! \file
//! The deep-conversion selection by brute force, the way ldmx-sw makes that sample
//! (ecal.deep_photo_nuclear with processes ['conv'], reference §8.3), for cross-checks and
//! cost comparisons with DeepConversionBiasing: keep an unbiased event when the primary's
//! first photon above k_min radiated in the brem region has, as its first interaction, a
//! conversion at z ≥ z_min inside the conversion region. The event is aborted as soon as
//! the answer is no (the primary leaves the brem region without such a photon, or the
//! photon interacts otherwise), so a failed try costs little; kept events are simulated in
//! full and get /events/conversion_vertex_z and decay_vertex_z.
#include <memory>
#include <string>

#include "umbra/sim/DeepConversionSelection.hpp"
#include "umbra/sim/SimulationHooks.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
class DeepConversionFilter final : public SimulationObserver
{
public:
    using Config = DeepConversionSelection;

    //! Throws InputError for unknown regions.
    DeepConversionFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config);

    void begin_event(SimEvent& event) override;
    bool on_track_start(const Track& track, std::vector<Track>& replacements, RandomStream& rng) override;
    StepVerdict on_step(const StepRecord& step) override;
    StepVerdict on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries) override;
    bool end_event(SimEvent& event) override;

    //! The current event's decision and its conversion (valid when accepted()).
    bool accepted() const noexcept { return accepted_; }
    double conversion_vertex_z() const noexcept { return vertex_z_; }
    double opening_angle() const noexcept { return opening_angle_; }  //!< e+e- [rad]

private:
    bool in_region(int volume, int region) const noexcept;

    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    Config config_;
    int brem_region_ = -1;
    int conversion_region_ = -1;

    HardBremPhoton photon_;
    int photon_track_ = -1;         //!< track id of the hard photon once it is transported
    bool accepted_ = false;
    double vertex_z_ = 0;           //!< [mm]
    double opening_angle_ = 0;      //!< [rad]
};
}  // namespace umbra::sim
