#include "umbra/sim/PhysicsTables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <thread>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/ParallelFor.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/Bremsstrahlung.hpp"
#include "umbra/sim/ComptonScattering.hpp"
#include "umbra/sim/ElectronStoppingPower.hpp"
#include "umbra/sim/GammaConversion.hpp"
#include "umbra/sim/GammaToMuonPair.hpp"
#include "umbra/sim/MollerBhabhaScattering.hpp"
#include "umbra/sim/PhotoelectricEffect.hpp"
#include "umbra/sim/PositronAnnihilation.hpp"

namespace umbra::sim
{
namespace
{
constexpr double electron_mass = constants::electron_mass;
//! Classical electron radius r_e = alpha hbar c / m_e c^2 [mm].
constexpr double classical_electron_radius = constants::alpha * constants::hbar_c / constants::electron_mass;
//! 2 pi r_e^2 m_e c^2 [MeV mm^2] (PDG eq. 34.5: K/2 per electron).
constexpr double two_pi_re2_mc2 =
    2.0 * constants::pi * classical_electron_radius * classical_electron_radius * electron_mass;
//! Below this photon energy the photoelectric cross-section is computed on the fly
//! (G4PhotoElectricEffect: SetMinKinEnergyPrim(200 keV)) [MeV].
constexpr double photoelectric_direct_below = 200 * units::keV;
constexpr double infinity = std::numeric_limits<double>::infinity();

//! 8-point Gauss-Legendre abscissae and weights on [0, 1] (Abramowitz & Stegun 25.4.30).
constexpr std::array<double, 8> gl_x{0.0198550717512319, 0.1016667612931866, 0.2372337950418355,
                                     0.4082826787521751, 0.5917173212478249, 0.7627662049581645,
                                     0.8983332387068134, 0.9801449282487681};
constexpr std::array<double, 8> gl_w{0.0506142681451881, 0.1111905172266872, 0.1568533229389436,
                                     0.1813418916891810, 0.1813418916891810, 0.1568533229389436,
                                     0.1111905172266872, 0.0506142681451881};

constexpr std::array<ProcessId, 2> electron_processes{ProcessId::ionisation, ProcessId::bremsstrahlung};
constexpr std::array<ProcessId, 3> positron_processes{ProcessId::ionisation, ProcessId::bremsstrahlung,
                                                      ProcessId::annihilation};
constexpr std::array<ProcessId, 4> gamma_processes{ProcessId::compton, ProcessId::photoelectric,
                                                   ProcessId::conversion, ProcessId::muon_pair};
constexpr std::array<ProcessId, 1> muon_processes{ProcessId::muon_ionisation};

//! Index into MaterialTables::msc for a charged kind.
std::size_t msc_index(ParticleKind kind) noexcept
{
    switch (kind)
    {
    case ParticleKind::electron: return 0;
    case ParticleKind::positron: return 1;
    case ParticleKind::muon_minus: return 2;
    case ParticleKind::muon_plus: return 3;
    case ParticleKind::gamma: break;
    }
    return 0;
}

Charge electron_charge(ParticleKind kind) noexcept
{
    return kind == ParticleKind::positron ? Charge::positron : Charge::electron;
}

Lepton lepton_of(ParticleKind kind) noexcept
{
    return kind == ParticleKind::positron ? Lepton::positron : Lepton::electron;
}

bool is_electron_target(ProcessId process) noexcept
{
    return process == ProcessId::ionisation || process == ProcessId::annihilation ||
           process == ProcessId::muon_ionisation;
}

//! The process's table id for `kind` (muon ionisation synonym).
ProcessId canonical(ProcessId process, ParticleKind kind) noexcept
{
    if (is_muon(kind) && process == ProcessId::ionisation) return ProcessId::muon_ionisation;
    return process;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// MuonIonisation

double MuonIonisation::max_energy_transfer(double kinetic_energy, double mass) noexcept
{
    return EnergyLossFluctuation::max_energy_transfer(kinetic_energy, mass, Projectile::heavy);
}

double MuonIonisation::differential_cross_section(double kinetic_energy, double mass, double delta_energy) noexcept
{
    const double t_max = max_energy_transfer(kinetic_energy, mass);
    if (!(delta_energy > 0) || delta_energy > t_max) return 0.0;
    const double total = kinetic_energy + mass;
    const double beta2 = kinetic_energy * (kinetic_energy + 2 * mass) / (total * total);
    // Delta-ray spectrum of a spin-1/2 projectile (B. Rossi, "High-Energy Particles" (1952);
    // PDG Sec. 34.2.7 gives the spin-0 part; Geant4 PRM "Muon incident" > "Ionisation").
    const double bracket =
        1.0 - beta2 * delta_energy / t_max + 0.5 * delta_energy * delta_energy / (total * total);
    return two_pi_re2_mc2 / beta2 / (delta_energy * delta_energy) * bracket;
}

double MuonIonisation::cross_section_per_electron(double kinetic_energy, double mass, double cut) noexcept
{
    const double t_max = max_energy_transfer(kinetic_energy, mass);
    if (!(cut < t_max) || !(cut > 0)) return 0.0;
    const double total = kinetic_energy + mass;
    const double energy2 = total * total;
    const double beta2 = kinetic_energy * (kinetic_energy + 2 * mass) / energy2;
    // Integral of differential_cross_section over (cut, T_max]
    // (G4MuBetheBlochModel::ComputeCrossSectionPerElectron without Kokoulin's radiative term).
    const double bracket = 1.0 / cut - 1.0 / t_max - beta2 * std::log(t_max / cut) / t_max +
                           0.5 * (t_max - cut) / energy2;
    return two_pi_re2_mc2 / beta2 * bracket;
}

double MuonIonisation::dedx(const geometry::Material& material, double kinetic_energy, double mass, double cut)
{
    if (!(kinetic_energy > 0)) return 0.0;
    if (kinetic_energy < bethe_min_energy)
    {
        // Low-velocity stopping ~ beta ~ sqrt(T) (Lindhard; the shape of the Bragg/ICRU 49
        // parameterisation Geant4 uses below 200 keV), joined continuously at 200 keV.
        return dedx(material, bethe_min_energy, mass, cut) * std::sqrt(kinetic_energy / bethe_min_energy);
    }
    const double tau = kinetic_energy / mass;
    const double gamma = tau + 1.0;
    const double bg2 = tau * (tau + 2.0);
    const double beta2 = bg2 / (gamma * gamma);
    const double t_max = max_energy_transfer(kinetic_energy, mass);
    const double t_up = std::min(cut, t_max);
    const double excitation = material.mean_excitation_energy();
    const double total = kinetic_energy + mass;
    // PDG eq. 34.12 (restricted Bethe) with the spin-1/2 term (T_up / 2E)^2
    // (G4MuBetheBlochModel::ComputeDEDXPerVolume).
    const double x = 0.5 * std::log10(bg2);
    double bracket = std::log(2.0 * electron_mass * bg2 * t_up / (excitation * excitation)) -
                     beta2 * (1.0 + t_up / t_max) - material.density_effect(x);
    const double spin = 0.5 * t_up / total;
    bracket += spin * spin;
    bracket = std::max(bracket, 0.0);
    return two_pi_re2_mc2 * material.electron_density() / beta2 * bracket;
}

// ---------------------------------------------------------------------------------------------
// PhysicsConfig

void PhysicsConfig::validate() const
{
    if (!std::isfinite(range_cut) || !(range_cut > 0))
    {
        throw InputError(fmt::format("physics: range cut {} mm is not positive (it sets the production "
                                     "thresholds) use e.g. 0.7 mm as ldmx-sw",
                                     range_cut));
    }
    if (!std::isfinite(lowest_energy) || !std::isfinite(highest_energy) || !(lowest_energy > 0) ||
        !(highest_energy > lowest_energy))
    {
        throw InputError(fmt::format("physics: table energies [{}, {}] MeV are not 0 < lowest < highest "
                                     "(the tables span this interval) use e.g. 1 keV and 100 GeV",
                                     lowest_energy, highest_energy));
    }
    if (bins_per_decade < 1 || bins_per_decade > 1000)
    {
        throw InputError(fmt::format("physics: bins_per_decade {} is outside 1..1000 (it sets the table "
                                     "grid) use 20",
                                     bins_per_decade));
    }
    msc.validate();
}

// ---------------------------------------------------------------------------------------------
// PhysicsTables: construction

PhysicsTables::PhysicsTables(const geometry::DetectorGeometry& geometry, const PhysicsConfig& config)
    : PhysicsTables(std::span<const geometry::Material>(geometry.materials()), config)
{
}

PhysicsTables::PhysicsTables(std::span<const geometry::Material> materials, const PhysicsConfig& config)
    : config_(config)
{
    config_.validate();
    for (const auto& material : materials)
    {
        for (const auto& component : material.components())
        {
            if (!PhotoelectricEffect::has_element(component.element->atomic_number))
            {
                throw InputError(fmt::format(
                    "physics: material '{}' contains {} (Z = {}), for which no photoelectric "
                    "parameterisation is tabulated (Sandia coefficients: Z = 1-30, W, Au, Pb) "
                    "add the element's coefficients to src/sim/SandiaPhotoabsorption.cpp",
                    material.name(), component.element->symbol, component.element->atomic_number));
            }
        }
    }

    // Grid: uniform in ln E, ceil(bins_per_decade * decades) bins from lowest to highest.
    const double log_span = std::log(config_.highest_energy / config_.lowest_energy);
    const int bins = std::max(1, static_cast<int>(std::ceil(config_.bins_per_decade * log_span / std::log(10.0) - 1e-9)));
    const double log_step = log_span / bins;
    log_energy_min_ = std::log(config_.lowest_energy);
    inverse_log_step_ = 1.0 / log_step;
    energies_.resize(static_cast<std::size_t>(bins) + 1);
    for (int j = 0; j <= bins; ++j) energies_[static_cast<std::size_t>(j)] = std::exp(log_energy_min_ + j * log_step);

    materials_.reserve(materials.size());
    for (const auto& material : materials) materials_.push_back(MaterialTables{.material = material});

    unsigned threads = config_.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : config_.threads;
    threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, materials_.size())));
    parallel_ranges(threads, materials_.size(), [&](std::size_t begin, std::size_t end, unsigned) {
        for (std::size_t m = begin; m < end; ++m) build_material(materials_[m]);
    });
}

