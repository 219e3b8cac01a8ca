//! Running a plan: run_job records done only with the output's checksum; the local backend
//! runs the jobs as separate processes and records failures; inspect_job tells done,
//! running, failed and missing from the manifest and the files; merge_plans gives the same
//! events as one unsplit run and refuses incomplete plans, tampered outputs and mixed plans.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "TestSupport.hpp"
#include "umbra/batch/BatchMerge.hpp"
#include "umbra/batch/BatchPlan.hpp"
#include "umbra/batch/JobInspector.hpp"
#include "umbra/batch/JobRunner.hpp"
#include "umbra/batch/LocalBackend.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/sim/SimulationRun.hpp"

namespace umbra::batch
{
namespace
{
namespace fs = std::filesystem;

// Small events: a 1 GeV electron gun keeps each event to a few ms.
constexpr const char* config_text = R"([sim]
events = 6
seed = 11

[sim.source]
type = "gun"
particle = "e-"
energy_gev = 1.0
position_spread_mm = [5.0, 5.0, 0.0]
position_mm = [0.0, 0.0, -100.0]
direction = [0.0, 0.0, 1.0]
)";

struct BatchRun : ::testing::Test
{
    test::TemporaryDirectory tmp;
    fs::path dir = tmp / "plan";
    BatchPlan plan;

    void SetUp() override
    {
        test::write_file(tmp / "config.toml", config_text);
        PlanRequest r;
        r.config = tmp / "config.toml";
        r.jobs = 3;
        r.events_per_job = 2;
        r.directory = dir;
        plan = plan_batch(r);
    }

