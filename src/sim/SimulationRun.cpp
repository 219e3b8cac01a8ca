#include "umbra/sim/SimulationRun.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
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
#include "umbra/sim/SimEventColumns.hpp"

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
count = "simulated"              # "accepted": events counts written events (biased/filtered productions)
max_tries = 0                    # stop after this many simulated events (0: 1000 x events + 10000 when counting accepted)

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

# Optional: direct sampling of the deep-conversion background (docs/backgrounds.md)
# [sim.biasing]
# type = "deep_conversion"
# min_photon_energy_mev = 5010.0   # hard brem photon from the target
# decay_z_mm = 350.0               # its first interaction is a conversion at z >= this
# conversion_region = "ecal"
# brem_region = "target"
# brem_bias = 0.0                  # 0: automatic
# beam_energy_mev = 8000.0
#
# or dark bremsstrahlung in the target, as ldmx-sw's target.dark_brem (docs/signal.md)
# [sim.biasing]
# type = "dark_brem"
# library = "electron_tungsten_MaxE_8.0_MinE_4.0_RelEStep_0.1_UndecayedAP_mA_0.01_run_1"
# aprime_mass_mev = 10.0
# lepton = "electron"              # electron | muon (a muon library; mu- and mu+ radiate)
# epsilon = 0.01
# threshold_mev = 4000.0           # minimum electron kinetic energy
# method = "automatic"             # full | improved | hyper_improved | automatic (WW)
# scaling = "forward-only"         # forward-only | cm-scaling | none
# region = "target"
# bias = 0.0                       # 0: LDMX's m_A'^max(2, log10 m_A') / epsilon^2
# only_one_per_event = true
# beam_energy_mev = 8000.0
# min_aprime_energy_mev = 4000.0   # TargetDarkBremFilter
# decay = "none"                   # none (invisible) | physical (e+e-, lab decay length for epsilon) | flat
# decay_min_mm = 0.0               # flat: decay distance range from the dark-brem vertex
# decay_max_mm = 0.0
#
# Optional filters, as ldmx-sw's (docs/backgrounds.md), applied in this order:
# [[sim.filters]]
# type = "tagger_veto"
# threshold_mev = 3800.0           # primary's total energy in the tagger
# [[sim.filters]]
# type = "target_brem"
# recoil_max_p_mev = 1500.0        # recoil momentum when leaving the target below this
# brem_min_energy_mev = 2500.0     # and a brem photon above this made in the target
# [[sim.filters]]
# type = "primary_to_ecal"
# threshold_mev = 1600.0           # primary's total energy outside the calorimeters
# [[sim.filters]]
# type = "deep_conversion"         # the deep-conversion selection by brute force (unbiased)
# min_photon_energy_mev = 5010.0
# decay_z_mm = 350.0
)";

}  // namespace

std::string accepted_beam_job_header(const std::string& title, const std::string& detector, std::uint64_t events,
                                     std::uint64_t max_tries, std::uint64_t seed, unsigned threads,
                                     double beam_energy_mev)
{
    if (beam_energy_mev != 8000 && beam_energy_mev != 4000) throw InputError("--beam must be 4 or 8 (GeV)");
    return fmt::format(R"(# {title}
[sim]
detector = "{detector}"
events = {events}               # accepted events
count = "accepted"
max_tries = {max_tries}
seed = {seed}
threads = {threads}

[sim.source]
type = "beam"
preset = "ldmx-{beam}gev-upstream-tagger"
beam_spot_mm = [20.0, 80.0, 0.0]

)",
                       fmt::arg("title", title), fmt::arg("detector", detector), fmt::arg("events", events),
                       fmt::arg("max_tries", max_tries), fmt::arg("seed", seed), fmt::arg("threads", threads),
                       fmt::arg("beam", beam_energy_mev == 8000 ? 8 : 4));
}

