#include "umbra/reco/EventReconstructor.hpp"

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"

namespace umbra::reco
{
namespace
{
constexpr const char* default_text = R"([reco]
enabled = true                   # umbra sim: digitise and reconstruct inline (rec hits and /veto)

[reco.ecal]                      # ldmx-sw v14 ECal digitisation and calibration (docs/reconstruction.md)
noise = true                     # Gaussian electronic noise on every read-out channel
noise_hits = true                # noise-only hits in empty channels
pedestal_adc = 50.0
noise_rms_adc = 0.6
readout_threshold_adc = 53.0     # zero suppression: SOI count >= this
tot_threshold_mip = 50.0         # TOT readout above pedestal + this many MIPs
second_order_correction = 1.015099607    # 4000 / 3940.5 (EcalRecProducer.v14)
# layer_weights = [2.312, 4.312, ...]    # 34 values [MeV/MIP]; default: ldmx-sw v14 layerWeights

[reco.hcal]                      # ldmx-sw HcalSimpleDigiAndRecProducer / HcalVetoProcessor values
mip_energy_mev = 4.66
pe_per_mip = 68.0
noise_pe = 0.02
readout_threshold_pe = 1.0
veto_pe_threshold = 8.0
veto_max_time_ns = 50.0

[reco.ecal_veto]
beam_energy_mev = 8000.0         # photon trajectory: E_beam - pz of the recoil electron
containment_radii = "roc_v14_8gev"   # data/ecal/<name>.csv or a path (ldmx-sw RoC format)
)";
}  // namespace

std::string default_reconstruction_config_text() { return default_text; }

ReconstructionConfig read_reconstruction_config(ConfigTable& table)
{
    ReconstructionConfig config;
    config.enabled = table.get("enabled", config.enabled);

    auto ecal = table.section("ecal");
    auto& chip = config.ecal.chip;
    chip.noise = ecal.get("noise", chip.noise);
    config.ecal.noise_hits = ecal.get("noise_hits", config.ecal.noise_hits);
    chip.pedestal = ecal.get("pedestal_adc", chip.pedestal);
    chip.noise_rms = ecal.get("noise_rms_adc", chip.noise_rms);
    chip.readout_threshold = ecal.get("readout_threshold_adc", chip.readout_threshold);
    const double tot_mips = ecal.get("tot_threshold_mip", 50.0);
    chip.tot_threshold = chip.pedestal * chip.gain + tot_mips * config.ecal.charge_per_mip / chip.pad_capacitance;
    config.ecal.second_order_correction = ecal.get("second_order_correction", config.ecal.second_order_correction);
    config.ecal.layer_weights = ecal.get_doubles("layer_weights", config.ecal.layer_weights);

    auto hcal = table.section("hcal");
    config.hcal.mip_energy = hcal.get("mip_energy_mev", config.hcal.mip_energy);
    config.hcal.pe_per_mip = hcal.get("pe_per_mip", config.hcal.pe_per_mip);
    config.hcal.noise_pe = hcal.get("noise_pe", config.hcal.noise_pe);
    config.hcal.readout_threshold_pe = hcal.get("readout_threshold_pe", config.hcal.readout_threshold_pe);
    config.hcal.veto_pe_threshold = hcal.get("veto_pe_threshold", config.hcal.veto_pe_threshold);
    config.hcal.veto_max_time = hcal.get("veto_max_time_ns", config.hcal.veto_max_time);

    auto veto = table.section("ecal_veto");
    config.ecal_veto.beam_energy = veto.get("beam_energy_mev", config.ecal_veto.beam_energy);
    config.containment_radii = veto.get("containment_radii", config.containment_radii);
    return config;
}

namespace
{
std::vector<double> simulated_layer_z(const geometry::DetectorGeometry& geometry)
{
    std::vector<double> z;
    for (int layer = 0; layer < geometry.ecal().layer_count(); ++layer) z.push_back(geometry.ecal().layer_z(layer));
    return z;
}
}  // namespace

EventReconstructor::EventReconstructor(const geometry::DetectorGeometry& geometry, const ReconstructionConfig& config)
    : readout_(std::make_shared<const geometry::EcalHexReadout>()),
      layer_z_(simulated_layer_z(geometry)),
      ecal_(readout_, layer_z_, config.ecal),
      hcal_(config.hcal),
      ecal_veto_(readout_, layer_z_,
                 ContainmentRadii::load_named(config.containment_radii, geometry.ecal().layer_count()),
                 config.ecal_veto)
{
}

RecoEvent EventReconstructor::reconstruct(const sim::SimEvent& event, std::uint64_t seed) const
{
    RandomStream rng({.seed = seed, .stream = StreamId::reconstruction, .event = event.event});
    RecoEvent reco;
    reco.ecal_hits = ecal_.reconstruct(event.ecal_hits, rng);
    reco.hcal_hits = hcal_.reconstruct(event.hcal_hits, rng);
    reco.ecal_veto = ecal_veto_.compute(reco.ecal_hits, RecoilTruth::find(event));
    reco.hcal_veto = hcal_.veto(reco.hcal_hits);
    return reco;
}
}  // namespace umbra::reco
