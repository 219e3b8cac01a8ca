#include "umbra/gen/DarkBremCrossSection.hpp"

#include <fmt/format.h>

#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::gen
{
namespace
{
constexpr double madgraph_alpha_lepton = 1 / 127.9;   // UFO aEWM1
constexpr double madgraph_alpha_nucleus = 1 / 137.04; // GAN^2 / (4 pi), GAN = 0.3028177
//! dark-brem-lib-gen's iDM UFO: A' lepton coupling = 1.0018 eps e from its Z-A' mixing
//! (shared/reference/darkbrem.md 1.4, evaluated from the UFO's parameters.py / couplings.py).
constexpr double madgraph_dark_photon_coupling_factor = 1.0018;
//! (hbar c)^2 = 0.3893793721 GeV^2 mb (PDG 2024): GeV^-2 -> pb.
constexpr double gev_minus2_in_pb = constants::hbar_c_squared_gev2_mb * 1e9;
}  // namespace

CouplingConvention parse_coupling_convention(std::string_view name)
{
    if (name == "madgraph") return CouplingConvention::madgraph;
    if (name == "alpha0") return CouplingConvention::alpha0;
    throw InputError(fmt::format("unknown coupling convention '{}' (expected madgraph or alpha0)", name));
}

void DarkBremProcess::validate() const
{
    if (!(coupling > 0) || !std::isfinite(coupling))
        throw InputError(fmt::format("coupling must be positive, got {}", coupling));
    if (!(boson_mass > 0)) throw InputError(fmt::format("boson mass must be positive, got {} GeV", boson_mass));
    if (!(beam_energy > boson_mass + lepton_mass))
        throw InputError(fmt::format("boson mass {} GeV is above the kinematic limit for a {} GeV beam "
                                     "(it must be below E - m_lepton = {} GeV)",
                                     boson_mass, beam_energy, beam_energy - lepton_mass));
}

DarkBremMatrixElement::Config DarkBremProcess::matrix_element_config() const
{
    DarkBremMatrixElement::Config c;
    c.kind = kind;
    c.lepton_mass = lepton_mass;
    c.nucleus_mass = target.nucleus_mass / units::GeV;
    const bool vector = kind == physics::DarkParticleKind::vector;
    if (convention == CouplingConvention::madgraph)
    {
        c.alpha_lepton = madgraph_alpha_lepton;
        c.alpha_nucleus = madgraph_alpha_nucleus;
        const double e = std::sqrt(4 * constants::pi * madgraph_alpha_lepton);
        c.boson_coupling = vector ? madgraph_dark_photon_coupling_factor * coupling * e : coupling;
        c.form_factor = {target.atomic_number, vector ? target.nucleus_mass / units::GeV : target.atomic_mass,
                         vector ? physics::NuclearFormFactor::InelasticTerm::corrected
                                : physics::NuclearFormFactor::InelasticTerm::squared};
    }
    else
    {
        c.alpha_lepton = constants::alpha;
        c.alpha_nucleus = constants::alpha;
        const double e = std::sqrt(4 * constants::pi * constants::alpha);
        c.boson_coupling = vector ? coupling * e : coupling;
        c.form_factor = {target.atomic_number, target.atomic_mass,
                         physics::NuclearFormFactor::InelasticTerm::corrected};
    }
    return c;
}

DarkBremPhaseSpace::Config DarkBremProcess::phase_space_config() const
{
    return {beam_energy, lepton_mass, target.nucleus_mass / units::GeV, boson_mass};
}

DarkBremCrossSection::DarkBremCrossSection(const DarkBremProcess& process, const VegasIntegrator::Config& vegas)
    : process_((process.validate(), process)),
      matrix_element_(process_.matrix_element_config()),
      phase_space_(process_.phase_space_config()),
      vegas_(DarkBremPhaseSpace::dimensions, vegas)
{
}

double DarkBremCrossSection::integrand(std::span<const double> u) const
{
    const auto point = phase_space_.map(u);
    if (!point) return 0;
    const double m2 = matrix_element_.squared(point->lepton_in, point->nucleus_in, point->lepton_out,
                                              point->nucleus_out, point->boson);
    return m2 * point->phase_space_weight / phase_space_.flux() * gev_minus2_in_pb;
}

DarkBremCrossSectionResult DarkBremCrossSection::compute()
{
    const auto r = vegas_.integrate([this](std::span<const double> u) { return integrand(u); });
    return {r.value, r.error, r.chi2_per_dof, r.total_calls};
}
}  // namespace umbra::gen