void PhysicsTables::build_material(MaterialTables& tables) const
{
    const geometry::Material& material = tables.material;
    const ProductionThresholds converter(
        ProductionThresholds::Config{.range_cut = config_.range_cut, .algorithm = config_.range_cut_algorithm});
    tables.thresholds = converter(material);

    std::vector<ElementDensity> elements;
    double cumulative = 0;
    for (const auto& component : material.components())
    {
        elements.push_back({component.element->atomic_number, component.atoms_per_volume,
                            component.element->atomic_mass});
        cumulative += component.atoms_per_volume * component.element->atomic_number;
        tables.electron_fraction_cdf.push_back(cumulative);
    }
    for (double& c : tables.electron_fraction_cdf) c /= cumulative;

    tables.msc_data = make_msc_material_data(elements);
    tables.fluctuation = make_fluctuation_material_data(elements, material.mean_excitation_energy());
    for (ParticleKind kind : all_particle_kinds)
    {
        if (!is_charged(kind)) continue;
        tables.msc.emplace_back(tables.msc_data,
                                MultipleScattering::Particle{.mass = particle_mass(kind), .charge = particle_charge(kind)},
                                config_.msc);
    }

    for (ParticleKind kind : all_particle_kinds)
    {
        ParticleTables& particle = tables.particles[static_cast<std::size_t>(index_of(kind))];
        if (is_charged(kind)) build_charged(tables, kind);
        const auto processes = discrete_processes(kind);
        particle.processes.resize(processes.size());
        for (std::size_t p = 0; p < processes.size(); ++p)
            build_process(tables, kind, processes[p], particle.processes[p]);

        // Totals (sum at the nodes).
        const std::size_t n = energies_.size();
        auto make_total = [&](ProcessTable& total, bool skip_photoelectric) {
            total.process = ProcessId::primary;
            total.sigma.assign(n, 0.0);
            total.threshold = infinity;
            for (const auto& table : particle.processes)
            {
                if (skip_photoelectric && table.process == ProcessId::photoelectric) continue;
                for (std::size_t j = 0; j < n; ++j) total.sigma[j] += table.sigma[j];
                total.threshold = std::min(total.threshold, table.threshold);
            }
            total.log_sigma.resize(n);
            total.first_nonzero = static_cast<int>(n);
            for (std::size_t j = 0; j < n; ++j)
            {
                total.log_sigma[j] = total.sigma[j] > 0 ? std::log(total.sigma[j]) : 0.0;
                if (total.sigma[j] > 0 && total.first_nonzero == static_cast<int>(n))
                    total.first_nonzero = static_cast<int>(j);
            }
            if (!std::isfinite(total.threshold)) total.threshold = 0;
            finish_threshold(total, [&](double e) {
                double sum = 0;
                for (const auto& table : particle.processes)
                    if (!(skip_photoelectric && table.process == ProcessId::photoelectric))
                        sum += direct_cross_section(tables, table.process, kind, e);
                return sum;
            });
        };
        make_total(particle.total, false);
        if (kind == ParticleKind::gamma) make_total(particle.total_without_photoelectric, true);
    }
}

