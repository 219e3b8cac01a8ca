#include "umbra/sim/GammaToMuonPair.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::sim
{
namespace
{
constexpr double muon_mass = constants::muon_mass;
constexpr double electron_mass = constants::electron_mass;
constexpr double pi = constants::pi;
constexpr double two_pi = 2 * constants::pi;
//! Classical muon radius r_c = alpha hbar c / m_mu c^2 (Geant4: elm_coupling / Mmuon) [mm]
constexpr double muon_radius = constants::alpha * constants::hbar_c / constants::muon_mass;
//! sqrt(e), e Euler's number
const double sqrt_e = std::sqrt(std::exp(1.0));
//! Saturation power s of the parameterisation (paper; G4GammaConversionToMuons PowSat)
constexpr double saturation_power = -0.88;
constexpr double lowest_energy = 2 * muon_mass;  //!< threshold
constexpr double limit_energy = 5 * muon_mass;   //!< below: scaled sigma(5 m_mu), Geant4

//! The element constants B, D_n and Z^(-1/3) (paper; Geant4 uses them as here).
struct ElementConstants
{
    double b;         //!< radiation-logarithm constant B [1]
    double dn;        //!< D_n = 1.54 A^0.27 (nuclear size) [1]
    double a027;      //!< A^0.27 [1]
    double z_third;   //!< Z^(-1/3) [1]
    double w_infinity;  //!< W_inf = B Z^(-1/3) m_mu / (D_n m_e) [1]
};

ElementConstants element_constants(int atomic_number, double mass_number) noexcept
{
    ElementConstants c{};
    c.a027 = std::pow(mass_number, 0.27);
    if (atomic_number == 1)
    {
        c.b = 202.4;
        c.dn = 1.49;
    }
    else
    {
        c.b = 183.;
        c.dn = 1.54 * c.a027;
    }
    c.z_third = 1 / std::cbrt(static_cast<double>(atomic_number));
    c.w_infinity = c.b * c.z_third * muon_mass / (c.dn * electron_mass);
    return c;
}

double sigma0(int atomic_number) noexcept
{
    const double z = atomic_number;
    return 4 * constants::alpha * z * z * muon_radius * muon_radius;
}

//! The parameterised sigma for E >= 5 m_mu (G4GammaConversionToMuons::ComputeCrossSectionPerAtom).
double parameterised_sigma(double energy, int atomic_number, double mass_number) noexcept
{
    const ElementConstants c = element_constants(atomic_number, mass_number);
    const double w_medium = 1 / (4 * c.dn * sqrt_e * muon_mass);  // [1/MeV]
    const double w_saturation = c.w_infinity / w_medium;           // [MeV]
    const double threshold_power = 1.479 + 0.00799 * c.dn;
    const double e_correction = -18. + 4347. / (c.b * c.z_third);  // [MeV]
    const double correction = 1 + 0.04 * std::log1p(e_correction / energy);
    const double e_g = std::pow(1 - 4 * muon_mass / energy, threshold_power) *
                       std::pow(std::pow(w_saturation, saturation_power) +
                                    std::pow(energy, saturation_power),
                                1 / saturation_power);
    return 7. / 9. * sigma0(atomic_number) * std::log1p(w_medium * correction * e_g);
}
}  // namespace

double GammaToMuonPair::cross_section_per_atom(double photon_energy, int atomic_number,
                                               double mass_number) const noexcept
{
    if (!(photon_energy > lowest_energy) || atomic_number < 1 || !(mass_number > 0)) return 0;
    if (photon_energy < limit_energy)
    {
        const double y = (photon_energy - lowest_energy) / (limit_energy - lowest_energy);
        return y * y * parameterised_sigma(limit_energy, atomic_number, mass_number);
    }
    return parameterised_sigma(photon_energy, atomic_number, mass_number);
}

double GammaToMuonPair::asymptotic_cross_section(int atomic_number, double mass_number) noexcept
{
    const ElementConstants c = element_constants(atomic_number, mass_number);
    return 7. / 9. * sigma0(atomic_number) * std::log(c.w_infinity);
}

MuonPairFinalState GammaToMuonPair::sample(double photon_energy, int atomic_number,
                                           double mass_number, const ThreeVector& direction,
                                           RandomStream& rng) const noexcept
{
    UMBRA_EXPECT(photon_energy > lowest_energy);
    UMBRA_EXPECT(atomic_number >= 1 && mass_number > 0);
    const ElementConstants c = element_constants(atomic_number, mass_number);
    const double c1_num = 0.138 * c.a027;
    const double c1_num2 = c1_num * c1_num;
    const double c2_term2 = electron_mass / (183. * c.z_third * muon_mass);
    const double gamma_muon_inv = muon_mass / photon_energy;

    // Energy sharing x+ = E+/E by rejection with (1 - 4/3 x+ x-) ln W / ln W_max
    // (paper section 3.1; G4GammaConversionToMuons::PostStepDoIt).
    const double x_min = photon_energy < limit_energy
                             ? gamma_muon_inv
                             : 0.5 - std::sqrt(0.25 - gamma_muon_inv);
    const double x_max = 1 - x_min;
    const double ds2 = c.dn * sqrt_e - 2;
    const double sbz = sqrt_e * c.b * c.z_third / electron_mass;
    const double log_w_max_inv =
        1 / std::log(c.w_infinity * (1 + 2 * ds2 * gamma_muon_inv) /
                     (1 + 2 * sbz * muon_mass * gamma_muon_inv));
    constexpr int max_trials = 1000;  // Geant4's loop guard
    double x_plus = 0.5;
    double x_pm = 0.25;
    for (int n = 0; n < max_trials; ++n)
    {
        x_plus = x_min + rng.uniform() * (x_max - x_min);
        x_pm = x_plus * (1 - x_plus);
        const double del = muon_mass * muon_mass / (2 * photon_energy * x_pm);
        const double w = c.w_infinity * (1 + ds2 * del / muon_mass) / (1 + sbz * del);
        const double xxp = 1 - 4. / 3. * x_pm;
        const double acceptance = xxp > 0 ? xxp * std::log(w) * log_w_max_inv : 0.0;
        if (rng.uniform() <= acceptance) break;
    }
    const double x_minus = 1 - x_plus;

    // Angles from t, psi, rho (paper section 3.2).
    const double a3 = gamma_muon_inv / (2 * x_pm);
    const double a33 = a3 * a3;
    const double b1 = 1 / (4 * c1_num2);
    const double b3 = b1 * b1 * b1;
    const double a21 = a33 + b1;
    const double f1_max = -(1 - x_pm) * (2 * b1 + (a21 + a33) * std::log(a33 / a21)) / (2 * b3);

    double theta_plus = 0;
    double theta_minus = 0;
    double phi_half = 0;
    int n = 0;
    do
    {
        double t;
        for (;;)  // t by rejection with f1
        {
            ++n;
            t = rng.uniform_open();
            const double a34 = a33 / (t * t);
            const double a22 = a34 + b1;
            double f1;
            if (std::abs(b1) < 0.0001 * a34)  // a34 >> b1: series, the log loses accuracy
                f1 = (1 - 2 * x_pm + 4 * x_pm * t * (1 - t)) / (12 * a34 * a34 * a34 * a34);
            else
                f1 = -(1 - 2 * x_pm + 4 * x_pm * t * (1 - t)) *
                     (2 * b1 + (a22 + a34) * std::log(a34 / a22)) / (2 * b3);
            if (f1 < 0 || f1 > f1_max) f1 = 0;
            if (n > max_trials || rng.uniform() * f1_max <= f1) break;
        }
        const double f2_max = 1 - 2 * x_pm * (1 - 4 * t * (1 - t));
        double psi;
        for (;;)  // psi by rejection with f2
        {
            ++n;
            psi = two_pi * rng.uniform();
            double f2 = 1 - 2 * x_pm + 4 * x_pm * t * (1 - t) * (1 + std::cos(2 * psi));
            if (f2 < 0 || f2 > f2_max) f2 = 0;
            if (n >= max_trials || rng.uniform() * f2_max <= f2) break;
        }
        // rho by direct transformation
        const double c2_term1 = gamma_muon_inv / (2 * x_pm * t);
        const double c22 = c2_term1 * c2_term1 + c2_term2 * c2_term2;
        const double c2 = 4 * c22 * c22 / std::sqrt(x_pm);
        const double rho_max = (1 / t - 1) * 1.9 / c.a027;
        const double beta = std::log((c2 + rho_max * rho_max * rho_max * rho_max) / c2);
        const double rho = std::pow(c2 * (std::exp(beta * rng.uniform()) - 1), 0.25);

        const double u = std::sqrt(1 / t - 1);
        const double xi_half = 0.5 * rho * std::cos(psi);
        phi_half = 0.5 * rho / u * std::sin(psi);
        theta_plus = gamma_muon_inv * (u + xi_half) / x_plus;
        theta_minus = gamma_muon_inv * (u - xi_half) / x_minus;
        if (n > max_trials)
        {
            if (std::abs(theta_plus) > pi) theta_plus = 0;
            if (std::abs(theta_minus) > pi) theta_minus = 0;
        }
    } while (std::abs(theta_plus) > pi || std::abs(theta_minus) > pi);

    const double phi0 = two_pi * rng.uniform();
    MuonPairFinalState out;
    out.mu_plus_kinetic_energy = x_plus * photon_energy - muon_mass;
    out.mu_minus_kinetic_energy = x_minus * photon_energy - muon_mass;
    out.mu_plus_direction = rotate_to_frame(
        ThreeVector{std::sin(theta_plus) * std::cos(phi0 + phi_half),
                    std::sin(theta_plus) * std::sin(phi0 + phi_half), std::cos(theta_plus)},
        direction);
    out.mu_minus_direction = rotate_to_frame(
        ThreeVector{-std::sin(theta_minus) * std::cos(phi0 - phi_half),
                    -std::sin(theta_minus) * std::sin(phi0 - phi_half), std::cos(theta_minus)},
        direction);
    return out;
}
}  // namespace umbra::sim
