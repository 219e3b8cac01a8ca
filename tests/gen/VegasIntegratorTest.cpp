#include "umbra/gen/VegasIntegrator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"

using namespace umbra;
using namespace umbra::gen;

namespace
{
using std::numbers::pi;

//! Normal density with mean mu and width sigma.
double gauss(double x, double mu, double sigma)
{
    const double t = (x - mu) / sigma;
    return std::exp(-0.5 * t * t) / (sigma * std::sqrt(2 * pi));
}

//! Integral of gauss(x, mu, sigma) over [0, 1].
double gauss_on_unit_interval(double mu, double sigma)
{
    return 0.5 * (std::erf((1 - mu) / (sigma * std::sqrt(2.0))) + std::erf(mu / (sigma * std::sqrt(2.0))));
}

//! Lepage 1978's Gaussian test integrand, f = (a sqrt(pi))^-d exp(-sum (x_i - 1/2)^2 / a^2);
//! its integral over [0,1]^d is erf(1/(2a))^d.
struct LepageGaussian
{
    double a = 0.1;
    double operator()(std::span<const double> x) const
    {
        double r2 = 0;
        for (const double v : x) r2 += (v - 0.5) * (v - 0.5);
        return std::pow(a * std::sqrt(pi), -static_cast<double>(x.size())) * std::exp(-r2 / (a * a));
    }
    double exact(int d) const { return std::pow(std::erf(0.5 / a), d); }
};

//! Plain Monte Carlo with the same number of calls: VEGAS on the frozen uniform grid.
VegasResult plain_monte_carlo(int dimensions, const VegasIntegrator::Integrand& f, std::uint64_t calls,
                              std::uint64_t seed)
{
    VegasIntegrator::Config config;
    config.alpha = 0;  // never refine: the identity map, jacobian 1
    config.warmup_iterations = 0;
    config.iterations = 1;
    config.calls_per_iteration = calls;
    config.seed = seed;
    VegasIntegrator plain(dimensions, config);
    return plain.integrate(f);
}
}  // namespace

// ---------------------------------------------------------------------------
// Grid map

TEST(VegasGrid, UniformGridIsTheIdentity)
{
    const VegasGrid grid(3, 50);
    EXPECT_EQ(grid.dimensions(), 3);
    EXPECT_EQ(grid.bins(), 50);
    ASSERT_EQ(grid.edges(2).size(), 51u);
    EXPECT_EQ(grid.edges(2).front(), 0.0);
    EXPECT_EQ(grid.edges(2).back(), 1.0);
    const std::array<double, 3> u{0.0, 0.123456, 0.999};
    std::array<double, 3> x{};
    const double jacobian = grid.map(u, x);
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(x[j], u[j], 1e-15);
    EXPECT_NEAR(jacobian, 1.0, 1e-13);
}

TEST(VegasGrid, MapFollowsTheEdges)
{
    // Two bins [0, 0.2) and [0.2, 1): u in [0, 1/2) is squeezed into the first,
    // jacobian 2 * 0.2 = 0.4; u in [1/2, 1) is stretched over the second, 2 * 0.8 = 1.6.
    const VegasGrid grid({{0.0, 0.2, 1.0}, {0.0, 0.5, 1.0}});
    std::array<double, 2> x{};
    double jacobian = grid.map(std::array{0.25, 0.75}, x);
    EXPECT_DOUBLE_EQ(x[0], 0.1);
    EXPECT_DOUBLE_EQ(x[1], 0.75);
    EXPECT_DOUBLE_EQ(jacobian, 0.4 * 1.0);
    jacobian = grid.map(std::array{0.75, 0.25}, x);
    EXPECT_DOUBLE_EQ(x[0], 0.6);
    EXPECT_DOUBLE_EQ(x[1], 0.25);
    EXPECT_DOUBLE_EQ(jacobian, 1.6 * 1.0);

    // In place, and the largest u below 1 stays below 1.
    std::array<double, 2> v{0.25, std::nextafter(1.0, 0.0)};
    jacobian = grid.map(v, v);
    EXPECT_DOUBLE_EQ(v[0], 0.1);
    EXPECT_LT(v[1], 1.0);
    EXPECT_DOUBLE_EQ(jacobian, 0.4);
}

