#include "umbra/physics/DecayPositionSampler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"
#include "umbra/core/RandomStream.hpp"

namespace umbra::physics
{
namespace
{
//! Gamma(k, 1) deviate, Marsaglia & Tsang, ACM TOMS 26 (2000) 363:
//! for k >= 1, d = k - 1/3, c = 1/sqrt(9 d); x ~ N(0,1), v = (1 + c x)^3 (v > 0);
//! accept d v if u < 1 - 0.0331 x^4 (squeeze) or ln u < x^2/2 + d (1 - v + ln v).
//! For k < 1 their boost: Gamma(k) = Gamma(k + 1) u^(1/k).
double standard_gamma(double shape, RandomStream& rng) noexcept
{
    if (shape < 1)
    {
        const double boosted = standard_gamma(shape + 1, rng);
        return boosted * std::pow(rng.uniform_open(), 1 / shape);
    }
    const double d = shape - 1.0 / 3;
    const double c = 1 / std::sqrt(9 * d);
    for (;;)
    {
        double x = 0;
        double v = 0;
        do
        {
            x = standard_normal(rng);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const double u = rng.uniform_open();
        const double x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2) return d * v;
        if (std::log(u) < 0.5 * x2 + d * (1 - v + std::log(v))) return d * v;
    }
}

//! Regularised lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a)
//! for a > 0, x >= 0, with log_gamma_a = ln Gamma(a). Numerical Recipes 3rd ed.
//! (Press et al. 2007) section 6.2: for x < a + 1 the series
//!   P = e^-x x^a / Gamma(a) sum_n x^n / (a (a+1) ... (a+n)),   [NR eq. 6.2.5]
//! otherwise Q = 1 - P from the continued fraction [NR eq. 6.2.7] evaluated by
//! the modified Lentz method [NR section 5.2].
double regularized_lower_gamma(double a, double x, double log_gamma_a) noexcept
{
    if (!(x > 0)) return 0;
    if (std::isinf(x)) return 1;
    constexpr double epsilon = std::numeric_limits<double>::epsilon();
    constexpr double tiny = std::numeric_limits<double>::min() / epsilon;
    constexpr int max_iterations = 100000;
    const double log_prefactor = -x + a * std::log(x) - log_gamma_a;
    if (x < a + 1)
    {
        double term = 1 / a;
        double sum = term;
        double ap = a;
        for (int n = 0; n < max_iterations; ++n)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (std::abs(term) < std::abs(sum) * epsilon) break;
        }
        return std::min(1.0, sum * std::exp(log_prefactor));
    }
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < max_iterations; ++i)
    {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::abs(d) < tiny) d = tiny;
        c = b + an / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1) < epsilon) break;
    }
    return std::max(0.0, 1 - std::exp(log_prefactor) * h);
}
}  // namespace

// ---------------------------------------------------------------------------
// UniformZSampler

void UniformZSampler::Config::validate() const
{
    if (!std::isfinite(z_min) || !std::isfinite(z_max))
        throw InputError(fmt::format(
            "uniform z sampler: window [{:g}, {:g}] mm is not finite (a uniform density needs "
            "finite bounds); give finite z_min and z_max in mm",
            z_min, z_max));
    if (!(z_max > z_min))
        throw InputError(fmt::format(
            "uniform z sampler: z_max {:g} mm is not above z_min {:g} mm (the decay window "
            "would be empty); choose z_max > z_min",
            z_max, z_min));
}

UniformZSampler::UniformZSampler(const Config& config) : config_(config)
{
    config_.validate();
}

double UniformZSampler::operator()(RandomStream& rng) const noexcept
{
    return rng.uniform(config_.z_min, config_.z_max);
}

double UniformZSampler::cdf(double z) const noexcept
{
    if (z <= config_.z_min) return 0;
    if (z >= config_.z_max) return 1;
    return (z - config_.z_min) / (config_.z_max - config_.z_min);
}

// ---------------------------------------------------------------------------
// TruncatedExponentialZSampler

