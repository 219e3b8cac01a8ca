//! umbra batch plan: the split (first_event of job K = base + K x stride), the job
//! configurations, the manifest round trip, locked updates, and the bad requests (N = 0,
//! M = 0, unwritable or occupied directory) that must leave nothing behind.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "TestSupport.hpp"
#include "umbra/batch/BatchPlan.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/sim/SimulationRun.hpp"

namespace umbra::batch
{
namespace
{
namespace fs = std::filesystem;

constexpr const char* inclusive_config = R"([sim]
detector = "ldmx-det-v14-8gev"
events = 1000
seed = 7
threads = 2
max_tries = 50

[sim.source]
type = "beam"
preset = "ldmx-8gev-upstream-tagger"
)";

constexpr const char* accepted_config = R"([sim]
events = 1000
count = "accepted"
seed = 3

[sim.source]
type = "beam"
preset = "ldmx-8gev-upstream-tagger"

[[sim.filters]]
type = "primary_to_ecal"
threshold_mev = 1600
)";

PlanRequest request(const test::TemporaryDirectory& tmp, const char* text, std::uint64_t jobs,
                    std::uint64_t m)
{
    test::write_file(tmp / "config.toml", text);
    PlanRequest r;
    r.config = tmp / "config.toml";
    r.jobs = jobs;
    r.events_per_job = m;
    r.directory = tmp / "plan";
    r.command = "umbra batch plan (test)";
    return r;
}