void PhysicsTables::build_charged(MaterialTables& tables, ParticleKind kind) const
{
    ParticleTables& particle = tables.particles[static_cast<std::size_t>(index_of(kind))];
    const std::size_t n = energies_.size();
    particle.dedx.resize(n);
    for (std::size_t j = 0; j < n; ++j) particle.dedx[j] = direct_dedx(tables, kind, energies_[j]);

    // Range: R(E0) = 2 E0 / S(E0) (dE/dx ~ sqrt(T) below E0, G4LossTableBuilder::BuildRangeTable),
    // then int dE / S(E) = int E / S(u) du per bin, S linear in u = ln E (the lookup interpolant),
    // 8-point Gauss-Legendre.
    particle.log_range.resize(n);
    double range = 2.0 * energies_[0] / particle.dedx[0];
    particle.log_range[0] = std::log(range);
    const double log_step = 1.0 / inverse_log_step_;
    for (std::size_t j = 0; j + 1 < n; ++j)
    {
        double sum = 0;
        for (std::size_t k = 0; k < gl_x.size(); ++k)
        {
            const double s = particle.dedx[j] + gl_x[k] * (particle.dedx[j + 1] - particle.dedx[j]);
            const double energy = std::exp(log_energy_min_ + (static_cast<double>(j) + gl_x[k]) * log_step);
            sum += gl_w[k] * energy / s;
        }
        range += sum * log_step;
        particle.log_range[j + 1] = std::log(range);
    }
    particle.range_min = std::exp(particle.log_range.front());
    particle.range_max = std::exp(particle.log_range.back());
}

