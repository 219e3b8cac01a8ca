//! Golden-file tests of the generated cluster submit files (HTCondor is not installable here,
//! so its submit description is checked against a reviewed reference; syntax notes in
//! docs/batch.md). Regenerate the references after a deliberate change with
//! UMBRA_UPDATE_GOLDEN=1 and review the diff.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "TestSupport.hpp"
#include "umbra/batch/SubmitScript.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::batch
{
namespace
{
BatchPlan example_plan()
{
    BatchPlan plan;
    plan.config = "configs/inclusive.toml";
    plan.config_crc32 = "65a0d4c2";
    plan.events_per_job = 500;
    plan.event_stride = 500;
    for (std::uint64_t k = 0; k < 8; ++k)
    {
        BatchJob job;
        job.index = k;
        job.first_event = 500 * k;
        plan.jobs.push_back(job);
    }
    return plan;
}

SubmitConfig example_config()
{
    SubmitConfig config;
    config.executable = "/opt/umbra/bin/umbra";
    config.time = "02:00:00";
    config.memory = "3G";
    config.partition = "msi";
    return config;
}

void expect_golden(const std::string& text, const std::string& name)
{
    const auto path = test::data_dir() / "batch" / name;
    if (std::getenv("UMBRA_UPDATE_GOLDEN")) test::write_file(path, text);
    EXPECT_EQ(text, test::read_file(path))
        << "differs from " << path << " (UMBRA_UPDATE_GOLDEN=1 rewrites it)";
}

TEST(SubmitScript, SlurmArrayOverAllJobs)
{
    const auto text = slurm_script(example_plan(), "/scratch/plans/inclusive",
                                   {0, 1, 2, 3, 4, 5, 6, 7}, example_config());
    expect_golden(text, "submit.sbatch");
    EXPECT_NE(text.find("#SBATCH --array=0-7\n"), std::string::npos);
    EXPECT_NE(text.find("batch run-job /scratch/plans/inclusive \"${SLURM_ARRAY_TASK_ID}\""),
              std::string::npos);
}

TEST(SubmitScript, SlurmResubmitsOnlyTheGivenJobs)
{
    auto config = example_config();
    config.partition.clear();
    config.account = "ldmx";
    const auto text =
        slurm_script(example_plan(), "/scratch/plans/inclusive", {1, 4, 5, 6}, config);
    expect_golden(text, "resume.sbatch");
    EXPECT_NE(text.find("#SBATCH --array=1,4-6\n"), std::string::npos);
    EXPECT_EQ(text.find("--partition"), std::string::npos);
}

TEST(SubmitScript, CondorQueueOverAllJobs)
{
    const auto text = condor_submit_file(example_plan(), "/scratch/plans/inclusive",
                                         {0, 1, 2, 3, 4, 5, 6, 7}, example_config());
    expect_golden(text, "submit.condor");
    EXPECT_NE(text.find("queue 8\n"), std::string::npos);
    EXPECT_NE(text.find("universe = vanilla\n"), std::string::npos);
}

TEST(SubmitScript, CondorContainerImageAndJobList)
{
    auto config = example_config();
    config.image = "/cvmfs/unpacked.cern.ch/registry.hub.docker.com/ldmx/umbra:latest";
    const auto text =
        condor_submit_file(example_plan(), "/scratch/plans/inclusive", {2, 7}, config);
    expect_golden(text, "resume-container.condor");
    EXPECT_NE(text.find("universe = container\ncontainer_image = /cvmfs/"), std::string::npos);
    EXPECT_NE(text.find("queue Index from (\n  2\n  7\n)\n"), std::string::npos);
}

TEST(SubmitScript, ArrayLists)
{
    EXPECT_EQ(array_list({0}), "0");
    EXPECT_EQ(array_list({0, 1, 2}), "0-2");
    EXPECT_EQ(array_list({0, 2, 3, 9}), "0,2-3,9");
    EXPECT_THROW(slurm_script(example_plan(), "/x", {}, example_config()), InputError);
}
}  // namespace
}  // namespace umbra::batch
