#include "umbra/reco/ContainmentRadii.hpp"

#include <fmt/format.h>

#include <charconv>

#include "umbra/core/Error.hpp"
#include "umbra/core/LineReader.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::reco
{
namespace
{
std::vector<std::string_view> split_commas(std::string_view line)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    for (;;)
    {
        const auto comma = line.find(',', start);
        fields.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) return fields;
        start = comma + 1;
    }
}

std::optional<double> parse_field(std::string_view field, const LineReader& reader, std::size_t column)
{
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\t' || field.back() == '\r')) field.remove_suffix(1);
    if (field.empty()) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc{} || end != field.data() + field.size())
    {
        reader.fail(fmt::format("column {}: expected a number, found '{}'", column + 1, field));
    }
    return value;
}
}  // namespace

ContainmentRadii ContainmentRadii::load(const std::filesystem::path& path, int layers)
{
    LineReader reader(path);
    ContainmentRadii table;
    table.source_ = path.string();
    std::string_view line;
    bool header = false;
    const auto expected = static_cast<std::size_t>(4 + layers);
    while (reader.next(line))
    {
        if (line.empty() || line.front() == '#') continue;
        if (!header)
        {
            header = true;
            if (split_commas(line).size() != expected)
            {
                reader.fail(fmt::format("header has {} columns; expected theta_min,theta_max,p_min,p_max and {} radii",
                                        split_commas(line).size(), layers));
            }
            continue;
        }
        const auto fields = split_commas(line);
        if (fields.size() != expected)
        {
            reader.fail(fmt::format("{} columns; expected {} (4 bounds and {} radii)", fields.size(), expected, layers));
        }
        Bin bin;
        bin.theta_min = parse_field(fields[0], reader, 0);
        bin.theta_max = parse_field(fields[1], reader, 1);
        bin.p_min = parse_field(fields[2], reader, 2);
        bin.p_max = parse_field(fields[3], reader, 3);
        for (std::size_t i = 4; i < fields.size(); ++i)
        {
            const auto radius = parse_field(fields[i], reader, i);
            if (!radius || !(*radius > 0)) reader.fail(fmt::format("column {}: a radius must be a number > 0", i + 1));
            bin.radii.push_back(*radius);
        }
        table.bins_.push_back(std::move(bin));
    }
    if (table.bins_.empty()) throw InputError(SourceLocation{path.string(), 0}, "no containment-radius rows");
    return table;
}

ContainmentRadii ContainmentRadii::load_named(const std::string& name_or_path, int layers)
{
    if (name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".csv"))
    {
        return load(name_or_path, layers);
    }
    return load(geometry::DetectorGeometry::data_directory() / "ecal" / (name_or_path + ".csv"), layers);
}

ContainmentRadii ContainmentRadii::uniform(double radius, int layers)
{
    ContainmentRadii table;
    table.source_ = fmt::format("uniform {} mm", radius);
    table.bins_.push_back(Bin{{}, {}, {}, {}, std::vector<double>(static_cast<std::size_t>(layers), radius)});
    return table;
}

const std::vector<double>& ContainmentRadii::electron_radii(double theta_deg, double p) const noexcept
{
    const Bin* chosen = &bins_.front();
    for (const auto& bin : bins_)
    {
        const bool inside = (!bin.theta_min || theta_deg >= *bin.theta_min) &&
                            (!bin.theta_max || theta_deg < *bin.theta_max) && (!bin.p_min || p >= *bin.p_min) &&
                            (!bin.p_max || p < *bin.p_max);
        if (inside) chosen = &bin;
    }
    return chosen->radii;
}
}  // namespace umbra::reco
