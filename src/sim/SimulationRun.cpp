#include "umbra/sim/SimulationRun.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/ParallelFor.hpp"
#include "umbra/core/Progress.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/reco/RecoEventColumns.hpp"
#include "umbra/sim/PrimarySource.hpp"

namespace umbra::sim
{
namespace
{
constexpr const char* default_config_text = R"(# umbra sim configuration (all keys optional; these are the defaults).
[sim]
detector = "ldmx-det-v14-8gev"   # shipped detector name or path to a description file
events = 100
first_event = 0                  # global number of the first event (for job splitting)
seed = 1
threads = 1

[sim.source]
type = "beam"
preset = "ldmx-8gev-upstream-tagger"   # the ldmx-sw gun: 8 GeV e- from z = -883 mm, 20 x 80 mm flat spot

[sim.physics]
range_cut_mm = 0.7               # production cut as a range, converted per material (ldmx-sw value)
lowest_energy_kev = 1.0          # particles below this kinetic energy stop and deposit locally
highest_energy_gev = 100.0       # top of the physics tables

[sim.transport]
truth_energy_threshold_mev = 100.0   # secondaries above this go to the truth record
multiple_scattering = true
loss_fluctuations = true
photon_delta_tracking = true         # Woodcock tracking of photons > 1 MeV in the calorimeters (exact)
scoring_energy_threshold_mev = 0.0   # record scoring-plane crossings above this kinetic energy
range_rejection_energy_mev = 0.0     # > 0: e+- below this stop at once when they cannot leave a passive volume
field_miss_distance_mm = 0.25
)";

void read_physics(ConfigTable table, PhysicsConfig& physics)
{
    physics.range_cut = table.get("range_cut_mm", physics.range_cut / units::mm) * units::mm;
    physics.lowest_energy = table.get("lowest_energy_kev", physics.lowest_energy / units::keV) * units::keV;
    physics.highest_energy = table.get("highest_energy_gev", physics.highest_energy / units::GeV) * units::GeV;
}

void read_transport(ConfigTable table, TransportConfig& transport)
{
    transport.truth_energy_threshold =
        table.get("truth_energy_threshold_mev", transport.truth_energy_threshold / units::MeV) * units::MeV;
    transport.multiple_scattering = table.get("multiple_scattering", transport.multiple_scattering);
    transport.loss_fluctuations = table.get("loss_fluctuations", transport.loss_fluctuations);
    transport.photon_delta_tracking = table.get("photon_delta_tracking", transport.photon_delta_tracking);
    transport.range_rejection_energy =
        table.get("range_rejection_energy_mev", transport.range_rejection_energy / units::MeV) * units::MeV;
    transport.scoring_energy_threshold =
        table.get("scoring_energy_threshold_mev", transport.scoring_energy_threshold / units::MeV) * units::MeV;
    transport.field_miss_distance =
        table.get("field_miss_distance_mm", transport.field_miss_distance / units::mm) * units::mm;
}

SimulationConfig parse(std::string text, const std::string& source_name)
{
    auto root = ConfigTable::from_string(text, source_name);
    auto sim = root.section("sim");
    SimulationConfig config;
    config.detector = sim.get("detector", config.detector);
    const auto events = sim.get("events", static_cast<std::int64_t>(config.events));
    const auto first = sim.get("first_event", static_cast<std::int64_t>(config.first_event));
    const auto seed = sim.get("seed", static_cast<std::int64_t>(config.seed));
    const auto threads = sim.get("threads", static_cast<int>(config.threads));
    if (events < 0 || first < 0 || seed < 0 || threads < 1)
    {
        throw InputError(sim.location(), "[sim] events, first_event and seed must be >= 0 and threads >= 1");
    }
    config.events = static_cast<std::uint64_t>(events);
    config.first_event = static_cast<std::uint64_t>(first);
    config.seed = static_cast<std::uint64_t>(seed);
    config.threads = static_cast<unsigned>(threads);
    read_physics(sim.section("physics"), config.physics);
    read_transport(sim.section("transport"), config.transport);
    auto reco_table = root.section("reco");
    config.reco = reco::read_reconstruction_config(reco_table);
    // Validate the source now (its keys count as read), build it again at run time.
    auto source_table = sim.section("source");
    make_primary_source(source_table);
    root.finish();
    config.config_text = std::move(text);
    config.config_source = source_name;
    return config;
}
}  // namespace

std::string default_simulation_config() { return std::string(default_config_text) + "\n" + reco::default_reconstruction_config_text(); }

