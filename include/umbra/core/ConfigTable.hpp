#pragma once
//! \file
//! Strict reading of TOML configuration (toml++). A component reads the keys
//! it knows with get()/require(); finish() then rejects every key nobody
//! read, naming it with its file and line and suggesting the closest known
//! key, so a typo never silently falls back to a default:
//!   config.toml:7: unknown key 'zmxa' in [split.vertex] (did you mean 'zmax'?)
//! A value of the wrong type is an error naming the key and expected type.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "umbra/core/Error.hpp"

namespace toml
{
inline namespace v3
{
class table;
class node;
}  // namespace v3
}  // namespace toml

namespace umbra
{
class ConfigTable
{
public:
    //! Parse a TOML file; syntax errors become InputError with file and line.
    static ConfigTable from_file(const std::filesystem::path& path);
    //! Parse TOML text (source_name is used in messages).
    static ConfigTable from_string(std::string_view text, std::string source_name = "<string>");

    ~ConfigTable();
    ConfigTable(ConfigTable&&) noexcept;
    ConfigTable& operator=(ConfigTable&&) noexcept;

    //! Sub-table `name`; an empty table if absent (its reads then give defaults).
    ConfigTable section(std::string_view name);
    bool contains(std::string_view key) const;

    double get(std::string_view key, double fallback);
    std::int64_t get(std::string_view key, std::int64_t fallback);
    int get(std::string_view key, int fallback);
    bool get(std::string_view key, bool fallback);
    std::string get(std::string_view key, const std::string& fallback);
    std::string get(std::string_view key, const char* fallback) { return get(key, std::string(fallback)); }
    std::optional<double> get_optional_double(std::string_view key);
    std::vector<std::string> get_strings(std::string_view key, std::vector<std::string> fallback);
    //! Array of numbers (integers are accepted); `fallback` if absent.
    std::vector<double> get_doubles(std::string_view key, std::vector<double> fallback);
    //! Array of arrays of numbers (e.g. polygon vertices [[x, y], ...]); empty if absent.
    std::vector<std::vector<double>> get_double_rows(std::string_view key);
    //! Array of tables (`[[key]]` or `key = [{...}, ...]`); empty if absent. Element i has
    //! the path "key[i]", and finish() checks its keys like any other table's.
    std::vector<ConfigTable> tables(std::string_view key);
    //! Names of the keys of this table, in the file's order of appearance.
    std::vector<std::string> keys() const;
    //! File and line of `key` in this table (of the table itself if key is empty or absent).
    SourceLocation location(std::string_view key = {}) const;

    //! Throw InputError for the first key in this table and its sub-tables that was never read.
    void finish() const;

    //! Dotted path of this table ("" for the root, "split.vertex" ...).
    const std::string& path() const noexcept { return path_; }
    const std::string& source_name() const noexcept;

private:
    struct Shared;
    ConfigTable(std::shared_ptr<Shared> shared, toml::table* table, std::string path);
    const toml::node* lookup(std::string_view key);
    [[noreturn]] void wrong_type(std::string_view key, const toml::node& node, const char* expected) const;
    std::string full_key(std::string_view key) const;

    std::shared_ptr<Shared> shared_;
    toml::table* table_ = nullptr;  //!< null for an absent section
    std::string path_;
};
}  // namespace umbra
