#pragma once
//! \file
//! `umbra bdt train`: trains a boosted-decision-tree signal/background classifier (XGBoost
//! 1.7, objective binary:logistic, tree_method hist) on observable files (umbra event files
//! with a per-event table /observables and /events/{weight,run,event}) and writes a model
//! directory (BdtModel.hpp).
//!
//! * Features: the listed /observables fields, or all of them, in the first signal file's
//!   order, in which case every file must have exactly the same fields.
//! * Train/test split: event (run, event) goes to the test sample when a RandomStream keyed
//!   by (seed, its run and event number) gives u < test_fraction; the split depends only on
//!   the seed and the event's identity, not on file order, merging or thread count.
//! * Weights: /events/weight, finite and ≥ 0 (negative weights are refused: with them the
//!   logistic loss is unbounded below). For training each class is scaled to the same total
//!   weight, (n_train_signal + n_train_background) / 2, so that the mean training weight is 1
//!   (XGBoost's min_child_weight and L2 regularisation keep their usual meaning) and the
//!   score is the signal probability for equal priors. ROC curves, AUCs and the summary use
//!   the original weights.
//! * Reproducibility: the same inputs, configuration and seed give a byte-identical
//!   model.json for any thread count (XGBoost seed = seed; its hist method gives identical
//!   trees for any nthread, checked by BdtTrainerTest).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace umbra::analysis
{
struct BdtSampleSummary
{
    std::vector<std::string> files;  //!< "path (N bytes, crc32 xxxxxxxx)"
    std::uint64_t train_events = 0;
    std::uint64_t test_events = 0;
    double train_weight = 0;  //!< Σ /events/weight (before the class normalisation)
    double test_weight = 0;
};

struct FeatureImportance
{
    std::string feature;
    double gain = 0;    //!< average loss reduction of the splits on this feature
    double weight = 0;  //!< number of splits on it
    double cover = 0;   //!< average number (Σ hessian) of training events in those splits
};

struct BdtTrainingSummary
{
    double auc_test = 0;
    double auc_train = 0;
    BdtSampleSummary signal;
    BdtSampleSummary background;
    std::vector<std::string> features;
    std::vector<FeatureImportance> importance;  //!< every feature, by decreasing gain
    std::filesystem::path directory;            //!< the model directory written
};

class BdtTrainer
{
public:
    struct Config
    {
        std::vector<std::string> features;  //!< /observables fields; empty: all (files must agree)
        int n_trees = 200;                  //!< boosting rounds
        int max_depth = 4;
        double learning_rate = 0.1;  //!< XGBoost eta, in (0, 1]
        double subsample = 1.0;      //!< fraction of training events used per tree, in (0, 1]
        double test_fraction = 0.5;  //!< fraction of events held out for the test ROC, in (0, 1)
        std::uint64_t seed = 1;      //!< train/test split and XGBoost's own seed
        unsigned threads = 1;        //!< XGBoost nthread; the model does not depend on it
    };

    //! Validates the configuration (InputError naming the bad parameter).
    explicit BdtTrainer(Config config);

    const Config& config() const noexcept { return config_; }

    //! Train on all `signal` and `background` files and write the model directory `output`
    //! atomically (built in a hidden temporary next to it, then renamed). An existing `output`
    //! is replaced only if it is an empty directory or a model directory. InputError for
    //! missing or mismatched observables, bad weights, or a class or split without events.
    BdtTrainingSummary train(const std::vector<std::filesystem::path>& signal,
                             const std::vector<std::filesystem::path>& background, const std::filesystem::path& output,
                             const std::string& command_line) const;

private:
    Config config_;
};
}  // namespace umbra::analysis
