#include "umbra/sim/Transporter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/geometry/HcalId.hpp"
#include "umbra/sim/Bremsstrahlung.hpp"
#include "umbra/sim/ComptonScattering.hpp"
#include "umbra/sim/GammaConversion.hpp"
#include "umbra/sim/GammaToMuonPair.hpp"
#include "umbra/sim/HelixStep.hpp"
#include "umbra/sim/MollerBhabhaScattering.hpp"
#include "umbra/sim/PhotoelectricEffect.hpp"
#include "umbra/sim/PositronAnnihilation.hpp"

namespace umbra::sim
{
namespace
{
constexpr double infinity = std::numeric_limits<double>::infinity();

double sample_mean_free_paths(RandomStream& rng) { return -std::log(rng.uniform_open()); }

//! Add one energy deposit to a calorimeter hit: sum, earliest time, dominant track.
void add_contribution(CalorimeterSimHit& hit, double energy, const Track& track)
{
    hit.edep += energy;
    hit.time = std::min(hit.time, track.time);
    if (energy > hit.largest_contribution)
    {
        hit.largest_contribution = energy;
        hit.track_id = track.track_id;
    }
}

//! delta ray from a muon (spin 1/2) above `cut`: T sampled from 1/T^2 on [cut, T_max] with the
//! spin-1/2 factor 1 - beta^2 T/T_max + T^2/(2 E^2) as rejection weight (PDG eq. 34.6 ff.,
//! Geant4 PRM "Ionisation by muons"); directions from two-body kinematics on a free electron.
MollerBhabhaFinalState sample_muon_delta_ray(double kinetic_energy, double cut, const ThreeVector& direction,
                                             RandomStream& rng)
{
    const double m = constants::muon_mass;
    const double me = constants::electron_mass;
    const double energy = kinetic_energy + m;
    const double p2 = kinetic_energy * (kinetic_energy + 2 * m);
    const double beta2 = p2 / (energy * energy);
    const double gamma = energy / m;
    const double ratio = me / m;
    const double t_max = 2 * me * p2 / (m * m * (1 + 2 * gamma * ratio + ratio * ratio));
    MollerBhabhaFinalState out;
    out.primary_kinetic_energy = kinetic_energy;
    out.primary_direction = direction;
    if (!(t_max > cut)) return out;
    double t = cut;
    for (int attempt = 0; attempt < 1000; ++attempt)
    {
        const double u = rng.uniform();
        t = cut * t_max / (t_max - u * (t_max - cut));
        const double weight = 1 - beta2 * t / t_max + 0.5 * t * t / (energy * energy);
        if (rng.uniform() * (1 + 0.5 * t_max * t_max / (energy * energy)) <= weight) break;
    }
    const double p = std::sqrt(p2);
    const double p_delta = std::sqrt(t * (t + 2 * me));
    const double cos_theta = std::min(1.0, t * (energy + me) / (p * p_delta));
    const double sin_theta = std::sqrt(std::max(0.0, 1 - cos_theta * cos_theta));
    const double phi = 2 * constants::pi * rng.uniform();
    const ThreeVector local{sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta};
    out.delta_kinetic_energy = t;
    out.delta_direction = rotate_to_frame(local, direction);
    out.primary_kinetic_energy = kinetic_energy - t;
    out.primary_direction = (p * direction - p_delta * out.delta_direction).unit();
    return out;
}

double speed(ParticleKind kind, double kinetic_energy)
{
    const double m = particle_mass(kind);
    if (m == 0) return constants::c_light;
    const double e = kinetic_energy + m;
    return constants::c_light * std::sqrt(kinetic_energy * (kinetic_energy + 2 * m)) / e;
}

//! Continuous-loss step limit (Geant4 G4VEnergyLossProcess step function).
double step_function_limit(double range, double dr_over_range, double final_range)
{
    if (range <= final_range) return range;
    return dr_over_range * range + final_range * (1 - dr_over_range) * (2 - final_range / range);
}
}  // namespace

void TransportConfig::validate() const
{
    if (!(truth_energy_threshold >= 0)) throw InputError("sim: truth_energy_threshold must be >= 0 MeV");
    if (!(electron_dr_over_range > 0 && electron_dr_over_range <= 1 && muon_dr_over_range > 0 &&
          muon_dr_over_range <= 1))
    {
        throw InputError("sim: dr_over_range must be in (0, 1]");
    }
    if (!(electron_final_range > 0 && muon_final_range > 0)) throw InputError("sim: final_range must be positive");
    if (!(field_miss_distance > 0)) throw InputError("sim: field_miss_distance must be positive");
}

Transporter::Transporter(std::shared_ptr<const geometry::DetectorGeometry> geometry,
                         std::shared_ptr<const PhysicsTables> tables,
                         std::shared_ptr<const geometry::EcalHexReadout> readout, TransportConfig config)
    : geometry_(std::move(geometry)),
      tables_(std::move(tables)),
      readout_(std::move(readout)),
      config_(config),
      majorant_(*geometry_, *tables_)
{
    config_.validate();
    ecal_hit_index_.assign(static_cast<std::size_t>(readout_->channel_count()), -1);
}

void Transporter::add_process(std::shared_ptr<ExtraProcess> process) { processes_.push_back(std::move(process)); }

void Transporter::add_observer(std::shared_ptr<SimulationObserver> observer)
{
    observers_.push_back(std::move(observer));
}

SimEvent Transporter::simulate(std::uint64_t event, const std::vector<PrimaryParticle>& primaries, RandomStream& rng)
{
    SimEvent result;
    result.event = event;
    event_ = &result;
    next_track_id_ = 1;
    abort_event_ = false;
    stack_.clear();
    // The event weight is the generator's (LHE XWGTUP; 1 for beam and gun events).
    result.weight = primaries.empty() ? 1.0 : primaries.front().weight;
    for (auto& observer : observers_) observer->begin_event(result);

    for (const auto& primary : primaries)
    {
        const auto kind = particle_kind_from_pdg(primary.pdg);
        if (!kind)
        {
            throw InputError(fmt::format("sim: cannot transport primary with PDG id {} (umbra transports e-, e+, "
                                         "gamma, mu-, mu+)",
                                         primary.pdg));
        }
        Track track;
        track.kind = *kind;
        const double m = particle_mass(*kind);
        const double p = primary.momentum.mag();
        track.kinetic_energy = std::sqrt(p * p + m * m) - m;
        track.direction = primary.momentum.unit();
        track.position = primary.position;
        track.time = primary.time;
        track.weight = 1;  // biasing weights start at 1; the generator weight is the event's
        track.track_id = next_track_id_++;
        track.parent_id = 0;
        track.creator = ProcessId::primary;
        track.volume = geometry_->locate(track.position, track.direction);
        if (track.volume < 0)
        {
            throw InputError(fmt::format("sim: primary PDG {} at ({}, {}, {}) mm is outside the world of detector '{}'",
                                         primary.pdg, track.position.x, track.position.y, track.position.z,
                                         geometry_->name()));
        }
        TruthParticle truth;
        truth.track_id = track.track_id;
        truth.parent = -1;
        truth.pdg = primary.pdg;
        truth.status = 1;
        truth.creator = ProcessId::primary;
        truth.energy = track.kinetic_energy + m;
        truth.momentum = primary.momentum;
        truth.vertex = primary.position;
        truth.time = primary.time;
        truth.vertex_volume = track.volume;
        track.truth_ancestor = static_cast<int>(result.particles.size());
        result.particles.push_back(truth);
        stack_.push_back(track);
    }
    // Last in, first out: secondaries are followed depth first, as Geant4's urgent stack.
    std::reverse(stack_.begin(), stack_.end());
    while (!stack_.empty() && !abort_event_)
    {
        Track track = stack_.back();
        stack_.pop_back();
        if (take_over(track, rng)) continue;
        transport(std::move(track), rng);
    }
    if (abort_event_) result.rejected = true;
    for (auto& observer : observers_)
    {
        if (!result.rejected && !observer->end_event(result)) result.rejected = true;
    }
    // Reset the ECal hit map and finish the hits.
    for (int dense : ecal_touched_) ecal_hit_index_[static_cast<std::size_t>(dense)] = -1;
    ecal_touched_.clear();
    event_ = nullptr;
    return result;
}

bool Transporter::take_over(const Track& track, RandomStream& rng)
{
    for (const auto& observer : observers_)
    {
        replacements_.clear();
        if (!observer->on_track_start(track, replacements_, rng)) continue;
        if (!replacements_.empty())
        {
            // The straight path of the taken-over track to where its replacements start.
            Track moved = track;
            moved.position = replacements_.front().position;
            moved.time = replacements_.front().time;
            moved.volume = geometry_->locate(moved.position, moved.direction);
            score_crossings(moved, track.position, track.kinetic_energy, track.time);
        }
        for (const auto& replacement : replacements_)
        {
            Track parent = track;  // the daughters start where the observer put them
            parent.position = replacement.position;
            parent.time = replacement.time;
            // push_secondary starts a daughter in its parent's volume: the one at the new position
            parent.volume = geometry_->locate(parent.position, replacement.direction, track.volume);
            push_secondary(parent, replacement, replacement.creator);
        }
        replacements_.clear();
        return true;
    }
    return false;
}

void Transporter::transport(Track track, RandomStream& rng)
{
    ++event_->tracks;
    if (track.kind == ParticleKind::gamma) transport_photon(track, rng);
    else transport_charged(track, rng);
}

double Transporter::extra_cross_section(const Track& track, int material) const
{
    double sigma = 0;
    for (const auto& process : processes_)
    {
        if (process->applies_to(track.kind)) sigma += process->cross_section(track, material);
    }
    return sigma;
}

ProcessId Transporter::choose_process(const Track& track, int material, double u) const
{
    // Built-in processes by their share of the total at the current energy, then extras.
    chosen_extra_ = nullptr;
    const auto builtin = PhysicsTables::discrete_processes(track.kind);
    std::array<double, 4> sigma{};  // at most 4 built-in processes (the photon's)
    tables_->cross_sections(track.kind, material, EnergyPoint::of(track.kinetic_energy), sigma);
    double total = extra_cross_section(track, material);
    for (std::size_t p = 0; p < builtin.size(); ++p) total += sigma[p];
    double target = u * total;
    for (std::size_t p = 0; p < builtin.size(); ++p)
    {
        target -= sigma[p];
        if (target < 0) return builtin[p];
    }
    for (const auto& process : processes_)
    {
        if (!process->applies_to(track.kind)) continue;
        target -= process->cross_section(track, material);
        if (target < 0)
        {
            chosen_extra_ = process.get();
            return process->id();
        }
    }
    return builtin.empty() ? ProcessId::primary : builtin.back();
}

bool Transporter::delta_track_photon(Track& track, int region, RandomStream& rng)
{
    const auto& root = geometry_->volume(region);
    const auto& materials = majorant_.materials(region);
    while (track.kinetic_energy >= majorant_.min_energy() && !abort_event_)
    {
        double sigma_max = majorant_.majorant(region, track.kinetic_energy);
        if (!processes_.empty())
        {
            double extra = 0;
            for (int m : materials) extra = std::max(extra, extra_cross_section(track, m));
            sigma_max += extra;
        }
        const double flight = sample_mean_free_paths(rng) / sigma_max;
        const auto& p = track.position;
        const auto& d = track.direction;
        double exit = d.z > 0 ? (root.z_max - p.z) / d.z : d.z < 0 ? (root.z_min - p.z) / d.z : infinity;
        exit = std::min(exit, root.shape.distance_along(p.x, p.y, d.x, d.y, exit));
        const auto pre_position = track.position;
        pre_time_ = track.time;
        const int pre_volume = track.volume;
        ++event_->steps;
        const double step = std::min(flight, exit);
        track.position += step * track.direction;
        track.time += step / constants::c_light;
        track.volume = geometry_->locate(track.position, track.direction, track.volume);
        if (flight >= exit)
        {
            // Left the region: report the step and continue with ordinary tracking.
            return notify_step(track, pre_position, track.kinetic_energy, pre_volume, 0, ProcessId::transportation,
                               step) == StepVerdict::proceed;
        }
        if (track.volume < 0) return false;
        const int material = geometry_->volume(track.volume).material;
        const double sigma = tables_->total_cross_section(track.kind, material, track.kinetic_energy) +
                             extra_cross_section(track, material);
        if (rng.uniform() * sigma_max >= sigma)
        {
            score_crossings(track, pre_position, track.kinetic_energy, pre_time_);
            continue;  // a virtual collision: fly on
        }
        const auto process = choose_process(track, material, rng.uniform());
        if (notify_step(track, pre_position, track.kinetic_energy, pre_volume, 0, process, step) != StepVerdict::proceed)
        {
            return false;
        }
        interact(track, process, material, rng);
        if (track.kinetic_energy <= 0) return false;
    }
    return !abort_event_;
}

void Transporter::transport_photon(Track& track, RandomStream& rng)
{
    double mean_free_paths = sample_mean_free_paths(rng);
    for (std::uint64_t steps = 0; steps < config_.max_steps_per_track; ++steps)
    {
        if (track.volume < 0 || abort_event_) return;
        if (track.kinetic_energy < tables_->lowest_energy())
        {
            deposit(track, track.kinetic_energy, track.position);
            return;
        }
        if (config_.photon_delta_tracking && track.kinetic_energy >= majorant_.min_energy())
        {
            if (const int region = majorant_.region(track.volume); region >= 0)
            {
                if (!delta_track_photon(track, region, rng)) return;
                mean_free_paths = sample_mean_free_paths(rng);
                continue;
            }
        }
        const auto& volume = geometry_->volume(track.volume);
        const int material = volume.material;
        const double sigma = tables_->total_cross_section(track.kind, material, track.kinetic_energy) +
                             extra_cross_section(track, material);
        const double interaction_distance = sigma > 0 ? mean_free_paths / sigma : infinity;
        const double boundary = geometry_->distance_to_boundary(track.position, track.direction, track.volume);
        const bool interacts = interaction_distance < boundary;
        const double step = interacts ? interaction_distance : boundary;
        const auto pre_position = track.position;
        pre_time_ = track.time;
        const int pre_volume = track.volume;
        track.position += step * track.direction;
        track.time += step / constants::c_light;
        ++event_->steps;
        if (interacts)
        {
            const auto process = choose_process(track, material, rng.uniform());
            if (notify_step(track, pre_position, track.kinetic_energy, pre_volume, 0, process, step) !=
                StepVerdict::proceed)
            {
                return;
            }
            interact(track, process, material, rng);
            if (track.kinetic_energy <= 0) return;
            mean_free_paths = sample_mean_free_paths(rng);
        }
        else
        {
            mean_free_paths -= sigma * step;
            track.volume = geometry_->locate(track.position, track.direction, track.volume);
            if (notify_step(track, pre_position, track.kinetic_energy, pre_volume, 0, ProcessId::transportation, step) !=
                StepVerdict::proceed)
            {
                return;
            }
        }
    }
}

void Transporter::transport_charged(Track& track, RandomStream& rng)
{
    const bool is_muon = track.kind == ParticleKind::muon_minus || track.kind == ParticleKind::muon_plus;
    const double mass = particle_mass(track.kind);
    const double charge = particle_charge(track.kind);
    const double dr_over_range = is_muon ? config_.muon_dr_over_range : config_.electron_dr_over_range;
    const double final_range = is_muon ? config_.muon_final_range : config_.electron_final_range;
    const Projectile projectile = track.kind == ParticleKind::electron   ? Projectile::electron
                                  : track.kind == ParticleKind::positron ? Projectile::positron
                                                                          : Projectile::heavy;
    double mean_free_paths = sample_mean_free_paths(rng);
    bool on_boundary = true;  // a new track starts as if entering: msc randomises its first step
    track.msc = MscTrackState{};
    // ln E of the kinetic energy left by the previous step, shared by this step's lookups, and
    // lambda1 of the multiple-scattering model at that energy (both exact: the same numbers
    // the lookups would compute again).
    EnergyPoint carried{-1.0, 0.0};
    const MultipleScattering* carried_msc = nullptr;
    double carried_lambda_energy = -1;
    MscLambda carried_lambda{};

    for (std::uint64_t steps = 0; steps < config_.max_steps_per_track; ++steps)
    {
        if (track.volume < 0 || abort_event_) return;
        const double energy = track.kinetic_energy;
        if (energy < tables_->lowest_energy())
        {
            // Stopped: deposit locally; a positron annihilates at rest.
            deposit(track, energy, track.position);
            if (track.kind == ParticleKind::positron)
            {
                for (const auto& photon : PositronAnnihilation::sample_at_rest(rng))
                {
                    Track gamma;
                    gamma.kind = ParticleKind::gamma;
                    gamma.kinetic_energy = photon.energy;
                    gamma.direction = photon.direction;
                    push_secondary(track, gamma, ProcessId::annihilation);
                }
            }
            track.kinetic_energy = 0;
            return;
        }
        const auto& volume = geometry_->volume(track.volume);
        const int material = volume.material;
        const EnergyPoint point = energy == carried.energy ? carried : EnergyPoint::of(energy);
        const double range = tables_->range(track.kind, material, point);
        // Range rejection (EGS4's ESAVE option, off by default): an e+- below the threshold that
        // cannot leave a non-sensitive volume deposits its energy there at once. It neglects the
        // bremsstrahlung the electron could still emit on the way.
        if (energy < config_.range_rejection_energy && volume.sensitive.kind == geometry::SensitiveKind::none &&
            range < geometry_->safety(track.position, track.volume))
        {
            track.kinetic_energy = tables_->lowest_energy() * 0.5;
            deposit(track, energy - track.kinetic_energy, track.position);
            continue;  // the stopping branch above deposits the rest (and annihilates a positron)
        }

        // 1. Continuous-loss limit and the energy reachable within it.
        const double loss_limit = step_function_limit(range, dr_over_range, final_range);
        const EnergyPoint lowest_reachable = loss_limit >= range
                                                 ? EnergyPoint{0.0, -infinity}
                                                 : tables_->energy_from_range(track.kind, material, range - loss_limit, point);

        // 2. Discrete interactions, integral approach.
        const double sigma_max = std::max(tables_->max_total_cross_section_below(track.kind, material, point, lowest_reachable),
                                          0.0) +
                                 extra_cross_section(track, material);
        const double discrete_distance = sigma_max > 0 ? mean_free_paths / sigma_max : infinity;
        double true_step = std::min(loss_limit, discrete_distance);
        bool discrete_limited = discrete_distance < loss_limit;

        // 3. Multiple-scattering limit (true path length).
        const auto field = geometry_->field_tesla(track.position);
        const bool in_field = field.mag2() > 0;
        const MultipleScattering* msc = config_.multiple_scattering && !in_field ? &tables_->multiple_scattering(track.kind, material) : nullptr;
        double safety = 0;
        MscLambda lambda0{};
        if (msc)
        {
            lambda0 = msc == carried_msc && energy == carried_lambda_energy
                          ? carried_lambda
                          : msc->transport_mean_free_path_at(point.log_energy);
            safety = geometry_->safety(track.position, track.volume);
            const double limited = msc->limit_step(energy, range, safety, true_step,
                                                   on_boundary ? MscStepStart::boundary : MscStepStart::interior,
                                                   track.msc, rng, lambda0.value);
            if (limited < true_step)
            {
                true_step = limited;
                discrete_limited = false;
            }
        }

        // 4. Geometry: convert to a geometric length and cut at the next boundary.
        const auto pre_position = track.position;
        pre_time_ = track.time;
        const auto pre_direction = track.direction;
        const int pre_volume = track.volume;
        // (the same lookup as lowest_reachable when the loss limit decided the step)
        const EnergyPoint end_estimate =
            !(true_step < range)   ? EnergyPoint{0.0, -infinity}
            : true_step == loss_limit ? lowest_reachable
                                      : tables_->energy_from_range(track.kind, material, range - true_step, point);
        const double end_energy_estimate = end_estimate.energy;
        MscStep msc_step;
        double geom_step = true_step;
        if (msc)
        {
            msc_step = msc->true_to_geom(true_step, energy, range, lambda0, end_estimate.log_energy);
            geom_step = msc_step.geom_length;
        }
        bool boundary_limited = false;
        ThreeVector locate_direction = track.direction;
        if (in_field)
        {
            const double momentum = std::sqrt(energy * (energy + 2 * mass));
            const double chord_limit =
                helix_chord_limit(track.direction, charge, momentum, field, config_.field_miss_distance);
            if (chord_limit < geom_step)
            {
                // A step shortened by the chord criterion ends before the sampled interaction
                // point: no interaction there (the mean free paths left carry over).
                geom_step = chord_limit;
                discrete_limited = false;
            }
            const auto end = helix_step(track.position, track.direction, geom_step, charge, momentum, field);
            const auto chord = end.position - track.position;
            const double chord_length = chord.mag();
            const auto chord_direction = chord_length > 0 ? chord * (1 / chord_length) : track.direction;
            const double boundary = geometry_->distance_to_boundary(track.position, chord_direction, track.volume);
            if (boundary < chord_length)
            {
                // Stop where the chord meets the surface (the arc is within the miss distance of it).
                geom_step *= boundary / chord_length;
                const auto cut = helix_step(track.position, track.direction, geom_step, charge, momentum, field);
                track.position = track.position + boundary * chord_direction;
                track.direction = cut.direction;
                boundary_limited = true;
                discrete_limited = false;
            }
            else
            {
                track.position = end.position;
                track.direction = end.direction;
            }
            true_step = geom_step;
            // The new volume is decided along the chord direction, once the step's energy has
            // been deposited in the volume it was taken in (step 7).
            locate_direction = chord_direction;
        }
        else
        {
            const double boundary = geometry_->distance_to_boundary(track.position, track.direction, track.volume);
            if (boundary < geom_step)
            {
                geom_step = boundary;
                boundary_limited = true;
                discrete_limited = false;
                true_step = msc ? msc->geom_to_true(msc_step, geom_step) : geom_step;
            }
            track.position += geom_step * track.direction;
        }

        // 5. Continuous energy loss over the true step.
        double mean_loss;
        if (true_step < config_.linear_loss_limit * range)
        {
            mean_loss = true_step * tables_->dedx(track.kind, material, point);
        }
        else
        {
            // The end-of-step energy estimated above is exact unless a boundary shortened the step.
            const bool step_unchanged = !boundary_limited && !in_field;
            mean_loss = energy - (true_step >= range  ? 0.0
                                  : step_unchanged ? end_energy_estimate
                                                   : tables_->energy_from_range(track.kind, material, range - true_step, point).energy);
        }
        mean_loss = std::clamp(mean_loss, 0.0, energy);
        double loss = mean_loss;
        if (config_.loss_fluctuations && mean_loss > 0 && mean_loss < energy)
        {
            FluctuationInput input;
            input.mean_loss = mean_loss;
            input.step_length = true_step;
            input.kinetic_energy = energy;
            input.mass = mass;
            input.charge = charge;
            input.cut_energy = tables_->production_thresholds(material).electron;
            input.max_energy_transfer = EnergyLossFluctuation::max_energy_transfer(energy, mass, projectile);
            loss = std::clamp(fluctuation_(tables_->fluctuation_data(material), input, rng), 0.0, energy);
        }
        track.kinetic_energy = energy - loss;
        const EnergyPoint post = track.kinetic_energy > 0 ? EnergyPoint::of(track.kinetic_energy)
                                                          : EnergyPoint{0.0, -infinity};
        carried = post;
        track.time += true_step / speed(track.kind, 0.5 * (energy + track.kinetic_energy));
        ++event_->steps;

        // 6. Multiple scattering: deflection and lateral displacement (not when the step ended on
        // a boundary, where the displacement could cross it).
        if (msc && track.kinetic_energy > 0)
        {
            if (!boundary_limited) msc_step.true_length = true_step;
            else
            {
                msc_step.true_length = true_step;
                msc_step.geom_length = geom_step;
            }
            const double post_safety = boundary_limited ? 0.0 : geometry_->safety(track.position, track.volume);
            const MscLambda lambda_end = track.kinetic_energy == energy
                                             ? lambda0
                                             : msc->transport_mean_free_path_at(post.log_energy);
            carried_msc = msc;
            carried_lambda_energy = track.kinetic_energy;
            carried_lambda = lambda_end;
            const auto deflection =
                msc->sample_scattering(msc_step, track.kinetic_energy, lambda_end, post_safety, rng);
            track.direction = rotate_to_frame(deflection.direction, pre_direction).unit();
            if (!boundary_limited && post_safety > 0)
            {
                auto displacement = rotate_to_frame(deflection.displacement, pre_direction);
                const double length = displacement.mag();
                // Keep the displaced point inside the volume (Geant4 AlongStepDoIt clips to 0.99 safety).
                if (length > 0.99 * post_safety) displacement *= 0.99 * post_safety / length;
                track.position += displacement;
            }
        }

        // 7. Deposit the continuous loss along the step (at its midpoint).
        if (loss > 0) deposit(track, loss, 0.5 * (pre_position + track.position));
        on_boundary = boundary_limited;
        mean_free_paths -= sigma_max * true_step;

        if (boundary_limited)
        {
            track.volume =
                geometry_->locate(track.position, in_field ? locate_direction : track.direction, track.volume);
            track.msc.first_step = true;
            if (notify_step(track, pre_position, energy, pre_volume, loss, ProcessId::transportation, true_step) !=
                StepVerdict::proceed)
            {
                return;
            }
            continue;
        }
        if (discrete_limited && track.kinetic_energy >= tables_->lowest_energy())
        {
            // Accept the candidate interaction with sigma(E_post) / sigma_max.
            const double sigma_post = tables_->total_cross_section(track.kind, material, post) +
                                      extra_cross_section(track, material);
            if (rng.uniform() * sigma_max < sigma_post)
            {
                const auto process = choose_process(track, material, rng.uniform());
                if (notify_step(track, pre_position, energy, pre_volume, loss, process, true_step) != StepVerdict::proceed)
                {
                    return;
                }
                interact(track, process, material, rng);
                if (track.kinetic_energy <= 0) return;
            }
            else if (notify_step(track, pre_position, energy, pre_volume, loss, ProcessId::ionisation, true_step) !=
                     StepVerdict::proceed)
            {
                return;
            }
            mean_free_paths = sample_mean_free_paths(rng);
            continue;
        }
        if (notify_step(track, pre_position, energy, pre_volume, loss, ProcessId::ionisation, true_step) !=
            StepVerdict::proceed)
        {
            return;
        }
    }
}

void Transporter::interact(Track& track, ProcessId process, int material, RandomStream& rng)
{
    scratch_.clear();
    // An extra process chosen by choose_process() runs whatever its id: it may reuse a built-in
    // id (a biased bremsstrahlung reports "eBrem"), so it is dispatched by pointer.
    ExtraProcess* const extra_process = chosen_extra_;
    chosen_extra_ = nullptr;
    if (extra_process != nullptr) process = ProcessId::transportation;  // no built-in case: the default branch
    const double energy = track.kinetic_energy;
    const auto& mat = geometry_->material(material);
    const auto element_at = [&](ProcessId p) {
        const int component = tables_->sample_element(p, track.kind, material, energy, rng.uniform());
        return mat.components()[static_cast<std::size_t>(component)].element;
    };
    const auto add = [&](ParticleKind kind, double kinetic_energy, const ThreeVector& direction) {
        Track t;
        t.kind = kind;
        t.kinetic_energy = kinetic_energy;
        t.direction = direction;
        scratch_.push_back(t);
    };
    double local_deposit = 0;
    switch (process)
    {
        case ProcessId::ionisation:
        {
            const Lepton lepton = track.kind == ParticleKind::positron ? Lepton::positron : Lepton::electron;
            const auto final_state =
                MollerBhabhaScattering(lepton, energy).sample(tables_->production_thresholds(material).electron, track.direction, rng);
            add(ParticleKind::electron, final_state.delta_kinetic_energy, final_state.delta_direction);
            track.kinetic_energy = final_state.primary_kinetic_energy;
            track.direction = final_state.primary_direction;
            break;
        }
        case ProcessId::muon_ionisation:
        {
            const auto delta = sample_muon_delta_ray(energy, tables_->production_thresholds(material).electron, track.direction, rng);
            if (delta.delta_kinetic_energy > 0)
            {
                add(ParticleKind::electron, delta.delta_kinetic_energy, delta.delta_direction);
            }
            track.kinetic_energy = delta.primary_kinetic_energy;
            track.direction = delta.primary_direction;
            break;
        }
        case ProcessId::bremsstrahlung:
        {
            const auto* element = element_at(process);
            const BremsstrahlungMedium medium{mat.electron_density(), mat.radiation_length()};
            const Bremsstrahlung brem(BremsstrahlungElement(element->atomic_number), medium, energy,
                                      tables_->config().lpm ? LpmSuppression::geant4_threshold
                                                            : LpmSuppression::disabled);
            const auto final_state = brem.sample(tables_->production_thresholds(material).gamma, track.direction, rng);
            add(ParticleKind::gamma, final_state.photon_energy, final_state.photon_direction);
            track.kinetic_energy = final_state.lepton_kinetic_energy;
            track.direction = final_state.lepton_direction;
            break;
        }
        case ProcessId::annihilation:
        {
            for (const auto& photon : PositronAnnihilation(energy).sample(track.direction, rng))
            {
                add(ParticleKind::gamma, photon.energy, photon.direction);
            }
            track.kinetic_energy = 0;
            break;
        }
        case ProcessId::compton:
        {
            static const ComptonScattering compton;
            const auto final_state = compton.sample(energy, track.direction, rng);
            if (final_state.electron_kinetic_energy > 0)
            {
                add(ParticleKind::electron, final_state.electron_kinetic_energy, final_state.electron_direction);
            }
            local_deposit += final_state.deposited_energy;
            track.kinetic_energy = final_state.photon_energy;
            if (final_state.photon_energy > 0) track.direction = final_state.photon_direction;
            break;
        }
        case ProcessId::photoelectric:
        {
            static const PhotoelectricEffect photoelectric;
            const auto* element = element_at(process);
            const auto final_state = photoelectric.sample(energy, element->atomic_number, track.direction, rng);
            if (final_state.electron_kinetic_energy > 0)
            {
                add(ParticleKind::electron, final_state.electron_kinetic_energy, final_state.electron_direction);
            }
            local_deposit += final_state.deposited_energy;
            track.kinetic_energy = 0;
            break;
        }
        case ProcessId::conversion:
        {
            static const GammaConversion conversion;
            const auto* element = element_at(process);
            const auto final_state = conversion.sample(energy, element->atomic_number, track.direction, rng);
            add(ParticleKind::electron, final_state.electron_kinetic_energy, final_state.electron_direction);
            add(ParticleKind::positron, final_state.positron_kinetic_energy, final_state.positron_direction);
            track.kinetic_energy = 0;
            break;
        }
        case ProcessId::muon_pair:
        {
            static const GammaToMuonPair muon_pair;
            const auto* element = element_at(process);
            const auto final_state =
                muon_pair.sample(energy, element->atomic_number, element->atomic_mass, track.direction, rng);
            add(ParticleKind::muon_plus, final_state.mu_plus_kinetic_energy, final_state.mu_plus_direction);
            add(ParticleKind::muon_minus, final_state.mu_minus_kinetic_energy, final_state.mu_minus_direction);
            track.kinetic_energy = 0;
            break;
        }
        default:
        {
            if (extra_process != nullptr)
            {
                extra_process->interact(track, material, scratch_, rng);
                process = extra_process->id();
                break;
            }
            for (const auto& extra : processes_)
            {
                if (extra->id() == process && extra->applies_to(track.kind))
                {
                    extra->interact(track, material, scratch_, rng);
                    break;
                }
            }
            break;
        }
    }
    if (local_deposit > 0) deposit(track, local_deposit, track.position);
    for (const auto& observer : observers_)
    {
        const auto verdict = observer->on_interaction(track, process, scratch_);
        if (verdict == StepVerdict::abort_event) abort_event_ = true;
        if (verdict != StepVerdict::proceed) track.kinetic_energy = 0;
    }
    for (auto& secondary : scratch_) push_secondary(track, secondary, process);
    scratch_.clear();
}

void Transporter::push_secondary(const Track& parent, Track secondary, ProcessId process)
{
    secondary.weight = parent.weight;
    secondary.track_id = next_track_id_++;
    secondary.parent_id = parent.track_id;
    if (!secondary.displaced) secondary.creator = process;  // displaced products say how they were made (Decay)
    if (secondary.displaced)
    {
        // Made elsewhere by the process (a decay vertex): keep where and when, find the volume.
        secondary.volume = geometry_->locate(secondary.position, secondary.direction);
        if (secondary.truth_ancestor < 0) secondary.truth_ancestor = parent.truth_ancestor;
    }
    else
    {
        secondary.position = parent.position;
        secondary.time = parent.time;
        // A secondary starts in its parent's volume, as in Geant4 (G4SteppingManager::InvokePSDIP
        // gives it the parent's touchable): interactions happen inside the volume the parent was
        // located in, so searching the geometry again would give the same volume.
        secondary.volume = parent.volume;
        secondary.truth_ancestor = parent.truth_ancestor;
    }
    if (secondary.kinetic_energy >= config_.truth_energy_threshold)
    {
        const double m = particle_mass(secondary.kind);
        const double p = std::sqrt(secondary.kinetic_energy * (secondary.kinetic_energy + 2 * m));
        TruthParticle truth;
        truth.track_id = secondary.track_id;
        truth.parent = secondary.truth_ancestor;  // the parent's, or a displaced product's own ancestor
        truth.pdg = pdg_code(secondary.kind);
        truth.status = 2;
        truth.creator = process;
        truth.energy = secondary.kinetic_energy + m;
        truth.momentum = p * secondary.direction;
        truth.vertex = secondary.position;
        truth.time = secondary.time;
        truth.vertex_volume = secondary.volume;
        secondary.truth_ancestor = static_cast<int>(event_->particles.size());
        event_->particles.push_back(truth);
    }
    if (secondary.kinetic_energy <= 0 && secondary.kind != ParticleKind::positron) return;
    if (secondary.volume < 0) return;  // a displaced product born outside the world
    stack_.push_back(secondary);
}

void Transporter::deposit(const Track& track, double energy, const ThreeVector& where)
{
    if (energy <= 0 || track.volume < 0) return;
    for (const auto& observer : observers_) observer->on_energy_deposit(track, energy, where);
    const auto& volume = geometry_->volume(track.volume);
    const auto& sensitive = volume.sensitive;
    if (sensitive.kind == geometry::SensitiveKind::ecal_silicon)
    {
        event_->ecal_edep += energy;
        const auto id = readout_->locate(sensitive.layer, where.x, where.y);
        if (!id)
        {
            event_->ecal_edep_outside_cells += energy;
            return;
        }
        const int dense = id->dense_index();
        int& row = ecal_hit_index_[static_cast<std::size_t>(dense)];
        if (row < 0)
        {
            row = static_cast<int>(event_->ecal_hits.size());
            ecal_touched_.push_back(dense);
            CalorimeterSimHit hit;
            hit.id = id->raw();
            const auto centre = readout_->cell_centre(*id);
            hit.position = {centre.x, centre.y, geometry_->ecal().layer_z(sensitive.layer)};
            hit.time = track.time;
            event_->ecal_hits.push_back(hit);
        }
        add_contribution(event_->ecal_hits[static_cast<std::size_t>(row)], energy, track);
        return;
    }
    if (sensitive.kind == geometry::SensitiveKind::hcal_scintillator)
    {
        event_->hcal_edep += energy;
        const double coordinate = sensitive.segmentation_axis == geometry::Axis::x   ? where.x
                                  : sensitive.segmentation_axis == geometry::Axis::y ? where.y
                                                                                     : where.z;
        const int strip = std::clamp(static_cast<int>(std::floor((coordinate - sensitive.bar_origin) / sensitive.bar_width)),
                                     0, sensitive.bar_count - 1);
        const geometry::HcalId id(sensitive.section, sensitive.layer, strip);
        auto it = std::find_if(event_->hcal_hits.begin(), event_->hcal_hits.end(),
                               [&](const CalorimeterSimHit& h) { return h.id == id.raw(); });
        if (it == event_->hcal_hits.end())
        {
            CalorimeterSimHit hit;
            hit.id = id.raw();
            // Bar centre on the segmentation axis, the layer's centre on the others.
            const auto& b = volume.shape.bounds();
            ThreeVector centre{0.5 * (b.x_min + b.x_max), 0.5 * (b.y_min + b.y_max), 0.5 * (volume.z_min + volume.z_max)};
            const double bar_centre = sensitive.bar_origin + (strip + 0.5) * sensitive.bar_width;
            if (sensitive.segmentation_axis == geometry::Axis::x) centre.x = bar_centre;
            else if (sensitive.segmentation_axis == geometry::Axis::y) centre.y = bar_centre;
            else centre.z = bar_centre;
            hit.position = centre;
            hit.time = track.time;
            event_->hcal_hits.push_back(hit);
            it = event_->hcal_hits.end() - 1;
        }
        add_contribution(*it, energy, track);
    }
}

void Transporter::score_crossings(const Track& track, const ThreeVector& pre_position, double pre_energy,
                                  double pre_time)
{
    const auto& planes = geometry_->scoring_planes();
    if (planes.empty() || pre_energy < config_.scoring_energy_threshold) return;
    const double z0 = pre_position.z;
    const double z1 = track.position.z;
    if (z0 == z1) return;
    for (const auto& plane : planes)
    {
        if ((z0 < plane.z) == (z1 < plane.z)) continue;
        // Crossing on the straight segment (steps are straight outside the field, chords inside).
        const double f = (plane.z - z0) / (z1 - z0);
        const auto segment = track.position - pre_position;
        const double m = particle_mass(track.kind);
        const double p = std::sqrt(pre_energy * (pre_energy + 2 * m));
        ScoringPlaneHit hit;
        hit.plane_id = plane.id;
        hit.track_id = track.track_id;
        hit.pdg = pdg_code(track.kind);
        hit.position = pre_position + f * segment;
        hit.position.z = plane.z;
        hit.momentum = p * segment.unit();
        hit.energy = pre_energy + m;
        hit.time = pre_time + f * (track.time - pre_time);
        event_->scoring_hits.push_back(hit);
    }
}

StepVerdict Transporter::notify_step(const Track& track, const ThreeVector& pre_position, double pre_energy,
                                     int pre_volume, double deposit, ProcessId process, double step_length)
{
    score_crossings(track, pre_position, pre_energy, pre_time_);
    if (observers_.empty()) return StepVerdict::proceed;
    const StepRecord record{track, pre_position, pre_energy, pre_volume, track.volume, deposit, process, step_length};
    for (const auto& observer : observers_)
    {
        const auto verdict = observer->on_step(record);
        if (verdict == StepVerdict::abort_event)
        {
            abort_event_ = true;
            return verdict;
        }
        if (verdict == StepVerdict::kill_track) return verdict;
    }
    return StepVerdict::proceed;
}
}  // namespace umbra::sim
