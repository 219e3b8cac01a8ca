#include "umbra/analysis/RocCurve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <numeric>

#include "umbra/core/Error.hpp"
#include "umbra/core/TextOutput.hpp"

namespace umbra::analysis
{
RocCurve::RocCurve(std::span<const double> scores, std::span<const EventClass> classes,
                   std::span<const double> weights)
{
    const auto n = scores.size();
    if (classes.size() != n || weights.size() != n)
    {
        throw InputError(fmt::format("ROC curve: {} scores, {} classes and {} weights (one of each per event expected)",
                                     n, classes.size(), weights.size()));
    }
    for (std::size_t i = 0; i < n; ++i)
    {
        if (std::isnan(scores[i])) throw InputError(fmt::format("ROC curve: the score of event {} is NaN", i));
        if (!std::isfinite(weights[i]) || weights[i] < 0)
        {
            throw InputError(fmt::format("ROC curve: event {} has weight {} (weights must be finite and >= 0)", i,
                                         weights[i]));
        }
    }

    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
    });

    // Cumulative selected weights after each group of equal scores.
    struct Step
    {
        double threshold, signal, background;
    };
    std::vector<Step> steps;
    double signal = 0, background = 0;
    for (std::size_t k = 0; k < n;)
    {
        const double threshold = scores[order[k]];
        for (; k < n && scores[order[k]] == threshold; ++k)
        {
            (classes[order[k]] == EventClass::signal ? signal : background) += weights[order[k]];
        }
        steps.push_back({threshold, signal, background});
    }
    // The totals are the last cumulative sums, so that the last point is exactly (1, 1).
    signal_weight_ = signal;
    background_weight_ = background;
    if (!(signal_weight_ > 0) || !(background_weight_ > 0))
    {
        throw InputError(fmt::format("ROC curve: total signal weight {} and background weight {} (both classes need "
                                     "events with positive weight)",
                                     signal_weight_, background_weight_));
    }

    points_.reserve(steps.size() + 1);
    points_.push_back({std::numeric_limits<double>::infinity(), 0.0, 0.0});
    for (const auto& s : steps) points_.push_back({s.threshold, s.signal / signal_weight_, s.background / background_weight_});
    for (std::size_t k = 1; k < points_.size(); ++k)
    {
        const auto& a = points_[k - 1];
        const auto& b = points_[k];
        auc_ += (b.background_efficiency - a.background_efficiency) * (a.signal_efficiency + b.signal_efficiency) / 2;
    }
}

double RocCurve::signal_efficiency_at(double background_efficiency) const
{
    // The last point with B ≤ b has the highest S among them (S is non-decreasing along the curve).
    const auto after = std::upper_bound(points_.begin(), points_.end(), background_efficiency,
                                        [](double b, const RocPoint& p) { return b < p.background_efficiency; });
    if (after == points_.begin()) return 0.0;  // b < 0
    const auto& a = *std::prev(after);
    if (after == points_.end()) return a.signal_efficiency;
    const double t = (background_efficiency - a.background_efficiency) /
                     (after->background_efficiency - a.background_efficiency);
    return a.signal_efficiency + t * (after->signal_efficiency - a.signal_efficiency);
}

void RocCurve::write_csv(const std::filesystem::path& path) const
{
    TextOutput out(path, Compression::none);
    out.write("threshold,signal_efficiency,background_efficiency\n");
    for (const auto& p : points_)
    {
        fmt::format_to(std::back_inserter(out.buffer()), "{},{},{}\n", p.threshold, p.signal_efficiency,
                       p.background_efficiency);
        out.maybe_flush();
    }
    out.close();
}
}  // namespace umbra::analysis
