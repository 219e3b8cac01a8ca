#include "umbra/lhe/detail/NumberParser.hpp"

#include <array>
#include <cmath>

namespace umbra::lhe::detail
{
ParseStatus parse_double_slow(std::string_view token, double& value) noexcept
{
    // from_chars takes neither a leading '+' nor Fortran's 'D' exponent.
    std::array<char, 64> copy{};
    if (token.empty() || token.size() >= copy.size()) return ParseStatus::not_a_number;
    std::size_t n = 0;
    for (std::size_t i = 0; i < token.size(); ++i)
    {
        char c = token[i];
        if (i == 0 && c == '+') continue;
        if (c == 'd' || c == 'D') c = 'e';
        copy[n++] = c;
    }
    const auto [ptr, ec] = std::from_chars(copy.data(), copy.data() + n, value);
    if (ec == std::errc::result_out_of_range)
    {
        return ParseStatus::not_finite;
    }
    if (ec != std::errc() || ptr != copy.data() + n) return ParseStatus::not_a_number;
    return std::isfinite(value) ? ParseStatus::ok : ParseStatus::not_finite;
}
}  // namespace umbra::lhe::detail
