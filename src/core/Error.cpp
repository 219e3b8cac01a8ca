#include "umbra/core/Error.hpp"

#include <fmt/format.h>

namespace umbra
{
std::string SourceLocation::to_string() const
{
    if (file.empty()) return {};
    if (line == 0) return file;
    return fmt::format("{}:{}", file, line);
}

namespace
{
std::string located(const SourceLocation& where, const std::string& message)
{
    auto prefix = where.to_string();
    return prefix.empty() ? message : prefix + ": " + message;
}
}  // namespace

InputError::InputError(SourceLocation where, const std::string& message)
    : std::runtime_error(located(where, message)), where_(std::move(where)), message_(message)
{
}

InputError::InputError(const std::string& message)
    : std::runtime_error(message), message_(message)
{
}

namespace detail
{
void contract_failure(const char* condition, const char* file, int line)
{
    throw std::logic_error(fmt::format("{}:{}: internal contract violated: {}", file, line, condition));
}
}  // namespace detail
}  // namespace umbra
