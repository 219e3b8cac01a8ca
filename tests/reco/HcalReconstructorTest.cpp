#include "umbra/reco/HcalReconstructor.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace umbra::reco
{
namespace
{
sim::CalorimeterSimHit bar(double edep, double time = 5)
{
    sim::CalorimeterSimHit h;
    h.id = geometry::HcalId(geometry::HcalSection::back, 3, 17).raw();
    h.position = {0, 100, 1000};
    h.edep = edep;
    h.time = time;
    return h;
}

TEST(HcalReconstructor, MipGivesSixtyEightPhotoElectronsOnAverage)
{
    // ldmx-sw Hcal/python/digi.py: 68 PE per MIP, 4.66 MeV per MIP in a 20 mm bar. Poisson
    // statistics: mean 68, RMS sqrt(68 + 0.02^2); 5 standard errors.
    const HcalReconstructor reco({});
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    constexpr int n = 20000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i)
    {
        const auto hits = reco.reconstruct({bar(4.66)}, rng);
        ASSERT_EQ(hits.size(), 1u);
        sum += hits[0].pe;
        sum2 += hits[0].pe * hits[0].pe;
        EXPECT_NEAR(hits[0].energy, hits[0].pe / 68 * 4.66, 1e-12);
    }
    const double mean = sum / n;
    EXPECT_NEAR(mean, 68, 5 * std::sqrt(68.0 / n));
    EXPECT_NEAR(std::sqrt(sum2 / n - mean * mean), std::sqrt(68.0), 0.2);
}

TEST(HcalReconstructor, TinyDepositsAreMostlyBelowThreshold)
{
    // 0.01 MeV -> mu = 0.01 / 4.66 * 68 = 0.1459 PE. A bar is read out when Poisson(mu) + noise
    // >= 1 PE: always for k >= 2, for k = 1 when the Gaussian noise is >= 0 (half the time).
    // P = P(k >= 2) + P(1) / 2; 5 standard errors.
    const HcalReconstructor reco({});
    RandomStream rng({.seed = 2, .stream = StreamId::test, .event = 0});
    constexpr int n = 40000;
    int read = 0;
    for (int i = 0; i < n; ++i) read += static_cast<int>(reco.reconstruct({bar(0.01)}, rng).size());
    const double mu = 0.01 / 4.66 * 68;
    const double p1 = mu * std::exp(-mu);
    const double p = (1 - std::exp(-mu) - p1) + 0.5 * p1;
    EXPECT_NEAR(read, n * p, 5 * std::sqrt(n * p));
}

TEST(HcalReconstructor, VetoUsesTheLargestInTimeHit)
{
    const HcalReconstructor reco({});
    std::vector<HcalRecHit> hits(3);
    hits[0].pe = 5;
    hits[0].time = 10;
    hits[1].pe = 12;
    hits[1].time = 60;  // after max_time = 50 ns: ignored
    hits[2].pe = 2;
    hits[2].time = 3;
    auto veto = reco.veto(hits);
    EXPECT_DOUBLE_EQ(veto.max_pe, 5);
    EXPECT_TRUE(veto.passes);  // 5 < pe_threshold 8
    hits[2].pe = 8;
    veto = reco.veto(hits);
    EXPECT_DOUBLE_EQ(veto.max_pe, 8);
    EXPECT_FALSE(veto.passes);
    EXPECT_TRUE(reco.veto({}).passes);
}
}  // namespace
}  // namespace umbra::reco
