#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "Commands.hpp"
#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/gen/DarkBremGenerator.hpp"

namespace umbra::cli
{
void add_gen_commands(CLI::App& app)
{
    struct Options
    {
        std::string model = "dark-photon";
        double mass_gev = 0.01;
        std::optional<double> coupling;
        std::optional<double> lambda_gev;
        std::string target = "tungsten";
        double energy_gev = 8;
        std::string lepton = "electron";
        std::string convention = "madgraph";
        std::uint64_t events = 20000;
        std::uint64_t seed = 1;
        unsigned threads = 1;
        std::uint64_t calls = 10000;
        bool decay = false, no_decay = false;
        std::string output;
        std::string config_file;
        bool dump_default = false;
        std::optional<int> nucleus_z;
        std::optional<double> nucleus_a, nucleus_mass;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("gen", "Generate l N -> l N X events from the exact tree-level matrix element (LHE)");
    cmd->add_option("--model", o->model, "dark-photon, alp or scalar")->capture_default_str();
    cmd->add_option("--mass", o->mass_gev, "X mass [GeV]")->capture_default_str();
    cmd->add_option("--coupling", o->coupling, "epsilon (dark photon, default 0.01) or g (alp, scalar)");
    cmd->add_option("--lambda", o->lambda_gev, "alp: the UFO's Lambda [GeV], g = m_e / Lambda (default 1 GeV)");
    cmd->add_option("--target", o->target, "tungsten, silicon, copper, lead, oxygen, lutetium, yttrium")->capture_default_str();
    cmd->add_option("--nucleus-z", o->nucleus_z, "custom target: Z (with --nucleus-a and --nucleus-mass)");
    cmd->add_option("--nucleus-a", o->nucleus_a, "custom target: atomic mass [g/mol]");
    cmd->add_option("--nucleus-mass", o->nucleus_mass, "custom target: nucleus mass [GeV]");
    cmd->add_option("--energy", o->energy_gev, "incident lepton total energy [GeV]")->capture_default_str();
    cmd->add_option("--lepton", o->lepton, "electron or muon")->capture_default_str();
    cmd->add_option("--convention", o->convention, "madgraph (alpha 1/127.9 at the lepton, as the MadGraph setups) or alpha0")
        ->capture_default_str();
    cmd->add_option("--events,-n", o->events, "unweighted events")->capture_default_str();
    cmd->add_option("--seed", o->seed, "random seed")->capture_default_str();
    cmd->add_option("--threads,-j", o->threads, "threads (the output does not depend on it)")->capture_default_str();
    cmd->add_option("--calls", o->calls, "VEGAS calls per iteration")->capture_default_str();
    cmd->add_flag("--decay", o->decay, "decay X -> e- e+ in the generator (default for alp)");
    cmd->add_flag("--no-decay", o->no_decay, "leave X undecayed (default for dark-photon, as libraries)");
    cmd->add_option("--output,-o", o->output, "output .lhe or .lhe.gz");
    cmd->add_option("--config,-c", o->config_file, "TOML file with a [gen] table (command-line options override it)")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--dump-default", o->dump_default, "print the default [gen] table and exit");
    cmd->callback([o, cmd] {
        set_action([o, cmd] {
            if (o->dump_default)
            {
                fmt::print("[gen]\nmodel = \"dark-photon\"   # dark-photon | alp | scalar\nmass = 0.01              # [GeV]\n"
                           "# coupling = 0.01        # epsilon (dark photon) or g (alp, scalar)\n"
                           "# lambda = 1.0           # alp: Lambda [GeV], g = m_e / Lambda\n"
                           "target = \"tungsten\"\nenergy = 8.0              # incident lepton total energy [GeV]\n"
                           "lepton = \"electron\"     # electron | muon\nconvention = \"madgraph\" # madgraph | alpha0\n"
                           "events = 20000\nseed = 1\nthreads = 1\ncalls = 10000             # VEGAS calls per iteration\n"
                           "# decay = true           # default: true for alp/scalar, false for dark-photon\n"
                           "# output = \"events.lhe.gz\"\n");
                return;
            }
            if (!o->config_file.empty())
            {
                // Command-line options override the file: take file values only for options not given.
                auto table = ConfigTable::from_file(o->config_file);
                auto g = table.section("gen");
                auto given = [&](const char* name) { return cmd->count(name) > 0; };
                const auto model = g.get("model", o->model);
                const auto mass = g.get("mass", o->mass_gev);
                const auto coupling = g.get_optional_double("coupling");
                const auto lambda = g.get_optional_double("lambda");
                const auto target = g.get("target", o->target);
                const auto energy = g.get("energy", o->energy_gev);
                const auto lepton = g.get("lepton", o->lepton);
                const auto convention = g.get("convention", o->convention);
                const auto events = g.get("events", static_cast<std::int64_t>(o->events));
                const auto seed = g.get("seed", static_cast<std::int64_t>(o->seed));
                const auto threads = g.get("threads", static_cast<int>(o->threads));
                const auto calls = g.get("calls", static_cast<std::int64_t>(o->calls));
                const bool has_decay = g.contains("decay");
                const bool decay = g.get("decay", false);
                const auto output = g.get("output", o->output);
                table.finish();
                if (events < 1 || seed < 0 || threads < 1 || calls < 2)
                    throw InputError(fmt::format("{}: events, threads and calls must be positive and seed >= 0",
                                                 o->config_file));
                if (!given("--model")) o->model = model;
                if (!given("--mass")) o->mass_gev = mass;
                if (!given("--coupling") && coupling) o->coupling = coupling;
                if (!given("--lambda") && lambda) o->lambda_gev = lambda;
                if (!given("--target")) o->target = target;
                if (!given("--energy")) o->energy_gev = energy;
                if (!given("--lepton")) o->lepton = lepton;
                if (!given("--convention")) o->convention = convention;
                if (!given("--events")) o->events = static_cast<std::uint64_t>(events);
                if (!given("--seed")) o->seed = static_cast<std::uint64_t>(seed);
                if (!given("--threads")) o->threads = static_cast<unsigned>(threads);
                if (!given("--calls")) o->calls = static_cast<std::uint64_t>(calls);
                if (has_decay && !given("--decay") && !given("--no-decay")) (decay ? o->decay : o->no_decay) = true;
                if (!given("--output")) o->output = output;
            }
            if (o->output.empty()) throw InputError("umbra gen needs an output file (-o FILE or output = ... in [gen])");
            gen::DarkBremGeneratorConfig config;
            auto& p = config.process;
            if (o->model == "dark-photon" || o->model == "vector")
                p.kind = physics::DarkParticleKind::vector;
            else if (o->model == "alp" || o->model == "pseudoscalar")
                p.kind = physics::DarkParticleKind::pseudoscalar;
            else if (o->model == "scalar")
                p.kind = physics::DarkParticleKind::scalar;
            else
                throw InputError(fmt::format("unknown model '{}' (expected dark-photon, alp or scalar)", o->model));
            const bool vector = p.kind == physics::DarkParticleKind::vector;
            if (o->coupling && o->lambda_gev) throw InputError("give --coupling or --lambda, not both");
            if (o->lambda_gev && vector) throw InputError("--lambda applies to the alp and scalar models");
            if (o->lambda_gev && !(*o->lambda_gev > 0)) throw InputError("--lambda must be positive");
            p.coupling = o->coupling ? *o->coupling
                                     : vector ? 0.01
                                              : (constants::electron_mass / units::GeV) / o->lambda_gev.value_or(1.0);
            p.boson_mass = o->mass_gev;
            p.beam_energy = o->energy_gev;
            if (o->nucleus_z || o->nucleus_a || o->nucleus_mass)
            {
                if (!(o->nucleus_z && o->nucleus_a && o->nucleus_mass))
                    throw InputError("a custom target needs all of --nucleus-z, --nucleus-a and --nucleus-mass");
                if (*o->nucleus_z < 1 || *o->nucleus_z > 120 || !(*o->nucleus_a > 0) || !(*o->nucleus_mass > 0))
                    throw InputError(fmt::format("custom target Z = {}, A = {}, M = {} GeV is not a nucleus",
                                                 *o->nucleus_z, *o->nucleus_a, *o->nucleus_mass));
                p.target = {fmt::format("Z{}", *o->nucleus_z), *o->nucleus_z, *o->nucleus_a, *o->nucleus_mass * units::GeV};
            }
            else
            {
                p.target = physics::TargetNucleus::preset(o->target);
            }
            if (o->lepton == "muon")
                p.lepton_mass = constants::muon_mass / units::GeV;
            else if (o->lepton != "electron")
                throw InputError(fmt::format("unknown lepton '{}' (expected electron or muon)", o->lepton));
            p.convention = gen::parse_coupling_convention(o->convention);
            if (o->decay && o->no_decay) throw InputError("--decay and --no-decay exclude each other");
            config.decay = o->decay || (!vector && !o->no_decay);
            config.events = o->events;
            config.seed = o->seed;
            config.threads = o->threads;
            config.calls_per_iteration = o->calls;
            config.command = command_line();
            gen::DarkBremGenerator generator(config);
            const auto s = generator.run(o->output);
            fmt::print("cross-section {:.6e} +- {:.2e} pb (VEGAS chi2/dof {:.2f}, {} calls)\n", s.cross_section.cross_section,
                       s.cross_section.error, s.cross_section.chi2_per_dof, s.cross_section.calls);
            fmt::print("{} events from {} weighted points: unweighting efficiency {:.3f}; {} events ({:.2e}) above "
                       "the maximum weight, which leaves {:.1e} of the cross-section above it\n",
                       s.events, s.candidates, s.unweighting_efficiency, s.overweight,
                       static_cast<double>(s.overweight) / static_cast<double>(s.events), s.truncated_fraction);
            fmt::print("<E_X/E0> = {:.4f}, <theta_lepton> = {:.4f} rad\nwrote {}\n", s.mean_energy_fraction,
                       s.mean_lepton_angle, o->output);
        });
    });
}
}  // namespace umbra::cli
