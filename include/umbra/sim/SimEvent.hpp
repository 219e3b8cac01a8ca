#pragma once
//! \file
//! What the simulation produces for one event: the truth record, calorimeter
//! sim hits and per-event summaries (the content of /particles, /ecal_sim_hits,
//! /hcal_sim_hits and /events in the HDF5 event store, docs/format.md).
#include <cstdint>
#include <limits>
#include <vector>

#include "umbra/core/ThreeVector.hpp"
#include "umbra/sim/ProcessId.hpp"

namespace umbra::sim
{
//! A recorded particle: a primary, or a secondary created above the truth threshold.
struct TruthParticle
{
    int track_id = 0;
    int parent = -1;  //!< row of the nearest recorded ancestor in SimEvent::particles, -1 for primaries
    int pdg = 0;
    int status = 1;   //!< 1: primary (fired), 2: secondary
    ProcessId creator = ProcessId::primary;
    double energy = 0;     //!< total energy at creation [MeV]
    ThreeVector momentum;  //!< at creation [MeV]
    ThreeVector vertex;    //!< [mm]
    double time = 0;       //!< [ns]
    int vertex_volume = -1;
};

//! Energy deposited in one calorimeter channel (ECal cell or HCal bar).
struct CalorimeterSimHit
{
    std::uint32_t id = 0;   //!< EcalId / HcalId raw value
    ThreeVector position;   //!< cell (bar) centre; z of the sensitive layer [mm]
    double edep = 0;        //!< deposited energy [MeV]
    double time = 0;        //!< earliest contribution [ns]
    int track_id = 0;       //!< track with the largest contribution
    double largest_contribution = 0;  //!< [MeV] (internal: selects track_id)
};

//! A particle crossing a scoring plane (geometry::ScoringPlane; ldmx-sw scoring-plane ids).
struct ScoringPlaneHit
{
    int plane_id = 0;
    int track_id = 0;
    int pdg = 0;
    ThreeVector position;  //!< crossing point [mm]
    ThreeVector momentum;  //!< at the crossing [MeV]
    double energy = 0;     //!< total energy [MeV]
    double time = 0;       //!< [ns]
};

struct SimEvent
{
    std::uint64_t event = 0;
    //! Generator weight of the event (LHE XWGTUP; 1 for beam and gun). Deposits and hits are
    //! physical energies, never weighted; biasing weights live on the tracks.
    double weight = 1;
    std::vector<TruthParticle> particles;
    std::vector<CalorimeterSimHit> ecal_hits;
    std::vector<CalorimeterSimHit> hcal_hits;
    std::vector<ScoringPlaneHit> scoring_hits;
    double ecal_edep = 0;          //!< all energy deposited in ECal Si [MeV]
    double ecal_edep_outside_cells = 0;  //!< Si deposits no readout cell claimed (module edges) [MeV]
    double hcal_edep = 0;          //!< all energy deposited in HCal scintillator [MeV]
    //! Truth vertices the analysis cuts on (NaN when the event has none; docs/format.md):
    //! the displaced decay (ALP signal) or the background's conversion / photonuclear vertex.
    double decay_vertex_z = std::numeric_limits<double>::quiet_NaN();       //!< [mm]
    double conversion_vertex_z = std::numeric_limits<double>::quiet_NaN();  //!< [mm]
    std::uint64_t steps = 0;       //!< transport steps taken
    std::uint64_t tracks = 0;      //!< tracks transported
    bool rejected = false;         //!< a filter aborted the event
};
}  // namespace umbra::sim
