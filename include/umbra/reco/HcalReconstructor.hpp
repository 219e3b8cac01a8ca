#pragma once
//! \file
//! HCal digitisation, reconstruction and the HCal veto.
//!
//! Bars are read out as in ldmx-sw's HcalSimpleDigiAndRecProducer (Hcal/python/digi.py):
//! the scintillator deposit E gives a mean of E / mip_energy × pe_per_mip photo-electrons
//! (4.66 MeV and 68 PE per MIP for a 20 mm bar), the measured number is Poisson with that
//! mean plus Gaussian electronic noise of noise_pe, and bars at or above
//! readout_threshold_pe are kept; the energy is pe / pe_per_mip × mip_energy.
//! Light attenuation along the bar and the two-ended readout of the back HCal are not
//! modelled (docs/reconstruction.md).
//!
//! The veto follows ldmx-sw's HcalVetoProcessor (Hcal/python/hcal.py): the maximum PE of
//! the hits earlier than max_time; an event passes when it is below pe_threshold.
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/reco/HcalRecHit.hpp"
#include "umbra/sim/SimEvent.hpp"

namespace umbra::reco
{
struct HcalVetoResult
{
    double max_pe = 0;    //!< largest PE count of an in-time hit
    bool passes = true;   //!< max_pe < pe_threshold
};

class HcalReconstructor
{
public:
    struct Config
    {
        double mip_energy = 4.66;          //!< MIP deposit in a 20 mm bar [MeV] (1.4 MeV per 6 mm, scaled)
        double pe_per_mip = 68;            //!< photo-electrons per MIP
        double noise_pe = 0.02;            //!< electronic noise RMS [PE]
        double readout_threshold_pe = 1;   //!< [PE]
        double veto_pe_threshold = 8;      //!< HcalVetoProcessor pe_threshold [PE]
        double veto_max_time = 50;         //!< HcalVetoProcessor max_time [ns]
    };

    explicit HcalReconstructor(Config config);

    const Config& config() const noexcept { return config_; }

    std::vector<HcalRecHit> reconstruct(const std::vector<sim::CalorimeterSimHit>& sim_hits, RandomStream& rng) const;
    HcalVetoResult veto(const std::vector<HcalRecHit>& hits) const noexcept;

private:
    Config config_;
};
}  // namespace umbra::reco
