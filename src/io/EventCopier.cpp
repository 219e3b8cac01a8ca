#include "umbra/io/EventCopier.hpp"

#include <cmath>

namespace umbra::io
{
EventCopier::EventCopier(const std::vector<EventStoreReader::GroupInfo>& layout, EventStoreWriter& writer,
                         const std::function<bool(const std::string&)>& keep)
    : EventCopier(layout, writer, [&keep](const std::string& group, const std::string&) { return !keep || keep(group); })
{
}

EventCopier::EventCopier(const std::vector<EventStoreReader::GroupInfo>& layout, EventStoreWriter& writer,
                         const std::function<bool(const std::string&, const std::string&)>& keep)
{
    for (const auto& g : layout)
    {
        for (std::size_t f = 0; f < g.fields.size(); ++f)
        {
            const auto& [name, type] = g.fields[f];
            if (!keep(g.name, name)) continue;
            auto& column = g.collection ? writer.collection_column(g.name, name, type, g.units[f])
                                        : writer.event_column(g.name, name, type, g.units[f]);
            targets_.push_back({g.name, name, type, g.collection, &column, {}});
        }
    }
}

void EventCopier::load(const EventStoreReader& reader, std::uint64_t first, std::uint64_t count)
{
    for (auto& t : targets_)
    {
        t.data = t.collection ? reader.read_collection(t.group, t.field, first, count)
                              : EventStoreReader::CollectionSlice{reader.read_event_column(t.group, t.field, first, count), {}};
    }
}

void EventCopier::push(std::uint64_t index)
{
    for (auto& t : targets_)
    {
        const auto push_value = [&](double v) {
            if (t.type == FieldType::float64)
                t.column->push(v);
            else if (t.type == FieldType::int64)
                t.column->push(static_cast<std::int64_t>(std::llround(v)));
            else
                t.column->push(static_cast<std::uint64_t>(std::llround(v)));
        };
        if (t.collection)
        {
            for (auto r = t.data.offsets[index]; r < t.data.offsets[index + 1]; ++r) push_value(t.data.values[r]);
        }
        else
        {
            push_value(t.data.values[index]);
        }
    }
}
}  // namespace umbra::io
