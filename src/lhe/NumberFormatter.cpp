#include "umbra/lhe/detail/NumberFormatter.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

namespace umbra::lhe::detail
{
namespace
{
char* slow_scientific(char* out, double value, int precision, bool plus_sign) noexcept
{
    char* begin = out;
    if (plus_sign && !std::signbit(value)) *out++ = '+';
    return std::to_chars(out, begin + 48, value, std::chars_format::scientific, precision).ptr;
}

constexpr int max_exact_power = 22;  // 10^22 = 5^22 * 2^22 with 5^22 < 2^53: exact as a double
constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

//! Dekker's exact product a*b = high + low (T. J. Dekker, "A floating-point technique for
//! extending the available precision", Numer. Math. 18 (1971) 224), with Veltkamp's split.
inline void two_product(double a, double b, double& high, double& low) noexcept
{
    constexpr double splitter = 134217729.0;  // 2^27 + 1
    high = a * b;
    const double ta = splitter * a, a_high = ta - (ta - a), a_low = a - a_high;
    const double tb = splitter * b, b_high = tb - (tb - b), b_low = b - b_high;
    low = ((a_high * b_high - high) + a_high * b_low + a_low * b_high) + a_low * b_low;
}

static_assert(std::endian::native == std::endian::little, "the SWAR digit code assumes little-endian");

//! The eight ASCII digits of v < 10^8 (with leading zeros) as a word whose lowest byte is the
//! first digit. SWAR: the two 4-digit halves go in 32-bit lanes, are split into 2-digit then
//! 1-digit lanes by multiply-shift division (x/100 = x*10486 >> 20 for x < 10^4,
//! x/10 = x*103 >> 10 for x < 100), then offset to ASCII.
[[gnu::always_inline]] inline std::uint64_t ascii_digits(std::uint32_t v) noexcept
{
    std::uint64_t lanes = (v / 10000) | (static_cast<std::uint64_t>(v % 10000) << 32);
    const std::uint64_t hundreds = ((lanes * 10486) >> 20) & 0x0000007F0000007FULL;
    lanes = hundreds | ((lanes - hundreds * 100) << 16);
    const std::uint64_t tens = ((lanes * 103) >> 10) & 0x000F000F000F000FULL;
    lanes = tens | ((lanes - tens * 10) << 8);
    return lanes + 0x3030303030303030ULL;
}

//! `count` (1..16) decimal digits of value < 10^count, with leading zeros, at out; returns
//! out + count. Stores whole 8-byte words, so up to 8 bytes past the end are scribbled on
//! (the caller has room and overwrites them next); no byte is stored and re-read, which
//! would stall store-to-load forwarding.
[[gnu::always_inline]] inline char* put_digits(char* out, std::uint64_t value, int count) noexcept
{
    if (count > 8)
    {
        const int high_count = count - 8;
        const std::uint64_t high =
            ascii_digits(static_cast<std::uint32_t>(value / 100000000)) >> (8 * (8 - high_count));
        std::memcpy(out, &high, 8);
        out += high_count;
        const std::uint64_t low = ascii_digits(static_cast<std::uint32_t>(value % 100000000));
        std::memcpy(out, &low, 8);
        return out + 8;
    }
    const std::uint64_t word = ascii_digits(static_cast<std::uint32_t>(value)) >> (8 * (8 - count));
    std::memcpy(out, &word, 8);
    return out + count;
}

constexpr std::uint64_t integer_powers_of_ten[] = {1ULL,
                                                   10ULL,
                                                   100ULL,
                                                   1000ULL,
                                                   10000ULL,
                                                   100000ULL,
                                                   1000000ULL,
                                                   10000000ULL,
                                                   100000000ULL,
                                                   1000000000ULL,
                                                   10000000000ULL,
                                                   100000000000ULL,
                                                   1000000000000ULL,
                                                   10000000000000ULL,
                                                   100000000000000ULL,
                                                   1000000000000000ULL};

//! "d.ddd": digits has precision + 1 digits. The precision is a template parameter so the
//! divisions by 10^precision compile to multiplications.
template <int Precision>
char* put_mantissa_fixed(char* out, std::uint64_t digits) noexcept
{
    constexpr std::uint64_t unit = integer_powers_of_ten[Precision];
    *out++ = static_cast<char>('0' + digits / unit);
    *out++ = '.';
    return put_digits(out, digits % unit, Precision);
}

template <int... Precisions>
char* put_mantissa_dispatch(char* out, std::uint64_t digits, int precision,
                            std::integer_sequence<int, Precisions...>) noexcept
{
    char* result = nullptr;
    ((precision == Precisions + 1 ? (result = put_mantissa_fixed<Precisions + 1>(out, digits), true) : false) ||
     ...);
    return result;
}

//! put_mantissa_fixed for a run-time precision in 1..15.
char* put_mantissa(char* out, std::uint64_t digits, int precision) noexcept
{
    return put_mantissa_dispatch(out, digits, precision, std::make_integer_sequence<int, 15>{});
}

constexpr char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
}  // namespace

char* format_scientific(char* out, double value, int precision, bool plus_sign) noexcept
{
    const double magnitude = std::fabs(value);
    if (magnitude == 0 && precision >= 1 && precision <= 15)
    {
        // printf: "0.000e+00", "-0.000e+00" for negative zero, "+0.000e+00" with plus_sign.
        if (std::signbit(value))
            *out++ = '-';
        else if (plus_sign)
            *out++ = '+';
        *out++ = '0';
        *out++ = '.';
        std::memcpy(out, "0000000000000000", 16);  // fixed-size stores; precision <= 15 of them kept
        out += precision;
        std::memcpy(out, "e+00", 4);
        return out + 4;
    }
    if (!(magnitude >= 1e-250 && magnitude <= 1e250) || precision < 1 || precision > 15)
    {
        return slow_scientific(out, value, precision, plus_sign);
    }
    // Decimal exponent from the binary one: floor(e2 log10 2) with log10 2 ~ 78913 / 2^18
    // (exact for |e2| < 1700): the true exponent or one less, corrected below.
    std::uint64_t bits;
    std::memcpy(&bits, &magnitude, sizeof bits);
    const int exponent2 = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
    int exponent10 = (exponent2 * 78913) >> 18;
    const double lower = powers_of_ten[precision];      // 10^precision
    const double upper = powers_of_ten[precision + 1];  // 10^(precision+1)
    // scaled = magnitude * 10^(precision - exponent10) = high + low, exact to ~1e-32 relative.
    double high = 0, low = 0;
    for (int attempt = 0; attempt < 2; ++attempt)
    {
        const int shift = precision - exponent10;
        if (shift > max_exact_power || -shift > max_exact_power)
        {
            return slow_scientific(out, value, precision, plus_sign);
        }
        if (shift >= 0)
        {
            two_product(magnitude, powers_of_ten[shift], high, low);
        }
        else
        {
            const double divisor = powers_of_ten[-shift];
            high = magnitude / divisor;
            double product_high, product_low;
            two_product(high, divisor, product_high, product_low);
            low = ((magnitude - product_high) - product_low) / divisor;  // remainder / divisor
        }
        if (high < upper) break;
        ++exponent10;
    }
    if (!(high >= lower && high < upper))
    {
        return slow_scientific(out, value, precision, plus_sign);
    }
    // high < 2^53, so the truncating conversion is exact and equals floor.
    auto integral = static_cast<std::uint64_t>(high);
    double fraction = (high - static_cast<double>(integral)) + low;
    if (fraction < 0)
    {
        --integral;
        fraction += 1;
    }
    // Only a fraction near 1/2 makes the rounding direction delicate: within 1e-6 of it take
    // the exact path (the error of high + low is ~1e-32 relative, ~1e-21 absolute here, so the
    // band is generous). A fraction near 0 or 1 rounds unambiguously (exact decimals such as
    // masses land there). Rounding up into the next decade (9.99...95 -> 10.0) also goes
    // to the exact path, which then prints the next exponent.
    if (std::fabs(fraction - 0.5) < 1e-6 || static_cast<double>(integral) < lower ||
        static_cast<double>(integral) >= upper - 1)
    {
        return slow_scientific(out, value, precision, plus_sign);
    }
    std::uint64_t digits = integral + (fraction > 0.5 ? 1 : 0);

    // Emit: [sign] d . ddd...d e (+|-) dd[d]
    if (std::signbit(value))
        *out++ = '-';
    else if (plus_sign)
        *out++ = '+';
    out = put_mantissa(out, digits, precision);
    *out++ = 'e';
    int e = exponent10;
    *out++ = e < 0 ? '-' : '+';
    if (e < 0) e = -e;
    if (e >= 100)
    {
        *out++ = static_cast<char>('0' + e / 100);
        e %= 100;
    }
    *out++ = digit_pairs[e * 2];
    *out++ = digit_pairs[e * 2 + 1];
    return out;
}
}  // namespace umbra::lhe::detail
