#include "umbra/lhe/RunInfo.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace umbra::lhe
{
double Init::total_cross_section() const noexcept
{
    double sum = 0;
    for (const auto& p : processes) sum += p.cross_section;
    return sum;
}

double Init::total_error() const noexcept
{
    double sum2 = 0;
    for (const auto& p : processes) sum2 += p.error * p.error;
    return std::sqrt(sum2);
}

namespace
{
std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

//! Text between <tag ...> and </tag>, or empty.
std::string_view section(const std::string& text, std::string_view tag)
{
    const auto open = text.find("<" + std::string(tag));
    if (open == std::string::npos) return {};
    const auto body = text.find('>', open);
    const auto close = text.find("</" + std::string(tag), body);
    if (body == std::string::npos || close == std::string::npos) return {};
    return std::string_view(text).substr(body + 1, close - body - 1);
}

std::string comment_name(const std::string& line)
{
    const auto hash = line.find('#');
    if (hash == std::string::npos) return {};
    std::istringstream in(line.substr(hash + 1));
    std::string name;
    in >> name;
    return lower(name);
}

void parse_run_card(std::string_view card, MadGraphBanner& banner)
{
    // Lines look like "  10000 = nevents ! Number of unweighted events requested".
    std::istringstream in{std::string(card)};
    std::string line;
    while (std::getline(in, line))
    {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::istringstream lhs(line.substr(0, eq));
        std::istringstream rhs(line.substr(eq + 1));
        std::string value, key;
        lhs >> value;
        rhs >> key;
        key = lower(key);
        try
        {
            if (key == "nevents") banner.nevents = std::stoll(value);
            if (key == "iseed") banner.seed = std::stoll(value);
        }
        catch (const std::exception&)
        {
            // Not a number (e.g. a template placeholder): leave unset.
        }
    }
}

void parse_param_card(std::string_view card, MadGraphBanner& banner)
{
    // SLHA: "BLOCK MASS", then "  622 1.000000e-02 # mp"; "DECAY 622 1.0e-10 # wp1".
    std::istringstream in{std::string(card)};
    std::string line, block;
    while (std::getline(in, line))
    {
        const auto code = line.substr(0, line.find('#'));
        std::istringstream words(code);
        std::string first;
        if (!(words >> first)) continue;
        const auto first_lower = lower(first);
        if (first_lower == "block")
        {
            words >> block;
            block = lower(block);
            continue;
        }
        if (first_lower == "decay")
        {
            block = "decay";
            int pdg = 0;
            double width = 0;
            if (words >> pdg >> width) banner.widths[pdg] = width;
            continue;
        }
        if (block.empty() || block == "decay") continue;
        // Entry: one or more indices, then the value.
        std::vector<std::string> tokens{first};
        for (std::string t; words >> t;) tokens.push_back(t);
        if (tokens.size() < 2) continue;
        try
        {
            const double value = std::stod(tokens.back());
            std::string key = block;
            for (std::size_t i = 0; i + 1 < tokens.size(); ++i) key += "/" + tokens[i];
            if (block == "mass" && tokens.size() == 2) banner.masses[std::stoi(tokens[0])] = value;
            banner.parameters[key] = value;
            if (auto name = comment_name(line); !name.empty()) banner.parameter_names[name] = key;
        }
        catch (const std::exception&)
        {
            // Not numeric: not a parameter line.
        }
    }
}
}  // namespace

std::optional<double> MadGraphBanner::parameter(const std::string& name) const
{
    const auto it = parameter_names.find(lower(name));
    if (it == parameter_names.end()) return std::nullopt;
    return parameters.at(it->second);
}

MadGraphBanner MadGraphBanner::parse(const std::string& header)
{
    MadGraphBanner banner;
    parse_run_card(section(header, "MGRunCard"), banner);
    auto param_card = section(header, "slha");
    if (param_card.empty()) param_card = section(header, "MGParamCard");
    parse_param_card(param_card, banner);
    return banner;
}
}  // namespace umbra::lhe
