#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <memory>
#include <optional>

#include "Commands.hpp"
#include "umbra/analysis/ObservablesRun.hpp"
#include "umbra/analysis/Skim.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::cli
{
namespace
{
//! "group/field:min:max" with either bound empty.
analysis::SkimCut parse_cut(const std::string& text)
{
    const auto first = text.find(':');
    const auto second = first == std::string::npos ? std::string::npos : text.find(':', first + 1);
    if (second == std::string::npos)
    {
        throw InputError(fmt::format("--cut '{}': expected GROUP/FIELD:MIN:MAX (a bound may be empty)", text));
    }
    analysis::SkimCut cut;
    cut.variable = text.substr(0, first);
    const auto bound = [&](std::string_view s, double& out) {
        if (s.empty()) return;
        const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (error != std::errc{} || end != s.data() + s.size())
        {
            throw InputError(fmt::format("--cut '{}': '{}' is not a number", text, s));
        }
    };
    const std::string_view all(text);
    bound(all.substr(first + 1, second - first - 1), cut.min);
    bound(all.substr(second + 1), cut.max);
    return cut;
}
}  // namespace

namespace
{
void add_observables_command(CLI::App& app)
{
    struct Options
    {
        std::vector<std::string> inputs;
        std::string output;
        std::string config_file;
        std::string set;
        unsigned threads = 1;
        bool dump_default = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("observables", "Jet substructure and shower observables of skimmed events, one row "
                                                  "per event (event file, or CSV when OUTPUT ends in .csv)");
    cmd->add_option("inputs", o->inputs, "skimmed event files (umbra skim)");
    cmd->add_option("--output,-o", o->output, "observables file (.h5, .csv or .csv.gz)");
    cmd->add_option("--config,-c", o->config_file, "TOML file with an [observables] table");
    cmd->add_option("--set", o->set, "seed (the seed workflow's five), full (3-D substructure) or all (default)");
    cmd->add_option("--threads,-j", o->threads, "worker threads")->capture_default_str();
    cmd->add_flag("--dump-default", o->dump_default, "print the default configuration and exit");
    cmd->callback([o] {
        set_action([o] {
            if (o->dump_default)
            {
                fmt::print("{}", analysis::default_observables_config_text());
                return;
            }
            if (o->inputs.empty()) throw InputError("observables: give at least one skimmed event file");
            if (o->output.empty()) throw InputError("observables: --output is required");
            analysis::ObservablesRunConfig config;
            if (!o->config_file.empty()) config = analysis::read_observables_config(o->config_file);
            if (!o->set.empty()) config.observables.set = analysis::parse_observable_set_name(o->set);
            config.threads = o->threads;
            std::vector<std::filesystem::path> inputs(o->inputs.begin(), o->inputs.end());
            const auto summary = analysis::run_observables(config, inputs, o->output, command_line());
            fmt::print("umbra observables: {} events, {} observables ({} set) -> {} ({:.1f} s, {:.0f} events/s)\n",
                       summary.events, summary.names.size(), analysis::to_string(config.observables.set), o->output,
                       summary.seconds, summary.seconds > 0 ? static_cast<double>(summary.events) / summary.seconds : 0.0);
            for (std::size_t k = 0; k < summary.names.size(); ++k)
            {
                if (summary.undefined[k] > 0)
                {
                    fmt::print("  {}: undefined (NaN) in {} events\n", summary.names[k], summary.undefined[k]);
                }
            }
        });
    });
}
}  // namespace

void add_analysis_commands(CLI::App& app)
{
    add_observables_command(app);

    struct Options
    {
        std::string input;
        std::string output;
        std::string config_file;
        std::optional<double> z_min, z_max, background_z_min;
        std::optional<int> min_readout_hits;
        std::vector<std::string> cuts;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("skim", "Select events (decay-vertex window, readout hits, named cuts) and keep what "
                                           "the observables need; prints the cut flow");
    cmd->add_option("input", o->input, "event file")->required();
    cmd->add_option("--output,-o", o->output, "skimmed event file")->required();
    cmd->add_option("--config,-c", o->config_file, "TOML file with a [skim] table (options given override it)");
    cmd->add_option("--zmin", o->z_min, "decay_vertex_z >= this [mm]");
    cmd->add_option("--zmax", o->z_max, "decay_vertex_z <= this [mm]");
    cmd->add_option("--bkg-decay-z", o->background_z_min,
                    "background files (with conversion_vertex_z): decay_vertex_z >= this [mm]");
    cmd->add_option("--min-readout-hits", o->min_readout_hits, "nReadoutHits >= this (the seed workflow: 10)");
    cmd->add_option("--cut", o->cuts, "GROUP/FIELD:MIN:MAX on a per-event column (repeatable)");
    cmd->callback([o] {
        set_action([o] {
            analysis::SkimConfig config;
            if (!o->config_file.empty()) config = analysis::read_skim_config(o->config_file);
            if (o->z_min) config.z_min = o->z_min;
            if (o->z_max) config.z_max = o->z_max;
            if (o->background_z_min) config.background_z_min = o->background_z_min;
            if (o->min_readout_hits) config.min_readout_hits = *o->min_readout_hits;
            for (const auto& c : o->cuts) config.cuts.push_back(parse_cut(c));
            const auto summary = analysis::run_skim(config, o->input, o->output, command_line());
            fmt::print("umbra skim: {} -> {}\n  {:<48} {:>10} {:>14} {:>9}\n", o->input, o->output, "cut", "events",
                       "sum of weights", "weighted");
            const double total = summary.cut_flow.front().weight;
            for (const auto& step : summary.cut_flow)
            {
                fmt::print("  {:<48} {:>10} {:>14.6g} {:>8.2f}%\n", step.name, step.events, step.weight,
                           total > 0 ? 100 * step.weight / total : 0.0);
            }
            if (summary.tries > 0 && summary.weight_unit.empty())
            {
                fmt::print("  yield per simulated event after the cuts: {:.6g} ({:.0f} simulated)\n",
                           summary.cut_flow.back().weight / summary.tries, summary.tries);
            }
            else if (summary.tries > 0)
            {
                const double sigma = summary.cut_flow.back().weight / summary.tries;
                fmt::print("  cross-section after the cuts: {:.6g} {} ({:.0f} simulated)", sigma, summary.weight_unit,
                           summary.tries);
                constexpr double cm2_per_pb = 1e-36;
                if (summary.weight_unit == "pb" && summary.target_atoms_per_cm2 > 0)
                {
                    fmt::print(", {:.6g} per electron on target", sigma * cm2_per_pb * summary.target_atoms_per_cm2);
                }
                fmt::print("\n");
            }
        });
    });
}
}  // namespace umbra::cli
