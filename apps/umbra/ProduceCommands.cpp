#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "Commands.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/sim/AlpProduction.hpp"
#include "umbra/sim/DarkPhotonProduction.hpp"
#include "umbra/sim/SimulationRun.hpp"

namespace umbra::cli
{
namespace
{
//! The TOML job a `umbra produce background` command line stands for (printed by
//! --dump-config, stored in the output's provenance, parsed like any config file).
std::string background_config(const std::string& kind, const std::string& method, const std::string& detector,
                              double decay_z, double min_photon_energy, double beam_energy, std::uint64_t events,
                              std::uint64_t seed, unsigned threads, bool reco)
{
    if (method != "direct" && method != "brute-force")
    {
        throw InputError(fmt::format("--method {}: expected direct (biased, weighted) or brute-force (unbiased, as "
                                     "ldmx-sw)",
                                     method));
    }
    if (kind != "deep-conversion")
    {
        throw InputError(fmt::format("--kind {}: umbra produces the deep-conversion background so far (--kind "
                                     "deep-conversion); the photonuclear kinds come with the photonuclear model",
                                     kind));
    }
    const std::string selection =
        method == "direct"
            ? fmt::format(R"([sim.biasing]
type = "deep_conversion"       # direct sampling with weights
min_photon_energy_mev = {}
decay_z_mm = {}
conversion_region = "ecal"
brem_region = "target"
brem_bias = 0.0
beam_energy_mev = {}
)",
                          min_photon_energy, decay_z, beam_energy)
            : fmt::format(R"([[sim.filters]]
type = "deep_conversion"       # brute force: unbiased events, kept when the photon converts deep
min_photon_energy_mev = {}
decay_z_mm = {}
)",
                          min_photon_energy, decay_z);
    const auto header = sim::accepted_beam_job_header(
        "umbra produce background --kind deep-conversion (docs/backgrounds.md)", detector, events,
        method == "direct" ? 1000 * events + 10000 : 1000000 * events + 1000000, seed, threads, beam_energy);
    return header + fmt::format(R"({selection}
[[sim.filters]]
type = "primary_to_ecal"
threshold_mev = {primary}      # 0.2 x beam energy (ldmx-sw deep_photo_nuclear)

[reco]
enabled = {reco}

[reco.ecal_veto]
beam_energy_mev = {beam}
)",
                                fmt::arg("beam", beam_energy), fmt::arg("primary", 0.2 * beam_energy),
                                fmt::arg("reco", reco ? "true" : "false"), fmt::arg("selection", selection));
}
}  // namespace

