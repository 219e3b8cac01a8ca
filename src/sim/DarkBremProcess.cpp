#include "umbra/sim/DarkBremProcess.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/lhe/TwoBodyDecay.hpp"
#include "umbra/physics/DarkParticle.hpp"
#include "umbra/sim/SimEvent.hpp"

namespace umbra::sim
{
DarkBremLepton parse_dark_brem_lepton(std::string_view name)
{
    if (name == "electron") return DarkBremLepton::electron;
    if (name == "muon") return DarkBremLepton::muon;
    throw InputError(fmt::format("unknown dark-brem lepton '{}' (expected electron or muon)", name));
}

AprimeDecay parse_aprime_decay(std::string_view name)
{
    if (name == "none") return AprimeDecay::none;
    if (name == "physical") return AprimeDecay::physical;
    if (name == "flat") return AprimeDecay::flat;
    throw InputError(fmt::format("unknown A' decay '{}' (expected none, physical or flat)", name));
}

namespace
{
double mass_of(DarkBremLepton lepton) noexcept
{
    return lepton == DarkBremLepton::muon ? constants::muon_mass : constants::electron_mass;
}

void validate(const DarkBremProcess::Config& c)
{
    if (c.decay != AprimeDecay::none && c.aprime_mass >= 2 * constants::muon_mass)
    {
        throw InputError(fmt::format("dark brem: A' decays are modelled to e+e- only, so they need m_A' < 2 m_mu "
                                     "({:.1f} MeV); m_A' = {} MeV",
                                     2 * constants::muon_mass, c.aprime_mass));
    }
    if (c.decay == AprimeDecay::flat && !(c.decay_min >= 0 && c.decay_max > c.decay_min))
    {
        throw InputError("dark brem: flat decays need 0 <= decay_min_mm < decay_max_mm");
    }
    if (c.library.empty()) throw InputError("dark brem: no reference library given (library = DIR or FILE)");
    if (!(c.aprime_mass > 0)) throw InputError("dark brem: the A' mass must be positive [MeV]");
    if (!(c.epsilon > 0)) throw InputError("dark brem: epsilon must be positive");
    if (c.bias != 0 && c.bias < 1) throw InputError("dark brem: bias must be >= 1 (or 0 for LDMX's default)");
    if (!(c.beam_energy > 0)) throw InputError("dark brem: beam_energy must be positive [MeV]");
}
}  // namespace

double DarkBremProcess::ldmx_bias(double aprime_mass, double epsilon)
{
    // ldmx-sw target.dark_brem: m_A'^p / ε², p = max(log10(m_A' [MeV]), 2) (reference §8.4).
    return std::pow(aprime_mass / units::MeV, std::max(std::log10(aprime_mass / units::MeV), 2.0)) /
           (epsilon * epsilon);
}

DarkBremProcess::Shared DarkBremProcess::prepare(const geometry::DetectorGeometry& geometry, const Config& config,
                                                 unsigned threads)
{
    validate(config);
    Shared shared;
    shared.library = std::make_shared<const darkbrem::ReferenceLibrary>(darkbrem::ReferenceLibrary::load(config.library));
    if (shared.library->size() == 0)
    {
        throw InputError(SourceLocation{config.library.string(), 0}, "the dark-brem library holds no events");
    }
    DarkBremCrossSectionTable::Config table;
    table.cross_section.dark_photon_mass = config.aprime_mass;
    table.cross_section.lepton_mass = mass_of(config.lepton);
    table.cross_section.epsilon = config.epsilon;
    table.cross_section.method = config.method;
    table.cross_section.threshold = config.threshold;
    // The quadratic interpolation on the 10 % grid is good to ~1e-3; integrals to 1e-5 are
    // plenty and several times faster than the 1e-7 default.
    table.cross_section.relative_tolerance = 1e-5;
    table.max_kinetic_energy = 1.05 * config.beam_energy;
    table.threads = threads;
    shared.cross_sections = std::make_shared<const DarkBremCrossSectionTable>(
        geometry, geometry.require_region(config.region, "dark brem"), table);
    return shared;
}

DarkBremProcess::DarkBremProcess(std::shared_ptr<const geometry::DetectorGeometry> geometry, Shared shared,
                                 Config config)
    : geometry_(std::move(geometry)),
      shared_(std::move(shared)),
      config_(std::move(config)),
      sampler_(*shared_.library, darkbrem::LibrarySampler::Config{.aprime_mass = config_.aprime_mass,
                                                                   .lepton_mass = mass_of(config_.lepton),
                                                                   .method = config_.scaling})
{
    validate(config_);
    region_ = geometry_->require_region(config_.region, "dark brem");
    bias_ = config_.bias > 0 ? config_.bias : ldmx_bias(config_.aprime_mass, config_.epsilon);
}

bool DarkBremProcess::applies_to(ParticleKind kind) const
{
    if (config_.lepton == DarkBremLepton::muon) return kind == ParticleKind::muon_minus || kind == ParticleKind::muon_plus;
    return kind == ParticleKind::electron;
}

double DarkBremProcess::lepton_mass() const noexcept
{
    return mass_of(config_.lepton);
}

bool DarkBremProcess::active(const Track& track, int volume) const noexcept
{
    return !(config_.only_one_per_event && happened_) && track.parent_id == 0 && applies_to(track.kind) && volume >= 0 &&
           geometry_->volume(volume).region == region_;
}

double DarkBremProcess::cross_section(const Track& track, int material) const
{
    if (!active(track, track.volume)) return 0;
    return bias_ * shared_.cross_sections->macroscopic(material, track.kinetic_energy);
}

void DarkBremProcess::decay(const ThreeVector& origin, double time, const ThreeVector& momentum, int aprime_row,
                            std::vector<Track>& secondaries, RandomStream& rng)
{
    const double m = config_.aprime_mass, p = momentum.mag();
    const double energy = std::sqrt(p * p + m * m);
    double distance = 0;
    if (config_.decay == AprimeDecay::physical)
    {
        const physics::DarkParticle aprime(physics::DarkParticleKind::vector, m, config_.epsilon);
        distance = -aprime.lab_decay_length(p) * std::log(1 - rng.uniform());
    }
    else
    {
        distance = config_.decay_min + (config_.decay_max - config_.decay_min) * rng.uniform();
    }
    const ThreeVector direction = momentum.unit();
    decay_vertex_ = origin + distance * direction;
    const double beta = p / energy;
    const double decay_time = time + distance / (beta * constants::c_light);
    const auto pair = lhe::isotropic_two_body_decay({momentum.x, momentum.y, momentum.z, energy},
                                                    constants::electron_mass, rng);
    for (const auto& [kind, v] : {std::pair{ParticleKind::electron, pair.first}, std::pair{ParticleKind::positron, pair.second}})
    {
        Track t;
        t.kind = kind;
        t.kinetic_energy = std::max(0.0, v.e - constants::electron_mass);
        t.direction = ThreeVector{v.px, v.py, v.pz}.unit();
        t.position = decay_vertex_;
        t.time = decay_time;
        t.truth_ancestor = aprime_row;
        t.creator = ProcessId::decay;
        t.displaced = true;
        secondaries.push_back(t);
    }
    if (event_) event_->decay_vertex_z = decay_vertex_.z;
}

void DarkBremProcess::interact(Track& track, int material, std::vector<Track>& secondaries, RandomStream& rng)
{
    const auto& table = *shared_.cross_sections;
    const auto components = geometry_->material(material).components();
    // The element by its share of Σ.
    const double u = rng.uniform() * table.macroscopic(material, track.kinetic_energy);
    std::size_t i = 0;
    for (double sum = table.component(material, 0, track.kinetic_energy);
         i + 1 < components.size() && u >= sum; sum += table.component(material, ++i, track.kinetic_energy))
    {
    }
    const double z = components[i].element->atomic_number;
    const double energy = track.kinetic_energy + lepton_mass();
    const auto k = sampler_.sample(energy, z, rng);

    const ThreeVector recoil = rotate_to_frame({k.recoil[0], k.recoil[1], k.recoil[2]}, track.direction);
    const ThreeVector aprime = rotate_to_frame({k.aprime[0], k.aprime[1], k.aprime[2]}, track.direction);
    const double aprime_energy = std::sqrt(aprime.mag2() + config_.aprime_mass * config_.aprime_mass);

    int aprime_row = -1;
    if (event_)
    {
        aprime_row = static_cast<int>(event_->particles.size());
        TruthParticle a;
        a.track_id = -1;  // not transported
        a.parent = track.truth_ancestor;
        a.pdg = aprime_pdg;
        a.status = 2;
        a.creator = ProcessId::dark_brem;
        a.energy = aprime_energy;
        a.momentum = aprime;
        a.vertex = track.position;
        a.time = track.time;
        a.vertex_volume = track.volume;
        event_->particles.push_back(a);
    }
    if (config_.decay != AprimeDecay::none) decay(track.position, track.time, aprime, aprime_row, secondaries, rng);
    happened_ = true;
    aprime_energy_ = aprime_energy;
    incident_energy_ = energy;
    weight_ = std::exp((bias_ - 1) * optical_depth_) / bias_;

    // G4DarkBreM kills the incident lepton and creates a new one with the recoil momentum; the
    // track continues here (same id, so the recoil stays the truth record's primary for the
    // reconstruction's recoil finding) but is marked as made by the dark brem, so that filters
    // on "the primary" (TaggerVetoFilter, ...) stop following it, as they do in ldmx-sw.
    const double p = recoil.mag();
    track.kinetic_energy = std::max(0.0, k.recoil_energy - lepton_mass());
    if (p > 0) track.direction = recoil.unit();
    track.creator = ProcessId::dark_brem;
}

void DarkBremProcess::begin_event(SimEvent& event)
{
    event_ = &event;
    optical_depth_ = 0;
    happened_ = false;
    aprime_energy_ = 0;
    incident_energy_ = 0;
    decay_vertex_ = ThreeVector{std::nan(""), std::nan(""), std::nan("")};
    weight_ = 1;
}

StepVerdict DarkBremProcess::on_step(const StepRecord& step)
{
    const auto& track = step.track;
    const bool primary_in_region = track.parent_id == 0 && applies_to(track.kind) &&
                                   step.pre_volume >= 0 && geometry_->volume(step.pre_volume).region == region_;
    if (primary_in_region)
    {
        // TargetDarkBremFilter: decided when the primary leaves the region or stops in it.
        const bool leaves = step.post_volume < 0 || geometry_->volume(step.post_volume).region != region_;
        if ((leaves || track.kinetic_energy <= 0) && !(happened_ && aprime_energy_ >= config_.min_aprime_energy))
        {
            return StepVerdict::abort_event;
        }
    }
    if (happened_ || !active(step.track, step.pre_volume)) return StepVerdict::proceed;
    const int material = geometry_->volume(step.pre_volume).material;
    const auto& table = *shared_.cross_sections;
    const double sigma = 0.5 * (table.macroscopic(material, step.pre_kinetic_energy) +
                                table.macroscopic(material, step.track.kinetic_energy));
    optical_depth_ += sigma * step.step_length;
    return StepVerdict::proceed;
}

bool DarkBremProcess::end_event(SimEvent& event)
{
    event_ = nullptr;
    if (!happened_ || aprime_energy_ < config_.min_aprime_energy) return false;
    event.weight *= weight_;
    return true;
}
}  // namespace umbra::sim
