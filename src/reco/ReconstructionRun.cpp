#include "umbra/reco/ReconstructionRun.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/ParallelFor.hpp"
#include "umbra/core/Progress.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/io/EventCopier.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/reco/RecoEventColumns.hpp"

namespace umbra::reco
{
namespace
{
bool has_group(const io::EventStoreReader& reader, const std::string& name)
{
    return std::any_of(reader.groups().begin(), reader.groups().end(), [&](const auto& g) { return g.name == name; });
}

//! The detector named by the input's own configuration ([sim] detector), if any.
std::string detector_of(const io::EventStoreReader& reader)
{
    const std::string fallback = "ldmx-det-v14-8gev";
    if (reader.provenance().config.empty()) return fallback;
    try
    {
        auto root = ConfigTable::from_string(reader.provenance().config, reader.path().string() + ":config");
        return root.section("sim").get("detector", fallback);
    }
    catch (const InputError&)
    {
        return fallback;
    }
}

//! The columns of the input that reconstruction reads, one block of events at a time.
class SimEventBlockReader
{
public:
    explicit SimEventBlockReader(const io::EventStoreReader& reader) : reader_(reader)
    {
        // Required: fail now, naming the file and the missing group or field.
        for (const char* group : {"events", "ecal_sim_hits", "hcal_sim_hits"}) reader.group(group);
        has_particles_ = has_group(reader, "particles");
        has_scoring_ = has_group(reader, "scoring_plane_hits");
        if (!has_particles_ || !has_scoring_)
        {
            log().warn("reco: {} has no /particles or /scoring_plane_hits: the ECal veto runs without the recoil "
                       "electron's trajectory",
                       reader.path().string());
        }
    }

    std::vector<sim::SimEvent> read(std::uint64_t first, std::uint64_t count) const
    {
        std::vector<sim::SimEvent> events(count);
        const auto numbers = reader_.read_event_column("events", "event", first, count);
        for (std::uint64_t i = 0; i < count; ++i) events[i].event = static_cast<std::uint64_t>(numbers[i]);
        read_hits("ecal_sim_hits", first, events, &sim::SimEvent::ecal_hits);
        read_hits("hcal_sim_hits", first, events, &sim::SimEvent::hcal_hits);
        if (has_particles_)
        {
            const auto track = reader_.read_collection("particles", "track_id", first, count);
            const auto pdg = reader_.read_collection("particles", "pdg", first, count);
            const auto status = reader_.read_collection("particles", "status", first, count);
            for (std::uint64_t i = 0; i < count; ++i)
            {
                for (auto r = track.offsets[i]; r < track.offsets[i + 1]; ++r)
                {
                    sim::TruthParticle p;
                    p.track_id = static_cast<int>(track.values[r]);
                    p.pdg = static_cast<int>(pdg.values[r]);
                    p.status = static_cast<int>(status.values[r]);
                    events[i].particles.push_back(p);
                }
            }
        }
        if (has_scoring_)
        {
            const char* fields[] = {"plane_id", "track_id", "x", "y", "z", "px", "py", "pz"};
            std::vector<io::EventStoreReader::CollectionSlice> c;
            for (const char* f : fields) c.push_back(reader_.read_collection("scoring_plane_hits", f, first, count));
            for (std::uint64_t i = 0; i < count; ++i)
            {
                for (auto r = c[0].offsets[i]; r < c[0].offsets[i + 1]; ++r)
                {
                    sim::ScoringPlaneHit h;
                    h.plane_id = static_cast<int>(c[0].values[r]);
                    h.track_id = static_cast<int>(c[1].values[r]);
                    h.position = {c[2].values[r], c[3].values[r], c[4].values[r]};
                    h.momentum = {c[5].values[r], c[6].values[r], c[7].values[r]};
                    events[i].scoring_hits.push_back(h);
                }
            }
        }
        return events;
    }

private:
    void read_hits(const std::string& group, std::uint64_t first, std::vector<sim::SimEvent>& events,
                   std::vector<sim::CalorimeterSimHit> sim::SimEvent::*hits) const
    {
        const auto count = static_cast<std::uint64_t>(events.size());
        const char* fields[] = {"id", "x", "y", "z", "edep", "time"};
        std::vector<io::EventStoreReader::CollectionSlice> c;
        for (const char* f : fields) c.push_back(reader_.read_collection(group, f, first, count));
        for (std::uint64_t i = 0; i < count; ++i)
        {
            auto& out = events[i].*hits;
            for (auto r = c[0].offsets[i]; r < c[0].offsets[i + 1]; ++r)
            {
                sim::CalorimeterSimHit h;
                h.id = static_cast<std::uint32_t>(c[0].values[r]);
                h.position = {c[1].values[r], c[2].values[r], c[3].values[r]};
                h.edep = c[4].values[r];
                h.time = c[5].values[r];
                out.push_back(h);
            }
        }
    }

