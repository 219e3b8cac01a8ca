#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string_view>

#include "Commands.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::cli
{
namespace
{
//! Sums of /events/weight and /events/tries: the yield per simulated event (per electron on
//! target for beam productions) is sum(weight) / sum(tries) (docs/format.md).
void print_yield(const io::EventStoreReader& reader)
{
    const auto groups = reader.groups();
    const auto events = std::find_if(groups.begin(), groups.end(), [](const auto& g) { return g.name == "events"; });
    if (events == groups.end() || reader.events() == 0) return;
    const auto has = [&](const char* field) {
        return std::any_of(events->fields.begin(), events->fields.end(), [&](const auto& f) { return f.first == field; });
    };
    if (!has("weight")) return;
    double weight_sum = 0, tries = 0;
    for (const double w : reader.read_event_column("events", "weight", 0, reader.events())) weight_sum += w;
    fmt::print("  sum of weights {:.6g}", weight_sum);
    if (has("tries"))
    {
        for (const double t : reader.read_event_column("events", "tries", 0, reader.events())) tries += t;
        fmt::print(" over {:.0f} simulated events: yield per simulated event (electron on target for beam "
                   "productions) {:.6g}",
                   tries, weight_sum / tries);
    }
    fmt::print("\n");
}
}  // namespace

void add_h5_commands(CLI::App& app)
{
    auto* h5 = app.add_subcommand("h5", "umbra event files (HDF5): info, merge");
    h5->require_subcommand(1);
    {
        auto file = std::make_shared<std::string>();
        auto* cmd = h5->add_subcommand("info", "Event count, groups, fields and provenance of an event file");
        cmd->add_option("file", *file, "event file (.h5)")->required();
        cmd->callback([file] {
            set_action([file] {
                const io::EventStoreReader reader(*file);
                fmt::print("file {}\n  schema version {}, {} events\n", *file, reader.schema(), reader.events());
                const auto& p = reader.provenance();
                fmt::print("  umbra {}, seed {}\n  command: {}\n", p.umbra_version, p.seed, p.command);
                if (!p.inputs.empty())
                {
                    fmt::print("  inputs:\n");
                    std::string_view lines = p.inputs;
                    while (!lines.empty())
                    {
                        const auto end = lines.find('\n');
                        fmt::print("    {}\n", lines.substr(0, end));
                        lines = end == std::string_view::npos ? std::string_view{} : lines.substr(end + 1);
                    }
                }
                print_yield(reader);
                for (const auto& g : reader.groups())
                {
                    fmt::print("  /{} ({}, {} rows)\n", g.name, g.collection ? "collection" : "per-event", g.rows);
                    for (std::size_t f = 0; f < g.fields.size(); ++f)
                        fmt::print("    {:<24} {:<8} {}\n", g.fields[f].first, io::to_string(g.fields[f].second),
                                   g.units[f].empty() ? "" : "[" + g.units[f] + "]");
                }
            });
        });
    }
    {
        auto inputs = std::make_shared<std::vector<std::string>>();
        auto output = std::make_shared<std::string>();
        auto* cmd = h5->add_subcommand("merge", "Concatenate event files with the same layout (weights and provenance kept)");
        cmd->add_option("inputs", *inputs, "input event files")->required();
        cmd->add_option("--output,-o", *output, "merged file")->required();
        cmd->callback([inputs, output] {
            set_action([inputs, output] {
                std::vector<std::filesystem::path> paths(inputs->begin(), inputs->end());
                const auto events = io::merge_event_stores(paths, *output, command_line());
                fmt::print("merged {} events from {} files into {}\n", events, paths.size(), *output);
            });
        });
    }
}
}  // namespace umbra::cli
