#include "umbra/reco/EcalReconstructor.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"

namespace umbra::reco
{
EcalReconstructor::EcalReconstructor(std::shared_ptr<const geometry::EcalHexReadout> readout,
                                     std::vector<double> layer_z, Config config)
    : readout_(std::move(readout)), layer_z_(std::move(layer_z)), config_(std::move(config)), chip_(config_.chip)
{
    const SourceLocation where{"[reco.ecal] configuration", 0};
    const auto layers = static_cast<std::size_t>(readout_->layer_count());
    if (config_.layer_weights.size() != layers)
    {
        throw InputError(where, fmt::format("layer_weights has {} entries but the ECal has {} layers",
                                            config_.layer_weights.size(), layers));
    }
    if (layer_z_.size() != layers)
    {
        throw InputError(where, fmt::format("the detector has {} ECal layer positions for {} readout layers",
                                            layer_z_.size(), layers));
    }
    if (!(config_.mip_energy_digitization > 0) || !(config_.mip_energy_reconstruction > 0) ||
        !(config_.charge_per_mip > 0) || !(config_.adc_gain > 0) || !(config_.tot_gain > 0) ||
        !(config_.speed_of_light > 0) || !(config_.second_order_correction > 0))
    {
        throw InputError(where, "MIP energies, charge per MIP, gains, correction and speed of light must be > 0");
    }
    voltage_per_mev_ = config_.charge_per_mip / config_.mip_energy_digitization / config_.chip.pad_capacitance;
}

double EcalReconstructor::energy_of(double mips, int layer) const noexcept
{
    return (mips * config_.layer_weights[static_cast<std::size_t>(layer)] + mips * config_.mip_energy_reconstruction) *
           config_.second_order_correction;
}

double EcalReconstructor::mean_noise_hits() const noexcept
{
    return config_.noise_hits ? chip_.noise_readout_probability() * readout_->channel_count() : 0.0;
}

std::vector<EcalRecHit> EcalReconstructor::reconstruct(const std::vector<sim::CalorimeterSimHit>& sim_hits,
                                                       RandomStream& rng) const
{
    std::vector<EcalRecHit> rec_hits;
    rec_hits.reserve(sim_hits.size() + 1);
    std::vector<int> occupied;
    occupied.reserve(sim_hits.size());
    const auto make_hit = [&](geometry::EcalId id, const HgcrocSample& sample) -> std::optional<EcalRecHit> {
        const double charge = sample.tot_mode ? (sample.tot - config_.tot_pedestal) * config_.tot_gain
                                              : (sample.adc - config_.chip.pedestal) * config_.adc_gain;
        if (charge < 0) return std::nullopt;  // EcalRecProducer drops negative charges
        const double mips = charge / config_.charge_per_mip;
        EcalRecHit hit;
        hit.id = id;
        hit.amplitude = mips * config_.mip_energy_reconstruction;
        hit.energy = energy_of(mips, id.layer());
        hit.adc = sample.tot_mode ? -1 : sample.adc;
        hit.tot = sample.tot_mode ? sample.tot : -1;
        return hit;
    };

    for (const auto& sim_hit : sim_hits)
    {
        const auto id = geometry::EcalId::from_raw(sim_hit.id);
        if (!id || !readout_->contains(*id))
        {
            throw InputError(fmt::format("ECal sim hit with id 0x{:08x} is not a channel of the v14 readout", sim_hit.id));
        }
        occupied.push_back(id->dense_index());
        const PulseContribution pulse{amplitude_of(sim_hit.edep), sim_hit.time - sim_hit.position.z / config_.speed_of_light};
        const auto sample = chip_.digitize({&pulse, 1}, rng);
        if (!sample) continue;
        auto hit = make_hit(*id, *sample);
        if (!hit) continue;
        hit->x = sim_hit.position.x;
        hit->y = sim_hit.position.y;
        hit->z = sim_hit.position.z;
        hit->time = pulse.time;
        rec_hits.push_back(*hit);
    }

    if (!config_.noise_hits) return rec_hits;
    std::sort(occupied.begin(), occupied.end());
    occupied.erase(std::unique(occupied.begin(), occupied.end()), occupied.end());
    const auto channels = static_cast<std::uint64_t>(readout_->channel_count());
    const std::uint64_t empty = channels - occupied.size();
    const std::uint64_t noise_count = binomial(empty, chip_.noise_readout_probability(), rng);
    for (std::uint64_t n = 0; n < noise_count; ++n)
    {
        int index;
        for (;;)  // a uniformly chosen channel that is still empty
        {
            index = static_cast<int>(rng.uniform() * static_cast<double>(channels));
            const auto it = std::lower_bound(occupied.begin(), occupied.end(), index);
            if (it == occupied.end() || *it != index)
            {
                occupied.insert(it, index);
                break;
            }
        }
        const auto id = geometry::EcalId::from_dense_index(index);
        HgcrocSample sample;
        sample.adc = chip_.sample_noise_adc(rng);
        auto hit = make_hit(id, sample);
        if (!hit) continue;
        const auto centre = readout_->cell_centre(id);
        hit->x = centre.x;
        hit->y = centre.y;
        hit->z = layer_z_[static_cast<std::size_t>(id.layer())];
        hit->noise = true;
        rec_hits.push_back(*hit);
    }
    return rec_hits;
}
}  // namespace umbra::reco
