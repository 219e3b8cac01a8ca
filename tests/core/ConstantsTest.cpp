#include "umbra/core/Constants.hpp"

#include <gtest/gtest.h>

#include "umbra/core/Units.hpp"

using namespace umbra;

// Values from PDG RPP 2024 "Physical constants" table and CODATA 2018.
TEST(Constants, ValuesInUmbraUnits)
{
    EXPECT_DOUBLE_EQ(constants::electron_mass / units::MeV, 0.51099895);
    EXPECT_DOUBLE_EQ(constants::muon_mass / units::MeV, 105.6583755);
    EXPECT_DOUBLE_EQ(constants::c_light / (units::m / units::s), 299792458.0);
    EXPECT_DOUBLE_EQ(1 / constants::alpha, 137.035999084);
    EXPECT_NEAR(constants::hbar_c / (units::MeV * units::fm), 197.3269804, 1e-9);
}

TEST(Constants, HbarTimesCEqualsHbarC)
{
    // hbar [MeV s] * c [m/s] = hbar c [MeV m]: 6.582119569e-22 * 2.99792458e8 = 1.973269804e-13.
    EXPECT_NEAR(constants::hbar * constants::c_light / constants::hbar_c, 1.0, 1e-9);
}

TEST(Units, ConversionsRoundTrip)
{
    EXPECT_DOUBLE_EQ(8 * units::GeV / units::MeV, 8000.0);
    EXPECT_DOUBLE_EQ(1 * units::cm / units::mm, 10.0);
    EXPECT_DOUBLE_EQ(1 * units::s / units::ns, 1e9);
    EXPECT_DOUBLE_EQ(units::pb / units::barn, 1e-12);
    // 1 GeV^-2 = 0.3893793721 mb (PDG), expressed through hbar c.
    const double gev_minus2 = constants::hbar_c * constants::hbar_c / (units::GeV * units::GeV);
    EXPECT_NEAR(gev_minus2 / units::mb, constants::hbar_c_squared_gev2_mb, 1e-9);
}
