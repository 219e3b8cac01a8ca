#pragma once
//! \file
//! `umbra produce darkphoton`: the LDMX target dark-photon signal in one call, as ldmx-sw's
//! `target.dark_brem` (reference ldmx-v14-detector.md §8.4; docs/signal.md):
//!  1. the reference library: the given one (directory of LHE files or G4DarkBreM CSV), or
//!     generated with umbra's exact generator like dark-brem-lib-gen (tungsten, max energy =
//!     beam, min energy = beam / 2, relative step 0.1) and extracted to CSV, next to the output;
//!  2. the beam (8 or 4 GeV, upstream of the tagger, beam spot [20, 80, 0] mm) through the
//!     detector with dark brem in the target region (DarkBremProcess), ldmx-sw's thresholds:
//!     8 GeV: dark-brem threshold 4 GeV, bias m_A'^max(2, log10 m_A')/ε², TaggerVetoFilter
//!     7000 MeV, TargetDarkBremFilter 4000 MeV; 4 GeV (the recipe before Oct 2023): 2 GeV,
//!     m_A'²/ε², 3500 MeV, 2000 MeV; events counts accepted events;
//!  3. inline digitisation and reconstruction.
//! The weights are probabilities per electron on target (Σ w / Σ tries is the dark-brem
//! yield per electron on target for ε).
#include <cstdint>
#include <filesystem>
#include <string>

#include "umbra/sim/SimulationRun.hpp"

namespace umbra::sim
{
struct DarkPhotonProductionConfig
{
    double mass = 0.01;          //!< A' mass [GeV]
    int run = 1;                 //!< library run number (dark-brem-lib-gen's)
    double beam_energy = 8;      //!< [GeV]: 8 or 4
    double epsilon = 0.01;
    std::uint64_t events = 1000; //!< accepted events
    std::uint64_t seed = 1;
    unsigned threads = 1;
    std::filesystem::path library;      //!< empty: generate one next to the output
    std::uint64_t library_events = 20000;  //!< per energy point when generating
    std::string detector;        //!< empty: ldmx-det-v14-8gev at 8 GeV, ldmx-det-v14 at 4 GeV
    std::string decay = "none";  //!< the A': none (invisible), physical or flat (e+e-; DarkBremProcess)
    double decay_min = 0;        //!< flat decays: distance range [mm]
    double decay_max = 0;
    bool reconstruct = true;

    void validate() const;
};

//! Read a configuration file's [darkphoton] table (mass_gev, run, beam_gev, epsilon, events,
//! seed, threads, library, library_events, detector, reconstruct); strict.
DarkPhotonProductionConfig read_dark_photon_production_config(const std::filesystem::path& path);

//! The simulation job (TOML, as `umbra sim -c` reads it) for a production with this library.
std::string dark_photon_simulation_config(const DarkPhotonProductionConfig& config,
                                          const std::filesystem::path& library);

//! The library of a production: the configured one (checked to exist), or one generated with
//! umbra's generator (as dark-brem-lib-gen) and extracted to CSV in `<output stem>_library/`
//! next to `output`, reused when already there. `generated` tells which.
std::filesystem::path prepare_dark_photon_library(const DarkPhotonProductionConfig& config,
                                                  const std::filesystem::path& output, bool& generated);

struct DarkPhotonProductionSummary
{
    SimulationSummary simulation;
    std::filesystem::path library;  //!< the library used (given, or generated and extracted)
    bool library_generated = false;
};

DarkPhotonProductionSummary run_dark_photon_production(const DarkPhotonProductionConfig& config,
                                                       const std::filesystem::path& output,
                                                       const std::string& command_line);
}  // namespace umbra::sim
