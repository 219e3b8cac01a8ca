#include "umbra/analysis/ObservablesRun.hpp"

#include <fastjet/JetDefinition.hh>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>
#include <iterator>
#include <map>
#include <optional>

#include "umbra/analysis/Skim.hpp"
#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/ParallelFor.hpp"
#include "umbra/core/Progress.hpp"
#include "umbra/core/TextOutput.hpp"
#include "umbra/io/EventCopier.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
namespace
{
bool ends_with(const std::string& text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void require(const io::EventStoreReader& reader, const std::string& group, const std::string& field, const char* why)
{
    if (reader.has_field(group, field)) return;
    throw InputError(SourceLocation{reader.path().string(), 0},
                     fmt::format("no dataset /{}/{} ({}); observables need a reconstructed, skimmed file "
                                 "(umbra sim with [reco], or umbra reco, then umbra skim)",
                                 group, field, why));
}

//! One block of events of one input, as the observables need it.
struct EventBlock
{
    std::vector<std::vector<ShowerHit>> hits;
    std::vector<VetoValues> veto;
    std::vector<LabPoint> vertex;
};

EventBlock read_block(const io::EventStoreReader& reader, std::uint64_t first, std::uint64_t count)
{
    EventBlock block;
    const auto x = reader.read_collection("ecal_rec_hits", "x", first, count);
    const auto y = reader.read_collection("ecal_rec_hits", "y", first, count);
    const auto z = reader.read_collection("ecal_rec_hits", "z", first, count);
    const auto e = reader.read_collection("ecal_rec_hits", "energy", first, count);
    const auto layer = reader.read_collection("ecal_rec_hits", "layer", first, count);
    block.hits.resize(count);
    for (std::uint64_t i = 0; i < count; ++i)
    {
        for (auto row = x.offsets[i]; row < x.offsets[i + 1]; ++row)
        {
            block.hits[i].push_back(ShowerHit{x.values[row], y.values[row], z.values[row], e.values[row],
                                              static_cast<int>(layer.values[row])});
        }
    }
    const auto hits = reader.read_event_column("veto", "n_readout_hits", first, count);
    const auto avg = reader.read_event_column("veto", "avg_layer_hit", first, count);
    const auto std_dev = reader.read_event_column("veto", "std_layer_hit", first, count);
    std::vector<double> decay_z(count, std::nan(""));
    if (reader.has_field("events", "decay_vertex_z"))
    {
        decay_z = reader.read_event_column("events", "decay_vertex_z", first, count);
    }
    for (std::uint64_t i = 0; i < count; ++i)
    {
        block.veto.push_back({hits[i], avg[i], std_dev[i]});
        block.vertex.push_back({0, 0, decay_z[i]});
    }
    return block;
}

//! The inputs' cut flows summed step by step, or empty (with a warning) when they differ.
std::string summed_cut_flow(const std::vector<io::EventStoreReader>& readers)
{
    std::vector<CutFlowStep> sum;
    for (const auto& reader : readers)
    {
        if (reader.provenance().cut_flow.empty())
        {
            log().warn("{}: no cut flow (not a skimmed file); the output carries none", reader.path().string());
            return {};
        }
        const auto steps = parse_cut_flow_csv(reader.provenance().cut_flow);
        if (sum.empty())
        {
            sum = steps;
            continue;
        }
        const bool same = steps.size() == sum.size() &&
                          std::equal(steps.begin(), steps.end(), sum.begin(),
                                     [](const auto& a, const auto& b) { return a.name == b.name; });
        if (!same)
        {
            log().warn("{}: its skim cut flow has other cuts than the first input's; the output carries none",
                       reader.path().string());
            return {};
        }
        for (std::size_t i = 0; i < sum.size(); ++i)
        {
            sum[i].events += steps[i].events;
            sum[i].weight += steps[i].weight;
        }
    }
    return sum.empty() ? std::string() : cut_flow_csv(sum);
}

//! Where the rows go: an event file or a CSV table.
class RowSink
{
public:
    virtual ~RowSink() = default;
    virtual void load(const io::EventStoreReader& reader, std::uint64_t first, std::uint64_t count) = 0;
    virtual void push(std::uint64_t index, std::span<const double> row) = 0;
    virtual void close() = 0;
};

class EventFileSink final : public RowSink
{
public:
    EventFileSink(const std::filesystem::path& output, const io::Provenance& provenance, const io::EventStoreReader& first,
                  const std::vector<std::string>& names, const std::vector<std::string>& units)
        : writer_(output, provenance),
          copier_(first.groups(), writer_, [](const std::string& group) { return group == "events"; })
    {
        for (std::size_t k = 0; k < names.size(); ++k)
        {
            columns_.push_back(&writer_.event_column("observables", names[k], io::FieldType::float64, units[k]));
        }
    }
    void load(const io::EventStoreReader& reader, std::uint64_t first, std::uint64_t count) override
    {
        copier_.load(reader, first, count);
    }
    void push(std::uint64_t index, std::span<const double> row) override
    {
        copier_.push(index);
        for (std::size_t k = 0; k < row.size(); ++k) columns_[k]->push(row[k]);
        writer_.end_event();
    }
    void close() override { writer_.close(); }

private:
    io::EventStoreWriter writer_;
    io::EventCopier copier_;
    std::vector<io::ColumnWriter*> columns_;
};

class CsvSink final : public RowSink
{
public:
    CsvSink(const std::filesystem::path& output, const std::vector<std::string>& names) : out_(output)
    {
        out_.write("run,event,weight,tries,decay_vertex_z");
        for (const auto& name : names) out_.write("," + name);
        out_.write("\n");
    }
    void load(const io::EventStoreReader& reader, std::uint64_t first, std::uint64_t count) override
    {
        const auto column = [&](const char* field, double fallback) {
            return reader.has_field("events", field) ? reader.read_event_column("events", field, first, count)
                                                      : std::vector<double>(count, fallback);
        };
        run_ = column("run", 0);
        event_ = column("event", 0);
        weight_ = column("weight", 1);
        tries_ = column("tries", 1);
        decay_z_ = column("decay_vertex_z", std::nan(""));
    }
    void push(std::uint64_t i, std::span<const double> row) override
    {
        auto& buffer = out_.buffer();
        fmt::format_to(std::back_inserter(buffer), "{},{},{:.17g},{},{:.17g}", run_[i], event_[i], weight_[i], tries_[i],
                       decay_z_[i]);
        for (const double v : row) fmt::format_to(std::back_inserter(buffer), ",{:.17g}", v);
        buffer.push_back('\n');
        out_.maybe_flush();
    }
    void close() override { out_.close(); }

private:
    TextOutput out_;
    std::vector<double> run_, event_, weight_, tries_, decay_z_;
};
}  // namespace

ObservablesRunConfig read_observables_config(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(SourceLocation{path.string(), 0}, "cannot open configuration file");
    std::ostringstream text;
    text << in.rdbuf();
    auto root = ConfigTable::from_string(text.str(), path.string());
    auto table = root.section("observables");
    ObservablesRunConfig c;
    c.observables.set = parse_observable_set_name(table.get("set", std::string(to_string(c.observables.set))));
    if (table.contains("seed"))
    {
        auto seed = table.section("seed");
        auto& s = c.observables.seed;
        s.z_shift_mm = seed.get("z_shift", s.z_shift_mm);
        s.jettiness_radius = seed.get("jettiness_radius", s.jettiness_radius);
        s.jettiness_beta = seed.get("jettiness_beta", s.jettiness_beta);
        s.angularity_radius = seed.get("angularity_radius", s.angularity_radius);
        s.angularity_beta = seed.get("angularity_beta", s.angularity_beta);
    }
    if (table.contains("full"))
    {
        auto full = table.section("full");
        auto& f = c.observables.full;
        f.origin = parse_shower_origin(full.get("origin", std::string(to_string(f.origin))));
        f.clustering_origin = parse_shower_origin(full.get("clustering_origin", std::string(to_string(f.clustering_origin))));
        f.start_layers = full.get("start_layers", f.start_layers);
        f.start_offset_mm = full.get("start_offset", f.start_offset_mm);
        f.jets.algorithm = parse_jet_algorithm(full.get("algorithm", std::string(to_string(f.jets.algorithm))));
        f.jets.radius = full.get("radius", f.jets.radius);
        f.jets.p = full.get("p", f.jets.p);
        f.jets.recombination =
            parse_jet_recombination(full.get("recombination", std::string(to_string(f.jets.recombination))));
        f.min_jet_energy_MeV = full.get("min_jet_energy", f.min_jet_energy_MeV);
        f.soft_drop_z_cut = full.get("soft_drop_z_cut", f.soft_drop_z_cut);
        f.soft_drop_beta = full.get("soft_drop_beta", f.soft_drop_beta);
        f.normalise_tau = full.get("normalise_tau", f.normalise_tau);
        f.fastjet_clustering = full.get("fastjet_clustering", f.fastjet_clustering);
    }
    root.finish();
    c.config_text = text.str();
    return c;
}

std::string default_observables_config_text()
{
    const EventObservables::Config c;
    return fmt::format(
        "# umbra observables: defaults\n"
        "[observables]\n"
        "set = \"{}\"  # seed | full | all\n\n"
        "# The seed workflow's jet_observables.py (docs/analysis.md)\n"
        "[observables.seed]\n"
        "z_shift = {}            # mm: hits at (x, y, z - z_shift)\n"
        "jettiness_radius = {}  # kt R of the tau axes\n"
        "jettiness_beta = {}\n"
        "angularity_radius = {} # anti-kt R and the angularity window\n"
        "angularity_beta = {}\n\n"
        "# The 3-D jet-substructure set (docs/analysis.md)\n"
        "[observables.full]\n"
        "origin = \"{}\"             # apex of the substructure angles: target | truth_vertex | shower_start\n"
        "clustering_origin = \"{}\"  # apex of the jet finding\n"
        "start_layers = {}             # shower_start: layers in the transverse centroid\n"
        "start_offset = {}            # mm: shower_start apex upstream of the first layer\n"
        "algorithm = \"{}\"        # anti_kt | kt | cambridge_aachen | ee_kt | ee_genkt (e+e- forms, energies)\n"
        "radius = {}                 # R [rad]\n"
        "p = {}                      # ee_genkt exponent\n"
        "recombination = \"{}\"   # e_scheme | wta\n"
        "min_jet_energy = {}         # MeV: jets counted in n_jets\n"
        "soft_drop_z_cut = {}\n"
        "soft_drop_beta = {}\n"
        "normalise_tau = {}          # tau_N / sum E R^beta\n"
        "fastjet_clustering = {}    # libfastjet instead of the built-in clusterer (same jets)\n",
        to_string(c.set), c.seed.z_shift_mm, c.seed.jettiness_radius, c.seed.jettiness_beta, c.seed.angularity_radius,
        c.seed.angularity_beta, to_string(c.full.origin), to_string(c.full.clustering_origin), c.full.start_layers,
        c.full.start_offset_mm, to_string(c.full.jets.algorithm), c.full.jets.radius, c.full.jets.p,
        to_string(c.full.jets.recombination), c.full.min_jet_energy_MeV, c.full.soft_drop_z_cut, c.full.soft_drop_beta,
        c.full.normalise_tau, c.full.fastjet_clustering);
}

ObservablesSummary run_observables(const ObservablesRunConfig& config, const std::vector<std::filesystem::path>& inputs,
                                   const std::filesystem::path& output, const std::string& command_line)
{
    const auto start = std::chrono::steady_clock::now();
    if (inputs.empty()) throw InputError("observables: no input files");
    std::vector<io::EventStoreReader> readers;
    std::uint64_t total = 0;
    for (const auto& input : inputs)
    {
        readers.emplace_back(input);
        auto& reader = readers.back();
        for (const char* field : {"x", "y", "z", "energy", "layer"}) require(reader, "ecal_rec_hits", field, "the ECal rec hits");
        for (const char* field : {"n_readout_hits", "avg_layer_hit", "std_layer_hit"}) require(reader, "veto", field, "the ECal veto values");
        require(reader, "events", "weight", "the event weights");
        const auto& full = config.observables.full;
        if (config.observables.set != ObservableSetName::seed &&
            (full.origin == ShowerOrigin::truth_vertex || full.clustering_origin == ShowerOrigin::truth_vertex))
        {
            require(reader, "events", "decay_vertex_z", "the truth vertex, origin = \"truth_vertex\"");
        }
        if (readers.size() > 1)
        {
            const auto& a = readers.front().group("events").fields;
            const auto& b = reader.group("events").fields;
            if (reader.provenance().weight_unit != readers.front().provenance().weight_unit)
            {
                throw InputError(SourceLocation{reader.path().string(), 0},
                                 fmt::format("its weights are in '{}' but those of {} in '{}': cross-section-weighted "
                                             "and probability-weighted samples do not mix",
                                             reader.provenance().weight_unit, readers.front().path().string(),
                                             readers.front().provenance().weight_unit));
            }
            if (a != b)
            {
                throw InputError(SourceLocation{reader.path().string(), 0},
                                 fmt::format("its /events fields differ from those of {}: the inputs of one "
                                             "observables run must come from the same kind of job",
                                             readers.front().path().string()));
            }
        }
        total += reader.events();
    }
    if (total == 0)
    {
        throw InputError(SourceLocation{inputs.front().string(), 0},
                         "no events in the input files (the skim kept none? loosen its cuts or simulate more)");
    }

    const EventObservables observables(config.observables);
    log().info("jet clustering: {} (M. Cacciari, G.P. Salam, G. Soyez, EPJC 72 (2012) 1896)",
               fastjet::fastjet_version_string());
    const auto& names = observables.names();
    ObservablesSummary summary;
    summary.names = names;
    summary.undefined.assign(names.size(), 0);

    io::Provenance provenance;
    provenance.keep_normalisation_of(readers.front().provenance());
    provenance.config = readers.front().provenance().config + "\n# --- umbra observables ---\n" +
                        (config.config_text.empty() ? default_observables_config_text() : config.config_text);
    provenance.seed = readers.front().provenance().seed;
    provenance.command = command_line;
    for (std::size_t k = 0; k < readers.size(); ++k)
    {
        const auto& p = readers[k].provenance();
        provenance.inputs += FileChecksum::of(inputs[k]).to_string() + "\n";
        provenance.merged += fmt::format("[input {}] {}\numbra_version: {}\ncommand: {}\n", k, inputs[k].string(),
                                         p.umbra_version, p.command);
    }
    provenance.cut_flow = summed_cut_flow(readers);

    const auto name = output.filename().string();
    std::unique_ptr<RowSink> sink;
    if (ends_with(name, ".csv") || ends_with(name, ".csv.gz")) sink = std::make_unique<CsvSink>(output, names);
    else sink = std::make_unique<EventFileSink>(output, provenance, readers.front(), names, observables.units());

    const unsigned threads = std::max(1u, config.threads);
    ProgressReporter progress("observables", total);
    constexpr std::uint64_t block_size = 4096;
    std::vector<double> rows;
    for (const auto& reader : readers)
    {
        for (std::uint64_t first = 0; first < reader.events(); first += block_size)
        {
            const auto count = std::min(block_size, reader.events() - first);
            const auto block = read_block(reader, first, count);
            sink->load(reader, first, count);
            rows.assign(count * names.size(), 0.0);
            parallel_ranges(threads, count, [&](std::size_t begin, std::size_t end, unsigned) {
                for (std::size_t i = begin; i < end; ++i)
                {
                    observables.compute(block.hits[i], block.veto[i], block.vertex[i],
                                        std::span<double>(rows).subspan(i * names.size(), names.size()));
                }
                progress.add(end - begin);
            });
            for (std::uint64_t i = 0; i < count; ++i)
            {
                const auto row = std::span<const double>(rows).subspan(i * names.size(), names.size());
                for (std::size_t k = 0; k < row.size(); ++k)
                    if (std::isnan(row[k])) ++summary.undefined[k];
                sink->push(i, row);
            }
        }
    }
    sink->close();
    progress.finish();
    summary.events = total;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}
}  // namespace umbra::analysis
