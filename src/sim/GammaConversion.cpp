#include "umbra/sim/GammaConversion.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::sim
{
namespace
{
constexpr double electron_mass = constants::electron_mass;
constexpr double two_pi = 2 * constants::pi;

//! Geant4's screening functions (G4BetheHeitlerModel.hh; PRM "Bethe-Heitler
//! model"): F1 = 3 Phi1 - Phi2, F2 = 3/2 Phi1 + 1/2 Phi2 of the Thomas-Fermi
//! screened atom, as functions of the screening variable delta.
double screen_function1(double delta) noexcept
{
    return delta > 1.4 ? 42.038 - 8.29 * std::log(delta + 0.958)
                       : 42.184 - delta * (7.444 - 1.623 * delta);
}
double screen_function2(double delta) noexcept
{
    return delta > 1.4 ? 42.038 - 8.29 * std::log(delta + 0.958)
                       : 41.326 - delta * (5.848 - 0.902 * delta);
}

//! Per-element quantities of the sampling (G4BetheHeitlerModel::SampleSecondaries
//! and InitialiseElementData).
struct SamplingConstants
{
    double delta_factor;  //!< 136 eps0 / Z^(1/3) [1]
    double fz;            //!< F(Z) = 8 ln Z^(1/3) (+ 8 f_c above 50 MeV) [1]
    double delta_max;     //!< delta where F1 = F(Z): exp((42.038 - F)/8.29) - 0.958 [1]
    double eps_min;       //!< max(eps0, eps where the DCS vanishes) [1]
};

SamplingConstants sampling_constants(double photon_energy, int atomic_number) noexcept
{
    const double z = atomic_number;
    const double eps0 = electron_mass / photon_energy;
    const double z13 = std::cbrt(z);
    SamplingConstants c{};
    c.delta_factor = 136 * eps0 / z13;
    c.fz = 8 * std::log(z13);
    constexpr double coulomb_energy = 50 * units::MeV;  // Coulomb correction above (Geant4)
    if (photon_energy > coulomb_energy) c.fz += 8 * GammaConversion::coulomb_correction(z);
    c.delta_max = std::exp((42.038 - c.fz) / 8.29) - 0.958;
    const double delta_min = 4 * c.delta_factor;  // at eps = 1/2
    const double eps_p = 0.5 - 0.5 * std::sqrt(std::max(0.0, 1 - delta_min / c.delta_max));
    c.eps_min = std::max(eps0, eps_p);
    return c;
}

//! Polynomial sum_i c_i x^i, i = 0..5.
double poly5(const double (&c)[6], double x) noexcept
{
    return c[0] + x * (c[1] + x * (c[2] + x * (c[3] + x * (c[4] + x * c[5]))));
}
}  // namespace

double GammaConversion::coulomb_correction(double atomic_number) noexcept
{
    // f_c = a^2 [1/(1+a^2) + 0.20206 - 0.0369 a^2 + 0.0083 a^4 - 0.002 a^6],
    // a = alpha Z (Davies, Bethe, Maximon, Phys. Rev. 93 (1954) 788; PDG eq. 34.27 context).
    const double az2 = (constants::alpha * atomic_number) * (constants::alpha * atomic_number);
    const double az4 = az2 * az2;
    return (0.0083 * az4 + 0.20206 + 1 / (1 + az2)) * az2 - (0.0020 * az4 + 0.0369) * az4;
}

double GammaConversion::cross_section_per_atom(double photon_energy,
                                               double atomic_number) const noexcept
{
    // PRM "Bethe-Heitler model" > cross-section: coefficients of F1, F2, F3 [microbarn].
    static constexpr double a[6] = {8.7842e+2, -1.9625e+3, 1.2949e+3, -2.0028e+2, 1.2575e+1,
                                    -2.8333e-1};
    static constexpr double b[6] = {-1.0342e+1, 1.7692e+1, -8.2381, 1.3063, -9.0815e-2,
                                    2.3586e-3};
    static constexpr double c[6] = {-4.5263e+2, 1.1161e+3, -8.6749e+2, 2.1773e+2, -2.0467e+1,
                                    6.5372e-1};
    constexpr double energy_limit = 1.5 * units::MeV;  // lower end of the fit
    if (atomic_number < 0.9 || !(photon_energy > 2 * electron_mass)) return 0;
    const double x = std::log(std::max(photon_energy, energy_limit) / electron_mass);
    const double z = atomic_number;
    double sigma = (z + 1) * (poly5(a, x) * z + poly5(b, x) * z * z + poly5(c, x)) * units::ub;
    if (photon_energy < energy_limit)
    {
        const double t = (photon_energy - 2 * electron_mass) / (energy_limit - 2 * electron_mass);
        sigma *= t * t;
    }
    return std::max(sigma, 0.0);
}

double GammaConversion::energy_fraction_dcs(double epsilon, double photon_energy,
                                            int atomic_number) noexcept
{
    const double eps0 = electron_mass / photon_energy;
    if (!(epsilon >= eps0 && epsilon <= 1 - eps0)) return 0;
    constexpr double small_energy = 2 * units::MeV;
    if (photon_energy < small_energy) return 1;  // uniform (Geant4's low-energy shortcut)
    const SamplingConstants k = sampling_constants(photon_energy, atomic_number);
    const double delta = k.delta_factor / (epsilon * (1 - epsilon));
    const double x = 0.5 - epsilon;
    // (3/2)(F2 - F) + 3 x^2 (F1 - F) = (9/2) x [BH bracket of the file comment]
    const double value =
        1.5 * (screen_function2(delta) - k.fz) + 3 * x * x * (screen_function1(delta) - k.fz);
    return std::max(value, 0.0);
}

double GammaConversion::sample_energy_fraction(double photon_energy, int atomic_number,
                                               RandomStream& rng) noexcept
{
    const double eps0 = electron_mass / photon_energy;
    constexpr double small_energy = 2 * units::MeV;
    if (photon_energy < small_energy) return eps0 + (0.5 - eps0) * rng.uniform();

    // Composition-rejection (PRM; G4BetheHeitlerModel::SampleSecondaries):
    // dsigma/deps = N1 f1 g1 + N2 f2 g2 on [eps_min, 1/2], with
    // f1 = 3 (1/2 - eps)^2 / range^3, g1 = (F1(delta) - F)/(F1(delta_min) - F),
    // f2 = 1 / range,                 g2 = (F2(delta) - F)/(F2(delta_min) - F).
    const SamplingConstants k = sampling_constants(photon_energy, atomic_number);
    const double range = 0.5 - k.eps_min;
    const double delta_min = 4 * k.delta_factor;
    const double f10 = screen_function1(delta_min) - k.fz;
    const double f20 = screen_function2(delta_min) - k.fz;
    const double norm1 = std::max(f10 * range * range, 0.0);
    const double norm2 = std::max(1.5 * f20, 0.0);
    const double p1 = norm1 / (norm1 + norm2);
    for (;;)
    {
        double epsilon;
        double rejection;
        if (p1 > rng.uniform())
        {
            epsilon = 0.5 - range * std::cbrt(rng.uniform());
            const double delta = k.delta_factor / (epsilon * (1 - epsilon));
            rejection = (screen_function1(delta) - k.fz) / f10;
        }
        else
        {
            epsilon = k.eps_min + range * rng.uniform();
            const double delta = k.delta_factor / (epsilon * (1 - epsilon));
            rejection = (screen_function2(delta) - k.fz) / f20;
        }
        if (rejection >= rng.uniform()) return epsilon;
    }
}

double GammaConversion::sample_lepton_cos_theta(double kinetic_energy, RandomStream& rng) noexcept
{
    // G4ModifiedTsai::SampleCosTheta: u = -ln(r1 r2) a, a = 1.6 with probability
    // 1/4 else 1.6/3, rejected above u_max = 2 (1 + T/m).
    const double u_max = 2 * (1 + kinetic_energy / electron_mass);
    constexpr double a1 = 1.6;
    constexpr double a2 = a1 / 3;
    double u;
    do
    {
        const double uu = -std::log(rng.uniform_open() * rng.uniform_open());
        u = 0.25 > rng.uniform() ? uu * a1 : uu * a2;
    } while (u > u_max);
    return 1 - 2 * u * u / (u_max * u_max);
}

PairFinalState GammaConversion::sample(double photon_energy, int atomic_number,
                                       const ThreeVector& direction,
                                       RandomStream& rng) const noexcept
{
    UMBRA_EXPECT(photon_energy > 2 * electron_mass);
    UMBRA_EXPECT(atomic_number >= 1 && atomic_number <= 120);
    const double epsilon = sample_energy_fraction(photon_energy, atomic_number, rng);
    double electron_total;
    double positron_total;
    if (rng.uniform() > 0.5)
    {
        electron_total = (1 - epsilon) * photon_energy;
        positron_total = epsilon * photon_energy;
    }
    else
    {
        positron_total = (1 - epsilon) * photon_energy;
        electron_total = epsilon * photon_energy;
    }
    PairFinalState out;
    out.electron_kinetic_energy = std::max(0.0, electron_total - electron_mass);
    out.positron_kinetic_energy = std::max(0.0, positron_total - electron_mass);

    // G4ModifiedTsai::SamplePairDirections: one azimuth, opposite for the e+.
    const double phi = two_pi * rng.uniform();
    const double sin_phi = std::sin(phi);
    const double cos_phi = std::cos(phi);
    double cos_theta = sample_lepton_cos_theta(out.electron_kinetic_energy, rng);
    double sin_theta = std::sqrt((1 - cos_theta) * (1 + cos_theta));
    out.electron_direction = rotate_to_frame(
        ThreeVector{sin_theta * cos_phi, sin_theta * sin_phi, cos_theta}, direction);
    cos_theta = sample_lepton_cos_theta(out.positron_kinetic_energy, rng);
    sin_theta = std::sqrt((1 - cos_theta) * (1 + cos_theta));
    out.positron_direction = rotate_to_frame(
        ThreeVector{-sin_theta * cos_phi, -sin_theta * sin_phi, cos_theta}, direction);
    return out;
}
}  // namespace umbra::sim