SimulationConfig read_simulation_config(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(SourceLocation{path.string(), 0}, "cannot open configuration file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path.string());
}

SimulationSummary run_simulation(const SimulationConfig& config, const std::filesystem::path& output,
                                 const std::string& command_line)
{
    config.transport.validate();
    const auto start = std::chrono::steady_clock::now();
    auto root = ConfigTable::from_string(config.config_text.empty() ? std::string(default_config_text)
                                                                    : config.config_text,
                                         config.config_source.empty() ? "<default>" : config.config_source);
    auto source_table = root.section("sim").section("source");
    auto source = make_primary_source(source_table);

    const auto geometry = geometry::DetectorGeometry::load_named(config.detector);
    log().debug("sim: detector {} ({} volumes), building physics tables", geometry->name(), geometry->volumes().size());
    const auto tables = std::make_shared<const PhysicsTables>(*geometry, config.physics);
    const auto readout = std::make_shared<const geometry::EcalHexReadout>();

    io::Provenance provenance;
    provenance.config = config.config_text.empty() ? default_simulation_config() : config.config_text;
    provenance.seed = config.seed;
    provenance.command = command_line;
    provenance.inputs = source->describe() + "\n";
    io::EventStoreWriter writer(output, provenance);
    auto& run_col = writer.event_column("events", "run", io::FieldType::int64);
    auto& event_col = writer.event_column("events", "event", io::FieldType::uint64);
    auto& weight_col = writer.event_column("events", "weight", io::FieldType::float64);
    auto& ecal_edep_col = writer.event_column("events", "ecal_edep", io::FieldType::float64, "MeV");
    auto& hcal_edep_col = writer.event_column("events", "hcal_edep", io::FieldType::float64, "MeV");
    auto& steps_col = writer.event_column("events", "steps", io::FieldType::uint64);
    auto& p_track = writer.collection_column("particles", "track_id", io::FieldType::int64);
    auto& p_parent = writer.collection_column("particles", "parent", io::FieldType::int64);
    auto& p_pdg = writer.collection_column("particles", "pdg", io::FieldType::int64);
    auto& p_status = writer.collection_column("particles", "status", io::FieldType::int64);
    auto& p_process = writer.collection_column("particles", "process", io::FieldType::int64);
    auto& p_e = writer.collection_column("particles", "e", io::FieldType::float64, "MeV");
    auto& p_px = writer.collection_column("particles", "px", io::FieldType::float64, "MeV");
    auto& p_py = writer.collection_column("particles", "py", io::FieldType::float64, "MeV");
    auto& p_pz = writer.collection_column("particles", "pz", io::FieldType::float64, "MeV");
    auto& p_vx = writer.collection_column("particles", "vx", io::FieldType::float64, "mm");
    auto& p_vy = writer.collection_column("particles", "vy", io::FieldType::float64, "mm");
    auto& p_vz = writer.collection_column("particles", "vz", io::FieldType::float64, "mm");
    auto& p_t = writer.collection_column("particles", "time", io::FieldType::float64, "ns");
    struct HitColumns
    {
        io::ColumnWriter *id, *x, *y, *z, *edep, *time, *track;
    };
    const auto hit_columns = [&](const std::string& group) {
        return HitColumns{&writer.collection_column(group, "id", io::FieldType::uint64),
                          &writer.collection_column(group, "x", io::FieldType::float64, "mm"),
                          &writer.collection_column(group, "y", io::FieldType::float64, "mm"),
                          &writer.collection_column(group, "z", io::FieldType::float64, "mm"),
                          &writer.collection_column(group, "edep", io::FieldType::float64, "MeV"),
                          &writer.collection_column(group, "time", io::FieldType::float64, "ns"),
                          &writer.collection_column(group, "track_id", io::FieldType::int64)};
    };
    auto& s_plane = writer.collection_column("scoring_plane_hits", "plane_id", io::FieldType::int64);
    auto& s_track = writer.collection_column("scoring_plane_hits", "track_id", io::FieldType::int64);
    auto& s_pdg = writer.collection_column("scoring_plane_hits", "pdg", io::FieldType::int64);
    auto& s_x = writer.collection_column("scoring_plane_hits", "x", io::FieldType::float64, "mm");
    auto& s_y = writer.collection_column("scoring_plane_hits", "y", io::FieldType::float64, "mm");
    auto& s_z = writer.collection_column("scoring_plane_hits", "z", io::FieldType::float64, "mm");
    auto& s_px = writer.collection_column("scoring_plane_hits", "px", io::FieldType::float64, "MeV");
    auto& s_py = writer.collection_column("scoring_plane_hits", "py", io::FieldType::float64, "MeV");
    auto& s_pz = writer.collection_column("scoring_plane_hits", "pz", io::FieldType::float64, "MeV");
    auto& s_e = writer.collection_column("scoring_plane_hits", "e", io::FieldType::float64, "MeV");
    auto& s_t = writer.collection_column("scoring_plane_hits", "time", io::FieldType::float64, "ns");
    const auto ecal_cols = hit_columns("ecal_sim_hits");
    const auto hcal_cols = hit_columns("hcal_sim_hits");
    const auto write_hits = [](const HitColumns& c, const std::vector<CalorimeterSimHit>& hits) {
        for (const auto& h : hits)
        {
            c.id->push(static_cast<std::uint64_t>(h.id));
            c.x->push(h.position.x);
            c.y->push(h.position.y);
            c.z->push(h.position.z);
            c.edep->push(h.edep);
            c.time->push(h.time);
            c.track->push(h.track_id);
        }
    };

    std::optional<reco::EventReconstructor> reconstructor;
    std::optional<reco::RecoEventColumns> reco_columns;
    if (config.reco.enabled)
    {
        reconstructor.emplace(*geometry, config.reco);
        reco_columns.emplace(writer);
    }

    const unsigned threads = std::max(1u, config.threads);
    std::vector<Transporter> transporters;
    for (unsigned t = 0; t < threads; ++t) transporters.emplace_back(geometry, tables, readout, config.transport);

    SimulationSummary summary;
    ProgressReporter progress("sim", config.events);
    const std::uint64_t block = 64ULL * threads;
    std::vector<std::vector<PrimaryParticle>> primaries;
    std::vector<SimEvent> results;
    std::vector<reco::RecoEvent> reco_results;
    double ecal_sum = 0;
    double hcal_sum = 0;
    for (std::uint64_t begin = 0; begin < config.events; begin += block)
    {
        const std::uint64_t n = std::min(block, config.events - begin);
        primaries.assign(n, {});
        for (std::uint64_t i = 0; i < n; ++i)
        {
            const std::uint64_t event = config.first_event + begin + i;
            RandomStream rng({.seed = config.seed, .stream = StreamId::primaries, .event = event});
            primaries[i] = source->primaries(event, rng);
        }
        results.assign(n, {});
        reco_results.assign(reconstructor ? n : 0, {});
        parallel_ranges(threads, n, [&](std::size_t first, std::size_t last, unsigned worker) {
            for (std::size_t i = first; i < last; ++i)
            {
                const std::uint64_t event = config.first_event + begin + i;
                RandomStream rng({.seed = config.seed, .stream = StreamId::simulation, .event = event});
                results[i] = transporters[worker].simulate(event, primaries[i], rng);
                if (reconstructor && !results[i].rejected) reco_results[i] = reconstructor->reconstruct(results[i], config.seed);
                progress.add();
            }
        });
        for (std::size_t r = 0; r < results.size(); ++r)
        {
            const auto& result = results[r];
            summary.steps += result.steps;
            if (result.rejected)
            {
                ++summary.events_rejected;
                continue;
            }
            run_col.push(std::int64_t{0});
            event_col.push(result.event);
            weight_col.push(result.weight);
            ecal_edep_col.push(result.ecal_edep);
            hcal_edep_col.push(result.hcal_edep);
            steps_col.push(result.steps);
            for (const auto& p : result.particles)
            {
                p_track.push(p.track_id);
                p_parent.push(p.parent);
                p_pdg.push(p.pdg);
                p_status.push(p.status);
                p_process.push(static_cast<int>(p.creator));
                p_e.push(p.energy);
                p_px.push(p.momentum.x);
                p_py.push(p.momentum.y);
                p_pz.push(p.momentum.z);
                p_vx.push(p.vertex.x);
                p_vy.push(p.vertex.y);
                p_vz.push(p.vertex.z);
                p_t.push(p.time);
            }
            for (const auto& h : result.scoring_hits)
            {
                s_plane.push(h.plane_id);
                s_track.push(h.track_id);
                s_pdg.push(h.pdg);
                s_x.push(h.position.x);
                s_y.push(h.position.y);
                s_z.push(h.position.z);
                s_px.push(h.momentum.x);
                s_py.push(h.momentum.y);
                s_pz.push(h.momentum.z);
                s_e.push(h.energy);
                s_t.push(h.time);
            }
            write_hits(ecal_cols, result.ecal_hits);
            write_hits(hcal_cols, result.hcal_hits);
            if (reco_columns) reco_columns->push(reco_results[r]);
            writer.end_event();
            ++summary.events_written;
            ecal_sum += result.ecal_edep;
            hcal_sum += result.hcal_edep;
        }
    }
    writer.close();
    progress.finish();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (summary.events_written > 0)
    {
        summary.mean_ecal_edep = ecal_sum / static_cast<double>(summary.events_written);
        summary.mean_hcal_edep = hcal_sum / static_cast<double>(summary.events_written);
    }
    return summary;
}
}  // namespace umbra::sim
