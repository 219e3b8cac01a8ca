#pragma once
//! \file
//! The particle species the condensed-history EM transport tracks, as a small
//! enum used to index physics tables, with their PDG Monte Carlo numbers
//! (PDG Review "Monte Carlo particle numbering scheme"), masses (PDG 2024, via
//! umbra::constants), charges and Geant4 particle names ("e-", "gamma", ...).
//!
//!   for (ParticleKind kind : all_particle_kinds) fmt::print("{} {}\n", particle_name(kind), pdg_code(kind));

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "umbra/core/Constants.hpp"

namespace umbra::sim
{
enum class ParticleKind : std::uint8_t
{
    electron,
    positron,
    gamma,
    muon_minus,
    muon_plus,
};

//! Number of ParticleKind values (table dimension).
inline constexpr int particle_kind_count = 5;

//! Every ParticleKind, in enum order.
inline constexpr std::array<ParticleKind, particle_kind_count> all_particle_kinds{
    ParticleKind::electron, ParticleKind::positron, ParticleKind::gamma, ParticleKind::muon_minus,
    ParticleKind::muon_plus};

//! Table index of a kind (0 .. particle_kind_count-1).
constexpr int index_of(ParticleKind kind) noexcept { return static_cast<int>(kind); }

//! PDG Monte Carlo number: e- 11, e+ -11, gamma 22, mu- 13, mu+ -13.
constexpr int pdg_code(ParticleKind kind) noexcept
{
    switch (kind)
    {
    case ParticleKind::electron: return 11;
    case ParticleKind::positron: return -11;
    case ParticleKind::gamma: return 22;
    case ParticleKind::muon_minus: return 13;
    case ParticleKind::muon_plus: return -13;
    }
    return 0;
}

//! The kind with this PDG number; nullopt for anything else.
constexpr std::optional<ParticleKind> particle_kind_from_pdg(int pdg) noexcept
{
    switch (pdg)
    {
    case 11: return ParticleKind::electron;
    case -11: return ParticleKind::positron;
    case 22: return ParticleKind::gamma;
    case 13: return ParticleKind::muon_minus;
    case -13: return ParticleKind::muon_plus;
    default: return std::nullopt;
    }
}

//! Rest mass [MeV] (0 for the photon).
constexpr double particle_mass(ParticleKind kind) noexcept
{
    switch (kind)
    {
    case ParticleKind::electron:
    case ParticleKind::positron: return constants::electron_mass;
    case ParticleKind::gamma: return 0.0;
    case ParticleKind::muon_minus:
    case ParticleKind::muon_plus: return constants::muon_mass;
    }
    return 0.0;
}

//! Electric charge in units of the elementary charge [e].
constexpr double particle_charge(ParticleKind kind) noexcept
{
    switch (kind)
    {
    case ParticleKind::electron:
    case ParticleKind::muon_minus: return -1.0;
    case ParticleKind::positron:
    case ParticleKind::muon_plus: return 1.0;
    case ParticleKind::gamma: return 0.0;
    }
    return 0.0;
}

constexpr bool is_charged(ParticleKind kind) noexcept { return kind != ParticleKind::gamma; }
constexpr bool is_muon(ParticleKind kind) noexcept
{
    return kind == ParticleKind::muon_minus || kind == ParticleKind::muon_plus;
}

//! Geant4 particle name: "e-", "e+", "gamma", "mu-", "mu+".
constexpr std::string_view particle_name(ParticleKind kind) noexcept
{
    switch (kind)
    {
    case ParticleKind::electron: return "e-";
    case ParticleKind::positron: return "e+";
    case ParticleKind::gamma: return "gamma";
    case ParticleKind::muon_minus: return "mu-";
    case ParticleKind::muon_plus: return "mu+";
    }
    return "";
}
}  // namespace umbra::sim
