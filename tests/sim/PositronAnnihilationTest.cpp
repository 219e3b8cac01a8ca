#include "umbra/sim/PositronAnnihilation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "physics/KolmogorovSmirnov.hpp"
#include "umbra/core/AdaptiveIntegrator.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::sim;

namespace
{
constexpr double m = constants::electron_mass;
constexpr double r_e = constants::alpha * constants::hbar_c / m;  // classical electron radius [mm]
const double pi_re2 = constants::pi * r_e * r_e;

//! Heitler's formula as printed in the PRM ("Positron annihilation") and Heitler (1954):
//! sigma = pi r_e^2/(g+1) [ (g^2+4g+1)/(g^2-1) ln(g + sqrt(g^2-1)) - (g+3)/sqrt(g^2-1) ],
//! written with acosh.
double heitler_formula(double t)
{
    const double g = t / m + 1;
    const double root = std::sqrt(g * g - 1);
    return pi_re2 / (g + 1) * ((g * g + 4 * g + 1) / (g * g - 1) * std::acosh(g) - (g + 3) / root);
}
}  // namespace

TEST(PositronAnnihilation, HeitlerCrossSection)
{
    for (double t : {0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0})
    {
        EXPECT_NEAR(heitler_cross_section(t) / heitler_formula(t), 1.0, 1e-10) << t;
    }
    // Limits of Heitler's formula (Heitler 1954, sec. 26; PRM): non-relativistic
    // sigma -> pi r_e^2 / beta (Dirac), and ultra-relativistic
    // sigma -> pi r_e^2 / gamma (ln 2 gamma - 1).
    for (double t : {1e-4, 1e-3})
    {
        const double g = t / m + 1;
        const double beta = std::sqrt(1 - 1 / (g * g));
        EXPECT_NEAR(heitler_cross_section(t) / (pi_re2 / beta), 1.0, 1e-3) << t;
    }
    for (double t : {1e4, 1e5})
    {
        const double g = t / m + 1;
        EXPECT_NEAR(heitler_cross_section(t) / (pi_re2 / g * (std::log(2 * g) - 1)), 1.0, 5e-4) << t;
    }
    // pi r_e^2 = 0.2495 b (r_e = 2.8179403 fm, CODATA 2018); at 1 GeV the
    // cross-section per electron is ~0.93 mb.
    EXPECT_NEAR(pi_re2 / units::barn, 0.24946, 1e-4);
    EXPECT_NEAR(heitler_cross_section(1 * units::GeV) / units::mb, 0.93, 0.01);
}

// dsigma/deps integrates to Heitler's sigma over [eps_min, eps_max] (PRM).
TEST(PositronAnnihilation, DcsIntegratesToHeitler)
{
    AdaptiveIntegrator integrator({.relative_tolerance = 1e-10});
    for (double t : {0.01, 1.0, 100.0, 1e4})
    {
        const PositronAnnihilation annihilation(t);
        const double integral = integrator
                                    .integrate([&](double e) { return annihilation.differential_cross_section(e); },
                                               annihilation.min_fraction(), annihilation.max_fraction())
                                    .value;
        EXPECT_NEAR(integral / annihilation.cross_section(), 1.0, 1e-8) << t;
        // eps_min eps_max = 1/(2 (gamma+1)), eps_min + eps_max = 1 (kinematics).
        const double g = t / m + 1;
        EXPECT_NEAR(annihilation.min_fraction() * annihilation.max_fraction(), 1 / (2 * (g + 1)), 1e-12);
        EXPECT_NEAR(annihilation.min_fraction() + annihilation.max_fraction(), 1.0, 1e-15);
    }
}

TEST(PositronAnnihilation, InFlightConservesFourMomentum)
{
    RandomStream rng({.seed = 21, .stream = StreamId::test, .event = 7});
    const ThreeVector direction = ThreeVector{0.6, 0.0, -0.8}.unit();
    for (double t : {0.01, 1.0, 1000.0})
    {
        const PositronAnnihilation annihilation(t);
        const double p = std::sqrt(t * (t + 2 * m));
        for (int i = 0; i < 2000; ++i)
        {
            const auto photons = annihilation.sample(direction, rng);
            EXPECT_NEAR(photons[0].energy + photons[1].energy, t + 2 * m, 1e-12 * (t + 2 * m));
            const ThreeVector balance =
                p * direction - photons[0].energy * photons[0].direction - photons[1].energy * photons[1].direction;
            EXPECT_LT(balance.mag(), 1e-8 * (t + 2 * m)) << t;
            EXPECT_NEAR(photons[1].direction.mag(), 1.0, 1e-12);
        }
    }
}

TEST(PositronAnnihilation, AtRestIsBackToBackAndIsotropic)
{
    RandomStream rng({.seed = 22, .stream = StreamId::test, .event = 8});
    const PositronAnnihilation at_rest(0.0);
    std::vector<double> cosines(20000);
    for (auto& c : cosines)
    {
        const auto photons = at_rest.sample({0, 0, 1}, rng);
        EXPECT_DOUBLE_EQ(photons[0].energy, m);
        EXPECT_DOUBLE_EQ(photons[1].energy, m);
        EXPECT_NEAR(photons[0].direction.dot(photons[1].direction), -1.0, 1e-12);
        c = photons[0].direction.z;
    }
    // isotropic: cos theta uniform on [-1, 1]
    const double d = test::ks_statistic(cosines, [](double c) { return 0.5 * (c + 1); });
    EXPECT_LT(d, test::ks_critical_value_1percent(cosines.size()));
    EXPECT_THROW(PositronAnnihilation(-1.0), InputError);
}

// Energy sharing: eps of the first photon follows S(eps) on [eps_min, eps_max] (the
// G4eeToTwoGammaModel convention); the unordered pair follows (S(eps) + S(1-eps))/2.
// CDFs by quadrature of the PRM DCS; KS at 1 %, 50k draws.
TEST(PositronAnnihilationValidation, EnergySharingMatchesDcs)
{
    RandomStream rng({.seed = 23, .stream = StreamId::test, .event = 9});
    AdaptiveIntegrator integrator({.relative_tolerance = 1e-10});
    for (double t : {0.5, 20.0, 2000.0})
    {
        const PositronAnnihilation annihilation(t);
        const double sigma = annihilation.cross_section();
        const double lo = annihilation.min_fraction();
        auto dcs = [&](double e) { return annihilation.differential_cross_section(e); };
        std::vector<double> first(50000);
        std::vector<double> softer(first.size());
        for (std::size_t i = 0; i < first.size(); ++i)
        {
            const auto photons = annihilation.sample({0, 0, 1}, rng);
            first[i] = photons[0].energy / (t + 2 * m);
            softer[i] = std::min(photons[0].energy, photons[1].energy) / (t + 2 * m);
        }
        const double d_first = test::ks_statistic(first, [&](double e) { return integrator.integrate(dcs, lo, e).value / sigma; });
        EXPECT_LT(d_first, test::ks_critical_value_1percent(first.size())) << t;
        // softer photon: density (S(e) + S(1-e)) on [eps_min, 1/2].
        const double d_soft = test::ks_statistic(softer, [&](double e)
        {
            const double hi = annihilation.max_fraction();
            return (integrator.integrate(dcs, lo, e).value + integrator.integrate(dcs, 1 - e, hi).value) / sigma;
        });
        EXPECT_LT(d_soft, test::ks_critical_value_1percent(softer.size())) << t;
    }
}
