#pragma once
//! \file
//! Fast, exact parsing of the numbers in LHE files. The common case (at most
//! 19 significant digits, decimal exponent within what doubles represent
//! exactly) is computed with Clinger's fast path: the decimal mantissa and
//! the power of ten are both exact doubles, so one IEEE multiplication or
//! division gives the correctly rounded result (W. D. Clinger, "How to read
//! floating point numbers accurately", PLDI 1990). Everything else falls
//! back to std::from_chars, which is also correctly rounded. Fortran's
//! "1.0D+00" exponent letter is accepted.

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

namespace umbra::lhe::detail
{
enum class ParseStatus
{
    ok,
    not_a_number,  //!< the token is not numeric text
    not_finite,    //!< nan or inf
};

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r'; }

//! Skip blanks; return false when nothing but blanks remains.
inline bool skip_blanks(const char*& p, const char* end) noexcept
{
    while (p < end && is_blank(*p)) ++p;
    return p < end;
}

//! The token starting at p (up to the next blank).
inline std::string_view token_at(const char* p, const char* end) noexcept
{
    const char* q = p;
    while (q < end && !is_blank(*q)) ++q;
    return {p, static_cast<std::size_t>(q - p)};
}

ParseStatus parse_double_slow(std::string_view token, double& value) noexcept;

//! Parse one double token at p (p points at its first character); on
//! success p is left after it.
inline ParseStatus parse_double(const char*& p, const char* end, double& value) noexcept
{
    static constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char* start = p;
    const char* q = p;
    bool negative = false;
    if (q < end && (*q == '-' || *q == '+'))
    {
        negative = *q == '-';
        ++q;
    }
    std::uint64_t mantissa = 0;
    int digits = 0;
    int exponent = 0;
    const char* digits_start = q;
    while (q < end && static_cast<unsigned>(*q - '0') < 10)
    {
        mantissa = mantissa * 10 + static_cast<unsigned>(*q - '0');
        ++q;
    }
    digits = static_cast<int>(q - digits_start);
    if (q < end && *q == '.')
    {
        ++q;
        const char* fraction_start = q;
        while (q < end && static_cast<unsigned>(*q - '0') < 10)
        {
            mantissa = mantissa * 10 + static_cast<unsigned>(*q - '0');
            ++q;
        }
        const int fraction_digits = static_cast<int>(q - fraction_start);
        digits += fraction_digits;
        exponent = -fraction_digits;
    }
    if (digits == 0) goto slow;
    if (q < end && (*q == 'e' || *q == 'E' || *q == 'd' || *q == 'D'))
    {
        ++q;
        bool exponent_negative = false;
        if (q < end && (*q == '-' || *q == '+'))
        {
            exponent_negative = *q == '-';
            ++q;
        }
        const char* exponent_start = q;
        int e = 0;
        while (q < end && static_cast<unsigned>(*q - '0') < 10 && e < 100000)
        {
            e = e * 10 + (*q - '0');
            ++q;
        }
        if (q == exponent_start) goto slow;
        exponent += exponent_negative ? -e : e;
    }
    if (q < end && !is_blank(*q)) goto slow;
    if (digits > 19 || mantissa > (std::uint64_t{1} << 53) || exponent < -22 || exponent > 22)
    {
        goto slow;
    }
    {
        double result = static_cast<double>(mantissa);
        result = exponent < 0 ? result / powers_of_ten[-exponent] : result * powers_of_ten[exponent];
        value = negative ? -result : result;
        p = q;
        return ParseStatus::ok;
    }
slow:
    const auto token = token_at(start, end);
    p = start + token.size();
    return parse_double_slow(token, value);
}

//! Parse one integer token at p.
inline ParseStatus parse_int(const char*& p, const char* end, int& value) noexcept
{
    const char* q = p;
    if (q < end && *q == '+') ++q;  // from_chars rejects a leading '+'
    const auto [ptr, ec] = std::from_chars(q, end, value);
    if (ec != std::errc() || (ptr < end && !is_blank(*ptr)))
    {
        p += token_at(p, end).size();
        return ParseStatus::not_a_number;
    }
    p = ptr;
    return ParseStatus::ok;
}
}  // namespace umbra::lhe::detail
