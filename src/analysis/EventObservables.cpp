#include "umbra/analysis/EventObservables.hpp"

#include <fastjet/ClusterSequence.hh>
#include <fmt/format.h>

#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
ObservableSetName parse_observable_set_name(std::string_view text)
{
    if (text == "seed") return ObservableSetName::seed;
    if (text == "full") return ObservableSetName::full;
    if (text == "all") return ObservableSetName::all;
    throw InputError(fmt::format("unknown observable set '{}' (expected seed, full or all)", text));
}

std::string_view to_string(ObservableSetName set) noexcept
{
    switch (set)
    {
    case ObservableSetName::seed: return "seed";
    case ObservableSetName::full: return "full";
    case ObservableSetName::all: return "all";
    }
    return "?";
}

namespace
{
bool has_seed(ObservableSetName set) { return set != ObservableSetName::full; }
bool has_full(ObservableSetName set) { return set != ObservableSetName::seed; }
}  // namespace

EventObservables::EventObservables(Config config) : config_(config), seed_(config.seed), full_(config.full)
{
    // FastJet's banner would go to stdout in the middle of our output; the citation it asks
    // for is in docs/analysis.md and in the log line of `umbra observables`.
    fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
    names_ = {"n_readout_hits", "avg_layer_hit", "std_layer_hit"};
    units_ = {"", "", ""};
    if (has_seed(config_.set))
    {
        names_.insert(names_.end(), {"jettiness_ratio", "angularity"});
        units_.insert(units_.end(), {"", ""});
    }
    if (has_full(config_.set))
    {
        names_.insert(names_.end(), full_.names().begin(), full_.names().end());
        units_.insert(units_.end(), full_.units().begin(), full_.units().end());
    }
}

EventObservables::~EventObservables() = default;
EventObservables::EventObservables(EventObservables&&) noexcept = default;

void EventObservables::compute(std::span<const ShowerHit> hits, const VetoValues& veto, const LabPoint& truth_vertex,
                               std::span<double> out) const
{
    std::size_t k = 0;
    out[k++] = veto.n_readout_hits;
    out[k++] = veto.avg_layer_hit;
    out[k++] = veto.std_layer_hit;
    if (has_seed(config_.set))
    {
        const auto seed = seed_.compute(hits);
        out[k++] = seed.jettiness_ratio;
        out[k++] = seed.angularity;
    }
    if (has_full(config_.set)) full_.compute(hits, truth_vertex, out.subspan(k, full_.names().size()));
}
}  // namespace umbra::analysis