    std::string error_of(const std::function<void()>& f)
    {
        try
        {
            f();
        }
        catch (const InputError& e)
        {
            return e.what();
        }
        return "(no error)";
    }
};

std::vector<double> column(const fs::path& file, const char* group, const char* field)
{
    const io::EventStoreReader reader(file);
    return reader.read_event_column(group, field, 0, reader.events());
}

TEST_F(BatchRun, RunJobRecordsDoneWithTheChecksum)
{
    EXPECT_EQ(inspect_job(dir, plan.jobs[1]).state, JobState::missing);
    const auto summary = run_job(dir, 1, "test");
    EXPECT_EQ(summary.events_written, 2u);
    const auto job = read_plan(dir).jobs[1];
    EXPECT_EQ(job.status, "done");
    EXPECT_EQ(job.output_crc32, crc32_hex(dir / job.output));
    EXPECT_EQ(job.output_bytes, fs::file_size(dir / job.output));
    EXPECT_EQ(job.attempts, 1u);
    EXPECT_EQ(job.pid, ::getpid());
    EXPECT_EQ(inspect_job(dir, job).state, JobState::done);
    EXPECT_EQ(column(dir / job.output, "events", "event"), (std::vector<double>{2, 3}));
}

TEST_F(BatchRun, InspectorTrustsFilesNotTheRecordAlone)
{
    run_job(dir, 0, "test");
    auto job = read_plan(dir).jobs[0];
    // Corrupted output (same size): failed, checksum mismatch.
    {
        auto bytes = test::read_file(dir / job.output);
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
        test::write_file(dir / job.output, bytes);
    }
    auto report = inspect_job(dir, job);
    EXPECT_EQ(report.state, JobState::failed);
    EXPECT_NE(report.detail.find("does not match"), std::string::npos) << report.detail;
    // Output removed: missing.
    fs::remove(dir / job.output);
    EXPECT_EQ(inspect_job(dir, job).state, JobState::missing);
    // "running" in a process that is gone (or is not a job): failed.
    job.status = "running";
    job.host = host_name();
    job.pid = ::getpid();  // this test program is not an `umbra batch run-job`
    report = inspect_job(dir, job);
    EXPECT_EQ(report.state, JobState::failed);
    EXPECT_NE(report.detail.find("is gone"), std::string::npos) << report.detail;
    // Running on another host cannot be checked from here: reported running.
    job.host = "elsewhere.example";
    EXPECT_EQ(inspect_job(dir, job).state, JobState::running);
    // Submitted to a cluster, not started: queued.
    job.status = "queued";
    EXPECT_EQ(inspect_job(dir, job).state, JobState::queued);
    // An output that appeared without a record (killed after the rename) is not done.
    job.status = "pending";
    test::write_file(dir / job.output, "x");
    EXPECT_EQ(inspect_job(dir, job).state, JobState::missing);
}

TEST_F(BatchRun, RunJobRefusesAnEditedJobConfiguration)
{
    auto text = test::read_file(dir / plan.jobs[2].config);
    test::write_file(dir / plan.jobs[2].config, text + "\n# edited\n");
    const auto message = error_of([&] { run_job(dir, 2, "test"); });
    EXPECT_NE(message.find("was edited"), std::string::npos) << message;
    const auto job = read_plan(dir).jobs[2];
    EXPECT_EQ(job.status, "failed");
    EXPECT_NE(job.message.find("was edited"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / job.output));
}

TEST_F(BatchRun, LocalBackendRunsEveryJobAndMergeEqualsOneRun)
{
    LocalBackendConfig config;
    config.parallel = 2;
    config.executable = UMBRA_CLI_PATH;
    config.progress = nullptr;
    const auto summary = run_local(dir, {0, 1, 2}, config);
    EXPECT_EQ(summary.done, 3u);
    EXPECT_EQ(summary.failed, 0u);
    const auto report = inspect_plan(dir, read_plan(dir));
    EXPECT_TRUE(report.complete());
    for (const auto& job : plan.jobs) EXPECT_TRUE(fs::file_size(dir / job.log) > 0) << job.log;

    EXPECT_EQ(merge_plans({dir}, tmp / "merged.h5", "test"), 6u);
    auto whole = sim::parse_simulation_config(config_text, "config");
    sim::run_simulation(whole, tmp / "one.h5", "test");
    for (const char* field : {"event", "ecal_edep", "hcal_edep", "steps"})
        EXPECT_EQ(column(tmp / "merged.h5", "events", field),
                  column(tmp / "one.h5", "events", field))
            << field;
}

TEST_F(BatchRun, LocalBackendRecordsAFailedWorker)
{
    test::write_file(dir / plan.jobs[1].config,
                     "[sim]\nevents = 1\n");  // checksum no longer matches
    LocalBackendConfig config;
    config.parallel = 2;
    config.executable = UMBRA_CLI_PATH;
    config.progress = nullptr;
    const auto summary = run_local(dir, {0, 1, 2}, config);
    EXPECT_EQ(summary.done, 2u);
    EXPECT_EQ(summary.failed, 1u);
    const auto report = inspect_plan(dir, read_plan(dir));
    EXPECT_EQ(report.jobs[1].state, JobState::failed);
    EXPECT_EQ(report.count(JobState::done), 2u);
    EXPECT_NE(test::read_file(dir / plan.jobs[1].log).find("edited"), std::string::npos);
}

TEST_F(BatchRun, MergeRefusesIncompleteTamperedAndMixedPlans)
{
    run_job(dir, 0, "test");
    run_job(dir, 1, "test");
    auto message = error_of([&] { merge_plans({dir}, tmp / "m.h5", "test"); });
    EXPECT_NE(message.find("incomplete: job-0002 is missing"), std::string::npos) << message;
    run_job(dir, 2, "test");

    // An output of another configuration put in place and recorded: refused by provenance.
    test::TemporaryDirectory other;
    test::write_file(other / "config.toml",
                     std::string(config_text) + "\n[sim.physics]\nrange_cut_mm = 1.0\n");
    PlanRequest r;
    r.config = other / "config.toml";
    r.jobs = 3;
    r.events_per_job = 2;
    r.directory = other / "plan";
    plan_batch(r);
    run_job(other / "plan", 2, "test");
    message = error_of([&] { merge_plans({dir, other / "plan"}, tmp / "m.h5", "test"); });
    EXPECT_NE(message.find("another configuration"), std::string::npos) << message;

    fs::copy_file(other / "plan/out/job-0002.h5", dir / "out/job-0002.h5",
                  fs::copy_options::overwrite_existing);
    message = error_of([&] { merge_plans({dir}, tmp / "m.h5", "test"); });
    EXPECT_NE(message.find("job-0002 is failed"), std::string::npos) << message;
    // collect does not adopt a foreign output either.
    message = error_of([&] { collect_outputs(dir); });
    EXPECT_NE(message.find("was not made from"), std::string::npos) << message;
    update_job(dir, 2,
               [&](BatchJob& j)
               {
                   j.output_crc32 = crc32_hex(dir / "out/job-0002.h5");
                   j.output_bytes = fs::file_size(dir / "out/job-0002.h5");
               });
    message = error_of([&] { merge_plans({dir}, tmp / "m.h5", "test"); });
    EXPECT_NE(message.find("was not made from"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(tmp / "m.h5"));

    // The same plan twice would duplicate events.
    run_job(dir, 2, "test");
    message = error_of([&] { merge_plans({dir, dir}, tmp / "m.h5", "test"); });
    EXPECT_NE(message.find("overlapping"), std::string::npos) << message;
    EXPECT_EQ(merge_plans({dir}, tmp / "m.h5", "test"), 6u);
}

TEST_F(BatchRun, CollectRecordsOutputsMadeWithoutTheManifest)
{
    // As an HTCondor job does: `umbra sim -c job.toml -o job.h5` on the execute node, output copied
    // back.
    const auto& job = plan.jobs[1];
    sim::run_simulation(sim::read_simulation_config(dir / job.config), dir / job.output, "condor");
    EXPECT_EQ(inspect_job(dir, read_plan(dir).jobs[1]).state, JobState::missing);
    EXPECT_EQ(collect_outputs(dir), 1u);
    EXPECT_EQ(inspect_job(dir, read_plan(dir).jobs[1]).state, JobState::done);
    EXPECT_EQ(collect_outputs(dir), 0u);
}
}  // namespace
}  // namespace umbra::batch
