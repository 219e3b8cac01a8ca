#include "umbra/physics/DecayPositionSampler.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "physics/KolmogorovSmirnov.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::physics;
using umbra::test::draw;
using umbra::test::ks_critical_value_1percent;
using umbra::test::ks_statistic;
using units::mm;

namespace
{
constexpr std::size_t sample_size = 20000;
constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

RandomStream make_rng(std::uint64_t event = 0)
{
    return RandomStream({.seed = 12345, .stream = StreamId::test, .event = event});
}

//! KS test of `sampler` against its own cdf() at a fixed seed; returns the samples.
template <class Sampler>
std::vector<double> expect_matches_cdf(const Sampler& sampler, std::uint64_t event = 0)
{
    auto rng = make_rng(event);
    auto samples = draw(sampler, rng, sample_size);
    const double d = ks_statistic(samples, [&](double z) { return sampler.cdf(z); });
    EXPECT_LT(d, ks_critical_value_1percent(sample_size));
    return samples;
}

//! Same key, same sequence; different event, different sequence.
template <class Sampler>
void expect_deterministic(const Sampler& sampler)
{
    auto a = make_rng(7);
    auto b = make_rng(7);
    auto c = make_rng(8);
    const auto first = draw(sampler, a, 1000);
    EXPECT_EQ(first, draw(sampler, b, 1000));
    EXPECT_NE(first, draw(sampler, c, 1000));
}

double mean(const std::vector<double>& x)
{
    return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double variance(const std::vector<double>& x)
{
    const double m = mean(x);
    double sum = 0;
    for (double v : x) sum += (v - m) * (v - m);
    return sum / static_cast<double>(x.size() - 1);
}
}  // namespace

// ---------------------------------------------------------------------------
// UniformZSampler

TEST(UniformZSampler, MatchesCdfAndStaysInWindow)
{
    const UniformZSampler sampler({.z_min = 200 * mm, .z_max = 2000 * mm});
    const auto samples = expect_matches_cdf(sampler);
    for (double z : samples)
    {
        ASSERT_GE(z, 200 * mm);
        ASSERT_LT(z, 2000 * mm);
    }
    EXPECT_DOUBLE_EQ(sampler.cdf(1100 * mm), 0.5);
    EXPECT_EQ(sampler.cdf(0), 0);
    EXPECT_EQ(sampler.cdf(3000 * mm), 1);
    expect_deterministic(sampler);
}

TEST(UniformZSampler, DefaultsAreTheSeedWindow)
{
    const UniformZSampler sampler(UniformZSampler::Config{});
    EXPECT_EQ(sampler.config().z_min, 200 * mm);
    EXPECT_EQ(sampler.config().z_max, 2000 * mm);
}

TEST(UniformZSampler, InvalidConfigThrows)
{
    using Config = UniformZSampler::Config;
    EXPECT_THROW(UniformZSampler(Config{.z_min = 200, .z_max = 200}), InputError);
    EXPECT_THROW(UniformZSampler(Config{.z_min = 2000, .z_max = 200}), InputError);
    EXPECT_THROW(UniformZSampler(Config{.z_min = 200, .z_max = infinity}), InputError);
    EXPECT_THROW(UniformZSampler(Config{.z_min = not_a_number, .z_max = 2000}), InputError);
    EXPECT_THROW(UniformZSampler(Config{.z_min = 200, .z_max = not_a_number}), InputError);
}

// ---------------------------------------------------------------------------
// TruncatedExponentialZSampler

TEST(TruncatedExponentialZSampler, WindowNearTheStart)
{
    // L_z = 159 mm (g = 1e-5, m = 50 MeV, 8 GeV; alp-physics.md 2.3), window 200..2000 mm.
    const TruncatedExponentialZSampler sampler(
        {.z_start = 0, .decay_length_z = 159 * mm, .z_min = 200 * mm, .z_max = 2000 * mm});
    const auto samples = expect_matches_cdf(sampler);
    for (double z : samples)
    {
        ASSERT_GE(z, 200 * mm);
        ASSERT_LE(z, 2000 * mm);
    }
    // P = e1 - e2 (alp-physics.md 2.5), here safely computable directly
    const double e1 = std::exp(-200.0 / 159);
    const double e2 = std::exp(-2000.0 / 159);
    EXPECT_NEAR(sampler.window_probability(), e1 - e2, 1e-15);
    EXPECT_NEAR(sampler.log_window_probability(), std::log(e1 - e2), 1e-13);
    // The section 2.5 CDF form (e1 - e(z)) / (e1 - e2) agrees with cdf().
    for (double z : {250.0, 500.0, 1000.0, 1999.0})
        EXPECT_NEAR(sampler.cdf(z), (e1 - std::exp(-z / 159)) / (e1 - e2), 1e-13);
    expect_deterministic(sampler);
}

TEST(TruncatedExponentialZSampler, FarWindow)
{
    // Window 200..2000 mm, 20 decay lengths downstream of the start (Lz = 10 mm,
    // as the seed's hard-coded exponential): the conditional density is exp(-(z-200)/10).
    const TruncatedExponentialZSampler sampler(
        {.z_start = 0, .decay_length_z = 10 * mm, .z_min = 200 * mm, .z_max = 2000 * mm});
    const auto samples = expect_matches_cdf(sampler);
    for (double z : samples)
    {
        ASSERT_GE(z, 200 * mm);
        ASSERT_LE(z, 2000 * mm);
    }
    // Mean of an exponential truncated 180 lengths out is z_min + Lz to double precision;
    // the standard error of the sample mean is Lz / sqrt(n) = 0.07 mm.
    EXPECT_NEAR(mean(samples), 210 * mm, 5 * 10 / std::sqrt(double(sample_size)));
    EXPECT_NEAR(sampler.window_probability() / std::exp(-20.0), 1.0, 1e-12);
    EXPECT_NEAR(sampler.log_window_probability(), -20.0, 1e-12);
}

TEST(TruncatedExponentialZSampler, WindowWhereProbabilityUnderflows)
{
    // 1000 decay lengths downstream: e1 = exp(-1000) underflows to 0, so the
    // section 2.5 formula ln(e1 - u (e1 - e2)) would be ln(0). The sampler still
    // gives the right shape; the probability underflows, its logarithm does not.
    const TruncatedExponentialZSampler sampler(
        {.z_start = 0, .decay_length_z = 10 * mm, .z_min = 10000 * mm, .z_max = 10050 * mm});
    ASSERT_EQ(std::exp(-1000.0), 0.0);
    const auto samples = expect_matches_cdf(sampler);
    for (double z : samples)
    {
        ASSERT_TRUE(std::isfinite(z));
        ASSERT_GE(z, 10000 * mm);
        ASSERT_LE(z, 10050 * mm);
    }
    EXPECT_EQ(sampler.window_probability(), 0.0);
    EXPECT_NEAR(sampler.log_window_probability(), -1000 + std::log1p(-std::exp(-5.0)), 1e-12);
}

TEST(TruncatedExponentialZSampler, UntruncatedFromStart)
{
    // z_min = z_start, z_max = +infinity: a plain exponential, mean z_start + Lz, variance Lz^2.
    const TruncatedExponentialZSampler sampler(
        {.z_start = 5 * mm, .decay_length_z = 40 * mm, .z_min = 5 * mm, .z_max = infinity});
    const auto samples = expect_matches_cdf(sampler);
    for (double z : samples) ASSERT_TRUE(std::isfinite(z) && z >= 5 * mm);
    const double standard_error = 40 / std::sqrt(double(sample_size));
    EXPECT_NEAR(mean(samples), 45 * mm, 4 * standard_error);
    EXPECT_NEAR(std::sqrt(variance(samples)), 40 * mm, 0.05 * 40);
    EXPECT_EQ(sampler.window_probability(), 1.0);
    EXPECT_EQ(sampler.log_window_probability(), 0.0);
    EXPECT_NEAR(sampler.cdf(45 * mm), 1 - std::exp(-1.0), 1e-15);
    expect_deterministic(sampler);
}

TEST(TruncatedExponentialZSampler, ShortWindowIsNearlyUniform)
{
    // Window of 1e-6 decay lengths: no cancellation in 1 - exp(-w), cdf ~ linear.
    const TruncatedExponentialZSampler sampler(
        {.z_start = 0, .decay_length_z = 1e6 * mm, .z_min = 200 * mm, .z_max = 201 * mm});
    EXPECT_NEAR(sampler.cdf(200.5 * mm), 0.5, 1e-6);
    EXPECT_NEAR(sampler.window_probability(), std::exp(-2e-4) * -std::expm1(-1e-6), 1e-20);
    expect_matches_cdf(sampler);
}

TEST(TruncatedExponentialZSampler, InvalidConfigThrows)
{
    using Config = TruncatedExponentialZSampler::Config;
    const Config good{.z_start = 0, .decay_length_z = 10, .z_min = 200, .z_max = 2000};
    EXPECT_NO_THROW(TruncatedExponentialZSampler{good});
    auto with = [&](auto change)
    {
        Config c = good;
        change(c);
        return c;
    };
    EXPECT_THROW(TruncatedExponentialZSampler(Config{}), InputError);  // no decay length set
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.decay_length_z = 0; })),
                 InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.decay_length_z = -10; })),
                 InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.decay_length_z = infinity; })),
                 InputError);
    EXPECT_THROW(
        TruncatedExponentialZSampler(with([](Config& c) { c.decay_length_z = not_a_number; })),
        InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.z_max = 200; })), InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.z_max = 100; })), InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.z_max = not_a_number; })),
                 InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.z_start = 300; })),
                 InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.z_start = -infinity; })),
                 InputError);
    EXPECT_THROW(TruncatedExponentialZSampler(with([](Config& c) { c.z_min = not_a_number; })),
                 InputError);
    // window / Lz = 1e-330 underflows: the truncated density is not representable
    EXPECT_THROW(TruncatedExponentialZSampler(with(
                     [](Config& c)
                     {
                         c.z_min = 0;
                         c.z_max = 1e-300;
                         c.decay_length_z = 1e30;
                     })),
                 InputError);
}

