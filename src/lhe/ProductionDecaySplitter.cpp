#include "umbra/lhe/ProductionDecaySplitter.hpp"

#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <limits>
#include <thread>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Version.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/ParallelFor.hpp"
#include "umbra/core/Progress.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/lhe/LorentzVector.hpp"
#include "umbra/lhe/Reader.hpp"
#include "umbra/lhe/TwoBodyDecay.hpp"
#include "umbra/lhe/Writer.hpp"
#include "umbra/physics/DecayPositionSampler.hpp"

namespace umbra::lhe
{
namespace
{
constexpr double default_z_min = 200;   // [mm] seed workflow's -min
constexpr double default_z_max = 2000;  // [mm] seed workflow's -max
constexpr double default_fixed_decay_length = 10;  // [mm] seed's hard-coded exponential length
constexpr int alp_pdg = 622;
constexpr int dark_photon_pdg = 1023;
constexpr int electron_pdg = 11;

//! Everything resolved before the event loop.
struct SplitPlan
{
    SplitConfig config;
    int x_pdg = 0;
    physics::DarkParticleKind kind = physics::DarkParticleKind::pseudoscalar;
    std::optional<double> coupling;
    double weight_scale = 1;  //!< (g / g_gen)^2
    double z_min = 0, z_max = 0;  //!< window [mm]; z_max = +inf when open
    bool windowed = false;
};

//! Per-event numbers for the summary, summed in event order afterwards.
struct EventRecord
{
    double momentum = 0;           //!< X momentum [MeV]
    double decay_z = 0;            //!< [mm]
    double window_probability = 1;
    double lab_decay_length = 0;   //!< [mm]
    bool decayed_here = false;
};

LorentzVector four_momentum_mev(const Particle& p)
{
    return {p.px * units::GeV, p.py * units::GeV, p.pz * units::GeV, p.e * units::GeV};
}

Particle particle_from(const LorentzVector& v, int pdg, double mass)
{
    Particle p;
    p.pdg = pdg;
    p.status = Status::outgoing;
    p.px = v.px / units::GeV;
    p.py = v.py / units::GeV;
    p.pz = v.pz / units::GeV;
    p.e = v.e / units::GeV;
    p.m = mass / units::GeV;
    return p;
}

int find_x(const Event& event, int x_pdg)
{
    for (std::size_t i = 0; i < event.particles.size(); ++i)
    {
        if (event.particles[i].pdg == x_pdg) return static_cast<int>(i);
    }
    return -1;
}

std::optional<double> generated_coupling_from_banner(const MadGraphBanner& banner, int x_pdg,
                                                      physics::DarkParticleKind kind)
{
    // The seed's UFO: g_aee = m_e / Lambda with Lambda in DMINPUTS (GeV).
    if (kind == physics::DarkParticleKind::pseudoscalar)
    {
        if (auto lambda = banner.parameter("lambda"); lambda && *lambda > 0)
        {
            return (constants::electron_mass / units::GeV) / *lambda;
        }
    }
    // Otherwise invert the X width of the param card: c tau = hbar c / Gamma.
    const auto width = banner.widths.find(x_pdg);
    const auto mass = banner.masses.find(x_pdg);
    if (width != banner.widths.end() && mass != banner.masses.end() && width->second > 0 &&
        mass->second * units::GeV > 2 * constants::electron_mass)
    {
        const double m = mass->second * units::GeV;
        const double ctau = constants::hbar_c / (width->second * units::GeV);
        return physics::coupling_for_lab_decay_length(kind, m, m, ctau);
    }
    return std::nullopt;
}
}  // namespace

VertexMode parse_vertex_mode(std::string_view name)
{
    if (name == "uniform") return VertexMode::uniform;
    if (name == "exponential") return VertexMode::exponential;
    if (name == "physical") return VertexMode::physical;
    if (name == "gamma") return VertexMode::gamma;
    throw InputError(fmt::format("unknown vertex mode '{}' (expected uniform, exponential, physical or gamma)", name));
}

std::string_view to_string(VertexMode mode)
{
    switch (mode)
    {
        case VertexMode::uniform: return "uniform";
        case VertexMode::exponential: return "exponential";
        case VertexMode::physical: return "physical";
        case VertexMode::gamma: return "gamma";
    }
    return "?";
}

SplitConfig SplitConfig::from_toml(ConfigTable& table)
{
    SplitConfig c;
    c.mode = parse_vertex_mode(table.get("vertex", std::string(to_string(c.mode))));
    c.z_min = table.get_optional_double("zmin");
    c.z_max = table.get_optional_double("zmax");
    c.decay_length = table.get_optional_double("decay_length");
    c.coupling = table.get_optional_double("coupling");
    c.generated_coupling = table.get_optional_double("generated_coupling");
    c.gamma_shape = table.get("shape", c.gamma_shape);
    c.gamma_loc = table.get("loc", c.gamma_loc);
    c.gamma_scale = table.get("scale", c.gamma_scale);
    c.beam_spot_x = table.get("beam_spot_x", c.beam_spot_x);
    c.beam_spot_y = table.get("beam_spot_y", c.beam_spot_y);
    c.production_z = table.get("production_z", c.production_z);
    c.x_pdg = table.get("x_pdg", c.x_pdg);
    if (table.contains("kind")) c.kind = physics::parse_dark_particle_kind(table.get("kind", ""));
    c.seed = static_cast<std::uint64_t>(table.get("seed", static_cast<std::int64_t>(c.seed)));
    const auto first_event = table.get("first_event", std::int64_t{0});
    if (first_event < 0) throw InputError(fmt::format("first_event must be >= 0, got {}", first_event));
    c.first_event = static_cast<std::uint64_t>(first_event);
    c.threads = static_cast<unsigned>(table.get("threads", static_cast<int>(c.threads)));
    return c;
}

std::string SplitConfig::to_toml(bool with_execution_options) const
{
    auto optional = [](const char* key, const std::optional<double>& value, const char* example,
                       const char* comment) {
        return value ? fmt::format("{} = {}  # {}\n", key, *value, comment)
                     : fmt::format("# {} = {}  # {}\n", key, example, comment);
    };
    std::string text = "[split]\n";
    text += fmt::format("vertex = \"{}\"  # uniform | exponential | physical | gamma\n", to_string(mode));
    text += optional("zmin", z_min, "200.0", "[mm] decay window (uniform/exponential: default 200)");
    text += optional("zmax", z_max, "2000.0", "[mm] decay window (uniform/exponential: default 2000)");
    text += optional("decay_length", decay_length, "10.0",
                     "[mm] exponential: fixed lab length (default 10); physical: wanted mean");
    text += optional("coupling", coupling, "1e-5", "physical: coupling g_aee / Yukawa / epsilon");
    text += optional("generated_coupling", generated_coupling, "5.11e-4",
                     "coupling of the input sample (default: from its MadGraph banner)");
    text += fmt::format("shape = {}  # gamma mode: shape k\n", gamma_shape);
    text += fmt::format("loc = {}  # [mm] gamma mode: location\n", gamma_loc);
    text += fmt::format("scale = {}  # [mm] gamma mode: scale\n", gamma_scale);
    text += fmt::format("beam_spot_x = {}  # [mm] half-width of the uniform beam spot in x\n", beam_spot_x);
    text += fmt::format("beam_spot_y = {}  # [mm] half-width of the uniform beam spot in y\n", beam_spot_y);
    text += fmt::format("production_z = {}  # [mm] production z when the input has no #vertex\n", production_z);
    text += fmt::format("x_pdg = {}  # PDG id of X; 0 = automatic (622 or 1023)\n", x_pdg);
    text += kind ? fmt::format("kind = \"{}\"  # pseudoscalar | scalar | vector\n", physics::to_string(*kind))
                 : std::string("# kind = \"pseudoscalar\"  # default: vector for PDG 1023, else pseudoscalar\n");
    text += fmt::format("seed = {}\n", seed);
    text += fmt::format("first_event = {}  # number of the first input event (job splits)\n", first_event);
    if (with_execution_options) text += fmt::format("threads = {}  # the output does not depend on it\n", threads);
    return text;
}

void SplitConfig::validate() const
{
    auto positive = [](const std::optional<double>& v, const char* what) {
        if (v && !(*v > 0 && std::isfinite(*v)))
            throw InputError(fmt::format("{} must be positive and finite, got {}", what, *v));
    };
    positive(decay_length, "--decay-length");
    positive(coupling, "--coupling");
    positive(generated_coupling, "--generated-coupling");
    if (z_min && z_max && !(*z_max > *z_min))
        throw InputError(fmt::format("--zmax ({} mm) must be greater than --zmin ({} mm)", *z_max, *z_min));
    if (!(beam_spot_x >= 0) || !(beam_spot_y >= 0))
        throw InputError("beam-spot half-widths must be non-negative");
    if (threads == 0 || threads > 256) throw InputError("threads must be between 1 and 256");
    switch (mode)
    {
        case VertexMode::physical:
            if (coupling.has_value() == decay_length.has_value())
                throw InputError("--vertex physical needs exactly one of --coupling g (use this coupling) "
                                 "or --decay-length L (derive the coupling giving mean lab decay length L)");
            if ((z_min.has_value() != z_max.has_value()))
                throw InputError("--vertex physical: give both --zmin and --zmax for a decay window, or neither");
            break;
        case VertexMode::gamma:
            if (!(gamma_shape > 0) || !(gamma_scale > 0))
                throw InputError("--vertex gamma: --shape and --scale must be positive");
            break;
        case VertexMode::uniform:
        case VertexMode::exponential:
            if (coupling) throw InputError("--coupling only applies to --vertex physical");
            if (mode == VertexMode::uniform && decay_length)
                throw InputError("--decay-length does not apply to --vertex uniform");
            break;
    }
}

ProductionDecaySplitter::ProductionDecaySplitter(SplitConfig config) : config_(std::move(config))
{
    config_.validate();
}

namespace
{
void split_one(const Event& in, std::uint64_t index, const SplitPlan& plan, Event& production,
               Event& decay, EventRecord& record)
{
    const auto& c = plan.config;
    const int x_index = find_x(in, plan.x_pdg);
    if (x_index < 0)
        throw InputError(fmt::format("event {} has no particle with PDG id {} (the X to split off; "
                                     "choose it with --x-pdg)", index + 1, plan.x_pdg));
    const Particle& x = in.particles[static_cast<std::size_t>(x_index)];
    const auto x_p4 = four_momentum_mev(x);
    // The generated mass column, or the invariant mass when the column is empty.
    const double x_mass = x.m > 0 ? x.m * units::GeV : std::sqrt(std::max(x_p4.m2(), 0.0));
    const double p = x_p4.p();
    if (!(p > 0)) throw InputError(fmt::format("event {}: X has zero momentum", index + 1));
    const double nx = x_p4.px / p, ny = x_p4.py / p, nz = x_p4.pz / p;
    if (!(nz > 0))
        throw InputError(fmt::format("event {}: X moves backwards (pz = {} GeV), it can never reach a "
                                     "decay point downstream", index + 1, x.pz));
    record.momentum = p;

    // Production point: the input's #vertex, else the beam spot.
    Vertex origin;
    if (in.vertex)
    {
        origin = *in.vertex;
    }
    else
    {
        RandomStream spot({c.seed, StreamId::beam_spot, index});
        origin.x = spot.uniform(-c.beam_spot_x, c.beam_spot_x);
        origin.y = spot.uniform(-c.beam_spot_y, c.beam_spot_y);
        origin.z = c.production_z;
        origin.t = 0;
    }
    origin.has_time = true;

    // Decay z and weight factor.
    RandomStream rng({c.seed, StreamId::vertex, index});
    double z = 0;
    double window_probability = 1;
    switch (c.mode)
    {
        case VertexMode::uniform: z = physics::UniformZSampler({plan.z_min, plan.z_max})(rng); break;
        case VertexMode::exponential:
        {
            // Seed parser: flight distance ~ Exp(L) from the window entrance, truncated at its exit.
            const double length_z = *c.decay_length * nz;
            z = physics::TruncatedExponentialZSampler({plan.z_min, length_z, plan.z_min, plan.z_max})(rng);
            break;
        }
        case VertexMode::gamma:
            z = origin.z + physics::GammaZSampler({c.gamma_shape, c.gamma_loc, c.gamma_scale})(rng);
            break;
        case VertexMode::physical:
        {
            const physics::DarkParticle particle{plan.kind, x_mass, *plan.coupling};
            record.lab_decay_length = particle.lab_decay_length(p);
            const double length_z = record.lab_decay_length * nz;
            const double z_lo = plan.windowed ? plan.z_min : origin.z;
            const double z_hi = plan.windowed ? plan.z_max : std::numeric_limits<double>::infinity();
            if (plan.windowed && !(plan.z_min >= origin.z))
                throw InputError(fmt::format("event {}: production z {} mm is inside the decay window "
                                             "[{}, {}] mm", index + 1, origin.z, plan.z_min, plan.z_max));
            const physics::TruncatedExponentialZSampler sampler({origin.z, length_z, z_lo, z_hi});
            z = sampler(rng);
            window_probability = plan.windowed ? sampler.window_probability() : 1.0;
            break;
        }
    }
    record.decay_z = z;
    record.window_probability = window_probability;
    const double distance = (z - origin.z) / nz;
    const double energy = std::sqrt(p * p + x_mass * x_mass);
    const double flight_time = distance / (p / energy * constants::c_light);
    const double weight_factor = plan.weight_scale * window_probability;

    // Decay products: X's daughters in the input, or an isotropic two-body decay.
    decay.clear();
    decay.process_id = in.process_id;
    decay.weight = in.weight * weight_factor;
    decay.scale = in.scale;
    decay.alpha_qed = in.alpha_qed;
    decay.alpha_qcd = in.alpha_qcd;
    std::vector<bool> is_product(in.particles.size(), false);
    for (std::size_t i = 0; i < in.particles.size(); ++i)
    {
        const auto& q = in.particles[i];
        if (q.mother1 == x_index + 1 && q.status > 0)
        {
            is_product[i] = true;
            Particle product = q;
            product.mother1 = product.mother2 = 0;
            decay.particles.push_back(product);
        }
    }
    if (decay.particles.empty())
    {
        if (x.status != Status::outgoing)
            throw InputError(fmt::format("event {}: X (PDG {}) has status {} but no decay products",
                                         index + 1, x.pdg, x.status));
        // Undecayed X: isotropic e+ e- in its rest frame (exact for spin 0; for a vector it is
        // the unpolarised average, see docs/lhe-split.md). The rest-frame kinematics use the
        // invariant mass of X's four-vector (not the printed mass column, which differs at the
        // file's printed precision), so the products sum exactly to X's four-momentum.
        const double me = constants::electron_mass;
        const double decay_mass = std::sqrt(std::max(x_p4.m2(), 0.0));
        if (!(decay_mass > 2 * me))
            throw InputError(fmt::format("event {}: X invariant mass {} MeV is below the e+e- threshold",
                                         index + 1, decay_mass));
        RandomStream decay_rng({c.seed, StreamId::decay, index});
        const auto products = isotropic_two_body_decay(x_p4, me, decay_rng);
        decay.particles.push_back(particle_from(products.first, electron_pdg, me));
        decay.particles.push_back(particle_from(products.second, -electron_pdg, me));
        record.decayed_here = true;
    }
    decay.vertex = Vertex{origin.x + distance * nx, origin.y + distance * ny, z, origin.t + flight_time, true};
    decay.weights = in.weights;
    for (auto& w : decay.weights) w.value *= weight_factor;

    // Production: everything but the decay products, mothers re-indexed; X marked decayed.
    production.clear();
    production.process_id = in.process_id;
    production.weight = decay.weight;
    production.scale = in.scale;
    production.alpha_qed = in.alpha_qed;
    production.alpha_qcd = in.alpha_qcd;
    production.tag_attributes = in.tag_attributes;
    production.extra_lines = in.extra_lines;
    production.weights = decay.weights;
    std::vector<int> new_index(in.particles.size() + 1, 0);
    for (std::size_t i = 0; i < in.particles.size(); ++i)
    {
        if (is_product[i]) continue;
        production.particles.push_back(in.particles[i]);
        new_index[i + 1] = static_cast<int>(production.particles.size());
    }
    for (auto& q : production.particles)
    {
        q.mother1 = q.mother1 > 0 && q.mother1 <= static_cast<int>(in.particles.size()) ? new_index[static_cast<std::size_t>(q.mother1)] : 0;
        q.mother2 = q.mother2 > 0 && q.mother2 <= static_cast<int>(in.particles.size()) ? new_index[static_cast<std::size_t>(q.mother2)] : 0;
    }
    production.particles[static_cast<std::size_t>(new_index[static_cast<std::size_t>(x_index) + 1] - 1)].status = Status::resonance;
    production.vertex = origin;
}

std::string describe(const SplitPlan& plan, const SplitSummary& summary, std::string_view command,
                     const std::vector<FileChecksum>& inputs)
{
    const auto& c = plan.config;
    std::string text = fmt::format("<!-- umbra lhe split\n  umbra version: {}\n", umbra::version());
    if (!command.empty()) text += fmt::format("  command: {}\n", command);
    for (const auto& input : inputs) text += fmt::format("  input: {}\n", input.to_string());
    text += fmt::format("  vertex mode: {}\n  X: PDG {} ({}), mass {} MeV\n  seed: {}, first event number: {}\n",
                        to_string(c.mode), plan.x_pdg, physics::to_string(plan.kind), summary.x_mass, c.seed,
                        c.first_event);
    switch (c.mode)
    {
        case VertexMode::uniform:
            text += fmt::format("  decay z uniform in [{}, {}] mm (no weight; ignores X momentum and coupling)\n",
                                plan.z_min, plan.z_max);
            break;
        case VertexMode::exponential:
            text += fmt::format("  flight distance exponential with fixed lab length {} mm from the window entrance "
                                "z = {} mm, truncated at z = {} mm (seed parser; ignores X momentum and coupling)\n",
                                *c.decay_length, plan.z_min, plan.z_max);
            break;
        case VertexMode::gamma:
            text += fmt::format("  decay z = production z + Gamma(shape {}, loc {} mm, scale {} mm) (seed parser; "
                                "ignores X momentum and coupling)\n", c.gamma_shape, c.gamma_loc, c.gamma_scale);
            break;
        case VertexMode::physical:
            text += fmt::format("  decay point exponential along the flight line with each event's "
                                "lab decay length (p/m) c tau(g), coupling g = {:.6e}\n", *plan.coupling);
            if (c.decay_length)
                text += fmt::format("  g derived so that the sample's mean lab decay length is {} mm "
                                    "(mean X momentum {:.6g} MeV)\n", *c.decay_length, summary.mean_x_momentum);
            if (summary.generated_coupling)
                text += fmt::format("  generated coupling g_gen = {:.6e}; cross-section and weights "
                                    "scaled by (g/g_gen)^2 = {:.6e}\n", *summary.generated_coupling,
                                    summary.cross_section_scale);
            else
                text += "  generated coupling unknown: cross-section NOT rescaled\n";
            if (plan.windowed)
                text += fmt::format("  decays restricted to z in [{}, {}] mm: sampled from the truncated "
                                    "distribution; each event weight is multiplied by its probability to "
                                    "decay in the window\n", plan.z_min, plan.z_max);
            break;
    }
    text += "  configuration:\n";
    auto config_text = c.to_toml(/*with_execution_options=*/false);
    for (std::size_t start = 0; start < config_text.size();)
    {
        const auto end = config_text.find('\n', start);
        text += "    " + config_text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    text += "-->\n";
    return text;
}

}  // namespace

SplitSummary ProductionDecaySplitter::run(const std::vector<std::filesystem::path>& inputs,
                                          const std::filesystem::path& production_path,
                                          const std::filesystem::path& decay_path, std::string_view command) const
{
    SplitPlan plan;
    plan.config = config_;
    const auto& c = config_;
    SplitSummary summary;

    Reader reader(inputs);
    Event first;
    if (!reader.next(first)) throw InputError(SourceLocation{inputs.front().string(), 0}, "has no events to split");
    plan.x_pdg = c.x_pdg;
    if (plan.x_pdg == 0)
    {
        if (find_x(first, alp_pdg) >= 0) plan.x_pdg = alp_pdg;
        else if (find_x(first, dark_photon_pdg) >= 0) plan.x_pdg = dark_photon_pdg;
        else
            throw InputError(SourceLocation{inputs.front().string(), 0},
                             "the first event has neither an ALP (PDG 622) nor a dark photon (PDG 1023); "
                             "name the particle to split off with --x-pdg");
    }
    const int x_index = find_x(first, plan.x_pdg);
    if (x_index < 0)
        throw InputError(SourceLocation{inputs.front().string(), 0},
                         fmt::format("the first event has no particle with PDG id {} (--x-pdg)", plan.x_pdg));
    plan.kind = c.kind.value_or(plan.x_pdg == dark_photon_pdg ? physics::DarkParticleKind::vector
                                                              : physics::DarkParticleKind::pseudoscalar);
    summary.x_pdg = plan.x_pdg;
    summary.kind = plan.kind;
    summary.x_mass = first.particles[static_cast<std::size_t>(x_index)].m * units::GeV;

    // Window.
    if (c.mode == VertexMode::uniform || c.mode == VertexMode::exponential)
    {
        plan.z_min = c.z_min.value_or(default_z_min);
        plan.z_max = c.z_max.value_or(default_z_max);
        if (!(plan.z_max > plan.z_min))
            throw InputError(fmt::format("decay window [{}, {}] mm is empty", plan.z_min, plan.z_max));
        if (c.mode == VertexMode::exponential && !plan.config.decay_length)
            plan.config.decay_length = default_fixed_decay_length;
    }
    plan.windowed = c.mode == VertexMode::physical && c.z_min && c.z_max;
    if (plan.windowed)
    {
        plan.z_min = *c.z_min;
        plan.z_max = *c.z_max;
    }

    // Coupling for the physical mode.
    summary.generated_coupling = c.generated_coupling
                                     ? c.generated_coupling
                                     : generated_coupling_from_banner(reader.run_info().banner, plan.x_pdg, plan.kind);
    if (c.mode == VertexMode::physical)
    {
        if (c.coupling)
        {
            plan.coupling = c.coupling;
        }
        else
        {
            // First pass: the sample's mean X momentum fixes the coupling for the wanted mean length.
            double sum = 0;
            std::uint64_t n = 0;
            Reader scan(inputs);
            Event event;
            while (scan.next(event))
            {
                const int i = find_x(event, plan.x_pdg);
                if (i < 0) continue;  // reported with its number in the main pass
                sum += event.particles[static_cast<std::size_t>(i)].momentum() * units::GeV;
                ++n;
            }
            summary.mean_x_momentum = sum / static_cast<double>(n);
            plan.coupling = physics::coupling_for_lab_decay_length(plan.kind, summary.x_mass,
                                                                   summary.mean_x_momentum, *c.decay_length);
            if (!summary.generated_coupling)
                throw InputError(
                    SourceLocation{inputs.front().string(), 0},
                    "--vertex physical --decay-length needs the coupling the sample was generated with, to "
                    "rescale its cross-section, but the header has neither DMINPUTS lambda nor a width for "
                    "the X; pass --generated-coupling");
        }
        if (summary.generated_coupling)
        {
            const double ratio = *plan.coupling / *summary.generated_coupling;
            plan.weight_scale = ratio * ratio;
        }
        else
        {
            log().warn("generated coupling unknown (no DMINPUTS lambda or X width in the header, no "
                       "--generated-coupling): the cross-section is not rescaled to g = {:.4e}", *plan.coupling);
        }
        summary.coupling = plan.coupling;
    }
    summary.cross_section_scale = plan.weight_scale;

    // Output headers: input header + what the split did; <init> rescaled.
    RunInfo out_info = reader.run_info();
    for (auto& process : out_info.init.processes)
    {
        process.cross_section *= plan.weight_scale;
        process.error *= plan.weight_scale;
        process.max_weight *= plan.weight_scale;
    }
    std::vector<FileChecksum> checksums;
    for (const auto& input : inputs) checksums.push_back(FileChecksum::of(input));
    out_info.header += describe(plan, summary, command, checksums);
    Writer production_writer(production_path, out_info);
    Writer decay_writer(decay_path, out_info);

    // Event loop: read a batch serially, split and format it in parallel, write in order.
    constexpr std::size_t batch_size = 4096;
    const unsigned threads = c.threads;
    std::vector<Event> batch(batch_size);
    std::vector<EventRecord> records(batch_size);
    struct WorkerOutput
    {
        fmt::memory_buffer production, decay;
        Event production_event, decay_event;
        std::uint64_t count = 0;
    };
    std::vector<WorkerOutput> outputs(threads);
    ProgressReporter progress("lhe split", reader.run_info().banner.nevents.value_or(0));
    double sum_p = 0, sum_z = 0, sum_w = 0, sum_l = 0;
    std::uint64_t index = 0;
    batch[0] = std::move(first);
    std::size_t n = 1;
    while (true)
    {
        while (n < batch_size && reader.next(batch[n])) ++n;
        if (n == 0) break;
        parallel_ranges(threads, n, [&](std::size_t begin, std::size_t end, unsigned worker) {
            auto& out = outputs[worker];
            for (std::size_t i = begin; i < end; ++i)
            {
                split_one(batch[i], c.first_event + index + i, plan, out.production_event, out.decay_event,
                          records[i]);
                Writer::format_event(out.production_event, out.production, production_writer.style());
                Writer::format_event(out.decay_event, out.decay, decay_writer.style());
                ++out.count;
            }
        });
        for (auto& out : outputs)
        {
            production_writer.write_formatted({out.production.data(), out.production.size()}, out.count);
            decay_writer.write_formatted({out.decay.data(), out.decay.size()}, out.count);
            out.production.clear();
            out.decay.clear();
            out.count = 0;
        }
        for (std::size_t i = 0; i < n; ++i)
        {
            sum_p += records[i].momentum;
            sum_z += records[i].decay_z;
            sum_w += records[i].window_probability;
            sum_l += records[i].lab_decay_length;
            summary.decayed_here += records[i].decayed_here ? 1 : 0;
        }
        index += n;
        progress.add(n);
        n = 0;
    }
    production_writer.close();
    decay_writer.close();
    summary.events = index;
    const double count = static_cast<double>(index);
    summary.mean_x_momentum = sum_p / count;
    summary.mean_decay_z = sum_z / count;
    summary.mean_window_probability = sum_w / count;
    summary.mean_lab_decay_length = sum_l / count;
    return summary;
}
}  // namespace umbra::lhe
