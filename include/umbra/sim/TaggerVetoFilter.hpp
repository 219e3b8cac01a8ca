#pragma once
//! \file
//! ldmx-sw's TaggerVetoFilter (Biasing/src/Biasing/TaggerVetoFilter.cxx, reference §8.2):
//! abort the event when the primary's total energy falls below a threshold anywhere in the
//! tagger region, or when the primary leaves the tagger region's z range without ever having
//! entered it. ldmx-sw's ecal.photo_nuclear uses 3800 MeV (its 8 GeV kaon sample 7600).
#include <memory>
#include <string>

#include "umbra/sim/SimulationHooks.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
class TaggerVetoFilter final : public SimulationObserver
{
public:
    struct Config
    {
        double threshold = 3800;  //!< total energy [MeV]
        std::string region = "tagger";
    };

    //! Throws InputError for an unknown region.
    TaggerVetoFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config);

    void begin_event(SimEvent& event) override;
    StepVerdict on_step(const StepRecord& step) override;
    bool end_event(SimEvent& event) override;

private:
    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    Config config_;
    int region_ = -1;
    bool entered_ = false;
};
}  // namespace umbra::sim
