#pragma once
//! \file
//! Fast, exact parsing of the numbers in LHE files. The common case (at most
//! 19 significant digits, decimal exponent within what doubles represent
//! exactly) is computed with Clinger's fast path: the decimal mantissa and
//! the power of ten are both exact doubles, so one IEEE multiplication or
//! division gives the correctly rounded result (W. D. Clinger, "How to read
//! floating point numbers accurately", PLDI 1990). Everything else falls
//! back to std::from_chars, which is also correctly rounded. Fortran's
//! "1.0D+00" exponent letter is accepted. Runs of eight digits are converted
//! at once with the SWAR method of D. Lemire, "Number parsing at a gigabyte
//! per second", Software: Practice and Experience 51 (2021) 1700,
//! arXiv:2101.11408 (section 6), which breaks the digit-by-digit
//! multiply-add dependency chain that otherwise dominates LHE parsing.

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

//! Skip blanks; return false when nothing but blanks remains. Runs of spaces
//! (MadGraph pads its columns with them) are skipped eight bytes at a time:
//! XOR with eight spaces zeroes the space bytes, and the count of trailing
//! zero bits locates the first other byte (little-endian).
inline bool skip_blanks(const char*& p, const char* end) noexcept
{
    while (end - p >= 8)
    {
        std::uint64_t word;
        std::memcpy(&word, p, sizeof word);
        const std::uint64_t not_spaces = word ^ 0x2020202020202020ULL;
        if (not_spaces != 0)
        {
            p += __builtin_ctzll(not_spaces) / 8;
            break;
        }
        p += 8;
    }
    while (p < end && is_blank(*p)) ++p;  // tabs, carriage returns, and the last < 8 bytes
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

//! The eight bytes at p as a little-endian word.
inline std::uint64_t load8(const char* p) noexcept
{
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

//! True when all eight bytes of `word` are ASCII digits: each byte's high nibble
//! is 3, and adding 6 does not carry out of the low nibble (low nibble <= 9).
inline bool all_eight_digits(std::uint64_t word) noexcept
{
    return ((word & 0xF0F0F0F0F0F0F0F0ULL) |
            (((word + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) ==
           0x3333333333333333ULL;
}

//! Value of eight ASCII digits (first digit in the lowest byte): combine
//! neighbouring digits into 2-digit, then 4-digit, then the 8-digit value.
inline std::uint32_t eight_digits_value(std::uint64_t word) noexcept
{
    word -= 0x3030303030303030ULL;                 // bytes 0..9
    word = word * 10 + (word >> 8);                // even bytes: 2-digit values 0..99
    const std::uint64_t pairs = word & 0x000000FF000000FFULL;          // pairs 0 and 4
    const std::uint64_t pairs_shifted = (word >> 16) & 0x000000FF000000FFULL;  // pairs 2 and 6
    // pair0*1e6 + pair2*1e4 + pair4*1e2 + pair6 assembled in the high 32 bits.
    word = (pairs * (100 + (1000000ULL << 32)) + pairs_shifted * (1 + (10000ULL << 32))) >> 32;
    return static_cast<std::uint32_t>(word);
}

//! Accumulate a run of digits at q into mantissa; returns the number of digits.
inline int accumulate_digits(const char*& q, const char* end, std::uint64_t& mantissa) noexcept
{
    const char* start = q;
    while (end - q >= 8)
    {
        const auto word = load8(q);
        if (!all_eight_digits(word)) break;
        mantissa = mantissa * 100000000ULL + eight_digits_value(word);
        q += 8;
    }
    if (end - q >= 4)
    {
        // Four digits at once (the "%.4e" fractions of lifetime and spin columns).
        std::uint32_t word;
        std::memcpy(&word, q, sizeof word);
        if ((((word & 0xF0F0F0F0U) | (((word + 0x06060606U) & 0xF0F0F0F0U) >> 4))) == 0x33333333U)
        {
            word -= 0x30303030U;
            word = word * 10 + (word >> 8);  // bytes 0 and 2: 2-digit values
            mantissa = mantissa * 10000 + ((word & 0xFF) * 100 + ((word >> 16) & 0xFF));
            q += 4;
        }
    }
    while (q < end && static_cast<unsigned>(*q - '0') < 10)
    {
        mantissa = mantissa * 10 + static_cast<unsigned>(*q - '0');
        ++q;
    }
    return static_cast<int>(q - start);
}

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
    if (end - q >= 2 && static_cast<unsigned>(q[0] - '0') < 10 && q[1] == '.')
    {
        mantissa = static_cast<unsigned>(q[0] - '0');  // "d.ddd": the common scientific form
        digits = 1;
        ++q;
    }
    else
    {
        digits = accumulate_digits(q, end, mantissa);
    }
    if (q < end && *q == '.')
    {
        ++q;
        const int fraction_digits = accumulate_digits(q, end, mantissa);
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
        if (end - q >= 2 && static_cast<unsigned>(q[0] - '0') < 10 && static_cast<unsigned>(q[1] - '0') < 10 &&
            (end - q == 2 || is_blank(q[2])))
        {
            e = (q[0] - '0') * 10 + (q[1] - '0');  // two exponent digits, as printf writes
            q += 2;
        }
        else
        {
            while (q < end && static_cast<unsigned>(*q - '0') < 10 && e < 100000)
            {
                e = e * 10 + (*q - '0');
                ++q;
            }
        }
        if (q == exponent_start) goto slow;
        exponent += exponent_negative ? -e : e;
    }
    if (q < end && !is_blank(*q)) goto slow;
    // More than 19 digits may have overflowed the mantissa: exact slow path.
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

//! Fast path for the short integers of LHE lines: optional sign and up to 9
//! digits, followed by a blank or the end. Returns false (p unspecified) for
//! anything else; the caller then reports the problem through parse_int.
inline bool parse_small_int(const char*& p, const char* end, int& value) noexcept
{
    const char* q = p;
    bool negative = false;
    if (q < end && (*q == '-' || *q == '+'))
    {
        negative = *q == '-';
        ++q;
    }
    const char* start = q;
    int result = 0;
    while (q < end && static_cast<unsigned>(*q - '0') < 10 && q - start < 9)
    {
        result = result * 10 + (*q - '0');
        ++q;
    }
    if (q == start || (q < end && !is_blank(*q))) return false;
    value = negative ? -result : result;
    p = q;
    return true;
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