TEST(VegasGrid, RejectsBadEdges)
{
    EXPECT_THROW(VegasGrid(0, 50), InputError);
    EXPECT_THROW(VegasGrid(2, 0), InputError);
    EXPECT_THROW(VegasGrid(std::vector<std::vector<double>>{}), InputError);
    EXPECT_THROW(VegasGrid(std::vector<std::vector<double>>{{0.0}}), InputError);                         // no bin
    EXPECT_THROW(VegasGrid({{0.1, 1.0}}), InputError);                     // not from 0
    EXPECT_THROW(VegasGrid({{0.0, 0.5}}), InputError);                     // not to 1
    EXPECT_THROW(VegasGrid({{0.0, 0.7, 0.3, 1.0}}), InputError);           // decreasing
    EXPECT_THROW(VegasGrid({{0.0, NAN, 1.0}}), InputError);                // not finite
    EXPECT_THROW(VegasGrid({{0.0, 0.5, 1.0}, {0.0, 1.0}}), InputError);    // bin counts differ
    EXPECT_NO_THROW(VegasGrid({{0.0, 0.5, 0.5, 1.0}}));                    // empty bin is allowed
}

// ---------------------------------------------------------------------------
// Integrals with known values

TEST(VegasIntegrator, SquareInOneDimension)
{
    // Integral of x^2 over [0, 1] = 1/3.
    VegasIntegrator vegas(1, {.seed = 11});
    const auto r = vegas.integrate([](std::span<const double> x) { return x[0] * x[0]; });
    EXPECT_NEAR(r.value, 1.0 / 3, 3 * r.error);
    // Plain MC with the same 1e5 calls: sqrt((1/5 - 1/9) / 1e5) = 9.4e-4. With
    // 50 bins VEGAS's per-call relative spread is ~0.1 (the first bin alone,
    // [0, 0.27), contributes 0.8 / 50 to the relative variance), i.e. ~1e-4 here.
    EXPECT_LT(r.error, 9.4e-4 / 5);
    EXPECT_GT(r.error, 0.0);
    EXPECT_LT(r.chi2_per_dof, 3.0);
    EXPECT_EQ(r.iterations, 10);
    EXPECT_EQ(r.per_iteration.size(), 10u);
    EXPECT_EQ(r.calls, 100000u);
    EXPECT_EQ(r.total_calls, 150000u);
}

TEST(VegasIntegrator, NarrowPeakInOneDimensionBeatsPlainMonteCarlo)
{
    // Normal density at 0.3 with sigma 0.01: integral over [0, 1] is
    // (erf(0.7/(0.01 sqrt 2)) + erf(0.3/(0.01 sqrt 2)))/2 = 1 - O(1e-197).
    const auto f = [](std::span<const double> x) { return gauss(x[0], 0.3, 0.01); };
    const double exact = gauss_on_unit_interval(0.3, 0.01);
    VegasIntegrator vegas(1, {.seed = 5});
    const auto r = vegas.integrate(f);
    EXPECT_NEAR(r.value, exact, 3 * r.error);
    EXPECT_LT(r.error / exact, 3e-3);  // 1.0e-3 to 2.1e-3 over seeds 1..100

    // Plain MC with all of VEGAS's calls (warm-up included): relative error
    // sqrt((1/(2 sqrt(pi) sigma) - 1)/N) = 5.2/sqrt(N) = 1.4e-2 for N = 1.5e5.
    const auto plain = plain_monte_carlo(1, f, r.total_calls, 5);
    EXPECT_NEAR(plain.value, exact, 4 * plain.error);
    EXPECT_GT(plain.error, 5 * r.error);

    // The grid has concentrated its bins around the peak: most of them
    // inside 0.3 +- 3 sigma (6 % of the interval; 44 to 47 over seeds 1..100).
    const auto edges = vegas.grid().edges(0);
    int inside = 0;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i)
        if (edges[i] >= 0.27 && edges[i + 1] <= 0.33) ++inside;
    EXPECT_GT(inside, 35);
}

