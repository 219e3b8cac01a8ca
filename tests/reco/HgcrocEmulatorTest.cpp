#include "umbra/reco/HgcrocEmulator.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/core/Error.hpp"

namespace umbra::reco
{
namespace
{
constexpr double gain = 320.0 / 1024 / 20;  // mV per count (reference §6.1)

TEST(HgcrocEmulator, PulseShapeIsOneAndPeaksAtZero)
{
    const HgcrocEmulator chip;
    EXPECT_DOUBLE_EQ(chip.pulse_shape(0), 1.0);
    // ldmx-sw chose timePeak so that the pulse peaks at tau = 0 (HcalHgcrocEmulator comment,
    // same construction for the ECal): the maximum on a 0.01 ns grid lies within 0.5 ns of 0.
    double best_tau = -100, best = 0;
    for (double tau = -50; tau <= 50; tau += 0.01)
    {
        if (chip.pulse_shape(tau) > best)
        {
            best = chip.pulse_shape(tau);
            best_tau = tau;
        }
    }
    EXPECT_NEAR(best_tau, 0.0, 0.5);
    EXPECT_NEAR(best, 1.0, 1e-3);
    EXPECT_LT(chip.pulse_shape(-25), 0.05);  // one crossing earlier the pulse has not risen
}

TEST(HgcrocEmulator, NoiseReadoutProbabilityIsFiveSigmaTail)
{
    // Reference §6.3: pedestal 50, sigma 0.6, threshold 53 counts -> p = 2.87e-7 (5 sigma).
    const HgcrocEmulator chip;
    EXPECT_NEAR(chip.noise_readout_probability(), 2.87e-7, 0.01e-7);
}

TEST(HgcrocEmulator, NoiseRateOfEmptyChannelsFollowsTheThresholdInUnitsOfNoise)
{
    // An empty channel is read out when int(pedestal + noise) >= threshold, i.e. when the noise
    // exceeds (threshold - pedestal) counts: rate Q((threshold - pedestal) / sigma).
    for (const double threshold : {51.0, 52.0})
    {
        HgcrocEmulator::Config config;
        config.readout_threshold = threshold;
        const HgcrocEmulator chip(config);
        RandomStream rng({.seed = 7, .stream = StreamId::test, .event = static_cast<std::uint64_t>(threshold)});
        constexpr int n = 400000;
        int read = 0;
        for (int i = 0; i < n; ++i) read += chip.digitize({}, rng).has_value();
        const double p = 0.5 * std::erfc((threshold - 50) / 0.6 / std::sqrt(2.0));
        EXPECT_NEAR(read, n * p, 5 * std::sqrt(n * p)) << "threshold " << threshold;
        EXPECT_NEAR(chip.noise_readout_probability(), p, 1e-12);
    }
}

TEST(HgcrocEmulator, MipLandsAtNineteenCountsAbovePedestal)
{
    // Reference §6.1: 1 MIP = 5.9274 fC on 20 pF = 0.29637 mV = 18.97 counts above pedestal 50.
    HgcrocEmulator::Config config;
    config.noise = false;
    const HgcrocEmulator chip(config);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    const PulseContribution mip{5.9274 / 20, 0.0};
    const auto sample = chip.digitize({&mip, 1}, rng);
    ASSERT_TRUE(sample);
    EXPECT_FALSE(sample->tot_mode);
    EXPECT_EQ(sample->adc, 68);  // int(50 + 18.97)
}

TEST(HgcrocEmulator, LargeDepositsSwitchToTimeOverThreshold)
{
    HgcrocEmulator::Config config;
    config.noise = false;
    const HgcrocEmulator chip(config);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    const double mip_mv = 5.9274 / 20;
    const PulseContribution below{49 * mip_mv, 0.0};
    const PulseContribution above{120 * mip_mv, 0.0};
    const auto a = chip.digitize({&below, 1}, rng);
    const auto b = chip.digitize({&above, 1}, rng);
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(a->tot_mode);
    EXPECT_EQ(a->adc, static_cast<int>(50 + 49 * mip_mv / gain));
    ASSERT_TRUE(b->tot_mode);
    // Charge drained at 51.2 fC/ns on a 4096-count / 200 ns TDC: 2.5 fC per count, plus the
    // pedestal count (ldmx-sw adds it); the charge includes the pedestal voltage's 15.625 fC.
    const double charge = (120 * 5.9274 + 50 * gain * 20);
    EXPECT_EQ(b->tot, static_cast<int>(charge / 2.5) + 50);
}

TEST(HgcrocEmulator, OutOfTimeDepositsAreAttenuatedByThePulseShape)
{
    HgcrocEmulator::Config config;
    config.noise = false;
    const HgcrocEmulator chip(config);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    const double amplitude = 20 * 5.9274 / 20;
    const PulseContribution late{amplitude, 10.0};
    const auto sample = chip.digitize({&late, 1}, rng);
    ASSERT_TRUE(sample);
    EXPECT_EQ(sample->adc, static_cast<int>((50 * gain + amplitude * chip.pulse_shape(-10.0)) / gain));
    EXPECT_LT(sample->adc, static_cast<int>(50 + amplitude / gain));
}

TEST(HgcrocEmulator, RejectsNonsenseConfiguration)
{
    HgcrocEmulator::Config config;
    config.readout_threshold = 40;  // below the pedestal
    EXPECT_THROW(HgcrocEmulator{config}, InputError);
    config = {};
    config.gain = 0;
    EXPECT_THROW(HgcrocEmulator{config}, InputError);
}
}  // namespace
}  // namespace umbra::reco
