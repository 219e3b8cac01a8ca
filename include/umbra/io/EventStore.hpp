#pragma once
//! \file
//! umbra's event file (HDF5, schema in docs/format.md): columnar, one dataset
//! per field. A *per-event table* is a group of datasets of length n_events; a
//! *collection* is a group of equal-length datasets (one row per object) plus
//! `offsets` (uint64, n_events + 1: event i owns rows offsets[i]..offsets[i+1]-1).
//! Datasets are chunked, deflate-compressed and extended in chunks, so memory
//! stays flat for any number of events. The file is written to a temporary and
//! renamed when closed. Root attributes: schema_version, umbra_version, config,
//! seed, command, inputs (with checksums), n_events.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace umbra::io
{
inline constexpr int schema_version = 1;

enum class FieldType
{
    float64,
    int64,
    uint64,
};

std::string_view to_string(FieldType type) noexcept;

struct Provenance
{
    std::string umbra_version;  //!< filled by the writer when empty
    std::string config;         //!< the full configuration (TOML text)
    std::uint64_t seed = 0;
    std::string command;
    std::string inputs;         //!< one line per input: "path (N bytes, crc32 xxxxxxxx)"
    std::string merged;         //!< merged files: each input's own provenance (attribute merged_provenance)
    std::string cut_flow;       //!< skimmed files: CSV "step,events,weight", one row per cut (attribute cut_flow)
    //! "pb" when /events/weight is a generator cross-section (LHE sources: Σ w / Σ tries is the
    //! cross-section per event); empty when weights are probabilities per simulated event.
    std::string weight_unit;
    //! Target atoms per cm² along the beam (0: unknown): turns a cross-section into a yield
    //! per electron on target, σ [pb] × 1e-36 cm²/pb × this.
    double target_atoms_per_cm2 = 0;

    //! Take the weight normalisation (weight_unit, target_atoms_per_cm2) of the file this one is
    //! made from: every derived file (reco, skim, observables, scores, merges) keeps it.
    void keep_normalisation_of(const Provenance& input)
    {
        weight_unit = input.weight_unit;
        target_atoms_per_cm2 = input.target_atoms_per_cm2;
    }
};

//! One column being written: values are pushed per row.
class ColumnWriter
{
public:
    void push(double value) { doubles_.push_back(value); }
    void push(std::int64_t value) { integers_.push_back(value); }
    void push(std::uint64_t value) { unsigned_.push_back(value); }
    void push(int value) { integers_.push_back(value); }

private:
    friend class EventStoreWriter;
    std::string name_;
    std::string unit_;
    FieldType type_ = FieldType::float64;
    std::vector<double> doubles_;
    std::vector<std::int64_t> integers_;
    std::vector<std::uint64_t> unsigned_;
    std::uint64_t written_ = 0;  //!< rows already in the file
    std::size_t buffered() const noexcept;
};

class EventStoreWriter
{
public:
    struct Config
    {
        std::size_t chunk_rows = 65536;    //!< HDF5 chunk size in rows
        std::size_t flush_events = 10000;  //!< events buffered before appending to the file
        int compression = 1;               //!< deflate level 0..9 (0: none); 1 writes ~300 MB/s
    };

    EventStoreWriter(std::filesystem::path path, Provenance provenance);
    EventStoreWriter(std::filesystem::path path, Provenance provenance, Config config);
    ~EventStoreWriter();
    EventStoreWriter(const EventStoreWriter&) = delete;
    EventStoreWriter& operator=(const EventStoreWriter&) = delete;

    //! Declare a per-event table column (one value per event) / a collection column.
    //! All declarations come before the first end_event().
    ColumnWriter& event_column(const std::string& group, const std::string& name, FieldType type,
                               const std::string& unit = "");
    ColumnWriter& collection_column(const std::string& group, const std::string& name, FieldType type,
                                    const std::string& unit = "");

    //! Close the current event: every per-event column must have received exactly one value,
    //! the columns of each collection the same number of rows.
    void end_event();
    //! Flush, write n_events, and move the file into place.
    void close();

    std::uint64_t events() const noexcept { return events_; }

private:
    ColumnWriter& add_column(const std::string& group, const std::string& name, FieldType type,
                             const std::string& unit, bool collection);
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::uint64_t events_ = 0;
};

//! Reads an event file; validates the schema version and the layout on opening.
class EventStoreReader
{
public:
    explicit EventStoreReader(const std::filesystem::path& path);
    ~EventStoreReader();
    EventStoreReader(EventStoreReader&&) noexcept;

    std::uint64_t events() const noexcept { return events_; }
    const Provenance& provenance() const noexcept { return provenance_; }
    int schema() const noexcept { return schema_; }

    struct GroupInfo
    {
        std::string name;
        bool collection = false;
        std::uint64_t rows = 0;
        std::vector<std::pair<std::string, FieldType>> fields;
        std::vector<std::string> units;
    };
    const std::vector<GroupInfo>& groups() const noexcept { return groups_; }
    const GroupInfo& group(const std::string& name) const;
    //! Whether the file has the dataset /group/field.
    bool has_field(const std::string& group, const std::string& field) const noexcept;

    //! Values of a per-event column for events [first, first + count) (as doubles).
    std::vector<double> read_event_column(const std::string& group, const std::string& field, std::uint64_t first,
                                          std::uint64_t count) const;
    //! Rows of a collection column for events [first, first + count), and their offsets
    //! relative to the first row (count + 1 entries).
    struct CollectionSlice
    {
        std::vector<double> values;
        std::vector<std::uint64_t> offsets;
    };
    CollectionSlice read_collection(const std::string& group, const std::string& field, std::uint64_t first,
                                    std::uint64_t count) const;

    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::vector<double> read_rows(const std::string& group, const std::string& field, std::uint64_t first,
                                  std::uint64_t count) const;
    std::filesystem::path path_;
    std::int64_t file_ = -1;
    std::uint64_t events_ = 0;
    int schema_ = 0;
    Provenance provenance_;
    std::vector<GroupInfo> groups_;
};

//! Concatenate event files with identical layouts into `output`; the output's provenance lists
//! every input with its checksum and keeps each input's provenance (attribute merged_provenance).
std::uint64_t merge_event_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& output,
                                 const std::string& command);
}  // namespace umbra::io
