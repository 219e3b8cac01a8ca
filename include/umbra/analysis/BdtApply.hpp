#pragma once
//! \file
//! `umbra bdt apply`: copies an observable file and adds the per-event table /bdt with the
//! field `score` (float64, the model's signal probability; BdtModel.hpp). An existing /bdt
//! group of the input is replaced. The output's provenance lists the input and the model's
//! model.json with their checksums and keeps the input's provenance.
#include <cstdint>
#include <filesystem>
#include <string>

namespace umbra::analysis
{
class BdtModel;

struct BdtApplySummary
{
    std::uint64_t events = 0;
    double mean_score = 0;  //!< unweighted mean of the scores
};

BdtApplySummary run_bdt_apply(const BdtModel& model, const std::filesystem::path& model_directory,
                              const std::filesystem::path& input, const std::filesystem::path& output,
                              const std::string& command_line);
}  // namespace umbra::analysis