TEST(VegasIntegrator, LepageGaussianInFourDimensions)
{
    // Integral erf(5)^4 = 1 - 6e-12.
    const LepageGaussian f{0.1};
    VegasIntegrator vegas(4, {.calls_per_iteration = 20000, .seed = 3});
    const auto r = vegas.integrate(f);
    EXPECT_NEAR(r.value, f.exact(4), 3 * r.error);
    EXPECT_LT(r.error, 2e-3);  // ~1.1e-3; plain MC ~27x larger
    EXPECT_LT(r.chi2_per_dof, 3.0);
    const auto plain = plain_monte_carlo(4, f, r.total_calls, 3);
    EXPECT_GT(plain.error, 5 * r.error);
}

TEST(VegasIntegrator, SeparableDoublePeaksInSixDimensions)
{
    // prod_j [gauss(x_j; 1/3, 0.05) + gauss(x_j; 2/3, 0.05)] / 2: 2^6 = 64 peaks,
    // integral [gauss_on_unit_interval(1/3, 0.05)]^6 (both peaks integrate alike)
    // = 1 - O(1e-11).
    const auto f = [](std::span<const double> x) {
        double p = 1;
        for (const double v : x) p *= 0.5 * (gauss(v, 1.0 / 3, 0.05) + gauss(v, 2.0 / 3, 0.05));
        return p;
    };
    const double exact = std::pow(gauss_on_unit_interval(1.0 / 3, 0.05), 6);
    VegasIntegrator vegas(6, {.calls_per_iteration = 20000, .seed = 8});
    const auto r = vegas.integrate(f);
    EXPECT_NEAR(r.value, exact, 3 * r.error);
    EXPECT_LT(r.error, 3e-3);  // ~1.7e-3; plain MC ~25x larger
    EXPECT_LT(r.chi2_per_dof, 3.0);
    const auto plain = plain_monte_carlo(6, f, r.total_calls, 8);
    EXPECT_GT(plain.error, 5 * r.error);
}

TEST(VegasIntegrator, SmoothProductInEightDimensions)
{
    // prod_j (pi/2) sin(pi x_j) integrates to exactly 1.
    const auto f = [](std::span<const double> x) {
        double p = 1;
        for (const double v : x) p *= 0.5 * pi * std::sin(pi * v);
        return p;
    };
    VegasIntegrator vegas(8, {.calls_per_iteration = 10000, .warmup_iterations = 4, .iterations = 8, .seed = 2});
    const auto r = vegas.integrate(f);
    EXPECT_NEAR(r.value, 1.0, 3 * r.error);
    EXPECT_LT(r.error, 2e-3);  // ~1.1e-3
    EXPECT_LT(r.chi2_per_dof, 3.0);
}

TEST(VegasIntegrator, ContinuedAdaptationAlsoConverges)
{
    // Same 4-D Gaussian, the grid refined between accumulated iterations too.
    const LepageGaussian f{0.1};
    VegasIntegrator vegas(4, {.calls_per_iteration = 20000, .adaptation = GridAdaptation::all_iterations, .seed = 4});
    const auto r = vegas.integrate(f);
    EXPECT_NEAR(r.value, f.exact(4), 3 * r.error);
    EXPECT_LT(r.error, 3e-3);
    EXPECT_LT(r.chi2_per_dof, 3.0);
}

TEST(VegasIntegrator, ConstantAndZeroIntegrands)
{
    // Constant 2: every weight is 2 up to the rounding of the jacobian.
    VegasIntegrator constant(3, {.calls_per_iteration = 2000, .seed = 1});
    const auto c = constant.integrate([](std::span<const double>) { return 2.0; });
    EXPECT_NEAR(c.value, 2.0, 1e-12);
    EXPECT_LT(c.error, 1e-12);
    // Zero: no information to adapt on; the grid stays uniform, the result is an exact 0.
    VegasIntegrator zero(3, {.calls_per_iteration = 2000, .seed = 1});
    const auto z = zero.integrate([](std::span<const double>) { return 0.0; });
    EXPECT_EQ(z.value, 0.0);
    EXPECT_EQ(z.error, 0.0);
    EXPECT_EQ(zero.grid(), VegasGrid(3, 50));
}

