#pragma once
//! \file
//! ldmx-sw's TargetBremFilter (Biasing/src/Biasing/TargetBremFilter.cxx, reference §8.2):
//! keep events where the primary radiates a hard photon in the target and recoils soft.
//! When the primary leaves the target region the event is aborted if its momentum is at
//! least recoil_max_p, or if it made no bremsstrahlung photon with kinetic energy above
//! brem_min_energy there; an event whose primary stops in the target is aborted too.
//! ldmx-sw's ecal.photo_nuclear uses 1500 / 2500 MeV (8 GeV kaon sample: 3000 / 5000).
#include <memory>
#include <string>

#include "umbra/sim/SimulationHooks.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
class TargetBremFilter final : public SimulationObserver
{
public:
    struct Config
    {
        double recoil_max_momentum = 1500;  //!< [MeV]
        double brem_min_energy = 2500;      //!< kinetic energy of the photon [MeV]
        std::string region = "target";
    };

    //! Throws InputError for an unknown region.
    TargetBremFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config);

    void begin_event(SimEvent& event) override;
    StepVerdict on_step(const StepRecord& step) override;
    StepVerdict on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries) override;
    bool end_event(SimEvent& event) override;

private:
    bool in_target(int volume) const noexcept;

    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    Config config_;
    int region_ = -1;
    bool hard_brem_ = false;  //!< a photon above brem_min_energy from the primary in the target
    bool passed_ = false;     //!< the primary left the target and passed
};
}  // namespace umbra::sim
