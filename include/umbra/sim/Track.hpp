#pragma once
//! \file
//! One particle being transported (per-thread state, cheap to copy).
#include <cstdint>

#include "umbra/core/ThreeVector.hpp"
#include "umbra/sim/MultipleScattering.hpp"
#include "umbra/sim/ParticleKind.hpp"
#include "umbra/sim/ProcessId.hpp"

namespace umbra::sim
{
struct Track
{
    ParticleKind kind = ParticleKind::electron;
    double kinetic_energy = 0;  //!< [MeV]
    ThreeVector position;       //!< [mm]
    ThreeVector direction{0, 0, 1};
    double time = 0;    //!< [ns]
    double weight = 1;  //!< statistical weight (biasing) [1]
    int track_id = 0;   //!< 1, 2, ... in creation order within the event
    int parent_id = 0;  //!< 0 for primaries
    ProcessId creator = ProcessId::primary;
    int volume = -1;          //!< current volume (DetectorGeometry id)
    int truth_ancestor = -1;  //!< row in SimEvent::particles of itself if recorded, else of its nearest recorded ancestor
    //! A secondary created away from its parent (the products of an untracked particle's decay,
    //! e.g. A' -> e+e-): the transport keeps its position, time and truth_ancestor instead of
    //! the parent's, and locates its volume.
    bool displaced = false;
    MscTrackState msc;        //!< multiple-scattering step-limit state
};
}  // namespace umbra::sim
