#include "umbra/sim/PositronAnnihilation.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::sim
{
namespace
{
using constants::electron_mass;
using constants::pi;

//! pi r_e^2 (r_e = alpha hbar c / m c^2) [mm^2].
constexpr double pi_re2 = pi * (constants::alpha * constants::hbar_c / electron_mass) *
                          (constants::alpha * constants::hbar_c / electron_mass);

ThreeVector isotropic_direction(RandomStream& rng) noexcept
{
    const double cos_theta = 2.0 * rng.uniform() - 1.0;
    const double sin_theta = std::sqrt((1.0 - cos_theta) * (1.0 + cos_theta));
    const double phi = 2.0 * pi * rng.uniform();
    return {sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta};
}
}  // namespace

double heitler_cross_section(double kinetic_energy) noexcept
{
    // Heitler (1954); PRM "Positron annihilation"; G4eeToTwoGammaModel.
    const double tau = std::max(kinetic_energy, 1.0 * units::eV) / electron_mass;
    const double gamma = tau + 1.0;
    const double bg2 = tau * (tau + 2.0);  // (beta gamma)^2 = gamma^2 - 1
    const double bg = std::sqrt(bg2);
    return pi_re2 * ((gamma * gamma + 4.0 * gamma + 1.0) * std::log(gamma + bg) - (gamma + 3.0) * bg) /
           (bg2 * (gamma + 1.0));
}

PositronAnnihilation::PositronAnnihilation(double kinetic_energy) : kinetic_energy_(kinetic_energy)
{
    if (!(kinetic_energy >= 0))
    {
        throw InputError("positron annihilation: kinetic energy " + std::to_string(kinetic_energy) +
                         " MeV is negative (a positron at rest has T = 0) pass T >= 0");
    }
    const double tau = kinetic_energy / electron_mass;
    gamma_ = tau + 1.0;
    const double half_width = 0.5 * std::sqrt(tau / (tau + 2.0));
    min_fraction_ = 0.5 - half_width;
    max_fraction_ = 0.5 + half_width;
}

double PositronAnnihilation::differential_cross_section(double eps) const noexcept
{
    if (!(kinetic_energy_ > 0) || eps < min_fraction_ || eps > max_fraction_) return 0.0;
    const double g = gamma_;
    const double s = -(g + 1.0) * (g + 1.0) + (g * g + 4.0 * g + 1.0) / eps - 1.0 / (eps * eps);
    return pi_re2 * s / ((g + 1.0) * (g * g - 1.0));
}

std::array<AnnihilationPhoton, 2> PositronAnnihilation::sample_at_rest(RandomStream& rng) noexcept
{
    const ThreeVector direction = isotropic_direction(rng);
    return {AnnihilationPhoton{electron_mass, direction}, AnnihilationPhoton{electron_mass, -direction}};
}

std::array<AnnihilationPhoton, 2> PositronAnnihilation::sample(const ThreeVector& direction,
                                                               RandomStream& rng) const noexcept
{
    if (!(kinetic_energy_ > 0)) return sample_at_rest(rng);
    const double tau = kinetic_energy_ / electron_mass;
    const double tau2 = tau + 2.0;  // gamma + 1
    const double log_ratio = std::log(max_fraction_ / min_fraction_);
    // G4eeToTwoGammaModel::SampleSecondaries: eps ~ 1/eps, rejection g(eps) <= 1.
    double eps = 0;
    double g = 0;
    do
    {
        eps = min_fraction_ * std::exp(log_ratio * rng.uniform());
        g = 1.0 - eps + (2.0 * gamma_ * eps - 1.0) / (eps * tau2 * tau2);
    } while (g < rng.uniform());

    const double cos_theta = std::clamp((eps * tau2 - 1.0) / (eps * std::sqrt(tau * tau2)), -1.0, 1.0);
    const double sin_theta = std::sqrt((1.0 + cos_theta) * (1.0 - cos_theta));
    const double phi = 2.0 * pi * rng.uniform();
    const double available = kinetic_energy_ + 2.0 * electron_mass;
    std::array<AnnihilationPhoton, 2> out;
    out[0].energy = eps * available;
    out[0].direction =
        rotate_to_frame({sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta}, direction);
    out[1].energy = (1.0 - eps) * available;
    const double momentum = std::sqrt(kinetic_energy_ * (kinetic_energy_ + 2.0 * electron_mass));
    out[1].direction = (momentum * direction - out[0].energy * out[0].direction).unit();
    return out;
}
}  // namespace umbra::sim
