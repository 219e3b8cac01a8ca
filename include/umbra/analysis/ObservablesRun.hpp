#pragma once
//! \file
//! `umbra observables`: skimmed event files in, one row of observables per event out
//! (EventObservables), multi-threaded and deterministic. The output is an event file with
//! `/observables` (one float64 column per observable) and the inputs' `/events` (weights,
//! tries, vertices), or a CSV table when the output name ends in .csv or .csv.gz. The skim's
//! cut flow (root attribute cut_flow) is carried over, summed over the inputs.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "umbra/analysis/EventObservables.hpp"

namespace umbra::analysis
{
struct ObservablesRunConfig
{
    EventObservables::Config observables;
    unsigned threads = 1;
    std::string config_text;  //!< the TOML the run came from (provenance), if any
};

//! Read a configuration file's [observables] table: set = "seed" | "full" | "all", and the
//! parameters of the sets ([observables.seed], [observables.full]); strict.
ObservablesRunConfig read_observables_config(const std::filesystem::path& path);
//! The default configuration as TOML (what `umbra observables --dump-default` prints).
std::string default_observables_config_text();

struct ObservablesSummary
{
    std::uint64_t events = 0;
    double seconds = 0;
    std::vector<std::string> names;
    std::vector<std::uint64_t> undefined;  //!< per observable: events where it is NaN
};

ObservablesSummary run_observables(const ObservablesRunConfig& config, const std::vector<std::filesystem::path>& inputs,
                                   const std::filesystem::path& output, const std::string& command_line);
}  // namespace umbra::analysis
