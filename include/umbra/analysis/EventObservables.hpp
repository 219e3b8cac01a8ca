#pragma once
//! \file
//! Every observable of one event for `umbra observables`: the ECal-veto values the seed
//! workflow carries (nReadoutHits, avgLayerHit, stdLayerHit), the seed's two jet
//! observables (SeedObservables) and the full 3-D substructure set (FullObservableSet),
//! as a flat row of doubles in a fixed, named order.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "umbra/analysis/FullObservableSet.hpp"
#include "umbra/analysis/SeedObservables.hpp"
#include "umbra/analysis/ShowerHit.hpp"

namespace umbra::analysis
{
enum class ObservableSetName
{
    seed,  //!< the seed workflow's five: veto values, jettiness ratio, angularity
    full,  //!< the veto values and the 3-D substructure set
    all,   //!< both
};

ObservableSetName parse_observable_set_name(std::string_view text);
std::string_view to_string(ObservableSetName set) noexcept;

//! The ECal-veto values the event already carries (/veto).
struct VetoValues
{
    double n_readout_hits = 0;
    double avg_layer_hit = 0;
    double std_layer_hit = 0;
};

class EventObservables
{
public:
    struct Config
    {
        ObservableSetName set = ObservableSetName::all;
        SeedObservables::Config seed;
        FullObservableConfig full;
    };

    explicit EventObservables(Config config);
    ~EventObservables();
    EventObservables(EventObservables&&) noexcept;

    const std::vector<std::string>& names() const noexcept { return names_; }
    //! Unit of each observable ("MeV", "mm", "rad", or "" for counts and dimensionless).
    const std::vector<std::string>& units() const noexcept { return units_; }
    //! Fill out (size names().size()); thread-safe.
    void compute(std::span<const ShowerHit> hits, const VetoValues& veto, const LabPoint& truth_vertex,
                 std::span<double> out) const;

private:
    Config config_;
    SeedObservables seed_;
    FullObservableSet full_;
    std::vector<std::string> names_;
    std::vector<std::string> units_;
};
}  // namespace umbra::analysis
