#pragma once
//! \file
//! Copies groups of one event file into a writer, event by event: declare the columns
//! once (same names, types and units), then load() a block of events from a reader and
//! push() each of its events before the writer's end_event(). Values pass through
//! doubles, which is exact for integers below 2^53 (ids, counts and event numbers).
#include <functional>
#include <string>
#include <vector>

#include "umbra/io/EventStore.hpp"

namespace umbra::io
{
class EventCopier
{
public:
    //! Copy every group of `layout` for which `keep(group name)` is true (all when empty).
    EventCopier(const std::vector<EventStoreReader::GroupInfo>& layout, EventStoreWriter& writer,
                const std::function<bool(const std::string&)>& keep = {});
    //! Copy the fields for which `keep(group name, field name)` is true.
    EventCopier(const std::vector<EventStoreReader::GroupInfo>& layout, EventStoreWriter& writer,
                const std::function<bool(const std::string&, const std::string&)>& keep);

    //! Read events [first, first + count) of `reader` (same layout as given to the constructor).
    void load(const EventStoreReader& reader, std::uint64_t first, std::uint64_t count);
    //! Push the columns of event `index` of the loaded block (0-based within the block).
    void push(std::uint64_t index);

private:
    struct Target
    {
        std::string group;
        std::string field;
        FieldType type;
        bool collection;
        ColumnWriter* column;
        EventStoreReader::CollectionSlice data;
    };
    std::vector<Target> targets_;
};
}  // namespace umbra::io
