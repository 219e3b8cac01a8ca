#pragma once
//! \file
//! The one leveled logger of umbra (spdlog), writing to stderr. Library code
//! logs through it and never writes to std::cout.

#include <spdlog/spdlog.h>

namespace umbra
{
//! The shared logger ("umbra"), created on first use at level `info`.
spdlog::logger& log();
//! Set the level by name: trace, debug, info, warn, error, off.
void set_log_level(std::string_view level);
}  // namespace umbra
