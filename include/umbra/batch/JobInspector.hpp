#pragma once
//! \file
//! The state of a plan's jobs from the manifest and the outputs, not from
//! guesses: a job is done only when its manifest entry says done AND its
//! output exists with the recorded size and CRC-32; "running" entries are
//! checked against the process table when they ran on this host.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "umbra/batch/BatchPlan.hpp"

namespace umbra::batch
{
enum class JobState
{
    done,     //!< output in place with the recorded checksum
    running,  //!< a live process is running it (or it runs on another host)
    failed,   //!< the last attempt failed, its process died, or the output does not match its
              //!< checksum
    missing,  //!< never run (pending), or recorded done but the output is gone
    queued,   //!< submitted to a cluster (sbatch, condor_submit), not started yet
};

std::string_view to_string(JobState state) noexcept;

struct JobReport
{
    std::uint64_t index = 0;
    JobState state = JobState::missing;
    std::string detail;  //!< why (empty for done)
};

struct PlanReport
{
    std::vector<JobReport> jobs;
    std::uint64_t count(JobState state) const noexcept;
    bool complete() const noexcept { return count(JobState::done) == jobs.size(); }
};

//! Inspect every job of `plan` (stored in `directory`), verifying the outputs' checksums.
PlanReport inspect_plan(const std::filesystem::path& directory, const BatchPlan& plan);
//! One job.
JobReport inspect_job(const std::filesystem::path& directory, const BatchJob& job);
//! This machine's host name.
std::string host_name();
}  // namespace umbra::batch
