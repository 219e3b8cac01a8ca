#include "umbra/sim/DeepConversionBiasing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/Bremsstrahlung.hpp"
#include "umbra/sim/GammaConversion.hpp"
#include "umbra/sim/PhysicsTables.hpp"

namespace umbra::sim
{
namespace
{
LpmSuppression lpm_of(const PhysicsTables& tables)
{
    return tables.config().lpm ? LpmSuppression::geant4_threshold : LpmSuppression::disabled;
}
}  // namespace

DeepConversionBiasing::DeepConversionBiasing(std::shared_ptr<const geometry::DetectorGeometry> geometry,
                                             std::shared_ptr<const PhysicsTables> tables, Config config)
    : geometry_(std::move(geometry)), tables_(std::move(tables)), config_(std::move(config)), forced_(geometry_, tables_)
{
    if (!(config_.selection.min_photon_energy > 0))
    {
        throw InputError("deep conversion: the hard-photon threshold must be > 0 MeV");
    }
    if (config_.selection.min_photon_energy >= config_.beam_energy)
    {
        throw InputError(fmt::format("deep conversion: the hard-photon threshold {} MeV is not below the beam energy {} "
                                     "MeV, so no event can pass",
                                     config_.selection.min_photon_energy, config_.beam_energy));
    }
    brem_region_ = geometry_->require_region(config_.selection.brem_region, "deep conversion, brem region");
    conversion_region_ = geometry_->require_region(config_.selection.conversion_region, "deep conversion, conversion region");
    // The window must overlap the conversion region along z.
    double region_z_max = -1e300;
    for (const auto& v : geometry_->volumes())
    {
        if (v.region == conversion_region_) region_z_max = std::max(region_z_max, v.z_max);
    }
    if (config_.selection.conversion_z_min >= region_z_max)
    {
        throw InputError(fmt::format("deep conversion: decay z {} mm is beyond the {} region, which ends at z = {} mm",
                                     config_.selection.conversion_z_min, config_.selection.conversion_region, region_z_max));
    }
    if (config_.brem_bias > 0)
    {
        bias_ = config_.brem_bias;
    }
    else
    {
        // Automatic: B tau = 3 through the thickest volume of the brem region at the beam energy.
        double tau = 0;
        for (const auto& v : geometry_->volumes())
        {
            if (v.region != brem_region_ || v.material < 0 || !v.children.empty()) continue;
            tau = std::max(tau, hard_brem_cross_section(v.material, config_.beam_energy) * (v.z_max - v.z_min));
        }
        if (!(tau > 0)) throw InputError(fmt::format("deep conversion: no material in the brem region '{}'", config_.selection.brem_region));
        bias_ = std::max(1.0, 3.0 / tau);
    }
}

double DeepConversionBiasing::hard_brem_cross_section(int material, double kinetic_energy) const
{
    if (kinetic_energy <= config_.selection.min_photon_energy) return 0;
    const auto& mat = geometry_->material(material);
    const BremsstrahlungMedium medium{mat.electron_density(), mat.radiation_length()};
    double sigma = 0;
    for (const auto& c : mat.components())
    {
        const Bremsstrahlung brem(BremsstrahlungElement(c.element->atomic_number), medium, kinetic_energy, lpm_of(*tables_));
        sigma += c.atoms_per_volume * brem.cross_section(config_.selection.min_photon_energy);
    }
    return sigma;
}

bool DeepConversionBiasing::biasing(const Track& track) const noexcept
{
    return !photon_.tagged() && track.parent_id == 0 && track.kind == ParticleKind::electron && track.volume >= 0 &&
           geometry_->volume(track.volume).region == brem_region_;
}

double DeepConversionBiasing::cross_section(const Track& track, int material) const
{
    if (!biasing(track)) return 0;
    return (bias_ - 1) * hard_brem_cross_section(material, track.kinetic_energy);
}

void DeepConversionBiasing::interact(Track& track, int material, std::vector<Track>& secondaries, RandomStream& rng)
{
    const auto& mat = geometry_->material(material);
    const BremsstrahlungMedium medium{mat.electron_density(), mat.radiation_length()};
    // Element by its share of sigma_h.
    const auto components = mat.components();
    std::vector<double> shares;
    double total = 0;
    for (const auto& c : components)
    {
        const Bremsstrahlung brem(BremsstrahlungElement(c.element->atomic_number), medium, track.kinetic_energy,
                                  lpm_of(*tables_));
        total += c.atoms_per_volume * brem.cross_section(config_.selection.min_photon_energy);
        shares.push_back(total);
    }
    const double u = rng.uniform() * total;
    std::size_t i = 0;
    while (i + 1 < shares.size() && u >= shares[i]) ++i;
    const Bremsstrahlung brem(BremsstrahlungElement(components[i].element->atomic_number), medium, track.kinetic_energy,
                              lpm_of(*tables_));
    const auto final_state = brem.sample(config_.selection.min_photon_energy, track.direction, rng);
    Track photon;
    photon.kind = ParticleKind::gamma;
    photon.kinetic_energy = final_state.photon_energy;
    photon.direction = final_state.photon_direction;
    secondaries.push_back(photon);
    track.kinetic_energy = final_state.lepton_kinetic_energy;
    track.direction = final_state.lepton_direction;
}

void DeepConversionBiasing::begin_event(SimEvent&)
{
    optical_depth_ = 0;
    photon_.reset();
    converted_ = false;
    brem_weight_ = 1;
    conversion_weight_ = 1;
    vertex_z_ = 0;
    opening_angle_ = 0;
}

StepVerdict DeepConversionBiasing::on_step(const StepRecord& step)
{
    const auto& track = step.track;
    if (photon_.tagged() || track.parent_id != 0 || track.kind != ParticleKind::electron || step.pre_volume < 0 ||
        geometry_->volume(step.pre_volume).region != brem_region_)
    {
        return StepVerdict::proceed;
    }
    const int material = geometry_->volume(step.pre_volume).material;
    const double sigma = 0.5 * (hard_brem_cross_section(material, step.pre_kinetic_energy) +
                                hard_brem_cross_section(material, track.kinetic_energy));
    optical_depth_ += sigma * step.step_length;
    return StepVerdict::proceed;
}

StepVerdict DeepConversionBiasing::on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries)
{
    const bool in_brem_region = parent.volume >= 0 && geometry_->volume(parent.volume).region == brem_region_;
    if (photon_.tag(parent, process, secondaries, config_.selection.min_photon_energy, in_brem_region))
    {
        brem_weight_ = std::exp((bias_ - 1) * optical_depth_) / bias_;
    }
    return StepVerdict::proceed;
}

