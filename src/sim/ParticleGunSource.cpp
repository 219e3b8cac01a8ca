#include "umbra/sim/ParticleGunSource.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::sim
{
ParticleGunSource::ParticleGunSource(Config config) : config_(std::move(config))
{
    const auto mass = particle_mass(config_.pdg);
    if (!mass)
        throw InputError(fmt::format("gun particle PDG {} is not one the transport handles "
                                     "(use e-, e+, gamma, mu- or mu+)",
                                     config_.pdg));
    mass_ = *mass;
    if (!(config_.kinetic_energy > 0) || !std::isfinite(config_.kinetic_energy))
        throw InputError(fmt::format("gun energy must be positive (got {} MeV)", config_.kinetic_energy));
    if (config_.max_kinetic_energy &&
        !(*config_.max_kinetic_energy >= config_.kinetic_energy && std::isfinite(*config_.max_kinetic_energy)))
        throw InputError(fmt::format("gun energy range [{}, {}] MeV is empty (the upper end must be >= the lower end)",
                                     config_.kinetic_energy, *config_.max_kinetic_energy));
    if (!(config_.direction.mag2() > 0) || !std::isfinite(config_.direction.mag2()))
        throw InputError("gun direction must be a non-zero vector");
    const auto& s = config_.position_spread;
    if (!(s.x >= 0 && s.y >= 0 && s.z >= 0) || !std::isfinite(s.mag2()))
        throw InputError("gun position spread must be >= 0 (full widths of a flat spread, in mm)");
    if (!(config_.angular_spread >= 0 && config_.angular_spread <= constants::pi))
        throw InputError(fmt::format("gun angular spread {} rad is outside [0, pi] (it is a cone half-angle)",
                                     config_.angular_spread));
    if (config_.count < 1)
        throw InputError(fmt::format("gun count must be >= 1 (got {})", config_.count));
    config_.direction = config_.direction.unit();
}

std::vector<PrimaryParticle> ParticleGunSource::primaries(std::uint64_t /*event*/, RandomStream& rng)
{
    std::vector<PrimaryParticle> out;
    out.reserve(static_cast<std::size_t>(config_.count));
    const double cos_max = std::cos(config_.angular_spread);
    for (int i = 0; i < config_.count; ++i)
    {
        const double u_energy = rng.uniform();
        const double ux = rng.uniform();
        const double uy = rng.uniform();
        const double uz = rng.uniform();
        const double u_cos = rng.uniform();
        const double u_phi = rng.uniform();

        const double kinetic_energy =
            config_.max_kinetic_energy
                ? config_.kinetic_energy + (*config_.max_kinetic_energy - config_.kinetic_energy) * u_energy
                : config_.kinetic_energy;
        const auto& s = config_.position_spread;

        ThreeVector direction = config_.direction;
        if (config_.angular_spread > 0)
        {
            // Uniform in solid angle inside the cone: cos(theta) flat in [cos(theta_max), 1].
            const double cos_theta = 1 - u_cos * (1 - cos_max);
            const double sin_theta = std::sqrt(std::max(0.0, (1 - cos_theta) * (1 + cos_theta)));
            const double phi = 2 * constants::pi * u_phi;
            direction = rotate_to_frame({sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta},
                                        config_.direction);
        }

        PrimaryParticle p;
        p.pdg = config_.pdg;
        p.position = config_.position + ThreeVector{s.x * (ux - 0.5), s.y * (uy - 0.5), s.z * (uz - 0.5)};
        p.momentum = direction * momentum_from_kinetic_energy(kinetic_energy, mass_);
        p.mass = mass_;
        p.time = config_.time + (config_.time_shift ? time_shift(p.position.z) : 0.0);
        p.origin = PrimaryOrigin::gun;
        out.push_back(p);
    }
    return out;
}

std::string ParticleGunSource::describe() const
{
    const auto& c = config_;
    const auto energy = c.max_kinetic_energy ? fmt::format("T flat in [{:.6g}, {:.6g}] MeV", c.kinetic_energy,
                                                           *c.max_kinetic_energy)
                                             : fmt::format("T = {:.6g} MeV", c.kinetic_energy);
    return fmt::format("gun: {} x {} with {} from ({:g}, {:g}, {:g}) mm (spread {:g} x {:g} x {:g} mm) along "
                       "({:.6g}, {:.6g}, {:.6g}) (cone half-angle {:g} rad)",
                       c.count, particle_name(c.pdg), energy, c.position.x, c.position.y, c.position.z,
                       c.position_spread.x, c.position_spread.y, c.position_spread.z, c.direction.x, c.direction.y,
                       c.direction.z, c.angular_spread);
}
}  // namespace umbra::sim
