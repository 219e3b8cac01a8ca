#pragma once
//! \file
//! A trained boosted-decision-tree classifier (XGBoost, objective binary:logistic) and the
//! model directory written by BdtTrainer (docs/analysis.md):
//!   model.json      the booster in XGBoost's JSON format (loadable by xgboost.Booster)
//!   features.txt    the /observables fields it reads, one per line, in column order
//!   summary.toml, roc.csv, roc_train.csv, importance.csv, scores_test.csv (see BdtTrainer)
//! The score is the predicted signal probability in (0, 1) for equal signal and background
//! training weights. Missing values (NaN) follow the default branch learned in training.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace umbra::io
{
class EventStoreReader;
}

namespace umbra::analysis
{
namespace detail
{
class XgbBooster;
}

//! The file names inside a model directory.
namespace bdt_files
{
inline constexpr const char* model = "model.json";
inline constexpr const char* features = "features.txt";
inline constexpr const char* summary = "summary.toml";
inline constexpr const char* roc_test = "roc.csv";
inline constexpr const char* roc_train = "roc_train.csv";
inline constexpr const char* importance = "importance.csv";
inline constexpr const char* scores_test = "scores_test.csv";
}  // namespace bdt_files

//! Per-event columns /observables/<feature> of events [first, first + count) of an observable
//! file as a row-major float matrix (count rows × features.size() columns), NaN kept as
//! missing. InputError naming the file if /observables or a feature is missing, or a value is
//! infinite or beyond the float range (write NaN for undefined observables).
std::vector<float> read_observable_rows(const io::EventStoreReader& reader, const std::vector<std::string>& features,
                                        std::uint64_t first, std::uint64_t count);

class BdtModel
{
public:
    //! Load model.json and features.txt of a model directory; InputError if either is missing
    //! or they disagree on the number of features.
    static BdtModel load(const std::filesystem::path& directory, unsigned threads = 1);

    //! Take a trained booster reading `features` (in this column order).
    BdtModel(std::unique_ptr<detail::XgbBooster> booster, std::vector<std::string> features, unsigned threads = 1);
    ~BdtModel();
    BdtModel(BdtModel&&) noexcept;
    BdtModel& operator=(BdtModel&&) noexcept;

    const std::vector<std::string>& features() const noexcept { return features_; }

    //! Scores for a row-major matrix with features().size() columns (NaN = missing).
    std::vector<double> predict(std::span<const float> rows) const;
    //! Scores of every event of an observable file (read in blocks).
    std::vector<double> predict(const io::EventStoreReader& reader) const;

    //! The booster in XGBoost's JSON format (the content of model.json).
    std::string json() const;
    //! Write model.json and features.txt into `directory` (which must exist).
    void save(const std::filesystem::path& directory) const;

private:
    std::unique_ptr<detail::XgbBooster> booster_;
    std::vector<std::string> features_;
};
}  // namespace umbra::analysis