namespace
{
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

DeepConversionSelection read_selection(ConfigTable& table)
{
    DeepConversionSelection c;
    c.min_photon_energy = table.get("min_photon_energy_mev", c.min_photon_energy);
    c.conversion_z_min = table.get("decay_z_mm", c.conversion_z_min);
    c.brem_region = table.get("brem_region", c.brem_region);
    c.conversion_region = table.get("conversion_region", c.conversion_region);
    return c;
}

void read_biasing(ConfigTable table, SimulationConfig& config)
{
    if (!table.contains("type")) return;
    const auto type = table.get("type", std::string());
    if (type == "dark_brem")
    {
        DarkBremProcess::Config c;
        c.library = table.get("library", std::string());
        if (c.library.empty())
        {
            throw InputError(table.location(), "[sim.biasing] type = \"dark_brem\" needs library = \"DIR or FILE\"");
        }
        c.aprime_mass = table.get("aprime_mass_mev", c.aprime_mass);
        c.lepton = parse_dark_brem_lepton(table.get("lepton", std::string("electron")));
        c.epsilon = table.get("epsilon", c.epsilon);
        c.threshold = table.get("threshold_mev", c.threshold);
        c.method = darkbrem::parse_ww_method(table.get("method", std::string(darkbrem::to_string(c.method))));
        c.scaling = darkbrem::parse_scaling_method(table.get("scaling", std::string("forward-only")));
        c.region = table.get("region", c.region);
        c.bias = table.get("bias", c.bias);
        c.only_one_per_event = table.get("only_one_per_event", c.only_one_per_event);
        c.beam_energy = table.get("beam_energy_mev", c.beam_energy);
        c.min_aprime_energy = table.get("min_aprime_energy_mev", c.min_aprime_energy);
        c.decay = parse_aprime_decay(table.get("decay", std::string("none")));
        c.decay_min = table.get("decay_min_mm", c.decay_min);
        c.decay_max = table.get("decay_max_mm", c.decay_max);
        if (c.bias != 0 && c.bias < 1) throw InputError(table.location("bias"), "bias must be >= 1 (or 0 for LDMX's default)");
        config.dark_brem = c;
        return;
    }
    if (type != "deep_conversion")
    {
        throw InputError(table.location("type"),
                         fmt::format("[sim.biasing] type = \"{}\": the known biasings are \"deep_conversion\" and "
                                     "\"dark_brem\"",
                                     type));
    }
    DeepConversionBiasing::Config c;
    c.selection = read_selection(table);
    c.brem_bias = table.get("brem_bias", c.brem_bias);
    c.beam_energy = table.get("beam_energy_mev", c.beam_energy);
    if (c.brem_bias != 0 && c.brem_bias < 1)
    {
        throw InputError(table.location("brem_bias"), "brem_bias must be >= 1 (or 0 for automatic)");
    }
    config.deep_conversion = c;
}

void read_filters(ConfigTable& sim, SimulationConfig& config)
{
    for (auto& filter : sim.tables("filters"))
    {
        const auto type = filter.get("type", std::string());
        if (type == "tagger_veto")
        {
            TaggerVetoFilter::Config c;
            c.threshold = filter.get("threshold_mev", c.threshold);
            c.region = filter.get("region", c.region);
            config.tagger_veto = c;
        }
        else if (type == "target_brem")
        {
            TargetBremFilter::Config c;
            c.recoil_max_momentum = filter.get("recoil_max_p_mev", c.recoil_max_momentum);
            c.brem_min_energy = filter.get("brem_min_energy_mev", c.brem_min_energy);
            c.region = filter.get("region", c.region);
            config.target_brem = c;
        }
        else if (type == "primary_to_ecal")
        {
            PrimaryToEcalFilter::Config c;
            c.threshold = filter.get("threshold_mev", c.threshold);
            c.calorimeter_regions = filter.get_strings("calorimeter_regions", c.calorimeter_regions);
            config.primary_to_ecal = c;
        }
        else if (type == "deep_conversion")
        {
            DeepConversionFilter::Config c = read_selection(filter);
            config.deep_conversion_filter = c;
        }
        else
        {
            throw InputError(filter.location("type"),
                             fmt::format("[[sim.filters]] type = \"{}\": the known filters are \"tagger_veto\", "
                                         "\"target_brem\", \"primary_to_ecal\" and \"deep_conversion\"",
                                         type));
        }
    }
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
    const auto count = sim.get("count", std::string("simulated"));
    if (count != "simulated" && count != "accepted")
    {
        throw InputError(sim.location("count"), fmt::format("count = \"{}\": expected \"simulated\" or \"accepted\"", count));
    }
    config.count_accepted = count == "accepted";
    const auto max_tries = sim.get("max_tries", std::int64_t{0});
    if (max_tries < 0) throw InputError(sim.location("max_tries"), "max_tries must be >= 0");
    config.max_tries = static_cast<std::uint64_t>(max_tries);
    read_biasing(sim.section("biasing"), config);
    read_filters(sim, config);
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

SimulationConfig parse_simulation_config(std::string text, const std::string& source_name)
{
    return parse(std::move(text), source_name);
}

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
    provenance.weight_unit = source->weight_unit();
    if (const int target = geometry->find_volume("target"); target >= 0)
    {
        const auto& volume = geometry->volume(target);
        constexpr double mm2_per_cm2 = 100;
        provenance.target_atoms_per_cm2 =
            geometry->material(volume.material).atom_density() * (volume.z_max - volume.z_min) * mm2_per_cm2;
    }
    io::EventStoreWriter writer(output, provenance);
    const auto decay_input = source->decay_input();
    const bool conversion = config.deep_conversion.has_value() || config.deep_conversion_filter.has_value();
    const bool aprime_decays = config.dark_brem && config.dark_brem->decay != AprimeDecay::none;
    SimEventColumns columns(writer, decay_input.has_value() || conversion || aprime_decays, conversion);
    std::optional<reco::EventReconstructor> reconstructor;
    std::optional<reco::RecoEventColumns> reco_columns;
    if (config.reco.enabled)
    {
        reconstructor.emplace(*geometry, config.reco);
        reco_columns.emplace(writer);
    }

    const unsigned threads = std::max(1u, config.threads);
    std::optional<DarkBremProcess::Shared> dark_brem;
    if (config.dark_brem)
    {
        log().info("sim: dark brem: loading the library {} and tabulating the cross-sections", config.dark_brem->library.string());
        dark_brem = DarkBremProcess::prepare(*geometry, *config.dark_brem, threads);
    }
    std::vector<Transporter> transporters;
    for (unsigned t = 0; t < threads; ++t)
    {
        auto& transporter = transporters.emplace_back(geometry, tables, readout, config.transport);
        if (config.deep_conversion)
        {
            auto biasing = std::make_shared<DeepConversionBiasing>(geometry, tables, *config.deep_conversion);
            if (t == 0) log().debug("sim: deep-conversion biasing, hard-brem bias factor {:.1f}", biasing->bias());
            transporter.add_process(biasing);
            transporter.add_observer(biasing);
        }
        if (dark_brem)
        {
            auto process = std::make_shared<DarkBremProcess>(geometry, *dark_brem, *config.dark_brem);
            if (t == 0) log().info("sim: dark brem in region '{}', bias factor {:.4g}", config.dark_brem->region, process->bias());
            transporter.add_process(process);
            transporter.add_observer(process);
        }
        if (config.tagger_veto)
        {
            transporter.add_observer(std::make_shared<TaggerVetoFilter>(geometry, *config.tagger_veto));
        }
        if (config.target_brem)
        {
            transporter.add_observer(std::make_shared<TargetBremFilter>(geometry, *config.target_brem));
        }
        if (config.primary_to_ecal)
        {
            transporter.add_observer(std::make_shared<PrimaryToEcalFilter>(geometry, *config.primary_to_ecal));
        }
        if (config.deep_conversion_filter)
        {
            transporter.add_observer(std::make_shared<DeepConversionFilter>(geometry, *config.deep_conversion_filter));
        }
    }
    SimulationSummary summary;
    ProgressReporter progress(config.count_accepted ? "sim (accepted)" : "sim", config.events);
    const std::uint64_t block = 64ULL * threads;
    const std::uint64_t max_tries =
        config.max_tries > 0 ? config.max_tries : (config.count_accepted ? 1000 * config.events + 10000 : config.events);
    std::vector<std::vector<PrimaryParticle>> primaries;
    std::vector<SimEvent> results;
    std::vector<reco::RecoEvent> reco_results;
    double ecal_sum = 0;
    double hcal_sum = 0;
    std::uint64_t tries_since_written = 0;
    for (std::uint64_t begin = 0; summary.events_written < config.events && begin < max_tries; begin += block)
    {
        std::uint64_t n = config.count_accepted ? std::min(block, max_tries - begin)
                                                : std::min(block, std::min(config.events, max_tries) - begin);
        if (config.count_accepted && summary.events_written > 0)
        {
            // Near the end, simulate about as many tries as the acceptance so far says are still
            // needed (+20 %), not a whole block: the output is the same (events are taken in try
            // order up to the count), only less work is thrown away.
            const double acceptance = static_cast<double>(summary.events_written) / static_cast<double>(summary.tries);
            const double needed = static_cast<double>(config.events - summary.events_written) / acceptance;
            const auto estimate = static_cast<std::uint64_t>(std::ceil(1.2 * needed)) + threads;
            n = std::min(n, std::max<std::uint64_t>(estimate, threads));
        }
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
                if (decay_input)
                {
                    for (const auto& p : primaries[i])
                    {
                        if (p.input_index == *decay_input)
                        {
                            results[i].decay_vertex_z = p.position.z;
                            break;
                        }
                    }
                }
                if (reconstructor && !results[i].rejected) reco_results[i] = reconstructor->reconstruct(results[i], config.seed);
                if (!config.count_accepted) progress.add();
            }
        });
        for (std::size_t r = 0; r < results.size(); ++r)
        {
            // Events are taken in try order until enough are written: the output does not
            // depend on the block size or thread count.
            if (summary.events_written == config.events) break;
            const auto& result = results[r];
            ++summary.tries;
            ++tries_since_written;
            summary.steps += result.steps;
            if (result.rejected)
            {
                ++summary.events_rejected;
                continue;
            }
            if (config.count_accepted) progress.add();
            summary.weight_sum += result.weight;
            columns.push(result, tries_since_written);
            tries_since_written = 0;
            if (reco_columns) reco_columns->push(reco_results[r]);
            writer.end_event();
            ++summary.events_written;
            ecal_sum += result.ecal_edep;
            hcal_sum += result.hcal_edep;
        }
    }
    if (config.count_accepted && summary.events_written < config.events)
    {
        throw InputError(fmt::format("sim: only {} of the {} requested events passed the biasing and filters in {} tries "
                                     "(max_tries); the configuration may never pass, or raise max_tries",
                                     summary.events_written, config.events, summary.tries));
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
