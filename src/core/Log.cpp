#include "umbra/core/Log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

#include "umbra/core/Error.hpp"

namespace umbra
{
spdlog::logger& log()
{
    static std::shared_ptr<spdlog::logger> logger = [] {
        auto l = spdlog::stderr_color_mt("umbra");
        l->set_pattern("[%n %^%l%$] %v");
        l->set_level(spdlog::level::info);
        return l;
    }();
    return *logger;
}

void set_log_level(std::string_view level)
{
    const auto parsed = spdlog::level::from_str(std::string(level));
    if (parsed == spdlog::level::off && level != "off")
    {
        throw InputError(fmt::format(
            "unknown log level '{}' (expected trace, debug, info, warn, error or off)", level));
    }
    log().set_level(parsed);
}
}  // namespace umbra
