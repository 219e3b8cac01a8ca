#pragma once
//! \file
//! One calibrated ECal rec hit as the analysis sees it: position and energy, plus the
//! layer for the longitudinal shower shapes. Everything the observables compute starts
//! from a span of these (read from /ecal_rec_hits of a skimmed file).
#include <array>

namespace umbra::analysis
{
struct ShowerHit
{
    double x_mm = 0;
    double y_mm = 0;
    double z_mm = 0;
    double energy_MeV = 0;
    int layer = 0;  //!< ECal sensor layer 0..33
};

//! A point in the lab frame [mm] (origins, vertices).
using LabPoint = std::array<double, 3>;
}  // namespace umbra::analysis
