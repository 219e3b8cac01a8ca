#pragma once
//! \file
//! The reconstruction's part of an event file (docs/format.md): /ecal_rec_hits,
//! /hcal_rec_hits, /ecal_layers (one row per ECal layer and event) and /veto (the ECal
//! veto variables, hcal_max_pe, hcal_passes). Declares the columns on a writer and fills
//! them event by event; the caller closes each event with EventStoreWriter::end_event().
#include <array>
#include <string_view>
#include <vector>

#include "umbra/io/EventStore.hpp"
#include "umbra/reco/EventReconstructor.hpp"

namespace umbra::reco
{
class RecoEventColumns
{
public:
    //! Groups this class writes (an input's groups of these names are replaced by `umbra reco`).
    static constexpr std::array<std::string_view, 4> groups{"ecal_rec_hits", "hcal_rec_hits", "ecal_layers", "veto"};

    explicit RecoEventColumns(io::EventStoreWriter& writer);
    void push(const RecoEvent& event);

private:
    struct EcalHitColumns
    {
        io::ColumnWriter *id, *layer, *x, *y, *z, *energy, *amplitude, *time, *adc, *tot, *noise;
    };
    struct HcalHitColumns
    {
        io::ColumnWriter *id, *section, *layer, *strip, *x, *y, *z, *pe, *energy, *time;
    };
    EcalHitColumns ecal_;
    HcalHitColumns hcal_;
    io::ColumnWriter *layer_index_, *layer_energy_, *layer_hits_;
    std::vector<io::ColumnWriter*> veto_;  //!< parallel to EcalVetoResult::columns()
    io::ColumnWriter *hcal_max_pe_, *hcal_passes_;
};
}  // namespace umbra::reco
