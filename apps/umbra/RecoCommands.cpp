#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "Commands.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/reco/ReconstructionRun.hpp"

namespace umbra::cli
{
void add_reco_commands(CLI::App& app)
{
    struct Options
    {
        std::string input;
        std::string output;
        std::string config_file;
        std::optional<std::uint64_t> seed;
        std::optional<unsigned> threads;
        std::optional<std::string> detector;
        bool dump_default = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "reco", "Digitise and reconstruct an event file: ECal/HCal rec hits, ECal veto variables, HCal veto");
    cmd->add_option("input", o->input, "event file with sim hits (umbra sim output)");
    cmd->add_option("--output,-o", o->output, "output .h5 file (the input's groups plus the reconstruction)");
    cmd->add_option("--config,-c", o->config_file, "TOML file with a [reco] table (other tables are ignored)");
    cmd->add_option("--seed", o->seed, "noise seed (default: the input file's seed, as inline reconstruction)");
    cmd->add_option("--threads,-j", o->threads, "threads (the output does not depend on it)");
    cmd->add_option("--detector,-d", o->detector, "detector (default: the one the input was simulated with)");
    cmd->add_flag("--dump-default", o->dump_default, "print the default [reco] configuration and exit");
    cmd->callback([o] {
        set_action([o] {
            if (o->dump_default)
            {
                fmt::print("{}", reco::default_reconstruction_config_text());
                return;
            }
            if (o->input.empty() || o->output.empty())
            {
                throw InputError("umbra reco needs an input file and --output (umbra reco IN.h5 -o OUT.h5)");
            }
            reco::ReconstructionRunConfig config;
            if (!o->config_file.empty()) config = reco::read_reconstruction_run_config(o->config_file);
            config.seed = o->seed;
            if (o->threads)
            {
                if (*o->threads < 1) throw InputError("--threads must be at least 1");
                config.threads = *o->threads;
            }
            if (o->detector) config.detector = *o->detector;
            const auto summary = reco::run_reconstruction(config, o->input, o->output, command_line());
            fmt::print("umbra reco: {} events reconstructed into {} in {:.2f} s ({:.0f} events/s on {} thread{})\n",
                       summary.events, o->output, summary.seconds,
                       summary.seconds > 0 ? static_cast<double>(summary.events) / summary.seconds : 0.0,
                       config.threads, config.threads == 1 ? "" : "s");
            fmt::print("  mean ECal readout hits {:.1f}, mean reconstructed ECal energy {:.1f} MeV\n",
                       summary.mean_readout_hits, summary.mean_ecal_energy);
        });
    });
}
}  // namespace umbra::cli
