#include "umbra/core/ConfigTable.hpp"

#include <gtest/gtest.h>

#include "umbra/core/Error.hpp"

using namespace umbra;

namespace
{
std::string error_of(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const InputError& e)
    {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST(ConfigTable, ReadsValuesAndDefaults)
{
    auto config = ConfigTable::from_string("seed = 5\n[split]\nvertex = \"gamma\"\nzmin = 100\nshape = 2.5\n", "c.toml");
    EXPECT_EQ(config.get("seed", std::int64_t{1}), 5);
    auto split = config.section("split");
    EXPECT_EQ(split.get("vertex", "uniform"), "gamma");
    EXPECT_DOUBLE_EQ(split.get("zmin", 0.0), 100.0);  // integer accepted for a number
    EXPECT_DOUBLE_EQ(split.get("shape", 0.0), 2.5);
    EXPECT_DOUBLE_EQ(split.get("zmax", 2000.0), 2000.0);
    EXPECT_NO_THROW(config.finish());
}

TEST(ConfigTable, UnknownKeyIsAnErrorWithLineAndSuggestion)
{
    auto config = ConfigTable::from_string("[split]\nvertex = \"uniform\"\nzmxa = 3000\n", "job.toml");
    auto split = config.section("split");
    split.get("vertex", "uniform");
    split.get("zmax", 2000.0);
    EXPECT_EQ(error_of([&] { config.finish(); }),
              "job.toml:3: unknown key 'zmxa' in [split] (did you mean 'zmax'?)");
}

TEST(ConfigTable, UnknownSectionIsAnError)
{
    auto config = ConfigTable::from_string("seed = 1\n[spilt]\nvertex = 'uniform'\n", "job.toml");
    config.get("seed", 0);
    config.section("split");
    EXPECT_EQ(error_of([&] { config.finish(); }),
              "job.toml:2: unknown key 'spilt' at the top level (did you mean 'split'?)");
}

TEST(ConfigTable, WrongTypeNamesKeyAndTypes)
{
    auto config = ConfigTable::from_string("[split]\nzmin = \"200\"\n", "job.toml");
    auto split = config.section("split");
    EXPECT_EQ(error_of([&] { split.get("zmin", 0.0); }),
              "job.toml:2: key 'split.zmin' must be a number, found a string");
}

TEST(ConfigTable, SyntaxErrorHasLine)
{
    const auto message = error_of([] { ConfigTable::from_string("a = 1\nb = = 2\n", "bad.toml"); });
    EXPECT_EQ(message.rfind("bad.toml:2: invalid TOML", 0), 0u) << message;
}
