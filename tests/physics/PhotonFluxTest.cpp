#include "umbra/physics/PhotonFlux.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>

#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/physics/TargetNucleus.hpp"

using namespace umbra;
using namespace umbra::physics;

namespace
{
constexpr double GeV2 = units::GeV * units::GeV;

PhotonFlux flux(int z, double a, NuclearFormFactor::InelasticTerm term = NuclearFormFactor::InelasticTerm::corrected)
{
    return PhotonFlux(NuclearFormFactor({z, a, term}));
}
}  // namespace

// shared/reference/darkbrem.md 5.2, "Flux factor chi (full = elastic + inelastic / elastic only)":
// an independent re-implementation of G4DarkBreM's flux (Boost GK61), quoted to 8 digits.
TEST(PhotonFlux, MatchesReferenceValues)
{
    struct Case
    {
        int z;
        double a, t_min, t_max;  // t in GeV^2
        double full, elastic;
    };
    for (const auto& c : {Case{74, 183.84, 1e-6, 16, 36605.474, 35784.387},
                          Case{74, 183.84, 2.5e-5, 0.01, 18417.925, 18051.034},
                          Case{29, 63.546, 1e-3, 1e4, 875.36402, 753.16923},
                          Case{29, 63.546, 1e-5, 1.01116, 4418.0415, 4164.2682}})
    {
        auto full = flux(c.z, c.a);
        auto elastic = flux(c.z, c.a, NuclearFormFactor::InelasticTerm::none);
        // Half a unit of the 8th digit.
        EXPECT_NEAR(full(c.t_min * GeV2, c.t_max * GeV2), c.full, 5e-8 * c.full) << c.z << " " << c.t_min;
        EXPECT_NEAR(elastic(c.t_min * GeV2, c.t_max * GeV2), c.elastic, 5e-8 * c.elastic) << c.z << " " << c.t_min;
    }
}

TEST(PhotonFlux, ElasticClosedFormAgreesWithIntegral)
{
    // alp-physics.md 3.2: the DMG4 closed form agrees with direct integration "to all digits".
    for (const auto& name : TargetNucleus::preset_names())
    {
        const auto target = TargetNucleus::preset(name);
        auto elastic = flux(target.atomic_number, target.atomic_mass, NuclearFormFactor::InelasticTerm::none);
        for (auto [t_min, t_max] : {std::pair{1e-8, 1e-4}, {1e-6, 16.0}, {2.5e-5, 0.01}, {0.01, 64.0}})
        {
            const double numeric = elastic(t_min * GeV2, t_max * GeV2);
            EXPECT_NEAR(elastic.elastic_closed_form(t_min * GeV2, t_max * GeV2), numeric, 1e-8 * numeric) << name;
        }
    }
}

TEST(PhotonFlux, FormFactorParameters)
{
    // By hand for W (Z = 74, A = 184), m_e = 0.000511 GeV as G4DarkBreM and dark-brem-lib-gen:
    //   a  = 111 * 74^(-1/3) / 0.000511 = 111 * 0.2381926 / 0.000511 = 51739.81 GeV^-1
    //   a' = 773 * 74^(-2/3) / 0.000511 = 773 * 0.0567357 / 0.000511 = 85823.08 GeV^-1
    //   d  = 0.164 * 184^(-2/3)         = 0.164 * 0.0309118            = 0.0050695 GeV^2
    const NuclearFormFactor ff({74, 184.0});
    EXPECT_NEAR(ff.screening_a() * units::GeV, 51739.81, 0.01);
    EXPECT_NEAR(ff.inelastic_screening_a() * units::GeV, 85823.08, 0.01);
    EXPECT_NEAR(ff.nuclear_size_d() / GeV2, 0.0050695, 1e-7);
    // Known difference (docs/validation.md): the seed's ALP UFO hard-codes aval = 51729.7 and
    // apval = 85806.3 (alp-physics.md 1.4), both 0.0195 % lower, as if m_e were 0.5111 MeV. The
    // effect on chi is below 1e-5. Pinned here so that a change on either side is noticed.
    EXPECT_NEAR(ff.screening_a() * units::GeV / 51729.7, 1.000195, 5e-6);
    EXPECT_NEAR(ff.inelastic_screening_a() * units::GeV / 85806.3, 1.000196, 5e-6);
}

TEST(PhotonFlux, SquaredInelasticTermIsTheOlderConvention)
{
    // darkbrem.md 3.2: the squared bracket is smaller at large t (the dipole enters twice).
    const NuclearFormFactor corrected({29, 63.546, NuclearFormFactor::InelasticTerm::corrected});
    const NuclearFormFactor squared({29, 63.546, NuclearFormFactor::InelasticTerm::squared});
    const double t = 1.0 * GeV2;
    const double bracket = (1 + t * (2.79 * 2.79 - 1) / (4 * 0.938 * 0.938 * GeV2)) / std::pow(1 + t / (0.71 * GeV2), 4);
    EXPECT_NEAR(squared.inelastic(t) / corrected.inelastic(t), bracket, 1e-12);
    EXPECT_EQ(corrected.elastic(t), squared.elastic(t));
}

TEST(TargetNucleus, PresetsAndUnknownName)
{
    const auto w = TargetNucleus::preset("tungsten");
    EXPECT_EQ(w.atomic_number, 74);
    EXPECT_DOUBLE_EQ(w.nucleus_mass / units::GeV, 171.3);
    EXPECT_EQ(TargetNucleus::preset_names().size(), 7u);
    try
    {
        TargetNucleus::preset("unobtainium");
        FAIL();
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("known targets: tungsten, silicon, copper"), std::string::npos);
    }
    EXPECT_THROW(NuclearFormFactor({0, 10.0}), InputError);
}
