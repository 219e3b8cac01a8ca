//! \file
//! Full-statistics validation study of umbra's electromagnetic transport (Transporter),
//! the long version of the `TransporterValidation` tests; results and plots are in
//! docs/validation-transport.md (plots: python/plot_transport_validation.py).
//!
//!   TransportValidationStudy <output-dir> [--scale f] [--parts abcd] [--seed n]
//!
//! Single-threaded. Writes CSV files to <output-dir> and a summary table to stdout:
//!  a. e- showers (1, 4, 8 GeV) in a W block: longitudinal profile (1/E0) dE/dt in
//!     0.25 X0 bins with a gamma-function fit (PDG review "Passage of particles through
//!     matter", eq. 34.35-34.36: dE/dt = E0 b (bt)^(a-1) e^(-bt) / Gamma(a),
//!     t_max = (a-1)/b = ln(E/Ec) - 0.5 for electrons, Ec(W) = 7.97 MeV from the PDG
//!     table of atomic and nuclear properties) and radial containment in units of the
//!     PDG Moliere radius R_M(W) = 9.327 mm ("on average only about 10 % of the energy
//!     lies outside a cylinder of radius R_M").
//!  b. Bremsstrahlung spectrum k dN/dk of 8 GeV e- on the 0.1 X0 W target against Tsai's
//!     complete-screening thin-target formula (PDG eq. 34.29 and Tsai, Rev. Mod. Phys. 46
//!     (1974) 815, eq. 3.83 with the (1/9)(1-y)(Z^2+Z) term), and the same formula folded
//!     with the Bethe-Heitler electron energy distribution in the target (Tsai 1974
//!     eq. 3.86 / PDG's "Bethe-Heitler" approximation: after t X0 the electron keeps a
//!     fraction w with -ln w ~ Gamma(4t/3, 1)).
//!  c. First-interaction conversion probability of 1 GeV photons in 1 X0 of W against the
//!     7/9 rule (PDG eq. 34.31) and against umbra's own 1 GeV cross-sections.
//!  d. LDMX ECal response to e- at its face: raw Si energy and the ldmx-sw layer-weighted
//!     energy (/work/shared/reference/ldmx-v14-detector.md §6.2, EcalRecProducer).
//! --scale multiplies all event counts (quick runs); --parts selects parts (default abcd).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "umbra/core/Constants.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"
#include "umbra/geometry/EcalId.hpp"
#include "umbra/sim/GammaConversion.hpp"
#include "umbra/sim/PhysicsTables.hpp"
#include "umbra/sim/ShowerScales.hpp"
#include "umbra/sim/Transporter.hpp"

#ifndef UMBRA_SOURCE_DIR
#error "UMBRA_SOURCE_DIR must be defined (bench/CMakeLists.txt)"
#endif

namespace
{
using namespace umbra;
using namespace umbra::sim;

// ---------------------------------------------------------------------------------------
// References
constexpr double pdg_critical_energy_w = 7.97;  //!< Ec(W) for e-, PDG atomic & nuclear properties [MeV]
constexpr double pdg_moliere_radius_w = 9.327;  //!< R_M(W), PDG atomic & nuclear properties [mm]

//! Second reference for the profile: the GFLASH parameterisation of homogeneous media (Grindhammer
//! & Peters, hep-ex/0001020, fitted to GEANT3 showers; constants as in Geant4's
//! GVFlashHomoShowerTuning.hh): T = ln y - 0.812, alpha = 0.81 + (0.458 + 2.26/Z) ln y, with
//! y = E/Ec and GFLASH's Ec = 2.66 (X0 Z/A)^1.1 MeV (X0 in g/cm2; GFlashHomoShowerParameterisation).
//! These are the medians of the per-shower T and alpha (the fits average ln T, ln alpha).
struct GflashProfile
{
    double t_max = 0, alpha = 0, beta = 0;
};
GflashProfile gflash_profile(double energy, double z, double a, double x0_g_per_cm2)
{
    const double ec = 2.66 * std::pow(x0_g_per_cm2 * z / a, 1.1);
    const double log_y = std::log(energy / ec);
    GflashProfile g;
    g.t_max = log_y - 0.812;
    g.alpha = 0.81 + (0.458 + 2.26 / z) * log_y;
    g.beta = (g.alpha - 1) / g.t_max;
    return g;
}
//! W: Z = 74, A = 183.84 (PDG), X0 = 6.76 g/cm2 (PDG atomic & nuclear properties).
GflashProfile gflash_tungsten(double energy) { return gflash_profile(energy, 74, 183.84, 6.76); }
//! ldmx-sw v14 ECal layer weights [MeV per MIP] (Ecal/python/digi.py, reference §6.2).
constexpr std::array<double, 34> ldmx_layer_weights{
    2.312,  4.312,  6.522,  7.490,  8.595,  10.253, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915,
    10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 14.783,
    18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 9.938};
constexpr double ldmx_mip_energy_si = 0.078;        //!< MIP energy in 0.3 mm Si [MeV] (reference §6.1)
constexpr double ldmx_mip_energy_weight = 0.130;    //!< the "N_MIP x 0.130 MeV" term [MeV] (§6.2)
constexpr double ldmx_second_order = 4000 / 3940.5; //!< second-order correction factor (§6.2)

struct Setup
{
    std::shared_ptr<const geometry::DetectorGeometry> geometry;
    std::shared_ptr<const PhysicsTables> tables;
    std::shared_ptr<const geometry::EcalHexReadout> readout;
};

Setup make_setup(const std::string& name_or_path)
{
    Setup s;
    s.geometry = geometry::DetectorGeometry::load_named(name_or_path);
    PhysicsConfig config;
    config.threads = 1;  // single-threaded study
    s.tables = std::make_shared<const PhysicsTables>(*s.geometry, config);
    s.readout = std::make_shared<const geometry::EcalHexReadout>();
    return s;
}

std::string test_detector(const std::string& file)
{
    return (std::filesystem::path(UMBRA_SOURCE_DIR) / "tests" / "data" / "detectors" / file).string();
}

PrimaryParticle particle(int pdg, double kinetic_energy, ThreeVector position, ThreeVector direction = {0, 0, 1})
{
    PrimaryParticle p;
    p.pdg = pdg;
    p.mass = pdg == 22 ? 0.0 : constants::electron_mass;
    p.position = position;
    p.momentum = std::sqrt(kinetic_energy * (kinetic_energy + 2 * p.mass)) * direction.unit();
    return p;
}

//! Wall and CPU time of one part.
class Timer
{
public:
    Timer() : wall_(std::chrono::steady_clock::now()), cpu_(std::clock()) {}
    double wall() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(); }
    double cpu() const { return static_cast<double>(std::clock() - cpu_) / CLOCKS_PER_SEC; }

private:
    std::chrono::steady_clock::time_point wall_;
    std::clock_t cpu_;
};

