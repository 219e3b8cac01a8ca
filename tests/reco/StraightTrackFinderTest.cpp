#include "umbra/reco/StraightTrackFinder.hpp"

#include <gtest/gtest.h>

namespace umbra::reco
{
namespace
{
// Layer z for the hand-built patterns: 10 mm apart (the finder only uses layers and x, y,
// and z for the line distances).
TrackingHit at(int layer, double x, double y) { return {{x, y, 300.0 + 10.0 * layer}, layer}; }

const LineSegment far_electron{{999, 999, 240}, {999, 999, 700}};
const LineSegment photon_on_axis{{0, 0, 240}, {0, 0, 700}};

TEST(StraightTrackFinder, LineDistanceOfSkewAndParallelLines)
{
    // x axis and the line parallel to y through (0, 0, 5): 5 mm apart.
    EXPECT_DOUBLE_EQ(StraightTrackFinder::line_distance({{0, 0, 0}, {1, 0, 0}}, {{0, 0, 5}, {0, 1, 5}}), 5.0);
    // Parallel lines: ldmx-sw's convention returns 100 mm.
    EXPECT_DOUBLE_EQ(StraightTrackFinder::line_distance({{0, 0, 0}, {0, 0, 1}}, {{3, 0, 0}, {3, 0, 1}}), 100.0);
}

TEST(StraightTrackFinder, MipAlongThePhotonIsOneTrack)
{
    std::vector<TrackingHit> hits;
    for (int layer = 10; layer <= 15; ++layer) hits.push_back(at(layer, 0.5, -0.3));
    hits.push_back(at(30, 200, 200));  // a lone hit elsewhere
    const auto tracks = StraightTrackFinder().find(hits, far_electron, photon_on_axis);
    ASSERT_EQ(tracks.size(), 1u);
    EXPECT_EQ(tracks[0].size(), 6u);
    EXPECT_EQ(tracks[0].front().layer, 15);  // deepest first
    EXPECT_EQ(tracks[0].back().layer, 10);
}

TEST(StraightTrackFinder, StaggeredLayersWithinHalfACellChainAndSkippedLayersToo)
{
    // Odd layers are shifted by one cell radius (4.82 mm) in v14: hits alternate by 4.8 mm in x,
    // within half a cell width (4.82 mm); layer 12 is missing (a 2-layer step is allowed).
    std::vector<TrackingHit> hits{at(10, 0, 0), at(11, 4.8, 0), at(13, 4.8, 0), at(14, 0, 0)};
    EXPECT_EQ(StraightTrackFinder().find(hits, far_electron, photon_on_axis).size(), 1u);
    // A 3-layer gap breaks the chain; single hits are not tracks.
    std::vector<TrackingHit> broken{at(10, 0, 0), at(14, 0, 0)};
    EXPECT_TRUE(StraightTrackFinder().find(broken, far_electron, photon_on_axis).empty());
}

TEST(StraightTrackFinder, ShortChainsCloserToTheElectronAreRejected)
{
    // Two hits at x = 50: 50 mm from the photon line, ~1400 mm from the (far) electron line:
    // kept only if closer to the photon than to the electron (< 4 hits) -> kept.
    std::vector<TrackingHit> pair{at(20, 50, 0), at(21, 50, 0)};
    EXPECT_EQ(StraightTrackFinder().find(pair, far_electron, photon_on_axis).size(), 1u);
    // An electron trajectory crossing their line (slightly tilted: parallel lines count as 100 mm
    // apart): > 1 cell width from the photon and < 2 from the electron -> rejected.
    const LineSegment electron_there{{50, 0, 240}, {52, 0, 700}};
    EXPECT_TRUE(StraightTrackFinder().find(pair, electron_there, photon_on_axis).empty());
    // Four hits far from both lines: neither rejection applies.
    const LineSegment photon_far{{-300, -300, 240}, {-300, -290, 700}};
    std::vector<TrackingHit> four{at(20, 50, 0), at(21, 50, 0), at(22, 50, 0), at(23, 50, 0)};
    EXPECT_EQ(StraightTrackFinder().find(four, far_electron, photon_far).size(), 1u);
}

TEST(StraightTrackFinder, TracksOneOrTwoLayersApartWithinACellAreMerged)
{
    // A: layers 25..22 at (0, 0). B: layers 24..21 at (6, 0), too far in x (> 4.82) to join A's
    // chain, but its deepest hit (24) is 2 layers behind A's most upstream hit (22) and 6 mm from
    // it (< 9.63): B merges into A.
    std::vector<TrackingHit> hits;
    for (int layer = 25; layer >= 22; --layer) hits.push_back(at(layer, 0, 0));
    for (int layer = 24; layer >= 21; --layer) hits.push_back(at(layer, 6, 0));
    const auto tracks = StraightTrackFinder().find(hits, far_electron, photon_on_axis);
    ASSERT_EQ(tracks.size(), 1u);
    EXPECT_EQ(tracks[0].size(), 8u);
    // Moved 12 mm away, B stays a separate track.
    for (auto& h : hits)
        if (h.position.x == 6) h.position.x = 12;
    EXPECT_EQ(StraightTrackFinder().find(hits, far_electron, photon_on_axis).size(), 2u);
}
}  // namespace
}  // namespace umbra::reco
