#pragma once
//! \file
//! ECal digitisation and reconstruction: sim hits (energy deposited per Si cell) →
//! HGCROC digis → rec hits, as ldmx-sw's EcalDigiProducer + EcalRecProducer with the
//! v14 conditions (reference §6; Ecal/python/digi.py, Ecal/src/Ecal/EcalDigiProducer.cxx,
//! Ecal/src/Ecal/EcalRecProducer.cxx).
//!
//! Digitisation: the deposit E of a cell becomes a pulse of amplitude
//! E / mip_energy_digitization × charge_per_mip / C_pad, arriving at t − z/c
//! (in-time particles peak at the SOI); HgcrocEmulator makes the SOI sample.
//! Noise: with zero suppression only channels without a sim hit can be read out on
//! noise: their number is Binomial(N_empty, p) with p the chip's noise read-out
//! probability (5 σ: 2.87 × 10⁻⁷ → 0.03 noise hits per event), each in a uniformly
//! chosen empty channel with an ADC count from HgcrocEmulator::sample_noise_adc.
//! Reconstruction (EcalRecProducer): charge = (ADC − pedestal) × adc_gain or
//! (TOT − tot_pedestal) × tot_gain; N_MIP = charge / charge_per_mip;
//! amplitude = N_MIP × mip_energy_reconstruction (0.130 MeV, the 0.5 mm value, as
//! ldmx-sw); E = (N_MIP w[layer] + amplitude) × second_order_correction.
#include <array>
#include <memory>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/reco/EcalRecHit.hpp"
#include "umbra/reco/HgcrocEmulator.hpp"
#include "umbra/sim/SimEvent.hpp"

namespace umbra::geometry
{
class EcalHexReadout;
}

namespace umbra::reco
{
//! ldmx-sw v14 `layerWeights` (Ecal/python/digi.py; reference §6.2) [MeV per MIP].
inline constexpr std::array<double, 34> ldmx_v14_layer_weights = {
    2.312,  4.312,  6.522,  7.490,  8.595,  10.253, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915,
    10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 14.783,
    18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 9.938};

class EcalReconstructor
{
public:
    struct Config
    {
        HgcrocEmulator::Config chip;                   //!< ECal HGCROC (defaults: v14)
        double mip_energy_digitization = 0.130 * 0.3 / 0.5;  //!< deposit per MIP in 0.3 mm Si [MeV]
        double mip_energy_reconstruction = 0.130;      //!< ldmx-sw `mip_si_energy` (0.5 mm value) [MeV]
        double charge_per_mip = 5.9274;                //!< 37 000 e–h pairs [fC]
        double adc_gain = 320.0 / 1024;                //!< charge per ADC count [fC]
        double tot_gain = 2.5;                         //!< charge per TOT count [fC]
        double tot_pedestal = 50;                      //!< [TOT counts]
        std::vector<double> layer_weights{ldmx_v14_layer_weights.begin(), ldmx_v14_layer_weights.end()};  //!< [MeV/MIP]
        double second_order_correction = 4000.0 / 3940.5;  //!< EcalRecProducer.v14
        double speed_of_light = 299.702547;            //!< time-of-flight correction −z/c (ldmx-sw value) [mm/ns]
        bool noise_hits = true;                        //!< add noise-only hits in empty channels
    };

    //! `layer_z`: centre z of each Si layer as simulated [mm] (positions of noise hits).
    EcalReconstructor(std::shared_ptr<const geometry::EcalHexReadout> readout, std::vector<double> layer_z,
                      Config config);

    const Config& config() const noexcept { return config_; }
    const HgcrocEmulator& chip() const noexcept { return chip_; }

    //! Digitise and reconstruct one event's ECal sim hits (ordered as given; noise hits
    //! after them). The result depends only on the hits and the random stream.
    std::vector<EcalRecHit> reconstruct(const std::vector<sim::CalorimeterSimHit>& sim_hits,
                                        RandomStream& rng) const;

    //! Pulse amplitude of a deposit [mV].
    double amplitude_of(double deposit) const noexcept { return deposit * voltage_per_mev_; }
    //! Calibrated energy of N_MIP MIPs measured in `layer` [MeV].
    double energy_of(double mips, int layer) const noexcept;
    //! Mean number of noise-only hits per event with no real hits.
    double mean_noise_hits() const noexcept;

private:
    std::shared_ptr<const geometry::EcalHexReadout> readout_;
    std::vector<double> layer_z_;
    Config config_;
    HgcrocEmulator chip_;
    double voltage_per_mev_;  //!< [mV/MeV]
};
}  // namespace umbra::reco