double PhysicsTables::element_cross_section(const MaterialTables& tables, ProcessId process, ParticleKind kind,
                                            std::size_t element, double energy) const
{
    const auto& component = tables.material.components()[element];
    const int z = component.element->atomic_number;
    const double n_atoms = component.atoms_per_volume;
    const double n_electrons = n_atoms * z;
    const double electron_cut = tables.thresholds.electron;
    switch (process)
    {
    case ProcessId::ionisation:
        if (!(energy > 0)) return 0.0;
        return n_electrons * MollerBhabhaScattering(lepton_of(kind), energy).cross_section(electron_cut);
    case ProcessId::bremsstrahlung:
    {
        if (!(energy > 0)) return 0.0;
        const BremsstrahlungMedium medium{.electron_density = tables.material.electron_density(),
                                          .radiation_length = tables.material.radiation_length()};
        const Bremsstrahlung brem(BremsstrahlungElement(z), medium, energy,
                                  config_.lpm ? LpmSuppression::geant4_threshold : LpmSuppression::disabled);
        return n_atoms * brem.cross_section(tables.thresholds.gamma);
    }
    case ProcessId::annihilation: return n_electrons * heitler_cross_section(energy);
    case ProcessId::compton: return n_atoms * ComptonScattering().cross_section_per_atom(energy, z);
    case ProcessId::photoelectric: return n_atoms * PhotoelectricEffect().cross_section_per_atom(energy, z);
    case ProcessId::conversion: return n_atoms * GammaConversion().cross_section_per_atom(energy, z);
    case ProcessId::muon_pair:
        return n_atoms * GammaToMuonPair().cross_section_per_atom(energy, z, component.element->atomic_mass);
    case ProcessId::muon_ionisation:
        return n_electrons * MuonIonisation::cross_section_per_electron(energy, particle_mass(kind), electron_cut);
    default: return 0.0;
    }
}

double PhysicsTables::direct_cross_section(const MaterialTables& tables, ProcessId process, ParticleKind kind,
                                           double energy) const
{
    double sum = 0;
    for (std::size_t i = 0; i < tables.material.components().size(); ++i)
        sum += element_cross_section(tables, process, kind, i, energy);
    return sum;
}

double PhysicsTables::photoelectric_direct(const MaterialTables& tables, double energy) const
{
    const PhotoelectricEffect photoelectric;
    double sum = 0;
    for (const auto& component : tables.material.components())
        sum += component.atoms_per_volume *
               photoelectric.cross_section_per_atom(energy, component.element->atomic_number);
    return sum;
}

double PhysicsTables::direct_dedx(const MaterialTables& tables, ParticleKind kind, double kinetic_energy) const
{
    if (!is_charged(kind) || !(kinetic_energy > 0)) return 0.0;
    const geometry::Material& material = tables.material;
    if (is_muon(kind)) return MuonIonisation::dedx(material, kinetic_energy, particle_mass(kind), tables.thresholds.electron);
    // Collision loss below the e- threshold + radiative loss below the gamma threshold.
    double loss = ElectronStoppingPower().dedx(material, kinetic_energy, tables.thresholds.electron, electron_charge(kind));
    const BremsstrahlungMedium medium{.electron_density = material.electron_density(),
                                      .radiation_length = material.radiation_length()};
    const LpmSuppression lpm = config_.lpm ? LpmSuppression::geant4_threshold : LpmSuppression::disabled;
    for (const auto& component : material.components())
    {
        const Bremsstrahlung brem(BremsstrahlungElement(component.element->atomic_number), medium, kinetic_energy, lpm);
        loss += component.atoms_per_volume * brem.restricted_energy_loss(tables.thresholds.gamma);
    }
    return loss;
}

