#pragma once
//! \file
//! Extension points of the transport, so later components (photonuclear and
//! dark-brem processes, cross-section biasing, event filters) plug in without
//! touching the stepping core:
//!  - ExtraProcess: a discrete process with its own cross-section and final
//!    state, sampled together with the built-in electromagnetic processes;
//!  - SimulationObserver: sees every step and interaction and may kill a track,
//!    abort the event, or reject it at the end (filters).
#include <span>
#include <vector>

#include "umbra/sim/SimEvent.hpp"
#include "umbra/sim/Track.hpp"

namespace umbra
{
class RandomStream;
}

namespace umbra::sim
{
//! A discrete process added to the transport.
class ExtraProcess
{
public:
    virtual ~ExtraProcess() = default;
    virtual ProcessId id() const = 0;
    virtual bool applies_to(ParticleKind kind) const = 0;
    //! Macroscopic cross-section [1/mm] for the track in `material` (DetectorGeometry id).
    //! For charged particles it is evaluated at the pre-step energy. A bias factor B
    //! belongs in here; the process then multiplies the weight of its products by 1/B.
    virtual double cross_section(const Track& track, int material) const = 0;
    //! The interaction: update `track` (energy, direction; kinetic_energy 0 kills it) and
    //! append secondaries (their ids, parents and creator are filled in by the transport).
    virtual void interact(Track& track, int material, std::vector<Track>& secondaries, RandomStream& rng) = 0;
};

//! One transport step, as observers see it.
struct StepRecord
{
    const Track& track;           //!< post-step state
    ThreeVector pre_position;     //!< [mm]
    double pre_kinetic_energy;    //!< [MeV]
    int pre_volume;
    int post_volume;              //!< -1 when the track left the world
    double energy_deposit;        //!< [MeV]
    ProcessId process;            //!< what limited/ended the step (ProcessId::transportation at a boundary)
    double step_length = 0;       //!< true path length of the step [mm]
};

enum class StepVerdict
{
    proceed,
    kill_track,
    abort_event,
};

class SimulationObserver
{
public:
    virtual ~SimulationObserver() = default;
    virtual void begin_event(SimEvent&) {}
    //! Before a track (primary or secondary) is transported. An observer may take it over:
    //! return true and fill `replacements` with the tracks to transport instead (their kind,
    //! energy, position, direction, time and creator process; the transport assigns ids and
    //! makes them daughters of `track`). The taken-over track itself is not transported; its
    //! straight path from its start to the first replacement's position is scored on the
    //! scoring planes (a photon forced to interact further on). The first observer that takes
    //! a track over wins.
    virtual bool on_track_start(const Track& /*track*/, std::vector<Track>& /*replacements*/, RandomStream& /*rng*/)
    {
        return false;
    }
    virtual StepVerdict on_step(const StepRecord&) { return StepVerdict::proceed; }
    //! After a discrete interaction of `parent` (post-interaction state) by `process`.
    virtual StepVerdict on_interaction(const Track& /*parent*/, ProcessId /*process*/, std::span<const Track> /*secondaries*/)
    {
        return StepVerdict::proceed;
    }
    //! Every energy deposit (continuous loss at the step midpoint, local deposits at the
    //! interaction point), in any volume, before sensitive-detector bookkeeping [MeV, mm].
    virtual void on_energy_deposit(const Track& /*track*/, double /*energy*/, const ThreeVector& /*where*/) {}
    //! Called when the event is complete; return false to reject it (a filter).
    virtual bool end_event(SimEvent&) { return true; }
};
}  // namespace umbra::sim
