#include "umbra/sim/DarkPhotonProduction.hpp"

#include <fmt/format.h>

#include <cmath>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/gen/DarkBremLibrary.hpp"
#include "umbra/sim/DarkBremProcess.hpp"

namespace umbra::sim
{
namespace
{
bool eight_gev(const DarkPhotonProductionConfig& c) { return c.beam_energy == 8; }

}  // namespace

std::filesystem::path prepare_dark_photon_library(const DarkPhotonProductionConfig& config,
                                                  const std::filesystem::path& output, bool& generated)
{
    generated = false;
    if (!config.library.empty())
    {
        if (!std::filesystem::exists(config.library))
        {
            throw InputError(SourceLocation{config.library.string(), 0},
                             "no such dark-brem library (a directory of LHE files or a G4DarkBreM CSV)");
        }
        return config.library;
    }
    gen::DarkBremLibraryConfig lib;
    lib.boson_mass = config.mass;
    lib.run = config.run;
    lib.max_energy = config.beam_energy;
    lib.min_energy = config.beam_energy / 2;
    lib.relative_step = 0.1;
    lib.events = config.library_events;
    lib.epsilon = config.epsilon;
    lib.threads = config.threads;
    auto directory = output;
    directory.replace_filename(output.stem().string() + "_library");
    lib.output_directory = directory;
    const auto csv = directory / (lib.library_name() + ".csv.gz");
    if (std::filesystem::exists(csv))
    {
        log().info("produce darkphoton: reusing the library {}", csv.string());
        return csv;
    }
    std::filesystem::create_directories(directory);
    log().info("produce darkphoton: generating the library {} ({} events per energy point)", lib.library_name(),
               lib.events);
    gen::generate_dark_brem_library(lib);
    gen::extract_dark_brem_library(directory / lib.library_name(), csv);
    generated = true;
    return csv;
}

void DarkPhotonProductionConfig::validate() const
{
    if (!(mass > 0)) throw InputError("produce darkphoton: --mass must be positive [GeV]");
    if (beam_energy != 8 && beam_energy != 4) throw InputError("produce darkphoton: --beam must be 4 or 8 (GeV)");
    if (2 * mass * 1000 >= (eight_gev(*this) ? 4000 : 2000))
    {
        throw InputError(fmt::format("produce darkphoton: m_A' = {} GeV is too heavy for the {} GeV beam's dark-brem "
                                     "threshold",
                                     mass, beam_energy));
    }
    if (!(epsilon > 0)) throw InputError("produce darkphoton: epsilon must be positive");
    if (events == 0) throw InputError("produce darkphoton: --events must be at least 1");
    const auto mode = parse_aprime_decay(decay);
    if (mode != AprimeDecay::none && mass * 1000 >= 2 * 105.6583755)
    {
        throw InputError("produce darkphoton: A' decays are modelled to e+e- only (m_A' < 2 m_mu)");
    }
    if (mode == AprimeDecay::flat && !(decay_min >= 0 && decay_max > decay_min))
    {
        throw InputError("produce darkphoton: flat decays need 0 <= --decay-min < --decay-max [mm]");
    }
    if (threads < 1) throw InputError("produce darkphoton: --threads must be at least 1");
    if (library.empty() && library_events < 100)
    {
        throw InputError("produce darkphoton: library_events must be at least 100 per energy point");
    }
}

DarkPhotonProductionConfig read_dark_photon_production_config(const std::filesystem::path& path)
{
    auto root = ConfigTable::from_file(path);
    auto t = root.section("darkphoton");
    DarkPhotonProductionConfig c;
    c.mass = t.get("mass_gev", c.mass);
    c.run = t.get("run", c.run);
    c.beam_energy = t.get("beam_gev", c.beam_energy);
    c.epsilon = t.get("epsilon", c.epsilon);
    c.events = static_cast<std::uint64_t>(t.get("events", static_cast<std::int64_t>(c.events)));
    c.seed = static_cast<std::uint64_t>(t.get("seed", static_cast<std::int64_t>(c.seed)));
    c.threads = static_cast<unsigned>(t.get("threads", static_cast<int>(c.threads)));
    c.library = t.get("library", std::string());
    c.library_events = static_cast<std::uint64_t>(t.get("library_events", static_cast<std::int64_t>(c.library_events)));
    c.detector = t.get("detector", c.detector);
    c.reconstruct = t.get("reconstruct", c.reconstruct);
    c.decay = t.get("decay", c.decay);
    c.decay_min = t.get("decay_min_mm", c.decay_min);
    c.decay_max = t.get("decay_max_mm", c.decay_max);
    root.finish();
    c.validate();
    return c;
}

std::string dark_photon_simulation_config(const DarkPhotonProductionConfig& c, const std::filesystem::path& library)
{
    const bool eight = eight_gev(c);
    const double mass_mev = c.mass * 1000;
    // 8 GeV: ldmx-sw's current target.dark_brem; 4 GeV: the recipe before git f9f97718e.
    const double bias = eight ? DarkBremProcess::ldmx_bias(mass_mev, c.epsilon) : mass_mev * mass_mev / (c.epsilon * c.epsilon);
    const double threshold = eight ? 4000 : 2000;
    const double tagger_veto = eight ? 7000 : 3500;
    const std::string detector = !c.detector.empty() ? c.detector : eight ? "ldmx-det-v14-8gev" : "ldmx-det-v14";
    const auto header = accepted_beam_job_header(
        fmt::format("umbra produce darkphoton (docs/signal.md): ldmx-sw's target.dark_brem at {} GeV",
                    static_cast<int>(c.beam_energy)),
        detector, c.events, 1000 * c.events + 10000, c.seed, c.threads, c.beam_energy * 1000);
    return header + fmt::format(R"([sim.biasing]
type = "dark_brem"
library = "{library}"
aprime_mass_mev = {mass}
epsilon = {epsilon}
threshold_mev = {threshold}     # minimum electron kinetic energy
method = "automatic"
scaling = "forward-only"
region = "target"
bias = {bias:.6g}
only_one_per_event = true
beam_energy_mev = {beam_mev}
min_aprime_energy_mev = {threshold}   # TargetDarkBremFilter
decay = "{decay}"                 # none (invisible) | physical | flat (A' -> e+e-)
decay_min_mm = {decay_min}
decay_max_mm = {decay_max}

[[sim.filters]]
type = "tagger_veto"
threshold_mev = {tagger}

[reco]
enabled = {reco}

[reco.ecal_veto]
beam_energy_mev = {beam_mev}
)",
                       fmt::arg("library", library.string()),
                       fmt::arg("mass", mass_mev), fmt::arg("epsilon", c.epsilon), fmt::arg("threshold", threshold),
                       fmt::arg("bias", bias), fmt::arg("beam_mev", c.beam_energy * 1000), fmt::arg("tagger", tagger_veto),
                       fmt::arg("reco", c.reconstruct ? "true" : "false"), fmt::arg("decay", c.decay),
                       fmt::arg("decay_min", c.decay_min), fmt::arg("decay_max", c.decay_max));
}

DarkPhotonProductionSummary run_dark_photon_production(const DarkPhotonProductionConfig& config,
                                                       const std::filesystem::path& output,
                                                       const std::string& command_line)
{
    config.validate();
    DarkPhotonProductionSummary summary;
    summary.library = prepare_dark_photon_library(config, output, summary.library_generated);
    const auto text = dark_photon_simulation_config(config, summary.library);
    summary.simulation = run_simulation(parse_simulation_config(text, "<umbra produce darkphoton>"), output, command_line);
    return summary;
}
}  // namespace umbra::sim