// ---------------------------------------------------------------------------
// Statistical honesty

TEST(VegasIntegrator, ErrorCoversTheTruthAboutTwoThirdsOfTheTime)
{
    // 2-D Gaussian of width a = 0.2, integral erf(2.5)^2. For 50 independent
    // seeds |value - exact| < error should hold with probability 68.3 %
    // (binomial sigma 6.6 %), and chi2/dof should average 1.
    const LepageGaussian f{0.2};
    const double exact = f.exact(2);
    int covered = 0;
    double chi2_sum = 0;
    const int runs = 50;
    for (int seed = 1; seed <= runs; ++seed)
    {
        VegasIntegrator vegas(2, {.calls_per_iteration = 2000, .warmup_iterations = 4, .iterations = 6,
                                  .seed = static_cast<std::uint64_t>(seed)});
        const auto r = vegas.integrate(f);
        if (std::abs(r.value - exact) < r.error) ++covered;
        chi2_sum += r.chi2_per_dof;
    }
    const double fraction = static_cast<double>(covered) / runs;
    EXPECT_GT(fraction, 0.50);
    EXPECT_LT(fraction, 0.85);
    // Mean of 50 chi2/dof with 5 dof: 1 +- sqrt(2/5/50) = 1 +- 0.09.
    EXPECT_NEAR(chi2_sum / runs, 1.0, 0.35);
}

// ---------------------------------------------------------------------------
// Reproducibility

TEST(VegasIntegrator, ResultsDoNotDependOnThreads)
{
    const LepageGaussian f{0.1};
    // 70000 calls = 68 full chunks and a partial one, more than one synchronisation wave.
    VegasIntegrator::Config config{.calls_per_iteration = 70000, .warmup_iterations = 2, .iterations = 2, .seed = 9};
    VegasIntegrator one(4, config);
    const auto r1 = one.integrate(f);
    for (const unsigned threads : {2u, 3u})
    {
        config.threads = threads;
        VegasIntegrator many(4, config);
        const auto r = many.integrate(f);
        EXPECT_EQ(r.value, r1.value) << threads << " threads";
        EXPECT_EQ(r.error, r1.error) << threads << " threads";
        EXPECT_EQ(r.chi2_per_dof, r1.chi2_per_dof) << threads << " threads";
        EXPECT_EQ(many.grid(), one.grid()) << threads << " threads";
    }
}

TEST(VegasIntegrator, SameSeedSameResultOtherSeedOtherResult)
{
    const LepageGaussian f{0.1};
    VegasIntegrator::Config config{.calls_per_iteration = 5000, .warmup_iterations = 2, .iterations = 3, .seed = 21};
    VegasIntegrator a(4, config);
    VegasIntegrator b(4, config);
    const auto ra = a.integrate(f);
    const auto rb = b.integrate(f);
    EXPECT_EQ(ra.value, rb.value);
    EXPECT_EQ(ra.error, rb.error);
    EXPECT_EQ(a.grid(), b.grid());

    config.seed = 22;
    VegasIntegrator c(4, config);
    const auto rc = c.integrate(f);
    EXPECT_NE(rc.value, ra.value);
    EXPECT_NE(c.grid(), a.grid());

    // A second integrate() continues with fresh random numbers.
    const auto ra2 = a.integrate(f);
    EXPECT_NE(ra2.value, ra.value);
}

// ---------------------------------------------------------------------------
// Sampling from the adapted grid

