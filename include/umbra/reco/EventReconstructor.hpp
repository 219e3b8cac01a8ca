#pragma once
//! \file
//! The reconstruction chain of one event: ECal digitisation and rec hits, HCal rec hits,
//! the ECal veto variables and the HCal veto. Built once (Params: readout, layer z,
//! containment radii, calibration) and used from any number of threads; an event's noise
//! comes from the stream (seed, StreamId::reconstruction, event), so the result depends
//! only on the sim hits, the seed and the event number — inline in `umbra sim` and in a
//! later `umbra reco` alike.
#include <cstdint>
#include <memory>
#include <string>

#include "umbra/reco/EcalReconstructor.hpp"
#include "umbra/reco/EcalVetoCalculator.hpp"
#include "umbra/reco/HcalReconstructor.hpp"

namespace umbra
{
class ConfigTable;
}

namespace umbra::geometry
{
class DetectorGeometry;
}

namespace umbra::reco
{
struct ReconstructionConfig
{
    bool enabled = true;  //!< `umbra sim`: reconstruct inline
    EcalReconstructor::Config ecal;
    HcalReconstructor::Config hcal;
    EcalVetoCalculator::Config ecal_veto;
    std::string containment_radii = "roc_v14_8gev";  //!< shipped table name or CSV path
};

//! Read a [reco] table (strict: unknown keys are errors when the root is finished).
ReconstructionConfig read_reconstruction_config(ConfigTable& table);
//! The [reco] part of `--dump-default` texts.
std::string default_reconstruction_config_text();

struct RecoEvent
{
    std::vector<EcalRecHit> ecal_hits;
    std::vector<HcalRecHit> hcal_hits;
    EcalVetoResult ecal_veto;
    HcalVetoResult hcal_veto;
};

class EventReconstructor
{
public:
    EventReconstructor(const geometry::DetectorGeometry& geometry, const ReconstructionConfig& config);

    //! Reconstruct one simulated event (its ECal/HCal sim hits, truth and scoring hits).
    RecoEvent reconstruct(const sim::SimEvent& event, std::uint64_t seed) const;

    const EcalReconstructor& ecal() const noexcept { return ecal_; }
    const HcalReconstructor& hcal() const noexcept { return hcal_; }
    const EcalVetoCalculator& ecal_veto() const noexcept { return ecal_veto_; }

private:
    std::shared_ptr<const geometry::EcalHexReadout> readout_;
    std::vector<double> layer_z_;  //!< simulated Si layer centres [mm]
    EcalReconstructor ecal_;
    HcalReconstructor hcal_;
    EcalVetoCalculator ecal_veto_;
};
}  // namespace umbra::reco
