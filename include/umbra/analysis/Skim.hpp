#pragma once
//! \file
//! `umbra skim`: the seed workflow's skim (reference alp-physics.md, "existing workflow") as
//! a library call. Keeps the events that pass
//!  1. the decay-vertex window z_min ≤ /events/decay_vertex_z ≤ z_max (the ALP decay for
//!     signal, the conversion vertex for the deep-conversion background);
//!  2. for background files (those with /events/conversion_vertex_z) also
//!     decay_vertex_z ≥ background_z_min (the seed's `--decay_z` of the background job);
//!  3. /veto/n_readout_hits ≥ min_readout_hits (the seed's `nReadoutHits < 10` veto);
//!  4. any further named cuts min ≤ GROUP/FIELD ≤ max on per-event columns,
//! and writes only what the observables need: /events (weights, vertices), /veto,
//! /ecal_layers and /ecal_rec_hits. The cut flow (events and summed weights after each cut)
//! is returned. /events/tries is carried over so that Σ weight / Σ tries stays the yield
//! per simulated event: a kept event's tries include those of the events dropped before it,
//! and the first kept event also takes those dropped after the last one.
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace umbra::analysis
{
struct SkimCut
{
    std::string variable;  //!< "group/field" of a per-event column, e.g. "veto/summed_det"
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
};

struct SkimConfig
{
    std::optional<double> z_min;             //!< [mm]
    std::optional<double> z_max;             //!< [mm]
    std::optional<double> background_z_min; //!< [mm], applied to files with conversion_vertex_z
    int min_readout_hits = 0;
    std::vector<SkimCut> cuts;
};

//! Read a configuration file's [skim] table (zmin, zmax, bkg_decay_z, min_readout_hits and
//! [[skim.cuts]] with variable, min, max); strict.
SkimConfig read_skim_config(const std::filesystem::path& path);

struct CutFlowStep
{
    std::string name;
    std::uint64_t events = 0;
    double weight = 0;
};

struct SkimSummary
{
    std::vector<CutFlowStep> cut_flow;  //!< "all" first, then one entry per cut applied
    double tries = 0;                   //!< Σ tries of the input (equal to that of the output)
    std::string weight_unit;            //!< the input's (io::Provenance): "pb" for cross-section weights
    double target_atoms_per_cm2 = 0;    //!< the input's (io::Provenance)
};

//! The cut flow as CSV (header "step,events,weight", step names quoted), stored by the skim
//! in the output's root attribute `cut_flow` and carried on by `umbra observables`.
std::string cut_flow_csv(const std::vector<CutFlowStep>& steps);
//! The inverse of cut_flow_csv; throws InputError on a malformed row.
std::vector<CutFlowStep> parse_cut_flow_csv(const std::string& csv);

SkimSummary run_skim(const SkimConfig& config, const std::filesystem::path& input, const std::filesystem::path& output,
                     const std::string& command_line);
}  // namespace umbra::analysis
