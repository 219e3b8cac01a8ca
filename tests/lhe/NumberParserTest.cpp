#include "umbra/lhe/detail/NumberParser.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "umbra/core/RandomStream.hpp"

using namespace umbra::lhe::detail;

namespace
{
ParseStatus parse(const std::string& s, double& v)
{
    const char* p = s.data();
    return parse_double(p, s.data() + s.size(), v);
}
}  // namespace

TEST(NumberParser, AgreesWithStrtodBitForBit)
{
    // Random doubles printed the ways LHE writers print them; the parse must equal strtod's
    // correctly rounded result exactly.
    umbra::RandomStream rng({3, umbra::StreamId::test, 0});
    for (int i = 0; i < 200000; ++i)
    {
        const double magnitude = std::pow(10.0, rng.uniform(-30, 30));
        const double x = (rng.uniform() < 0.5 ? -1 : 1) * magnitude * rng.uniform();
        for (const auto& text : {fmt::format("{:+.10e}", x), fmt::format("{:.17g}", x), fmt::format("{}", x),
                                 fmt::format("{:.8E}", x), fmt::format("{:.6f}", x)})
        {
            double v = 0;
            ASSERT_EQ(parse(text, v), ParseStatus::ok) << text;
            ASSERT_EQ(v, std::strtod(text.c_str(), nullptr)) << text;
        }
    }
}

TEST(NumberParser, FortranExponentsSignsAndEdgeForms)
{
    double v = 0;
    EXPECT_EQ(parse("1.5D+02", v), ParseStatus::ok);
    EXPECT_EQ(v, 150.0);
    EXPECT_EQ(parse("+7", v), ParseStatus::ok);
    EXPECT_EQ(v, 7.0);
    EXPECT_EQ(parse("-.25", v), ParseStatus::ok);
    EXPECT_EQ(v, -0.25);
    EXPECT_EQ(parse("3.", v), ParseStatus::ok);
    EXPECT_EQ(v, 3.0);
    EXPECT_EQ(parse("12345678901234567890123e-3", v), ParseStatus::ok);  // > 19 digits: slow path
    EXPECT_EQ(v, std::strtod("12345678901234567890123e-3", nullptr));
    EXPECT_EQ(parse("1e-310", v), ParseStatus::ok);  // subnormal
    EXPECT_EQ(v, std::strtod("1e-310", nullptr));
}

TEST(NumberParser, RejectsGarbageAndNonFinite)
{
    double v = 0;
    EXPECT_EQ(parse("abc", v), ParseStatus::not_a_number);
    EXPECT_EQ(parse("1.2.3", v), ParseStatus::not_a_number);
    EXPECT_EQ(parse("1.0e", v), ParseStatus::not_a_number);
    EXPECT_EQ(parse("--1", v), ParseStatus::not_a_number);
    EXPECT_EQ(parse("2.1x", v), ParseStatus::not_a_number);
    EXPECT_EQ(parse("nan", v), ParseStatus::not_finite);
    EXPECT_EQ(parse("-inf", v), ParseStatus::not_finite);
    EXPECT_EQ(parse("1e400", v), ParseStatus::not_finite);
}

TEST(NumberParser, Integers)
{
    int v = 0;
    const std::string s = "+623 -11 x";
    const char* p = s.data();
    const char* end = s.data() + s.size();
    ASSERT_EQ(parse_int(p, end, v), ParseStatus::ok);
    EXPECT_EQ(v, 623);
    skip_blanks(p, end);
    ASSERT_EQ(parse_int(p, end, v), ParseStatus::ok);
    EXPECT_EQ(v, -11);
    skip_blanks(p, end);
    EXPECT_EQ(parse_int(p, end, v), ParseStatus::not_a_number);
    const std::string f = "1.5";
    p = f.data();
    EXPECT_EQ(parse_int(p, f.data() + f.size(), v), ParseStatus::not_a_number);
}
