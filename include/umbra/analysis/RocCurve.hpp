#pragma once
//! \file
//! Weighted ROC curve of a classifier score: an event is selected when score ≥ threshold.
//! The points run from the tightest selection (threshold +inf: nothing selected) through one
//! point per distinct score, in decreasing order, to the loosest (everything selected), so
//! events with equal scores form a single step: a threshold cannot separate them.
//!
//! The area under the curve by the trapezoid rule over these points is the weighted
//! Mann-Whitney statistic (Mann & Whitney, Ann. Math. Stat. 18 (1947) 50; Hanley & McNeil,
//! Radiology 143 (1982) 29):
//!   AUC = P(score_s > score_b) + ½ P(score_s = score_b),
//! with signal and background events drawn with probabilities proportional to their weights
//! (a tie step contributes ΔB (S_before + S_after)/2 = ΔB S_before + ½ ΔB ΔS).
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace umbra::analysis
{
enum class EventClass : std::uint8_t
{
    background = 0,
    signal = 1,
};

struct RocPoint
{
    double threshold = 0;              //!< events with score ≥ threshold are selected
    double signal_efficiency = 0;      //!< selected fraction of the signal weight
    double background_efficiency = 0;  //!< selected fraction of the background weight
};

class RocCurve
{
public:
    //! Weights must be finite and ≥ 0, scores not NaN, and each class must have a positive
    //! total weight; otherwise InputError.
    RocCurve(std::span<const double> scores, std::span<const EventClass> classes, std::span<const double> weights);

    //! From (+inf, 0, 0) to (lowest score, 1, 1); both efficiencies non-decreasing.
    const std::vector<RocPoint>& points() const noexcept { return points_; }
    //! Trapezoid area under signal efficiency vs background efficiency.
    double auc() const noexcept { return auc_; }
    double signal_weight() const noexcept { return signal_weight_; }
    double background_weight() const noexcept { return background_weight_; }

    //! The highest signal efficiency at background efficiency ≤ `background_efficiency`,
    //! interpolating linearly between points (as the AUC does).
    double signal_efficiency_at(double background_efficiency) const;

    //! CSV with the header `threshold,signal_efficiency,background_efficiency`, one line per point.
    void write_csv(const std::filesystem::path& path) const;

private:
    std::vector<RocPoint> points_;
    double auc_ = 0;
    double signal_weight_ = 0;
    double background_weight_ = 0;
};
}  // namespace umbra::analysis