int scaled(int events, double scale) { return std::max(1, static_cast<int>(std::lround(events * scale))); }

// ---------------------------------------------------------------------------------------
// a. Showers in the W block

constexpr double profile_bin = 0.25;  //!< [X0]
constexpr int profile_bins = 160;     //!< 0 .. 40 X0
constexpr double radial_bin = 0.02;   //!< [R_M]
constexpr int radial_bins = 250;      //!< 0 .. 5 R_M

class ShowerScorer : public SimulationObserver
{
public:
    ShowerScorer(double x0, double rm) : x0_(x0), rm_(rm) {}
    void begin_event(SimEvent&) override { std::fill(event_profile.begin(), event_profile.end(), 0.0); }
    void on_energy_deposit(const Track&, double energy, const ThreeVector& where) override
    {
        const double t = where.z / x0_;
        total += energy;
        sum_t += energy * t;
        sum_t2 += energy * t * t;
        const auto bin = static_cast<long>(std::floor(t / profile_bin));
        if (bin >= 0 && bin < profile_bins) event_profile[static_cast<std::size_t>(bin)] += energy;
        const auto rbin = static_cast<long>(std::hypot(where.x, where.y) / rm_ / radial_bin);
        radial[static_cast<std::size_t>(std::min<long>(rbin, radial_bins))] += energy;
    }
    bool end_event(SimEvent&) override
    {
        for (int i = 0; i < profile_bins; ++i)
        {
            profile_sum[i] += event_profile[i];
            profile_sum2[i] += event_profile[i] * event_profile[i];
        }
        return true;
    }

    std::array<double, profile_bins> event_profile{};
    std::array<double, profile_bins> profile_sum{};
    std::array<double, profile_bins> profile_sum2{};
    std::array<double, radial_bins + 1> radial{};  //!< last bin: overflow
    double total = 0, sum_t = 0, sum_t2 = 0;

private:
    double x0_;
    double rm_;
};

//! Gamma-function profile averaged over [t0, t1] (Simpson, 8 intervals), unit normalisation.
double gamma_profile_bin(double a, double b, double t0, double t1)
{
    const double log_norm = std::log(b) - std::lgamma(a);
    const auto f = [&](double t) {
        if (t <= 0) return a > 1 ? 0.0 : (a == 1 ? b : INFINITY);
        return std::exp(log_norm + (a - 1) * std::log(b * t) - b * t);
    };
    constexpr int n = 8;
    const double h = (t1 - t0) / n;
    double sum = f(t0) + f(t1);
    for (int i = 1; i < n; ++i) sum += f(t0 + i * h) * (i % 2 ? 4 : 2);
    return sum * h / 3 / (t1 - t0);
}

struct GammaFit
{
    double a = 0, b = 0, amplitude = 0, chi2 = 0;
    int ndf = 0;
    double a_error = 0, b_error = 0, ab_covariance = 0;
    double t_max() const { return (a - 1) / b; }
    double t_max_error() const
    {
        const double da = 1 / b, db = -(a - 1) / (b * b);
        return std::sqrt(std::max(0.0, da * da * a_error * a_error + db * db * b_error * b_error +
                                           2 * da * db * ab_covariance));
    }
};

//! chi^2 of the profile against A * gamma(a, b), with A at its least-squares value.
double profile_chi2(const std::vector<double>& y, const std::vector<double>& sigma, double a, double b,
                    double* amplitude = nullptr)
{
    std::vector<double> g(y.size());
    double sgy = 0, sgg = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
    {
        const double t0 = static_cast<double>(i) * profile_bin;
        g[i] = gamma_profile_bin(a, b, t0, t0 + profile_bin);
        const double w = 1 / (sigma[i] * sigma[i]);
        sgy += w * g[i] * y[i];
        sgg += w * g[i] * g[i];
    }
    const double amp = sgy / sgg;
    double chi2 = 0;
    for (std::size_t i = 0; i < y.size(); ++i) chi2 += std::pow((y[i] - amp * g[i]) / sigma[i], 2);
    if (amplitude) *amplitude = amp;
    return chi2;
}