    const io::EventStoreReader& reader_;
    bool has_particles_ = false;
    bool has_scoring_ = false;
};
}  // namespace

ReconstructionRunConfig read_reconstruction_run_config(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(SourceLocation{path.string(), 0}, "cannot open configuration file");
    std::ostringstream text;
    text << in.rdbuf();
    auto root = ConfigTable::from_string(text.str(), path.string());
    auto table = root.section("reco");
    ReconstructionRunConfig config;
    config.reco = read_reconstruction_config(table);
    table.finish();
    config.config_text = text.str();
    return config;
}

ReconstructionSummary run_reconstruction(const ReconstructionRunConfig& config, const std::filesystem::path& input,
                                         const std::filesystem::path& output, const std::string& command_line)
{
    const auto start = std::chrono::steady_clock::now();
    io::EventStoreReader reader(input);
    const SimEventBlockReader sim_reader(reader);
    const auto detector = config.detector.empty() ? detector_of(reader) : config.detector;
    const auto geometry = geometry::DetectorGeometry::load_named(detector);
    const EventReconstructor reconstructor(*geometry, config.reco);
    const std::uint64_t seed = config.seed.value_or(reader.provenance().seed);

    io::Provenance provenance;
    provenance.keep_normalisation_of(reader.provenance());
    provenance.config = reader.provenance().config + "\n# --- umbra reco ---\n" +
                        (config.config_text.empty() ? default_reconstruction_config_text() : config.config_text);
    provenance.seed = seed;
    provenance.command = command_line;
    provenance.inputs = FileChecksum::of(input).to_string() + "\n";
    provenance.merged = fmt::format("[input 0] {}\numbra_version: {}\nseed: {}\ncommand: {}\n", input.string(),
                                    reader.provenance().umbra_version, reader.provenance().seed,
                                    reader.provenance().command);
    io::EventStoreWriter writer(output, provenance);
    io::EventCopier copier(reader.groups(), writer, [](const std::string& group) {
        return std::find(RecoEventColumns::groups.begin(), RecoEventColumns::groups.end(), group) ==
               RecoEventColumns::groups.end();
    });
    RecoEventColumns columns(writer);

    ReconstructionSummary summary;
    const unsigned threads = std::max(1u, config.threads);
    ProgressReporter progress("reco", reader.events());
    constexpr std::uint64_t block = 4096;
    std::vector<RecoEvent> results;
    double hits_sum = 0;
    double energy_sum = 0;
    for (std::uint64_t first = 0; first < reader.events(); first += block)
    {
        const auto count = std::min(block, reader.events() - first);
        const auto events = sim_reader.read(first, count);
        copier.load(reader, first, count);
        results.assign(count, {});
        parallel_ranges(threads, count, [&](std::size_t begin, std::size_t end, unsigned) {
            for (std::size_t i = begin; i < end; ++i) results[i] = reconstructor.reconstruct(events[i], seed);
            progress.add(end - begin);
        });
        for (std::uint64_t i = 0; i < count; ++i)
        {
            copier.push(i);
            columns.push(results[i]);
            writer.end_event();
            hits_sum += results[i].ecal_veto.n_readout_hits;
            energy_sum += results[i].ecal_veto.summed_det;
        }
    }
    writer.close();
    progress.finish();
    summary.events = writer.events();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (summary.events > 0)
    {
        summary.mean_readout_hits = hits_sum / static_cast<double>(summary.events);
        summary.mean_ecal_energy = energy_sum / static_cast<double>(summary.events);
    }
    return summary;
}
}  // namespace umbra::reco
