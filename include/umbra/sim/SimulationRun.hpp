#pragma once
//! \file
//! `umbra sim` as a library call: read a [sim] configuration, build the
//! detector, physics tables and primary source once, transport the events on
//! several threads and write them, in event order, to an HDF5 event store.
//! Event i uses the random streams (seed, StreamId::primaries, i),
//! (seed, StreamId::simulation, i) and, when [reco] is enabled, (seed,
//! StreamId::reconstruction, i), so the output does not depend on the thread
//! count or on how a job is split with first_event.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "umbra/reco/EventReconstructor.hpp"
#include "umbra/sim/DarkBremProcess.hpp"
#include "umbra/sim/DeepConversionBiasing.hpp"
#include "umbra/sim/DeepConversionFilter.hpp"
#include "umbra/sim/PrimaryToEcalFilter.hpp"
#include "umbra/sim/TaggerVetoFilter.hpp"
#include "umbra/sim/TargetBremFilter.hpp"
#include "umbra/sim/PhysicsTables.hpp"
#include "umbra/sim/Transporter.hpp"

namespace umbra
{
class ConfigTable;
}

namespace umbra::sim
{
struct SimulationConfig
{
    std::string detector = "ldmx-det-v14-8gev";  //!< shipped name or path to a description file
    std::uint64_t events = 100;
    std::uint64_t first_event = 0;  //!< global number of the first event (job splitting)
    std::uint64_t seed = 1;
    unsigned threads = 1;
    PhysicsConfig physics;
    TransportConfig transport;
    reco::ReconstructionConfig reco;  //!< [reco]: inline digitisation and reconstruction
    //! [sim.biasing] type = "deep_conversion": the forced hard brem + deep conversion.
    std::optional<DeepConversionBiasing::Config> deep_conversion;
    //! [sim.biasing] type = "dark_brem": dark bremsstrahlung in a region, biased, filtered.
    std::optional<DarkBremProcess::Config> dark_brem;
    //! [[sim.filters]] type = "tagger_veto" / "target_brem" / "primary_to_ecal" (ldmx-sw's).
    std::optional<TaggerVetoFilter::Config> tagger_veto;
    std::optional<TargetBremFilter::Config> target_brem;
    std::optional<PrimaryToEcalFilter::Config> primary_to_ecal;
    //! [[sim.filters]] type = "deep_conversion" (the brute-force selection).
    std::optional<DeepConversionFilter::Config> deep_conversion_filter;
    //! events counts accepted (written) events instead of simulated ones ([sim] count).
    bool count_accepted = false;
    //! Give up after this many simulated events (0: 1000 × events + 10 000 when counting
    //! accepted events); an InputError then says how many passed.
    std::uint64_t max_tries = 0;
    std::string config_source;  //!< where config_text came from (file name, for error messages)
    std::string config_text;  //!< the whole configuration, stored in the output's provenance
};

//! Read a configuration file's [sim] table (strict: unknown keys are errors).
SimulationConfig read_simulation_config(const std::filesystem::path& path);
//! Parse a configuration text (`source_name` names it in messages).
SimulationConfig parse_simulation_config(std::string text, const std::string& source_name);
//! The opening of a production job on the LDMX beam counting accepted events, as the produce
//! commands write it: "# title", [sim] (detector, events, count = "accepted", max_tries, seed,
//! threads) and [sim.source] (the 8 or 4 GeV upstream-tagger preset, beam spot [20, 80, 0]).
std::string accepted_beam_job_header(const std::string& title, const std::string& detector, std::uint64_t events,
                                     std::uint64_t max_tries, std::uint64_t seed, unsigned threads,
                                     double beam_energy_mev);

//! The default configuration as a commented TOML text (`umbra sim --dump-default`).
std::string default_simulation_config();

struct SimulationSummary
{
    std::uint64_t events_written = 0;
    std::uint64_t tries = 0;  //!< events simulated (written + rejected)
    double weight_sum = 0;    //!< sum of the written events' weights
    std::uint64_t events_rejected = 0;
    double seconds = 0;
    double mean_ecal_edep = 0;  //!< [MeV]
    double mean_hcal_edep = 0;  //!< [MeV]
    std::uint64_t steps = 0;
};

//! Run the simulation and write `output` (temporary file + rename).
SimulationSummary run_simulation(const SimulationConfig& config, const std::filesystem::path& output,
                                 const std::string& command_line);
}  // namespace umbra::sim
