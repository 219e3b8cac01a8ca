#include "umbra/analysis/Skim.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/io/EventCopier.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
namespace
{
//! A per-event column of the whole file, or an InputError naming the file and dataset.
std::vector<double> column(const io::EventStoreReader& reader, const std::string& variable, const char* why)
{
    const auto slash = variable.find('/');
    if (slash == std::string::npos)
    {
        throw InputError(fmt::format("skim: '{}' is not GROUP/FIELD (e.g. veto/summed_det)", variable));
    }
    const auto group = variable.substr(0, slash), field = variable.substr(slash + 1);
    if (!reader.has_field(group, field))
    {
        throw InputError(SourceLocation{reader.path().string(), 0},
                         fmt::format("no per-event dataset /{} in the file, needed for {}", variable, why));
    }
    if (reader.group(group).collection)
    {
        throw InputError(SourceLocation{reader.path().string(), 0},
                         fmt::format("/{} is a collection; skim cuts need per-event columns", variable));
    }
    return reader.read_event_column(group, field, 0, reader.events());
}
}  // namespace

std::string cut_flow_csv(const std::vector<CutFlowStep>& steps)
{
    std::string csv = "step,events,weight\n";
    for (const auto& step : steps)
    {
        std::string quoted;
        for (const char c : step.name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        csv += fmt::format("\"{}\",{},{:.17g}\n", quoted, step.events, step.weight);
    }
    return csv;
}

std::vector<CutFlowStep> parse_cut_flow_csv(const std::string& csv)
{
    std::vector<CutFlowStep> steps;
    std::size_t line_start = csv.find('\n');  // skip the header
    while (line_start != std::string::npos && line_start + 1 < csv.size())
    {
        const auto line_end = csv.find('\n', line_start + 1);
        const auto line = csv.substr(line_start + 1, line_end == std::string::npos ? std::string::npos
                                                                                     : line_end - line_start - 1);
        line_start = line_end;
        if (line.empty()) continue;
        CutFlowStep step;
        std::size_t i = 0;
        if (line[0] == '"')
        {
            for (i = 1; i < line.size(); ++i)
            {
                if (line[i] != '"') step.name += line[i];
                else if (i + 1 < line.size() && line[i + 1] == '"') step.name += line[++i];
                else break;
            }
            ++i;
        }
        else
        {
            i = line.find(',');
            step.name = line.substr(0, i);
        }
        if (i >= line.size() || line[i] != ',') throw InputError(fmt::format("cut flow: malformed row '{}'", line));
        const auto comma = line.find(',', i + 1);
        if (comma == std::string::npos) throw InputError(fmt::format("cut flow: malformed row '{}'", line));
        step.events = std::stoull(line.substr(i + 1, comma - i - 1));
        step.weight = std::stod(line.substr(comma + 1));
        steps.push_back(std::move(step));
    }
    return steps;
}

SkimConfig read_skim_config(const std::filesystem::path& path)
{
    auto root = ConfigTable::from_file(path);
    auto table = root.section("skim");
    SkimConfig c;
    c.z_min = table.get_optional_double("zmin");
    c.z_max = table.get_optional_double("zmax");
    c.background_z_min = table.get_optional_double("bkg_decay_z");
    c.min_readout_hits = table.get("min_readout_hits", c.min_readout_hits);
    for (auto& cut : table.tables("cuts"))
    {
        SkimCut s;
        s.variable = cut.get("variable", std::string());
        if (s.variable.empty()) throw InputError(cut.location(), "a [[skim.cuts]] entry needs variable = \"group/field\"");
        s.min = cut.get("min", s.min);
        s.max = cut.get("max", s.max);
        c.cuts.push_back(s);
    }
    root.finish();
    return c;
}

SkimSummary run_skim(const SkimConfig& config, const std::filesystem::path& input, const std::filesystem::path& output,
                     const std::string& command_line)
{
    const io::EventStoreReader reader(input);
    const auto n = reader.events();
    const auto weight = column(reader, "events/weight", "the event weights");
    std::vector<double> tries(n, 1.0);
    if (reader.has_field("events", "tries")) tries = column(reader, "events/tries", "the yield normalisation");

    // Pass 1: the selection, cut by cut, with the cut flow.
    SkimSummary summary;
    std::vector<char> keep(n, 1);
    const auto record = [&](std::string name) {
        CutFlowStep step{std::move(name), 0, 0.0};
        for (std::uint64_t i = 0; i < n; ++i)
        {
            if (!keep[i]) continue;
            ++step.events;
            step.weight += weight[i];
        }
        summary.cut_flow.push_back(step);
    };
    const auto apply = [&](const std::vector<double>& values, double min, double max, std::string name) {
        for (std::uint64_t i = 0; i < n; ++i)
        {
            if (!(values[i] >= min && values[i] <= max)) keep[i] = 0;  // NaN fails
        }
        record(std::move(name));
    };
    record("all");
    if (config.z_min || config.z_max)
    {
        const auto z = column(reader, "events/decay_vertex_z", "the decay-vertex window (--zmin/--zmax)");
        apply(z, config.z_min.value_or(-INFINITY), config.z_max.value_or(INFINITY),
              fmt::format("decay vertex z in [{}, {}] mm", config.z_min.value_or(-INFINITY), config.z_max.value_or(INFINITY)));
    }
    if (config.background_z_min && reader.has_field("events", "conversion_vertex_z"))
    {
        const auto z = column(reader, "events/decay_vertex_z", "--bkg-decay-z");
        apply(z, *config.background_z_min, INFINITY, fmt::format("background vertex z >= {} mm", *config.background_z_min));
    }
    if (config.min_readout_hits > 0)
    {
        apply(column(reader, "veto/n_readout_hits", "--min-readout-hits"), config.min_readout_hits, INFINITY,
              fmt::format("nReadoutHits >= {}", config.min_readout_hits));
    }
    for (const auto& cut : config.cuts)
    {
        apply(column(reader, cut.variable, "a [[skim.cuts]] cut"), cut.min, cut.max,
              fmt::format("{} in [{}, {}]", cut.variable, cut.min, cut.max));
    }

    // Tries carried to the next kept event; the tail goes to the first kept one.
    std::vector<double> kept_tries;
    double pending = 0;
    for (std::uint64_t i = 0; i < n; ++i)
    {
        summary.tries += tries[i];
        pending += tries[i];
        if (!keep[i]) continue;
        kept_tries.push_back(pending);
        pending = 0;
    }
    if (!kept_tries.empty()) kept_tries.front() += pending;

    // Pass 2: copy the kept events' groups the observables need.
    io::Provenance provenance;
    provenance.keep_normalisation_of(reader.provenance());
    summary.weight_unit = provenance.weight_unit;
    summary.target_atoms_per_cm2 = provenance.target_atoms_per_cm2;
    provenance.config = reader.provenance().config;
    provenance.seed = reader.provenance().seed;
    provenance.command = command_line;
    provenance.inputs = FileChecksum::of(input).to_string() + "\n";
    provenance.merged = fmt::format("[input 0] {}\numbra_version: {}\ncommand: {}\n", input.string(),
                                    reader.provenance().umbra_version, reader.provenance().command);
    provenance.cut_flow = cut_flow_csv(summary.cut_flow);
    io::EventStoreWriter writer(output, provenance);
    const std::vector<std::string> groups{"events", "veto", "ecal_layers", "ecal_rec_hits"};
    io::EventCopier copier(reader.groups(), writer, [&](const std::string& group, const std::string& field) {
        return std::find(groups.begin(), groups.end(), group) != groups.end() && !(group == "events" && field == "tries");
    });
    auto& tries_column = writer.event_column("events", "tries", io::FieldType::uint64);
    constexpr std::uint64_t block = 20000;
    std::size_t kept = 0;
    for (std::uint64_t first = 0; first < n; first += block)
    {
        const auto count = std::min(block, n - first);
        if (std::none_of(keep.begin() + static_cast<std::ptrdiff_t>(first),
                         keep.begin() + static_cast<std::ptrdiff_t>(first + count), [](char k) { return k != 0; }))
        {
            continue;
        }
        copier.load(reader, first, count);
        for (std::uint64_t i = 0; i < count; ++i)
        {
            if (!keep[first + i]) continue;
            copier.push(i);
            tries_column.push(static_cast<std::uint64_t>(std::llround(kept_tries[kept++])));
            writer.end_event();
        }
    }
    writer.close();
    return summary;
}
}  // namespace umbra::analysis
