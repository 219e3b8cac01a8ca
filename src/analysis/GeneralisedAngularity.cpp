#include "umbra/analysis/GeneralisedAngularity.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "umbra/analysis/detail/AngleKernels.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double power(double x, double exponent)
{
    if (exponent == 0) return 1;
    if (exponent == 1) return x;
    if (exponent == 2) return x * x;
    if (exponent == 0.5) return std::sqrt(x);
    return std::pow(x, exponent);
}
}  // namespace

GeneralisedAngularity::GeneralisedAngularity() : GeneralisedAngularity(Config{}) {}

GeneralisedAngularity::GeneralisedAngularity(Config config) : config_(config)
{
    const auto& c = config_;
    if (!(c.kappa >= 0) || !std::isfinite(c.kappa) || !(c.beta >= 0) || !std::isfinite(c.beta))
    {
        throw InputError(fmt::format("angularity: exponents κ = {}, β = {}; use finite κ ≥ 0 and β ≥ 0", c.kappa,
                                     c.beta));
    }
    if (!(c.radius > 0) || !std::isfinite(c.radius))
    {
        throw InputError(fmt::format("angularity: radius R = {} rad; use a finite R > 0 (the jet radius)", c.radius));
    }
}

double GeneralisedAngularity::operator()(const JetConstituents& jet, const Direction& axis) const
{
    if (jet.empty()) return nan;
    const double e_jet = jet.energy_sum();
    const auto e = jet.energy();
    const auto nx = jet.nx(), ny = jet.ny(), nz = jet.nz();
    double sum = 0;
    for (std::size_t i = 0; i < jet.size(); ++i)
    {
        const double z = e[i] / e_jet;
        const double weight = power(z, config_.kappa);
        if (config_.beta == 0)
        {
            sum += weight;
            continue;
        }
        const double theta = detail::angle_between_unit(nx[i], ny[i], nz[i], axis[0], axis[1], axis[2]);
        sum += weight * power(theta / config_.radius, config_.beta);
    }
    return sum;
}

double GeneralisedAngularity::width(const JetConstituents& jet, const Direction& axis)
{
    if (jet.empty()) return nan;
    const auto e = jet.energy();
    const auto nx = jet.nx(), ny = jet.ny(), nz = jet.nz();
    double sum = 0, sum_e = 0;
    for (std::size_t i = 0; i < jet.size(); ++i)
    {
        sum += e[i] * detail::angle_between_unit(nx[i], ny[i], nz[i], axis[0], axis[1], axis[2]);
        sum_e += e[i];
    }
    return sum / sum_e;
}
}  // namespace umbra::analysis
