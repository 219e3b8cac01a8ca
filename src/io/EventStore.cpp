#include "umbra/io/EventStore.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include "umbra/core/AtomicOutputFile.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Version.hpp"
#include "umbra/io/EventCopier.hpp"

namespace umbra::io
{
namespace
{
//! HDF5 prints its error stack to stderr by default; umbra reports errors itself.
void quiet_hdf5()
{
    static std::once_flag once;
    std::call_once(once, [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); });
}

//! Owns an HDF5 identifier and closes it with the right function.
struct Handle
{
    hid_t id = -1;
    herr_t (*closer)(hid_t) = nullptr;
    Handle() = default;
    Handle(hid_t i, herr_t (*c)(hid_t)) : id(i), closer(c) {}
    Handle(Handle&& o) noexcept : id(o.id), closer(o.closer) { o.id = -1; }
    Handle& operator=(Handle&& o) noexcept
    {
        std::swap(id, o.id);
        std::swap(closer, o.closer);
        return *this;
    }
    ~Handle()
    {
        if (id >= 0 && closer) closer(id);
    }
    operator hid_t() const noexcept { return id; }
};

hid_t file_type(FieldType t)
{
    switch (t)
    {
        case FieldType::float64: return H5T_IEEE_F64LE;
        case FieldType::int64: return H5T_STD_I64LE;
        case FieldType::uint64: return H5T_STD_U64LE;
    }
    return H5T_IEEE_F64LE;
}

void check(herr_t status, const std::string& what, const std::filesystem::path& path)
{
    if (status < 0) throw InputError(SourceLocation{path.string(), 0}, fmt::format("HDF5 error: {}", what));
}

void write_string_attribute(hid_t object, const char* name, const std::string& value, const std::filesystem::path& path)
{
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attribute(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    const char* data = value.c_str();
    check(H5Awrite(attribute, type, &data), fmt::format("writing attribute {}", name), path);
}

template <typename T>
void write_scalar_attribute(hid_t object, const char* name, hid_t type, T value, const std::filesystem::path& path)
{
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attribute(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    check(H5Awrite(attribute, type, &value), fmt::format("writing attribute {}", name), path);
}

std::string read_string_attribute(hid_t object, const char* name)
{
    if (H5Aexists(object, name) <= 0) return {};
    Handle attribute(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
    Handle type(H5Aget_type(attribute), H5Tclose);
    if (H5Tis_variable_str(type) > 0)
    {
        Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(memory, H5T_VARIABLE);
        H5Tset_cset(memory, H5Tget_cset(type));  // HDF5 does not convert between character sets
        char* data = nullptr;
        if (H5Aread(attribute, memory, &data) < 0 || !data) return {};
        std::string value(data);
        Handle space(H5Aget_space(attribute), H5Sclose);
        H5Dvlen_reclaim(memory, space, H5P_DEFAULT, &data);
        return value;
    }
    const auto size = H5Tget_size(type);
    std::string value(size, '\0');
    Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(memory, size);
    H5Tset_cset(memory, H5Tget_cset(type));
    if (H5Aread(attribute, memory, value.data()) < 0) return {};
    value.resize(value.find('\0') == std::string::npos ? value.size() : value.find('\0'));
    return value;
}

//! Names of the links of a group or file, in creation order where tracked, else by name.
std::vector<std::string> link_names(hid_t object)
{
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
    };
    if (H5Literate(object, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect, &names) < 0 || names.empty())
    {
        names.clear();
        H5Literate(object, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names);
    }
    return names;
}
}  // namespace

std::string_view to_string(FieldType t) noexcept
{
    switch (t)
    {
        case FieldType::float64: return "float64";
        case FieldType::int64: return "int64";
        case FieldType::uint64: return "uint64";
    }
    return "?";
}

std::size_t ColumnWriter::buffered() const noexcept
{
    return doubles_.size() + integers_.size() + unsigned_.size();
}

struct EventStoreWriter::Impl
{
    AtomicOutputFile output;
    Provenance provenance;
    Config config;
    Handle file;
    struct Group
    {
        bool collection = false;
        Handle handle;
        std::vector<std::unique_ptr<ColumnWriter>> columns;
        std::map<std::string, Handle> datasets;
        std::vector<std::uint64_t> pending_offsets;  //!< end offsets of the buffered events (collections)
        std::uint64_t offsets_written = 0;
        Handle offsets;
    };
    std::map<std::string, Group> groups;
    std::vector<std::string> group_order;
    std::size_t buffered_events = 0;
    bool started = false;

    Impl(std::filesystem::path path, Provenance p, Config c)
        : output(std::move(path)), provenance(std::move(p)), config(c)
    {
    }

    Handle create_dataset(hid_t parent, const std::string& name, FieldType type, const std::string& unit)
    {
        const hsize_t dims[1] = {0}, maxdims[1] = {H5S_UNLIMITED}, chunk[1] = {config.chunk_rows};
        Handle space(H5Screate_simple(1, dims, maxdims), H5Sclose);
        Handle properties(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        H5Pset_chunk(properties, 1, chunk);
        if (config.compression > 0)
        {
            H5Pset_shuffle(properties);
            H5Pset_deflate(properties, static_cast<unsigned>(config.compression));
        }
        Handle dataset(H5Dcreate2(parent, name.c_str(), file_type(type), space, H5P_DEFAULT, properties, H5P_DEFAULT),
                       H5Dclose);
        if (dataset < 0) check(-1, fmt::format("creating dataset {}", name), output.destination());
        if (!unit.empty()) write_string_attribute(dataset, "unit", unit, output.destination());
        return dataset;
    }

    void append(hid_t dataset, hid_t type, const void* data, std::uint64_t first, std::size_t count)
    {
        if (count == 0) return;
        const hsize_t new_size[1] = {first + count};
        check(H5Dset_extent(dataset, new_size), "extending a dataset", output.destination());
        Handle file_space(H5Dget_space(dataset), H5Sclose);
        const hsize_t start[1] = {first}, n[1] = {count};
        H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, n, nullptr);
        Handle memory_space(H5Screate_simple(1, n, nullptr), H5Sclose);
        check(H5Dwrite(dataset, type, memory_space, file_space, H5P_DEFAULT, data), "writing a dataset",
              output.destination());
    }

    void start()
    {
        started = true;
        for (const auto& name : group_order)
        {
            auto& g = groups.at(name);
            // Track link creation order so that readers list fields in their declared order.
            Handle group_properties(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
            H5Pset_link_creation_order(group_properties, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
            g.handle = Handle(H5Gcreate2(file, name.c_str(), H5P_DEFAULT, group_properties, H5P_DEFAULT), H5Gclose);
            if (g.handle < 0) check(-1, fmt::format("creating group {}", name), output.destination());
            write_string_attribute(g.handle, "kind", g.collection ? "collection" : "per-event", output.destination());
            for (auto& c : g.columns) g.datasets[c->name_] = create_dataset(g.handle, c->name_, c->type_, c->unit_);
            if (g.collection)
            {
                g.offsets = create_dataset(g.handle, "offsets", FieldType::uint64, "");
                const std::uint64_t zero = 0;
                append(g.offsets, H5T_NATIVE_UINT64, &zero, 0, 1);
                g.offsets_written = 1;
            }
        }
    }

    void flush()
    {
        for (auto& [name, g] : groups)
        {
            for (auto& c : g.columns)
            {
                auto& dataset = g.datasets.at(c->name_);
                const std::size_t n = c->buffered();
                if (!c->doubles_.empty()) append(dataset, H5T_NATIVE_DOUBLE, c->doubles_.data(), c->written_, n);
                if (!c->integers_.empty()) append(dataset, H5T_NATIVE_INT64, c->integers_.data(), c->written_, n);
                if (!c->unsigned_.empty()) append(dataset, H5T_NATIVE_UINT64, c->unsigned_.data(), c->written_, n);
                c->written_ += n;
                c->doubles_.clear();
                c->integers_.clear();
                c->unsigned_.clear();
            }
            if (g.collection && !g.pending_offsets.empty())
            {
                append(g.offsets, H5T_NATIVE_UINT64, g.pending_offsets.data(), g.offsets_written, g.pending_offsets.size());
                g.offsets_written += g.pending_offsets.size();
                g.pending_offsets.clear();
            }
        }
        buffered_events = 0;
    }
};

EventStoreWriter::EventStoreWriter(std::filesystem::path path, Provenance provenance)
    : EventStoreWriter(std::move(path), std::move(provenance), Config{})
{
}

EventStoreWriter::EventStoreWriter(std::filesystem::path path, Provenance provenance, Config config)
    : impl_(std::make_unique<Impl>(std::move(path), std::move(provenance), config))
{
    quiet_hdf5();
    if (config.compression < 0 || config.compression > 9) throw InputError("HDF5 compression level must be 0..9");
    if (impl_->provenance.umbra_version.empty()) impl_->provenance.umbra_version = std::string(umbra::version());
    impl_->file = Handle(
        H5Fcreate(impl_->output.temporary_path().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (impl_->file < 0)
        throw InputError(SourceLocation{impl_->output.destination().string(), 0}, "cannot create the HDF5 file");
}

EventStoreWriter::~EventStoreWriter() = default;


ColumnWriter& EventStoreWriter::add_column(const std::string& group, const std::string& name, FieldType type,
                                           const std::string& unit, bool collection)
{
    if (impl_->started) throw std::logic_error("event store columns must be declared before the first event");
    auto [it, inserted] = impl_->groups.try_emplace(group);
    if (inserted)
    {
        impl_->group_order.push_back(group);
        it->second.collection = collection;
    }
    if (it->second.collection != collection)
        throw std::logic_error(fmt::format("group {} is a {}", group, collection ? "per-event table" : "collection"));
    if (collection && name == "offsets") throw std::logic_error("'offsets' is reserved in collections");
    auto column = std::make_unique<ColumnWriter>();
    column->name_ = name;
    column->unit_ = unit;
    column->type_ = type;
    it->second.columns.push_back(std::move(column));
    return *it->second.columns.back();
}

ColumnWriter& EventStoreWriter::event_column(const std::string& group, const std::string& name, FieldType type,
                                             const std::string& unit)
{
    return add_column(group, name, type, unit, false);
}

ColumnWriter& EventStoreWriter::collection_column(const std::string& group, const std::string& name, FieldType type,
                                                  const std::string& unit)
{
    return add_column(group, name, type, unit, true);
}

void EventStoreWriter::end_event()
{
    auto& impl = *impl_;
    if (!impl.started) impl.start();
    for (auto& [name, g] : impl.groups)
    {
        if (g.columns.empty()) continue;
        const std::size_t rows = g.columns.front()->buffered();
        for (const auto& c : g.columns)
        {
            if (c->buffered() != rows)
                throw std::logic_error(fmt::format("event {}: columns of {} have different lengths ({} has {}, {} has {})",
                                                   events_, name, g.columns.front()->name_, rows, c->name_, c->buffered()));
        }
        if (!g.collection)
        {
            if (rows != impl.buffered_events + 1)
                throw std::logic_error(fmt::format("event {}: per-event table {} needs exactly one value per column",
                                                   events_, name));
        }
        else
        {
            const std::uint64_t now = g.columns.front()->written_ + rows;
            g.pending_offsets.push_back(now);
        }
    }
    ++events_;
    if (++impl.buffered_events >= impl.config.flush_events) impl.flush();
}

void EventStoreWriter::close()
{
    auto& impl = *impl_;
    if (!impl.started) impl.start();
    impl.flush();
    const auto& path = impl.output.destination();
    write_scalar_attribute(impl.file, "schema_version", H5T_NATIVE_INT, schema_version, path);
    write_scalar_attribute(impl.file, "n_events", H5T_NATIVE_UINT64, events_, path);
    write_scalar_attribute(impl.file, "seed", H5T_NATIVE_UINT64, impl.provenance.seed, path);
    write_string_attribute(impl.file, "umbra_version", impl.provenance.umbra_version, path);
    write_string_attribute(impl.file, "config", impl.provenance.config, path);
    write_string_attribute(impl.file, "command", impl.provenance.command, path);
    write_string_attribute(impl.file, "inputs", impl.provenance.inputs, path);
    if (!impl.provenance.merged.empty())
        write_string_attribute(impl.file, "merged_provenance", impl.provenance.merged, path);
    if (!impl.provenance.cut_flow.empty()) write_string_attribute(impl.file, "cut_flow", impl.provenance.cut_flow, path);
    if (!impl.provenance.weight_unit.empty())
        write_string_attribute(impl.file, "weight_unit", impl.provenance.weight_unit, path);
    if (impl.provenance.target_atoms_per_cm2 > 0)
        write_scalar_attribute(impl.file, "target_atoms_per_cm2", H5T_NATIVE_DOUBLE,
                               impl.provenance.target_atoms_per_cm2, path);
    impl.groups.clear();
    check(H5Fflush(impl.file, H5F_SCOPE_GLOBAL), "flushing the file", path);
    impl.file = Handle();
    impl.output.commit();
}

// ---------------------------------------------------------------- reader

EventStoreReader::EventStoreReader(const std::filesystem::path& path) : path_(path)
{
    quiet_hdf5();
    const auto where = SourceLocation{path.string(), 0};
    if (!std::filesystem::exists(path)) throw InputError(where, "no such file");
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw InputError(where, "not a readable HDF5 file (corrupt or truncated?)");
    file_ = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file_ < 0) throw InputError(where, "cannot open the HDF5 file (corrupt or truncated?)");
    if (H5Aexists(file_, "schema_version") <= 0)
        throw InputError(where, "not an umbra event file (no schema_version attribute)");
    {
        Handle a(H5Aopen(file_, "schema_version", H5P_DEFAULT), H5Aclose);
        H5Aread(a, H5T_NATIVE_INT, &schema_);
    }
    if (schema_ != schema_version)
        throw InputError(where, fmt::format("schema version {} is not supported (this umbra reads version {})", schema_,
                                            schema_version));
    if (H5Aexists(file_, "n_events") <= 0)
        throw InputError(where, "no n_events attribute: the file was not closed properly");
    {
        Handle a(H5Aopen(file_, "n_events", H5P_DEFAULT), H5Aclose);
        H5Aread(a, H5T_NATIVE_UINT64, &events_);
        Handle s(H5Aopen(file_, "seed", H5P_DEFAULT), H5Aclose);
        if (s >= 0) H5Aread(s, H5T_NATIVE_UINT64, &provenance_.seed);
    }
    provenance_.umbra_version = read_string_attribute(file_, "umbra_version");
    provenance_.config = read_string_attribute(file_, "config");
    provenance_.command = read_string_attribute(file_, "command");
    provenance_.inputs = read_string_attribute(file_, "inputs");
    provenance_.merged = read_string_attribute(file_, "merged_provenance");
    provenance_.cut_flow = read_string_attribute(file_, "cut_flow");
    provenance_.weight_unit = read_string_attribute(file_, "weight_unit");
    if (H5Aexists(file_, "target_atoms_per_cm2") > 0)
    {
        Handle a(H5Aopen(file_, "target_atoms_per_cm2", H5P_DEFAULT), H5Aclose);
        H5Aread(a, H5T_NATIVE_DOUBLE, &provenance_.target_atoms_per_cm2);
    }

    // Groups and their datasets.
    const auto names = link_names(file_);
    for (const auto& name : names)
    {
        Handle group(H5Gopen2(file_, name.c_str(), H5P_DEFAULT), H5Gclose);
        if (group < 0) continue;
        GroupInfo info;
        info.name = name;
        info.collection = read_string_attribute(group, "kind") == "collection";
        const auto datasets = link_names(group);
        std::uint64_t expected_rows = info.collection ? 0 : events_;
        if (info.collection)
        {
            Handle offsets(H5Dopen2(group, "offsets", H5P_DEFAULT), H5Dclose);
            if (offsets < 0) throw InputError(where, fmt::format("collection /{} has no offsets dataset", name));
            Handle space(H5Dget_space(offsets), H5Sclose);
            hsize_t n = 0;
            H5Sget_simple_extent_dims(space, &n, nullptr);
            if (n != events_ + 1)
                throw InputError(where, fmt::format("/{}/offsets has {} entries, expected n_events + 1 = {}", name, n,
                                                    events_ + 1));
            std::uint64_t last = 0;
            const hsize_t start[1] = {n - 1}, one[1] = {1};
            H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, one, nullptr);
            Handle memory(H5Screate_simple(1, one, nullptr), H5Sclose);
            check(H5Dread(offsets, H5T_NATIVE_UINT64, memory, space, H5P_DEFAULT, &last),
                  fmt::format("reading /{}/offsets", name), path);
            expected_rows = last;
        }
        info.rows = expected_rows;
        for (const auto& d : datasets)
        {
            if (info.collection && d == "offsets") continue;
            Handle dataset(H5Dopen2(group, d.c_str(), H5P_DEFAULT), H5Dclose);
            if (dataset < 0) continue;
            Handle type(H5Dget_type(dataset), H5Tclose);
            FieldType field = FieldType::float64;
            if (H5Tget_class(type) == H5T_INTEGER) field = H5Tget_sign(type) == H5T_SGN_NONE ? FieldType::uint64 : FieldType::int64;
            Handle space(H5Dget_space(dataset), H5Sclose);
            hsize_t n = 0;
            H5Sget_simple_extent_dims(space, &n, nullptr);
            if (n != expected_rows)
                throw InputError(where, fmt::format("/{}/{} has {} rows, expected {}", name, d, n, expected_rows));
            info.fields.emplace_back(d, field);
            info.units.push_back(read_string_attribute(dataset, "unit"));
        }
        groups_.push_back(std::move(info));
    }
}

EventStoreReader::~EventStoreReader()
{
    if (file_ >= 0) H5Fclose(file_);
}

EventStoreReader::EventStoreReader(EventStoreReader&& o) noexcept
    : path_(std::move(o.path_)), file_(o.file_), events_(o.events_), schema_(o.schema_),
      provenance_(std::move(o.provenance_)), groups_(std::move(o.groups_))
{
    o.file_ = -1;
}

const EventStoreReader::GroupInfo& EventStoreReader::group(const std::string& name) const
{
    for (const auto& g : groups_)
        if (g.name == name) return g;
    std::string available;
    for (const auto& g : groups_) available += (available.empty() ? "" : ", ") + g.name;
    throw InputError(SourceLocation{path_.string(), 0},
                     fmt::format("no group /{} in the file (available: {})", name, available));
}

bool EventStoreReader::has_field(const std::string& group_name, const std::string& field) const noexcept
{
    return std::any_of(groups_.begin(), groups_.end(), [&](const GroupInfo& g) {
        return g.name == group_name &&
               std::any_of(g.fields.begin(), g.fields.end(), [&](const auto& f) { return f.first == field; });
    });
}

std::vector<double> EventStoreReader::read_rows(const std::string& group_name, const std::string& field,
                                                std::uint64_t first, std::uint64_t count) const
{
    const auto& g = group(group_name);
    if (std::none_of(g.fields.begin(), g.fields.end(), [&](const auto& f) { return f.first == field; }))
        throw InputError(SourceLocation{path_.string(), 0}, fmt::format("no dataset /{}/{} in the file", group_name, field));
    std::vector<double> values(count);
    if (count == 0) return values;
    Handle dataset(H5Dopen2(file_, (group_name + "/" + field).c_str(), H5P_DEFAULT), H5Dclose);
    Handle space(H5Dget_space(dataset), H5Sclose);
    const hsize_t start[1] = {first}, n[1] = {count};
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, n, nullptr);
    Handle memory(H5Screate_simple(1, n, nullptr), H5Sclose);
    if (H5Dread(dataset, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, values.data()) < 0)
        throw InputError(SourceLocation{path_.string(), 0},
                         fmt::format("cannot read /{}/{} (corrupt or truncated file?)", group_name, field));
    return values;
}

std::vector<double> EventStoreReader::read_event_column(const std::string& group_name, const std::string& field,
                                                        std::uint64_t first, std::uint64_t count) const
{
    if (group(group_name).collection)
        throw InputError(SourceLocation{path_.string(), 0}, fmt::format("/{} is a collection, not a per-event table", group_name));
    if (first + count > events_) throw std::out_of_range("event range beyond the end of the file");
    return read_rows(group_name, field, first, count);
}

EventStoreReader::CollectionSlice EventStoreReader::read_collection(const std::string& group_name,
                                                                    const std::string& field, std::uint64_t first,
                                                                    std::uint64_t count) const
{
    if (!group(group_name).collection)
        throw InputError(SourceLocation{path_.string(), 0}, fmt::format("/{} is a per-event table, not a collection", group_name));
    if (first + count > events_) throw std::out_of_range("event range beyond the end of the file");
    std::vector<std::uint64_t> offsets(count + 1);
    Handle dataset(H5Dopen2(file_, (group_name + "/offsets").c_str(), H5P_DEFAULT), H5Dclose);
    Handle space(H5Dget_space(dataset), H5Sclose);
    const hsize_t start[1] = {first}, n[1] = {count + 1};
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, n, nullptr);
    Handle memory(H5Screate_simple(1, n, nullptr), H5Sclose);
    check(H5Dread(dataset, H5T_NATIVE_UINT64, memory, space, H5P_DEFAULT, offsets.data()),
          fmt::format("reading /{}/offsets", group_name), path_);
    CollectionSlice slice;
    slice.values = read_rows(group_name, field, offsets.front(), offsets.back() - offsets.front());
    const auto base = offsets.front();
    for (auto& o : offsets) o -= base;
    slice.offsets = std::move(offsets);
    return slice;
}

namespace
{
std::string describe_weight_unit(const std::string& unit)
{
    return unit.empty() ? std::string("probabilities per simulated event") : "cross-sections [" + unit + "]";
}
}  // namespace

std::uint64_t merge_event_stores(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& output,
                                 const std::string& command)
{
    if (inputs.empty()) throw InputError("no input files to merge");
    std::vector<EventStoreReader> readers;
    for (const auto& input : inputs) readers.emplace_back(input);
    const auto& layout = readers.front().groups();
    for (std::size_t i = 1; i < readers.size(); ++i)
    {
        const auto& other = readers[i].groups();
        bool same = other.size() == layout.size();
        for (std::size_t g = 0; same && g < layout.size(); ++g)
            same = other[g].name == layout[g].name && other[g].collection == layout[g].collection &&
                   other[g].fields == layout[g].fields;
        if (!same)
            throw InputError(SourceLocation{inputs[i].string(), 0},
                             fmt::format("its groups and fields differ from those of {}; only files with the same "
                                         "layout can be merged",
                                         inputs.front().string()));
    }
    for (std::size_t i = 1; i < readers.size(); ++i)
    {
        if (readers[i].provenance().weight_unit != readers.front().provenance().weight_unit)
        {
            throw InputError(SourceLocation{inputs[i].string(), 0},
                             fmt::format("its weights are {} but those of {} are {}; cross-section-weighted and "
                                         "probability-weighted samples cannot be merged",
                                         describe_weight_unit(readers[i].provenance().weight_unit),
                                         inputs.front().string(),
                                         describe_weight_unit(readers.front().provenance().weight_unit)));
        }
    }
    Provenance provenance;
    provenance.command = command;
    provenance.keep_normalisation_of(readers.front().provenance());
    provenance.config = readers.front().provenance().config;
    provenance.seed = readers.front().provenance().seed;
    for (std::size_t i = 0; i < inputs.size(); ++i)
    {
        provenance.inputs += FileChecksum::of(inputs[i]).to_string() + "\n";
        const auto& p = readers[i].provenance();
        provenance.merged += fmt::format("[input {}] {}\numbra_version: {}\nseed: {}\ncommand: {}\nconfig:\n{}\n",
                                         i, inputs[i].string(), p.umbra_version, p.seed, p.command, p.config);
        if (!p.merged.empty()) provenance.merged += p.merged;
    }
    EventStoreWriter writer(output, provenance);
    EventCopier copier(layout, writer);
    constexpr std::uint64_t chunk = 20000;
    for (const auto& reader : readers)
    {
        for (std::uint64_t first = 0; first < reader.events(); first += chunk)
        {
            const auto count = std::min(chunk, reader.events() - first);
            copier.load(reader, first, count);
            for (std::uint64_t e = 0; e < count; ++e)
            {
                copier.push(e);
                writer.end_event();
            }
        }
    }
    writer.close();
    return writer.events();
}
}  // namespace umbra::io
