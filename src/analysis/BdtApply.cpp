#include "umbra/analysis/BdtApply.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "umbra/analysis/BdtModel.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/io/EventCopier.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
BdtApplySummary run_bdt_apply(const BdtModel& model, const std::filesystem::path& model_directory,
                              const std::filesystem::path& input, const std::filesystem::path& output,
                              const std::string& command_line)
{
    const io::EventStoreReader reader(input);
    std::error_code ec;
    if (std::filesystem::equivalent(input, output, ec))
    {
        throw InputError(SourceLocation{output.string(), 0}, "the output would replace the input (choose another -o)");
    }
    const auto n = reader.events();
    // Fail on a missing feature before writing anything.
    read_observable_rows(reader, model.features(), 0, std::min<std::uint64_t>(n, 1));
    const bool replaces = std::any_of(reader.groups().begin(), reader.groups().end(),
                                      [](const auto& g) { return g.name == "bdt"; });
    if (replaces) log().warn("bdt apply: {} already has /bdt; it is replaced in {}", input.string(), output.string());

    io::Provenance provenance;
    provenance.keep_normalisation_of(reader.provenance());
    provenance.config = reader.provenance().config;
    provenance.seed = reader.provenance().seed;
    provenance.command = command_line;
    provenance.inputs = FileChecksum::of(input).to_string() + "\n" +
                        FileChecksum::of(model_directory / bdt_files::model).to_string() + "\n";
    provenance.merged = fmt::format("[input 0] {}\numbra_version: {}\ncommand: {}\n", input.string(),
                                    reader.provenance().umbra_version, reader.provenance().command);
    provenance.cut_flow = reader.provenance().cut_flow;  // the skim's cut flow stays with the events
    io::EventStoreWriter writer(output, provenance);
    io::EventCopier copier(reader.groups(), writer, [](const std::string& group) { return group != "bdt"; });
    auto& score_column = writer.event_column("bdt", "score", io::FieldType::float64);

    BdtApplySummary summary;
    constexpr std::uint64_t block = 20000;
    double sum = 0;
    for (std::uint64_t first = 0; first < n; first += block)
    {
        const auto count = std::min(block, n - first);
        const auto scores = model.predict(read_observable_rows(reader, model.features(), first, count));
        copier.load(reader, first, count);
        for (std::uint64_t i = 0; i < count; ++i)
        {
            copier.push(i);
            score_column.push(scores[i]);
            sum += scores[i];
            writer.end_event();
        }
    }
    writer.close();
    summary.events = n;
    summary.mean_score = n > 0 ? sum / static_cast<double>(n) : 0.0;
    return summary;
}
}  // namespace umbra::analysis
