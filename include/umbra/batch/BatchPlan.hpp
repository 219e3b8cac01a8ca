#pragma once
//! \file
//! A batch plan: one `[sim]` production (umbra sim / produce background
//! configuration) split into N independent jobs, stored as a directory
//!   DIR/manifest.toml    plan and per-job status (docs/batch.md)
//!   DIR/config.toml      the configuration as given (its CRC-32 identifies the plan)
//!   DIR/jobs/job-K.toml  job K's configuration (first_event, events, seed set)
//!   DIR/out/job-K.h5     job K's output (appears only when complete)
//!   DIR/logs/job-K.log   job K's log
//! Reproducibility rule: every event draws its random numbers from streams
//! keyed by (seed, stream, global event number), so job K = the events
//! first_event_K .. first_event_K + stride - 1 of the plan's event space.
//! With count = "simulated" the stride is events-per-job and the jobs together
//! are exactly one big job of N x M events; with count = "accepted" each job
//! writes M accepted events from its own window of `stride` tries (docs/batch.md).
//! The manifest is only replaced whole (temporary + rename) under a lock file,
//! so concurrent jobs (local workers, Slurm array tasks) can record their status.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace umbra::batch
{
//! Manifest format version (manifest.toml `format`).
inline constexpr int manifest_format = 1;

//! One job of a plan. Paths are relative to the plan directory.
struct BatchJob
{
    std::uint64_t index = 0;
    std::uint64_t first_event = 0;  //!< global number of the job's first event (try)
    std::uint64_t events = 0;       //!< [sim] events of the job
    std::string config;             //!< jobs/job-K.toml
    std::string config_crc32;       //!< of the job configuration, checked before running
    std::string output;             //!< out/job-K.h5
    std::string log;                //!< logs/job-K.log
    std::string command;  //!< the equivalent `umbra sim` command (run from the plan directory)
    // Status, written by the job (umbra batch run-job) and by the local backend.
    std::string status = "pending";  //!< pending | queued | running | done | failed
    std::string output_crc32;        //!< recorded once the output was renamed into place
    std::uint64_t output_bytes = 0;
    std::uint64_t attempts = 0;
    std::string host;      //!< where the last attempt ran
    std::int64_t pid = 0;  //!< its process id
    std::string message;   //!< why the last attempt failed
};

struct BatchPlan
{
    int format = manifest_format;
    std::string config;        //!< the configuration file as given when planning
    std::string config_crc32;  //!< CRC-32 of its text (identifies the plan's configuration)
    std::uint64_t seed = 0;
    std::string count =
        "simulated";  //!< the configuration's [sim] count: "simulated" or "accepted"
    std::uint64_t events_per_job = 0;
    std::uint64_t event_stride = 0;  //!< first_event of job K = first_event + K x event_stride
    std::uint64_t first_event = 0;   //!< global number of job 0's first event
    unsigned threads_per_job = 1;    //!< [sim] threads of each job (cores to request on a cluster)
    std::string umbra_version;
    std::string command;  //!< the planning command line
    std::vector<BatchJob> jobs;
};

//! What `umbra batch plan` asks for.
struct PlanRequest
{
    std::filesystem::path
        config;  //!< a [sim] configuration (configs/inclusive.toml, deep-conversion.toml)
    std::uint64_t jobs = 0;                    //!< N >= 1
    std::uint64_t events_per_job = 0;          //!< M >= 1 ([sim] events of each job)
    std::filesystem::path directory;           //!< the plan directory (new or empty)
    std::optional<std::uint64_t> first_event;  //!< default: the configuration's first_event
    std::optional<std::uint64_t>
        tries_per_job;  //!< count = "accepted": try window (default max_tries or 1000 M + 10000)
    unsigned threads_per_job = 1;  //!< [sim] threads of each job (the output does not depend on it)
    std::string command;           //!< for the manifest
};

//! Write a new plan directory (built beside it and renamed into place, so an error leaves
//! nothing behind). A directory that already holds the same plan is kept as it is
//! (`*created` false); one holding another plan, or other files, is an InputError.
BatchPlan plan_batch(const PlanRequest& request, bool* created = nullptr);

//! Read DIR/manifest.toml (InputError if DIR holds no plan).
BatchPlan read_plan(const std::filesystem::path& directory);
//! Replace DIR/manifest.toml (temporary + rename). Callers that may run concurrently use
//! update_job.
void write_plan(const std::filesystem::path& directory, const BatchPlan& plan);
//! The manifest text.
std::string manifest_text(const BatchPlan& plan);
//! Under DIR/.manifest.lock: read the manifest, apply `change` to job `index`, write it back.
BatchJob update_job(const std::filesystem::path& directory, std::uint64_t index,
                    const std::function<void(BatchJob&)>& change);

//! "job-0003" for index 3 (4 digits at least).
std::string job_name(std::uint64_t index);
//! CRC-32 of a file as 8 hex digits.
std::string crc32_hex(const std::filesystem::path& path);
}  // namespace umbra::batch
