#include "umbra/core/ConfigTable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <toml++/toml.h>

#include "umbra/core/EditDistance.hpp"
#include "umbra/core/Error.hpp"

namespace umbra
{
struct ConfigTable::Shared
{
    toml::table root;
    std::string source_name;
    std::set<std::string> used;   //!< dotted keys present in the file that were read
    std::set<std::string> known;  //!< dotted keys asked for, present or not (for suggestions)
};

namespace
{
const char* type_name(const toml::node& node)
{
    switch (node.type())
    {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        default: return "a date/time";
    }
}
}  // namespace

ConfigTable ConfigTable::from_string(std::string_view text, std::string source_name)
{
    auto shared = std::make_shared<Shared>();
    shared->source_name = std::move(source_name);
    try
    {
        shared->root = toml::parse(text, shared->source_name);
    }
    catch (const toml::parse_error& error)
    {
        throw InputError(SourceLocation{shared->source_name, error.source().begin.line},
                         fmt::format("invalid TOML: {}", error.description()));
    }
    auto* root = &shared->root;
    return ConfigTable(std::move(shared), root, "");
}

ConfigTable ConfigTable::from_file(const std::filesystem::path& path)
{
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
    {
        throw InputError(SourceLocation{path.string(), 0}, "cannot open configuration file");
    }
    std::string text;
    char chunk[1 << 14];
    for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, file)) > 0;) text.append(chunk, n);
    std::fclose(file);
    return from_string(text, path.string());
}

ConfigTable::ConfigTable(std::shared_ptr<Shared> shared, toml::table* table, std::string path)
    : shared_(std::move(shared)), table_(table), path_(std::move(path))
{
}
ConfigTable::~ConfigTable() = default;
ConfigTable::ConfigTable(ConfigTable&&) noexcept = default;
ConfigTable& ConfigTable::operator=(ConfigTable&&) noexcept = default;

