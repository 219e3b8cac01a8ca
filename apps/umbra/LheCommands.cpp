#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "Commands.hpp"
#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/lhe/ProductionDecaySplitter.hpp"
#include "umbra/lhe/Reader.hpp"
#include "umbra/lhe/SampleSummary.hpp"
#include "umbra/lhe/ToySampleGenerator.hpp"

namespace umbra::cli
{
namespace
{
void add_info(CLI::App& lhe)
{
    auto files = std::make_shared<std::vector<std::string>>();
    auto* cmd = lhe.add_subcommand("info", "Summarise LHE files (.lhe or .lhe.gz), read as one stream");
    cmd->add_option("files", *files, "LHE files")->required()->check(CLI::ExistingFile);
    cmd->callback([files] {
        set_action([files] {
            std::vector<std::filesystem::path> paths(files->begin(), files->end());
            lhe::Reader reader(paths);
            lhe::SampleSummary summary;
            lhe::Event event;
            std::size_t file = 0;
            std::uint64_t file_events = 0;
            while (reader.next(event))
            {
                while (reader.file_index() != file)
                {
                    summary.add_file(paths[file].string(), reader.file_run_infos()[file], file_events);
                    file_events = 0;
                    ++file;
                }
                summary.add(event);
                ++file_events;
            }
            for (; file < paths.size(); ++file)
            {
                summary.add_file(paths[file].string(), reader.file_run_infos()[file], file_events);
                file_events = 0;
            }
            fmt::print("{}", summary.format());
        });
    });
}

void add_split(CLI::App& lhe)
{
    struct Options
    {
        std::vector<std::string> inputs;
        std::string production, decay, config_file, vertex, kind;
        std::optional<double> z_min, z_max, decay_length, coupling, generated_coupling;
        std::optional<double> shape, loc, scale, beam_spot_x, beam_spot_y;
        std::optional<int> x_pdg;
        std::optional<std::uint64_t> seed;
        std::optional<unsigned> threads;
        std::optional<std::uint64_t> first_event;
        std::string command;
        bool dump_default = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = lhe.add_subcommand(
        "split", "Split e- N -> e- N X events into a production file and a decay file with a displaced #vertex");
    cmd->add_option("inputs", o->inputs, "input LHE files (read as one stream)")->check(CLI::ExistingFile);
    cmd->add_option("--production,-p", o->production, "output: what is fired at the target");
    cmd->add_option("--decay,-d", o->decay, "output: X decay products with their #vertex");
    cmd->add_option("--config,-c", o->config_file, "TOML file with a [split] table (options override it)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--vertex", o->vertex, "uniform (default), exponential, physical or gamma");
    cmd->add_option("--zmin", o->z_min, "decay window start z [mm] (default 200 for uniform/exponential)");
    cmd->add_option("--zmax", o->z_max, "decay window end z [mm] (default 2000 for uniform/exponential)");
    cmd->add_option("--decay-length", o->decay_length,
                    "exponential: fixed lab decay length [mm] (default 10); physical: wanted mean lab decay length");
    cmd->add_option("--coupling", o->coupling, "physical: coupling g_aee / Yukawa / epsilon");
    cmd->add_option("--generated-coupling", o->generated_coupling,
                    "coupling the input was generated with (default: from the MadGraph banner)");
    cmd->add_option("--shape", o->shape, "gamma: shape k (default 2)");
    cmd->add_option("--loc", o->loc, "gamma: location [mm] (default 350)");
    cmd->add_option("--scale", o->scale, "gamma: scale [mm] (default 15)");
    cmd->add_option("--beam-spot-x", o->beam_spot_x, "beam-spot half-width in x [mm] (default 10)");
    cmd->add_option("--beam-spot-y", o->beam_spot_y, "beam-spot half-width in y [mm] (default 40)");
    cmd->add_option("--x-pdg", o->x_pdg, "PDG id of X (default: 622 or 1023, whichever is present)");
    cmd->add_option("--kind", o->kind, "pseudoscalar, scalar or vector (default: vector for 1023, else pseudoscalar)");
    cmd->add_option("--seed", o->seed, "run seed (default 1)");
    cmd->add_option("--threads,-j", o->threads, "worker threads (default 1; output does not depend on it)");
    cmd->add_option("--first-event", o->first_event,
                    "number of the first input event in the whole sample (default 0); for jobs that each "
                    "split a part of a sample, so that together they equal one run");
    cmd->add_flag("--dump-default", o->dump_default, "print the default [split] TOML table and exit");
    cmd->callback([o] {
        set_action([o] {
            if (o->dump_default)
            {
                fmt::print("{}", lhe::SplitConfig{}.to_toml());
                return;
            }
            if (o->inputs.empty() || o->production.empty() || o->decay.empty())
                throw InputError("lhe split needs input files, --production FILE and --decay FILE");
            lhe::SplitConfig config;
            if (!o->config_file.empty())
            {
                auto table = ConfigTable::from_file(o->config_file);
                auto section = table.section("split");
                config = lhe::SplitConfig::from_toml(section);
                table.finish();
            }
            if (!o->vertex.empty()) config.mode = lhe::parse_vertex_mode(o->vertex);
            if (o->z_min) config.z_min = o->z_min;
            if (o->z_max) config.z_max = o->z_max;
            if (o->decay_length) config.decay_length = o->decay_length;
            if (o->coupling) config.coupling = o->coupling;
            if (o->generated_coupling) config.generated_coupling = o->generated_coupling;
            if (o->shape) config.gamma_shape = *o->shape;
            if (o->loc) config.gamma_loc = *o->loc;
            if (o->scale) config.gamma_scale = *o->scale;
            if (o->beam_spot_x) config.beam_spot_x = *o->beam_spot_x;
            if (o->beam_spot_y) config.beam_spot_y = *o->beam_spot_y;
            if (o->x_pdg) config.x_pdg = *o->x_pdg;
            if (!o->kind.empty()) config.kind = physics::parse_dark_particle_kind(o->kind);
            if (o->seed) config.seed = *o->seed;
            if (o->threads) config.threads = *o->threads;
            if (o->first_event) config.first_event = *o->first_event;
            const lhe::ProductionDecaySplitter splitter(config);
            std::vector<std::filesystem::path> inputs(o->inputs.begin(), o->inputs.end());
            const auto s = splitter.run(inputs, o->production, o->decay, command_line());
            fmt::print("split {} events of X = PDG {} ({}, m = {:.6g} MeV), vertex mode {}\n", s.events, s.x_pdg,
                       physics::to_string(s.kind), s.x_mass, lhe::to_string(config.mode));
            fmt::print("  mean X momentum {:.6g} MeV, mean decay z {:.6g} mm\n", s.mean_x_momentum, s.mean_decay_z);
            if (s.coupling)
            {
                fmt::print("  coupling {:.6e}, mean lab decay length {:.6g} mm\n", *s.coupling, s.mean_lab_decay_length);
                if (s.generated_coupling)
                    fmt::print("  generated coupling {:.6e}: cross-section and weights scaled by {:.6e}\n",
                               *s.generated_coupling, s.cross_section_scale);
                if (config.z_min)
                    fmt::print("  mean probability to decay in [{}, {}] mm: {:.6e} (in the weights)\n", *config.z_min,
                               *config.z_max, s.mean_window_probability);
            }
            if (s.decayed_here > 0) fmt::print("  {} undecayed X decayed isotropically to e+ e-\n", s.decayed_here);
            fmt::print("  production: {}\n  decay:      {}\n", o->production, o->decay);
        });
    });
}

void add_toy_sample(CLI::App& lhe)
{
    struct Options
    {
        lhe::ToySampleConfig config;
        double mass_gev = 0.05, lambda_gev = 1, beam_gev = 8;
        bool undecayed = false;
        std::string output;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = lhe.add_subcommand(
        "toy-sample",
        "Write a SYNTHETIC MadGraph-format ALP sample (e- N -> e- N a, a -> e+ e-) for tests, demos and "
        "benchmarks: exact four-momentum conservation, toy kinematic shapes, placeholder cross-section");
    cmd->add_option("--events,-n", o->config.events, "number of events")->capture_default_str();
    cmd->add_option("--seed", o->config.seed, "seed")->capture_default_str();
    cmd->add_option("--mass", o->mass_gev, "ALP mass [GeV]")->capture_default_str();
    cmd->add_option("--lambda", o->lambda_gev, "UFO Lambda [GeV]: g_aee = m_e / Lambda")->capture_default_str();
    cmd->add_option("--beam-energy", o->beam_gev, "beam energy [GeV]")->capture_default_str();
    cmd->add_flag("--undecayed", o->undecayed, "leave the ALP undecayed (status 1), like a dark-brem library");
    cmd->add_option("--output,-o", o->output, "output .lhe or .lhe.gz")->required();
    cmd->callback([o] {
        set_action([o] {
            auto config = o->config;
            config.alp_mass = o->mass_gev * units::GeV;
            config.lambda = o->lambda_gev * units::GeV;
            config.beam_energy = o->beam_gev * units::GeV;
            config.decayed = !o->undecayed;
            lhe::ToySampleGenerator(config).write(o->output);
            fmt::print("wrote {} toy events to {}\n", config.events, o->output);
        });
    });
}
}  // namespace

void add_lhe_commands(CLI::App& app)
{
    auto* lhe = app.add_subcommand("lhe", "Les Houches Event files: info, split, toy-sample");
    lhe->require_subcommand(1);
    add_info(*lhe);
    add_split(*lhe);
    add_toy_sample(*lhe);
}
}  // namespace umbra::cli
