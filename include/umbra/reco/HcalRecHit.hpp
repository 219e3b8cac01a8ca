#pragma once
//! \file
//! A reconstructed HCal hit: one scintillator bar above threshold, the content of
//! /hcal_rec_hits (docs/format.md).
#include "umbra/geometry/HcalId.hpp"

namespace umbra::reco
{
struct HcalRecHit
{
    geometry::HcalId id;
    double x = 0;       //!< bar centre [mm]
    double y = 0;       //!< bar centre [mm]
    double z = 0;       //!< bar centre [mm]
    double pe = 0;      //!< photo-electrons measured
    double energy = 0;  //!< MIP-equivalent energy in the scintillator, pe / pe_per_mip × mip_energy [MeV]
    double time = 0;    //!< arrival time of the sim hit (earliest deposit) [ns]
};
}  // namespace umbra::reco
