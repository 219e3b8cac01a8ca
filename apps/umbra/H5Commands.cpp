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
    const auto has = [&](const char* field) { return reader.has_field("events", field); };
    if (!has("weight")) return;
    double weight_sum = 0, tries = 0;
    for (const double w : reader.read_event_column("events", "weight", 0, reader.events())) weight_sum += w;
    fmt::print("  sum of weights {:.6g}", weight_sum);
    if (!has("tries"))
    {
        fmt::print("\n");
        return;
    }
    for (const double t : reader.read_event_column("events", "tries", 0, reader.events())) tries += t;
    const auto& p = reader.provenance();
    if (p.weight_unit.empty())
    {
        fmt::print(" over {:.0f} simulated events: yield per simulated event (electron on target for beam "
                   "productions) {:.6g}\n",
                   tries, weight_sum / tries);
        return;
    }
    // Generator-weighted (LHE) samples: Σ w / Σ tries is the cross-section the events stand for.
    const double sigma = weight_sum / tries;
    fmt::print(" over {:.0f} simulated events: cross-section {:.6g} {}\n", tries, sigma, p.weight_unit);
    constexpr double cm2_per_pb = 1e-36;
    if (p.weight_unit == "pb" && p.target_atoms_per_cm2 > 0)
    {
        fmt::print("  expected yield per electron on target: {:.6g} ({:.6g} pb x {:.6g} target atoms/cm^2 x 1e-36 "
                   "cm^2/pb)\n",
                   sigma * cm2_per_pb * p.target_atoms_per_cm2, sigma, p.target_atoms_per_cm2);
    }
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
