#include "umbra/gen/DarkBremLibrary.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/LineReader.hpp"
#include "umbra/lhe/Reader.hpp"

using namespace umbra;
using namespace umbra::gen;

namespace
{
std::string joined(const std::vector<double>& ladder)
{
    std::string text;
    for (double e : ladder) text += (text.empty() ? "" : ", ") + python_float_string(e);
    return text;
}

std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path)
{
    LineReader reader(path);
    std::vector<std::vector<std::string>> rows;
    std::string_view line;
    while (reader.next(line))
    {
        std::vector<std::string> cells;
        std::stringstream s{std::string(line)};
        for (std::string cell; std::getline(s, cell, ',');) cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}
}  // namespace

// shared/reference/darkbrem.md 1.2: the ladders dark-brem-lib-gen produces (computed there with
// the same Python arithmetic).
TEST(DarkBremLibrary, EnergyLadderMatchesDarkBremLibGen)
{
    EXPECT_EQ(joined(dark_brem_energy_ladder(8.0, 4.0, 0.1)), "8.0, 7.2, 6.48, 5.832, 5.249, 4.724, 4.252, 3.827");
    EXPECT_EQ(joined(dark_brem_energy_ladder(4.0, 0.2, 0.1)),
              "4.0, 3.6, 3.24, 2.916, 2.624, 2.362, 2.126, 1.913, 1.722, 1.55, 1.395, 1.256, 1.13, 1.017, 0.915, "
              "0.824, 0.742, 0.668, 0.601, 0.541, 0.487, 0.438, 0.394, 0.355, 0.32, 0.288, 0.259, 0.233, 0.21, 0.189");
    const auto to_two = dark_brem_energy_ladder(100.0, 2.0, 0.1);
    ASSERT_EQ(to_two.size(), 39u);
    EXPECT_EQ(joined({to_two.begin(), to_two.begin() + 10}),
              "100.0, 90.0, 81.0, 72.9, 65.61, 59.049, 53.144, 47.83, 43.047, 38.742");
    EXPECT_EQ(joined({to_two.end() - 3, to_two.end()}), "2.253, 2.028, 1.825");
    const auto to_ten = dark_brem_energy_ladder(100.0, 10.0, 0.1);
    ASSERT_EQ(to_ten.size(), 23u);
    EXPECT_EQ(joined({to_ten.end() - 2, to_ten.end()}), "10.941, 9.847");
    EXPECT_THROW(dark_brem_energy_ladder(8, 4, 1.5), InputError);
}

TEST(DarkBremLibrary, NamesAsDarkBremLibGen)
{
    DarkBremLibraryConfig c;
    EXPECT_EQ(c.library_name(), "electron_tungsten_MaxE_8.0_MinE_4.0_RelEStep_0.1_UndecayedAP_mA_0.01_run_3000");
    c.targets = {"tungsten", "copper"};
    c.run = 1;
    EXPECT_EQ(c.library_name(), "electron_tungstencopper_MaxE_8.0_MinE_4.0_RelEStep_0.1_UndecayedAP_mA_0.01_run_1");
    EXPECT_EQ(python_float_string(1e-05), "1e-05");
    EXPECT_EQ(python_float_string(171.3), "171.3");
    c.targets = {"kryptonite"};
    EXPECT_THROW(c.validate(), InputError);
}

TEST(DarkBremLibrary, GenerateThenExtractRoundTrip)
{
    test::TemporaryDirectory dir;
    DarkBremLibraryConfig c;
    c.targets = {"tungsten", "silicon"};
    c.max_energy = 4.0;
    c.min_energy = 3.3;  // ladder 4.0, 3.6, 3.24
    c.events = 200;
    c.run = 7;
    c.threads = 2;
    c.output_directory = dir.path();
    const auto points = generate_dark_brem_library(c);
    ASSERT_EQ(points.size(), 6u);
    for (const auto& p : points) ASSERT_TRUE(std::filesystem::exists(p.file)) << p.file;
    EXPECT_EQ(points[1].file.filename().string(),
              "electron_tungstensilicon_MaxE_4.0_MinE_3.3_RelEStep_0.1_UndecayedAP_mA_0.01_run_7_tungsten_"
              "IncidentEnergy_3.6_unweighted_events.lhe");

    const auto library = dir / c.library_name();
    const auto summary = extract_dark_brem_library(library, dir / "lib.csv.gz");
    EXPECT_EQ(summary.events, 1200u);
    EXPECT_EQ(summary.files, 6u);
    EXPECT_EQ(summary.aprime_id, 1023);
    const auto rows = read_csv(dir / "lib.csv.gz");
    ASSERT_EQ(rows.size(), 1201u);
    EXPECT_EQ(rows[0][0], "target_Z");
    EXPECT_EQ(rows[0].size(), 10u);
    // Ordered by Z, then incident energy; within a bin in file order, equal to the LHE values at
    // %g precision (6 significant digits).
    EXPECT_EQ(rows[1][0], "14");
    EXPECT_EQ(rows[1][1], "3.24");
    EXPECT_EQ(rows[1200][0], "74");
    EXPECT_EQ(rows[1200][1], "4");
    lhe::Reader reader(points[2].file);  // tungsten 3.24 GeV: rows 601..800
    lhe::Event event;
    for (std::size_t row = 601; row <= 800; ++row)
    {
        ASSERT_TRUE(reader.next(event));
        const auto& recoil = event.particles[2];
        const auto& aprime = event.particles[4];
        ASSERT_EQ(rows[row][0], "74");
        ASSERT_NEAR(std::stod(rows[row][2]), recoil.e, 5e-6 * recoil.e);
        ASSERT_NEAR(std::stod(rows[row][9]), recoil.pz + aprime.pz, 5e-6 * std::abs(recoil.pz + aprime.pz));
    }
}

TEST(DarkBremLibrary, ExtractReadsMadGraphFourStyleFiles)
{
    // dark-brem-lib-gen 4.x / MadEvent 4: A' 622, nucleus 623, Znuc in BLOCK MGUSER.
    test::TemporaryDirectory dir;
    const auto summary = extract_dark_brem_library(test::data_dir() / "good" / "darkbrem_v4_style.lhe", dir / "v4.csv");
    EXPECT_EQ(summary.aprime_id, 622);
    EXPECT_EQ(summary.events, 3u);
    const auto rows = read_csv(dir / "v4.csv");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[1][0], "74");
    EXPECT_EQ(rows[1][1], "8");
    // An LHE file without a Znuc line cannot be a library.
    EXPECT_THROW(extract_dark_brem_library(test::data_dir() / "good" / "alp_mg_small.lhe", dir / "x.csv"), InputError);
    EXPECT_FALSE(std::filesystem::exists(dir / "x.csv"));
}
