//! umbra batch: split a [sim] production into reproducible jobs and run them locally (a pool
//! of worker processes), on Slurm (job array) or HTCondor; status, resume and merge
//! (docs/batch.md). The work is in the batch module; this file parses and prints.

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "Commands.hpp"
#include "umbra/batch/BatchMerge.hpp"
#include "umbra/batch/BatchPlan.hpp"
#include "umbra/batch/JobInspector.hpp"
#include "umbra/batch/JobRunner.hpp"
#include "umbra/batch/LocalBackend.hpp"
#include "umbra/batch/SubmitScript.hpp"
#include "umbra/core/Error.hpp"

extern char** environ;

namespace umbra::cli
{
namespace
{
namespace fs = std::filesystem;

struct SubmitOptions
{
    std::string directory;
    std::string backend = "local";
    unsigned parallel = 0;
    bool dry_run = false;
    std::string time = "04:00:00";
    std::string memory = "2G";
    std::string partition;
    std::string account;
    std::string image;
    std::string executable;
    bool requeue = false;  //!< resume: also jobs recorded queued (lost by the cluster)
};

void add_submit_options(CLI::App* cmd, SubmitOptions& o)
{
    cmd->add_option("dir", o.directory, "plan directory")->required();
    cmd->add_option("--backend,-b", o.backend, "local, slurm or condor")->capture_default_str();
    cmd->add_option("--parallel,-j", o.parallel, "local: jobs at a time (default: one per core)");
    cmd->add_flag("--dry-run", o.dry_run,
                  "slurm/condor: write the submit file and print the command, do not submit");
    cmd->add_option("--time", o.time, "slurm: wall-clock limit per job")->capture_default_str();
    cmd->add_option("--mem", o.memory, "slurm/condor: memory per job")->capture_default_str();
    cmd->add_option("--partition", o.partition, "slurm: partition");
    cmd->add_option("--account", o.account, "slurm: account");
    cmd->add_option("--image", o.image, "condor: apptainer image (container universe)");
    cmd->add_option("--umbra", o.executable,
                    "slurm/condor: the umbra program on the nodes (default: this one)");
}

//! Runs `program` (looked up in PATH) with `args`; returns its exit status, or -1 if not found.
int run_found(const std::string& program, const std::vector<std::string>& args)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::fflush(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
    {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool in_path(const std::string& program)
{
    const char* path = std::getenv("PATH");
    if (!path) return false;
    std::string_view rest = path;
    while (true)
    {
        const auto colon = rest.find(':');
        const fs::path candidate = fs::path(std::string(rest.substr(0, colon))) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return true;
        if (colon == std::string_view::npos) return false;
        rest.remove_prefix(colon + 1);
    }
}

void write_file_atomically(const fs::path& path, const std::string& text)
{
    const auto temporary = fs::path(path.string() + ".tmp");
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << text;
        if (!out) throw InputError(SourceLocation{path.string(), 0}, "cannot write");
    }
    fs::rename(temporary, path);
}

//! Run or submit `jobs` of the plan in o.directory on o.backend.
void dispatch(const SubmitOptions& o, const std::vector<std::uint64_t>& jobs, const char* verb)
{
    const auto directory = fs::absolute(o.directory).lexically_normal();
    const auto plan = batch::read_plan(directory);
    if (o.backend == "local")
    {
        if (o.dry_run) throw InputError("--dry-run applies to the slurm and condor backends");
        if (jobs.empty())
        {
            fmt::print("umbra batch {}: nothing to run ({} jobs done)\n", verb, plan.jobs.size());
            return;
        }
        batch::LocalBackendConfig config;
        config.parallel = o.parallel;
        fmt::print(
            "umbra batch {}: {} of {} jobs on the local backend, {} at a time (logs in {}/logs)\n",
            verb, jobs.size(), plan.jobs.size(),
            o.parallel > 0 ? o.parallel : std::max(1u, std::thread::hardware_concurrency()),
            directory.string());
        std::fflush(stdout);
        const auto summary = batch::run_local(directory, jobs, config);
        fmt::print("umbra batch {}: {} done, {} failed in {:.1f} s\n", verb, summary.done,
                   summary.failed, summary.seconds);
        if (summary.failed > 0)
        {
            throw InputError(
                fmt::format("{} of {} jobs failed (see `umbra batch status {}` and the logs; "
                            "`umbra batch resume {}` re-runs them)",
                            summary.failed, jobs.size(), o.directory, o.directory));
        }
        return;
    }
    if (o.backend != "slurm" && o.backend != "condor")
        throw InputError(
            fmt::format("--backend {}: the backends are local, slurm and condor", o.backend));
    if (jobs.empty())
    {
        fmt::print("umbra batch {}: nothing to submit ({} jobs done)\n", verb, plan.jobs.size());
        return;
    }
    batch::SubmitConfig config;
    config.executable = o.executable.empty() ? batch::self_executable() : fs::path(o.executable);
    config.time = o.time;
    config.memory = o.memory;
    config.partition = o.partition;
    config.account = o.account;
    config.image = o.image;
    config.threads = plan.threads_per_job;
    const bool slurm = o.backend == "slurm";
    const auto file = directory / (slurm ? "submit.sbatch" : "submit.condor");
    write_file_atomically(file, slurm ? batch::slurm_script(plan, directory, jobs, config)
                                      : batch::condor_submit_file(plan, directory, jobs, config));
    const std::string program = slurm ? "sbatch" : "condor_submit";
    fmt::print("umbra batch {}: wrote {} ({} jobs)\n", verb, file.string(), jobs.size());
    if (o.dry_run)
    {
        fmt::print("submit with: {} {}\n", program, file.string());
        if (!slurm)
            fmt::print("then record the outputs with: umbra batch collect {}\n", o.directory);
        return;
    }
    if (!in_path(program))
    {
        throw InputError(
            fmt::format("{} not found in PATH (no {} client on this machine): submit {} from a "
                        "submit node, or use --dry-run",
                        program, slurm ? "Slurm" : "HTCondor", file.string()));
    }
    const int status = run_found(program, {file.string()});
    if (status != 0)
        throw InputError(
            fmt::format("{} {} failed (exit status {})", program, file.string(), status));
    // Submitted: recorded queued so that neither submit nor resume sends them twice.
    for (const auto index : jobs)
    {
        batch::update_job(directory, index,
                          [&](batch::BatchJob& j)
                          {
                              j.status = "queued";
                              j.message = fmt::format("submitted with {} {}", program,
                                                      file.filename().string());
                          });
    }
    if (!slurm) fmt::print("when the jobs have ended: umbra batch collect {}\n", o.directory);
}

std::vector<std::uint64_t> jobs_in(const batch::PlanReport& report,
                                   std::initializer_list<batch::JobState> states)
{
    std::vector<std::uint64_t> jobs;
    for (const auto& job : report.jobs)
    {
        for (const auto s : states)
            if (job.state == s) jobs.push_back(job.index);
    }
    return jobs;
}
}  // namespace

void add_batch_commands(CLI::App& app)
{
    auto* batch_cmd =
        app.add_subcommand("batch",
                           "Split a production into jobs; run them locally, on Slurm or "
                           "HTCondor; status, resume, merge (docs/batch.md)");
    batch_cmd->require_subcommand(1);
    {
        struct Options
        {
            std::string config;
            std::uint64_t jobs = 0;
            std::uint64_t events_per_job = 0;
            std::string output;
            std::optional<std::uint64_t> first_event;
            std::optional<std::uint64_t> tries_per_job;
            unsigned threads_per_job = 1;
        };
        auto o = std::make_shared<Options>();
        auto* cmd =
            batch_cmd->add_subcommand("plan",
                                      "Split a [sim] configuration into N jobs of M events (writes "
                                      "DIR/manifest.toml and one configuration per job)");
        cmd->add_option("config", o->config,
                        "[sim] configuration (configs/inclusive.toml, deep-conversion.toml)")
            ->required();
        cmd->add_option("--jobs,-N", o->jobs, "number of jobs")->required();
        cmd->add_option("--events-per-job,-M", o->events_per_job,
                        "events per job ([sim] events: accepted events when count = \"accepted\")")
            ->required();
        cmd->add_option("--output,-o", o->output, "plan directory (new or empty)")->required();
        cmd->add_option("--first-event", o->first_event,
                        "global number of job 0's first event (default: the config's)");
        cmd->add_option(
            "--tries-per-job", o->tries_per_job,
            "count = \"accepted\": the window of tries each job draws from (default: max_tries or "
            "1000 x M + 10000)");
        cmd->add_option("--threads-per-job", o->threads_per_job, "threads of each job")
            ->capture_default_str();
        cmd->callback(
            [o]
            {
                set_action(
                    [o]
                    {
                        batch::PlanRequest request;
                        request.config = o->config;
                        request.jobs = o->jobs;
                        request.events_per_job = o->events_per_job;
                        request.directory = o->output;
                        request.first_event = o->first_event;
                        request.tries_per_job = o->tries_per_job;
                        request.threads_per_job = o->threads_per_job;
                        request.command = command_line();
                        bool created = false;
                        const auto plan = batch::plan_batch(request, &created);
                        if (!created)
                        {
                            fmt::print(
                                "umbra batch plan: {} already holds this plan; nothing written\n",
                                o->output);
                            return;
                        }
                        const auto& last = plan.jobs.back();
                        fmt::print(
                            "umbra batch plan: {} jobs x {} {} events of {} (seed {}) in {}\n",
                            plan.jobs.size(), plan.events_per_job, plan.count, plan.config,
                            plan.seed, o->output);
                        fmt::print(
                            "  events {}..{} (job K starts at {} + K x {}); run with: umbra batch "
                            "submit {}\n",
                            plan.first_event, last.first_event + plan.event_stride - 1,
                            plan.first_event, plan.event_stride, o->output);
                    });
            });
    }
    {
        auto o = std::make_shared<SubmitOptions>();
        auto* cmd = batch_cmd->add_subcommand(
            "submit", "Run a new plan's jobs (local pool) or submit them (slurm, condor)");
        add_submit_options(cmd, *o);
        cmd->callback(
            [o]
            {
                set_action(
                    [o]
                    {
                        const auto plan = batch::read_plan(o->directory);
                        std::vector<std::uint64_t> jobs;
                        for (const auto& job : plan.jobs)
                        {
                            if (job.status != "pending")
                            {
                                throw InputError(
                                    SourceLocation{o->directory, 0},
                                    fmt::format(
                                        "was already submitted ({} is {}): see `umbra batch status "
                                        "{}`; "
                                        "`umbra batch resume {}` runs what is missing or failed",
                                        batch::job_name(job.index), job.status, o->directory,
                                        o->directory));
                            }
                            jobs.push_back(job.index);
                        }
                        dispatch(*o, jobs, "submit");
                    });
            });
    }
    {
        auto o = std::make_shared<SubmitOptions>();
        auto* cmd = batch_cmd->add_subcommand(
            "resume", "Run (or submit) again only the jobs that are missing or failed");
        add_submit_options(cmd, *o);
        cmd->add_flag("--requeue", o->requeue,
                      "also the jobs recorded queued on a cluster (that lost them)");
        cmd->callback(
            [o]
            {
                set_action(
                    [o]
                    {
                        const auto plan = batch::read_plan(o->directory);
                        const auto report = batch::inspect_plan(o->directory, plan);
                        const auto running = report.count(batch::JobState::running);
                        const auto queued = report.count(batch::JobState::queued);
                        if (running > 0)
                            fmt::print("umbra batch resume: {} jobs still running are left alone\n",
                                       running);
                        if (queued > 0 && !o->requeue)
                            fmt::print(
                                "umbra batch resume: {} jobs queued on a cluster are left alone "
                                "(--requeue if the "
                                "cluster lost them)\n",
                                queued);
                        auto jobs = o->requeue ? jobs_in(report, {batch::JobState::missing,
                                                                  batch::JobState::failed,
                                                                  batch::JobState::queued})
                                               : jobs_in(report, {batch::JobState::missing,
                                                                  batch::JobState::failed});
                        std::sort(jobs.begin(), jobs.end());
                        dispatch(*o, jobs, "resume");
                    });
            });
    }
    {
        auto directory = std::make_shared<std::string>();
        auto* cmd = batch_cmd->add_subcommand(
            "status", "Jobs done, running, failed and missing (outputs' checksums verified)");
        cmd->add_option("dir", *directory, "plan directory")->required();
        cmd->callback(
            [directory]
            {
                set_action(
                    [directory]
                    {
                        const auto plan = batch::read_plan(*directory);
                        const auto report = batch::inspect_plan(*directory, plan);
                        fmt::print(
                            "plan {}: {} jobs x {} {} events of {} (config crc32 {}, seed {})\n",
                            *directory, plan.jobs.size(), plan.events_per_job, plan.count,
                            plan.config, plan.config_crc32, plan.seed);
                        for (const auto& job : report.jobs)
                        {
                            const auto& j = plan.jobs[job.index];
                            fmt::print("  {}  {:<8} events {}..{}  attempts {}{}\n",
                                       batch::job_name(job.index), batch::to_string(job.state),
                                       j.first_event, j.first_event + plan.event_stride - 1,
                                       j.attempts,
                                       job.detail.empty() ? "" : "  (" + job.detail + ")");
                        }
                        fmt::print("{} done, {} running, {} failed, {} missing",
                                   report.count(batch::JobState::done),
                                   report.count(batch::JobState::running),
                                   report.count(batch::JobState::failed),
                                   report.count(batch::JobState::missing));
                        const auto queued = report.count(batch::JobState::queued);
                        fmt::print("{}\n",
                                   queued > 0 ? fmt::format(", {} queued", queued) : std::string());
                    });
            });
    }
    {
        auto directories = std::make_shared<std::vector<std::string>>();
        auto output = std::make_shared<std::string>();
        auto* cmd = batch_cmd->add_subcommand(
            "merge", "Merge the outputs of complete plans of one configuration");
        cmd->add_option("dirs", *directories, "plan directories")->required();
        cmd->add_option("--output,-o", *output, "merged event file")->required();
        cmd->callback(
            [directories, output]
            {
                set_action(
                    [directories, output]
                    {
                        std::vector<fs::path> paths(directories->begin(), directories->end());
                        const auto events = batch::merge_plans(paths, *output, command_line());
                        fmt::print("umbra batch merge: {} events from {} plan{} into {}\n", events,
                                   paths.size(), paths.size() == 1 ? "" : "s", *output);
                    });
            });
    }
    {
        auto directory = std::make_shared<std::string>();
        auto index = std::make_shared<std::uint64_t>(0);
        auto* cmd = batch_cmd->add_subcommand(
            "run-job", "Run one job of a plan here (what every backend executes)");
        cmd->add_option("dir", *directory, "plan directory")->required();
        cmd->add_option("index", *index, "job index (0-based; Slurm: $SLURM_ARRAY_TASK_ID)")
            ->required();
        cmd->callback(
            [directory, index]
            {
                set_action(
                    [directory, index]
                    {
                        const auto summary = batch::run_job(*directory, *index, command_line());
                        fmt::print(
                            "umbra batch run-job: {} done: {} events written ({} rejected) in "
                            "{:.1f} s\n",
                            batch::job_name(*index), summary.events_written,
                            summary.events_rejected, summary.seconds);
                    });
            });
    }
    {
        auto directory = std::make_shared<std::string>();
        auto* cmd =
            batch_cmd->add_subcommand("collect",
                                      "Record the outputs of jobs run without the manifest (condor "
                                      "file transfer)");
        cmd->add_option("dir", *directory, "plan directory")->required();
        cmd->callback(
            [directory]
            {
                set_action(
                    [directory]
                    {
                        const auto n = batch::collect_outputs(*directory);
                        fmt::print("umbra batch collect: {} outputs recorded\n", n);
                    });
            });
    }
}
}  // namespace umbra::cli
