#include "umbra/reco/ContainmentRadii.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::reco
{
namespace
{
TEST(ContainmentRadii, ShippedV14TableAndBinSelection)
{
    const auto table = ContainmentRadii::load_named("roc_v14_8gev", 34);
    ASSERT_EQ(table.bins().size(), 6u);
    // Values of ldmx-sw Ecal/data/RoC_v14_8gev.csv: row 0 starts 12.0517733, row 1 12.0714534,
    // row 0 ends 153.18469662.
    EXPECT_DOUBLE_EQ(table.electron_radii(5, 7000)[0], 12.0517733);
    EXPECT_DOUBLE_EQ(table.electron_radii(12, 5000)[0], 12.0714534);
    EXPECT_DOUBLE_EQ(table.electron_radii(45, 500)[33], 640.99155736);
    // No recoil (-1, -1) and angles beyond the table use bin 0, as does the photon.
    EXPECT_DOUBLE_EQ(table.electron_radii(-1, -1)[33], 153.18469662);
    EXPECT_DOUBLE_EQ(table.electron_radii(70, 100)[0], 12.0517733);
    EXPECT_DOUBLE_EQ(table.photon_radii()[0], 12.0517733);
    EXPECT_FALSE(table.bins()[1].p_min.has_value());
}

TEST(ContainmentRadii, BadFilesNameTheLine)
{
    test::TemporaryDirectory dir;
    const auto path = dir / "roc.csv";
    {
        std::ofstream out(path);
        out << "theta_min,theta_max,p_min,p_max,1,2\n0,10,,,5.0,6.0\n10,20,,,7.0\n";
    }
    try
    {
        ContainmentRadii::load(path, 2);
        FAIL() << "expected an InputError";
    }
    catch (const InputError& e)
    {
        EXPECT_EQ(e.where().line, 3u);
        EXPECT_NE(std::string(e.what()).find("columns"), std::string::npos);
    }
    {
        std::ofstream out(path);
        out << "theta_min,theta_max,p_min,p_max,1,2\n0,10,,,5.0,abc\n";
    }
    EXPECT_THROW(ContainmentRadii::load(path, 2), InputError);
    EXPECT_THROW(ContainmentRadii::load(dir / "missing.csv", 2), InputError);
}
}  // namespace
}  // namespace umbra::reco
