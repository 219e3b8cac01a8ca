#pragma once
//! \file
//! A reconstructed ECal hit: one read-out Si cell (ldmx-sw `ldmx::EcalHit` in
//! `EcalRecHits`), the content of /ecal_rec_hits (docs/format.md).
#include "umbra/geometry/EcalId.hpp"

namespace umbra::reco
{
struct EcalRecHit
{
    geometry::EcalId id;
    double x = 0;          //!< cell centre [mm]
    double y = 0;          //!< cell centre [mm]
    double z = 0;          //!< Si layer centre as simulated (GDML) [mm]
    double amplitude = 0;  //!< energy in the Si, N_MIP × 0.130 MeV (ldmx-sw convention) [MeV]
    double energy = 0;     //!< calibrated energy (layer weights and overall correction) [MeV]
    double time = 0;       //!< arrival time corrected by −z/c (noise hits: 0) [ns]
    int adc = -1;          //!< SOI ADC count, −1 in TOT mode [counts]
    int tot = -1;          //!< TOT TDC count, −1 in ADC mode [counts]
    bool noise = false;    //!< read out on electronic noise alone (no sim hit in the cell)

    int layer() const noexcept { return id.layer(); }
};
}  // namespace umbra::reco