// ---------------------------------------------------------------------------
// GammaZSampler

TEST(GammaZSampler, SeedShapeMatchesCdfAndMoments)
{
    // scipy gamma.rvs(2, loc=350, scale=15) of the seed's alp_lhe_parser_gamma_z.py.
    const GammaZSampler sampler({.shape = 2, .loc = 350 * mm, .scale = 15 * mm});
    const auto samples = expect_matches_cdf(sampler);
    for (double z : samples) ASSERT_GE(z, 350 * mm);
    // mean loc + k theta = 380 mm, variance k theta^2 = 450 mm^2. Standard error of
    // the mean sqrt(450/n) = 0.15 mm; of the variance ~ sqrt((mu4 - s^4)/n) with
    // excess kurtosis 6/k = 3: sqrt(450^2 (2 + 3)/n) = 7.1 mm^2.
    EXPECT_NEAR(mean(samples), 380 * mm, 4 * std::sqrt(450.0 / double(sample_size)));
    EXPECT_NEAR(variance(samples), 450 * mm * mm, 4 * 450 * std::sqrt(5.0 / double(sample_size)));
    expect_deterministic(sampler);
}

TEST(GammaZSampler, DefaultsAreTheSeedShape)
{
    const GammaZSampler sampler(GammaZSampler::Config{});
    EXPECT_EQ(sampler.config().shape, 2);
    EXPECT_EQ(sampler.config().loc, 350 * mm);
    EXPECT_EQ(sampler.config().scale, 15 * mm);
}

