#include "umbra/sim/Bremsstrahlung.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::sim
{
namespace
{
using constants::alpha;
using constants::electron_mass;
using constants::pi;

//! Classical electron radius r_e = alpha hbar c / (m c^2) [mm].
constexpr double electron_radius = alpha * constants::hbar_c / electron_mass;
//! Reduced Compton wavelength hbar / (m c) [mm].
constexpr double compton_length = constants::hbar_c / electron_mass;
//! 16 alpha r_e^2 / 3: prefactor of Tsai's DCS (Tsai RMP 46 (1974) 815, eq. 3.9) [mm^2].
constexpr double brem_factor = 16.0 * alpha * electron_radius * electron_radius / 3.0;
//! 4 pi r_e lambdabar_e^2: k_p^2 = this * n_e * E^2 (Ter-Mikaelian; Klein RMP 71 (1999)
//! 1501, eq. 20; G4eBremsstrahlungRelModel fMigdalConstant) [mm^3].
constexpr double migdal_constant = 4.0 * pi * electron_radius * compton_length * compton_length;
//! alpha m^2 / (4 pi hbar c): E_LPM = this * X0 (Klein eq. 2; PDG review, LPM) [MeV/mm].
constexpr double lpm_constant = alpha * electron_mass * electron_mass / (4.0 * pi * constants::hbar_c);

//! Tsai's L_rad and L'_rad for Z = 1..4 (Tsai RMP 46 (1974) 815, Table B.2; PDG review
//! "Passage of particles through matter", Table 34.2), index Z.
constexpr std::array<double, 5> l_rad_light{0.0, 5.31, 4.79, 4.74, 4.71};
constexpr std::array<double, 5> l_rad_inelastic_light{0.0, 6.144, 5.621, 5.805, 5.924};

//! Lowest kinetic energy of G4eBremsstrahlungRelModel in Geant4's standard physics lists
//! (G4SeltzerBergerModel below); the LPM DCS is only used above it [MeV].
constexpr double lpm_min_kinetic_energy = 1.0 * units::GeV;

//! Riemann zeta(3), for the small-s expansions of Migdal's functions.
constexpr double zeta3 = 1.2020569031595942;

//! 8-point Gauss-Legendre abscissae and weights on [0, 1] (Abramowitz & Stegun 25.4.30).
constexpr std::array<double, 8> gl_x{0.019855071751231856, 0.10166676129318664, 0.2372337950418355,
                                     0.4082826787521751,   0.5917173212478249,  0.7627662049581645,
                                     0.8983332387068134,   0.9801449282487681};
constexpr std::array<double, 8> gl_w{0.05061426814518813, 0.11119051722668724, 0.15685332293894363,
                                     0.18134189168918100, 0.18134189168918100, 0.15685332293894363,
                                     0.11119051722668724, 0.05061426814518813};

//! Migdal's suppression functions G(s) and phi(s) (Migdal PR 103 (1956) 1811), in the
//! parametrisation of Stanev et al., PRD 25 (1982) 1291 as given by Klein RMP 71 (1999)
//! 1501 eq. 77 and G4eBremsstrahlungRelModel::CalcLPMFunctions; small-s: Taylor series
//! phi = 6s - 6 pi s^2 + 4 pi^2 s^3 - 48 zeta(3) s^4, G = 12 pi s^2 - 24 pi^2 s^3 +
//! 672 zeta(3) s^4; large-s: phi = 1 - 1/(84 s^4), G = 1 - 0.0230655/s^4.
void migdal_functions(double s, double& g, double& phi) noexcept
{
    const double s2 = s * s;
    const double s3 = s2 * s;
    const double s4 = s2 * s2;
    if (s < 0.1)
    {
        phi = 6.0 * s - 6.0 * pi * s2 + 4.0 * pi * pi * s3 - 48.0 * zeta3 * s4;
        g = 12.0 * pi * s2 - 24.0 * pi * pi * s3 + 672.0 * zeta3 * s4;
    }
    else if (s < 1.9516)
    {
        phi = 1.0 - std::exp(-6.0 * s * (1.0 + (3.0 - pi) * s) + s3 / (0.623 + 0.795 * s + 0.658 * s2));
        if (s < 0.415827397755)
        {
            const double psi =
                1.0 - std::exp(-4.0 * s - 8.0 * s2 / (1.0 + 3.936 * s + 4.97 * s2 - 0.05 * s3 + 7.50 * s4));
            g = 3.0 * psi - 2.0 * phi;
        }
        else
        {
            g = std::tanh(-0.160723 + 3.755030 * s - 1.798138 * s2 + 0.672827 * s3 - 0.120772 * s4);
        }
    }
    else
    {
        phi = 1.0 - 0.0119048 / s4;
        g = 1.0 - 0.0230655 / s4;
    }
}
}  // namespace

BremsstrahlungElement::BremsstrahlungElement(int atomic_number) : z_(atomic_number)
{
    if (atomic_number < 1 || atomic_number > 120)
    {
        throw InputError("bremsstrahlung: atomic number " + std::to_string(atomic_number) +
                         " is out of range (the model covers Z = 1..120) give the element's Z");
    }
    const double z = atomic_number;
    log_z_ = std::log(z);
    z13_ = std::cbrt(z);
    z23_ = z13_ * z13_;
    // Davies-Bethe-Maximon Coulomb correction as fitted in PDG review (radiation length)
    // and G4Element::ComputeCoulombFactor.
    const double az2 = (alpha * z) * (alpha * z);
    const double az4 = az2 * az2;
    coulomb_ = (0.0083 * az4 + 0.20206 + 1.0 / (1.0 + az2)) * az2 - (0.0020 * az4 + 0.0369) * az4;
    if (atomic_number < 5)
    {
        l_rad_ = l_rad_light[atomic_number];
        l_rad_inelastic_ = l_rad_inelastic_light[atomic_number];
    }
    else
    {
        l_rad_ = std::log(184.15) - log_z_ / 3.0;
        l_rad_inelastic_ = std::log(1194.0) - 2.0 * log_z_ / 3.0;
    }
    complete_factor_ = l_rad_ - coulomb_ + l_rad_inelastic_ / z;
    electron_factor_ = (1.0 + 1.0 / z) / 12.0;
    lpm_s1_ = z23_ / (184.15 * 184.15);
    inv_log_s1_ = 1.0 / std::log(lpm_s1_);
    inv_log_sqrt2_s1_ = 1.0 / std::log(std::sqrt(2.0) * lpm_s1_);
}

Bremsstrahlung::Bremsstrahlung(const BremsstrahlungElement& element, const BremsstrahlungMedium& medium,
                               double kinetic_energy, LpmSuppression lpm)
    : element_(element), kinetic_energy_(kinetic_energy), total_energy_(kinetic_energy + electron_mass)
{
    if (!(kinetic_energy > 0))
    {
        throw InputError("bremsstrahlung: kinetic energy " + std::to_string(kinetic_energy) +
                         " MeV is not positive (no photon can be emitted) pass T > 0");
    }
    if (!(medium.electron_density > 0) || !(medium.radiation_length > 0))
    {
        throw InputError("bremsstrahlung: medium electron density and radiation length must be positive "
                         "(they set the dielectric and LPM suppression) fill BremsstrahlungMedium");
    }
    const double density_factor = migdal_constant * medium.electron_density;
    density_correction_ = density_factor * total_energy_ * total_energy_;
    lpm_energy_ = lpm_constant * medium.radiation_length;
    // Geant4: below E_th = sqrt(density_factor) E_LPM the LPM effect is hidden by the
    // dielectric suppression (G4eBremsstrahlungRelModel::SetupForMaterial).
    // Geant4 runs this model (and so the LPM DCS) only above 1 GeV, G4SeltzerBergerModel below.
    lpm_active_ = lpm == LpmSuppression::geant4_threshold && kinetic_energy_ >= lpm_min_kinetic_energy &&
                  total_energy_ > std::sqrt(density_factor) * lpm_energy_;
    const double z = element_.z_;
    prefactor_ = brem_factor * z * z;
    // S at y = 0 with no screening, suppression and xi phi <= 1: the majorant Geant4 uses.
    max_scaled_ = element_.complete_factor_ + element_.electron_factor_;
}

double Bremsstrahlung::dielectric_photon_energy() const noexcept { return std::sqrt(density_correction_); }

void Bremsstrahlung::lpm_functions(double k, double& xi, double& g, double& phi) const noexcept
{
    const BremsstrahlungElement& el = element_;
    // Klein RMP 71 (1999) 1501, eqs. 75-79 (G4eBremsstrahlungRelModel::CalcLPMFunctions).
    const double s_prime = std::sqrt(0.125 * k * lpm_energy_ / (total_energy_ * (total_energy_ - k)));
    double xi_prime = 2.0;
    if (s_prime > 1.0)
    {
        xi_prime = 1.0;
    }
    else if (s_prime > std::sqrt(2.0) * el.lpm_s1_)
    {
        const double h = std::log(s_prime) * el.inv_log_sqrt2_s1_;
        xi_prime = 1.0 + h - 0.08 * (1.0 - h) * h * (2.0 - h) * el.inv_log_sqrt2_s1_;
    }
    // Dielectric suppression merged into Migdal's variable (Ter-Mikaelian eq. 20.9).
    const double s = s_prime / std::sqrt(xi_prime) * (1.0 + density_correction_ / (k * k));
    xi = 1.0;
    if (s <= el.lpm_s1_) xi = 2.0;
    else if (s <= 1.0) xi = 1.0 + std::log(s) * el.inv_log_s1_;
    migdal_functions(s, g, phi);
    // Migdal's approximation of xi can make the suppression exceed 1 (Geant4's guard).
    if (xi * phi > 1.0 || s > 0.57) xi = 1.0 / phi;
}

double Bremsstrahlung::scaled_cross_section(double k) const noexcept
{
    if (!(k > 0) || k > kinetic_energy_) return 0.0;
    const BremsstrahlungElement& el = element_;
    const double y = k / total_energy_;
    const double one_minus_y = 1.0 - y;
    double s = 0;
    if (lpm_active_)
    {
        double xi = 0, g = 0, phi = 0;
        lpm_functions(k, xi, g, phi);
        s = xi * (0.25 * y * y * g + (one_minus_y + 0.5 * y * y) * phi) * el.complete_factor_ +
            one_minus_y * el.electron_factor_;
    }
    else if (el.z_ < 5)
    {
        // Complete screening (Tsai eq. 3.83 with Table B.2).
        s = (one_minus_y + 0.75 * y * y) * el.complete_factor_ + one_minus_y * el.electron_factor_;
    }
    else
    {
        // Tsai eq. 3.9 with the Thomas-Fermi screening fits, eqs. 3.38-3.41:
        // gamma = 100 m k / (E E' Z^1/3), epsilon = 100 m k / (E E' Z^2/3).
        const double z = el.z_;
        const double d = 100.0 * electron_mass * y / (total_energy_ - k);
        const double gam = d / el.z13_;
        const double eps = d / el.z23_;
        const double gam2 = gam * gam;
        const double eps2 = eps * eps;
        const double phi1 = 16.863 - 2.0 * std::log(1.0 + 0.311877 * gam2) + 2.4 * std::exp(-0.9 * gam) +
                            1.6 * std::exp(-1.5 * gam);
        const double phi1_minus_phi2 = 2.0 / (3.0 * (1.0 + 6.5 * gam + 6.0 * gam2));
        const double psi1 = 24.34 - 2.0 * std::log(1.0 + 13.111641 * eps2) + 2.8 * std::exp(-8.0 * eps) +
                            1.2 * std::exp(-29.2 * eps);
        const double psi1_minus_psi2 = 2.0 / (3.0 * (1.0 + 40.0 * eps + 400.0 * eps2));
        s = (one_minus_y + 0.75 * y * y) *
                ((0.25 * phi1 - el.log_z_ / 3.0 - el.coulomb_) + (0.25 * psi1 - 2.0 * el.log_z_ / 3.0) / z) +
            0.125 * one_minus_y * (phi1_minus_phi2 + psi1_minus_psi2 / z);
    }
    return std::max(s, 0.0);
}

double Bremsstrahlung::differential_cross_section(double k) const noexcept
{
    if (!(k > 0) || k > kinetic_energy_) return 0.0;
    return prefactor_ * scaled_cross_section(k) / (k * (1.0 + density_correction_ / (k * k)));
}

double Bremsstrahlung::cross_section(double cut) const noexcept
{
    if (!(cut < kinetic_energy_)) return 0.0;
    cut = std::max(cut, 1e-12 * kinetic_energy_);
    // integral of k dsigma/dk over ln k (G4eBremsstrahlungRelModel::ComputeXSectionPerAtom
    // uses 0.45 intervals per unit of ln; here 1 per unit, plus 4).
    const double log_range = std::log(kinetic_energy_ / cut);
    const int n = static_cast<int>(log_range) + 4;
    const double delta = log_range / n;
    const double log_cut = std::log(cut);
    double sum = 0;
    for (int i = 0; i < n; ++i)
    {
        for (std::size_t j = 0; j < gl_x.size(); ++j)
        {
            const double k = std::exp(log_cut + (i + gl_x[j]) * delta);
            sum += gl_w[j] * scaled_cross_section(k) / (1.0 + density_correction_ / (k * k));
        }
    }
    return prefactor_ * sum * delta;
}

double Bremsstrahlung::restricted_energy_loss(double cut) const noexcept
{
    const double upper = std::min(cut, kinetic_energy_);
    if (!(upper > 0)) return 0.0;
    // integral of k dsigma/dk dk, linear in k (G4eBremsstrahlungRelModel::ComputeBremLoss:
    // 20 intervals per unit of k/E, plus 3).
    const int n = static_cast<int>(20.0 * upper / total_energy_) + 3;
    const double delta = upper / n;
    double sum = 0;
    for (int i = 0; i < n; ++i)
    {
        for (std::size_t j = 0; j < gl_x.size(); ++j)
        {
            const double k = (i + gl_x[j]) * delta;
            sum += gl_w[j] * scaled_cross_section(k) / (1.0 + density_correction_ / (k * k));
        }
    }
    return prefactor_ * sum * delta;
}

double Bremsstrahlung::sample_photon_energy(double cut, RandomStream& rng) const noexcept
{
    UMBRA_EXPECT(cut < kinetic_energy_);
    const double kp2 = density_correction_;
    const double x_min = std::log(cut * cut + kp2);
    const double x_range = std::log(kinetic_energy_ * kinetic_energy_ + kp2) - x_min;
    // The proposal density in k is k / (k^2 + k_p^2), so the acceptance is S(k)/S_max
    // (G4eBremsstrahlungRelModel::SampleSecondaries).
    double k = 0;
    double f = 0;
    do
    {
        k = std::sqrt(std::max(std::exp(x_min + rng.uniform() * x_range) - kp2, 0.0));
        f = scaled_cross_section(k);
    } while (f < max_scaled_ * rng.uniform());
    return k;
}

BremsstrahlungFinalState Bremsstrahlung::sample(double cut, const ThreeVector& direction,
                                                RandomStream& rng) const noexcept
{
    BremsstrahlungFinalState out;
    out.photon_energy = sample_photon_energy(cut, rng);
    const double cos_theta = sample_bremsstrahlung_cos_theta(kinetic_energy_, rng);
    const double sin_theta = std::sqrt((1.0 - cos_theta) * (1.0 + cos_theta));
    const double phi = 2.0 * pi * rng.uniform();
    out.photon_direction =
        rotate_to_frame({sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta}, direction);
    // 3-momentum conservation, the nucleus taking no energy (as Geant4).
    const double momentum = std::sqrt(kinetic_energy_ * (total_energy_ + electron_mass));
    out.lepton_direction = (momentum * direction - out.photon_energy * out.photon_direction).unit();
    out.lepton_kinetic_energy = kinetic_energy_ - out.photon_energy;
    return out;
}

double sample_bremsstrahlung_cos_theta(double kinetic_energy, RandomStream& rng) noexcept
{
    // G4ModifiedTsai::SampleCosTheta: f(u) ~ u e^{-a u} + d u e^{-3 a u}, a = 0.625, d = 27,
    // i.e. u = Gamma(2)/a with probability 1/4 and Gamma(2)/(3a) with probability 3/4.
    constexpr double a1 = 1.0 / 0.625;
    constexpr double a2 = a1 / 3.0;
    const double u_max = 2.0 * (1.0 + kinetic_energy / electron_mass);
    double u = 0;
    do
    {
        const double gamma2 = -std::log(rng.uniform_open() * rng.uniform_open());
        u = (rng.uniform() < 0.25 ? a1 : a2) * gamma2;
    } while (u > u_max);
    return 1.0 - 2.0 * u * u / (u_max * u_max);
}
}  // namespace umbra::sim
