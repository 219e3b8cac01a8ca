#include "umbra/sim/ProductionThresholds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::sim
{
namespace
{
constexpr double mass = constants::electron_mass;
//! Classical electron radius r_e [mm].
constexpr double classical_electron_radius = constants::alpha * constants::hbar_c / constants::electron_mass;
//! 2 pi m c^2 r_e^2 [MeV mm^2].
constexpr double two_pi_mc2_re2 = 2.0 * constants::pi * mass * classical_electron_radius * classical_electron_radius;
//! Geant4's maximum energy cut (G4VRangeToEnergyConverter sEmax / MaxEnergyCut).
constexpr double max_energy_cut = 10.0 * units::GeV;

//! Per-material tabulation function: value(energy) summed over elements with their
//! atom densities.
template <typename PerAtom>
double per_volume(const geometry::Material& material, double energy, PerAtom per_atom)
{
    double sum = 0;
    for (const auto& c : material.components()) sum += c.atoms_per_volume * per_atom(c.element->atomic_number, energy);
    return sum;
}

double interpolate(double e1, double e2, double r1, double r2, double r)
{
    return r1 == r2 ? e1 : e1 + (e2 - e1) * (r - r1) / (r2 - r1);
}

// ---- Geant4 11: G4VRangeToEnergyConverter::ConvertForGamma / ConvertForElectron -------------
std::vector<double> energy_grid_11(double emin, double emax)
{
    const int nbin = 50 * static_cast<int>(std::lround(std::log10(emax / emin)));
    std::vector<double> grid(static_cast<std::size_t>(nbin) + 1);
    const double step = std::log(emax / emin) / nbin;
    grid.front() = emin;
    grid.back() = emax;
    for (int i = 1; i < nbin; ++i) grid[static_cast<std::size_t>(i)] = emin * std::exp(i * step);
    return grid;
}

double convert_gamma_11(const geometry::Material& material, double range_cut, const std::vector<double>& grid)
{
    double e1 = 0, e2 = 0, r1 = 0, r2 = 0;
    for (std::size_t i = 0; i + 1 < grid.size(); ++i)
    {
        e2 = grid[i];
        const double sigma =
            per_volume(material, e2, ProductionThresholds::approximate_absorption_cross_section);
        r2 = sigma > 0 ? 5.0 / sigma : std::numeric_limits<double>::max();
        if (i == 0 || r2 < range_cut)
        {
            e1 = e2;
            r1 = r2;
        }
        else
            break;
    }
    return interpolate(e1, e2, r1, r2, range_cut);
}

double convert_charged_11(const geometry::Material& material, ProductionParticle particle, double range_cut,
                          const std::vector<double>& grid)
{
    auto loss = [particle](int z, double t) { return ProductionThresholds::approximate_loss_per_atom(z, t, particle); };
    double e1 = 0, e2 = 0, r1 = 0, r2 = 0, dedx1 = 0, range = 0;
    for (std::size_t i = 0; i + 1 < grid.size(); ++i)
    {
        e2 = grid[i];
        const double dedx2 = per_volume(material, e2, loss);
        range += dedx1 + dedx2 > 0 ? 2.0 * (e2 - e1) / (dedx1 + dedx2) : 0.0;
        r2 = range;
        if (r2 < range_cut)
        {
            e1 = e2;
            dedx1 = dedx2;
            r1 = r2;
        }
        else
            break;
    }
    return interpolate(e1, e2, r1, r2, range_cut);
}

// ---- Geant4 10: BuildLossTable, BuildRangeVector, ConvertCutToKineticEnergy -----------------
constexpr int legacy_bins = 300;  // G4VRangeToEnergyConverter::TotBin

//! A log-spaced table with linear interpolation in energy (G4PhysicsLogVector::Value).
struct LogTable
{
    double emin = 0, emax = 0, step = 0;  // step in ln E
    std::vector<double> energy, value;

    LogTable(double lo, double hi, int bins) : emin(lo), emax(hi), step(std::log(hi / lo) / bins)
    {
        for (int i = 0; i <= bins; ++i) energy.push_back(lo * std::exp(i * step));
        value.assign(energy.size(), 0.0);
    }

    double operator()(double e) const
    {
        if (e <= emin) return value.front();
        if (e >= emax) return value.back();
        auto bin = static_cast<std::size_t>(std::log(e / emin) / step);
        bin = std::min(bin, energy.size() - 2);
        return value[bin] + (value[bin + 1] - value[bin]) * (e - energy[bin]) / (energy[bin + 1] - energy[bin]);
    }
};

double convert_cut_legacy(const LogTable& range, double cut)
{
    const double epsilon = 0.01;
    double rmax = -1.0e10;
    double t1 = range.emin;
    double r1 = range.value.front();
    double t2 = range.emax;
    if (cut <= r1) return t1;
    for (std::size_t i = 0; i < range.energy.size(); ++i)
    {
        const double t = range.energy[i];
        const double r = range.value[i];
        rmax = std::max(rmax, r);
        if (r < cut)
        {
            t1 = t;
            r1 = r;
        }
        else if (r > cut)
        {
            t2 = t;
            break;
        }
    }
    if (cut >= rmax) return range.emax;
    double t3 = std::sqrt(t1 * t2);
    double r3 = range(t3);
    for (int iteration = 0; iteration < 200 && std::abs(1.0 - r3 / cut) > epsilon; ++iteration)
    {
        (cut <= r3 ? t2 : t1) = t3;
        t3 = std::sqrt(t1 * t2);
        r3 = range(t3);
    }
    return t3;
}

double convert_gamma_legacy(const geometry::Material& material, double range_cut, double emin)
{
    LogTable table(emin, max_energy_cut, legacy_bins);
    // BuildAbsorptionLengthVector fills bins 0..TotBin-1; the last node stays 0 as in Geant4.
    for (int i = 0; i < legacy_bins; ++i)
    {
        const double sigma = per_volume(material, table.energy[static_cast<std::size_t>(i)],
                                        ProductionThresholds::approximate_absorption_cross_section);
        table.value[static_cast<std::size_t>(i)] = 5.0 / sigma;
    }
    return convert_cut_legacy(table, range_cut);
}

double convert_charged_legacy(const geometry::Material& material, ProductionParticle particle, double range_cut,
                              double emin)
{
    LogTable table(emin, max_energy_cut, legacy_bins);
    auto loss = [particle](int z, double t) { return ProductionThresholds::approximate_loss_per_atom(z, t, particle); };
    // BuildRangeVector: trapezoid rule in ln T of T/(dE/dx); node 0 gets q0 dlnT.
    double s = 0;
    for (std::size_t i = 0; i < table.energy.size(); ++i)
    {
        const double q = table.energy[i] / per_volume(material, table.energy[i], loss);
        s += i == 0 ? 0.5 * q : q;
        table.value[i] = (i == 0 ? s + 0.5 * q : s - 0.5 * q) * table.step;
    }
    return convert_cut_legacy(table, range_cut);
}
}  // namespace

ProductionThresholds::ProductionThresholds() : ProductionThresholds(Config{}) {}

ProductionThresholds::ProductionThresholds(const Config& config) : config_(config)
{
    if (!(config.range_cut > 0) || !std::isfinite(config.range_cut))
        throw InputError(fmt::format("range cut {} mm is not positive (a production cut is a length) use e.g. "
                                     "0.7 mm, ldmx-sw's value",
                                     config.range_cut / units::mm));
    if (!(config.lowest_energy > 0) || !(config.highest_energy > config.lowest_energy) ||
        config.highest_energy > max_energy_cut)
        throw InputError(fmt::format("production-threshold energy limits [{}, {}] MeV are invalid (need 0 < lowest "
                                     "< highest <= 10 GeV) use the defaults 990 eV and 10 GeV",
                                     config.lowest_energy / units::MeV, config.highest_energy / units::MeV));
}

ProductionThresholds::Values ProductionThresholds::operator()(const geometry::Material& material) const
{
    Values v;
    v.gamma = threshold(material, ProductionParticle::gamma, config_.range_cut);
    v.electron = threshold(material, ProductionParticle::electron, config_.range_cut);
    v.positron = threshold(material, ProductionParticle::positron, config_.range_cut);
    return v;
}

double ProductionThresholds::threshold(const geometry::Material& material, ProductionParticle particle,
                                       double range_cut) const
{
    double cut = 0;
    const bool legacy = config_.algorithm == RangeCutAlgorithm::geant4_10;
    if (legacy)
    {
        cut = particle == ProductionParticle::gamma
                  ? convert_gamma_legacy(material, range_cut, config_.lowest_energy)
                  : convert_charged_legacy(material, particle, range_cut, config_.lowest_energy);
    }
    else
    {
        const auto grid = energy_grid_11(config_.lowest_energy, config_.highest_energy);
        cut = particle == ProductionParticle::gamma ? convert_gamma_11(material, range_cut, grid)
                                                    : convert_charged_11(material, particle, range_cut, grid);
    }
    if (particle != ProductionParticle::gamma)
    {
        // G4VRangeToEnergyConverter::Convert: smooth low-energy tuning for e+-.
        const double tune = 0.025 * units::mm * units::g_per_cm3;
        const double low_energy = 30.0 * units::keV;
        if (cut < low_energy) cut /= 1.0 + (1.0 - cut / low_energy) * tune / (range_cut * material.density());
    }
    return std::clamp(cut, config_.lowest_energy, config_.highest_energy);
}

double ProductionThresholds::approximate_loss_per_atom(int atomic_number, double kinetic_energy,
                                                       ProductionParticle particle)
{
    // G4RToEConvForElectron / G4RToEConvForPositron::ComputeValue (ComputeLoss in 10.x).
    const double cbr1 = 0.02, cbr2 = -5.7e-5, cbr3 = 1.0, cbr4 = 0.072;
    const double t_low = 10.0 * units::keV;
    const double t_high = 1.0 * units::GeV;
    const double bremfactor = 0.1;
    const double z = atomic_number;
    const double tau_low = t_low / mass;
    const double ionpot_log = std::log(1.6e-5 * units::MeV * std::exp(0.9 * std::log(z)) / mass);
    const double tau = kinetic_energy / mass;

    auto bethe = [&](double t) {
        const double t1 = t + 1.0, t2 = t + 2.0, tsq = t * t;
        const double beta2 = t * t2 / (t1 * t1);
        double f = 0;
        if (particle == ProductionParticle::positron)
            f = 2.0 * std::log(t) -
                (6.0 * t + 1.5 * tsq - t * (1.0 - tsq / 3.0) / t2 - tsq * (0.5 - tsq / 12.0) / (t2 * t2)) / (t1 * t1);
        else
            f = 1.0 - beta2 + std::log(tsq / 2.0) + (0.5 + 0.25 * tsq + (1.0 + 2.0 * t) * std::log(0.5)) / (t1 * t1);
        return std::pair{z * (std::log(2.0 * t + 4.0) - 2.0 * ionpot_log + f) / beta2, beta2};
    };

    double dedx = 0;
    if (tau < tau_low)
    {
        dedx = bethe(tau_low).first * std::sqrt(tau_low / tau);
    }
    else
    {
        const auto [ionisation, beta2] = bethe(tau);
        const double cbrem = (cbr1 + cbr2 * z) * (cbr3 + cbr4 * std::log(kinetic_energy / t_high));
        dedx = ionisation + z * (z + 1.0) * cbrem * bremfactor * tau / beta2;
    }
    return dedx * two_pi_mc2_re2;
}

double ProductionThresholds::approximate_absorption_cross_section(int atomic_number, double energy)
{
    // G4RToEConvForGamma::ComputeValue (ComputeCrossSection in 10.x).
    const double t1kev = 1.0 * units::keV;
    const double t200kev = 200.0 * units::keV;
    const double t100mev = 100.0 * units::MeV;
    const double z = atomic_number;
    const double zsquare = z * z;
    const double zlog = std::log(z);
    const double zlogsquare = zlog * zlog;

    const double tmin = (0.552 + 218.5 / z + 557.17 / zsquare) * units::MeV;
    const double tlow = 0.2 * std::exp(-7.355 / std::sqrt(z)) * units::MeV;
    const double smin = (0.01239 + 0.005585 * zlog - 0.000923 * zlogsquare) * std::exp(1.5 * zlog);
    const double s200kev = (0.2651 - 0.1501 * zlog + 0.02283 * zlogsquare) * zsquare;
    const double cminlog = std::log(tmin / t200kev);
    const double cmin = std::log(s200kev / smin) / (cminlog * cminlog);
    const double slowlog = std::log(t200kev / tlow);
    const double slow = s200kev * std::exp(0.042 * z * slowlog * slowlog);
    const double logtlow = std::log(tlow / t1kev);
    const double clow = std::log(300.0 * zsquare / slow) / logtlow;
    const double chigh = (7.55e-5 - 0.0542e-5 * z) * zsquare * z / std::log(t100mev / tmin);

    double barns = 0;
    if (energy < tlow)
        barns = energy < t1kev ? slow * std::exp(clow * logtlow) : slow * std::exp(clow * std::log(tlow / energy));
    else if (energy < t200kev)
    {
        const double x = std::log(t200kev / energy);
        barns = s200kev * std::exp(0.042 * z * x * x);
    }
    else if (energy < tmin)
    {
        const double x = std::log(tmin / energy);
        barns = smin * std::exp(cmin * x * x);
    }
    else
        barns = smin + chigh * std::log(energy / tmin);
    return barns * units::barn;
}
}  // namespace umbra::sim
