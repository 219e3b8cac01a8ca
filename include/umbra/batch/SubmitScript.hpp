#pragma once
//! \file
//! Submit files for cluster backends, generated into the plan directory:
//!   Slurm:    DIR/submit.sbatch, a job array (--array over the job indices);
//!             SLURM_ARRAY_TASK_ID selects the job, which runs
//!             `umbra batch run-job DIR K` on the shared file system.
//!   HTCondor: DIR/submit.condor, `queue` over the job indices with $(Process);
//!             the job's configuration is transferred to the execute node,
//!             `umbra sim` runs there and the output is transferred back into
//!             DIR/out/ (as the UMN LDMX condor scripts do); `umbra batch
//!             collect DIR` then records the outputs' checksums.
//! Syntax notes in docs/batch.md.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "umbra/batch/BatchPlan.hpp"

namespace umbra::batch
{
struct SubmitConfig
{
    std::filesystem::path executable;  //!< the umbra program on the cluster nodes
    std::string time = "04:00:00";     //!< Slurm --time (wall-clock limit per job)
    std::string memory = "2G";         //!< Slurm --mem / HTCondor request_memory
    std::string partition;             //!< Slurm --partition (empty: the cluster's default)
    std::string account;               //!< Slurm --account (empty: none)
    std::string image;                 //!< HTCondor: apptainer/singularity image (empty: none)
    unsigned threads = 1;              //!< cores per job (the job configurations' [sim] threads)
};

//! Indices as a Slurm --array list: "0-3", "1,4-6".
std::string array_list(const std::vector<std::uint64_t>& indices);

//! The sbatch script for `jobs` of the plan stored in `directory` (an absolute path).
std::string slurm_script(const BatchPlan& plan, const std::filesystem::path& directory,
                         const std::vector<std::uint64_t>& jobs, const SubmitConfig& config);
//! The condor_submit description for `jobs` of the plan stored in `directory`.
std::string condor_submit_file(const BatchPlan& plan, const std::filesystem::path& directory,
                               const std::vector<std::uint64_t>& jobs, const SubmitConfig& config);
}  // namespace umbra::batch
