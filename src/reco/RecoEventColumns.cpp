#include "umbra/reco/RecoEventColumns.hpp"

namespace umbra::reco
{
RecoEventColumns::RecoEventColumns(io::EventStoreWriter& writer)
{
    using io::FieldType;
    const auto ecal = [&](const char* name, FieldType type, const char* unit = "") {
        return &writer.collection_column("ecal_rec_hits", name, type, unit);
    };
    ecal_ = {ecal("id", FieldType::uint64),          ecal("layer", FieldType::int64),
             ecal("x", FieldType::float64, "mm"),     ecal("y", FieldType::float64, "mm"),
             ecal("z", FieldType::float64, "mm"),     ecal("energy", FieldType::float64, "MeV"),
             ecal("amplitude", FieldType::float64, "MeV"), ecal("time", FieldType::float64, "ns"),
             ecal("adc", FieldType::int64),           ecal("tot", FieldType::int64),
             ecal("noise", FieldType::int64)};
    const auto hcal = [&](const char* name, FieldType type, const char* unit = "") {
        return &writer.collection_column("hcal_rec_hits", name, type, unit);
    };
    hcal_ = {hcal("id", FieldType::uint64),      hcal("section", FieldType::int64),
             hcal("layer", FieldType::int64),    hcal("strip", FieldType::int64),
             hcal("x", FieldType::float64, "mm"), hcal("y", FieldType::float64, "mm"),
             hcal("z", FieldType::float64, "mm"), hcal("pe", FieldType::float64),
             hcal("energy", FieldType::float64, "MeV"), hcal("time", FieldType::float64, "ns")};
    layer_index_ = &writer.collection_column("ecal_layers", "layer", FieldType::int64);
    layer_energy_ = &writer.collection_column("ecal_layers", "energy", FieldType::float64, "MeV");
    layer_hits_ = &writer.collection_column("ecal_layers", "n_hits", FieldType::int64);
    for (const auto& variable : EcalVetoResult::columns())
    {
        veto_.push_back(&writer.event_column("veto", std::string(variable.name),
                                             variable.integer ? FieldType::int64 : FieldType::float64));
    }
    hcal_max_pe_ = &writer.event_column("veto", "hcal_max_pe", FieldType::float64);
    hcal_passes_ = &writer.event_column("veto", "hcal_passes", FieldType::int64);
}

void RecoEventColumns::push(const RecoEvent& event)
{
    for (const auto& h : event.ecal_hits)
    {
        ecal_.id->push(static_cast<std::uint64_t>(h.id.raw()));
        ecal_.layer->push(h.layer());
        ecal_.x->push(h.x);
        ecal_.y->push(h.y);
        ecal_.z->push(h.z);
        ecal_.energy->push(h.energy);
        ecal_.amplitude->push(h.amplitude);
        ecal_.time->push(h.time);
        ecal_.adc->push(h.adc);
        ecal_.tot->push(h.tot);
        ecal_.noise->push(h.noise ? 1 : 0);
    }
    for (const auto& h : event.hcal_hits)
    {
        hcal_.id->push(static_cast<std::uint64_t>(h.id.raw()));
        hcal_.section->push(static_cast<int>(h.id.section()));
        hcal_.layer->push(h.id.layer());
        hcal_.strip->push(h.id.strip());
        hcal_.x->push(h.x);
        hcal_.y->push(h.y);
        hcal_.z->push(h.z);
        hcal_.pe->push(h.pe);
        hcal_.energy->push(h.energy);
        hcal_.time->push(h.time);
    }
    const auto& veto = event.ecal_veto;
    for (std::size_t layer = 0; layer < veto.layer_energy.size(); ++layer)
    {
        layer_index_->push(static_cast<int>(layer));
        layer_energy_->push(veto.layer_energy[layer]);
        layer_hits_->push(veto.layer_hits[layer]);
    }
    const auto variables = EcalVetoResult::columns();
    for (std::size_t i = 0; i < variables.size(); ++i)
    {
        const double value = variables[i].value(veto);
        if (variables[i].integer)
        {
            veto_[i]->push(static_cast<std::int64_t>(value));
        }
        else
        {
            veto_[i]->push(value);
        }
    }
    hcal_max_pe_->push(event.hcal_veto.max_pe);
    hcal_passes_->push(event.hcal_veto.passes ? 1 : 0);
}
}  // namespace umbra::reco
