#pragma once
//! \file
//! Straight MIP tracks in the ECal, the `nStraightTracks` veto variable of ldmx-sw's
//! EcalVetoProcessor (reference §7, feature 12), for the v14 staggered layers:
//! 1. hits are ordered from the back layer to the front (stable: equal layers keep
//!    their input order);
//! 2. from each remaining hit a chain is grown towards the front: the next hit is the
//!    first later one in the list that lies 1 or 2 layers upstream of the chain's last
//!    hit and within half a cell width in x and in y (half, because odd layers are
//!    shifted by one cell radius);
//! 3. a chain of ≥ 2 hits is rejected when the line through its first and last hits
//!    passes farther than one cell width from the photon trajectory and closer than two
//!    from the electron trajectory, or when it has < 4 hits and is closer to the
//!    electron trajectory than to the photon's; otherwise it is a track and its hits
//!    leave the list;
//! 4. a track whose deepest hit lies 1–2 layers behind another track's most upstream
//!    hit, within one cell width transversely, is merged into that track.
//! The distance of two lines is |(d1 × d2)·(a1 − a2)| / |d1 × d2|, taken as 100 mm for
//! parallel lines as in ldmx-sw.
#include <vector>

#include "umbra/core/ThreeVector.hpp"

namespace umbra::reco
{
struct TrackingHit
{
    ThreeVector position;  //!< cell centre and layer z [mm]
    int layer = 0;
};

//! A straight line through two points.
struct LineSegment
{
    ThreeVector start;  //!< [mm]
    ThreeVector end;    //!< [mm]
};

class StraightTrackFinder
{
public:
    struct Config
    {
        double cell_width = 2 * 4.815864;  //!< two cell centre-to-corner radii (v14: 9.63 mm) [mm]
    };

    StraightTrackFinder() : StraightTrackFinder(Config{}) {}
    explicit StraightTrackFinder(Config config) : config_(config) {}

    //! The tracks found (each a list of hits, deepest first) after merging.
    std::vector<std::vector<TrackingHit>> find(std::vector<TrackingHit> hits, const LineSegment& electron,
                                               const LineSegment& photon) const;

    //! Closest distance between the infinite lines through two segments [mm].
    static double line_distance(const LineSegment& a, const LineSegment& b) noexcept;

private:
    Config config_;
};
}  // namespace umbra::reco
