#include "umbra/sim/EnergyLossFluctuation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomDistributions.hpp"
#include "umbra/core/RandomStream.hpp"

namespace umbra::sim
{
namespace
{
using constants::electron_mass;
using constants::pi;

//! Classical electron radius r_e = alpha hbar c / (m_e c^2) [mm]
constexpr double classical_electron_radius = constants::alpha * constants::hbar_c / electron_mass;
//! 2 pi m_e c^2 r_e^2 [MeV mm^2] (Geant4 twopi_mc2_rcl2)
constexpr double two_pi_mc2_re2 = 2 * pi * electron_mass * classical_electron_radius * classical_electron_radius;

//! Poisson deviate as G4Poisson: multiplication method (Knuth, TAOCP vol. 2,
//! 3.4.1 F) up to a mean of 16, above it the Gaussian approximation
//! floor(mean + sqrt(mean) N(0,1) + 0.5), clamped at 0.
double sample_poisson(double mean, RandomStream& rng) noexcept
{
    constexpr double gaussian_limit = 16;
    if (mean <= gaussian_limit)
    {
        const double limit = std::exp(-mean);
        double product = rng.uniform();
        double n = 0;
        while (product > limit)
        {
            n += 1;
            product *= rng.uniform();
        }
        return n;
    }
    return std::max(0.0, std::floor(mean + std::sqrt(mean) * box_muller_normal(rng) + 0.5));
}

//! Gamma(k, 1) deviate: Marsaglia & Tsang, ACM TOMS 26 (2000) 363, with
//! Gamma(k) = Gamma(k + 1) U^(1/k) for k < 1.
double sample_gamma(double shape, RandomStream& rng) noexcept
{
    const double k = shape < 1 ? shape + 1 : shape;
    const double d = k - 1.0 / 3;
    const double c = 1 / std::sqrt(9 * d);
    double value;
    for (;;)
    {
        double x;
        double v;
        do
        {
            x = box_muller_normal(rng);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const double u = rng.uniform_open();
        if (u < 1 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v)))
        {
            value = d * v;
            break;
        }
    }
    if (shape < 1) value *= std::pow(rng.uniform_open(), 1 / shape);
    return value;
}

//! Sum of many collisions: Gaussian(mean, sigma) truncated to [0, 2 mean],
//! or uniform in [0, 2 mean] when sigma > 4 mean (G4UniversalFluctuation::SampleGauss).
double sample_gaussian_sum(double mean, double variance, RandomStream& rng) noexcept
{
    const double sigma = std::sqrt(variance);
    if (mean < 0.25 * sigma) return 2 * mean * rng.uniform();
    double x;
    do
    {
        x = mean + sigma * box_muller_normal(rng);
    } while (x < 0 || x > 2 * mean);
    return x;
}
}  // namespace

FluctuationMaterialData make_fluctuation_material_data(std::span<const ElementDensity> elements,
                                                       double mean_excitation_energy)
{
    if (elements.empty())
        throw InputError("fluctuation material without elements (the model needs the composition) "
                         "give at least one element");
    if (!(mean_excitation_energy > 0) || !std::isfinite(mean_excitation_energy))
        throw InputError(fmt::format("mean excitation energy I = {} MeV (must be positive) "
                                     "use e.g. 173 eV for silicon (PDG)",
                                     mean_excitation_energy));
    FluctuationMaterialData data;
    bool all_masses = true;
    double mass_weight_sum = 0;
    double mass_weighted_z = 0;
    for (const auto& element : elements)
    {
        if (element.atomic_number < 1 || element.atomic_number > 100)
            throw InputError(fmt::format("fluctuation material element Z = {} (outside 1..100) "
                                         "check the composition",
                                         element.atomic_number));
        if (!(element.atoms_per_volume > 0) || !std::isfinite(element.atoms_per_volume))
            throw InputError(fmt::format("fluctuation material element Z = {} has atoms_per_volume = {} "
                                         "(must be positive and finite) check the density",
                                         element.atomic_number, element.atoms_per_volume));
        data.electron_density += element.atoms_per_volume * element.atomic_number;
        all_masses = all_masses && element.molar_mass > 0;
        mass_weight_sum += element.atoms_per_volume * element.molar_mass;
        mass_weighted_z += element.atoms_per_volume * element.molar_mass * element.atomic_number;
    }
    double z_eff = 0;
    if (all_masses)
    {
        z_eff = mass_weighted_z / mass_weight_sum;
    }
    else
    {
        for (const auto& element : elements)
            z_eff += element.atoms_per_volume * element.atomic_number * element.atomic_number;
        z_eff /= data.electron_density;
    }

    data.mean_excitation_energy = mean_excitation_energy;
    data.log_mean_excitation_energy = std::log(mean_excitation_energy);
    // Two-level model (G4IonisParamMat::ComputeFluctModel; PRM "Fluctuations in thin layers").
    if (z_eff > 2.1)
    {
        data.oscillator_strength_2 = 2 / z_eff;
        data.oscillator_strength_1 = 1 - data.oscillator_strength_2;
        data.binding_energy_2 = 10 * units::eV * z_eff * z_eff;
        data.log_binding_energy_2 = std::log(data.binding_energy_2);
        data.log_binding_energy_1 =
            (data.log_mean_excitation_energy - data.oscillator_strength_2 * data.log_binding_energy_2) /
            data.oscillator_strength_1;
    }
    else
    {
        data.oscillator_strength_1 = 1;
        data.log_binding_energy_1 = data.log_mean_excitation_energy;
    }
    data.binding_energy_1 = std::exp(data.log_binding_energy_1);
    return data;
}

