#include "umbra/batch/BatchMerge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "umbra/batch/BatchPlan.hpp"
#include "umbra/batch/JobInspector.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/sim/AlpProduction.hpp"

namespace umbra::batch
{
namespace fs = std::filesystem;

std::uint64_t merge_plans(const std::vector<fs::path>& directories, const fs::path& output,
                          const std::string& command)
{
    if (directories.empty()) throw InputError("no plan directory to merge");
    struct Input
    {
        std::uint64_t first_event;
        std::uint64_t last_event;  //!< one past the job's range
        fs::path path;
        std::string plan;
    };
    std::vector<Input> inputs;
    std::string config_crc;
    std::string first_dir;
    for (const auto& directory : directories)
    {
        const auto plan = read_plan(directory);
        if (config_crc.empty())
        {
            config_crc = plan.config_crc32;
            first_dir = directory.string();
        }
        else if (plan.config_crc32 != config_crc)
        {
            throw InputError(
                SourceLocation{directory.string(), 0},
                fmt::format(
                    "its plan is of another configuration ({}, crc32 {}) than {} (crc32 {}): "
                    "only plans of the same configuration can be merged",
                    plan.config, plan.config_crc32, first_dir, config_crc));
        }
        const auto report = inspect_plan(directory, plan);
        for (const auto& job : report.jobs)
        {
            if (job.state != JobState::done)
            {
                throw InputError(
                    SourceLocation{directory.string(), 0},
                    fmt::format(
                        "the plan is incomplete: {} is {} ({}); run `umbra batch resume {}` "
                        "first",
                        job_name(job.index), to_string(job.state), job.detail, directory.string()));
            }
        }
        for (const auto& job : plan.jobs)
        {
            const auto path = directory / job.output;
            // The output must come from this job's configuration (its text is the provenance).
            const io::EventStoreReader reader(path);
            std::ifstream in(directory / job.config, std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            // (An `umbra produce alp` job keeps its [alp] configuration commented in the provenance.)
            const auto& config = reader.provenance().config;
            if (config != text.str() && config.find(sim::commented_toml(text.str())) == std::string::npos)
            {
                throw InputError(
                    SourceLocation{path.string(), 0},
                    fmt::format(
                        "was not made from {} (its configuration differs): outputs of other "
                        "plans cannot be merged",
                        (directory / job.config).string()));
            }
            inputs.push_back(
                {job.first_event, job.first_event + plan.event_stride, path, directory.string()});
        }
    }
    std::sort(inputs.begin(), inputs.end(),
              [](const Input& a, const Input& b) { return a.first_event < b.first_event; });
    for (std::size_t i = 1; i < inputs.size(); ++i)
    {
        if (inputs[i].first_event < inputs[i - 1].last_event)
        {
            throw InputError(
                fmt::format("{} and {} cover overlapping events ({} and {}): they would duplicate "
                            "events; plan with --first-event to make disjoint plans",
                            inputs[i - 1].path.string(), inputs[i].path.string(),
                            inputs[i - 1].first_event, inputs[i].first_event));
        }
    }
    std::vector<fs::path> paths;
    for (const auto& input : inputs) paths.push_back(input.path);
    return io::merge_event_stores(paths, output, command);
}
}  // namespace umbra::batch
