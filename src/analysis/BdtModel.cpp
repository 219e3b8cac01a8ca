#include "umbra/analysis/BdtModel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

#include "umbra/analysis/detail/Xgboost.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/TextOutput.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
std::vector<float> read_observable_rows(const io::EventStoreReader& reader, const std::vector<std::string>& features,
                                        std::uint64_t first, std::uint64_t count)
{
    const SourceLocation where{reader.path().string(), 0};
    const auto group = std::find_if(reader.groups().begin(), reader.groups().end(),
                                    [](const auto& g) { return g.name == "observables"; });
    if (group == reader.groups().end())
    {
        throw InputError(where, "no /observables group (not an observable file) write one with `umbra observables`");
    }
    if (group->collection) throw InputError(where, "/observables is a collection, expected a per-event table");
    const auto n_features = features.size();
    std::vector<float> rows(count * n_features);
    for (std::size_t j = 0; j < n_features; ++j)
    {
        const auto& name = features[j];
        if (std::none_of(group->fields.begin(), group->fields.end(), [&](const auto& f) { return f.first == name; }))
        {
            throw InputError(where, fmt::format("no /observables/{} in the file (a feature of the BDT) use files "
                                                "written with the same observables",
                                                name));
        }
        const auto values = reader.read_event_column("observables", name, first, count);
        for (std::uint64_t i = 0; i < count; ++i)
        {
            const double v = values[i];
            if (std::isinf(v) || (std::isfinite(v) && std::abs(v) > std::numeric_limits<float>::max()))
            {
                throw InputError(where, fmt::format("/observables/{} of event {} is {} (XGBoost needs finite float "
                                                    "values) write NaN for undefined observables",
                                                    name, first + i, v));
            }
            rows[i * n_features + j] = static_cast<float>(v);
        }
    }
    return rows;
}

BdtModel BdtModel::load(const std::filesystem::path& directory, unsigned threads)
{
    const auto model_path = directory / bdt_files::model;
    const auto features_path = directory / bdt_files::features;
    if (!std::filesystem::is_directory(directory))
    {
        throw InputError(SourceLocation{directory.string(), 0}, "no such model directory (write one with `umbra bdt train`)");
    }
    for (const auto& path : {model_path, features_path})
    {
        if (!std::filesystem::is_regular_file(path))
        {
            throw InputError(SourceLocation{directory.string(), 0},
                             fmt::format("not a BDT model directory (no {}) give the directory written by `umbra bdt "
                                         "train -o`",
                                         path.filename().string()));
        }
    }
    std::vector<std::string> features;
    {
        std::ifstream in(features_path);
        std::string line;
        while (std::getline(in, line))
        {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty()) features.push_back(line);
        }
    }
    auto booster = std::make_unique<detail::XgbBooster>();
    if (XGBoosterLoadModel(booster->get(), model_path.c_str()) != 0)
    {
        std::string message = XGBGetLastError();
        message = message.substr(0, message.find('\n'));
        throw InputError(SourceLocation{model_path.string(), 0}, fmt::format("not an XGBoost model ({})", message));
    }
    bst_ulong n_model = 0;
    detail::xgb_check(XGBoosterGetNumFeature(booster->get(), &n_model), "count the model's features");
    if (n_model != features.size())
    {
        throw InputError(SourceLocation{features_path.string(), 0},
                         fmt::format("lists {} features but {} was trained on {} (a mixed-up model directory?)",
                                     features.size(), bdt_files::model, n_model));
    }
    return BdtModel(std::move(booster), std::move(features), threads);
}

BdtModel::BdtModel(std::unique_ptr<detail::XgbBooster> booster, std::vector<std::string> features, unsigned threads)
    : booster_(std::move(booster)), features_(std::move(features))
{
    booster_->set_param("nthread", std::to_string(std::max(threads, 1u)));
}

BdtModel::~BdtModel() = default;
BdtModel::BdtModel(BdtModel&&) noexcept = default;
BdtModel& BdtModel::operator=(BdtModel&&) noexcept = default;

std::vector<double> BdtModel::predict(std::span<const float> rows) const
{
    if (features_.empty() || rows.size() % features_.size() != 0)
    {
        throw std::invalid_argument(
            fmt::format("BdtModel::predict: {} values are not rows of {} features", rows.size(), features_.size()));
    }
    if (rows.empty()) return {};
    const detail::XgbMatrix matrix(rows, features_.size(), 1);
    const auto scores = booster_->predict(matrix);
    return {scores.begin(), scores.end()};
}

std::vector<double> BdtModel::predict(const io::EventStoreReader& reader) const
{
    constexpr std::uint64_t block = 65536;
    std::vector<double> scores;
    scores.reserve(reader.events());
    for (std::uint64_t first = 0; first < reader.events(); first += block)
    {
        const auto count = std::min(block, reader.events() - first);
        const auto part = predict(read_observable_rows(reader, features_, first, count));
        scores.insert(scores.end(), part.begin(), part.end());
    }
    return scores;
}

std::string BdtModel::json() const { return booster_->json(); }

void BdtModel::save(const std::filesystem::path& directory) const
{
    TextOutput model(directory / bdt_files::model, Compression::none);
    model.write(json());
    model.close();
    TextOutput features(directory / bdt_files::features, Compression::none);
    for (const auto& f : features_) features.write(f + "\n");
    features.close();
}
}  // namespace umbra::analysis
