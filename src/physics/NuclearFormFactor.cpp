#include "umbra/physics/NuclearFormFactor.hpp"

#include <fmt/format.h>

#include <cmath>

#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::physics
{
namespace
{
// Constants as in G4DarkBreM and the dark-brem-lib-gen UFO (darkbrem.md 1.4, 3.2).
constexpr double form_factor_electron_mass = 0.000511 * units::GeV;  // "ymel", also for muon beams
constexpr double proton_magnetic_moment = 2.79;                       // mu_p [nuclear magnetons]
constexpr double form_factor_proton_mass = 0.938 * units::GeV;
constexpr double dipole_scale = 0.71 * units::GeV * units::GeV;       // proton dipole Lambda^2
constexpr double nuclear_size_scale = 0.164 * units::GeV * units::GeV;
}  // namespace

void NuclearFormFactor::Config::validate() const
{
    if (atomic_number < 1 || atomic_number > 120)
        throw InputError(fmt::format("form factor: atomic number Z = {} out of range (1..120)", atomic_number));
    if (!(mass_number > 0) || !std::isfinite(mass_number))
        throw InputError(fmt::format("form factor: mass number A = {} must be positive", mass_number));
}

NuclearFormFactor::NuclearFormFactor(const Config& config) : config_(config)
{
    config_.validate();
    const double z = config_.atomic_number;
    a_ = 111.0 * std::pow(z, -1.0 / 3.0) / form_factor_electron_mass;
    a_prime_ = 773.0 * std::pow(z, -2.0 / 3.0) / form_factor_electron_mass;
    d_ = nuclear_size_scale * std::pow(config_.mass_number, -2.0 / 3.0);
}

double NuclearFormFactor::elastic(double t) const noexcept
{
    const double a2t = a_ * a_ * t;
    const double screening = a2t / (1 + a2t);
    const double size = 1 / (1 + t / d_);
    const double z = config_.atomic_number;
    return z * z * screening * screening * size * size;
}

double NuclearFormFactor::inelastic(double t) const noexcept
{
    if (config_.inelastic == InelasticTerm::none) return 0;
    const double ap2t = a_prime_ * a_prime_ * t;
    const double screening = ap2t / (1 + ap2t);
    const double magnetic = 1 + t * (proton_magnetic_moment * proton_magnetic_moment - 1) /
                                    (4 * form_factor_proton_mass * form_factor_proton_mass);
    const double dipole = 1 / std::pow(1 + t / dipole_scale, 4);
    const double bracket = magnetic * dipole;
    const double proton_factor = config_.inelastic == InelasticTerm::squared ? bracket * bracket : bracket;
    return config_.atomic_number * screening * screening * proton_factor;
}
}  // namespace umbra::physics
