//! umbra report: the HTML report comparing a signal with a background sample. The report is
//! written by python/report.py (numpy, h5py and matplotlib under Debian's /usr/bin/python3);
//! this command finds the script, runs it without a shell and forwards its exit status.

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "Commands.hpp"
#include "umbra/core/Error.hpp"

extern char** environ;

#ifndef UMBRA_SOURCE_PYTHON_DIR
#define UMBRA_SOURCE_PYTHON_DIR ""
#endif

namespace umbra::cli
{
namespace
{
constexpr const char* python_interpreter = "/usr/bin/python3";

//! $UMBRA_PYTHON_DIR if set, else the source tree's python/ directory.
std::filesystem::path python_dir()
{
    if (const char* dir = std::getenv("UMBRA_PYTHON_DIR"); dir != nullptr && *dir != '\0') return dir;
    return UMBRA_SOURCE_PYTHON_DIR;
}

//! Runs args[0] (an absolute path) with args, no shell involved; returns its exit status
//! (128 + signal number if a signal ended it, as shells report it).
int run_program(const std::vector<std::string>& args)
{
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::fflush(nullptr);
    pid_t pid = 0;
    if (const int error = posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ); error != 0)
    {
        throw InputError(fmt::format("cannot run {} ({})", args[0], std::strerror(error)));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
    {
        if (errno != EINTR) throw InputError(fmt::format("waiting for {}: {}", args[0], std::strerror(errno)));
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}
}  // namespace

void add_report_commands(CLI::App& app)
{
    struct Options
    {
        std::vector<std::string> signal, background;
        std::string model, output, signal_label, background_label;
        std::optional<int> bins;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "report", "HTML report with plots comparing signal and background observable files (and a BDT model): "
                  "distributions, single-observable AUCs, ROC curves, cut flows, correlations, provenance");
    cmd->add_option("--signal", o->signal, "observable file(s) of the signal (umbra observables)");
    cmd->add_option("--background", o->background, "observable file(s) of the background");
    cmd->add_option("--model", o->model, "model directory written by umbra bdt train");
    cmd->add_option("--signal-label", o->signal_label, "legend label of the signal, e.g. \"ALP m=30 MeV\"");
    cmd->add_option("--background-label", o->background_label, "legend label of the background");
    cmd->add_option("--bins", o->bins, "histogram bins (default 40)");
    cmd->add_option("--output,-o", o->output, "report directory (index.html and PNGs); replaces a previous report")
        ->required();
    cmd->footer("Runs " + std::string(python_interpreter) +
                " python/report.py (directory: $UMBRA_PYTHON_DIR, else the source tree). Bad inputs are listed "
                "in the report and on stderr; the exit status is 0 when something was reported, 1 when nothing "
                "could be, 2 on usage errors, 3 on internal errors.");
    cmd->callback([o] {
        set_action([o] {
            if (o->signal.empty() && o->background.empty() && o->model.empty())
            {
                throw InputError("nothing to report (no --signal, --background or --model given)");
            }
            if (access(python_interpreter, X_OK) != 0)
            {
                throw InputError(fmt::format("{} not found (umbra report needs Debian's Python 3 with numpy, h5py "
                                             "and matplotlib) run scripts/setup",
                                             python_interpreter));
            }
            const auto script = python_dir() / "report.py";
            if (!std::filesystem::is_regular_file(script))
            {
                throw InputError(fmt::format("{} not found (the report script ships in umbra's python/ directory) "
                                             "set UMBRA_PYTHON_DIR to that directory",
                                             script.string()));
            }
            std::vector<std::string> args{python_interpreter, script.string()};
            const auto add_files = [&](const char* flag, const std::vector<std::string>& files) {
                if (files.empty()) return;
                args.emplace_back(flag);
                for (const auto& file : files) args.push_back(file.starts_with('-') ? "./" + file : file);
            };
            add_files("--signal", o->signal);
            add_files("--background", o->background);
            const auto add_value = [&](const char* flag, const std::string& value) {
                if (!value.empty()) args.push_back(std::string(flag) + "=" + value);  // values may start with -
            };
            add_value("--model", o->model);
            add_value("--signal-label", o->signal_label);
            add_value("--background-label", o->background_label);
            if (o->bins) add_value("--bins", std::to_string(*o->bins));
            add_value("--output", o->output);
            const int status = run_program(args);
            if (status != 0) std::exit(status);
        });
    });
}
}  // namespace umbra::cli