TEST(VegasIntegrator, FrozenGridSamplesTheIntegral)
{
    const LepageGaussian f{0.1};
    VegasIntegrator vegas(4, {.calls_per_iteration = 20000, .seed = 13});
    const auto adapted = vegas.integrate(f);
    const VegasGrid grid = vegas.grid();

    // E[f(x) J] over u ~ U[0,1)^4 is the integral, erf(5)^4.
    RandomStream rng({13, StreamId::test, 0});
    const int n = 100000;
    std::array<double, 4> x{};
    double sum = 0;
    double sum2 = 0;
    bool positive = true;
    bool inside = true;
    for (int k = 0; k < n; ++k)
    {
        const double jacobian = grid.sample(rng, x);
        positive = positive && jacobian > 0;
        for (const double v : x) inside = inside && v >= 0 && v < 1;
        const double w = f(x) * jacobian;
        sum += w;
        sum2 += w * w;
    }
    EXPECT_TRUE(positive);
    EXPECT_TRUE(inside);
    const double mean = sum / n;
    const double error = std::sqrt((sum2 / n - mean * mean) / (n - 1));
    EXPECT_NEAR(mean, f.exact(4), 3 * error);
    // Same efficiency as the integrator's own iterations on that grid:
    // error per call scales as 1/sqrt(calls).
    const double per_call_vegas = adapted.error * std::sqrt(static_cast<double>(adapted.calls));
    const double per_call_sampled = error * std::sqrt(static_cast<double>(n));
    EXPECT_NEAR(per_call_sampled / per_call_vegas, 1.0, 0.2);

    // An integrator built on the frozen grid without warm-up keeps it unchanged.
    VegasIntegrator frozen(grid, {.warmup_iterations = 0, .iterations = 3, .seed = 14});
    const auto r = frozen.integrate(f);
    EXPECT_EQ(frozen.grid(), grid);
    EXPECT_NEAR(r.value, f.exact(4), 3 * r.error);
}

// ---------------------------------------------------------------------------
// Bad input

TEST(VegasIntegrator, RejectsNonsenseConfig)
{
    const auto make = [](VegasIntegrator::Config config) { return VegasIntegrator(2, config); };
    EXPECT_THROW(make({.bins = 0}), InputError);
    EXPECT_THROW(make({.alpha = -0.5}), InputError);
    EXPECT_THROW(make({.alpha = NAN}), InputError);
    EXPECT_THROW(make({.alpha = INFINITY}), InputError);
    EXPECT_THROW(make({.calls_per_iteration = 1}), InputError);
    EXPECT_THROW(make({.calls_per_iteration = std::uint64_t{1} << 41}), InputError);
    EXPECT_THROW(make({.warmup_iterations = -1}), InputError);
    EXPECT_THROW(make({.iterations = 0}), InputError);
    EXPECT_THROW(make({.threads = 0}), InputError);
    EXPECT_THROW(make({.adaptation = static_cast<GridAdaptation>(7)}), InputError);
    EXPECT_THROW(VegasIntegrator(0, {}), InputError);
    EXPECT_THROW(VegasIntegrator(VegasGrid(2, 30), {}), InputError);  // bins mismatch
    EXPECT_NO_THROW(VegasIntegrator(VegasGrid(2, 30), {.bins = 30}));
    EXPECT_NO_THROW(make({}));
}

TEST(VegasIntegrator, ReportsBadIntegrands)
{
    VegasIntegrator vegas(2, {.calls_per_iteration = 5000, .threads = 2});
    // Non-finite values are user errors.
    EXPECT_THROW(vegas.integrate([](std::span<const double> x) { return x[0] > 0.9 ? NAN : 1.0; }),
                 InputError);
    EXPECT_THROW(vegas.integrate([](std::span<const double> x) { return 1 / (x[0] - x[0]); }), InputError);
    // The integrand's own exceptions pass through, from any thread.
    EXPECT_THROW(vegas.integrate([](std::span<const double> x) -> double {
        if (x[1] > 0.99) throw std::domain_error("outside");
        return 1;
    }),
                 std::domain_error);
    EXPECT_THROW(vegas.integrate(VegasIntegrator::Integrand{}), InputError);
}
