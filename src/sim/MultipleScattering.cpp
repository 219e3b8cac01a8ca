#include "umbra/sim/MultipleScattering.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"
#include "umbra/core/RandomStream.hpp"

namespace umbra::sim
{
namespace
{
using constants::alpha;
using constants::electron_mass;
using constants::pi;

//! Classical electron radius r_e = alpha hbar c / (m_e c^2) = 2.8179403 fm [mm]
constexpr double classical_electron_radius = alpha * constants::hbar_c / electron_mass;
//! Highland constant 13.6 MeV (PDG eq. 34.15; Urban keeps it and corrects the log term) [MeV]
constexpr double highland_constant = 13.6 * units::MeV;

// ---- Urban transport cross-section (G4UrbanMscModel::ComputeCrossSectionPerAtom, Geant4 10.0).
// Kinetic energy below which the tabulated low-energy corrections are used [MeV]
constexpr double t_limit = 10 * units::MeV;
constexpr double beta2_limit =
    t_limit * (t_limit + 2 * electron_mass) / ((t_limit + electron_mass) * (t_limit + electron_mass));
constexpr double bg2_limit = t_limit * (t_limit + 2 * electron_mass) / (electron_mass * electron_mass);
//! Screening parameter factor 2 (m_e a_Bohr / hbar c)^2 = 2 / alpha^2 (a_Bohr = hbar c / (alpha m_e c^2)).
constexpr double screening_factor = 2.0 / (alpha * alpha);
//! 2 pi r_e^2 [mm^2]
constexpr double sigma_factor = 2 * pi * classical_electron_radius * classical_electron_radius;

// Atomic numbers of Urban's correction tables.
constexpr std::array<double, 15> z_table = {4, 6, 13, 20, 26, 29, 32, 38, 47, 50, 56, 64, 74, 79, 82};
// Kinetic energies of the low-energy correction tables [MeV].
constexpr std::array<double, 22> t_table = {
    100e-6, 200e-6, 400e-6, 700e-6, 1e-3, 2e-3, 4e-3, 7e-3, 10e-3, 20e-3, 40e-3,
    70e-3,  100e-3, 200e-3, 400e-3, 700e-3, 1.0, 2.0, 4.0, 7.0, 10.0, 20.0};
// sigma1 at T = Tlim for the Z of z_table [barn].
constexpr std::array<double, 15> sigma_at_t_limit = {0.2672, 0.5922, 2.653, 6.235, 11.69, 13.24, 16.12, 23.00,
                                                     35.13,  39.95,  50.85, 67.19, 91.15, 104.4, 113.1};
// High-energy correction slope in beta^2 for the Z of z_table [1].
constexpr std::array<double, 15> high_energy_correction = {120.70, 117.50, 105.00, 92.92,  79.23,
                                                           74.510, 68.29,  57.39,  41.97,  36.14,
                                                           24.53,  10.21,  -7.855, -16.84, -22.30};
// Correction factors (divisors) of the screened-Rutherford sigma1 for e- and e+,
// [Z index][T index] (Urban's fits to single-scattering / PWA results).
using CorrectionTable = std::array<std::array<double, 22>, 15>;
constexpr CorrectionTable electron_correction = {{
    {1.125, 1.072, 1.051, 1.047, 1.047, 1.050, 1.052, 1.054, 1.054, 1.057, 1.062,
     1.069, 1.075, 1.090, 1.105, 1.111, 1.112, 1.108, 1.100, 1.093, 1.089, 1.087},
    {1.408, 1.246, 1.143, 1.096, 1.077, 1.059, 1.053, 1.051, 1.052, 1.053, 1.058,
     1.065, 1.072, 1.087, 1.101, 1.108, 1.109, 1.105, 1.097, 1.090, 1.086, 1.082},
    {2.833, 2.268, 1.861, 1.612, 1.486, 1.309, 1.204, 1.156, 1.136, 1.114, 1.106,
     1.106, 1.109, 1.119, 1.129, 1.132, 1.131, 1.124, 1.113, 1.104, 1.099, 1.098},
    {3.879, 3.016, 2.380, 2.007, 1.818, 1.535, 1.340, 1.236, 1.190, 1.133, 1.107,
     1.099, 1.098, 1.103, 1.110, 1.113, 1.112, 1.105, 1.096, 1.089, 1.085, 1.098},
    {6.937, 4.330, 2.886, 2.256, 1.987, 1.628, 1.395, 1.265, 1.203, 1.122, 1.080,
     1.065, 1.061, 1.063, 1.070, 1.073, 1.073, 1.070, 1.064, 1.059, 1.056, 1.056},
    {9.616, 5.708, 3.424, 2.551, 2.204, 1.762, 1.485, 1.330, 1.256, 1.155, 1.099,
     1.077, 1.070, 1.068, 1.072, 1.074, 1.074, 1.070, 1.063, 1.059, 1.056, 1.052},
    {11.72, 6.364, 3.811, 2.806, 2.401, 1.884, 1.564, 1.386, 1.300, 1.180, 1.112,
     1.082, 1.073, 1.066, 1.068, 1.069, 1.068, 1.064, 1.059, 1.054, 1.051, 1.050},
    {18.08, 8.601, 4.569, 3.183, 2.662, 2.025, 1.646, 1.439, 1.339, 1.195, 1.108,
     1.068, 1.053, 1.040, 1.039, 1.039, 1.039, 1.037, 1.034, 1.031, 1.030, 1.036},
    {18.22, 10.48, 5.333, 3.713, 3.115, 2.367, 1.898, 1.631, 1.498, 1.301, 1.171,
     1.105, 1.077, 1.048, 1.036, 1.033, 1.031, 1.028, 1.024, 1.022, 1.021, 1.024},
    {14.14, 10.65, 5.710, 3.929, 3.266, 2.453, 1.951, 1.669, 1.528, 1.319, 1.178,
     1.106, 1.075, 1.040, 1.027, 1.022, 1.020, 1.017, 1.015, 1.013, 1.013, 1.020},
    {14.11, 11.73, 6.312, 4.240, 3.478, 2.566, 2.022, 1.720, 1.569, 1.342, 1.186,
     1.102, 1.065, 1.022, 1.003, 0.997, 0.995, 0.993, 0.993, 0.993, 0.993, 1.011},
    {22.76, 20.01, 8.835, 5.287, 4.144, 2.901, 2.219, 1.855, 1.677, 1.410, 1.224,
     1.121, 1.073, 1.014, 0.986, 0.976, 0.974, 0.972, 0.973, 0.974, 0.975, 0.987},
    {50.77, 40.85, 14.13, 7.184, 5.284, 3.435, 2.520, 2.059, 1.837, 1.512, 1.283,
     1.153, 1.091, 1.010, 0.969, 0.954, 0.950, 0.947, 0.949, 0.952, 0.954, 0.963},
    {65.87, 59.06, 15.87, 7.570, 5.567, 3.650, 2.682, 2.182, 1.939, 1.579, 1.325,
     1.178, 1.108, 1.014, 0.965, 0.947, 0.941, 0.938, 0.940, 0.944, 0.946, 0.954},
    {55.60, 47.34, 15.92, 7.810, 5.755, 3.767, 2.760, 2.239, 1.985, 1.609, 1.343,
     1.188, 1.113, 1.013, 0.960, 0.939, 0.933, 0.930, 0.933, 0.936, 0.939, 0.949},
}};
constexpr CorrectionTable positron_correction = {{
    {2.589, 2.044, 1.658, 1.446, 1.347, 1.217, 1.144, 1.110, 1.097, 1.083, 1.080,
     1.086, 1.092, 1.108, 1.123, 1.131, 1.131, 1.126, 1.117, 1.108, 1.103, 1.100},
    {3.904, 2.794, 2.079, 1.710, 1.543, 1.325, 1.202, 1.145, 1.122, 1.096, 1.089,
     1.092, 1.098, 1.114, 1.130, 1.137, 1.138, 1.132, 1.122, 1.113, 1.108, 1.102},
    {7.970, 6.080, 4.442, 3.398, 2.872, 2.127, 1.672, 1.451, 1.357, 1.246, 1.194,
     1.179, 1.178, 1.188, 1.201, 1.205, 1.203, 1.190, 1.173, 1.159, 1.151, 1.145},
    {9.714, 7.607, 5.747, 4.493, 3.815, 2.777, 2.079, 1.715, 1.553, 1.353, 1.253,
     1.219, 1.211, 1.214, 1.225, 1.228, 1.225, 1.210, 1.191, 1.175, 1.166, 1.174},
    {17.97, 12.95, 8.628, 6.065, 4.849, 3.222, 2.275, 1.820, 1.624, 1.382, 1.259,
     1.214, 1.202, 1.202, 1.214, 1.219, 1.217, 1.203, 1.184, 1.169, 1.160, 1.151},
    {24.83, 17.06, 10.84, 7.355, 5.767, 3.707, 2.546, 1.996, 1.759, 1.465, 1.311,
     1.252, 1.234, 1.228, 1.238, 1.241, 1.237, 1.222, 1.201, 1.184, 1.174, 1.159},
    {23.26, 17.15, 11.52, 8.049, 6.375, 4.114, 2.792, 2.155, 1.880, 1.535, 1.353,
     1.281, 1.258, 1.247, 1.254, 1.256, 1.252, 1.234, 1.212, 1.194, 1.183, 1.170},
    {22.33, 18.01, 12.86, 9.212, 7.336, 4.702, 3.117, 2.348, 2.015, 1.602, 1.385,
     1.297, 1.268, 1.251, 1.256, 1.258, 1.254, 1.237, 1.214, 1.195, 1.185, 1.179},
    {33.91, 24.13, 15.71, 10.80, 8.507, 5.467, 3.692, 2.808, 2.407, 1.873, 1.564,
     1.425, 1.374, 1.330, 1.324, 1.320, 1.312, 1.288, 1.258, 1.235, 1.221, 1.205},
    {32.14, 24.11, 16.30, 11.40, 9.015, 5.782, 3.868, 2.917, 2.490, 1.925, 1.596,
     1.447, 1.391, 1.342, 1.332, 1.327, 1.320, 1.294, 1.264, 1.240, 1.226, 1.214},
    {29.51, 24.07, 17.19, 12.28, 9.766, 6.238, 4.112, 3.066, 2.602, 1.995, 1.641,
     1.477, 1.414, 1.356, 1.342, 1.336, 1.328, 1.302, 1.270, 1.245, 1.231, 1.233},
    {38.19, 30.85, 21.76, 15.35, 12.07, 7.521, 4.812, 3.498, 2.926, 2.188, 1.763,
     1.563, 1.484, 1.405, 1.382, 1.371, 1.361, 1.330, 1.294, 1.267, 1.251, 1.239},
    {49.71, 39.80, 27.96, 19.63, 15.36, 9.407, 5.863, 4.155, 3.417, 2.478, 1.944,
     1.692, 1.589, 1.480, 1.441, 1.423, 1.409, 1.372, 1.330, 1.298, 1.280, 1.258},
    {59.25, 45.08, 30.36, 20.83, 16.15, 9.834, 6.166, 4.407, 3.641, 2.648, 2.064,
     1.779, 1.661, 1.531, 1.482, 1.459, 1.442, 1.400, 1.354, 1.319, 1.299, 1.272},
    {56.38, 44.29, 30.50, 21.18, 16.51, 10.11, 6.354, 4.542, 3.752, 2.724, 2.116,
     1.817, 1.692, 1.554, 1.499, 1.474, 1.456, 1.412, 1.364, 1.328, 1.307, 1.282},
}};

// ---- Model constants (G4UrbanMscModel constructor, Geant4 10.0).
constexpr double tau_big = 8.0;        //!< tau above which cos(theta) is isotropic [1]
constexpr double tau_small = 1e-16;    //!< tau below which there is no scattering [1]
constexpr double tau_linear = 1e-6;    //!< tau below which series expansions are used (taulim) [1]
constexpr double theta0_max = pi / 6;  //!< central width above which SimpleScattering is used [rad]
constexpr double relative_loss_max = 0.5;  //!< 1 - E_end/E_start above which SimpleScattering is used [1]
constexpr double min_true_length_conversion = 1 * units::nm;  //!< t = z below this (tlimitminfix2) [mm]
constexpr double electron_like_mass_limit = 0.6 * units::MeV;  //!< masslimite: e+- stepping [MeV]

//! 1/(beta c p) for kinetic energy T and mass m [1/MeV].
double inverse_beta_cp(double kinetic_energy, double mass) noexcept
{
    return (kinetic_energy + mass) / (kinetic_energy * (kinetic_energy + 2 * mass));
}

// Radiation logarithms (PDG Table 34.2 for Z <= 4).
constexpr std::array<double, 5> l_rad_light = {0, 5.31, 4.79, 4.74, 4.71};
constexpr std::array<double, 5> l_rad_prime_light = {0, 6.144, 5.621, 5.805, 5.924};

//! Coulomb correction f(Z) (PDG eq. 34.27).
double coulomb_correction(int z) noexcept
{
    const double a2 = (alpha * z) * (alpha * z);
    return a2 * (1 / (1 + a2) + 0.20206 - 0.0369 * a2 + 0.0083 * a2 * a2 - 0.002 * a2 * a2 * a2);
}
}  // namespace

double tsai_radiation_length(std::span<const ElementDensity> elements)
{
    double inverse = 0;  // [1/mm]
    for (const auto& element : elements)
    {
        const int z = element.atomic_number;
        const double zd = z;
        const double l_rad = z <= 4 ? l_rad_light[z] : std::log(184.15 / std::cbrt(zd));
        const double l_rad_prime = z <= 4 ? l_rad_prime_light[z] : std::log(1194.0 / std::cbrt(zd * zd));
        inverse += element.atoms_per_volume *
                   (zd * zd * (l_rad - coulomb_correction(z)) + zd * l_rad_prime);
    }
    inverse *= 4 * alpha * classical_electron_radius * classical_electron_radius;
    return 1 / inverse;
}

MscMaterialData make_msc_material_data(std::span<const ElementDensity> elements)
{
    if (elements.empty())
        throw InputError("MSC material without elements (the Urban model needs the composition) "
                         "give at least one element");
    MscMaterialData data;
    for (const auto& element : elements)
    {
        if (element.atomic_number < 1 || element.atomic_number > 100)
            throw InputError(fmt::format("MSC material element Z = {} (outside 1..100) check the composition",
                                         element.atomic_number));
        if (!(element.atoms_per_volume > 0) || !std::isfinite(element.atoms_per_volume))
            throw InputError(fmt::format("MSC material element Z = {} has atoms_per_volume = {} "
                                         "(must be positive and finite) check the density",
                                         element.atomic_number, element.atoms_per_volume));
        data.atom_density += element.atoms_per_volume;
        data.electron_density += element.atoms_per_volume * element.atomic_number;
    }
    data.z_eff = data.electron_density / data.atom_density;
    data.radiation_length = tsai_radiation_length(elements);
    data.elements.assign(elements.begin(), elements.end());
    return data;
}

void MultipleScattering::Config::validate() const
{
    const auto positive_finite = [](double x) { return std::isfinite(x) && x > 0; };
    if (!positive_finite(range_factor) || range_factor > 1)
        throw InputError(fmt::format("msc range_factor = {} (must be in (0, 1]; Geant4 default 0.04) "
                                     "use e.g. 0.04",
                                     range_factor));
    if (!positive_finite(safety_factor) || safety_factor > 1)
        throw InputError(fmt::format("msc safety_factor = {} (must be in (0, 1]; Geant4 default 0.6) "
                                     "use e.g. 0.6",
                                     safety_factor));
    if (!positive_finite(lambda_limit))
        throw InputError(fmt::format("msc lambda_limit = {} mm (must be positive) use 1 mm", lambda_limit));
    if (!positive_finite(min_step_fix))
        throw InputError(fmt::format("msc min_step_fix = {} mm (must be positive) use 1e-8 mm", min_step_fix));
    if (!positive_finite(linear_loss_limit) || linear_loss_limit >= 1)
        throw InputError(fmt::format("msc linear_loss_limit = {} (must be in (0, 1)) use 0.05",
                                     linear_loss_limit));
}

MultipleScattering::MultipleScattering(const MscMaterialData& material, const Particle& particle)
    : MultipleScattering(material, particle, Config{})
{
}

MultipleScattering::MultipleScattering(const MscMaterialData& material, const Particle& particle,
                                       const Config& config)
    : material_(material), particle_(particle), config_(config)
{
    config_.validate();
    if (material_.elements.empty() || !(material_.radiation_length > 0) || !(material_.z_eff > 0))
        throw InputError("MSC material data incomplete (no elements, X0 or Zeff) "
                         "build it with make_msc_material_data");
    if (!(particle_.mass > 0) || particle_.charge == 0)
        throw InputError(fmt::format("MSC particle mass = {} MeV, charge = {} (needs a charged massive "
                                     "particle) use e-, e+ or mu",
                                     particle_.mass, particle_.charge));

    // Zeff-dependent coefficients: PRM "Angular distribution" (theta0 correction
    // and tail parameter), G4UrbanMscModel::UpdateCache in Geant4 10.0.
    const double z = material_.z_eff;
    const double w = std::pow(z, 1.0 / 6);
    const double facz = 0.990395 + w * (-0.168386 + w * 0.093286);
    coeff_theta1_ = facz * (1 - 8.7780e-2 / z);
    coeff_theta2_ = facz * (4.0780e-2 + 1.7315e-4 * z);
    const double z13 = std::cbrt(z);
    coeff_tail_ = {2.3785 - z13 * (4.1981e-1 - z13 * 6.3100e-2), 4.7526e-1 + z13 * (1.7694 - z13 * 3.3885e-1),
                   2.3683e-1 - z13 * (1.8111 - z13 * 3.2774e-1), 1.7888e-2 + z13 * (1.9659e-2 - z13 * 2.6664e-3)};

    // lambda1 table: 100 eV .. 100 TeV, 20 points per decade.
    constexpr double e_min = 100 * units::eV;
    constexpr int points_per_decade = 20;
    constexpr int decades = 12;
    const double log_step = std::log(10.0) / points_per_decade;
    log_energy_min_ = std::log(e_min);
    inverse_log_step_ = 1 / log_step;
    log_lambda_.resize(points_per_decade * decades + 1);
    for (std::size_t i = 0; i < log_lambda_.size(); ++i)
    {
        const double energy = std::exp(log_energy_min_ + static_cast<double>(i) * log_step);
        double macroscopic = 0;  // [1/mm]
        for (const auto& element : material_.elements)
            macroscopic += element.atoms_per_volume * transport_cross_section_per_atom(element.atomic_number, energy);
        log_lambda_[i] = -std::log(macroscopic);
    }
}

double MultipleScattering::transport_cross_section_per_atom(int atomic_number, double kinetic_energy) const noexcept
{
    // PRM "Multiple scattering", Urban model: sigma1 = 2 pi r_e^2 Z^2 / (beta^2 bg2)
    // [ln(1 + 2 eps) - 2 eps/(1 + 2 eps)] / corr(Z, T), eps = 2 bg2 / (alpha^2 Z^(2/3)),
    // with Urban's correction tables below 10 MeV and a fitted beta^2 dependence
    // above (G4UrbanMscModel::ComputeCrossSectionPerAtom, Geant4 10.0).
    const double zd = atomic_number;
    const double z23 = std::cbrt(zd * zd);

    // Particles heavier than e: electron kinetic energy with the same p*beta.
    double e_kinetic = kinetic_energy;
    if (particle_.mass > electron_mass)
    {
        const double tau_m = kinetic_energy / particle_.mass;
        const double c = particle_.mass * tau_m * (tau_m + 2) / (electron_mass * (tau_m + 1));
        const double w = c - 2;
        e_kinetic = electron_mass * 0.5 * (w + std::sqrt(w * w + 4 * c));
    }
    const double e_total = e_kinetic + electron_mass;
    const double beta2 = e_kinetic * (e_total + electron_mass) / (e_total * e_total);
    const double bg2 = e_kinetic * (e_total + electron_mass) / (electron_mass * electron_mass);
    const double charge2 = particle_.charge * particle_.charge;

    const double eps = screening_factor * bg2 / z23;
    double sigma;
    if (eps < 1e-4)
        sigma = 2 * eps * eps;
    else if (eps < 1e10)
        sigma = std::log(1 + 2 * eps) - 2 * eps / (1 + 2 * eps);
    else
        sigma = std::log(2 * eps) - 1 + 1 / eps;
    sigma *= charge2 * zd * zd / (beta2 * bg2);

    // bin in Z (clamped to the table; outside, Z^2 scaling from the end bins)
    int iz = 14;
    while (iz >= 0 && z_table[iz] >= zd) --iz;
    iz = std::clamp(iz, 0, 13);
    const double z1 = z_table[iz];
    const double z2 = z_table[iz + 1];
    const double ratio_z = (zd - z1) * (zd + z1) / ((z2 - z1) * (z2 + z1));

    if (e_kinetic <= t_limit)
    {
        int it = 21;
        while (it >= 0 && t_table[it] >= e_kinetic) --it;
        it = std::clamp(it, 0, 20);
        const auto beta2_of = [](double t) {
            const double e = t + electron_mass;
            return t * (e + electron_mass) / (e * e);
        };
        const double b2_low = beta2_of(t_table[it]);
        const double b2_high = beta2_of(t_table[it + 1]);
        const double ratio_b2 = (beta2 - b2_low) / (b2_high - b2_low);
        const CorrectionTable& table = particle_.charge < 0 ? electron_correction : positron_correction;
        const double cc1 = table[iz][it] + ratio_z * (table[iz + 1][it] - table[iz][it]);
        const double cc2 = table[iz][it + 1] + ratio_z * (table[iz + 1][it + 1] - table[iz][it + 1]);
        const double correction = cc1 + ratio_b2 * (cc2 - cc1);
        return sigma * sigma_factor / correction;
    }
    const double c1 = bg2_limit * sigma_at_t_limit[iz] * units::barn *
                      (1 + high_energy_correction[iz] * (beta2 - beta2_limit)) / bg2;
    const double c2 = bg2_limit * sigma_at_t_limit[iz + 1] * units::barn *
                      (1 + high_energy_correction[iz + 1] * (beta2 - beta2_limit)) / bg2;
    if (zd < z1) return charge2 * zd * zd * c1 / (z1 * z1);
    if (zd > z2) return charge2 * zd * zd * c2 / (z2 * z2);
    return charge2 * (c1 + ratio_z * (c2 - c1));
}

double MultipleScattering::transport_mean_free_path(double kinetic_energy) const noexcept
{
    return transport_mean_free_path_at(std::log(kinetic_energy)).value;
}

MscLambda MultipleScattering::transport_mean_free_path_at(double log_kinetic_energy) const noexcept
{
    const double x = (log_kinetic_energy - log_energy_min_) * inverse_log_step_;
    const double last = static_cast<double>(log_lambda_.size() - 1);
    double log_lambda;
    if (!(x > 0))
    {
        log_lambda = log_lambda_.front();
    }
    else if (x >= last)
    {
        log_lambda = log_lambda_.back();
    }
    else
    {
        const auto i = static_cast<std::size_t>(x);
        const double f = x - static_cast<double>(i);
        log_lambda = log_lambda_[i] + f * (log_lambda_[i + 1] - log_lambda_[i]);
    }
    return {std::exp(log_lambda), log_lambda};
}

double MultipleScattering::theta0(double true_length, double start_kinetic_energy,
                                  double end_kinetic_energy) const noexcept
{
    // PRM "Angular distribution", eq. for theta0 (G4UrbanMscModel::ComputeTheta0, Geant4 10.0).
    const double m = particle_.mass;
    const double inv_bcp = std::sqrt(inverse_beta_cp(start_kinetic_energy, m) * inverse_beta_cp(end_kinetic_energy, m));
    const double y = true_length / material_.radiation_length;
    return highland_constant * std::abs(particle_.charge) * std::sqrt(y) * inv_bcp *
           (coeff_theta1_ + coeff_theta2_ * std::log(y));
}

double MultipleScattering::limit_step(double kinetic_energy, double range, double safety, double physics_step,
                                      MscStepStart start, MscTrackState& state, RandomStream& rng) const
{
    // lambda1 is only needed when the limit is re-initialised.
    const bool needs_lambda = !state.inside && std::min(physics_step, range) >= config_.min_step_fix &&
                              !(range < safety) && (state.first_step || start == MscStepStart::boundary);
    return limit_step(kinetic_energy, range, safety, physics_step, start, state, rng,
                      needs_lambda ? transport_mean_free_path(kinetic_energy) : 0.0);
}

double MultipleScattering::limit_step(double kinetic_energy, double range, double safety, double physics_step,
                                      MscStepStart start, MscTrackState& state, RandomStream& rng,
                                      double lambda1) const
{
    // PRM "Step limitation algorithm", UseSafety (G4UrbanMscModel::ComputeTruePathLengthLimit,
    // steppingAlgorithm == fUseSafety, Geant4 10.0).
    double t = std::min(physics_step, range);
    if (state.inside || t < config_.min_step_fix) return t;
    if (range < safety)
    {
        state.inside = true;  // cannot reach a boundary: no MSC step limit any more
        return t;
    }
    const bool reinitialise = state.first_step || start == MscStepStart::boundary;
    state.first_step = false;
    if (reinitialise)
    {
        const double lambda0 = lambda1;
        state.range_init = range;
        state.range_factor = config_.range_factor;
        if (particle_.mass < electron_like_mass_limit)  // Geant4 9.1-like stepping for e+- only
        {
            state.range_init = std::max(range, lambda0);
            if (lambda0 > config_.lambda_limit) state.range_factor *= 0.75 + 0.25 * lambda0 / config_.lambda_limit;
        }
        // step_min ~ elastic mean free path ~ lambda1 1e-3/(T(10+T)), T in MeV
        const double t_mev = kinetic_energy / units::MeV;
        const double step_min = lambda0 * 1e-3 / (t_mev * (10 + t_mev));
        state.min_step = std::max(10 * step_min, config_.min_step_fix);
    }
    double limit = std::max(state.range_factor * state.range_init, config_.safety_factor * safety);
    limit = std::max(limit, state.min_step);
    if (reinitialise)
    {
        // Randomise the first step in a volume: Gaussian(limit, 0.3 limit) within
        // [min_step, 2 limit - min_step].
        double randomised = state.min_step;
        if (limit > state.min_step)
        {
            do
            {
                randomised = limit * (1 + 0.3 * box_muller_normal(rng));
            } while (randomised < state.min_step || randomised > 2 * limit - state.min_step);
        }
        limit = randomised;
    }
    return std::min(t, limit);
}

MscStep MultipleScattering::true_to_geom(double true_length, double kinetic_energy, double range,
                                         double end_kinetic_energy) const noexcept
{
    return true_to_geom(true_length, kinetic_energy, range, lambda_at_energy(kinetic_energy),
                        end_kinetic_energy > 0 ? std::log(end_kinetic_energy)
                                               : -std::numeric_limits<double>::infinity());
}

MscStep MultipleScattering::true_to_geom(double true_length, double kinetic_energy, double range, MscLambda start,
                                         double log_end_kinetic_energy) const noexcept
{
    // PRM "Path length transformation" (G4UrbanMscModel::ComputeGeomPathLength, Geant4 10.0):
    // z = lambda1 (1 - exp(-t/lambda1)) without energy loss; with lambda1 varying
    // linearly in t, z = (1 - (lambda1_end/lambda1_start)^(1+1/(par1 lambda1)))/(par1 (1 + 1/(par1 lambda1))).
    MscStep step;
    step.true_length = std::min(true_length, range);
    step.geom_length = step.true_length;
    step.kinetic_energy = kinetic_energy;
    step.range = range;
    step.lambda1 = start.value;
    step.log_lambda1 = start.log_value;
    const double t = step.true_length;
    const double lambda0 = step.lambda1;
    if (t < min_true_length_conversion) return step;
    const double tau = t / lambda0;
    if (tau <= tau_small) return step;

    double z;
    if (t < range * config_.linear_loss_limit)
    {
        z = tau < tau_linear ? t * (1 - 0.5 * tau) : lambda0 * -std::expm1(-tau);
    }
    else if (kinetic_energy < particle_.mass || t == range)
    {
        step.par1 = 1 / range;
        const double par2 = 1 / (step.par1 * lambda0);
        step.par3 = 1 + par2;
        z = t < range ? (1 - std::exp(step.par3 * std::log1p(-t / range))) / (step.par1 * step.par3)
                      : 1 / (step.par1 * step.par3);
    }
    else
    {
        const double lambda1 = transport_mean_free_path_at(log_end_kinetic_energy).value;
        step.par1 = (lambda0 - lambda1) / (lambda0 * t);
        if (std::abs(step.par1) * lambda0 < 1e-10)
        {
            // lambda1 essentially constant: the exponential form
            step.par1 = -1;
            z = lambda0 * -std::expm1(-tau);
        }
        else
        {
            const double par2 = 1 / (step.par1 * lambda0);
            step.par3 = 1 + par2;
            z = (1 - std::exp(step.par3 * std::log(lambda1 / lambda0))) / (step.par1 * step.par3);
        }
    }
    step.geom_length = std::min(z, lambda0);
    return step;
}

double MultipleScattering::geom_to_true(const MscStep& step, double geom_length) const noexcept
{
    // Inverse of true_to_geom (G4UrbanMscModel::ComputeTrueStepLength, Geant4 10.0).
    if (geom_length == step.geom_length) return step.true_length;
    if (geom_length < min_true_length_conversion) return geom_length;
    const double lambda0 = step.lambda1;
    double t = geom_length;
    if (geom_length > lambda0 * tau_small)
    {
        if (step.par1 < 0)
        {
            t = geom_length < lambda0 ? -lambda0 * std::log1p(-geom_length / lambda0) : step.true_length;
        }
        else if (step.par1 * step.par3 * geom_length < 1)
        {
            t = (1 - std::exp(std::log1p(-step.par1 * step.par3 * geom_length) / step.par3)) / step.par1;
        }
        else
        {
            t = step.range;
        }
        t = std::clamp(t, geom_length, std::max(geom_length, step.true_length));
    }
    return t;
}

double MultipleScattering::sample_cos_theta(double true_length, double start_kinetic_energy,
                                            double end_kinetic_energy, RandomStream& rng) const
{
    const MscLambda start = lambda_at_energy(start_kinetic_energy);
    const MscLambda end = end_kinetic_energy == start_kinetic_energy ? start : lambda_at_energy(end_kinetic_energy);
    return sample_cos_theta_impl(true_length, start_kinetic_energy, end_kinetic_energy, start, end, rng).cos_theta;
}

MultipleScattering::CosThetaSample MultipleScattering::sample_cos_theta_impl(double true_length,
                                                                             double start_kinetic_energy,
                                                                             double end_kinetic_energy,
                                                                             MscLambda start, MscLambda end,
                                                                             RandomStream& rng) const
{
    // PRM "Angular distribution" (G4UrbanMscModel::SampleCosineTheta, Geant4 10.0).
    CosThetaSample out;
    const double lambda0 = start.value;
    double tau = true_length / lambda0;
    const double lambda_end = end.value;
    if (std::abs(lambda_end / lambda0 - 1) > 0.01 && lambda_end > 0)
        tau = true_length * (start.log_value - end.log_value) / (lambda0 - lambda_end);  // mean tau along the step
    out.tau = tau;
    out.lambda_effective = true_length / tau;

    if (tau >= tau_big)
    {
        out.cos_theta = -1 + 2 * rng.uniform();
        return out;
    }
    if (tau < tau_small) return out;

    // The exact moments <cos> and <cos^2> of the Goudsmit-Saunderson/Lewis theory
    // (for a constant lambda1, with lambda2 ~ lambda1/2.5 for <cos^2>).
    constexpr double series_limit = 0.01;
    double mean_cos;
    double mean_cos2;
    if (tau < series_limit)
    {
        mean_cos = 1 - tau * (1 - 0.5 * tau);
        mean_cos2 = 1 - tau * (5 - 6.25 * tau) / 3;
    }
    else
    {
        out.exp_tau = std::exp(-tau);
        out.exp_kappa_tau = std::exp(-2.5 * tau);
        mean_cos = out.exp_tau;
        mean_cos2 = (1 + 2 * out.exp_kappa_tau) / 3;
    }

    // "Simple scattering": two model functions with the exact <cos> and <cos^2>.
    const auto simple_scattering = [&]() {
        const double a = (2 * mean_cos + 9 * mean_cos2 - 3) / (2 * mean_cos - 3 * mean_cos2 + 1);
        const double prob = (a + 2) * mean_cos / a;
        if (rng.uniform() < prob) return -1 + 2 * std::exp(std::log(rng.uniform_open()) / (a + 1));
        return -1 + 2 * rng.uniform();
    };

    const double relative_loss = 1 - end_kinetic_energy / start_kinetic_energy;
    if (relative_loss > relative_loss_max)
    {
        out.cos_theta = simple_scattering();
        return out;
    }

    // Steps shorter than tlimitmin ~ 10 elastic mfp scatter with probability t/tlimitmin
    // as if they were tlimitmin long.
    const double t_mev = start_kinetic_energy / units::MeV;
    const double t_small = std::max(10 * lambda0 * 1e-3 / (t_mev * (10 + t_mev)), config_.min_step_fix);
    bool extreme_small_step = false;
    double theta0_value = 0;
    if (true_length > t_small)
    {
        theta0_value = theta0(true_length, start_kinetic_energy, end_kinetic_energy);
    }
    else if (rng.uniform() < true_length / t_small)
    {
        theta0_value = theta0(t_small, start_kinetic_energy, end_kinetic_energy);
        extreme_small_step = true;
    }
    const double theta2 = theta0_value * theta0_value;
    if (theta2 < tau_small) return out;
    if (theta0_value > theta0_max)
    {
        out.cos_theta = simple_scattering();
        return out;
    }

    // x = 2 sin^2(theta0/2) ~ theta0^2 (1 - theta0^2/12): the central part is exp(-(1-cos)/x)
    double x = theta2 * (1 - theta2 / 12);
    if (theta2 > series_limit)
    {
        const double s = 2 * std::sin(0.5 * theta0_value);
        x = s * s;
    }

    // Tail parameter xsi (c in the PRM), a fit in tau^(1/6) and ln(lambda/X0).
    const double u = extreme_small_step ? std::exp(std::log(t_small / lambda0) / 6) : std::exp(std::log(tau) / 6);
    const double xx = std::log(out.lambda_effective / material_.radiation_length);
    double xsi = coeff_tail_[0] + u * (coeff_tail_[1] + coeff_tail_[2] * u) + coeff_tail_[3] * xx;
    xsi = std::max(xsi, 1.9);  // the tail should not be too big

    double c = xsi;
    if (std::abs(c - 3) < 0.001)
        c = 3.001;
    else if (std::abs(c - 2) < 0.001)
        c = 2.001;
    const double c1 = c - 1;

    const double ea = std::exp(-xsi);
    const double eaa = 1 - ea;
    const double mean_cos_central = 1 - (1 - (1 + xsi) * ea) * x / eaa;
    const double x0 = 1 - xsi * x;
    if (mean_cos_central <= 0.999 * mean_cos)
    {
        out.cos_theta = simple_scattering();
        return out;
    }
    // tail function ~ (b - cos)^-c, continuous with its derivative at cos = x0
    const double b = 1 + (c - xsi) * x;
    const double b1 = b + 1;
    const double bx = c * x;
    const double eb1 = std::pow(b1, c1);
    const double ebx = std::pow(bx, c1);
    const double d = ebx / eb1;
    const double mean_cos_tail = (x0 + d - (bx - b1 * d) / (c - 2)) / (1 - d);

    const double f1x0 = ea / eaa;
    const double f2x0 = c1 / (c * (1 - d));
    const double prob = f2x0 / (f1x0 + f2x0);
    // weight of central+tail against an isotropic part, fixing <cos> = exp(-tau)
    const double qprob = mean_cos / (prob * mean_cos_central + (1 - prob) * mean_cos_tail);

    if (rng.uniform() < qprob)
    {
        if (rng.uniform() < prob)
        {
            out.cos_theta = 1 + std::log(ea + rng.uniform() * eaa) * x;
        }
        else
        {
            double var = (1 - d) * rng.uniform();
            if (var < series_limit * d)
            {
                var /= d * c1;
                out.cos_theta = -1 + var * (1 - 0.5 * var * c) * (2 + (c - xsi) * x);
            }
            else
            {
                out.cos_theta = 1 + x * (c - xsi - c * std::exp(-std::log(var + d) / c1));
            }
        }
    }
    else
    {
        out.cos_theta = -1 + 2 * rng.uniform();
    }
    return out;
}

double MultipleScattering::lateral_correlation(const CosThetaSample& sample) const noexcept
{
    const double tau = sample.tau;
    const double lambda_effective = sample.lambda_effective;
    // <x.v> of Lewis' moments with lambda2 = lambda1/kappa, kappa = 2.5 (PRM "Lateral
    // displacement"; G4UrbanMscModel::LatCorrelation, Geant4 10.0).
    constexpr double kappa = 2.5;
    constexpr double kappa_minus_1 = 1.5;
    if (tau < tau_small) return 0;
    if (tau < tau_linear) return lambda_effective * kappa * tau * tau * (1 - (kappa + 1) * tau / 3) / 3;
    // exp(-tau) and exp(-kappa tau) are those of the angular sampling when it computed them
    const double etau = tau < tau_big ? (sample.exp_tau >= 0 ? sample.exp_tau : std::exp(-tau)) : 0;
    double correlation = (sample.exp_kappa_tau >= 0 ? sample.exp_kappa_tau : std::exp(-kappa * tau)) / kappa_minus_1;
    correlation += 1 - kappa * etau / kappa_minus_1;
    return correlation * 2 * lambda_effective / 3;
}

MscDeflection MultipleScattering::sample_scattering(const MscStep& step, double end_kinetic_energy, double safety,
                                                    RandomStream& rng) const
{
    const MscLambda end = end_kinetic_energy == step.kinetic_energy ? MscLambda{step.lambda1, step.log_lambda1}
                          : end_kinetic_energy > 0                  ? lambda_at_energy(end_kinetic_energy)
                                                                    : MscLambda{};
    return sample_scattering(step, end_kinetic_energy, end, safety, rng);
}

MscDeflection MultipleScattering::sample_scattering(const MscStep& step, double end_kinetic_energy, MscLambda end,
                                                    double safety, RandomStream& rng) const
{
    // PRM "Multiple scattering" (G4UrbanMscModel::SampleScattering, Geant4 10.0).
    MscDeflection out;
    const double t = step.true_length;
    if (end_kinetic_energy <= units::eV || t <= config_.min_step_fix || t < tau_small * step.lambda1) return out;

    const auto sample = sample_cos_theta_impl(t, step.kinetic_energy, end_kinetic_energy,
                                              MscLambda{step.lambda1, step.log_lambda1}, end, rng);
    const double cth = sample.cos_theta;
    if (std::abs(cth) > 1) return out;
    const double sth = std::sqrt((1 - cth) * (1 + cth));
    const double phi = 2 * pi * rng.uniform();
    const double cos_phi = std::cos(phi);
    const double sin_phi = std::sin(phi);
    out.direction = {sth * cos_phi, sth * sin_phi, cth};

    if (!config_.lateral_displacement || safety <= min_true_length_conversion || sample.tau < tau_small) return out;
    const double z = step.geom_length;
    const double r_max = std::sqrt(std::max(0.0, (t - z) * (t + z)));
    const double r = r_max * std::cbrt(rng.uniform());
    if (!(r > 0)) return out;
    // Azimuth of the displacement: correlated with that of the deflection so that
    // <r . v> matches the Lewis moment.
    const double correlation = std::min(lateral_correlation(sample), r);
    if (std::abs(r * sth) < correlation)
    {
        const double displacement_phi = 2 * pi * rng.uniform();
        out.displacement = {r * std::cos(displacement_phi), r * std::sin(displacement_phi), 0};
    }
    else
    {
        // Azimuth phi +- psi with psi = acos(correlation / (r sin theta)), as G4UrbanMscModel;
        // its cosine and sine from the angle-sum identities (no acos, cos, sin).
        const double cos_psi = std::clamp(correlation / (r * sth), -1.0, 1.0);
        const double sin_psi = std::sqrt((1 - cos_psi) * (1 + cos_psi));
        const double sign = rng.uniform() < 0.5 ? 1.0 : -1.0;
        out.displacement = {r * (cos_phi * cos_psi - sign * sin_phi * sin_psi),
                            r * (sin_phi * cos_psi + sign * cos_phi * sin_psi), 0};
    }
    return out;
}
}  // namespace umbra::sim