void add_alp_command(CLI::App& produce)
{
    struct Options
    {
        sim::AlpProductionConfig config;
        std::string vertex = "uniform";
        std::optional<double> z_min, z_max, decay_length, coupling;
        double shape = 2, loc = 350, scale = 15;
        bool no_reco = false;
        std::string config_file;
        std::string output = "alp.h5";
    };
    auto o = std::make_shared<Options>();
    auto* cmd = produce.add_subcommand(
        "alp", "The displaced ALP -> e+e- signal: generate, split, simulate production + decay, reconstruct");
    cmd->add_option("--config,-c", o->config_file, "TOML file with an [alp] table (configs/alp-*.toml); options given override it");
    cmd->add_option("--mass", o->config.mass, "ALP mass [GeV]")->capture_default_str();
    cmd->add_option("--lambda", o->config.lambda, "coupling scale Lambda [GeV] (g_aee = m_e / Lambda)")->capture_default_str();
    cmd->add_option("--target", o->config.target, "target nucleus")->capture_default_str();
    cmd->add_option("--beam", o->config.beam_energy, "beam energy [GeV]")->capture_default_str();
    cmd->add_option("--vertex", o->vertex, "uniform, exponential, physical or gamma (as umbra lhe split)")->capture_default_str();
    cmd->add_option("--zmin", o->z_min, "decay window start z [mm] (uniform/exponential default 200)");
    cmd->add_option("--zmax", o->z_max, "decay window end z [mm] (uniform/exponential default 2000)");
    cmd->add_option("--decay-length", o->decay_length, "exponential: lab decay length; physical: wanted mean [mm]");
    cmd->add_option("--coupling", o->coupling, "physical: the coupling g_aee to decay with");
    cmd->add_option("--shape", o->shape, "gamma: shape")->capture_default_str();
    cmd->add_option("--loc", o->loc, "gamma: location [mm]")->capture_default_str();
    cmd->add_option("--scale", o->scale, "gamma: scale [mm]")->capture_default_str();
    cmd->add_option("--events,-n", o->config.events, "signal events")->capture_default_str();
    cmd->add_option("--seed", o->config.seed, "random seed")->capture_default_str();
    cmd->add_option("--threads,-j", o->config.threads, "threads (the output does not depend on it)")->capture_default_str();
    cmd->add_option("--detector,-d", o->config.detector, "detector")->capture_default_str();
    cmd->add_flag("--no-reco", o->no_reco, "skip the inline digitisation and reconstruction");
    cmd->add_option("--output,-o", o->output, "output .h5 file (the LHE files go to <stem>_lhe/)")->capture_default_str();
    cmd->callback([o, cmd] {
        set_action([o, cmd] {
            if (o->config.threads < 1) throw InputError("--threads must be at least 1");
            const auto given = [cmd](const char* name) { return cmd->count(name) > 0; };
            auto config = o->config;
            if (!o->config_file.empty())
            {
                config = sim::read_alp_production_config(o->config_file);
                const auto& c = o->config;
                if (given("--mass")) config.mass = c.mass;
                if (given("--lambda")) config.lambda = c.lambda;
                if (given("--target")) config.target = c.target;
                if (given("--beam")) config.beam_energy = c.beam_energy;
                if (given("--events")) config.events = c.events;
                if (given("--seed")) config.seed = c.seed;
                if (given("--threads")) config.threads = c.threads;
                if (given("--detector")) config.detector = c.detector;
            }
            if (o->no_reco) config.reconstruct = false;
            if (o->config_file.empty() || given("--vertex")) config.split.mode = lhe::parse_vertex_mode(o->vertex);
            if (given("--zmin")) config.split.z_min = o->z_min;
            if (given("--zmax")) config.split.z_max = o->z_max;
            if (given("--decay-length")) config.split.decay_length = o->decay_length;
            if (given("--coupling")) config.split.coupling = o->coupling;
            if (o->config_file.empty() || given("--shape")) config.split.gamma_shape = o->shape;
            if (o->config_file.empty() || given("--loc")) config.split.gamma_loc = o->loc;
            if (o->config_file.empty() || given("--scale")) config.split.gamma_scale = o->scale;
            config.split.validate();
            const auto s = sim::run_alp_production(config, o->output, command_line());
            fmt::print("umbra produce alp: {} events written to {} in {:.1f} s (LHE files in {})\n",
                       s.simulation.events_written, o->output, s.simulation.seconds, s.lhe_directory.string());
            fmt::print("  cross-section {:.5e} +- {:.1e} pb; mean decay z {:.1f} mm; weights scaled by {:.4g}\n",
                       s.cross_section_pb, s.cross_section_error_pb, s.split.mean_decay_z, s.split.cross_section_scale);
        });
    });
}