//! Weighted least-squares fit of the gamma function: coarse grid, two finer grids around the
//! minimum, errors from the numerical Hessian (scaled by chi2/ndf when it exceeds 1).
GammaFit fit_gamma(const std::vector<double>& y, const std::vector<double>& sigma)
{
    double best_a = 0, best_b = 0, best = INFINITY;
    double da = 0.1, db = 0.02;
    double a_lo = 1.2, a_hi = 10.0, b_lo = 0.2, b_hi = 1.0;
    for (int pass = 0; pass < 4; ++pass)
    {
        for (double a = a_lo; a <= a_hi + 1e-12; a += da)
        {
            for (double b = b_lo; b <= b_hi + 1e-12; b += db)
            {
                const double c = profile_chi2(y, sigma, a, b);
                if (c < best) best = c, best_a = a, best_b = b;
            }
        }
        a_lo = best_a - 2 * da, a_hi = best_a + 2 * da, b_lo = best_b - 2 * db, b_hi = best_b + 2 * db;
        da /= 8, db /= 8;
    }
    GammaFit fit;
    fit.a = best_a;
    fit.b = best_b;
    fit.chi2 = profile_chi2(y, sigma, best_a, best_b, &fit.amplitude);
    fit.ndf = static_cast<int>(y.size()) - 3;
    // Hessian of chi2 in (a, b), A profiled; covariance = 2 H^-1.
    const double ha = 1e-3 * best_a, hb = 1e-3 * best_b;
    const auto c = [&](double a, double b) { return profile_chi2(y, sigma, a, b); };
    const double c0 = fit.chi2;
    const double haa = (c(best_a + ha, best_b) - 2 * c0 + c(best_a - ha, best_b)) / (ha * ha);
    const double hbb = (c(best_a, best_b + hb) - 2 * c0 + c(best_a, best_b - hb)) / (hb * hb);
    const double hab = (c(best_a + ha, best_b + hb) - c(best_a + ha, best_b - hb) - c(best_a - ha, best_b + hb) +
                        c(best_a - ha, best_b - hb)) /
                       (4 * ha * hb);
    const double det = haa * hbb - hab * hab;
    const double scale = std::max(1.0, fit.chi2 / fit.ndf);
    if (det > 0)
    {
        fit.a_error = std::sqrt(2 * hbb / det * scale);
        fit.b_error = std::sqrt(2 * haa / det * scale);
        fit.ab_covariance = -2 * hab / det * scale;
    }
    return fit;
}

struct ShowerResult
{
    double energy = 0;
    int events = 0;
    GammaFit fit;
    double peak_depth = 0, mean_depth = 0, moment_a = 0, moment_b = 0;
    double deposited_fraction = 0;
    double r90 = 0;  //!< [R_M]
    double within_1 = 0, within_2 = 0, within_3p5 = 0;
    double wall = 0, cpu = 0;
};

