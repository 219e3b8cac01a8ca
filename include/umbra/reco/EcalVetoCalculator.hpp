#pragma once
//! \file
//! Computes the ECal veto variables (EcalVetoResult) from the rec hits of one event and
//! the recoil electron's scoring-plane crossings, following ldmx-sw's
//! Ecal/src/Ecal/EcalVetoProcessor.cxx (reference §7):
//! * trajectories: the electron's straight line from its plane-31 crossing, the photon's
//!   from its plane-1 crossing with momentum (−px, −py, E_beam − pz), projected to each
//!   layer's z. umbra projects to the simulated (GDML) layer z, where its hits are;
//!   ldmx-sw projects to EcalGeometry's older z table (docs/reconstruction.md);
//! * containment region i of a hit: i R ≤ d < (i + 1) R from a trajectory, R the layer's
//!   containment radius; "outside" region i: d > (i + 1) R from both trajectories; without
//!   trajectories (no recoil electron reached the ECal) no hit is in any region;
//! * isolated hits: no rec hit in a nearest-neighbour cell of the same layer; layer-0
//!   hits on or next to the cell nearest the shower centroid are skipped (the centroid
//!   id carries layer 0 in ldmx-sw, so the exclusion only acts there);
//! * MIP tracking hits: hits at d ≥ R from the electron trajectory (all hits without it),
//!   fed to StraightTrackFinder; near-photon hits within 8.7 mm of the photon trajectory;
//!   photon territory: tracking hits on the photon's side of the plane 4.35 mm from the
//!   photon trajectory towards the electron's at layer 0.
//! The linear-regression track count (not a BDT input) is not computed.
#include <memory>
#include <vector>

#include "umbra/reco/ContainmentRadii.hpp"
#include "umbra/reco/EcalRecHit.hpp"
#include "umbra/reco/EcalVetoResult.hpp"
#include "umbra/reco/RecoilTruth.hpp"
#include "umbra/reco/StraightTrackFinder.hpp"

namespace umbra::geometry
{
class EcalHexReadout;
}

namespace umbra::reco
{
class EcalVetoCalculator
{
public:
    struct Config
    {
        double beam_energy = 8000;          //!< photon trajectory: E_beam − pz of the recoil [MeV]
        double near_photon_distance = 8.7;  //!< near-photon hits and photon territory [mm]
        int back_layer = 20;                //!< ecal_back_energy sums layers ≥ this
        std::array<int, EcalVetoResult::segments + 1> segment_edges{0, 6, 17, 34};  //!< first layer of each segment, then the end
        double fiducial_drift = 7.932;      //!< distance from plane 31 to layer 0 for the fiducial test [mm]
    };

    //! `layer_z`: centre z of each Si layer as simulated [mm].
    EcalVetoCalculator(std::shared_ptr<const geometry::EcalHexReadout> readout, std::vector<double> layer_z,
                       ContainmentRadii radii, Config config);

    const Config& config() const noexcept { return config_; }

    EcalVetoResult compute(const std::vector<EcalRecHit>& hits, const RecoilTruth& recoil) const;

private:
    struct Point
    {
        double x = 0;
        double y = 0;
    };
    std::vector<Point> project(const TrajectorySeed& seed) const;

    std::shared_ptr<const geometry::EcalHexReadout> readout_;
    std::vector<double> layer_z_;
    ContainmentRadii radii_;
    Config config_;
    StraightTrackFinder track_finder_;
};
}  // namespace umbra::reco