void EnergyLossFluctuation::Config::validate() const
{
    const auto check = [](double value, const char* name) {
        if (!(value > 0) || !std::isfinite(value))
            throw InputError(fmt::format("fluctuation {} = {} (must be positive and finite) "
                                         "keep the Geant4 default",
                                         name, value));
    };
    check(min_loss, "min_loss");
    check(bohr_min_collisions, "bohr_min_collisions");
    check(ionisation_energy, "ionisation_energy");
    check(ionisation_rate, "ionisation_rate");
    check(width_factor, "width_factor");
    check(width_threshold, "width_threshold");
    check(max_collisions, "max_collisions");
    if (ionisation_rate >= 1)
        throw InputError(fmt::format("fluctuation ionisation_rate = {} (must be below 1) use 0.56", ionisation_rate));
}

EnergyLossFluctuation::EnergyLossFluctuation() : EnergyLossFluctuation(Config{}) {}

EnergyLossFluctuation::EnergyLossFluctuation(const Config& config) : config_(config) { config_.validate(); }

double EnergyLossFluctuation::max_energy_transfer(double kinetic_energy, double mass, Projectile projectile) noexcept
{
    switch (projectile)
    {
    case Projectile::electron: return 0.5 * kinetic_energy;
    case Projectile::positron: return kinetic_energy;
    case Projectile::heavy: break;
    }
    const double gamma = kinetic_energy / mass + 1;
    const double bg2 = kinetic_energy * (kinetic_energy + 2 * mass) / (mass * mass);
    const double ratio = electron_mass / mass;
    return 2 * electron_mass * bg2 / (1 + 2 * gamma * ratio + ratio * ratio);
}

double EnergyLossFluctuation::bohr_variance(const FluctuationMaterialData& material,
                                            const FluctuationInput& input) noexcept
{
    const double tau = input.kinetic_energy / input.mass;
    const double beta2 = tau * (tau + 2) / ((tau + 1) * (tau + 1));
    return (input.max_energy_transfer / beta2 - 0.5 * input.cut_energy) * two_pi_mc2_re2 * input.step_length *
           input.charge * input.charge * material.electron_density;
}

double EnergyLossFluctuation::operator()(const FluctuationMaterialData& material, const FluctuationInput& input,
                                         RandomStream& rng) const
{
    // PRM "Fluctuations in energy loss" (G4UniversalFluctuation::SampleFluctuations).
    const double mean_loss = input.mean_loss;
    if (mean_loss < config_.min_loss) return mean_loss;

    const double tau = input.kinetic_energy / input.mass;
    const double gamma = tau + 1;
    const double gamma2 = gamma * gamma;
    const double beta2 = tau * (tau + 2) / gamma2;
    const double t_cut = input.cut_energy;

    // Gaussian (Bohr) regime, heavy particles with many collisions.
    if (input.mass > electron_mass && mean_loss >= config_.bohr_min_collisions * t_cut &&
        input.max_energy_transfer <= 2 * t_cut)
    {
        const double sigma = std::sqrt(bohr_variance(material, input));
        const double ratio = mean_loss / sigma;
        if (ratio >= 2)  // thick absorber: Gaussian truncated to [0, 2 mean]
        {
            double loss;
            do
            {
                loss = mean_loss + sigma * box_muller_normal(rng);
            } while (loss < 0 || loss > 2 * mean_loss);
            return loss;
        }
        // Gamma distribution with the same mean and variance
        const double n_effective = ratio * ratio;
        return mean_loss * sample_gamma(n_effective, rng) / n_effective;
    }

    // Very small cut (or low-density material): no fluctuation model applies.
    if (t_cut <= config_.ionisation_energy) return mean_loss;
    return sample_urban(material, input, beta2, gamma2, rng);
}

