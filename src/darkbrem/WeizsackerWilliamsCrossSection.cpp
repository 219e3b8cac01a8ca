#include "umbra/darkbrem/WeizsackerWilliamsCrossSection.hpp"

#include <fmt/format.h>

#include <cmath>

#include "umbra/core/Error.hpp"

namespace umbra::darkbrem
{
namespace
{
// G4DarkBreM's constants (darkbrem.md 3.1): alpha = 1/137 exactly, GeV^-2 -> pb with 3.894e8.
constexpr double ww_alpha = 1.0 / 137.0;
constexpr double gev_minus2_in_pb = 3.894e8;
constexpr double theta_max = 0.3;  // [rad] DMG4's cut-off (darkbrem.md 3.3)
constexpr double minimum_kinetic_energy = 1 * units::keV;
constexpr double GeV2 = units::GeV * units::GeV;
}  // namespace

WWMethod parse_ww_method(std::string_view name)
{
    if (name == "full" || name == "fullww") return WWMethod::full;
    if (name == "improved" || name == "iww") return WWMethod::improved;
    if (name == "hyper-improved" || name == "hiww") return WWMethod::hyper_improved;
    if (name == "auto" || name == "automatic") return WWMethod::automatic;
    throw InputError(fmt::format("unknown WW method '{}' (expected full, improved, hyper-improved or auto)", name));
}

std::string_view to_string(WWMethod method)
{
    switch (method)
    {
        case WWMethod::full: return "full";
        case WWMethod::improved: return "improved";
        case WWMethod::hyper_improved: return "hyper-improved";
        case WWMethod::automatic: return "auto";
    }
    return "?";
}

void WeizsackerWilliamsCrossSection::Config::validate() const
{
    if (!(dark_photon_mass > 0) || !std::isfinite(dark_photon_mass))
        throw InputError(fmt::format("dark photon mass must be positive, got {} MeV", dark_photon_mass));
    if (!(lepton_mass > 0)) throw InputError("lepton mass must be positive");
    if (!(epsilon > 0) || !std::isfinite(epsilon))
        throw InputError(fmt::format("epsilon must be positive, got {}", epsilon));
    if (!(relative_tolerance > 0 && relative_tolerance < 1e-2))
        throw InputError("relative_tolerance must be in (0, 0.01)");
}

WeizsackerWilliamsCrossSection::WeizsackerWilliamsCrossSection(const Config& config)
    : config_(config),
      method_(config.method),
      x_integrator_({config.relative_tolerance, 0, 2000}),
      theta_integrator_({config.relative_tolerance, 0, 2000})
{
    config_.validate();
    if (method_ == WWMethod::automatic)
    {
        method_ = config_.dark_photon_mass / config_.lepton_mass < config_.max_mass_ratio_for_full ? WWMethod::full
                                                                                                   : WWMethod::improved;
    }
}

WeizsackerWilliamsCrossSection::~WeizsackerWilliamsCrossSection() = default;

physics::PhotonFlux& WeizsackerWilliamsCrossSection::flux_for(int atomic_number, double atomic_mass)
{
    auto& slot = fluxes_[{atomic_number, atomic_mass}];
    if (!slot)
    {
        slot = std::make_unique<physics::PhotonFlux>(
            physics::NuclearFormFactor({atomic_number, atomic_mass}), config_.relative_tolerance);
    }
    return *slot;
}

double WeizsackerWilliamsCrossSection::per_atom(double kinetic_energy, int atomic_number, double atomic_mass)
{
    const double threshold = std::max(config_.threshold, 2 * config_.dark_photon_mass);
    if (kinetic_energy < minimum_kinetic_energy || kinetic_energy < threshold) return 0;
    auto& flux = flux_for(atomic_number, atomic_mass);
    const double e0 = (kinetic_energy + config_.lepton_mass) / units::GeV;  // total energy [GeV]
    double sigma_gev = 0;                                                    // [GeV^-2]
    switch (method_)
    {
        case WWMethod::full: sigma_gev = full(e0, flux); break;
        case WWMethod::improved: sigma_gev = improved(e0, flux); break;
        case WWMethod::hyper_improved: sigma_gev = hyper_improved(e0, flux); break;
        case WWMethod::automatic: break;  // resolved in the constructor
    }
    const double sigma_pb = std::max(0.0, sigma_gev * gev_minus2_in_pb);
    return sigma_pb * units::pb;
}

// darkbrem.md 3.3 (DMG4 App. A eqs. 16-17, vector): d^2 sigma / (dx dtheta).
double WeizsackerWilliamsCrossSection::full(double e0, physics::PhotonFlux& flux)
{
    const double ma = config_.dark_photon_mass / units::GeV;
    const double ml = config_.lepton_mass / units::GeV;
    const double eps2 = config_.epsilon * config_.epsilon;
    const double x_min = ma / e0;
    const double x_max = 1 - std::max(ml, ma) / e0;
    auto dsigma_dx = [&](double x) {
        const double momentum = std::sqrt(std::max(0.0, x * x * e0 * e0 - ma * ma));
        auto dsigma_dx_dtheta = [&](double theta) {
            const double utilde = -x * e0 * e0 * theta * theta - ma * ma * (1 - x) / x - ml * ml * x;
            const double t_min = utilde * utilde / (4 * e0 * e0 * (1 - x) * (1 - x));
            const double t_max = e0 * e0;
            if (t_min < 0 || t_max < t_min) return 0.0;
            const double amplitude2 = 2 * (2 - 2 * x + x * x) / (1 - x) +
                                      4 * (ma * ma + 2 * ml * ml) / (utilde * utilde) *
                                          (utilde * x + ma * ma * (1 - x) + ml * ml * x * x);
            const double chi = flux(t_min * GeV2, t_max * GeV2);
            return 2 * eps2 * ww_alpha * ww_alpha * ww_alpha * momentum * e0 * (1 - x) * chi / (utilde * utilde) *
                   amplitude2 * std::sin(theta);
        };
        // The integrand rises as theta up to theta_c, where x E0^2 theta^2 reaches
        // U_min = m_A^2 (1-x)/x + m_l^2 x, and falls as theta^-3 beyond: split there so that
        // each adaptive piece is smooth.
        const double theta_c = std::sqrt((ma * ma * (1 - x) / x + ml * ml * x) / x) / e0;
        if (!(theta_c < theta_max)) return theta_integrator_.integrate(dsigma_dx_dtheta, 0.0, theta_max).value;
        return theta_integrator_.integrate(dsigma_dx_dtheta, 0.0, theta_c).value +
               theta_integrator_.integrate(dsigma_dx_dtheta, theta_c, theta_max).value;
    };
    return x_integrator_.integrate(dsigma_dx, x_min, x_max).value;
}

// darkbrem.md 3.4 (the code's form, with m_l^2 in the denominator).
double WeizsackerWilliamsCrossSection::improved(double e0, physics::PhotonFlux& flux)
{
    const double ma = config_.dark_photon_mass / units::GeV;
    const double ml = config_.lepton_mass / units::GeV;
    const double eps2 = config_.epsilon * config_.epsilon;
    const double beta = std::sqrt(1 - ma * ma / (e0 * e0));
    auto dsigma_dx = [&](double x) {
        const double utilde = -ma * ma * (1 - x) / x - ml * ml * x;
        const double t_min = utilde * utilde / (4 * e0 * e0 * (1 - x) * (1 - x));
        const double chi = flux(t_min * GeV2, e0 * e0 * GeV2);
        return 4 * eps2 * ww_alpha * ww_alpha * ww_alpha * chi * beta * (1 - x + x * x / 3) /
               (ma * ma * (1 - x) / x + ml * ml);
    };
    return x_integrator_.integrate(dsigma_dx, ma / e0, 1 - std::max(ml, ma) / e0).value;
}

// darkbrem.md 3.5: one chi for every x.
double WeizsackerWilliamsCrossSection::hyper_improved(double e0, physics::PhotonFlux& flux)
{
    const double ma = config_.dark_photon_mass / units::GeV;
    const double ml = config_.lepton_mass / units::GeV;
    const double eps2 = config_.epsilon * config_.epsilon;
    const double beta = std::sqrt(1 - ma * ma / (e0 * e0));
    const double chi = flux(ma * ma * ma * ma / (4 * e0 * e0) * GeV2, (ma * ma + ml * ml) * GeV2);
    auto dsigma_dx = [&](double x) {
        return 4 * eps2 * ww_alpha * ww_alpha * ww_alpha * chi * beta * (1 - x + x * x / 3) /
               (ma * ma * (1 - x) / x + ml * ml);
    };
    return x_integrator_.integrate(dsigma_dx, ma / e0, 1 - std::max(ml, ma) / e0).value;
}
}  // namespace umbra::darkbrem
