#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "Commands.hpp"
#include "umbra/analysis/BdtApply.hpp"
#include "umbra/analysis/BdtModel.hpp"
#include "umbra/analysis/BdtTrainer.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::cli
{
namespace
{
void add_train(CLI::App& bdt)
{
    struct Options
    {
        std::vector<std::string> signal, background;
        std::string output;
        analysis::BdtTrainer::Config config;
    };
    auto o = std::make_shared<Options>();
    auto& c = o->config;
    auto* cmd = bdt.add_subcommand("train", "Train a BDT (XGBoost) to separate signal from background observable "
                                            "files; writes a model directory with ROC curves and importances");
    cmd->add_option("--signal", o->signal, "signal observable files (umbra observables output)")->required();
    cmd->add_option("--background", o->background, "background observable files")->required();
    cmd->add_option("--output,-o", o->output, "model directory to write (replaces only a previous model)")
        ->required();
    cmd->add_option("--features", c.features, "comma-separated /observables fields (default: all; files must agree)")
        ->delimiter(',');
    cmd->add_option("--trees", c.n_trees, "boosting rounds")->capture_default_str();
    cmd->add_option("--depth", c.max_depth, "maximum tree depth")->capture_default_str();
    cmd->add_option("--learning-rate", c.learning_rate, "shrinkage (XGBoost eta)")->capture_default_str();
    cmd->add_option("--subsample", c.subsample, "fraction of training events per tree")->capture_default_str();
    cmd->add_option("--test-fraction", c.test_fraction, "fraction of events held out for the test ROC")
        ->capture_default_str();
    cmd->add_option("--seed", c.seed, "train/test split and XGBoost seed")->capture_default_str();
    cmd->add_option("--threads,-j", c.threads, "threads (the model does not depend on it)")->capture_default_str();
    cmd->callback([o] {
        set_action([o] {
            const analysis::BdtTrainer trainer(o->config);
            std::vector<std::filesystem::path> signal(o->signal.begin(), o->signal.end());
            std::vector<std::filesystem::path> background(o->background.begin(), o->background.end());
            const auto s = trainer.train(signal, background, o->output, command_line());
            fmt::print("umbra bdt train: {} trees, depth {}, {} features\n", o->config.n_trees, o->config.max_depth,
                       s.features.size());
            fmt::print("  {:<11} {:>9} {:>14} {:>9} {:>14}\n", "", "train", "weight", "test", "weight");
            for (const auto& [name, sample] : {std::pair{"signal", &s.signal}, std::pair{"background", &s.background}})
            {
                fmt::print("  {:<11} {:>9} {:>14.6g} {:>9} {:>14.6g}\n", name, sample->train_events,
                           sample->train_weight, sample->test_events, sample->test_weight);
            }
            fmt::print("  AUC {:.4f} (test), {:.4f} (training)\n", s.auc_test, s.auc_train);
            fmt::print("  top features by gain:");
            const auto shown = std::min<std::size_t>(s.importance.size(), 5);
            for (std::size_t i = 0; i < shown; ++i)
            {
                fmt::print("{} {} ({:.3g})", i == 0 ? "" : ",", s.importance[i].feature, s.importance[i].gain);
            }
            fmt::print("\n  model in {}/ ({}, {}, {}, {}, {}, {}, {})\n", s.directory.string(),
                       analysis::bdt_files::model, analysis::bdt_files::features, analysis::bdt_files::summary,
                       analysis::bdt_files::roc_test, analysis::bdt_files::roc_train, analysis::bdt_files::importance,
                       analysis::bdt_files::scores_test);
        });
    });
}

void add_apply(CLI::App& bdt)
{
    struct Options
    {
        std::string model;
        std::string input;
        std::string output;
        unsigned threads = 1;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = bdt.add_subcommand("apply", "Score the events of an observable file with a trained BDT: copies the "
                                            "file and adds /bdt/score");
    cmd->add_option("--model,-m", o->model, "model directory (umbra bdt train -o)")->required();
    cmd->add_option("input", o->input, "observable file")->required();
    cmd->add_option("--output,-o", o->output, "output event file (the input plus /bdt)")->required();
    cmd->add_option("--threads,-j", o->threads, "threads (the scores do not depend on it)")->capture_default_str();
    cmd->callback([o] {
        set_action([o] {
            if (o->threads < 1) throw InputError("--threads must be at least 1");
            const auto model = analysis::BdtModel::load(o->model, o->threads);
            const auto s = analysis::run_bdt_apply(model, o->model, o->input, o->output, command_line());
            fmt::print("umbra bdt apply: {} events of {} scored into {} (/bdt/score, mean {:.4f})\n", s.events,
                       o->input, o->output, s.mean_score);
        });
    });
}
}  // namespace

void add_bdt_commands(CLI::App& app)
{
    auto* bdt = app.add_subcommand("bdt", "Boosted decision trees on observable files: train, apply");
    bdt->require_subcommand(1);
    add_train(*bdt);
    add_apply(*bdt);
}
}  // namespace umbra::cli
