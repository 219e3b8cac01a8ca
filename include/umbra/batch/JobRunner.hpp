#pragma once
//! \file
//! Runs one job of a plan in this process (`umbra batch run-job DIR K`, what
//! every backend executes): records "running" (host, pid) in the manifest,
//! checks the job configuration's CRC-32, runs the simulation (the output is
//! written to a temporary and renamed into place when complete), then records
//! "done" with the output's size and CRC-32 — only then does the job count as
//! done. A failure is recorded as "failed" with its message and rethrown.

#include <cstdint>
#include <filesystem>
#include <string>

#include "umbra/sim/SimulationRun.hpp"

namespace umbra::batch
{
sim::SimulationSummary run_job(const std::filesystem::path& directory, std::uint64_t index,
                               const std::string& command_line);
}  // namespace umbra::batch

namespace umbra::batch
{
//! Record the outputs of jobs that ran without access to the manifest (HTCondor file
//! transfer): every job not done whose output exists, is a complete event file (they
//! appear only when closed) and was made from the job's own configuration is recorded
//! done with its checksum. Returns the number recorded.
std::uint64_t collect_outputs(const std::filesystem::path& directory);
}  // namespace umbra::batch
