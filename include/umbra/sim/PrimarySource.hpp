#pragma once
//! \file
//! Where the simulation's primary particles come from: the beam
//! (BeamSource), a particle gun for validation studies (ParticleGunSource) or
//! LHE files (LheSource). Build one from a `[source]` TOML table with
//! make_primary_source(); dump_default_source() prints the documented table.
//!
//! Sources are **event-indexed**: primaries(event, rng) depends only on the
//! global event number and on the random stream passed in, which the caller
//! keys as (run seed, StreamId::primaries, event) — make_primary_stream().
//! The same event therefore gets the same primaries whatever the thread count,
//! the order in which threads ask, or how the run is split into jobs.
//!
//! All primaries are given in ldmx-sw's time convention: t = 0 when the beam
//! reaches z = 0 (the target centre). ldmx-sw's PrimaryGeneratorAction
//! (`time_shift_primaries`, default true) adds z0 / (299.702547 mm/ns) to the
//! time of every primary vertex (SimCore/src/SimCore/G4User/PrimaryGeneratorAction.cxx);
//! time_shift_speed is that constant.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/sim/PrimaryParticle.hpp"

namespace umbra
{
class ConfigTable;
}

namespace umbra::sim
{
//! The speed ldmx-sw divides the vertex z by to time-shift primaries [mm/ns]
//! (SimCore PrimaryGeneratorAction.cxx: `GetZ0() / 299.702547`). It is
//! c / 1.0003 (derived: 299.792458 / 299.702547 = 1.00030), the speed of light
//! in air, not c; kept as in ldmx-sw so times compare directly.
inline constexpr double time_shift_speed = 299.702547;

//! ldmx-sw's time shift: the time [ns] of a vertex at z [mm].
inline constexpr double time_shift(double z) noexcept { return z / time_shift_speed; }

//! The random stream a source must be given for `event`: (seed, StreamId::primaries, event).
inline RandomStream make_primary_stream(std::uint64_t seed, std::uint64_t event) noexcept
{
    return RandomStream({.seed = seed, .stream = StreamId::primaries, .event = event});
}

class PrimarySource
{
public:
    virtual ~PrimarySource() = default;

    //! The primaries of global event `event`, drawing randomness only from
    //! `rng` (keyed by the caller on `event`, make_primary_stream()).
    //! Deterministic in (event, rng state); safe to call from several threads
    //! at once. Throws InputError for bad input data (e.g. an LHE particle the
    //! transport cannot handle when so configured, an event beyond the input).
    virtual std::vector<PrimaryParticle> primaries(std::uint64_t event, RandomStream& rng) = 0;

    //! Number of events the source can serve (LHE: the events of the input),
    //! or empty if unbounded (beam, gun).
    virtual std::optional<std::uint64_t> event_count() const { return std::nullopt; }

    //! One line saying what the source fires (for logs and run headers).
    virtual std::string describe() const = 0;

    //! For sources whose events contain a displaced decay (the ALP job's production + decay
    //! files): the input_index of the primaries that start at the decay vertex. The run then
    //! writes their start z as /events/decay_vertex_z.
    virtual std::optional<int> decay_input() const { return std::nullopt; }
    //! Unit of the event weights the source gives: "pb" for generator cross-sections (LHE),
    //! empty for weight 1 per simulated event (beams, guns).
    virtual std::string weight_unit() const { return {}; }

protected:
    PrimarySource() = default;
    PrimarySource(const PrimarySource&) = default;
    PrimarySource& operator=(const PrimarySource&) = default;
};

//! Build the source described by a `[source]` table (see dump_default_source()):
//!   type = "beam" (preset + overrides), "gun" or "lhe" (files = [...]).
//! Reads every key it knows, then calls section.finish(), so unknown keys,
//! wrong types, unknown presets or particles and missing LHE files are
//! InputErrors naming the config file and line.
std::unique_ptr<PrimarySource> make_primary_source(ConfigTable& section);

//! The default `[source]` table with every key documented (for `--dump-default`).
std::string dump_default_source();
}  // namespace umbra::sim
