#include "umbra/batch/JobInspector.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>

#include "umbra/core/Error.hpp"

namespace umbra::batch
{
namespace fs = std::filesystem;

namespace
{
//! Whether `pid` on this host is an umbra batch run-job process.
bool job_process_alive(std::int64_t pid)
{
    if (pid <= 0) return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return false;
    std::ifstream in(fmt::format("/proc/{}/cmdline", pid), std::ios::binary);
    if (!in) return true;  // no /proc: trust kill()
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    return cmdline.find("run-job") != std::string::npos;
}
}  // namespace

std::string_view to_string(JobState state) noexcept
{
    switch (state)
    {
        case JobState::done:
            return "done";
        case JobState::running:
            return "running";
        case JobState::failed:
            return "failed";
        case JobState::missing:
            return "missing";
        case JobState::queued:
            return "queued";
    }
    return "?";
}

std::uint64_t PlanReport::count(JobState state) const noexcept
{
    return static_cast<std::uint64_t>(std::count_if(
        jobs.begin(), jobs.end(), [state](const JobReport& j) { return j.state == state; }));
}

std::string host_name()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
    return name;
}

JobReport inspect_job(const fs::path& directory, const BatchJob& job)
{
    JobReport report;
    report.index = job.index;
    const auto output = directory / job.output;
    std::error_code ec;
    if (job.status == "done")
    {
        if (!fs::exists(output, ec))
        {
            report.state = JobState::missing;
            report.detail = "recorded done but the output is gone";
            return report;
        }
        const auto size = fs::file_size(output, ec);
        if (ec || size != job.output_bytes)
        {
            report.state = JobState::failed;
            report.detail = fmt::format("output has {} bytes, the manifest recorded {}",
                                        ec ? 0 : size, job.output_bytes);
            return report;
        }
        std::string crc;
        try
        {
            crc = crc32_hex(output);
        }
        catch (const InputError& e)
        {
            crc = "unreadable";
        }
        if (crc != job.output_crc32)
        {
            report.state = JobState::failed;
            report.detail = fmt::format("output crc32 {} does not match the recorded {}", crc,
                                        job.output_crc32);
            return report;
        }
        report.state = JobState::done;
        return report;
    }
    if (job.status == "running")
    {
        if (job.host != host_name())
        {
            report.state = JobState::running;
            report.detail =
                fmt::format("on host {} (pid {}), not checked from here", job.host, job.pid);
        }
        else if (job_process_alive(job.pid))
        {
            report.state = JobState::running;
            report.detail = fmt::format("pid {}", job.pid);
        }
        else
        {
            report.state = JobState::failed;
            report.detail =
                fmt::format("its process (pid {}) is gone without recording a result", job.pid);
        }
        return report;
    }
    if (job.status == "queued")
    {
        report.state = JobState::queued;
        report.detail = job.message;
        return report;
    }
    if (job.status == "failed")
    {
        report.state = JobState::failed;
        report.detail = job.message.empty() ? "failed" : job.message;
        return report;
    }
    report.state = JobState::missing;
    report.detail =
        fs::exists(output, ec) ? "an output exists but was never recorded" : "not run yet";
    return report;
}

PlanReport inspect_plan(const fs::path& directory, const BatchPlan& plan)
{
    PlanReport report;
    for (const auto& job : plan.jobs) report.jobs.push_back(inspect_job(directory, job));
    return report;
}
}  // namespace umbra::batch
