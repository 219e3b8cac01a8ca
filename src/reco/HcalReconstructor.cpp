#include "umbra/reco/HcalReconstructor.hpp"

#include <algorithm>

#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"

namespace umbra::reco
{
HcalReconstructor::HcalReconstructor(Config config) : config_(config)
{
    if (!(config_.mip_energy > 0) || !(config_.pe_per_mip > 0) || config_.noise_pe < 0)
    {
        throw InputError(SourceLocation{"[reco.hcal] configuration", 0},
                         "mip_energy_mev and pe_per_mip must be > 0 and noise_pe >= 0");
    }
}

std::vector<HcalRecHit> HcalReconstructor::reconstruct(const std::vector<sim::CalorimeterSimHit>& sim_hits,
                                                       RandomStream& rng) const
{
    std::vector<HcalRecHit> hits;
    hits.reserve(sim_hits.size());
    for (const auto& sim_hit : sim_hits)
    {
        const double mean_pe = sim_hit.edep / config_.mip_energy * config_.pe_per_mip;
        double pe = static_cast<double>(poisson(mean_pe, rng));
        if (config_.noise_pe > 0) pe += config_.noise_pe * standard_normal(rng);
        if (pe < config_.readout_threshold_pe) continue;
        HcalRecHit hit;
        hit.id = geometry::HcalId::from_raw(sim_hit.id);
        hit.x = sim_hit.position.x;
        hit.y = sim_hit.position.y;
        hit.z = sim_hit.position.z;
        hit.pe = pe;
        hit.energy = pe / config_.pe_per_mip * config_.mip_energy;
        hit.time = sim_hit.time;
        hits.push_back(hit);
    }
    return hits;
}

HcalVetoResult HcalReconstructor::veto(const std::vector<HcalRecHit>& hits) const noexcept
{
    HcalVetoResult result;
    for (const auto& hit : hits)
    {
        if (hit.time < config_.veto_max_time) result.max_pe = std::max(result.max_pe, hit.pe);
    }
    result.passes = result.max_pe < config_.veto_pe_threshold;
    return result;
}
}  // namespace umbra::reco
