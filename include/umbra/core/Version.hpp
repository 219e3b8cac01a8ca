#pragma once

#include <string_view>

namespace umbra
{
//! umbra's version: the project version plus `git describe` of the build.
std::string_view version() noexcept;
}  // namespace umbra
