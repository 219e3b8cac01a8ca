#pragma once
//! \file
//! ldmx-sw's PrimaryToEcalFilter (Biasing/src/Biasing/PrimaryToEcalFilter.cxx, reference
//! §8.3): abort the event as soon as the primary's total energy falls below a threshold
//! anywhere outside the calorimeter regions (ECal and HCal), i.e. keep events whose beam
//! electron reaches the calorimeters with at least that energy. ldmx-sw's deep-ECal jobs
//! use 0.2 × E_beam (1600 MeV at 8 GeV).
#include <memory>
#include <string>
#include <vector>

#include "umbra/sim/SimulationHooks.hpp"

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::sim
{
class PrimaryToEcalFilter final : public SimulationObserver
{
public:
    struct Config
    {
        double threshold = 1600;  //!< total energy [MeV]
        std::vector<std::string> calorimeter_regions{"ecal", "hcal"};
    };

    //! Throws InputError for an unknown region name.
    PrimaryToEcalFilter(std::shared_ptr<const geometry::DetectorGeometry> geometry, Config config);

    StepVerdict on_step(const StepRecord& step) override;

private:
    std::shared_ptr<const geometry::DetectorGeometry> geometry_;
    Config config_;
    std::vector<int> regions_;
};
}  // namespace umbra::sim
