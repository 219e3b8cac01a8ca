#pragma once
//! \file
//! The local backend: a pool of worker processes, each `umbra batch run-job
//! DIR K` (posix_spawn of this executable), at most `parallel` at a time, one
//! per core by default. Each job's stdout and stderr go to DIR/logs/job-K.log
//! (appended, one section per attempt). Progress across jobs is printed as
//! jobs finish. A worker that dies or fails is recorded "failed" in the
//! manifest (unless it recorded a result itself); the other jobs go on.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace umbra::batch
{
struct LocalBackendConfig
{
    unsigned parallel = 0;             //!< workers at a time (0: one per core)
    std::filesystem::path executable;  //!< the umbra program (empty: /proc/self/exe)
    std::FILE* progress = stdout;      //!< where progress lines go (nullptr: none)
};

struct LocalRunSummary
{
    std::uint64_t done = 0;    //!< jobs that ended recorded done
    std::uint64_t failed = 0;  //!< jobs that failed or died
    double seconds = 0;        //!< wall time
};

//! Run `jobs` (indices) of the plan in `directory`; returns when all have ended.
LocalRunSummary run_local(const std::filesystem::path& directory,
                          const std::vector<std::uint64_t>& jobs, const LocalBackendConfig& config);

//! This program's path (/proc/self/exe resolved).
std::filesystem::path self_executable();
}  // namespace umbra::batch
