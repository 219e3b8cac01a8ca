// ldmx-sw's event filters on synthetic steps and interactions (the transport calls the same
// hooks): TaggerVetoFilter, TargetBremFilter, PrimaryToEcalFilter.
#include <gtest/gtest.h>

#include "umbra/core/Error.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/PrimaryToEcalFilter.hpp"
#include "umbra/sim/TaggerVetoFilter.hpp"
#include "umbra/sim/TargetBremFilter.hpp"

namespace umbra::sim
{
namespace
{
std::shared_ptr<const geometry::DetectorGeometry> v14()
{
    static const auto geometry = geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    return geometry;
}

//! The deepest volume at a point on the beam axis.
int volume_at(double z) { return v14()->locate({0, 0, z}, {0, 0, 1}); }

Track primary(double kinetic_energy, double z)
{
    Track t;
    t.kind = ParticleKind::electron;
    t.kinetic_energy = kinetic_energy;
    t.position = {0, 0, z};
    t.track_id = 1;
    t.volume = volume_at(z);
    return t;
}

StepRecord step(const Track& track, double pre_z, double pre_energy)
{
    return StepRecord{track, {0, 0, pre_z}, pre_energy, volume_at(pre_z), track.volume, 0, ProcessId::transportation, 1};
}

// z positions on the axis of v14 (docs/geometry.md): tagger tracker around z = -500, target at
// z = 0 (0.35 mm W), recoil tracker air at z = 50, ECal at z = 300.
constexpr double tagger_z = -500, target_z = 0, recoil_z = 50, ecal_z = 300;

TEST(TaggerVetoFilter, PrimaryMustCrossTheTaggerAboveThreshold)
{
    ASSERT_EQ(v14()->volume(volume_at(tagger_z)).region, v14()->find_region("tagger"));
    TaggerVetoFilter filter(v14(), {});
    SimEvent event;
    filter.begin_event(event);
    const auto high = primary(7990, tagger_z);
    EXPECT_EQ(filter.on_step(step(high, tagger_z - 1, 7995)), StepVerdict::proceed);
    EXPECT_TRUE(filter.end_event(event));
    filter.begin_event(event);
    const auto low = primary(3700, tagger_z);  // total energy 3700.5 < 3800 MeV
    EXPECT_EQ(filter.on_step(step(low, tagger_z - 1, 3750)), StepVerdict::abort_event);
    filter.begin_event(event);  // never in the tagger
    EXPECT_EQ(filter.on_step(step(primary(7990, recoil_z), recoil_z - 1, 7995)), StepVerdict::proceed);
    EXPECT_FALSE(filter.end_event(event));
    EXPECT_THROW(TaggerVetoFilter(v14(), {.threshold = 3800, .region = "taggr"}), InputError);
}

TEST(TargetBremFilter, HardBremAndSoftRecoilLeavingTheTarget)
{
    TargetBremFilter filter(v14(), {});
    SimEvent event;
    Track photon;
    photon.kind = ParticleKind::gamma;
    const auto leave = [&](double kinetic_energy) {
        return filter.on_step(step(primary(kinetic_energy, recoil_z), target_z, kinetic_energy));
    };
    // Hard photon (3000 > 2500 MeV) in the target, recoil 1000 MeV (< 1500): kept.
    filter.begin_event(event);
    photon.kinetic_energy = 3000;
    EXPECT_EQ(filter.on_interaction(primary(5000, target_z), ProcessId::bremsstrahlung, {&photon, 1}), StepVerdict::proceed);
    EXPECT_EQ(leave(1000), StepVerdict::proceed);
    EXPECT_TRUE(filter.end_event(event));
    // Same photon, recoil too hard (p >= 1500 MeV): aborted when it leaves.
    filter.begin_event(event);
    EXPECT_EQ(filter.on_interaction(primary(5000, target_z), ProcessId::bremsstrahlung, {&photon, 1}), StepVerdict::proceed);
    EXPECT_EQ(leave(1600), StepVerdict::abort_event);
    // Soft photon only (2000 MeV): aborted.
    filter.begin_event(event);
    photon.kinetic_energy = 2000;
    filter.on_interaction(primary(5000, target_z), ProcessId::bremsstrahlung, {&photon, 1});
    EXPECT_EQ(leave(1000), StepVerdict::abort_event);
    // A hard photon made outside the target does not count.
    filter.begin_event(event);
    photon.kinetic_energy = 3000;
    filter.on_interaction(primary(5000, tagger_z), ProcessId::bremsstrahlung, {&photon, 1});
    EXPECT_EQ(leave(1000), StepVerdict::abort_event);
}

TEST(PrimaryToEcalFilter, PrimaryKeepsItsEnergyUntilTheCalorimeters)
{
    PrimaryToEcalFilter filter(v14(), {});
    EXPECT_EQ(filter.on_step(step(primary(2000, recoil_z), recoil_z - 1, 2001)), StepVerdict::proceed);
    EXPECT_EQ(filter.on_step(step(primary(1500, recoil_z), recoil_z - 1, 1501)), StepVerdict::abort_event);
    // Inside the ECal any energy is fine; secondaries are never checked.
    EXPECT_EQ(filter.on_step(step(primary(10, ecal_z), ecal_z - 1, 11)), StepVerdict::proceed);
    auto secondary = primary(10, recoil_z);
    secondary.parent_id = 1;
    EXPECT_EQ(filter.on_step(step(secondary, recoil_z - 1, 11)), StepVerdict::proceed);
    EXPECT_THROW(PrimaryToEcalFilter(v14(), {.threshold = 1600, .calorimeter_regions = {"ecal", "hcl"}}), InputError);
}
}  // namespace
}  // namespace umbra::sim
