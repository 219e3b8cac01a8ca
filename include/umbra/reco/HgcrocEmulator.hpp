#pragma once
//! \file
//! The HGCROC readout chip as ldmx-sw emulates it (Tools/src/Tools/HgcrocEmulator.cxx,
//! Tools/python/HgcrocEmulator.py, Ecal/python/digi.py), reduced to the one bunch
//! crossing that reconstruction reads: the sample of interest (SOI).
//!
//! A deposit arriving at (corrected) time t makes a voltage pulse
//! a·f(τ − t) with the ldmx-sw shape (a product of two logistic edges, normalised to 1
//! at τ = t):
//!   f(τ) = (1 + e^{r_u(t_p − t_u)})(1 + e^{r_d(t_p − t_d)})
//!          / [(1 + e^{r_u(τ − t_u + t_p)})(1 + e^{r_d(τ − t_d + t_p)})].
//! The chip adds its pedestal (in volts: pedestal·gain) to the summed pulses.
//! * ADC mode: the SOI sample (τ = 0) plus Gaussian electronic noise, truncated to an
//!   integer count and clamped to the 10-bit range; the channel is read out when the
//!   count reaches the readout threshold (zero suppression).
//! * TOT mode: when a contribution in the SOI bunch crossing peaks above the TOT
//!   threshold, the chip measures the time the charge C·V_peak takes to drain at the
//!   drain rate, on a 12-bit TDC spanning tot_max; the count gets the pedestal added, as
//!   in ldmx-sw (so the pedestal voltage's charge, 2.6 MIP for the ECal, is counted too).
//! What is not emulated: the other nine samples, TOA, pile-up from earlier crossings
//! and saturation recovery (ldmx-sw does not model recovery either).
#include <cstdint>
#include <optional>
#include <span>

#include "umbra/core/RandomStream.hpp"

namespace umbra::reco
{
//! One deposit reaching a channel: pulse amplitude and arrival time.
struct PulseContribution
{
    double amplitude = 0;  //!< peak voltage of this deposit's pulse [mV]
    double time = 0;       //!< arrival time relative to the in-time crossing [ns]
};

//! What the chip reports for the SOI of a read-out channel.
struct HgcrocSample
{
    bool tot_mode = false;  //!< true: `tot` holds the TDC count; false: `adc` holds the ADC count
    int adc = 0;            //!< ADC count of the SOI (ADC mode) [counts]
    int tot = 0;            //!< TOT TDC count, pedestal included (TOT mode) [counts]
};

class HgcrocEmulator
{
public:
    //! Defaults: the ECal chip of ldmx-sw v14 (reference §6.1; Ecal/python/digi.py).
    struct Config
    {
        double gain = 320.0 / 1024 / 20;      //!< voltage per ADC count [mV] (320 fC / 1024 counts / 20 pF)
        double pedestal = 50;                 //!< [ADC counts]
        double noise_rms = 0.6;               //!< electronic noise added to every sample [ADC counts]
        double readout_threshold = 53;        //!< SOI count needed for read-out [ADC counts]
        //! Peak voltage that starts TOT [mV]: pedestal + 50 MIP (5.9274 fC each on 20 pF).
        double tot_threshold = 50 * 320.0 / 1024 / 20 + 50 * 5.9274 / 20;
        double pad_capacitance = 20;          //!< [pF]
        double drain_rate = 10240.0 / 200;    //!< TOT discharge [fC/ns]
        double tot_max = 200;                 //!< time spanned by the 12-bit TDC [ns]
        double clock_cycle = 25;              //!< bunch-crossing length [ns]
        double rate_up = -0.345;              //!< pulse rising-edge slope [1/ns]
        double time_up = 70.6547;             //!< [ns]
        double rate_down = 0.140068;          //!< pulse falling-edge slope [1/ns]
        double time_down = 87.7649;           //!< [ns]
        double time_peak = 77.732;            //!< shape offset that puts the peak at τ = 0 [ns]
        //! Earliest corrected time counted in the SOI crossing [ns]. ldmx-sw's crossing is
        //! [0, clock): its integer truncation moves a deposit arriving a femtosecond early to
        //! the previous crossing; umbra accepts this much earliness so rounding cannot do that.
        double in_time_tolerance = 0.5;
        bool noise = true;                    //!< add electronic noise
    };

    HgcrocEmulator() : HgcrocEmulator(Config{}) {}
    //! Validates the configuration (InputError on nonsense such as a threshold below the pedestal).
    explicit HgcrocEmulator(const Config& config);

    const Config& config() const noexcept { return config_; }

    //! Normalised pulse shape f(τ) (f(0) = 1).
    double pulse_shape(double tau) const noexcept;

    //! Digitise one channel; nullopt when zero suppression drops it.
    std::optional<HgcrocSample> digitize(std::span<const PulseContribution> contributions,
                                         RandomStream& rng) const noexcept;

    //! Probability that noise alone reaches the readout threshold in an empty channel:
    //! P(N(0, noise_rms) ≥ readout_threshold − pedestal).
    double noise_readout_probability() const noexcept;
    //! ADC count of a channel read out on noise alone, as ldmx-sw's NoiseGenerator makes it
    //! (reference §6.3): a draw from the Gaussian tail above the threshold, plus the
    //! threshold-minus-pedestal offset, on top of the pedestal.
    int sample_noise_adc(RandomStream& rng) const noexcept;

private:
    Config config_;
    double shape_norm_;  //!< numerator of f, so that f(0) = 1
};
}  // namespace umbra::reco