bool DeepConversionBiasing::on_track_start(const Track& track, std::vector<Track>& replacements, RandomStream& rng)
{
    if (converted_ || !photon_.is(track)) return false;
    converted_ = true;
    const auto segments = forced_.trace(track.position, track.direction, track.kinetic_energy, ProcessId::conversion);
    const auto forced = forced_.force(segments, track.position, track.direction,
                                      {.z_min = config_.selection.conversion_z_min, .region = conversion_region_}, rng);
    if (!forced)
    {
        log().debug("deep conversion: no window for photon k = {} at ({}, {}, {}) dir ({}, {}, {}), {} segments, last ends at {}",
                    track.kinetic_energy, track.position.x, track.position.y, track.position.z, track.direction.x,
                    track.direction.y, track.direction.z, segments.size(), segments.empty() ? 0.0 : segments.back().end);
        conversion_weight_ = 0;  // the window is out of reach: the event is rejected
        return true;              // and the photon dropped
    }
    conversion_weight_ = forced->probability;
    vertex_z_ = forced->vertex.z;
    const int component = tables_->sample_element(ProcessId::conversion, ParticleKind::gamma, forced->material,
                                                  track.kinetic_energy, rng.uniform());
    const auto& element = *geometry_->material(forced->material).components()[static_cast<std::size_t>(component)].element;
    static const GammaConversion conversion;
    const auto pair = conversion.sample(track.kinetic_energy, element.atomic_number, track.direction, rng);
    opening_angle_ = std::acos(std::clamp(pair.electron_direction.dot(pair.positron_direction), -1.0, 1.0));
    const double time = track.time + forced->path_length / constants::c_light;
    const auto lepton = [&](ParticleKind kind, double kinetic_energy, const ThreeVector& direction) {
        Track t;
        t.kind = kind;
        t.kinetic_energy = kinetic_energy;
        t.direction = direction;
        t.position = forced->vertex;
        t.time = time;
        t.creator = ProcessId::conversion;
        replacements.push_back(t);
    };
    lepton(ParticleKind::electron, pair.electron_kinetic_energy, pair.electron_direction);
    lepton(ParticleKind::positron, pair.positron_kinetic_energy, pair.positron_direction);
    return true;
}

bool DeepConversionBiasing::end_event(SimEvent& event)
{
    if (!photon_.tagged() || !converted_ || !(conversion_weight_ > 0))
    {
        log().debug("deep conversion: event {} rejected: {}", event.event,
                    !photon_.tagged() ? "no hard photon in the brem region"
                    : !converted_ ? "the hard photon was not transported"
                                  : "the conversion window is out of the photon's reach");
        return false;
    }
    event.weight *= brem_weight_ * conversion_weight_;
    event.conversion_vertex_z = vertex_z_;
    event.decay_vertex_z = vertex_z_;
    return true;
}
}  // namespace umbra::sim
