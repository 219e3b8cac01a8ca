#include "umbra/sim/PhotonMajorant.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/Transporter.hpp"

namespace umbra::sim
{
namespace
{
struct V14
{
    std::shared_ptr<const geometry::DetectorGeometry> geometry = geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    std::shared_ptr<const PhysicsTables> tables = std::make_shared<const PhysicsTables>(*geometry, PhysicsConfig{});
    std::shared_ptr<const geometry::EcalHexReadout> readout = std::make_shared<const geometry::EcalHexReadout>();
};
const V14& v14()
{
    static const V14 instance;
    return instance;
}
}  // namespace

TEST(PhotonMajorant, RegionsAreTheCalorimeters)
{
    const auto& d = v14();
    const PhotonMajorant majorant(*d.geometry, *d.tables);
    const int ecal = d.geometry->find_volume("ecal");
    EXPECT_EQ(majorant.region(d.geometry->find_volume("ecal_si_layer5")), ecal);
    EXPECT_EQ(majorant.region(ecal), ecal);
    EXPECT_EQ(majorant.region(d.geometry->find_volume("hcal_back_absorber7")), d.geometry->find_volume("hcal_back"));
    // The target region (target + 48 trigger-pad bars) has many daughters too.
    EXPECT_EQ(majorant.region(d.geometry->find_volume("target")), d.geometry->find_volume("target_region"));
    EXPECT_EQ(majorant.region(d.geometry->find_volume("tagger_l1_axial")), -1);
    EXPECT_EQ(majorant.region(0), -1);
}

TEST(PhotonMajorant, BoundsEveryMaterialCrossSection)
{
    // Woodcock tracking is exact only if the majorant is never below a real cross-section.
    const auto& d = v14();
    const PhotonMajorant majorant(*d.geometry, *d.tables);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    for (const char* name : {"ecal", "hcal_back", "hcal_side_top"})
    {
        const int region = d.geometry->find_volume(name);
        ASSERT_GE(region, 0);
        for (int i = 0; i < 20000; ++i)
        {
            const double energy =
                majorant.min_energy() * std::pow(majorant.max_energy() / majorant.min_energy(), rng.uniform());
            for (int m : majorant.materials(region))
            {
                ASSERT_GE(majorant.majorant(region, energy), d.tables->total_cross_section(ParticleKind::gamma, m, energy))
                    << name << " material " << d.geometry->material(m).name() << " at " << energy << " MeV";
            }
        }
    }
}

TEST(PhotonMajorantValidation, DeltaTrackingGivesTheSameEcalSignal)
{
    // 1 GeV photons into the ECal: the mean Si energy with and without Woodcock tracking agrees
    // within statistics (3 standard errors of the difference).
    const auto& d = v14();
    double mean[2];
    double error[2];
    for (int mode = 0; mode < 2; ++mode)
    {
        TransportConfig config;
        config.photon_delta_tracking = mode == 0;
        Transporter transporter(d.geometry, d.tables, d.readout, config);
        const int events = 250;
        double sum = 0;
        double sum2 = 0;
        for (int event = 0; event < events; ++event)
        {
            PrimaryParticle photon;
            photon.pdg = 22;
            photon.position = {0, 0, 230};
            photon.momentum = {0, 0, 1000.0};
            RandomStream rng({.seed = 3, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event + 1000 * mode)});
            const double e = transporter.simulate(event, {photon}, rng).ecal_edep;
            sum += e;
            sum2 += e * e;
        }
        mean[mode] = sum / events;
        error[mode] = std::sqrt((sum2 / events - mean[mode] * mean[mode]) / events);
    }
    EXPECT_NEAR(mean[0], mean[1], 3 * std::hypot(error[0], error[1]))
        << "delta " << mean[0] << " +- " << error[0] << ", ordinary " << mean[1] << " +- " << error[1];
}
}  // namespace umbra::sim