//! Number of entries in `dir` (a failed plan may leave nothing behind).
std::size_t entries(const fs::path& dir)
{
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(BatchPlan, SimulatedCountSplitsIntoContiguousEventRanges)
{
    test::TemporaryDirectory tmp;
    bool created = false;
    const auto plan = plan_batch(request(tmp, inclusive_config, 4, 5), &created);
    EXPECT_TRUE(created);
    ASSERT_EQ(plan.jobs.size(), 4u);
    EXPECT_EQ(plan.count, "simulated");
    EXPECT_EQ(plan.seed, 7u);
    EXPECT_EQ(plan.event_stride, 5u);
    for (std::uint64_t k = 0; k < 4; ++k)
    {
        const auto& job = plan.jobs[k];
        EXPECT_EQ(job.first_event, 5 * k);
        EXPECT_EQ(job.status, "pending");
        // The job configuration is the plan's with first_event, events and threads set (max_tries
        // dropped).
        const auto config = sim::read_simulation_config(tmp / "plan" / job.config);
        EXPECT_EQ(config.first_event, 5 * k);
        EXPECT_EQ(config.events, 5u);
        EXPECT_EQ(config.seed, 7u);
        EXPECT_EQ(config.threads, 1u);
        EXPECT_EQ(config.max_tries, 0u);
        EXPECT_FALSE(config.count_accepted);
        EXPECT_EQ(crc32_hex(tmp / "plan" / job.config), job.config_crc32);
        EXPECT_EQ(job.command,
                  "umbra sim -c jobs/" + job_name(k) + ".toml -o out/" + job_name(k) + ".h5");
    }
    EXPECT_EQ(test::read_file(tmp / "plan" / "config.toml"), inclusive_config);
    EXPECT_EQ(plan.config_crc32, crc32_hex(tmp / "config.toml"));
    for (const char* sub : {"jobs", "out", "logs"})
        EXPECT_TRUE(fs::is_directory(tmp / "plan" / sub)) << sub;
    // Nothing but the plan was created next to it (the staging directory was renamed).
    EXPECT_EQ(entries(tmp.path()), 2u);
}

TEST(BatchPlan, AcceptedCountGivesEachJobAWindowOfTries)
{
    test::TemporaryDirectory tmp;
    auto r = request(tmp, accepted_config, 3, 2);
    const auto plan = plan_batch(r);
    EXPECT_EQ(plan.count, "accepted");
    EXPECT_EQ(plan.event_stride, 1000u * 2 + 10000);  // the default max_tries of one such job
    const auto config = sim::read_simulation_config(tmp / "plan" / plan.jobs[2].config);
    EXPECT_TRUE(config.count_accepted);
    EXPECT_EQ(config.events, 2u);
    EXPECT_EQ(config.first_event, 2u * 12000);
    EXPECT_EQ(config.max_tries, 12000u);
    ASSERT_TRUE(config.primary_to_ecal.has_value());

    test::TemporaryDirectory other;
    auto w = request(other, accepted_config, 2, 2);
    w.tries_per_job = 500;
    w.first_event = 100000;
    w.threads_per_job = 2;
    const auto windowed = plan_batch(w);
    EXPECT_EQ(windowed.jobs[1].first_event, 100500u);
    const auto job1 = sim::read_simulation_config(other / "plan" / windowed.jobs[1].config);
    EXPECT_EQ(job1.max_tries, 500u);
    EXPECT_EQ(job1.threads, 2u);
    EXPECT_EQ(read_plan(other / "plan").threads_per_job, 2u);
}

TEST(BatchPlan, ManifestRoundTripsAndUpdatesUnderTheLock)
{
    test::TemporaryDirectory tmp;
    const auto plan = plan_batch(request(tmp, inclusive_config, 3, 2));
    const auto read = read_plan(tmp / "plan");
    EXPECT_EQ(manifest_text(read), manifest_text(plan));
    const auto job = update_job(tmp / "plan", 1,
                                [](BatchJob& j)
                                {
                                    j.status = "failed";
                                    j.message = "a \"quoted\"\nmessage \\ with escapes";
                                });
    EXPECT_EQ(job.status, "failed");
    const auto again = read_plan(tmp / "plan");
    EXPECT_EQ(again.jobs[1].status, "failed");
    EXPECT_EQ(again.jobs[1].message, "a \"quoted\"\nmessage \\ with escapes");
    EXPECT_EQ(again.jobs[0].status, "pending");
    EXPECT_THROW(update_job(tmp / "plan", 3, [](BatchJob&) {}), InputError);
}

TEST(BatchPlan, SamePlanAgainIsKeptAnotherIsRefused)
{
    test::TemporaryDirectory tmp;
    plan_batch(request(tmp, inclusive_config, 2, 3));
    update_job(tmp / "plan", 0, [](BatchJob& j) { j.status = "done"; });
    bool created = true;
    const auto same = plan_batch(request(tmp, inclusive_config, 2, 3), &created);
    EXPECT_FALSE(created);
    EXPECT_EQ(same.jobs[0].status, "done");  // untouched
    try
    {
        plan_batch(request(tmp, inclusive_config, 3, 3));
        FAIL() << "another plan into an occupied directory";
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("already holds another plan"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(read_plan(tmp / "plan").jobs.size(), 2u);
}

TEST(BatchPlan, BadRequestsFailAndLeaveNothingBehind)
{
    test::TemporaryDirectory tmp;
    auto expect_error = [&](PlanRequest r, const std::string& fragment)
    {
        try
        {
            plan_batch(r);
            ADD_FAILURE() << "no error, expected '" << fragment << "'";
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    };
    expect_error(request(tmp, inclusive_config, 0, 5), "--jobs must be at least 1");
    expect_error(request(tmp, inclusive_config, 2, 0), "--events-per-job must be at least 1");
    auto tries = request(tmp, inclusive_config, 2, 5);
    tries.tries_per_job = 10;
    expect_error(tries, "count = \"accepted\" only");
    EXPECT_FALSE(fs::exists(tmp / "plan"));

    test::write_file(tmp / "file", "x");
    auto unwritable = request(tmp, inclusive_config, 2, 5);
    unwritable.directory = tmp / "file" / "plan";
    expect_error(unwritable, "cannot create the plan directory");

    fs::create_directory(tmp / "plan");
    test::write_file(tmp / "plan" / "other", "x");
    expect_error(request(tmp, inclusive_config, 2, 5), "not empty and holds no plan");
    EXPECT_EQ(entries(tmp / "plan"), 1u);

    test::write_file(tmp / "bad.toml", "[sim]\nevnts = 3\n");
    auto typo = request(tmp, inclusive_config, 2, 5);
    typo.config = tmp / "bad.toml";
    typo.directory = tmp / "typo";
    EXPECT_THROW(plan_batch(typo), InputError);
    EXPECT_FALSE(fs::exists(tmp / "typo"));
    // No staging directories left anywhere.
    for (const auto& entry : fs::directory_iterator(tmp.path()))
        EXPECT_EQ(entry.path().filename().string().find(".plan-"), std::string::npos)
            << entry.path();
}

TEST(BatchPlan, AnEmptyDirectoryIsFilled)
{
    test::TemporaryDirectory tmp;
    fs::create_directory(tmp / "plan");
    bool created = false;
    plan_batch(request(tmp, inclusive_config, 2, 3), &created);
    EXPECT_TRUE(created);
    EXPECT_EQ(read_plan(tmp / "plan").jobs.size(), 2u);
    EXPECT_EQ(entries(tmp.path()), 2u);  // config.toml and plan/
}

TEST(BatchPlan, ReadingADirectoryWithoutPlanSaysSo)
{
    test::TemporaryDirectory tmp;
    try
    {
        read_plan(tmp.path());
        FAIL();
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("holds no batch plan"), std::string::npos) << e.what();
    }
}

TEST(BatchPlan, JobNames)
{
    EXPECT_EQ(job_name(3), "job-0003");
    EXPECT_EQ(job_name(12345), "job-12345");
}
}  // namespace
}  // namespace umbra::batch
