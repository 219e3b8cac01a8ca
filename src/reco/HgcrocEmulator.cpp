#include "umbra/reco/HgcrocEmulator.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"

namespace umbra::reco
{
HgcrocEmulator::HgcrocEmulator(const Config& config) : config_(config)
{
    const auto require = [](bool ok, const char* what) {
        if (!ok) throw InputError(SourceLocation{"[reco] HGCROC configuration", 0}, what);
    };
    require(config.gain > 0, "gain must be > 0 mV per ADC count");
    require(config.pedestal >= 0 && config.pedestal < 1023, "pedestal must be within the 10-bit ADC range");
    require(config.noise_rms >= 0, "noise_rms must be >= 0");
    require(config.readout_threshold > config.pedestal,
            "readout_threshold must be above the pedestal (otherwise every channel is read out)");
    require(config.tot_threshold > config.pedestal * config.gain, "tot_threshold must be above the pedestal voltage");
    require(config.pad_capacitance > 0 && config.drain_rate > 0 && config.tot_max > 0 && config.clock_cycle > 0,
            "pad_capacitance, drain_rate, tot_max and clock_cycle must be > 0");
    shape_norm_ = (1 + std::exp(config.rate_up * (config.time_peak - config.time_up))) *
                  (1 + std::exp(config.rate_down * (config.time_peak - config.time_down)));
}

double HgcrocEmulator::pulse_shape(double tau) const noexcept
{
    const auto& c = config_;
    return shape_norm_ / ((1 + std::exp(c.rate_up * (tau - c.time_up + c.time_peak))) *
                          (1 + std::exp(c.rate_down * (tau - c.time_down + c.time_peak))));
}

std::optional<HgcrocSample> HgcrocEmulator::digitize(std::span<const PulseContribution> contributions,
                                                     RandomStream& rng) const noexcept
{
    const auto& c = config_;
    const double pedestal_voltage = c.pedestal * c.gain;
    const auto voltage_at = [&](double tau) {
        double v = pedestal_voltage;
        for (const auto& p : contributions) v += p.amplitude * pulse_shape(tau - p.time);
        return v;
    };
    // TOT: a contribution peaking in the SOI crossing above the TOT threshold; the charge is
    // measured at the latest such peak (HgcrocEmulator::digitize, "toverTOT").
    double tot_time = 0;
    bool tot = false;
    for (const auto& p : contributions)
    {
        if (p.time < -c.in_time_tolerance || p.time >= c.clock_cycle) continue;
        if (voltage_at(p.time) > c.tot_threshold && (!tot || p.time > tot_time))
        {
            tot = true;
            tot_time = p.time;
        }
    }
    if (tot)
    {
        const double charge = voltage_at(tot_time) * c.pad_capacitance;  // [fC]
        const double tot_ns = charge / c.drain_rate;
        HgcrocSample sample;
        sample.tot_mode = true;
        sample.tot = static_cast<int>(tot_ns * 4096 / c.tot_max) + static_cast<int>(c.pedestal);
        return sample;
    }
    double v = voltage_at(0);
    if (c.noise) v += c.noise_rms * c.gain * standard_normal(rng);
    const int adc = std::clamp(static_cast<int>(v / c.gain), 0, 1023);
    if (adc < c.readout_threshold) return std::nullopt;
    HgcrocSample sample;
    sample.adc = adc;
    return sample;
}

double HgcrocEmulator::noise_readout_probability() const noexcept
{
    if (!config_.noise || config_.noise_rms <= 0) return 0;
    const double z = (config_.readout_threshold - config_.pedestal) / config_.noise_rms;
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

int HgcrocEmulator::sample_noise_adc(RandomStream& rng) const noexcept
{
    const auto& c = config_;
    const double above = c.readout_threshold - c.pedestal;
    const double tail = c.noise_rms * standard_normal_tail(above / c.noise_rms, rng);
    return std::clamp(static_cast<int>(c.pedestal + above + tail), 0, 1023);
}
}  // namespace umbra::reco
