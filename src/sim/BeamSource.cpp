#include "umbra/sim/BeamSource.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cmath>

#include "umbra/core/Error.hpp"

namespace umbra::sim
{
namespace
{
struct Preset
{
    const char* name;
    double kinetic_energy;  //!< [MeV]
    ThreeVector position;   //!< [mm]
    ThreeVector momentum;   //!< direction, given as ldmx-sw's momentum vector [MeV]
};

// SimCore/python/generators.py (ldmx-sw 96f6980): position and the momentum
// whose direction the gun takes (_single_e_upstream_tagger normalises it);
// the unit vectors are tabulated in shared/reference/ldmx-v14-detector.md §1.
constexpr std::array<Preset, 4> presets{{
    {"ldmx-8gev-upstream-tagger", 8.0 * units::GeV, {-21.745876, 0.0, -883.0}, {388.55154, 0.0, 7991.0703}},
    {"ldmx-4gev-upstream-tagger", 4.0 * units::GeV, {-43.56748, 0.0, -883.0}, {388.5554, 0.0, 3981.5967}},
    {"ldmx-1pt2gev-upstream-tagger", 1.2 * units::GeV, {-148.95303, 0.0, -883.0}, {388.57147, 0.0, 1135.8867}},
    {"ldmx-4gev-upstream-target", 4.0 * units::GeV, {0.0, 0.0, -1.2}, {0.0, 0.0, 1.0}},
}};

std::string format_vector(const ThreeVector& v)
{
    return fmt::format("({:.8g}, {:.8g}, {:.8g})", v.x, v.y, v.z);
}
}  // namespace

BeamSource::BeamSource(Config config) : config_(std::move(config))
{
    const auto mass = particle_mass(config_.pdg);
    if (!mass)
        throw InputError(fmt::format("beam particle PDG {} is not one the transport handles "
                                     "(use e-, e+, gamma, mu- or mu+)",
                                     config_.pdg));
    if (!(config_.kinetic_energy > 0) || !std::isfinite(config_.kinetic_energy))
        throw InputError(fmt::format("beam energy must be positive (got {} MeV)", config_.kinetic_energy));
    if (!(config_.direction.mag2() > 0) || !std::isfinite(config_.direction.mag2()))
        throw InputError("beam direction must be a non-zero vector");
    const auto& w = config_.beam_spot_width;
    if (!(w.x >= 0 && w.y >= 0 && w.z >= 0) || !std::isfinite(w.mag2()))
        throw InputError("beam-spot widths must be >= 0 (full widths of the flat spot, in mm)");
    config_.direction = config_.direction.unit();
    mass_ = *mass;
    momentum_ = momentum_from_kinetic_energy(config_.kinetic_energy, mass_);
}

BeamSource::Config BeamSource::preset(std::string_view name)
{
    for (const auto& p : presets)
    {
        if (name == p.name)
        {
            Config config;
            config.name = p.name;
            config.pdg = 11;
            config.kinetic_energy = p.kinetic_energy;
            config.position = p.position;
            config.direction = p.momentum.unit();
            config.beam_spot_width = {20, 80, 0};
            return config;
        }
    }
    throw InputError(fmt::format("unknown beam preset '{}' (known: {})", name, fmt::join(preset_names(), ", ")));
}

std::vector<std::string> BeamSource::preset_names()
{
    std::vector<std::string> names;
    for (const auto& p : presets) names.emplace_back(p.name);
    return names;
}

std::vector<PrimaryParticle> BeamSource::primaries(std::uint64_t /*event*/, RandomStream& rng)
{
    // Flat beam spot, width * (U - 0.5) per axis (ldmx-sw PrimaryGenerator::smearBeamspot).
    const auto& w = config_.beam_spot_width;
    const double dx = w.x * (rng.uniform() - 0.5);
    const double dy = w.y * (rng.uniform() - 0.5);
    const double dz = w.z * (rng.uniform() - 0.5);

    PrimaryParticle p;
    p.pdg = config_.pdg;
    p.position = config_.position + ThreeVector{dx, dy, dz};
    p.momentum = config_.direction * momentum_;
    p.mass = mass_;
    p.time = config_.time + (config_.time_shift ? time_shift(p.position.z) : 0.0);
    p.origin = PrimaryOrigin::beam;
    return {p};
}

std::string BeamSource::describe() const
{
    const auto& w = config_.beam_spot_width;
    return fmt::format("beam '{}': {} with T = {:.6g} MeV from {} mm along {}, flat beam spot {:g} x {:g} x {:g} mm{}",
                       config_.name, particle_name(config_.pdg), config_.kinetic_energy,
                       format_vector(config_.position), format_vector(config_.direction), w.x, w.y, w.z,
                       config_.time_shift ? ", t = 0 at z = 0" : "");
}
}  // namespace umbra::sim