void PhysicsTables::build_process(const MaterialTables& tables, ParticleKind kind, ProcessId process,
                                  ProcessTable& table) const
{
    const std::size_t n = energies_.size();
    const std::size_t n_el = tables.material.components().size();
    table.process = process;
    table.sigma.assign(n, 0.0);
    table.log_sigma.assign(n, 0.0);
    const bool per_element = n_el > 1 && !is_electron_target(process);
    if (per_element) table.element_cdf.assign(n * n_el, 0.0);
    table.first_nonzero = static_cast<int>(n);
    std::vector<double> partial(n_el);
    for (std::size_t j = 0; j < n; ++j)
    {
        double sum = 0;
        for (std::size_t i = 0; i < n_el; ++i)
        {
            partial[i] = element_cross_section(tables, process, kind, i, energies_[j]);
            sum += partial[i];
        }
        table.sigma[j] = sum;
        if (sum > 0)
        {
            table.log_sigma[j] = std::log(sum);
            if (table.first_nonzero == static_cast<int>(n)) table.first_nonzero = static_cast<int>(j);
            if (per_element)
            {
                double c = 0;
                for (std::size_t i = 0; i < n_el; ++i)
                {
                    c += partial[i];
                    table.element_cdf[j * n_el + i] = c / sum;
                }
                table.element_cdf[j * n_el + n_el - 1] = 1.0;
            }
        }
    }
    if (per_element)
    {
        // Nodes with sigma = 0 take the element fractions of the first node above with sigma > 0
        // (or uniform atom fractions if there is none).
        const std::size_t first = static_cast<std::size_t>(table.first_nonzero);
        for (std::size_t j = 0; j < std::min(first, n); ++j)
        {
            for (std::size_t i = 0; i < n_el; ++i)
            {
                table.element_cdf[j * n_el + i] =
                    first < n ? table.element_cdf[first * n_el + i] : static_cast<double>(i + 1) / static_cast<double>(n_el);
            }
        }
    }
    // Threshold: bisection between the last zero node and the first non-zero node.
    table.threshold = 0;
    if (table.first_nonzero > 0 && table.first_nonzero < static_cast<int>(n))
    {
        double low = energies_[static_cast<std::size_t>(table.first_nonzero - 1)];
        double high = energies_[static_cast<std::size_t>(table.first_nonzero)];
        for (int iteration = 0; iteration < 60 && high - low > 1e-12 * high; ++iteration)
        {
            const double mid = 0.5 * (low + high);
            (direct_cross_section(tables, process, kind, mid) > 0 ? high : low) = mid;
        }
        table.threshold = low;
    }
    finish_threshold(table, [&](double e) { return direct_cross_section(tables, process, kind, e); });
}

