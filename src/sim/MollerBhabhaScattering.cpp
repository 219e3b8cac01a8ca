#include "umbra/sim/MollerBhabhaScattering.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::sim
{
namespace
{
using constants::electron_mass;

//! 2 pi r_e^2 m c^2 (r_e = alpha hbar c / m c^2) [MeV mm^2].
constexpr double two_pi_mc2_re2 = 2.0 * constants::pi * electron_mass *
                                  (constants::alpha * constants::hbar_c / electron_mass) *
                                  (constants::alpha * constants::hbar_c / electron_mass);

//! The Bhabha coefficients B1..B4 of the PRM, from gamma.
struct BhabhaCoefficients
{
    double b1, b2, b3, b4;
    explicit BhabhaCoefficients(double gamma)
    {
        const double y = 1.0 / (1.0 + gamma);
        const double y2 = y * y;
        const double c = 1.0 - 2.0 * y;
        b1 = 2.0 - y2;
        b2 = c * (3.0 + y2);
        b4 = c * c * c;
        b3 = b4 + c * c;
    }
};
}  // namespace

MollerBhabhaScattering::MollerBhabhaScattering(Lepton lepton, double kinetic_energy)
    : lepton_(lepton), kinetic_energy_(kinetic_energy)
{
    if (!(kinetic_energy > 0))
    {
        throw InputError("Moller/Bhabha scattering: kinetic energy " + std::to_string(kinetic_energy) +
                         " MeV is not positive (no delta ray can be produced) pass T > 0");
    }
    const double tau = kinetic_energy / electron_mass;
    gamma_ = tau + 1.0;
    beta2_ = tau * (tau + 2.0) / (gamma_ * gamma_);
}

double MollerBhabhaScattering::max_delta_energy() const noexcept
{
    return lepton_ == Lepton::electron ? 0.5 * kinetic_energy_ : kinetic_energy_;
}

double MollerBhabhaScattering::differential_cross_section(double delta_energy) const noexcept
{
    if (!(delta_energy > 0) || delta_energy > max_delta_energy()) return 0.0;
    const double eps = delta_energy / kinetic_energy_;
    const double prefactor = two_pi_mc2_re2 / (kinetic_energy_ * kinetic_energy_);  // d eps = dT / T
    if (lepton_ == Lepton::electron)
    {
        const double g2 = gamma_ * gamma_;
        const double gg = (2.0 * gamma_ - 1.0) / g2;
        const double one_minus = 1.0 - eps;
        return prefactor / beta2_ *
               ((gamma_ - 1.0) * (gamma_ - 1.0) / g2 + (1.0 / eps) * (1.0 / eps - gg) +
                (1.0 / one_minus) * (1.0 / one_minus - gg));
    }
    const BhabhaCoefficients b(gamma_);
    return prefactor *
           (1.0 / (beta2_ * eps * eps) - b.b1 / eps + b.b2 - b.b3 * eps + b.b4 * eps * eps);
}

double MollerBhabhaScattering::cross_section(double cut, double max_energy) const noexcept
{
    const double t_max = std::min(max_energy, max_delta_energy());
    if (!(cut > 0) || !(cut < t_max)) return 0.0;
    const double x_min = cut / kinetic_energy_;
    const double x_max = t_max / kinetic_energy_;
    double cross = 0;
    if (lepton_ == Lepton::electron)
    {
        // Closed-form integral of the Moller DCS over [x_min, x_max].
        const double gg = (2.0 * gamma_ - 1.0) / (gamma_ * gamma_);
        cross = ((x_max - x_min) * (1.0 - gg + 1.0 / (x_min * x_max) + 1.0 / ((1.0 - x_min) * (1.0 - x_max))) -
                 gg * std::log(x_max * (1.0 - x_min) / (x_min * (1.0 - x_max)))) /
                beta2_;
    }
    else
    {
        // Closed-form integral of the Bhabha DCS over [x_min, x_max].
        const BhabhaCoefficients b(gamma_);
        cross = (x_max - x_min) * (1.0 / (beta2_ * x_min * x_max) + b.b2 - 0.5 * b.b3 * (x_min + x_max) +
                                   b.b4 * (x_min * x_min + x_min * x_max + x_max * x_max) / 3.0) -
                b.b1 * std::log(x_max / x_min);
    }
    return std::max(cross, 0.0) * two_pi_mc2_re2 / kinetic_energy_;
}

double MollerBhabhaScattering::sample_delta_energy(double cut, RandomStream& rng) const noexcept
{
    UMBRA_EXPECT(cut > 0 && cut < max_delta_energy());
    const double x_min = cut / kinetic_energy_;
    const double x_max = max_delta_energy() / kinetic_energy_;
    double x = 0;
    if (lepton_ == Lepton::electron)
    {
        // eps^2 beta^2 (dsigma/deps) / prefactor = z(eps), increasing on (0, 1/2]: majorant z(x_max).
        const double gg = (2.0 * gamma_ - 1.0) / (gamma_ * gamma_);
        const auto z = [gg](double e)
        {
            const double y = 1.0 - e;
            return 1.0 - gg * e + e * e * (1.0 - gg + (1.0 - gg * y) / (y * y));
        };
        const double majorant = z(x_max);
        do
        {
            const double u = rng.uniform();
            x = x_min * x_max / (x_min * (1.0 - u) + x_max * u);  // 1/eps^2 on [x_min, x_max]
        } while (majorant * rng.uniform() > z(x));
    }
    else
    {
        // z(eps) = 1 + beta^2 (B4 eps^4 - B3 eps^3 + B2 eps^2 - B1 eps); majorant: positive
        // terms at x_max, negative ones at x_min (as Geant4).
        const BhabhaCoefficients b(gamma_);
        const auto z = [&](double e)
        {
            const double e2 = e * e;
            return 1.0 + (e2 * e2 * b.b4 - e2 * e * b.b3 + e2 * b.b2 - e * b.b1) * beta2_;
        };
        const double xm2 = x_max * x_max;
        const double majorant =
            1.0 + (xm2 * xm2 * b.b4 - x_min * x_min * x_min * b.b3 + xm2 * b.b2 - x_min * b.b1) * beta2_;
        do
        {
            const double u = rng.uniform();
            x = x_min * x_max / (x_min * (1.0 - u) + x_max * u);
        } while (majorant * rng.uniform() > z(x));
    }
    return x * kinetic_energy_;
}

MollerBhabhaFinalState MollerBhabhaScattering::sample(double cut, const ThreeVector& direction,
                                                      RandomStream& rng) const noexcept
{
    MollerBhabhaFinalState out;
    const double t_delta = sample_delta_energy(cut, rng);
    const double p_delta = std::sqrt(t_delta * (t_delta + 2.0 * electron_mass));
    const double p = std::sqrt(kinetic_energy_ * (kinetic_energy_ + 2.0 * electron_mass));
    // Two-body kinematics off an electron at rest (PRM; G4MollerBhabhaModel).
    const double cos_theta = std::min(1.0, t_delta * (kinetic_energy_ + 2.0 * electron_mass) / (p_delta * p));
    const double sin_theta = std::sqrt((1.0 - cos_theta) * (1.0 + cos_theta));
    const double phi = 2.0 * constants::pi * rng.uniform();
    out.delta_kinetic_energy = t_delta;
    out.delta_direction =
        rotate_to_frame({sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta}, direction);
    out.primary_kinetic_energy = kinetic_energy_ - t_delta;
    out.primary_direction = (p * direction - p_delta * out.delta_direction).unit();
    return out;
}
}  // namespace umbra::sim
