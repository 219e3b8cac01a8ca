//! umbra: command-line front end. Thin: parse arguments, build a Config,
//! call the library, print a summary. Errors in user input print one line
//! ("umbra: error: FILE:LINE: what") and exit with status 2.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>

#include "Commands.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/Version.hpp"

int main(int argc, char** argv)
{
    CLI::App app{"umbra: dark-sector signal and background samples for LDMX-style experiments"};
    app.set_version_flag("--version", std::string(umbra::version()));
    app.require_subcommand(1);
    std::string log_level = "info";
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")->capture_default_str();

    umbra::cli::set_command_line(argc, argv);
    umbra::cli::add_lhe_commands(app);
    umbra::cli::add_physics_commands(app);
    umbra::cli::add_darkbrem_commands(app);
    umbra::cli::add_gen_commands(app);
    umbra::cli::add_library_commands(app);
    umbra::cli::add_h5_commands(app);
    umbra::cli::add_geometry_commands(app);
    umbra::cli::add_sim_commands(app);
    umbra::cli::add_reco_commands(app);
    umbra::cli::add_produce_commands(app);
    umbra::cli::add_analysis_commands(app);
    umbra::cli::add_bdt_commands(app);
    umbra::cli::add_report_commands(app);
    umbra::cli::add_batch_commands(app);

    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e)
    {
        return app.exit(e);
    }
    try
    {
        umbra::set_log_level(log_level);
        umbra::cli::run_selected();
    }
    catch (const umbra::InputError& e)
    {
        fmt::print(stderr, "umbra: error: {}\n", e.what());
        return 2;
    }
    catch (const std::exception& e)
    {
        fmt::print(stderr, "umbra: internal error: {}\n", e.what());
        return 3;
    }
    return 0;
}