std::string ConfigTable::full_key(std::string_view key) const
{
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const toml::node* ConfigTable::lookup(std::string_view key)
{
    shared_->known.insert(full_key(key));
    if (!table_) return nullptr;
    const auto* node = table_->get(key);
    if (node) shared_->used.insert(full_key(key));
    return node;
}

void ConfigTable::wrong_type(std::string_view key, const toml::node& node, const char* expected) const
{
    throw InputError(SourceLocation{shared_->source_name, node.source().begin.line},
                     fmt::format("key '{}' must be {}, found {}", full_key(key), expected, type_name(node)));
}

bool ConfigTable::contains(std::string_view key) const { return table_ && table_->contains(key); }

ConfigTable ConfigTable::section(std::string_view name)
{
    const auto* node = lookup(name);
    if (!node) return ConfigTable(shared_, nullptr, full_key(name));
    auto* table = const_cast<toml::node*>(node)->as_table();
    if (!table) wrong_type(name, *node, "a table");
    return ConfigTable(shared_, table, full_key(name));
}

double ConfigTable::get(std::string_view key, double fallback)
{
    const auto* node = lookup(key);
    if (!node) return fallback;
    if (const auto* f = node->as_floating_point()) return f->get();
    if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
    wrong_type(key, *node, "a number");
}

std::int64_t ConfigTable::get(std::string_view key, std::int64_t fallback)
{
    const auto* node = lookup(key);
    if (!node) return fallback;
    if (const auto* i = node->as_integer()) return i->get();
    wrong_type(key, *node, "an integer");
}

int ConfigTable::get(std::string_view key, int fallback)
{
    const auto value = get(key, static_cast<std::int64_t>(fallback));
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
    {
        throw InputError(SourceLocation{shared_->source_name, table_->get(key)->source().begin.line},
                         fmt::format("key '{}' = {} is out of range", full_key(key), value));
    }
    return static_cast<int>(value);
}

bool ConfigTable::get(std::string_view key, bool fallback)
{
    const auto* node = lookup(key);
    if (!node) return fallback;
    if (const auto* b = node->as_boolean()) return b->get();
    wrong_type(key, *node, "a boolean (true or false)");
}

std::string ConfigTable::get(std::string_view key, const std::string& fallback)
{
    const auto* node = lookup(key);
    if (!node) return fallback;
    if (const auto* s = node->as_string()) return s->get();
    wrong_type(key, *node, "a string");
}

std::optional<double> ConfigTable::get_optional_double(std::string_view key)
{
    shared_->known.insert(full_key(key));
    if (!contains(key)) return std::nullopt;
    return get(key, 0.0);
}

std::vector<std::string> ConfigTable::get_strings(std::string_view key, std::vector<std::string> fallback)
{
    const auto* node = lookup(key);
    if (!node) return fallback;
    const auto* array = node->as_array();
    if (!array) wrong_type(key, *node, "an array of strings");
    std::vector<std::string> values;
    for (const auto& element : *array)
    {
        const auto* s = element.as_string();
        if (!s) wrong_type(key, element, "an array of strings");
        values.push_back(s->get());
    }
    return values;
}

std::vector<double> ConfigTable::get_doubles(std::string_view key, std::vector<double> fallback)
{
    const auto* node = lookup(key);
    if (!node) return fallback;
    const auto* array = node->as_array();
    if (!array) wrong_type(key, *node, "an array of numbers");
    std::vector<double> values;
    for (const auto& element : *array)
    {
        if (const auto* f = element.as_floating_point()) values.push_back(f->get());
        else if (const auto* i = element.as_integer()) values.push_back(static_cast<double>(i->get()));
        else wrong_type(key, element, "an array of numbers");
    }
    return values;
}

std::vector<std::vector<double>> ConfigTable::get_double_rows(std::string_view key)
{
    const auto* node = lookup(key);
    if (!node) return {};
    const auto* array = node->as_array();
    if (!array) wrong_type(key, *node, "an array of arrays of numbers");
    std::vector<std::vector<double>> rows;
    for (const auto& row_node : *array)
    {
        const auto* row = row_node.as_array();
        if (!row) wrong_type(key, row_node, "an array of arrays of numbers");
        auto& values = rows.emplace_back();
        for (const auto& element : *row)
        {
            if (const auto* f = element.as_floating_point()) values.push_back(f->get());
            else if (const auto* i = element.as_integer()) values.push_back(static_cast<double>(i->get()));
            else wrong_type(key, element, "an array of arrays of numbers");
        }
    }
    return rows;
}

std::vector<ConfigTable> ConfigTable::tables(std::string_view key)
{
    const auto* node = lookup(key);
    if (!node) return {};
    auto* array = const_cast<toml::node*>(node)->as_array();
    if (!array) wrong_type(key, *node, "an array of tables");
    std::vector<ConfigTable> result;
    for (std::size_t i = 0; i < array->size(); ++i)
    {
        auto* table = array->get(i)->as_table();
        if (!table) wrong_type(key, *array->get(i), "an array of tables");
        result.push_back(ConfigTable(shared_, table, fmt::format("{}[{}]", full_key(key), i)));
    }
    return result;
}

std::vector<std::string> ConfigTable::keys() const
{
    std::vector<std::pair<std::uint64_t, std::string>> ordered;
    if (table_)
    {
        for (const auto& [key, node] : *table_) ordered.emplace_back(node.source().begin.line, key.str());
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> names;
    for (auto& entry : ordered) names.push_back(std::move(entry.second));
    return names;
}

SourceLocation ConfigTable::location(std::string_view key) const
{
    if (table_ && !key.empty())
    {
        if (const auto* node = table_->get(key)) return {shared_->source_name, node->source().begin.line};
    }
    return {shared_->source_name, table_ ? table_->source().begin.line : 0};
}

void ConfigTable::finish() const
{
    if (!table_) return;
    for (const auto& [key, node] : *table_)
    {
        const auto name = full_key(key.str());
        if (shared_->used.count(name))
        {
            if (auto* sub = const_cast<toml::node&>(node).as_table())
            {
                ConfigTable(shared_, sub, name).finish();
            }
            else if (auto* array = const_cast<toml::node&>(node).as_array())
            {
                for (std::size_t i = 0; i < array->size(); ++i)
                {
                    if (auto* element = array->get(i)->as_table())
                    {
                        ConfigTable(shared_, element, fmt::format("{}[{}]", name, i)).finish();
                    }
                }
            }
            continue;
        }
        std::string hint;
        std::size_t best = 3;
        for (const auto& k : shared_->known)
        {
            // Suggest among the keys asked for at this level.
            const auto prefix = path_.empty() ? std::string() : path_ + ".";
            if (k.rfind(prefix, 0) != 0) continue;
            const auto local = k.substr(prefix.size());
            if (local.find('.') != std::string::npos) continue;
            const auto d = edit_distance(local, key.str());
            if (d < best)
            {
                best = d;
                hint = fmt::format(" (did you mean '{}'?)", local);
            }
        }
        const auto where = path_.empty() ? std::string("at the top level") : fmt::format("in [{}]", path_);
        throw InputError(SourceLocation{shared_->source_name, node.source().begin.line},
                         fmt::format("unknown key '{}' {}{}", key.str(), where, hint));
    }
}
}  // namespace umbra

namespace umbra
{
const std::string& ConfigTable::source_name() const noexcept { return shared_->source_name; }
}  // namespace umbra
