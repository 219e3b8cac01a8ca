#include "umbra/lhe/detail/NumberFormatter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "umbra/core/RandomStream.hpp"

using namespace umbra::lhe::detail;

namespace
{
std::string fast(double v, int precision, bool plus)
{
    char buffer[48];
    return {buffer, format_scientific(buffer, v, precision, plus)};
}

std::string printf_reference(double v, int precision, bool plus)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, plus ? "%+.*e" : "%.*e", precision, v);
    return buffer;
}
}  // namespace

TEST(NumberFormatter, ScientificMatchesPrintfExactly)
{
    umbra::RandomStream rng({5, umbra::StreamId::test, 0});
    for (int i = 0; i < 300000; ++i)
    {
        const double magnitude = std::pow(10.0, rng.uniform(-40, 40));
        double v = (rng.uniform() < 0.5 ? -1 : 1) * magnitude * (0.5 + rng.uniform());
        if (i % 10 == 0) v = std::round(v * 1e4) / 1e4;  // short decimals, ties and exact values
        for (int precision : {4, 7, 8, 10, 16})
        {
            for (bool plus : {false, true})
            {
                ASSERT_EQ(fast(v, precision, plus), printf_reference(v, precision, plus))
                    << "value " << v << " precision " << precision;
            }
        }
    }
}

TEST(NumberFormatter, ReprintingMadGraphTextGivesItBack)
{
    // Values read from "%+.10e" text (exact decimals at 11 digits, the split's common case)
    // must print back to the same text, and agree with snprintf.
    umbra::RandomStream rng({6, umbra::StreamId::test, 0});
    for (int i = 0; i < 300000; ++i)
    {
        const double x = (rng.uniform() < 0.5 ? -1 : 1) * std::pow(10.0, rng.uniform(-12, 12));
        const auto text = printf_reference(x, 10, true);
        const double parsed = std::strtod(text.c_str(), nullptr);
        ASSERT_EQ(fast(parsed, 10, true), text);
        ASSERT_EQ(fast(parsed, 4, false), printf_reference(parsed, 4, false)) << text;
    }
}

TEST(NumberFormatter, SpecialValuesMatchPrintf)
{
    for (double v : {0.0, -0.0, 1.0, 9.0, 0.5, 0.25, 1.5, 2.5, 9.99999999995, 9.999999999949999, 1e-300,
                     5e-324, 1e300, 171.3, 0.000511, 7.9999999837, 99999999999.5, 0.00729735257})
    {
        for (int precision : {1, 4, 7, 8, 10})
        {
            EXPECT_EQ(fast(v, precision, true), printf_reference(v, precision, true)) << v;
            EXPECT_EQ(fast(v, precision, false), printf_reference(v, precision, false)) << v;
        }
    }
}
