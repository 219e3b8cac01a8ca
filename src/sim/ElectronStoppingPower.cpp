#include "umbra/sim/ElectronStoppingPower.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::sim
{
namespace
{
constexpr double mass = constants::electron_mass;
//! Classical electron radius r_e = alpha hbar c / (m_e c^2) [mm].
constexpr double classical_electron_radius = constants::alpha * constants::hbar_c / constants::electron_mass;
//! 2 pi m c^2 r_e^2 [MeV mm^2] (CLHEP twopi_mc2_rcl2).
constexpr double two_pi_mc2_re2 = 2.0 * constants::pi * mass * classical_electron_radius * classical_electron_radius;
}  // namespace

double ElectronStoppingPower::max_energy_transfer(double kinetic_energy, Charge charge) noexcept
{
    return charge == Charge::electron ? 0.5 * kinetic_energy : kinetic_energy;
}

double ElectronStoppingPower::dedx(const geometry::Material& material, double kinetic_energy, Charge charge) const
{
    return dedx(material, kinetic_energy, std::numeric_limits<double>::max(), charge);
}

double ElectronStoppingPower::dedx(const geometry::Material& material, double kinetic_energy, double cut_energy,
                                   Charge charge) const
{
    if (!(kinetic_energy > 0)) return 0.0;
    // G4MollerBhabhaModel: evaluate at T >= T_th = 0.25 sqrt(Zeff) keV, extrapolate below.
    const double threshold = 0.25 * std::sqrt(material.mean_atomic_number()) * units::keV;
    const double t = std::max(kinetic_energy, threshold);

    const double tau = t / mass;
    const double gamma = tau + 1.0;
    const double gamma2 = gamma * gamma;
    const double bg2 = tau * (tau + 2.0);
    const double beta2 = bg2 / gamma2;
    const double i_over_m = material.mean_excitation_energy() / mass;
    const double d = std::min(cut_energy, max_energy_transfer(t, charge)) / mass;

    double bracket = 0;
    if (charge == Charge::electron)
    {
        bracket = std::log(2.0 * (tau + 2.0) / (i_over_m * i_over_m)) - 1.0 - beta2 + std::log((tau - d) * d) +
                  tau / (tau - d) + (0.5 * d * d + (2.0 * tau + 1.0) * std::log(1.0 - d / tau)) / gamma2;
    }
    else
    {
        const double d2 = 0.5 * d * d;
        const double d3 = d2 * d / 1.5;
        const double d4 = d3 * d * 0.75;
        const double y = 1.0 / (1.0 + gamma);
        bracket = std::log(2.0 * (tau + 2.0) / (i_over_m * i_over_m)) + std::log(tau * d) -
                  beta2 * (tau + 2.0 * d - y * (3.0 * d2 + y * (d - d3 + y * (d2 - tau * d3 + d4)))) / tau;
    }
    // Density effect, x = log10(beta gamma) = ln(beta^2 gamma^2) / (2 ln 10).
    bracket -= material.density_effect(std::log(bg2) / (2.0 * std::numbers::ln10));

    double result = std::max(0.0, bracket * two_pi_mc2_re2 * material.electron_density() / beta2);
    if (kinetic_energy < threshold)
    {
        const double x = kinetic_energy / threshold;
        result *= x > 0.25 ? 1.0 / std::sqrt(x) : 1.4 * std::sqrt(x) / (0.1 + x);
    }
    return result;
}
}  // namespace umbra::sim
