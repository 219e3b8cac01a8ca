#pragma once
//! \file
//! `umbra produce alp` as a library call: the displaced ALP → e⁺e⁻ signal of the seed
//! workflow in one job (docs/signal.md):
//!  1. generate e⁻ W → e⁻ W a, a → e⁺e⁻ from the exact matrix element (gen::DarkBremGenerator,
//!     as `umbra gen --model alp`),
//!  2. split it into the production file (recoil e⁻ fired at the target) and the decay file
//!     (e⁺e⁻ at the displaced vertex) with any vertex mode (lhe::ProductionDecaySplitter, as
//!     `umbra lhe split`),
//!  3. simulate both in the same event and reconstruct (run_simulation with an LHE source of
//!     the two files): /events/decay_vertex_z is the decay vertex, /events/weight the LHE
//!     weight (scaled by the physical mode's coupling when it applies).
//! The LHE files stay next to the output (`<output stem>_lhe/`), so the job can be re-run
//! from any stage with the individual commands.
#include <cstdint>
#include <filesystem>
#include <string>

#include "umbra/lhe/ProductionDecaySplitter.hpp"
#include "umbra/sim/SimulationRun.hpp"

namespace umbra::sim
{
struct AlpProductionConfig
{
    double mass = 0.05;          //!< ALP mass [GeV] (the seed workflow's 50 MeV point)
    double lambda = 1.0;         //!< Λ of the a e e coupling g = m_e / Λ [GeV]
    std::string target = "tungsten";
    double beam_energy = 8;      //!< [GeV]
    std::uint64_t events = 1000;
    std::uint64_t seed = 1;
    unsigned threads = 1;
    lhe::SplitConfig split;      //!< vertex mode and window (seed: uniform in [200, 2000] mm)
    //! The TOML this configuration was read from (read_alp_production_config); kept, commented
    //! out (commented_toml), in the output's provenance config.
    std::string source_text;
    std::string detector = "ldmx-det-v14-8gev";
    bool reconstruct = true;
};

struct AlpProductionSummary
{
    double cross_section_pb = 0;  //!< generator cross-section σ(e⁻W → e⁻W a) [pb]
    double cross_section_error_pb = 0;
    lhe::SplitSummary split;
    SimulationSummary simulation;
    std::filesystem::path lhe_directory;
};

//! Read a configuration file's [alp] table (mass_gev, lambda_gev, target, beam_gev, events,
//! seed, threads, detector, reconstruct) and its [alp.split] table (the keys of `umbra lhe
//! split`'s [split]); strict: unknown keys are errors with file and line.
AlpProductionConfig read_alp_production_config(const std::filesystem::path& path);
//! `text` with every line prefixed by "# " (a configuration kept as a comment in another one).
std::string commented_toml(const std::string& text);

//! The TOML of the simulation stage for the given production and decay files.
std::string alp_simulation_config(const AlpProductionConfig& config, const std::filesystem::path& production,
                                  const std::filesystem::path& decay);

AlpProductionSummary run_alp_production(const AlpProductionConfig& config, const std::filesystem::path& output,
                                        const std::string& command_line);
}  // namespace umbra::sim