std::vector<ShowerResult> run_showers(const std::filesystem::path& out, double scale, std::uint64_t seed)
{
    const auto s = make_setup(test_detector("tungsten-block.toml"));
    const auto& w = s.geometry->material(s.geometry->find_material("G4_W"));
    const double x0 = w.radiation_length();
    const double rm = pdg_moliere_radius_w;
    fmt::print("[a] W block: X0 = {:.4f} mm (umbra), R_M = {:.3f} mm (umbra ShowerScales) vs {:.3f} mm (PDG), "
               "Ec = {:.3f} MeV (umbra) vs {:.2f} MeV (PDG)\n",
               x0, ShowerScales(w).moliere_radius(), rm, ShowerScales(w).critical_energy(), pdg_critical_energy_w);
    std::ofstream profile_csv(out / "shower_longitudinal.csv");
    profile_csv << "energy_mev,events,t_low,t_high,dEdt_over_E0,error\n";
    std::ofstream radial_csv(out / "shower_containment.csv");
    radial_csv << "energy_mev,events,r_over_rm,fraction_within\n";
    std::vector<ShowerResult> results;
    for (const auto& [energy, nominal] : {std::pair{1000.0, 2000}, std::pair{4000.0, 800}, std::pair{8000.0, 400}})
    {
        const Timer timer;
        const int events = scaled(nominal, scale);
        Transporter transporter(s.geometry, s.tables, s.readout);
        auto scorer = std::make_shared<ShowerScorer>(x0, rm);
        transporter.add_observer(scorer);
        for (int event = 0; event < events; ++event)
        {
            RandomStream rng({.seed = seed + 100, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
            transporter.simulate(event, {particle(11, energy, {0, 0, -1})}, rng);
        }
        ShowerResult r;
        r.energy = energy;
        r.events = events;
        r.wall = timer.wall();
        r.cpu = timer.cpu();
        // Mean profile (1/E0) dE/dt per event and its standard error.
        std::vector<double> y(profile_bins), sigma(profile_bins);
        for (int i = 0; i < profile_bins; ++i)
        {
            const double mean = scorer->profile_sum[i] / events;
            const double var = std::max(0.0, scorer->profile_sum2[i] / events - mean * mean);
            y[i] = mean / energy / profile_bin;
            sigma[i] = std::sqrt(var / std::max(1, events - 1)) / energy / profile_bin;
            profile_csv << fmt::format("{},{},{},{},{:.6e},{:.6e}\n", energy, events, i * profile_bin,
                                       (i + 1) * profile_bin, y[i], sigma[i]);
        }
        // Bins without entries (deep tail at low statistics): give them the smallest error seen.
        double floor_sigma = INFINITY;
        for (double e : sigma)
            if (e > 0) floor_sigma = std::min(floor_sigma, e);
        for (double& e : sigma)
            if (!(e > 0)) e = floor_sigma;
        r.fit = fit_gamma(y, sigma);
        // Peak of the profile smoothed over 5 bins, parabola through the maximum (as TransporterTest).
        std::vector<double> smooth(profile_bins, 0.0);
        for (int i = 2; i + 2 < profile_bins; ++i) smooth[i] = (y[i - 2] + y[i - 1] + y[i] + y[i + 1] + y[i + 2]) / 5;
        const auto peak = static_cast<std::size_t>(std::max_element(smooth.begin(), smooth.end()) - smooth.begin());
        const double left = smooth[peak - 1], centre = smooth[peak], right = smooth[peak + 1];
        r.peak_depth = (static_cast<double>(peak) + 0.5 + 0.5 * (left - right) / (left - 2 * centre + right)) * profile_bin;
        // Moments of the full deposit distribution -> gamma parameters (mean a/b, variance a/b^2).
        r.mean_depth = scorer->sum_t / scorer->total;
        const double variance = scorer->sum_t2 / scorer->total - r.mean_depth * r.mean_depth;
        r.moment_a = r.mean_depth * r.mean_depth / variance;
        r.moment_b = r.mean_depth / variance;
        r.deposited_fraction = scorer->total / (energy * events);
        // Radial containment.
        double cumulative = 0;
        bool found = false;
        radial_csv << fmt::format("{},{},{},{}\n", energy, events, 0.0, 0.0);
        for (int i = 0; i < radial_bins; ++i)
        {
            const double before = cumulative;
            cumulative += scorer->radial[i] / scorer->total;
            const double r_hi = (i + 1) * radial_bin;
            radial_csv << fmt::format("{},{},{:.4f},{:.6f}\n", energy, events, r_hi, cumulative);
            if (!found && cumulative >= 0.9)
            {
                r.r90 = r_hi - radial_bin * (cumulative - 0.9) / (cumulative - before);
                found = true;
            }
            if (i + 1 == 50) r.within_1 = cumulative;
            if (i + 1 == 100) r.within_2 = cumulative;
            if (i + 1 == 175) r.within_3p5 = cumulative;
        }
        results.push_back(r);
        fmt::print("[a] {:5.0f} MeV e-, {:4d} events: {:.1f} s wall, {:.1f} s CPU\n", energy, events, r.wall, r.cpu);
    }
    std::ofstream fit_csv(out / "shower_summary.csv");
    fit_csv << "energy_mev,events,fit_a,fit_a_error,fit_b,fit_b_error,fit_amplitude,fit_chi2,fit_ndf,tmax_fit,"
               "tmax_fit_error,tmax_peak,tmax_pdg,mean_depth,moment_a,moment_b,deposited_fraction,r90_over_rm,"
               "within_1rm,within_2rm,within_3p5rm,tmax_gflash,a_gflash,b_gflash,wall_s,cpu_s\n";
    for (const auto& r : results)
    {
        fit_csv << fmt::format("{},{},{:.4f},{:.4f},{:.5f},{:.5f},{:.5f},{:.1f},{},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},"
                               "{:.4f},{:.5f},{:.5f},{:.4f},{:.5f},{:.5f},{:.5f},{:.4f},{:.4f},{:.4f},{:.2f},{:.2f}\n",
                               r.energy, r.events, r.fit.a, r.fit.a_error, r.fit.b, r.fit.b_error, r.fit.amplitude,
                               r.fit.chi2, r.fit.ndf, r.fit.t_max(), r.fit.t_max_error(), r.peak_depth,
                               std::log(r.energy / pdg_critical_energy_w) - 0.5, r.mean_depth, r.moment_a, r.moment_b,
                               r.deposited_fraction, r.r90, r.within_1, r.within_2, r.within_3p5,
                               gflash_tungsten(r.energy).t_max, gflash_tungsten(r.energy).alpha,
                               gflash_tungsten(r.energy).beta, r.wall, r.cpu);
    }
    return results;
}

// ---------------------------------------------------------------------------------------
// b. Bremsstrahlung on the 0.1 X0 target

//! Tsai's complete-screening constant of the (1/9)(1-y) term relative to the main term:
//! (Z^2 + Z) / (9 [Z^2 (L_rad - f(Z)) + Z L'_rad]) (Tsai 1974 eq. 3.83; L_rad, L'_rad of
//! PDG table 34.2 for Z > 4: ln(184.15 Z^-1/3), ln(1194 Z^-2/3)).
double tsai_extra_term(double z)
{
    const double l_rad = std::log(184.15 * std::pow(z, -1.0 / 3));
    const double l_rad_prime = std::log(1194.0 * std::pow(z, -2.0 / 3));
    const double f = GammaConversion::coulomb_correction(z);
    return (z * z + z) / (9 * (z * z * (l_rad - f) + z * l_rad_prime));
}

//! y dN/dy per X0 in complete screening for the photon fraction v of the electron's energy.
double tsai_psi(double v, double extra)
{
    if (v >= 1) return 0;
    return 4.0 / 3 - 4.0 / 3 * v + v * v + extra * (1 - v);
}

//! y dN/dy (y = k/E0) for a target of `thickness` X0, with the electron's energy degraded as
//! in the Bethe-Heitler approximation: at depth x, u = -ln(E/E0) ~ Gamma(4x/3, 1).
//! y dN/dy = int_0^T dx E_u[psi(y e^u)]. Integrated with s = u^(bx): E_u[g] =
//! int_0^{s_max} g(s^(1/bx)) exp(-s^(1/bx)) ds / Gamma(bx + 1).
double tsai_thick(double y, double thickness, double extra)
{
    constexpr int nx = 64, ns = 400;
    const double u_max = -std::log(y);
    double total = 0;
    for (int ix = 0; ix < nx; ++ix)
    {
        const double x = (ix + 0.5) * thickness / nx;  // midpoint rule in depth
        const double bx = 4.0 / 3 * x;
        const double s_max = std::pow(u_max, bx);
        double sum = 0;
        for (int is = 0; is < ns; ++is)
        {
            const double s = (is + 0.5) * s_max / ns;
            const double u = std::pow(s, 1 / bx);
            sum += tsai_psi(y * std::exp(u), extra) * std::exp(-u);
        }
        total += sum * s_max / ns / std::tgamma(bx + 1) * (thickness / nx);
    }
    return total;
}

struct BremResult
{
    int electrons = 0;
    double thickness = 0;  //!< [X0]
    double photons_per_electron = 0;
    double ratio_0p1_0p9 = 0;       //!< counted / thin formula for y in [0.1, 0.9)
    double ratio_thick_0p1_0p9 = 0; //!< counted / thick (Bethe-Heitler folded) formula
    double wall = 0, cpu = 0;
};

BremResult run_brem(const std::filesystem::path& out, double scale, std::uint64_t seed)
{
    const Timer timer;
    const auto s = make_setup(test_detector("tungsten-slab.toml"));
    Transporter transporter(s.geometry, s.tables, s.readout);
    struct Photons : SimulationObserver
    {
        StepVerdict on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries) override
        {
            if (parent.track_id == 1 && process == ProcessId::bremsstrahlung && parent.position.z > 400)
            {
                for (const auto& photon : secondaries) energies.push_back(photon.kinetic_energy);
            }
            return StepVerdict::proceed;
        }
        StepVerdict on_step(const StepRecord& step) override
        {
            // Only the first electron in the target matters; stop it once it has crossed.
            return step.track.track_id == 1 && step.track.position.z > 501 ? StepVerdict::kill_track
                                                                          : StepVerdict::proceed;
        }
        std::vector<double> energies;
    };
    auto photons = std::make_shared<Photons>();
    transporter.add_observer(photons);
    const double beam = 8000.0;
    BremResult r;
    r.electrons = scaled(400000, scale);
    for (int event = 0; event < r.electrons; ++event)
    {
        RandomStream rng({.seed = seed + 200, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        transporter.simulate(event, {particle(11, beam, {0, 0, 499})}, rng);
    }
    r.wall = timer.wall();
    r.cpu = timer.cpu();
    const double x0 = s.geometry->material(s.geometry->find_material("G4_W")).radiation_length();
    r.thickness = 0.3504 / x0;
    const double extra = tsai_extra_term(74);
    // 45 logarithmic bins in y = k/E0 from 1e-3 to 1.
    constexpr int bins = 45;
    const double lo = std::log(1e-3);
    const double dlog = -lo / bins;
    std::vector<double> counts(bins, 0.0);
    for (double k : photons->energies)
    {
        const double y = k / beam;
        if (y < 1e-3 || y >= 1) continue;
        counts[static_cast<std::size_t>(std::min(bins - 1, static_cast<int>((std::log(y) - lo) / dlog)))] += 1;
    }
    std::ofstream csv(out / "brem_spectrum.csv");
    csv << "y_low,y_high,photons,k_dNdk,error,tsai_simple,tsai_full,tsai_full_thick\n";
    double n_mid = 0, thin_mid = 0, thick_mid = 0;
    for (int i = 0; i < bins; ++i)
    {
        const double l0 = lo + i * dlog, l1 = l0 + dlog;
        // Bin averages over ln y (Simpson, 8 intervals).
        double simple = 0, full = 0, thick = 0;
        constexpr int n = 8;
        for (int j = 0; j <= n; ++j)
        {
            const double weight = (j == 0 || j == n) ? 1 : (j % 2 ? 4 : 2);
            const double y = std::exp(l0 + j * dlog / n);
            simple += weight * tsai_psi(y, 0.0);
            full += weight * tsai_psi(y, extra);
            thick += weight * (y < 1 ? tsai_thick(y, r.thickness, extra) : 0.0);
        }
        simple *= r.thickness / (3 * n);
        full *= r.thickness / (3 * n);
        thick /= 3 * n;
        const double value = counts[i] / (r.electrons * dlog);
        const double error = std::sqrt(counts[i]) / (r.electrons * dlog);
        csv << fmt::format("{:.6e},{:.6e},{},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e}\n", std::exp(l0), std::exp(l1),
                           counts[i], value, error, simple, full, thick);
    }
    // Integrated check on y in [0.1, 0.9): counted vs both formulas (fine numerical integral).
    for (double k : photons->energies)
        if (k >= 0.1 * beam && k < 0.9 * beam) n_mid += 1;
    {
        constexpr int n = 400;
        const double l0 = std::log(0.1), l1 = std::log(0.9), h = (l1 - l0) / n;
        for (int j = 0; j < n; ++j)
        {
            const double y = std::exp(l0 + (j + 0.5) * h);
            thin_mid += tsai_psi(y, extra) * r.thickness * h;
            thick_mid += tsai_thick(y, r.thickness, extra) * h;
        }
    }
    r.photons_per_electron = static_cast<double>(photons->energies.size()) / r.electrons;
    r.ratio_0p1_0p9 = n_mid / r.electrons / thin_mid;
    r.ratio_thick_0p1_0p9 = n_mid / r.electrons / thick_mid;
    fmt::print("[b] 8 GeV e- on {:.4f} X0 W, {} electrons: {} brem photons from the primary; {:.1f} s wall, {:.1f} s CPU\n",
               r.thickness, r.electrons, photons->energies.size(), r.wall, r.cpu);
    fmt::print("[b] y in [0.1,0.9): {:.0f} photons, thin Tsai (full) expects {:.0f}, thick (BH-folded) {:.0f}; "
               "extra-term constant (Z^2+Z)/9(...) = {:.4f}\n",
               n_mid, thin_mid * r.electrons, thick_mid * r.electrons, extra);
    return r;
}

// ---------------------------------------------------------------------------------------
// c. Conversion probability

struct ConversionResult
{
    int photons = 0;
    int converted = 0, compton = 0, other = 0;
    double sigma_conversion = 0, sigma_total = 0;  //!< umbra macroscopic at 1 GeV [1/mm]
    double x0 = 0;                                 //!< [mm]
    double expected_seven_ninths = 0, expected_tables = 0;
    double wall = 0, cpu = 0;
};

ConversionResult run_conversion(const std::filesystem::path& out, double scale, std::uint64_t seed)
{
    const Timer timer;
    const auto s = make_setup(test_detector("tungsten-slab.toml"));
    Transporter transporter(s.geometry, s.tables, s.readout);
    struct FirstInteraction : SimulationObserver
    {
        void begin_event(SimEvent&) override { seen = false; }
        StepVerdict on_interaction(const Track& parent, ProcessId process, std::span<const Track>) override
        {
            if (parent.track_id == 1 && parent.position.z < 10 && !seen)
            {
                seen = true;
                ++counts[process];
            }
            return StepVerdict::abort_event;  // only the first interaction matters
        }
        bool seen = false;
        std::map<ProcessId, int> counts;
    };
    auto observer = std::make_shared<FirstInteraction>();
    transporter.add_observer(observer);
    ConversionResult r;
    r.photons = scaled(1000000, scale);
    const double energy = 1000.0;
    for (int event = 0; event < r.photons; ++event)
    {
        RandomStream rng({.seed = seed + 300, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        transporter.simulate(event, {particle(22, energy, {0, 0, -1})}, rng);
    }
    r.wall = timer.wall();
    r.cpu = timer.cpu();
    for (const auto& [process, n] : observer->counts)
    {
        if (process == ProcessId::conversion) r.converted += n;
        else if (process == ProcessId::compton) r.compton += n;
        else r.other += n;
    }
    const int w = s.geometry->find_material("G4_W");
    r.x0 = s.geometry->material(w).radiation_length();
    const double thickness = 3.5042;  // tungsten-slab.toml [mm]
    r.sigma_conversion = s.tables->cross_section(ProcessId::conversion, ParticleKind::gamma, w, energy);
    r.sigma_total = s.tables->total_cross_section(ParticleKind::gamma, w, energy);
    r.expected_seven_ninths = 1 - std::exp(-7.0 / 9 * thickness / r.x0);
    // First interaction is a conversion: (sigma_conv / sigma_tot) (1 - exp(-sigma_tot d)).
    r.expected_tables = r.sigma_conversion / r.sigma_total * (1 - std::exp(-r.sigma_total * thickness));
    std::ofstream csv(out / "conversion.csv");
    csv << "photons,converted,compton,other,p_conversion,p_error,p_7_9,p_tables,sigma_conv_per_mm,sigma_total_per_mm,"
           "sigma_conv_over_asymptotic,x0_mm,wall_s,cpu_s\n";
    const double p = static_cast<double>(r.converted) / r.photons;
    csv << fmt::format("{},{},{},{},{:.5f},{:.5f},{:.5f},{:.5f},{:.6e},{:.6e},{:.5f},{:.5f},{:.2f},{:.2f}\n", r.photons,
                       r.converted, r.compton, r.other, p, std::sqrt(p * (1 - p) / r.photons), r.expected_seven_ninths,
                       r.expected_tables, r.sigma_conversion, r.sigma_total, r.sigma_conversion * 9 * r.x0 / 7, r.x0,
                       r.wall, r.cpu);
    fmt::print("[c] {} photons of 1 GeV on 1 X0 W: {:.1f} s wall, {:.1f} s CPU\n", r.photons, r.wall, r.cpu);
    return r;
}

// ---------------------------------------------------------------------------------------
// d. ECal response

struct EcalPoint
{
    double energy = 0;  //!< beam [MeV]
    int events = 0;
    double si_mean = 0, si_rms = 0;    //!< raw Si energy [MeV]
    double rec_mean = 0, rec_rms = 0;  //!< layer-weighted energy [MeV]
    double rec_core_rms = 0;           //!< RMS after iterative 3-sigma clipping [MeV]
    double wall = 0, cpu = 0;
};

struct ResolutionFit
{
    double stochastic = 0, constant = 0, stochastic_error = 0, constant_error = 0, chi2 = 0;
};

//! Weighted least squares of (sigma/E)^2 = a^2 / E[GeV] + b^2; b fixed to 0 if b^2 < 0.
ResolutionFit fit_resolution(const std::vector<double>& e_gev, const std::vector<double>& res,
                             const std::vector<double>& res_error)
{
    double s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0;
    for (std::size_t i = 0; i < e_gev.size(); ++i)
    {
        const double y = res[i] * res[i];
        const double sy = 2 * res[i] * res_error[i];
        const double w = 1 / (sy * sy);
        const double x1 = 1 / e_gev[i];
        s11 += w * x1 * x1, s12 += w * x1, s22 += w, r1 += w * x1 * y, r2 += w * y;
    }
    ResolutionFit fit;
    const double det = s11 * s22 - s12 * s12;
    double a2 = (r1 * s22 - r2 * s12) / det;
    double b2 = (s11 * r2 - s12 * r1) / det;
    double va2 = s22 / det, vb2 = s11 / det;
    if (b2 < 0)
    {
        b2 = 0, vb2 = 0;
        a2 = r1 / s11, va2 = 1 / s11;
    }
    fit.stochastic = std::sqrt(std::max(0.0, a2));
    fit.constant = std::sqrt(std::max(0.0, b2));
    fit.stochastic_error = fit.stochastic > 0 ? std::sqrt(va2) / (2 * fit.stochastic) : 0;
    fit.constant_error = fit.constant > 0 ? std::sqrt(vb2) / (2 * fit.constant) : std::sqrt(std::sqrt(vb2));
    for (std::size_t i = 0; i < e_gev.size(); ++i)
    {
        const double y = res[i] * res[i];
        const double sy = 2 * res[i] * res_error[i];
        fit.chi2 += std::pow((y - a2 / e_gev[i] - b2) / sy, 2);
    }
    return fit;
}

std::vector<EcalPoint> run_ecal(const std::filesystem::path& out, double scale, std::uint64_t seed,
                                ResolutionFit& rec_fit, ResolutionFit& si_fit)
{
    const auto s = make_setup("ldmx-det-v14-8gev");
    Transporter transporter(s.geometry, s.tables, s.readout);
    std::ofstream events_csv(out / "ecal_events.csv");
    events_csv << "energy_mev,event,e_si,e_si_cells,e_rec\n";
    std::ofstream layers_csv(out / "ecal_layers.csv");
    layers_csv << "energy_mev,layer,mean_e_si\n";
    std::vector<EcalPoint> points;
    for (const auto& [energy, nominal] : {std::pair{500.0, 8000}, std::pair{1000.0, 4000}, std::pair{2000.0, 2000},
                                          std::pair{4000.0, 1200}, std::pair{8000.0, 800}})
    {
        const Timer timer;
        EcalPoint p;
        p.energy = energy;
        p.events = scaled(nominal, scale);
        std::vector<double> si(p.events), rec(p.events);
        std::array<double, 34> layer_sum{};
        for (int event = 0; event < p.events; ++event)
        {
            RandomStream rng({.seed = seed + 400 + static_cast<std::uint64_t>(energy), .stream = StreamId::test,
                              .event = static_cast<std::uint64_t>(event)});
            const auto result = transporter.simulate(event, {particle(11, energy, {0, 0, 230})}, rng);
            double reconstructed = 0, cells = 0;
            for (const auto& hit : result.ecal_hits)
            {
                const int layer = geometry::EcalId::from_raw(hit.id)->layer();
                reconstructed += hit.edep / ldmx_mip_energy_si * (ldmx_layer_weights[layer] + ldmx_mip_energy_weight) *
                                 ldmx_second_order;
                cells += hit.edep;
                layer_sum[layer] += hit.edep;
            }
            si[event] = result.ecal_edep;
            rec[event] = reconstructed;
            events_csv << fmt::format("{},{},{:.5f},{:.5f},{:.3f}\n", energy, event, result.ecal_edep, cells,
                                      reconstructed);
        }
        const auto moments = [](const std::vector<double>& v, double& mean, double& rms) {
            mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
            double s2 = 0;
            for (double x : v) s2 += (x - mean) * (x - mean);
            rms = std::sqrt(s2 / static_cast<double>(std::max<std::size_t>(1, v.size() - 1)));
        };
        moments(si, p.si_mean, p.si_rms);
        moments(rec, p.rec_mean, p.rec_rms);
        {
            double mean = p.rec_mean, rms = p.rec_rms;
            for (int iteration = 0; iteration < 10; ++iteration)
            {
                std::vector<double> kept;
                for (double x : rec)
                    if (std::abs(x - mean) < 3 * rms) kept.push_back(x);
                moments(kept, mean, rms);
            }
            p.rec_core_rms = rms;
        }
        for (int layer = 0; layer < 34; ++layer)
        {
            layers_csv << fmt::format("{},{},{:.6f}\n", energy, layer, layer_sum[layer] / p.events);
        }
        p.wall = timer.wall();
        p.cpu = timer.cpu();
        points.push_back(p);
        fmt::print("[d] {:5.0f} MeV e- at the ECal face, {:4d} events: {:.1f} s wall, {:.1f} s CPU\n", energy, p.events,
                   p.wall, p.cpu);
    }
    std::vector<double> e_gev, res, res_err, si_res, si_res_err;
    for (const auto& p : points)
    {
        e_gev.push_back(p.energy / 1000);
        res.push_back(p.rec_rms / p.rec_mean);
        res_err.push_back(res.back() / std::sqrt(2.0 * (p.events - 1)));
        si_res.push_back(p.si_rms / p.si_mean);
        si_res_err.push_back(si_res.back() / std::sqrt(2.0 * (p.events - 1)));
    }
    rec_fit = fit_resolution(e_gev, res, res_err);
    si_fit = fit_resolution(e_gev, si_res, si_res_err);
    std::ofstream csv(out / "ecal_summary.csv");
    csv << "energy_mev,events,si_mean,si_rms,sampling_fraction,rec_mean,rec_rms,rec_core_rms,rec_over_beam,"
           "rec_over_beam_error,resolution,resolution_error,si_resolution,wall_s,cpu_s\n";
    for (std::size_t i = 0; i < points.size(); ++i)
    {
        const auto& p = points[i];
        csv << fmt::format("{},{},{:.5f},{:.5f},{:.6f},{:.3f},{:.3f},{:.3f},{:.5f},{:.5f},{:.5f},{:.5f},{:.5f},{:.2f},"
                           "{:.2f}\n",
                           p.energy, p.events, p.si_mean, p.si_rms, p.si_mean / p.energy, p.rec_mean, p.rec_rms,
                           p.rec_core_rms, p.rec_mean / p.energy, p.rec_rms / std::sqrt(p.events) / p.energy, res[i],
                           res_err[i], si_res[i], p.wall, p.cpu);
    }
    std::ofstream fit_csv(out / "ecal_resolution_fit.csv");
    fit_csv << "quantity,stochastic,stochastic_error,constant,constant_error,chi2,ndf\n";
    fit_csv << fmt::format("e_rec,{:.5f},{:.5f},{:.5f},{:.5f},{:.2f},{}\n", rec_fit.stochastic, rec_fit.stochastic_error,
                           rec_fit.constant, rec_fit.constant_error, rec_fit.chi2, points.size() - 2);
    fit_csv << fmt::format("e_si,{:.5f},{:.5f},{:.5f},{:.5f},{:.2f},{}\n", si_fit.stochastic, si_fit.stochastic_error,
                           si_fit.constant, si_fit.constant_error, si_fit.chi2, points.size() - 2);
    return points;
}
}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        fmt::print(stderr, "usage: {} <output-dir> [--scale f] [--parts abcd] [--seed n]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path out = argv[1];
    double scale = 1;
    std::string parts = "abcd";
    std::uint64_t seed = 20240;
    for (int i = 2; i + 1 < argc; i += 2)
    {
        const std::string option = argv[i];
        if (option == "--scale") scale = std::atof(argv[i + 1]);
        else if (option == "--parts") parts = argv[i + 1];
        else if (option == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
        else
        {
            fmt::print(stderr, "unknown option {}\n", option);
            return 2;
        }
    }
    std::filesystem::create_directories(out);
    const Timer total;
    const auto has = [&](char c) { return parts.find(c) != std::string::npos; };

    std::vector<ShowerResult> showers;
    BremResult brem;
    ConversionResult conversion;
    std::vector<EcalPoint> ecal;
    ResolutionFit rec_fit, si_fit;
    if (has('a')) showers = run_showers(out, scale, seed);
    if (has('b')) brem = run_brem(out, scale, seed);
    if (has('c')) conversion = run_conversion(out, scale, seed);
    if (has('d')) ecal = run_ecal(out, scale, seed, rec_fit, si_fit);

    fmt::print("\n=== Transport validation summary (scale {}, seed {}) ===\n", scale, seed);
    if (!showers.empty())
    {
        fmt::print("\n(a) e- showers in W (PDG: t_max = ln(E/Ec) - 0.5, Ec = 7.97 MeV; ~90 % within R_M = 9.327 mm; "
                   "GF = GFLASH homogeneous-media parameterisation)\n");
        fmt::print("{:>6} {:>6} {:>13} {:>15} {:>8} {:>6} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6} {:>8} {:>7} {:>7} {:>7} "
                   "{:>7}\n",
                   "E/MeV", "events", "fit a", "fit b", "tmaxFit", "+-", "tmaxPk", "tmaxPDG", "tmaxGF", "aGF", "bGF",
                   "<t>", "chi2/ndf", "r90/RM", "f(RM)", "f(3.5)", "wall/s");
        for (const auto& r : showers)
        {
            const auto gf = gflash_tungsten(r.energy);
            fmt::print("{:6.0f} {:6d} {:6.3f}+-{:5.3f} {:7.4f}+-{:6.4f} {:8.3f} {:6.3f} {:7.3f} {:7.3f} {:7.3f} {:6.3f} "
                       "{:6.3f} {:6.3f} {:8.1f} {:7.3f} {:7.4f} {:7.4f} {:7.1f}\n",
                       r.energy, r.events, r.fit.a, r.fit.a_error, r.fit.b, r.fit.b_error, r.fit.t_max(),
                       r.fit.t_max_error(), r.peak_depth, std::log(r.energy / pdg_critical_energy_w) - 0.5, gf.t_max,
                       gf.alpha, gf.beta, r.mean_depth, r.fit.chi2 / r.fit.ndf, r.r90, r.within_1, r.within_3p5,
                       r.wall);
        }
    }
    if (has('b'))
    {
        fmt::print("\n(b) brem k dN/dk, 8 GeV e- on {:.4f} X0 W, {} e-: {:.4f} photons/e- with y > cut; y in [0.1, 0.9): "
                   "data / thin Tsai = {:.4f}, data / Bethe-Heitler-folded Tsai = {:.4f}; {:.1f} s\n",
                   brem.thickness, brem.electrons, brem.photons_per_electron, brem.ratio_0p1_0p9,
                   brem.ratio_thick_0p1_0p9, brem.wall);
    }
    if (has('c'))
    {
        const double p = static_cast<double>(conversion.converted) / conversion.photons;
        fmt::print("\n(c) 1 GeV photons on 1 X0 W, {} photons: P(first interaction = conversion) = {:.4f} +- {:.4f}; "
                   "1 - exp(-7/9) = {:.4f}; with umbra's sigma(1 GeV) = {:.4f} (sigma_conv / (7/9 X0) = {:.4f}); "
                   "Compton first: {}, other: {}; {:.1f} s\n",
                   conversion.photons, p, std::sqrt(p * (1 - p) / conversion.photons), conversion.expected_seven_ninths,
                   conversion.expected_tables, conversion.sigma_conversion * 9 * conversion.x0 / 7, conversion.compton,
                   conversion.other, conversion.wall);
    }
    if (!ecal.empty())
    {
        fmt::print("\n(d) LDMX ECal, e- at (0, 0, 230 mm): raw Si energy and ldmx-sw layer-weighted E_rec\n");
        fmt::print("{:>6} {:>6} {:>9} {:>8} {:>9} {:>9} {:>8} {:>10} {:>8} {:>8} {:>8}\n", "E/MeV", "events", "<E_Si>",
                   "rms", "samplFr", "<E_rec>", "rms", "Erec/Eb", "+-", "sig/E", "core");
        for (const auto& p : ecal)
        {
            fmt::print("{:6.0f} {:6d} {:9.3f} {:8.3f} {:9.5f} {:9.1f} {:8.1f} {:10.4f} {:8.4f} {:8.4f} {:8.4f}\n",
                       p.energy, p.events, p.si_mean, p.si_rms, p.si_mean / p.energy, p.rec_mean, p.rec_rms,
                       p.rec_mean / p.energy, p.rec_rms / std::sqrt(p.events) / p.energy, p.rec_rms / p.rec_mean,
                       p.rec_core_rms / p.rec_mean);
        }
        fmt::print("E_rec resolution fit: ({:.2f} +- {:.2f}) %/sqrt(E/GeV) (+) ({:.2f} +- {:.2f}) %, chi2 = {:.1f} / {}\n",
                   100 * rec_fit.stochastic, 100 * rec_fit.stochastic_error, 100 * rec_fit.constant,
                   100 * rec_fit.constant_error, rec_fit.chi2, ecal.size() - 2);
        fmt::print("raw E_Si resolution fit: ({:.2f} +- {:.2f}) %/sqrt(E/GeV) (+) ({:.2f} +- {:.2f}) %, chi2 = {:.1f} / {}\n",
                   100 * si_fit.stochastic, 100 * si_fit.stochastic_error, 100 * si_fit.constant,
                   100 * si_fit.constant_error, si_fit.chi2, ecal.size() - 2);
    }
    fmt::print("\nTotal: {:.1f} s wall, {:.1f} s CPU\n", total.wall(), total.cpu());
    return 0;
}
