#pragma once

#include <functional>
#include <optional>
#include <string>

namespace CLI
{
class App;
}

namespace umbra::cli
{
//! Each add_* registers subcommands whose callbacks store the action to run;
//! run_selected() runs it after parsing (so errors are reported uniformly).
void add_lhe_commands(CLI::App& app);
void add_physics_commands(CLI::App& app);
void add_darkbrem_commands(CLI::App& app);
void add_gen_commands(CLI::App& app);
void add_library_commands(CLI::App& app);
void add_h5_commands(CLI::App& app);
void add_geometry_commands(CLI::App& app);
void add_sim_commands(CLI::App& app);
void add_reco_commands(CLI::App& app);
void add_produce_commands(CLI::App& app);
void add_analysis_commands(CLI::App& app);
void add_bdt_commands(CLI::App& app);
void add_report_commands(CLI::App& app);
void add_batch_commands(CLI::App& app);
void set_action(std::function<void()> action);
//! The command line as typed (for provenance), set by main().
const std::string& command_line();
void set_command_line(int argc, char** argv);
void run_selected();
}  // namespace umbra::cli