void TruncatedExponentialZSampler::Config::validate() const
{
    constexpr std::string_view who = "truncated-exponential z sampler";
    if (!std::isfinite(decay_length_z) || !(decay_length_z > 0))
        throw InputError(fmt::format(
            "{}: decay_length_z {:g} mm is not a positive finite length (an exponential needs "
            "one); set it to the lab decay length times n_z, in mm",
            who, decay_length_z));
    if (!std::isfinite(z_start) || !std::isfinite(z_min))
        throw InputError(fmt::format(
            "{}: z_start {:g} mm or z_min {:g} mm is not finite (the window must begin at a "
            "finite point); give finite values in mm",
            who, z_start, z_min));
    if (!(z_start <= z_min))
        throw InputError(fmt::format(
            "{}: z_start {:g} mm is downstream of z_min {:g} mm (the decay window must start at "
            "or after the production point); choose z_start <= z_min",
            who, z_start, z_min));
    if (std::isnan(z_max) || !(z_max > z_min))
        throw InputError(fmt::format(
            "{}: z_max {:g} mm is not above z_min {:g} mm (the decay window would be empty); "
            "choose z_max > z_min, or +infinity for no truncation",
            who, z_max, z_min));
    if (!(-std::expm1(-(z_max - z_min) / decay_length_z) > 0))
        throw InputError(fmt::format(
            "{}: window length {:g} mm is negligible against decay_length_z {:g} mm (the "
            "truncated density is not representable); use the uniform sampler",
            who, z_max - z_min, decay_length_z));
}

TruncatedExponentialZSampler::TruncatedExponentialZSampler(const Config& config)
    : config_(config), window_fraction_(0)
{
    config_.validate();
    // 1 - exp(-(z_max - z_min)/Lz); exactly 1 for z_max = +infinity.
    window_fraction_ = -std::expm1(-(config_.z_max - config_.z_min) / config_.decay_length_z);
}

double TruncatedExponentialZSampler::operator()(RandomStream& rng) const noexcept
{
    // alp-physics.md section 2.5, z = z0 - Lz ln(e1 - u (e1 - e2)), rewritten
    // relative to z_min (e1 factored out): z = z_min - Lz ln(1 - u (1 - e2/e1)).
    const double u = rng.uniform();
    const double z = config_.z_min - config_.decay_length_z * std::log1p(-u * window_fraction_);
    return std::min(z, config_.z_max);
}

double TruncatedExponentialZSampler::cdf(double z) const noexcept
{
    if (z <= config_.z_min) return 0;
    if (z >= config_.z_max) return 1;
    // (e(z_min) - e(z)) / (e1 - e2) with e1 factored out, e(z) = exp(-(z - z0)/Lz)
    return std::min(1.0,
                    -std::expm1(-(z - config_.z_min) / config_.decay_length_z) / window_fraction_);
}

double TruncatedExponentialZSampler::window_probability() const noexcept
{
    // P = e1 - e2 = e1 (1 - e2/e1) (alp-physics.md section 2.5)
    return std::exp(-(config_.z_min - config_.z_start) / config_.decay_length_z) * window_fraction_;
}

double TruncatedExponentialZSampler::log_window_probability() const noexcept
{
    return -(config_.z_min - config_.z_start) / config_.decay_length_z + std::log(window_fraction_);
}

// ---------------------------------------------------------------------------
// GammaZSampler

void GammaZSampler::Config::validate() const
{
    constexpr std::string_view who = "gamma z sampler";
    if (!std::isfinite(shape) || !(shape > 0))
        throw InputError(fmt::format(
            "{}: shape {:g} is not a positive finite number (the Gamma density needs k > 0); "
            "use e.g. 2 as in the seed workflow",
            who, shape));
    if (!std::isfinite(scale) || !(scale > 0))
        throw InputError(fmt::format(
            "{}: scale {:g} mm is not a positive finite length (the Gamma density needs "
            "theta > 0); use e.g. 15 mm as in the seed workflow",
            who, scale));
    if (!std::isfinite(loc))
        throw InputError(fmt::format(
            "{}: loc {:g} mm is not finite (it is the start of the distribution); give a finite "
            "z in mm, e.g. 350 as in the seed workflow",
            who, loc));
}

GammaZSampler::GammaZSampler(const Config& config) : config_(config), log_gamma_shape_(0)
{
    config_.validate();
    // Cached once: std::lgamma may write the global signgam, so keep it out of cdf().
    log_gamma_shape_ = std::lgamma(config_.shape);
}

double GammaZSampler::operator()(RandomStream& rng) const noexcept
{
    // z = loc + scale * Gamma(k, 1) (scipy's loc/scale convention)
    return config_.loc + config_.scale * standard_gamma(config_.shape, rng);
}

double GammaZSampler::cdf(double z) const noexcept
{
    return regularized_lower_gamma(config_.shape, (z - config_.loc) / config_.scale,
                                   log_gamma_shape_);
}
}  // namespace umbra::physics