void add_darkphoton_command(CLI::App& produce)
{
    struct Options
    {
        sim::DarkPhotonProductionConfig config;
        std::string config_file;
        std::string library;
        bool no_reco = false;
        bool dump_config = false;
        std::string output = "darkphoton.h5";
    };
    auto o = std::make_shared<Options>();
    auto* cmd = produce.add_subcommand("darkphoton", "The target dark-photon signal (ldmx-sw's target.dark_brem): "
                                                     "library, dark brem in the transport, filters, reconstruction");
    cmd->add_option("--config,-c", o->config_file, "TOML file with a [darkphoton] table (configs/darkphoton.toml); "
                                                   "options given override it");
    cmd->add_option("--mass", o->config.mass, "A' mass [GeV]")->capture_default_str();
    cmd->add_option("--run", o->config.run, "library run number")->capture_default_str();
    cmd->add_option("--beam", o->config.beam_energy, "beam energy [GeV]: 8 or 4")->capture_default_str();
    cmd->add_option("--epsilon", o->config.epsilon, "kinetic mixing")->capture_default_str();
    cmd->add_option("--events,-n", o->config.events, "accepted events")->capture_default_str();
    cmd->add_option("--seed", o->config.seed, "random seed")->capture_default_str();
    cmd->add_option("--threads,-j", o->config.threads, "threads (the output does not depend on it)")->capture_default_str();
    cmd->add_option("--library", o->library, "dark-brem library: directory of LHE files or G4DarkBreM CSV "
                                             "(default: generate one in <output stem>_library/)");
    cmd->add_option("--library-events", o->config.library_events, "events per energy point when generating the library")
        ->capture_default_str();
    cmd->add_option("--detector,-d", o->config.detector, "detector (default: ldmx-det-v14-8gev, or ldmx-det-v14 at 4 GeV)");
    cmd->add_option("--decay", o->config.decay, "the A': none (invisible), physical (e+e- with its lab decay length "
                                                "for epsilon) or flat (e+e- uniformly in [--decay-min, --decay-max])")
        ->capture_default_str();
    cmd->add_option("--decay-min", o->config.decay_min, "flat decays: minimum distance from the dark brem [mm]");
    cmd->add_option("--decay-max", o->config.decay_max, "flat decays: maximum distance from the dark brem [mm]");
    cmd->add_flag("--no-reco", o->no_reco, "skip the inline digitisation and reconstruction");
    cmd->add_flag("--dump-config", o->dump_config, "print the simulation job as TOML (umbra sim -c) and exit");
    cmd->add_option("--output,-o", o->output, "output .h5 file")->capture_default_str();
    cmd->callback([o, cmd] {
        set_action([o, cmd] {
            const auto given = [cmd](const char* name) { return cmd->count(name) > 0; };
            auto config = o->config;
            if (!o->config_file.empty())
            {
                config = sim::read_dark_photon_production_config(o->config_file);
                const auto& c = o->config;
                if (given("--mass")) config.mass = c.mass;
                if (given("--run")) config.run = c.run;
                if (given("--beam")) config.beam_energy = c.beam_energy;
                if (given("--epsilon")) config.epsilon = c.epsilon;
                if (given("--events")) config.events = c.events;
                if (given("--seed")) config.seed = c.seed;
                if (given("--threads")) config.threads = c.threads;
                if (given("--library-events")) config.library_events = c.library_events;
                if (given("--detector")) config.detector = c.detector;
                if (given("--decay")) config.decay = c.decay;
                if (given("--decay-min")) config.decay_min = c.decay_min;
                if (given("--decay-max")) config.decay_max = c.decay_max;
            }
            if (!o->library.empty()) config.library = o->library;
            if (o->no_reco) config.reconstruct = false;
            config.validate();
            if (o->dump_config)
            {
                fmt::print("{}", sim::dark_photon_simulation_config(
                                     config, config.library.empty() ? std::filesystem::path("<generated library>")
                                                                    : config.library));
                return;
            }
            const auto s = sim::run_dark_photon_production(config, o->output, command_line());
            fmt::print("umbra produce darkphoton: {} events (m_A' = {} GeV, {} GeV beam) written to {} from {} tries "
                       "in {:.1f} s\n",
                       s.simulation.events_written, config.mass, config.beam_energy, o->output, s.simulation.tries,
                       s.simulation.seconds);
            fmt::print("  library {} ({})\n", s.library.string(), s.library_generated ? "generated" : "given");
            fmt::print("  dark brems per electron on target (epsilon = {}): {:.4g} (sum of weights / tries)\n",
                       config.epsilon,
                       s.simulation.tries > 0 ? s.simulation.weight_sum / static_cast<double>(s.simulation.tries) : 0.0);
        });
    });
}

