#include "umbra/sim/SimEventColumns.hpp"

namespace umbra::sim
{
using io::FieldType;

SimEventColumns::SimEventColumns(io::EventStoreWriter& writer, bool decay_vertex, bool conversion_vertex)
{
    const auto event = [&](const char* name, FieldType type, const char* unit = "") {
        return &writer.event_column("events", name, type, unit);
    };
    run_ = event("run", FieldType::int64);
    event_ = event("event", FieldType::uint64);
    weight_ = event("weight", FieldType::float64);
    ecal_edep_ = event("ecal_edep", FieldType::float64, "MeV");
    hcal_edep_ = event("hcal_edep", FieldType::float64, "MeV");
    steps_ = event("steps", FieldType::uint64);
    tries_ = event("tries", FieldType::uint64);
    if (decay_vertex) decay_z_ = event("decay_vertex_z", FieldType::float64, "mm");
    if (conversion_vertex) conversion_z_ = event("conversion_vertex_z", FieldType::float64, "mm");
    const auto particle = [&](const char* name, FieldType type, const char* unit = "") {
        return &writer.collection_column("particles", name, type, unit);
    };
    p_track_ = particle("track_id", FieldType::int64);
    p_parent_ = particle("parent", FieldType::int64);
    p_pdg_ = particle("pdg", FieldType::int64);
    p_status_ = particle("status", FieldType::int64);
    p_process_ = particle("process", FieldType::int64);
    p_e_ = particle("e", FieldType::float64, "MeV");
    p_px_ = particle("px", FieldType::float64, "MeV");
    p_py_ = particle("py", FieldType::float64, "MeV");
    p_pz_ = particle("pz", FieldType::float64, "MeV");
    p_vx_ = particle("vx", FieldType::float64, "mm");
    p_vy_ = particle("vy", FieldType::float64, "mm");
    p_vz_ = particle("vz", FieldType::float64, "mm");
    p_time_ = particle("time", FieldType::float64, "ns");
    ecal_ = hit_columns(writer, "ecal_sim_hits");
    hcal_ = hit_columns(writer, "hcal_sim_hits");
    const auto plane = [&](const char* name, FieldType type, const char* unit = "") {
        return &writer.collection_column("scoring_plane_hits", name, type, unit);
    };
    s_plane_ = plane("plane_id", FieldType::int64);
    s_track_ = plane("track_id", FieldType::int64);
    s_pdg_ = plane("pdg", FieldType::int64);
    s_x_ = plane("x", FieldType::float64, "mm");
    s_y_ = plane("y", FieldType::float64, "mm");
    s_z_ = plane("z", FieldType::float64, "mm");
    s_px_ = plane("px", FieldType::float64, "MeV");
    s_py_ = plane("py", FieldType::float64, "MeV");
    s_pz_ = plane("pz", FieldType::float64, "MeV");
    s_e_ = plane("e", FieldType::float64, "MeV");
    s_time_ = plane("time", FieldType::float64, "ns");
}

SimEventColumns::HitColumns SimEventColumns::hit_columns(io::EventStoreWriter& writer, const std::string& group)
{
    return HitColumns{&writer.collection_column(group, "id", FieldType::uint64),
                      &writer.collection_column(group, "x", FieldType::float64, "mm"),
                      &writer.collection_column(group, "y", FieldType::float64, "mm"),
                      &writer.collection_column(group, "z", FieldType::float64, "mm"),
                      &writer.collection_column(group, "edep", FieldType::float64, "MeV"),
                      &writer.collection_column(group, "time", FieldType::float64, "ns"),
                      &writer.collection_column(group, "track_id", FieldType::int64)};
}

void SimEventColumns::push_hits(const HitColumns& c, const std::vector<CalorimeterSimHit>& hits)
{
    for (const auto& h : hits)
    {
        c.id->push(static_cast<std::uint64_t>(h.id));
        c.x->push(h.position.x);
        c.y->push(h.position.y);
        c.z->push(h.position.z);
        c.edep->push(h.edep);
        c.time->push(h.time);
        c.track->push(h.track_id);
    }
}

void SimEventColumns::push(const SimEvent& result, std::uint64_t tries)
{
    run_->push(std::int64_t{0});
    event_->push(result.event);
    weight_->push(result.weight);
    ecal_edep_->push(result.ecal_edep);
    hcal_edep_->push(result.hcal_edep);
    steps_->push(result.steps);
    tries_->push(tries);
    if (decay_z_ != nullptr) decay_z_->push(result.decay_vertex_z);
    if (conversion_z_ != nullptr) conversion_z_->push(result.conversion_vertex_z);
    for (const auto& p : result.particles)
    {
        p_track_->push(p.track_id);
        p_parent_->push(p.parent);
        p_pdg_->push(p.pdg);
        p_status_->push(p.status);
        p_process_->push(static_cast<int>(p.creator));
        p_e_->push(p.energy);
        p_px_->push(p.momentum.x);
        p_py_->push(p.momentum.y);
        p_pz_->push(p.momentum.z);
        p_vx_->push(p.vertex.x);
        p_vy_->push(p.vertex.y);
        p_vz_->push(p.vertex.z);
        p_time_->push(p.time);
    }
    push_hits(ecal_, result.ecal_hits);
    push_hits(hcal_, result.hcal_hits);
    for (const auto& h : result.scoring_hits)
    {
        s_plane_->push(h.plane_id);
        s_track_->push(h.track_id);
        s_pdg_->push(h.pdg);
        s_x_->push(h.position.x);
        s_y_->push(h.position.y);
        s_z_->push(h.position.z);
        s_px_->push(h.momentum.x);
        s_py_->push(h.momentum.y);
        s_pz_->push(h.momentum.z);
        s_e_->push(h.energy);
        s_time_->push(h.time);
    }
}
}  // namespace umbra::sim
