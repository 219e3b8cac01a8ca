#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "Commands.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/sim/SimulationRun.hpp"

namespace umbra::cli
{
void add_sim_commands(CLI::App& app)
{
    struct Options
    {
        std::string config_file;
        std::optional<std::uint64_t> events;
        std::optional<std::uint64_t> seed;
        std::optional<std::uint64_t> first_event;
        std::optional<unsigned> threads;
        std::optional<std::string> detector;
        std::string output = "events.h5";
        bool dump_default = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("sim", "Simulate events in the detector (EM transport) and write an HDF5 event file");
    cmd->add_option("--config,-c", o->config_file, "TOML file with a [sim] table (options below override it)");
    cmd->add_option("--events,-n", o->events, "number of events");
    cmd->add_option("--seed", o->seed, "random seed");
    cmd->add_option("--first-event", o->first_event, "global number of the first event (job splitting)");
    cmd->add_option("--threads,-j", o->threads, "threads (the output does not depend on it)");
    cmd->add_option("--detector,-d", o->detector, "shipped detector name or description file");
    cmd->add_option("--output,-o", o->output, "output .h5 file")->capture_default_str();
    cmd->add_flag("--dump-default", o->dump_default, "print the default configuration and exit");
    cmd->callback([o] {
        set_action([o] {
            if (o->dump_default)
            {
                fmt::print("{}", sim::default_simulation_config());
                return;
            }
            sim::SimulationConfig config;
            if (!o->config_file.empty()) config = sim::read_simulation_config(o->config_file);
            if (o->events) config.events = *o->events;
            if (o->seed) config.seed = *o->seed;
            if (o->first_event) config.first_event = *o->first_event;
            if (o->threads)
            {
                if (*o->threads < 1) throw InputError("--threads must be at least 1");
                config.threads = *o->threads;
            }
            if (o->detector) config.detector = *o->detector;
            const auto summary = sim::run_simulation(config, o->output, command_line());
            const double per_event = summary.events_written + summary.events_rejected > 0
                                         ? summary.seconds / static_cast<double>(summary.events_written +
                                                                                 summary.events_rejected)
                                         : 0.0;
            fmt::print("umbra sim: {} events written ({} rejected) to {} in {:.1f} s ({:.1f} ms/event on {} thread{})\n",
                       summary.events_written, summary.events_rejected, o->output, summary.seconds, 1e3 * per_event,
                       config.threads, config.threads == 1 ? "" : "s");
            fmt::print("  mean energy in ECal Si {:.2f} MeV, in HCal scintillator {:.2f} MeV; {:.0f} steps/event\n",
                       summary.mean_ecal_edep, summary.mean_hcal_edep,
                       summary.events_written > 0
                           ? static_cast<double>(summary.steps) / static_cast<double>(summary.events_written)
                           : 0.0);
        });
    });
}
}  // namespace umbra::cli