void PhysicsTables::finish_threshold(ProcessTable& table, const std::function<double(double)>& direct) const
{
    const std::size_t n = energies_.size();
    table.log_shifted_energy.clear();
    table.threshold_exponent = 1;
    if (!(table.threshold > 0)) return;
    table.log_shifted_energy.assign(n, 0.0);
    for (std::size_t j = 0; j < n; ++j)
        if (energies_[j] > table.threshold) table.log_shifted_energy[j] = std::log(energies_[j] - table.threshold);
    const auto first = static_cast<std::size_t>(table.first_nonzero);
    if (first < n && direct)
    {
        // Local power of the rise: sigma at the middle of [E_th, E_first] against the node.
        const double middle = table.threshold + 0.5 * (energies_[first] - table.threshold);
        const double sigma_middle = direct(middle);
        if (sigma_middle > 0 && table.sigma[first] > sigma_middle)
            table.threshold_exponent = std::clamp(std::log(table.sigma[first] / sigma_middle) / std::log(2.0), 0.25, 4.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Lookups

std::span<const ProcessId> PhysicsTables::discrete_processes(ParticleKind kind) noexcept
{
    switch (kind)
    {
    case ParticleKind::electron: return electron_processes;
    case ParticleKind::positron: return positron_processes;
    case ParticleKind::gamma: return gamma_processes;
    case ParticleKind::muon_minus:
    case ParticleKind::muon_plus: return muon_processes;
    }
    return {};
}

PhysicsTables::GridPoint PhysicsTables::locate_log(double log_energy) const noexcept
{
    const double x = (log_energy - log_energy_min_) * inverse_log_step_;
    const int last_bin = static_cast<int>(energies_.size()) - 2;
    if (!(x > 0)) return {0, 0.0};
    if (x >= last_bin + 1) return {last_bin, 1.0};
    const int bin = static_cast<int>(x);
    return {bin, x - bin};
}

double PhysicsTables::interpolate(const ProcessTable& table, double energy) const noexcept
{
    if (energy <= table.threshold) return 0.0;
    return interpolate(table, energy, locate(energy));
}

double PhysicsTables::interpolate(const ProcessTable& table, double energy, GridPoint p) const noexcept
{
    if (energy <= table.threshold) return 0.0;
    const auto i = static_cast<std::size_t>(p.bin);
    const double low = table.sigma[i];
    const double high = table.sigma[i + 1];
    if (low > 0 && high > 0)
    {
        double fraction = p.fraction;
        if (table.threshold > 0)
        {
            // ln sigma linear in ln(E - E_th): follows the steep rise just above a threshold and
            // tends to plain log-log far above it.
            const auto& x = table.log_shifted_energy;
            fraction = std::clamp((std::log(energy - table.threshold) - x[i]) / (x[i + 1] - x[i]), 0.0, 1.0);
        }
        return std::exp(table.log_sigma[i] + fraction * (table.log_sigma[i + 1] - table.log_sigma[i]));
    }
    if (high > 0)
    {
        // Threshold bin: sigma = sigma(E_{i+1}) ((E - E_th) / (E_{i+1} - E_th))^p.
        const double ratio = std::min(1.0, (energy - table.threshold) / (energies_[i + 1] - table.threshold));
        return high * std::pow(ratio, table.threshold_exponent);
    }
    return low * (1.0 - p.fraction);
}

double PhysicsTables::dedx(ParticleKind kind, int material, double kinetic_energy) const noexcept
{
    if (!is_charged(kind)) return 0.0;
    if (kinetic_energy < energies_.front())
    {
        const auto& d = materials_[index(material)].particles[static_cast<std::size_t>(index_of(kind))].dedx;
        return kinetic_energy > 0 ? d.front() * std::sqrt(kinetic_energy / energies_.front()) : 0.0;
    }
    return dedx(kind, material, EnergyPoint::of(kinetic_energy));
}

double PhysicsTables::dedx(ParticleKind kind, int material, EnergyPoint point) const noexcept
{
    if (!is_charged(kind)) return 0.0;
    const auto& d = materials_[index(material)].particles[static_cast<std::size_t>(index_of(kind))].dedx;
    const double kinetic_energy = point.energy;
    if (kinetic_energy < energies_.front())
        return kinetic_energy > 0 ? d.front() * std::sqrt(kinetic_energy / energies_.front()) : 0.0;
    const GridPoint p = locate_log(point.log_energy);
    const auto i = static_cast<std::size_t>(p.bin);
    return d[i] + p.fraction * (d[i + 1] - d[i]);
}

double PhysicsTables::range(ParticleKind kind, int material, double kinetic_energy) const noexcept
{
    if (!is_charged(kind)) return infinity;
    if (kinetic_energy < energies_.front() || kinetic_energy > energies_.back())
        return range(kind, material, EnergyPoint{kinetic_energy, 0.0});  // no log needed
    return range(kind, material, EnergyPoint::of(kinetic_energy));
}

double PhysicsTables::range(ParticleKind kind, int material, EnergyPoint point) const noexcept
{
    if (!is_charged(kind)) return infinity;
    const auto& particle = materials_[index(material)].particles[static_cast<std::size_t>(index_of(kind))];
    const auto& lr = particle.log_range;
    const double kinetic_energy = point.energy;
    if (kinetic_energy < energies_.front())
        return kinetic_energy > 0 ? particle.range_min * std::sqrt(kinetic_energy / energies_.front()) : 0.0;
    if (kinetic_energy > energies_.back())
        return particle.range_max + (kinetic_energy - energies_.back()) / particle.dedx.back();
    const GridPoint p = locate_log(point.log_energy);
    const auto i = static_cast<std::size_t>(p.bin);
    return std::exp(lr[i] + p.fraction * (lr[i + 1] - lr[i]));
}

double PhysicsTables::energy_from_range(ParticleKind kind, int material, double range) const noexcept
{
    return energy_from_range(kind, material, range, EnergyPoint{infinity, infinity}).energy;
}

EnergyPoint PhysicsTables::energy_from_range(ParticleKind kind, int material, double range,
                                             EnergyPoint above) const noexcept
{
    if (!is_charged(kind) || !(range > 0)) return {0.0, -infinity};
    const auto& particle = materials_[index(material)].particles[static_cast<std::size_t>(index_of(kind))];
    const auto& lr = particle.log_range;
    const double range_min = particle.range_min;
    if (range < range_min)
    {
        const double ratio = range / range_min;
        const double energy = energies_.front() * ratio * ratio;
        return {energy, std::log(energy)};
    }
    const double range_max = particle.range_max;
    if (range > range_max)
    {
        const double energy = energies_.back() + (range - range_max) * particle.dedx.back();
        return {energy, std::log(energy)};
    }
    const double log_range = std::log(range);
    // The node interval holding log_range: the largest i <= size - 2 with lr[i] <= log_range (lr is
    // increasing). A short step stays in or near the bin of `above`: search down from there.
    const std::size_t last = lr.size() - 2;
    std::size_t i;
    if (above.energy >= energies_.front() && above.energy <= energies_.back())
    {
        i = static_cast<std::size_t>(locate_log(above.log_energy).bin);
        if (lr[i + 1] > log_range || i == last)
        {
            while (i > 0 && lr[i] > log_range) --i;
        }
        else
        {
            i = last + 1;  // the hint was too low: full search
        }
    }
    else
    {
        i = last + 1;
    }
    if (i > last)
    {
        auto it = std::upper_bound(lr.begin(), lr.end(), log_range);
        i = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, (it - lr.begin()) - 1));
        i = std::min(i, last);
    }
    const double fraction = (log_range - lr[i]) / (lr[i + 1] - lr[i]);
    const double log_energy = log_energy_min_ + (static_cast<double>(i) + fraction) / inverse_log_step_;
    return {std::exp(log_energy), log_energy};
}

const PhysicsTables::ProcessTable* PhysicsTables::find_table(ProcessId process, ParticleKind kind,
                                                             int material) const noexcept
{
    process = canonical(process, kind);
    const auto& particle = materials_[index(material)].particles[static_cast<std::size_t>(index_of(kind))];
    for (const auto& table : particle.processes)
        if (table.process == process) return &table;
    return nullptr;
}

double PhysicsTables::cross_section(ProcessId process, ParticleKind kind, int material, double energy) const noexcept
{
    const ProcessTable* table = find_table(process, kind, material);
    if (table == nullptr) return 0.0;
    if (table->process == ProcessId::photoelectric && energy < photoelectric_direct_below)
        return photoelectric_direct(materials_[index(material)], energy);
    return interpolate(*table, energy);
}

double PhysicsTables::total_cross_section(ParticleKind kind, int material, double energy) const noexcept
{
    const auto& tables = materials_[index(material)];
    const auto& particle = tables.particles[static_cast<std::size_t>(index_of(kind))];
    if (kind == ParticleKind::gamma && energy < photoelectric_direct_below)
        return interpolate(particle.total_without_photoelectric, energy) + photoelectric_direct(tables, energy);
    return interpolate(particle.total, energy);
}

void PhysicsTables::cross_sections(ParticleKind kind, int material, EnergyPoint point,
                                   std::span<double> out) const noexcept
{
    const auto& tables = materials_[index(material)];
    const auto& particle = tables.particles[static_cast<std::size_t>(index_of(kind))];
    const double energy = point.energy;
    const GridPoint grid = locate_log(point.log_energy);
    for (std::size_t p = 0; p < particle.processes.size() && p < out.size(); ++p)
    {
        const ProcessTable& table = particle.processes[p];
        if (table.process == ProcessId::photoelectric && energy < photoelectric_direct_below)
            out[p] = photoelectric_direct(tables, energy);
        else
            out[p] = energy <= table.threshold ? 0.0 : interpolate(table, energy, grid);
    }
}

double PhysicsTables::total_cross_section(ParticleKind kind, int material, EnergyPoint point) const noexcept
{
    const auto& tables = materials_[index(material)];
    const auto& particle = tables.particles[static_cast<std::size_t>(index_of(kind))];
    const double energy = point.energy;
    if (kind == ParticleKind::gamma && energy < photoelectric_direct_below)
        return interpolate(particle.total_without_photoelectric, energy) + photoelectric_direct(tables, energy);
    if (energy <= particle.total.threshold) return 0.0;
    return interpolate(particle.total, energy, locate_log(point.log_energy));
}

double PhysicsTables::max_total_cross_section_below(ParticleKind kind, int material, EnergyPoint high,
                                                    EnergyPoint low) const noexcept
{
    if (!is_charged(kind) || high.energy <= energies_.front() || std::min(low.energy, high.energy) >= energies_.back())
        return max_total_cross_section_below(kind, material, high.energy, low.energy);
    if (low.energy > high.energy) low = high;
    const auto& table = materials_[index(material)].particles[static_cast<std::size_t>(index_of(kind))].total;
    const auto& sigma = table.sigma;
    // As max_below: the maximum of the interpolant is at an end point or a node. Within one bin
    // the interpolant is monotonic between its two nodes, so an end point whose bin falls
    // towards it from a node already scanned cannot exceed that node and is not evaluated.
    const GridPoint p_low = locate_log(low.log_energy);
    const GridPoint p_high = locate_log(high.log_energy);
    const auto lb = static_cast<std::size_t>(p_low.bin);
    const auto hb = static_cast<std::size_t>(p_high.bin);
    if (lb == hb)
    {
        // No node inside: the larger end point.
        return sigma[hb + 1] >= sigma[hb] ? interpolate(table, high.energy, p_high) : interpolate(table, low.energy, p_low);
    }
    double result = 0;
    for (std::size_t j = lb + 1; j <= hb; ++j) result = std::max(result, sigma[j]);
    if (sigma[hb + 1] > sigma[hb]) result = std::max(result, interpolate(table, high.energy, p_high));
    if (sigma[lb] > sigma[lb + 1]) result = std::max(result, interpolate(table, low.energy, p_low));
    return result;
}

double PhysicsTables::max_below(const ProcessTable& table, ProcessId process, ParticleKind kind, int material,
                                double energy_high, double energy_low) const noexcept
{
    energy_low = std::min(energy_low, energy_high);
    auto value = [&](double e) {
        return process == ProcessId::primary ? total_cross_section(kind, material, e)
                                             : cross_section(process, kind, material, e);
    };
    if (energy_high <= energies_.front() || energy_low >= energies_.back() || process != ProcessId::primary ||
        !is_charged(kind))
    {
        double result = std::max(value(energy_high), value(energy_low));
        if (energy_high <= energies_.front() || energy_low >= energies_.back()) return result;
        const GridPoint low = locate(std::max(energy_low, energies_.front()));
        const GridPoint high = locate(std::min(energy_high, energies_.back()));
        for (int j = low.bin + 1; j <= high.bin; ++j) result = std::max(result, table.sigma[static_cast<std::size_t>(j)]);
        return result;
    }
    // The total of a particle inside the grid: one grid location per end point, shared by the
    // end-point values and the node scan.
    const GridPoint low = locate(std::max(energy_low, energies_.front()));
    const GridPoint high = locate(std::min(energy_high, energies_.back()));
    double result = std::max(interpolate(table, energy_high, high), interpolate(table, energy_low, low));
    // Interior nodes: the interpolant is monotonic within each bin, so its extrema are the
    // end points and the nodes.
    for (int j = low.bin + 1; j <= high.bin; ++j) result = std::max(result, table.sigma[static_cast<std::size_t>(j)]);
    return result;
}

double PhysicsTables::max_cross_section_below(ProcessId process, ParticleKind kind, int material, double energy_high,
                                              double energy_low) const noexcept
{
    const ProcessTable* table = find_table(process, kind, material);
    if (table == nullptr) return 0.0;
    return max_below(*table, table->process, kind, material, energy_high, energy_low);
}

double PhysicsTables::max_total_cross_section_below(ParticleKind kind, int material, double energy_high,
                                                    double energy_low) const noexcept
{
    const auto& particle = materials_[index(material)].particles[static_cast<std::size_t>(index_of(kind))];
    return max_below(particle.total, ProcessId::primary, kind, material, energy_high, energy_low);
}

ProcessId PhysicsTables::sample_process(ParticleKind kind, int material, double energy, double u) const noexcept
{
    const auto processes = discrete_processes(kind);
    std::array<double, 4> partial{};
    double sum = 0;
    for (std::size_t p = 0; p < processes.size(); ++p)
    {
        partial[p] = cross_section(processes[p], kind, material, energy);
        sum += partial[p];
    }
    const double target = u * sum;
    double cumulative = 0;
    for (std::size_t p = 0; p + 1 < processes.size(); ++p)
    {
        cumulative += partial[p];
        if (target < cumulative) return processes[p];
    }
    return processes.back();
}

int PhysicsTables::sample_element(ProcessId process, ParticleKind kind, int material, double energy,
                                  double u) const noexcept
{
    const auto& tables = materials_[index(material)];
    const std::size_t n_el = tables.material.components().size();
    if (n_el <= 1) return 0;
    process = canonical(process, kind);
    if (is_electron_target(process))
    {
        for (std::size_t i = 0; i + 1 < n_el; ++i)
            if (u < tables.electron_fraction_cdf[i]) return static_cast<int>(i);
        return static_cast<int>(n_el - 1);
    }
    if (process == ProcessId::photoelectric)
    {
        const double total = photoelectric_direct(tables, energy);
        const PhotoelectricEffect photoelectric;
        double cumulative = 0;
        for (std::size_t i = 0; i + 1 < n_el; ++i)
        {
            const auto& component = tables.material.components()[i];
            cumulative += component.atoms_per_volume *
                          photoelectric.cross_section_per_atom(energy, component.element->atomic_number);
            if (u * total < cumulative) return static_cast<int>(i);
        }
        return static_cast<int>(n_el - 1);
    }
    const ProcessTable* table = find_table(process, kind, material);
    if (table == nullptr || table->element_cdf.empty()) return 0;
    const GridPoint p = locate(energy);
    const std::size_t low = static_cast<std::size_t>(p.bin) * n_el;
    const std::size_t high = low + n_el;
    for (std::size_t i = 0; i + 1 < n_el; ++i)
    {
        const double c = table->element_cdf[low + i] + p.fraction * (table->element_cdf[high + i] - table->element_cdf[low + i]);
        if (u < c) return static_cast<int>(i);
    }
    return static_cast<int>(n_el - 1);
}

const MultipleScattering& PhysicsTables::multiple_scattering(ParticleKind kind, int material) const
{
    UMBRA_EXPECT(is_charged(kind));
    return materials_[index(material)].msc[msc_index(kind)];
}

double PhysicsTables::dedx_direct(ParticleKind kind, int material, double kinetic_energy) const
{
    return direct_dedx(materials_[index(material)], kind, kinetic_energy);
}

double PhysicsTables::cross_section_direct(ProcessId process, ParticleKind kind, int material, double energy) const
{
    const ProcessTable* table = find_table(process, kind, material);
    if (table == nullptr) return 0.0;
    return direct_cross_section(materials_[index(material)], table->process, kind, energy);
}
}  // namespace umbra::sim
