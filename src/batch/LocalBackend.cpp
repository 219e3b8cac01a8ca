#include "umbra/batch/LocalBackend.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <string>
#include <thread>

#include "umbra/batch/BatchPlan.hpp"
#include "umbra/batch/JobInspector.hpp"
#include "umbra/core/Error.hpp"

extern char** environ;

namespace umbra::batch
{
namespace fs = std::filesystem;

namespace
{
using Clock = std::chrono::steady_clock;

struct Worker
{
    std::uint64_t index = 0;
    Clock::time_point start;
};

pid_t spawn_worker(const fs::path& executable, const fs::path& directory, const BatchJob& job)
{
    const auto log_path = (directory / job.log).string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const std::string exe = executable.string();
    const std::string dir = directory.string();
    const std::string index = std::to_string(job.index);
    std::vector<std::string> args = {exe, "batch", "run-job", dir, index};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        throw InputError(
            fmt::format("cannot start {} for job {} ({})", exe, job.index, std::strerror(error)));
    return pid;
}

std::string describe_exit(int status)
{
    if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return fmt::format("killed by signal {} ({})", WTERMSIG(status),
                           ::strsignal(WTERMSIG(status)));
    return "ended abnormally";
}
}  // namespace

fs::path self_executable()
{
    std::error_code ec;
    auto path = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        throw InputError(
            fmt::format("cannot find this program's path (/proc/self/exe: {})", ec.message()));
    return path;
}

LocalRunSummary run_local(const fs::path& directory_in, const std::vector<std::uint64_t>& jobs,
                          const LocalBackendConfig& config)
{
    const auto directory = fs::absolute(directory_in).lexically_normal();
    const auto executable = config.executable.empty() ? self_executable() : config.executable;
    unsigned parallel = config.parallel;
    if (parallel == 0) parallel = std::max(1u, std::thread::hardware_concurrency());
    const auto plan = read_plan(directory);
    const auto start = Clock::now();
    LocalRunSummary summary;
    std::map<pid_t, Worker> running;
    std::size_t next = 0;
    const auto total = jobs.size();
    auto print = [&](const std::string& line)
    {
        if (!config.progress) return;
        fmt::print(config.progress, "{}\n", line);
        std::fflush(config.progress);
    };
    while (next < total || !running.empty())
    {
        while (next < total && running.size() < parallel)
        {
            const auto index = jobs[next++];
            if (index >= plan.jobs.size())
                throw InputError(fmt::format("job {} does not exist", index));
            const auto pid = spawn_worker(executable, directory, plan.jobs[index]);
            running[pid] = Worker{index, Clock::now()};
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, 0);
        if (pid < 0)
        {
            if (errno == EINTR) continue;
            throw InputError(
                fmt::format("waiting for the workers failed ({})", std::strerror(errno)));
        }
        const auto it = running.find(pid);
        if (it == running.end()) continue;  // not one of ours
        const auto worker = it->second;
        running.erase(it);
        const double seconds = std::chrono::duration<double>(Clock::now() - worker.start).count();
        const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        const auto how = describe_exit(status);
        const auto& job = plan.jobs[worker.index];
        // The worker records its own result; one that died (or never started) is recorded failed
        // here.
        const auto recorded = update_job(
            directory, worker.index,
            [&](BatchJob& j)
            {
                if (j.status == "done")
                    return;  // output and checksum recorded (even if it ended badly after)
                j.status = "failed";
                // Keep the job's own message (an error it reported), unless a signal or crash ended
                // it.
                if (j.message.empty() || clean || WIFSIGNALED(status))
                    j.message = fmt::format("worker {} (log {})", how, job.log);
            });
        const auto report = inspect_job(directory, recorded);
        if (report.state == JobState::done)
            ++summary.done;
        else
            ++summary.failed;
        print(fmt::format(
            "batch: {} {} in {:.1f} s{} [{}/{} done, {} failed, {} running]",
            job_name(worker.index), report.state == JobState::done ? "done" : "FAILED", seconds,
            report.state == JobState::done ? "" : fmt::format(" ({}; log {})", how, job.log),
            summary.done, total, summary.failed, running.size()));
    }
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}
}  // namespace umbra::batch
