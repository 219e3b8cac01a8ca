#pragma once
//! \file
//! `umbra reco IN.h5 -o OUT.h5` as a library call: read the sim hits, truth and
//! scoring-plane hits of an event file, reconstruct every event (EventReconstructor) on
//! several threads, and write a new file with all the input's groups plus the
//! reconstruction's (rec-hit groups already in the input are replaced). The noise seed
//! is the input's (its `seed` attribute) unless given, so reconstructing a file written
//! by `umbra sim` without inline reconstruction gives exactly what inline would have.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "umbra/reco/EventReconstructor.hpp"

namespace umbra::reco
{
struct ReconstructionRunConfig
{
    ReconstructionConfig reco;
    std::string detector;                //!< empty: the input's [sim] detector (else ldmx-det-v14-8gev)
    std::optional<std::uint64_t> seed;   //!< empty: the input's seed
    unsigned threads = 1;
    std::string config_text;             //!< the [reco] configuration, kept in the provenance
};

//! Read a configuration file's [reco] table (strict); other top-level tables are ignored,
//! so the same file can drive `umbra sim` and `umbra reco`.
ReconstructionRunConfig read_reconstruction_run_config(const std::filesystem::path& path);

struct ReconstructionSummary
{
    std::uint64_t events = 0;
    double seconds = 0;
    double mean_readout_hits = 0;  //!< mean n_readout_hits
    double mean_ecal_energy = 0;   //!< mean summed_det [MeV]
};

ReconstructionSummary run_reconstruction(const ReconstructionRunConfig& config, const std::filesystem::path& input,
                                         const std::filesystem::path& output, const std::string& command_line);
}  // namespace umbra::reco
