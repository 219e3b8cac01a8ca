#include "umbra/sim/ComptonScattering.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::sim
{
namespace
{
constexpr double electron_mass = constants::electron_mass;
//! Classical electron radius r_e = alpha hbar c / m_e c^2 (2.8179403e-13 cm, PDG) [mm]
constexpr double electron_radius = constants::alpha * constants::hbar_c / constants::electron_mass;
constexpr double two_pi = 2 * constants::pi;

//! PRM "Compton scattering" > "Cross section per atom": the fit of
//! G4KleinNishinaCompton::ComputeCrossSectionPerAtom, coefficients in barn.
struct EmpiricalCompton
{
    static constexpr double a = 20.0, b = 230.0, c = 440.0;
    static constexpr double d1 = 2.7965e-1, d2 = -1.8300e-1, d3 = 6.7527, d4 = -1.9798e+1;
    static constexpr double e1 = 1.9756e-5, e2 = -1.0205e-2, e3 = -7.3913e-2, e4 = 2.7079e-2;
    static constexpr double f1 = -3.9178e-7, f2 = 6.8241e-5, f3 = 6.0480e-5, f4 = 3.0274e-4;

    double p1, p2, p3, p4;  //!< P_i(Z) [mm^2]

    explicit EmpiricalCompton(double z)
        : p1(z * (d1 + e1 * z + f1 * z * z) * units::barn),
          p2(z * (d2 + e2 * z + f2 * z * z) * units::barn),
          p3(z * (d3 + e3 * z + f3 * z * z) * units::barn),
          p4(z * (d4 + e4 * z + f4 * z * z) * units::barn)
    {
    }

    //! sigma at X = E/m [mm^2]
    double operator()(double x) const noexcept
    {
        return p1 * std::log1p(2 * x) / x +
               (p2 + p3 * x + p4 * x * x) / (1 + a * x + b * x * x + c * x * x * x);
    }
};
}  // namespace

void ComptonScattering::Config::validate() const
{
    if (!(std::isfinite(lowest_secondary_energy) && lowest_secondary_energy >= 0))
        throw InputError("Compton lowest_secondary_energy must be finite and >= 0 (it is a kinetic"
                         " energy threshold); use e.g. 100 eV");
}

ComptonScattering::ComptonScattering(const Config& config) : config_(config) { config_.validate(); }

double ComptonScattering::cross_section_per_atom(double photon_energy,
                                                 double atomic_number) const noexcept
{
    if (!(photon_energy > 0) || !(atomic_number > 0)) return 0;
    const EmpiricalCompton fit(atomic_number);
    // Below T0 the fit is continued by sigma(T0) exp(-y (c1 + c2 y)), y = ln(E/T0),
    // with c1 matching the logarithmic slope at T0 (PRM; G4KleinNishinaCompton).
    const double t0 = (atomic_number < 1.5 ? 40.0 : 15.0) * units::keV;
    double sigma = fit(std::max(photon_energy, t0) / electron_mass);
    if (photon_energy < t0)
    {
        constexpr double dt0 = 1 * units::keV;
        const double sigma1 = fit((t0 + dt0) / electron_mass);
        const double c1 = -t0 * (sigma1 - sigma) / (sigma * dt0);
        const double c2 = atomic_number > 1.5 ? 0.375 - 0.0556 * std::log(atomic_number) : 0.150;
        const double y = std::log(photon_energy / t0);
        sigma *= std::exp(-y * (c1 + c2 * y));
    }
    return std::max(sigma, 0.0);
}

double ComptonScattering::klein_nishina_cross_section(double photon_energy) noexcept
{
    if (!(photon_energy > 0)) return 0;
    const double k = photon_energy / electron_mass;
    if (k < 1e-3)  // Thomson limit with first correction, avoids cancellation
        return 8 * constants::pi / 3 * electron_radius * electron_radius * (1 - 2 * k);
    const double l = std::log1p(2 * k);
    const double one2k = 1 + 2 * k;
    // sigma = 2 pi r_e^2 { (1+k)/k^2 [2(1+k)/(1+2k) - ln(1+2k)/k] + ln(1+2k)/(2k)
    //                      - (1+3k)/(1+2k)^2 }   (Heitler eq. 22.9)
    const double bracket = (1 + k) / (k * k) * (2 * (1 + k) / one2k - l / k) + l / (2 * k) -
                           (1 + 3 * k) / (one2k * one2k);
    return two_pi * electron_radius * electron_radius * bracket;
}

double ComptonScattering::sample_energy_fraction(double photon_energy, RandomStream& rng) noexcept
{
    // Butcher & Messel (PRM "Compton scattering" > "Sampling the final state"):
    // f(eps) = [1/eps + eps][1 - eps sin^2/(1+eps^2)] = sum_i alpha_i f_i(eps) g(eps),
    // alpha_1 = ln(1/eps0), f_1 ~ 1/eps;  alpha_2 = (1 - eps0^2)/2, f_2 ~ eps.
    const double e0_m = photon_energy / electron_mass;
    const double eps0 = 1 / (1 + 2 * e0_m);
    const double eps0_sq = eps0 * eps0;
    const double alpha1 = -std::log(eps0);
    const double alpha2 = alpha1 + 0.5 * (1 - eps0_sq);
    for (;;)
    {
        double epsilon;
        double epsilon_sq;
        if (alpha1 > alpha2 * rng.uniform())
        {
            epsilon = std::exp(-alpha1 * rng.uniform());  // eps0^r
            epsilon_sq = epsilon * epsilon;
        }
        else
        {
            epsilon_sq = eps0_sq + (1 - eps0_sq) * rng.uniform();
            epsilon = std::sqrt(epsilon_sq);
        }
        const double one_minus_cos = (1 - epsilon) / (epsilon * e0_m);
        const double sin2 = one_minus_cos * (2 - one_minus_cos);
        const double rejection = 1 - epsilon * sin2 / (1 + epsilon_sq);
        if (rejection >= rng.uniform()) return epsilon;
    }
}

ComptonFinalState ComptonScattering::sample(double photon_energy, const ThreeVector& direction,
                                            RandomStream& rng) const noexcept
{
    UMBRA_EXPECT(photon_energy > 0);
    ComptonFinalState out;
    const double epsilon = sample_energy_fraction(photon_energy, rng);
    const double e0_m = photon_energy / electron_mass;
    const double cos_theta = std::clamp(1 - (1 - epsilon) / (epsilon * e0_m), -1.0, 1.0);
    const double sin_theta = std::sqrt((1 - cos_theta) * (1 + cos_theta));
    const double phi = two_pi * rng.uniform();
    const ThreeVector photon_local{sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta};

    const double scattered = epsilon * photon_energy;
    const double electron_energy = photon_energy - scattered;
    out.photon_cos_theta = cos_theta;
    if (scattered > config_.lowest_secondary_energy)
    {
        out.photon_energy = scattered;
        out.photon_direction = rotate_to_frame(photon_local, direction);
    }
    else
    {
        out.deposited_energy += scattered;
    }
    if (electron_energy > config_.lowest_secondary_energy)
    {
        // p_e = p_gamma - p_gamma' (units of energy, z along the incident photon)
        const ThreeVector electron_local =
            (ThreeVector{0, 0, photon_energy} - scattered * photon_local).unit();
        out.electron_kinetic_energy = electron_energy;
        out.electron_direction = rotate_to_frame(electron_local, direction);
    }
    else
    {
        out.deposited_energy += electron_energy;
    }
    return out;
}
}  // namespace umbra::sim
