//! HDF5 event-store throughput (issue "digitisation ... and the HDF5 event store": write
//! >= 100 MB/s). Writes 200 000 events: a per-event table (run, event, weight) and a hit
//! collection of 20 hits per event with 6 fields (id, x, y, z, edep, time), the shape of
//! ECal sim hits. MB/s counts the payload bytes (8 per value).
//!
//!   build/bench/EventStoreBenchmark

#include <benchmark/benchmark.h>

#include <filesystem>

#include "umbra/io/EventStore.hpp"

namespace
{
void BM_EventStoreWrite(benchmark::State& state)
{
    const auto path = std::filesystem::temp_directory_path() / "umbra-bench-events.h5";
    const std::uint64_t events = 200000, hits = 20;
    for (auto _ : state)
    {
        umbra::io::EventStoreWriter::Config config;
        config.compression = static_cast<int>(state.range(0));
        umbra::io::EventStoreWriter writer(path, {}, config);
        using umbra::io::FieldType;
        auto& run = writer.event_column("events", "run", FieldType::int64);
        auto& number = writer.event_column("events", "event", FieldType::uint64);
        auto& weight = writer.event_column("events", "weight", FieldType::float64);
        auto& id = writer.collection_column("ecal_sim_hits", "id", FieldType::int64);
        auto& x = writer.collection_column("ecal_sim_hits", "x", FieldType::float64, "mm");
        auto& y = writer.collection_column("ecal_sim_hits", "y", FieldType::float64, "mm");
        auto& z = writer.collection_column("ecal_sim_hits", "z", FieldType::float64, "mm");
        auto& edep = writer.collection_column("ecal_sim_hits", "edep", FieldType::float64, "MeV");
        auto& time = writer.collection_column("ecal_sim_hits", "time", FieldType::float64, "ns");
        for (std::uint64_t e = 0; e < events; ++e)
        {
            run.push(std::int64_t{1});
            number.push(e);
            weight.push(1.0);
            for (std::uint64_t h = 0; h < hits; ++h)
            {
                id.push(static_cast<std::int64_t>(e * 37 + h));
                x.push(0.37 * static_cast<double>(h) - 3.0);
                y.push(1.1 * static_cast<double>(e % 17));
                z.push(240.0 + 7.5 * static_cast<double>(h));
                edep.push(0.05 + 1e-3 * static_cast<double>((e * h) % 101));
                time.push(1.2 + 0.01 * static_cast<double>(h));
            }
            writer.end_event();
        }
        writer.close();
    }
    const double bytes_per_iteration = static_cast<double>(events * (3 + hits * 6 + 1) * 8);
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes_per_iteration) * state.iterations());
    state.SetItemsProcessed(static_cast<std::int64_t>(events) * state.iterations());
    state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    std::filesystem::remove(path);
}
}  // namespace

//! One million events (default settings), left at /tmp/umbra-bench-1M.h5 for the Python read
//! timing in bench/RESULTS.md.
void BM_EventStoreWriteMillion(benchmark::State& state)
{
    const auto path = std::filesystem::temp_directory_path() / "umbra-bench-1M.h5";
    for (auto _ : state)
    {
        umbra::io::EventStoreWriter writer(path, {});
        using umbra::io::FieldType;
        auto& weight = writer.event_column("events", "weight", FieldType::float64);
        auto& z = writer.event_column("events", "decay_vertex_z", FieldType::float64, "mm");
        auto& edep = writer.collection_column("ecal_rec_hits", "energy", FieldType::float64, "MeV");
        for (std::uint64_t e = 0; e < 1000000; ++e)
        {
            weight.push(1.0 + 1e-6 * static_cast<double>(e));
            z.push(200.0 + static_cast<double>(e % 1800));
            for (std::uint64_t h = 0; h < 10; ++h) edep.push(0.1 * static_cast<double>(h + e % 7));
            writer.end_event();
        }
        writer.close();
    }
    state.SetItemsProcessed(1000000 * state.iterations());
}

BENCHMARK(BM_EventStoreWriteMillion)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_EventStoreWrite)->Arg(0)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond)->Iterations(2);