TEST(GammaZSampler, OtherShapesMatchCdfAndMoments)
{
    // k < 1 exercises the u^(1/k) boost, k = 1 the exponential, large k the normal-like regime.
    std::uint64_t event = 100;
    for (double shape : {0.3, 0.5, 1.0, 2.5, 7.0, 60.0})
    {
        SCOPED_TRACE(shape);
        const double scale = 3;
        const GammaZSampler sampler({.shape = shape, .loc = -10, .scale = scale});
        const auto samples = expect_matches_cdf(sampler, event++);
        const double n = double(sample_size);
        const double var = shape * scale * scale;
        EXPECT_NEAR(mean(samples), -10 + shape * scale, 4 * std::sqrt(var / n));
        // variance standard error sqrt(var^2 (2 + 6/k) / n)
        EXPECT_NEAR(variance(samples), var, 4 * var * std::sqrt((2 + 6 / shape) / n));
    }
}

TEST(GammaZSampler, CdfAgainstClosedForms)
{
    // Integer k: P(k, x) = 1 - e^-x sum_{n<k} x^n / n!  (Erlang distribution).
    // k = 1/2: P = erf(sqrt x);  k = 3/2: P = erf(sqrt x) - 2 sqrt(x/pi) e^-x.
    // x values straddle x = k + 1, where the code switches from series to continued fraction.
    const double pi = std::acos(-1.0);
    for (double x : {1e-8, 0.01, 0.3, 1.0, 2.0, 2.9, 3.1, 5.0, 10.0, 30.0, 80.0})
    {
        SCOPED_TRACE(x);
        for (int k : {1, 2, 3, 5, 10})
        {
            double term = 1;
            double sum = 0;
            for (int n = 0; n < k; ++n)
            {
                sum += term;
                term *= x / (n + 1);
            }
            const double expected = -std::expm1(-x) - std::exp(-x) * (sum - 1);
            const GammaZSampler sampler({.shape = double(k), .loc = 0, .scale = 1});
            EXPECT_NEAR(sampler.cdf(x), expected, 1e-13) << "k = " << k;
        }
        const GammaZSampler half({.shape = 0.5, .loc = 0, .scale = 1});
        EXPECT_NEAR(half.cdf(x), std::erf(std::sqrt(x)), 1e-13);
        const GammaZSampler three_halves({.shape = 1.5, .loc = 0, .scale = 1});
        EXPECT_NEAR(three_halves.cdf(x),
                    std::erf(std::sqrt(x)) - 2 * std::sqrt(x / pi) * std::exp(-x), 1e-13);
    }
    // loc/scale: the seed shape, median of Gamma(2) is 1.678346990016661 (solves
    // 1 - e^-x (1 + x) = 1/2), i.e. z = 350 + 15 * 1.678347 mm.
    const GammaZSampler seed({.shape = 2, .loc = 350, .scale = 15});
    EXPECT_NEAR(seed.cdf(350 + 15 * 1.678346990016661), 0.5, 1e-13);
    EXPECT_EQ(seed.cdf(350), 0);
    EXPECT_EQ(seed.cdf(-1e9), 0);
    EXPECT_EQ(seed.cdf(infinity), 1);
    EXPECT_NEAR(seed.cdf(1e6), 1.0, 1e-15);
}

