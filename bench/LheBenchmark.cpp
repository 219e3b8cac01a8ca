//! \file
//! LHE read/write throughput (targets of the LHE I/O issue; results and the
//! commands that made them in bench/RESULTS.md):
//!
//!   BM_LheReadPlain   100 000-event .lhe, every field parsed into lhe::Event
//!                     (target: >= 1 million events/s per core)
//!   BM_LheReadGzip    the same events as .lhe.gz
//!   BM_LheWritePlain  100 000 events written uncompressed (target: >= 500 000 events/s)
//!
//! The sample is umbra's MadGraph-format toy, e- N -> e- N a, a -> e+ e- (7
//! particles per event, ALP 622, nucleus 623; lhe::ToySampleGenerator),
//! written once, at first use, in MadGraph's number style into a temporary
//! directory that is removed at exit.
//!
//! Run: build/bench/LheBenchmark [--benchmark_filter=Read]

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "umbra/lhe/Event.hpp"
#include "umbra/lhe/Reader.hpp"
#include "umbra/lhe/RunInfo.hpp"
#include "umbra/lhe/ToySampleGenerator.hpp"
#include "umbra/lhe/Writer.hpp"

namespace
{
namespace fs = std::filesystem;
using umbra::lhe::Event;
using umbra::lhe::RunInfo;

constexpr std::int64_t sample_events = 100'000;

constexpr std::size_t write_pool_size = 10'000;

//! The benchmark sample: umbra's MadGraph-format toy (7 particles, ALP 622, nucleus 623).
const umbra::lhe::ToySampleGenerator& generator()
{
    static const umbra::lhe::ToySampleGenerator instance([] {
        umbra::lhe::ToySampleConfig config;
        config.events = static_cast<std::uint64_t>(sample_events);
        config.seed = 20241123;
        return config;
    }());
    return instance;
}

//! Scratch directory of the benchmark files, removed at exit; the read
//! samples are written at their first use.
class Samples
{
public:
    static Samples& instance()
    {
        static Samples samples;
        return samples;
    }

    const fs::path& directory() const noexcept { return directory_; }
    const fs::path& plain()
    {
        write_once();
        return plain_;
    }
    const fs::path& gzip()
    {
        write_once();
        return gzip_;
    }
    std::uint64_t plain_bytes()
    {
        write_once();
        return plain_bytes_;
    }

    Samples(const Samples&) = delete;
    Samples& operator=(const Samples&) = delete;
    ~Samples()
    {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }

private:
    Samples()
        : directory_(fs::temp_directory_path() / ("umbra-lhe-bench-" + std::to_string(::getpid()))),
          plain_(directory_ / "sample.lhe"),
          gzip_(directory_ / "sample.lhe.gz")
    {
        fs::create_directories(directory_);
    }

    void write_once()
    {
        if (plain_bytes_ != 0) return;
        const auto info = generator().run_info();
        // MadGraph-style numbers (11 significant digits), as the target file.
        umbra::lhe::Writer plain_writer(plain_, info, umbra::Compression::automatic,
                                        umbra::lhe::NumberStyle::madgraph);
        umbra::lhe::Writer gzip_writer(gzip_, info, umbra::Compression::automatic,
                                       umbra::lhe::NumberStyle::madgraph);
        Event event;
        for (std::int64_t i = 0; i < sample_events; ++i)
        {
            generator().generate(static_cast<std::uint64_t>(i), event);
            plain_writer.write(event);
            gzip_writer.write(event);
        }
        plain_writer.close();
        gzip_writer.close();
        plain_bytes_ = fs::file_size(plain_);
    }

    fs::path directory_;
    fs::path plain_;
    fs::path gzip_;
    std::uint64_t plain_bytes_ = 0;
};

//! Read the whole file, touching every event; returns the event count.
std::int64_t read_all(const fs::path& path, benchmark::State& state)
{
    umbra::lhe::Reader reader(path);
    Event event;
    std::int64_t events = 0;
    double weight_sum = 0, px_sum = 0;
    while (reader.next(event))
    {
        ++events;
        weight_sum += event.weight;
        for (const auto& p : event.particles) px_sum += p.px;
    }
    benchmark::DoNotOptimize(weight_sum);
    benchmark::DoNotOptimize(px_sum);
    if (events != sample_events)
    {
        state.SkipWithError("wrong number of events read back");
    }
    return events;
}

void read_benchmark(benchmark::State& state, const fs::path& path)
{
    auto& samples = Samples::instance();
    std::int64_t events = 0;
    for (auto _ : state) events += read_all(path, state);
    state.SetItemsProcessed(events);
    // Uncompressed LHE text per second, for both inputs.
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(samples.plain_bytes()));
    state.counters["file_MB"] =
        benchmark::Counter(static_cast<double>(fs::file_size(path)) / 1e6);
}

void BM_LheReadPlain(benchmark::State& state)
{
    read_benchmark(state, Samples::instance().plain());
}

void BM_LheReadGzip(benchmark::State& state)
{
    read_benchmark(state, Samples::instance().gzip());
}

//! state.range(0): 0 = NumberStyle::shortest (lossless default), 1 = NumberStyle::madgraph.
void BM_LheWritePlain(benchmark::State& state)
{
    const auto style = state.range(0) == 0 ? umbra::lhe::NumberStyle::shortest : umbra::lhe::NumberStyle::madgraph;
    state.SetLabel(state.range(0) == 0 ? "shortest" : "madgraph");
    const auto& samples = Samples::instance();
    // Events are made before timing: a pool of distinct events, written in turn.
    constexpr std::size_t pool_size = write_pool_size;
    std::vector<Event> pool(pool_size);
    for (std::size_t i = 0; i < pool.size(); ++i) generator().generate(i, pool[i]);
    const auto info = generator().run_info();
    const auto path = samples.directory() / "write.lhe";

    std::int64_t events = 0;
    for (auto _ : state)
    {
        umbra::lhe::Writer writer(path, info, umbra::Compression::automatic, style);
        for (std::int64_t i = 0; i < sample_events; ++i)
        {
            writer.write(pool[static_cast<std::size_t>(i) % pool_size]);
        }
        writer.close();
        events += static_cast<std::int64_t>(writer.events_written());
    }
    state.SetItemsProcessed(events);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(fs::file_size(path)));
    std::error_code ignored;
    fs::remove(path, ignored);
}
}  // namespace

BENCHMARK(BM_LheReadPlain)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_LheReadGzip)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_LheWritePlain)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
