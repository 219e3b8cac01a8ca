#pragma once
//! \file
//! What makes an event a deep-conversion background event (docs/backgrounds.md): the
//! primary radiates a photon above min_photon_energy in the brem region, and that photon's
//! first interaction is a conversion at z ≥ conversion_z_min inside the conversion region.
//! Shared by the direct method (DeepConversionBiasing) and brute force (DeepConversionFilter).
#include <string>

namespace umbra::sim
{
struct DeepConversionSelection
{
    double min_photon_energy = 5010;  //!< kinetic energy of the hard photon [MeV]
    std::string brem_region = "target";
    double conversion_z_min = 350;    //!< lab z of the conversion vertex ≥ this [mm]
    std::string conversion_region = "ecal";
};
}  // namespace umbra::sim
