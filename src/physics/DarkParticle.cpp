#include "umbra/physics/DarkParticle.hpp"

#include <fmt/format.h>

#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::physics
{
namespace
{
using constants::alpha;
using constants::electron_mass;
using constants::muon_mass;
using constants::pi;

//! Name used in messages.
std::string_view display_name(DarkParticleKind kind) noexcept
{
    switch (kind)
    {
        case DarkParticleKind::pseudoscalar:
            return "ALP";
        case DarkParticleKind::scalar:
            return "scalar";
        case DarkParticleKind::vector:
            return "dark photon";
    }
    return "dark particle";
}

//! Velocity of either lepton in the rest frame of a boson of mass `mass`
//! decaying to a lepton pair of mass `lepton_mass`:
//! beta_l = sqrt(1 - 4 m_l^2 / m^2) (alp-physics.md section 2.1); 0 at or below threshold.
double lepton_velocity(double mass, double lepton_mass) noexcept
{
    const double ratio = lepton_mass / mass;
    const double beta_squared = 1 - 4 * ratio * ratio;
    return beta_squared > 0 ? std::sqrt(beta_squared) : 0.0;
}

//! Tree-level Gamma(X -> l+ l-) [MeV] for coupling `coupling` to lepton l
//! (alp-physics.md section 2.1, [V DMG4]):
//!   pseudoscalar: g^2 m beta_l / (8 pi)
//!   scalar:       g^2 m beta_l^3 / (8 pi)
//!   vector:       (alpha eps^2 m / 3) (1 + 2 m_l^2 / m^2) beta_l
double dilepton_width(DarkParticleKind kind, double mass, double coupling,
                      double lepton_mass) noexcept
{
    const double beta = lepton_velocity(mass, lepton_mass);
    if (beta == 0) return 0;
    const double c2 = coupling * coupling;
    switch (kind)
    {
        case DarkParticleKind::pseudoscalar:
            return c2 * mass * beta / (8 * pi);
        case DarkParticleKind::scalar:
            return c2 * mass * beta * beta * beta / (8 * pi);
        case DarkParticleKind::vector:
        {
            const double ratio = lepton_mass / mass;
            return alpha * c2 * mass / 3 * (1 + 2 * ratio * ratio) * beta;
        }
    }
    return 0;
}
}  // namespace

std::string_view to_string(DarkParticleKind kind) noexcept
{
    switch (kind)
    {
        case DarkParticleKind::pseudoscalar:
            return "pseudoscalar";
        case DarkParticleKind::scalar:
            return "scalar";
        case DarkParticleKind::vector:
            return "vector";
    }
    return "unknown";
}

DarkParticleKind parse_dark_particle_kind(std::string_view name)
{
    if (name == "pseudoscalar" || name == "alp") return DarkParticleKind::pseudoscalar;
    if (name == "scalar") return DarkParticleKind::scalar;
    if (name == "vector" || name == "dark-photon") return DarkParticleKind::vector;
    throw InputError(
        fmt::format("unknown dark particle kind '{}' (not one of the supported models); use one of "
                    "pseudoscalar (alias alp), scalar, vector (alias dark-photon)",
                    name));
}

DarkParticle::DarkParticle(DarkParticleKind particle_kind, double particle_mass,
                           double particle_coupling)
    : kind(particle_kind), mass(particle_mass), coupling(particle_coupling)
{
    validate();
}

void DarkParticle::validate() const
{
    const auto name = display_name(kind);
    const double threshold = 2 * electron_mass;
    if (!std::isfinite(mass) || !(mass > threshold))
        throw InputError(fmt::format(
            "{} mass {:g} MeV is not above the e+e- threshold {:.4g} MeV (no visible decay); "
            "choose a finite mass above 2 m_e",
            name, mass, threshold));
    const std::string_view coupling_name =
        kind == DarkParticleKind::vector ? "mixing eps" : "coupling g";
    if (!std::isfinite(coupling) || !(coupling > 0))
        throw InputError(fmt::format(
            "{} {} = {:g} is not a positive finite number (the decay width scales as its "
            "square); give a value > 0",
            name, coupling_name, coupling));
    const double width = total_width();
    if (!std::isfinite(width) || !(width > 0))
        throw InputError(fmt::format(
            "{} {} = {:g} at mass {:g} MeV gives a width of {:g} MeV (outside the double "
            "range); choose a coupling between ~1e-150 and ~1e150",
            name, coupling_name, coupling, mass, width));
}

double DarkParticle::partial_width_ee() const noexcept
{
    return dilepton_width(kind, mass, coupling, electron_mass);
}

double DarkParticle::partial_width_mumu() const noexcept
{
    // Only kinetic mixing couples to muons; the seed UFO's ALP has an e+e- vertex
    // only (alp-physics.md section 1.4).
    if (kind != DarkParticleKind::vector) return 0;
    return dilepton_width(kind, mass, coupling, muon_mass);
}

double DarkParticle::total_width() const noexcept
{
    return partial_width_ee() + partial_width_mumu();
}

std::string_view DarkParticle::total_width_note() const noexcept
{
    switch (kind)
    {
        case DarkParticleKind::pseudoscalar:
            return "e+e- only: the seed MadGraph UFO couples the ALP only to electrons, so "
                   "BR(e+e-) = 1 (alp-physics.md section 1.4)";
        case DarkParticleKind::scalar:
            return "e+e- only: the scalar is taken to couple only to electrons, so BR(e+e-) = 1";
        case DarkParticleKind::vector:
            return "e+e- and mu+mu- only: hadronic decays (above ~2 m_pi, R-ratio) and tau+tau- "
                   "are NOT included, so above ~0.3 GeV the width is underestimated";
    }
    return "";
}

double DarkParticle::proper_lifetime() const noexcept
{
    // tau = hbar / Gamma (alp-physics.md section 2.3)
    return constants::hbar / total_width();
}

double DarkParticle::proper_decay_length() const noexcept
{
    // c tau = hbar c / Gamma (alp-physics.md section 2.3)
    return constants::hbar_c / total_width();
}

double DarkParticle::lab_decay_length(double momentum) const
{
    if (!std::isfinite(momentum) || momentum < 0)
        throw InputError(fmt::format(
            "{} momentum {:g} MeV is negative or not finite (a lab decay length needs |p| >= 0); "
            "pass the momentum magnitude in MeV",
            display_name(kind), momentum));
    // L = beta gamma c tau = (p / m) c tau (alp-physics.md section 2.3)
    return momentum / mass * proper_decay_length();
}

double coupling_for_lab_decay_length(DarkParticleKind kind, double mass, double momentum,
                                     double lab_decay_length)
{
    if (!std::isfinite(momentum) || !(momentum > 0))
        throw InputError(fmt::format(
            "momentum {:g} MeV is not a positive finite number (a particle at rest has zero "
            "decay length for any coupling); give the lab momentum in MeV",
            momentum));
    if (!std::isfinite(lab_decay_length) || !(lab_decay_length > 0))
        throw InputError(fmt::format(
            "lab decay length {:g} mm is not a positive finite number (no coupling gives it); "
            "give a length > 0 in mm",
            lab_decay_length));
    // Width at unit coupling; validates the mass.
    const DarkParticle unit(kind, mass, 1.0);
    // All included widths scale as coupling^2 (alp-physics.md section 2.1), so
    // L = (p/m) hbar c / (coupling^2 Gamma_1)  =>  coupling = sqrt(p hbar c / (m L Gamma_1))
    // (alp-physics.md section 2.3, "g needed for a given L").
    const double coupling =
        std::sqrt(momentum / mass * constants::hbar_c / (lab_decay_length * unit.total_width()));
    if (!std::isfinite(coupling) || !(coupling > 0))
        throw InputError(fmt::format(
            "lab decay length {:g} mm at momentum {:g} MeV needs a coupling outside the double "
            "range; choose a less extreme decay length",
            lab_decay_length, momentum));
    return coupling;
}
}  // namespace umbra::physics
