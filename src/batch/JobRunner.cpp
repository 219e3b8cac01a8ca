#include "umbra/batch/JobRunner.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "umbra/batch/BatchPlan.hpp"
#include "umbra/batch/JobInspector.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/sim/AlpProduction.hpp"

namespace umbra::batch
{
sim::SimulationSummary run_job(const std::filesystem::path& directory, std::uint64_t index,
                               const std::string& command_line)
{
    const auto job = update_job(directory, index,
                                [](BatchJob& j)
                                {
                                    j.status = "running";
                                    j.host = host_name();
                                    j.pid = ::getpid();
                                    j.attempts += 1;
                                    j.message.clear();
                                    j.output_crc32.clear();
                                    j.output_bytes = 0;
                                });
    try
    {
        const auto config_path = directory / job.config;
        const auto crc = crc32_hex(config_path);
        if (crc != job.config_crc32)
        {
            throw InputError(
                SourceLocation{config_path.string(), 0},
                fmt::format(
                    "crc32 {} differs from the manifest's {} (the job configuration was edited; "
                    "plan again instead)",
                    crc, job.config_crc32));
        }
        const auto output = directory / job.output;
        sim::SimulationSummary summary;
        if (toml::parse_file(config_path.string())["alp"].as_table())
        {
            // An `umbra produce alp` job: its own generator run (seed = base + job index).
            const auto production = sim::read_alp_production_config(config_path);
            log().info("batch: job {} of {}: {} ALP events, generator seed {} ({})", index, directory.string(),
                       production.events, production.seed, job.command);
            summary = sim::run_alp_production(production, output, command_line).simulation;
        }
        else
        {
            const auto config = sim::read_simulation_config(config_path);
            log().info("batch: job {} of {}: events {}..{} ({})", index, directory.string(), job.first_event,
                       job.first_event + job.events - 1, job.command);
            summary = sim::run_simulation(config, output, command_line);
        }
        // The output is in place (renamed at close); count it only once its checksum is recorded.
        const auto checksum = FileChecksum::of(output);
        update_job(directory, index,
                   [&](BatchJob& j)
                   {
                       j.status = "done";
                       j.output_crc32 = fmt::format("{:08x}", checksum.crc32);
                       j.output_bytes = checksum.size;
                       j.message.clear();
                   });
        return summary;
    }
    catch (const std::exception& e)
    {
        const std::string what = e.what();
        try
        {
            update_job(directory, index,
                       [&](BatchJob& j)
                       {
                           j.status = "failed";
                           j.message = what;
                       });
        }
        catch (const std::exception& record_error)
        {
            log().error("batch: could not record the failure of job {}: {}", index,
                        record_error.what());
        }
        throw;
    }
}
}  // namespace umbra::batch

namespace umbra::batch
{
std::uint64_t collect_outputs(const std::filesystem::path& directory)
{
    const auto plan = read_plan(directory);
    std::uint64_t recorded = 0;
    for (const auto& job : plan.jobs)
    {
        if (inspect_job(directory, job).state == JobState::done) continue;
        const auto output = directory / job.output;
        if (!std::filesystem::exists(output)) continue;
        const io::EventStoreReader reader(output);
        std::ifstream in(directory / job.config, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (reader.provenance().config != text.str())
        {
            throw InputError(
                SourceLocation{output.string(), 0},
                fmt::format(
                    "was not made from {} (its configuration differs); remove it and resume",
                    job.config));
        }
        const auto checksum = FileChecksum::of(output);
        update_job(directory, job.index,
                   [&](BatchJob& j)
                   {
                       j.status = "done";
                       j.output_crc32 = fmt::format("{:08x}", checksum.crc32);
                       j.output_bytes = checksum.size;
                       j.message.clear();
                   });
        ++recorded;
    }
    return recorded;
}
}  // namespace umbra::batch