TEST(GammaZSampler, InvalidConfigThrows)
{
    using Config = GammaZSampler::Config;
    EXPECT_THROW(GammaZSampler(Config{.shape = 0, .loc = 350, .scale = 15}), InputError);
    EXPECT_THROW(GammaZSampler(Config{.shape = -2, .loc = 350, .scale = 15}), InputError);
    EXPECT_THROW(GammaZSampler(Config{.shape = not_a_number, .loc = 350, .scale = 15}), InputError);
    EXPECT_THROW(GammaZSampler(Config{.shape = infinity, .loc = 350, .scale = 15}), InputError);
    EXPECT_THROW(GammaZSampler(Config{.shape = 2, .loc = 350, .scale = 0}), InputError);
    EXPECT_THROW(GammaZSampler(Config{.shape = 2, .loc = 350, .scale = -15}), InputError);
    EXPECT_THROW(GammaZSampler(Config{.shape = 2, .loc = not_a_number, .scale = 15}), InputError);
    EXPECT_THROW(GammaZSampler(Config{.shape = 2, .loc = infinity, .scale = 15}), InputError);
}

TEST(KolmogorovSmirnov, DetectsAWrongDistribution)
{
    // Negative control for the helper: Gamma(2, 350, 15) samples against a 3 %
    // wider scale give D ~ 0.026, well above the 1 % critical value 0.0115.
    const GammaZSampler sampler({.shape = 2, .loc = 350 * mm, .scale = 15 * mm});
    const GammaZSampler wrong({.shape = 2, .loc = 350 * mm, .scale = 15.5 * mm});
    auto rng = make_rng();
    const auto samples = draw(sampler, rng, sample_size);
    EXPECT_GT(ks_statistic(samples, [&](double z) { return wrong.cdf(z); }),
              ks_critical_value_1percent(sample_size));
}