double EnergyLossFluctuation::sample_urban(const FluctuationMaterialData& material, const FluctuationInput& input,
                                           double beta2, double gamma2, RandomStream& rng) const
{
    // PRM "Fluctuations in thin layers" (Urban model; G4UniversalFluctuation::SampleGlandz, Geant4 10.7).
    const double t_cut = input.cut_energy;
    const double e0 = config_.ionisation_energy;
    const double rate = config_.ionisation_rate;
    const double n_max = config_.max_collisions;

    // Width correction for small cuts; the mean is restored by the final scaling.
    const double scaling = 1 + 0.5 * std::min(units::keV / t_cut, 1.0);
    const double mean_loss = input.mean_loss / scaling;

    // Excitations: a_i = C f_i (w - ln E_i)/E_i, C = <Delta>(1 - r)/(w - ln I),
    // w = ln(2 m_e c^2 beta^2 gamma^2) - beta^2 (PRM eq. for the macroscopic cross-sections).
    double a1 = 0;
    double a2 = 0;
    double e1 = material.binding_energy_1;
    const double e2 = material.binding_energy_2;
    if (t_cut > material.mean_excitation_energy)
    {
        const double w = std::log(2 * electron_mass * beta2 * gamma2) - beta2;
        if (w > material.log_mean_excitation_energy)
        {
            if (material.oscillator_strength_2 > 0 && w > material.log_binding_energy_2)
            {
                const double c = mean_loss * (1 - rate) / (w - material.log_mean_excitation_energy);
                a1 = c * material.oscillator_strength_1 * (w - material.log_binding_energy_1) / e1;
                a2 = c * material.oscillator_strength_2 * (w - material.log_binding_energy_2) / e2;
            }
            else
            {
                a1 = mean_loss * (1 - rate) / e1;
            }
            // width correction: fewer, harder excitations of level 1
            const double fw = config_.width_factor;
            const double factor =
                a1 < config_.width_threshold ? 0.5 + (fw - 0.5) * std::sqrt(a1 / config_.width_threshold) : fw;
            a1 /= factor;
            e1 *= factor;
        }
    }

    // Ionisations with a 1/E^2 spectrum in [e0, T_cut] (all of the loss if no excitation).
    const double w1 = t_cut / e0;
    double a3 = rate * mean_loss * (t_cut - e0) / (e0 * t_cut * std::log(w1));
    if (a1 + a2 <= 0) a3 /= rate;

    double loss = 0;
    // Excitation losses: Poisson numbers of E_i, smeared uniformly over
    // ((n-1)E_i, (n+1)E_i); many excitations summed as a Gaussian.
    double gauss_mean = 0;
    double gauss_variance = 0;
    for (const auto& [a, e] : {std::pair{a1, e1}, std::pair{a2, e2}})
    {
        if (a > n_max)
        {
            gauss_mean += a * e;
            gauss_variance += a * e * e;
        }
        else if (a > 0)
        {
            const double n = sample_poisson(a, rng);
            if (n > 0) loss += (n + 1 - 2 * rng.uniform()) * e;
        }
    }
    if (gauss_variance > 0) loss += sample_gaussian_sum(gauss_mean, gauss_variance, rng);

    // Ionisation losses. For many collisions the lower part [e0, alpha e0] of the
    // spectrum is summed as a Gaussian (PHYS332 section 2.4, eqs. 14-19), the
    // upper part (alpha e0, T_cut] collision by collision (E = alpha e0/(1 - w u)).
    if (a3 > 0)
    {
        double p3 = a3;
        double alpha = 1;
        gauss_mean = 0;
        gauss_variance = 0;
        if (a3 > n_max)
        {
            alpha = w1 * (n_max + a3) / (w1 * n_max + a3);
            const double alpha1 = alpha * std::log(alpha) / (alpha - 1);
            const double n_gauss = a3 * w1 * (alpha - 1) / ((w1 - 1) * alpha);
            gauss_mean = n_gauss * e0 * alpha1;
            gauss_variance = e0 * e0 * n_gauss * (alpha - alpha1 * alpha1);
            p3 = a3 - n_gauss;
        }
        const double w3 = alpha * e0;
        if (t_cut > w3)
        {
            const double w = (t_cut - w3) / t_cut;
            for (auto n = static_cast<long>(sample_poisson(p3, rng)); n > 0; --n)
                loss += w3 / (1 - w * rng.uniform());
        }
        if (gauss_variance > 0) loss += sample_gaussian_sum(gauss_mean, gauss_variance, rng);
    }
    return loss * scaling;
}
}  // namespace umbra::sim
