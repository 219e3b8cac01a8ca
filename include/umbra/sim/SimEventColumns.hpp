#pragma once
//! \file
//! The simulation's part of an event file (docs/format.md): /events (run, event, weight,
//! ecal_edep, hcal_edep, steps, tries and, for background productions, decay_vertex_z and
//! conversion_vertex_z), /particles, /ecal_sim_hits, /hcal_sim_hits and
//! /scoring_plane_hits. Declares the columns on a writer and fills them event by event; the
//! caller closes each event with EventStoreWriter::end_event().
#include <cstdint>

#include "umbra/io/EventStore.hpp"
#include "umbra/sim/SimEvent.hpp"

namespace umbra::sim
{
class SimEventColumns
{
public:
    //! Optional /events columns: decay_vertex_z (signal and background productions) and
    //! conversion_vertex_z (the deep-conversion background).
    SimEventColumns(io::EventStoreWriter& writer, bool decay_vertex, bool conversion_vertex);

    //! `tries`: simulated events since the previous written one, this one included.
    void push(const SimEvent& event, std::uint64_t tries);

private:
    struct HitColumns
    {
        io::ColumnWriter *id, *x, *y, *z, *edep, *time, *track;
    };
    static HitColumns hit_columns(io::EventStoreWriter& writer, const std::string& group);
    static void push_hits(const HitColumns& columns, const std::vector<CalorimeterSimHit>& hits);

    io::ColumnWriter *run_, *event_, *weight_, *ecal_edep_, *hcal_edep_, *steps_, *tries_;
    io::ColumnWriter* decay_z_ = nullptr;
    io::ColumnWriter* conversion_z_ = nullptr;
    io::ColumnWriter *p_track_, *p_parent_, *p_pdg_, *p_status_, *p_process_, *p_e_, *p_px_, *p_py_, *p_pz_, *p_vx_,
        *p_vy_, *p_vz_, *p_time_;
    io::ColumnWriter *s_plane_, *s_track_, *s_pdg_, *s_x_, *s_y_, *s_z_, *s_px_, *s_py_, *s_pz_, *s_e_, *s_time_;
    HitColumns ecal_, hcal_;
};
}  // namespace umbra::sim