void add_produce_commands(CLI::App& app)
{
    auto* produce = app.add_subcommand("produce", "Produce a complete sample in one command (background, signal)");
    produce->require_subcommand(1);
    add_alp_command(*produce);
    add_darkphoton_command(*produce);
    struct Options
    {
        std::string kind = "deep-conversion";
        std::string method = "direct";
        double decay_z = 350;
        double min_photon_energy = 5010;
        double beam_gev = 8;
        std::uint64_t events = 1000;
        std::uint64_t seed = 1;
        unsigned threads = 2;
        std::optional<std::string> detector;
        bool no_reco = false;
        bool dump_config = false;
        std::string output = "background.h5";
    };
    auto o = std::make_shared<Options>();
    auto* cmd = produce->add_subcommand("background", "Background samples with direct sampling and weights");
    cmd->add_option("--kind", o->kind, "deep-conversion")->capture_default_str();
    cmd->add_option("--method", o->method, "direct (biased, weighted) or brute-force (unbiased, as ldmx-sw)")
        ->capture_default_str();
    cmd->add_option("--decay-z", o->decay_z, "the photon converts at lab z >= this [mm]")->capture_default_str();
    cmd->add_option("--min-photon-energy", o->min_photon_energy, "hard brem photon threshold [MeV]")->capture_default_str();
    cmd->add_option("--beam", o->beam_gev, "beam energy [GeV]: 8 or 4")->capture_default_str();
    cmd->add_option("--events,-n", o->events, "accepted events to write")->capture_default_str();
    cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
    cmd->add_option("--threads,-j", o->threads, "threads (the output does not depend on it)")->capture_default_str();
    cmd->add_option("--detector,-d", o->detector, "detector (default: ldmx-det-v14-8gev, or ldmx-det-v14 at 4 GeV)");
    cmd->add_flag("--no-reco", o->no_reco, "skip the inline digitisation and reconstruction");
    cmd->add_flag("--dump-config", o->dump_config, "print the equivalent TOML configuration and exit");
    cmd->add_option("--output,-o", o->output, "output .h5 file")->capture_default_str();
    cmd->callback([o] {
        set_action([o] {
            if (o->threads < 1) throw InputError("--threads must be at least 1");
            const double beam = o->beam_gev * 1000;
            const std::string detector = o->detector ? *o->detector : (beam == 4000 ? "ldmx-det-v14" : "ldmx-det-v14-8gev");
            const auto text = background_config(o->kind, o->method, detector, o->decay_z, o->min_photon_energy, beam, o->events,
                                                o->seed, o->threads, !o->no_reco);
            if (o->dump_config)
            {
                fmt::print("{}", text);
                return;
            }
            const auto config = sim::parse_simulation_config(text, "<umbra produce background>");
            const auto summary = sim::run_simulation(config, o->output, command_line());
            fmt::print("umbra produce background: {} {} events written to {} from {} tries in {:.1f} s "
                       "({:.1f} ms per accepted event on {} thread{})\n",
                       summary.events_written, o->kind, o->output, summary.tries, summary.seconds,
                       summary.events_written > 0 ? 1e3 * summary.seconds / static_cast<double>(summary.events_written) : 0.0,
                       config.threads, config.threads == 1 ? "" : "s");
            fmt::print("  yield per electron on target: {:.4g} (sum of weights / tries)\n",
                       summary.tries > 0 ? summary.weight_sum / static_cast<double>(summary.tries) : 0.0);
        });
    });
}
}  // namespace umbra::cli
