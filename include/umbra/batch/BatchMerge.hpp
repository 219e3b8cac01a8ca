#pragma once
//! \file
//! `umbra batch merge DIR... -o merged.h5`: concatenate the outputs of one or
//! more complete plans, in global event order, through io::merge_event_stores
//! (weights and per-input provenance kept). Refuses: a plan with a job not
//! done (or whose output does not match its recorded checksum), outputs made
//! from another configuration than their job's, plans of different
//! configurations, and plans whose event ranges overlap.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace umbra::batch
{
//! Returns the number of events written.
std::uint64_t merge_plans(const std::vector<std::filesystem::path>& directories,
                          const std::filesystem::path& output, const std::string& command);
}  // namespace umbra::batch
