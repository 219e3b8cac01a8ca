#include "umbra/reco/EcalReconstructor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "umbra/core/Error.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"

namespace umbra::reco
{
namespace
{
struct Fixture
{
    std::shared_ptr<const geometry::DetectorGeometry> geometry =
        geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    std::shared_ptr<const geometry::EcalHexReadout> readout = std::make_shared<const geometry::EcalHexReadout>();
    std::vector<double> layer_z() const
    {
        std::vector<double> z;
        for (int l = 0; l < geometry->ecal().layer_count(); ++l) z.push_back(geometry->ecal().layer_z(l));
        return z;
    }
    EcalReconstructor make(bool noise) const
    {
        EcalReconstructor::Config config;
        config.chip.noise = noise;
        config.noise_hits = noise;
        return EcalReconstructor(readout, layer_z(), config);
    }
    sim::CalorimeterSimHit hit(int layer, int module, int cell, double edep) const
    {
        const geometry::EcalId id(layer, module, cell);
        const auto centre = readout->cell_centre(id);
        sim::CalorimeterSimHit h;
        h.id = id.raw();
        h.position = {centre.x, centre.y, geometry->ecal().layer_z(layer)};
        h.edep = edep;
        h.time = h.position.z / 299.702547;  // in time: arrives with the speed-of-light front
        return h;
    }
};

TEST(EcalReconstructor, CalibrationClosureOnAKnownDepositPattern)
{
    // Reference §6.2: in the ADC regime E_rec = (E_dep / 0.078 MeV)(w[layer] + 0.130) * 4000/3940.5.
    // One 1 MeV deposit (12.8 MIP, 243 counts) in every layer: the sum must close to the
    // formula within the ADC quantisation (< 1 count of 243 per hit).
    const Fixture f;
    const auto reco = f.make(false);
    std::vector<sim::CalorimeterSimHit> hits;
    double expected = 0;
    for (int layer = 0; layer < 34; ++layer)
    {
        hits.push_back(f.hit(layer, layer % 7, (37 * layer) % 432, 1.0));
        expected += (1.0 / 0.078) * (ldmx_v14_layer_weights[static_cast<std::size_t>(layer)] + 0.130) * 4000 / 3940.5;
    }
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    const auto rec = reco.reconstruct(hits, rng);
    ASSERT_EQ(rec.size(), hits.size());
    double total = 0;
    for (std::size_t i = 0; i < rec.size(); ++i)
    {
        EXPECT_EQ(rec[i].id.raw(), hits[i].id);
        EXPECT_FALSE(rec[i].noise);
        EXPECT_DOUBLE_EQ(rec[i].x, hits[i].position.x);
        EXPECT_DOUBLE_EQ(rec[i].z, hits[i].position.z);
        EXPECT_NEAR(rec[i].amplitude, 1.0 / 0.078 * 0.130, 0.130 / 18.97);  // within one ADC count of N_MIP
        total += rec[i].energy;
    }
    EXPECT_NEAR(total / expected, 1.0, 1.0 / 243);
}

TEST(EcalReconstructor, TotRegimeCloses)
{
    // 10 MeV in one cell (128 MIP, above the 50-MIP TOT threshold): the TOT charge is exact up to
    // the 2.5 fC TDC step, plus the pedestal voltage's 15.625 fC that ldmx-sw's emulator counts
    // (2.64 MIP): E_rec = (128.2 + 2.64) (w + 0.130) 1.0151 within half a MIP.
    const Fixture f;
    const auto reco = f.make(false);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    const auto rec = reco.reconstruct({f.hit(10, 0, 200, 10.0)}, rng);
    ASSERT_EQ(rec.size(), 1u);
    EXPECT_EQ(rec[0].adc, -1);
    EXPECT_GT(rec[0].tot, 0);
    const double mips = 10.0 / 0.078 + 15.625 / 5.9274;
    EXPECT_NEAR(rec[0].energy, mips * (10.915 + 0.130) * 4000 / 3940.5, 0.5 * (10.915 + 0.130));
}

TEST(EcalReconstructor, ZeroSuppressionDropsSmallDeposits)
{
    const Fixture f;
    const auto reco = f.make(false);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    // 3 counts above pedestal = 0.0123 MeV (reference §6.1); 0.011 MeV stays below, 0.013 passes.
    EXPECT_TRUE(reco.reconstruct({f.hit(3, 1, 5, 0.011)}, rng).empty());
    EXPECT_EQ(reco.reconstruct({f.hit(3, 1, 5, 0.013)}, rng).size(), 1u);
}

TEST(EcalReconstructor, NoiseHitRateMatchesTheReference)
{
    // Reference §6.3: Binomial(102816 - occupied, 2.87e-7) -> 0.0295 noise hits per event
    // (the ldmx-sw DQM shows 0.028). 20 000 empty events: expect 590 +- 24; 5 sigma.
    const Fixture f;
    const auto reco = f.make(true);
    EXPECT_NEAR(reco.mean_noise_hits(), 102816 * 2.87e-7, 0.001);
    constexpr int events = 20000;
    int noise = 0;
    std::set<int> layers;
    for (int e = 0; e < events; ++e)
    {
        RandomStream rng({.seed = 3, .stream = StreamId::reconstruction, .event = static_cast<std::uint64_t>(e)});
        for (const auto& h : reco.reconstruct({}, rng))
        {
            ++noise;
            EXPECT_TRUE(h.noise);
            // A noise hit is typically ~6 counts above pedestal (tail draw + 3-count offset).
            EXPECT_GE(h.adc, 56);
            EXPECT_LE(h.adc, 60);
            const auto centre = f.readout->cell_centre(h.id);
            EXPECT_DOUBLE_EQ(h.x, centre.x);
            EXPECT_DOUBLE_EQ(h.z, f.geometry->ecal().layer_z(h.layer()));
            layers.insert(h.layer());
        }
    }
    const double expected = events * reco.mean_noise_hits();
    EXPECT_NEAR(noise, expected, 5 * std::sqrt(expected));
    EXPECT_GT(layers.size(), 20u);  // spread over the whole stack
}

TEST(EcalReconstructor, NoiseNeverLandsInAChannelWithASimHit)
{
    // Force many noise hits (threshold 1 count above pedestal: p = Q(1/0.6) = 4.8 %) and check
    // that none shares a channel with a sim hit, and that channels are not repeated.
    const Fixture f;
    EcalReconstructor::Config config;
    config.chip.readout_threshold = 51;
    const EcalReconstructor reco(f.readout, f.layer_z(), config);
    std::vector<sim::CalorimeterSimHit> hits;
    for (int cell = 0; cell < 432; ++cell) hits.push_back(f.hit(0, 0, cell, 1.0));
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    const auto rec = reco.reconstruct(hits, rng);
    std::set<std::uint32_t> seen;
    int noise = 0;
    for (const auto& h : rec)
    {
        EXPECT_TRUE(seen.insert(h.id.raw()).second) << "channel read out twice";
        if (h.noise)
        {
            ++noise;
            EXPECT_FALSE(h.layer() == 0 && h.id.module() == 0);
        }
    }
    EXPECT_GT(noise, 4000);  // ~0.048 * 102384
}

TEST(EcalReconstructor, SameStreamSameHits)
{
    const Fixture f;
    const auto reco = f.make(true);
    std::vector<sim::CalorimeterSimHit> hits{f.hit(5, 2, 17, 0.3), f.hit(6, 2, 18, 0.05)};
    RandomStream a({.seed = 9, .stream = StreamId::reconstruction, .event = 4});
    RandomStream b({.seed = 9, .stream = StreamId::reconstruction, .event = 4});
    const auto ra = reco.reconstruct(hits, a);
    const auto rb = reco.reconstruct(hits, b);
    ASSERT_EQ(ra.size(), rb.size());
    for (std::size_t i = 0; i < ra.size(); ++i) EXPECT_EQ(ra[i].energy, rb[i].energy);
}

TEST(EcalReconstructor, RejectsBadConfigurationAndIds)
{
    const Fixture f;
    EcalReconstructor::Config config;
    config.layer_weights.resize(10);
    EXPECT_THROW(EcalReconstructor(f.readout, f.layer_z(), config), InputError);
    const auto reco = f.make(false);
    sim::CalorimeterSimHit bad;
    bad.id = 0x12345678;  // not an ECal id
    bad.edep = 1;
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    EXPECT_THROW(reco.reconstruct({bad}, rng), InputError);
}
}  // namespace
}  // namespace umbra::reco
