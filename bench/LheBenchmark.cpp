//! \file
//! LHE read/write throughput (targets of the LHE I/O issue; results and the
//! commands that made them in bench/RESULTS.md):
//!
//!   BM_LheReadPlain   100 000-event .lhe, every field parsed into lhe::Event
//!                     (target: >= 1 million events/s per core)
//!   BM_LheReadGzip    the same events as .lhe.gz
//!   BM_LheWritePlain  100 000 events written uncompressed (target: >= 500 000 events/s)
//!
//! The sample is MadGraph-like e- N -> e- N a, a -> e+ e- (7 particles per
//! event, ALP 622, nucleus 623), built here with a small LCG so that every
//! event has different numbers of 10-17 significant digits. It is written
//! once, at first use, with lhe::Writer into a temporary directory that is
//! removed at exit. Not physics: the kinematics only have realistic sizes.
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
#include "umbra/lhe/LorentzVector.hpp"
#include "umbra/lhe/Reader.hpp"
#include "umbra/lhe/RunInfo.hpp"
#include "umbra/lhe/Writer.hpp"

namespace
{
namespace fs = std::filesystem;
using umbra::lhe::Event;
using umbra::lhe::LorentzVector;
using umbra::lhe::Particle;
using umbra::lhe::RunInfo;

constexpr std::int64_t sample_events = 100'000;
constexpr int particles_per_event = 7;

// LHE values are in GeV.
constexpr double beam_energy = 8.0;           //!< incident e- [GeV]
constexpr double nucleus_mass = 171.3;        //!< tungsten-like nucleus (PDG 623) [GeV]
constexpr double alp_mass = 0.05;             //!< ALP (PDG 622) [GeV]
constexpr double electron_mass = 0.000510998950;  //!< [GeV] (CODATA 2018)
constexpr double two_pi = 6.283185307179586;

//! Knuth's MMIX 64-bit LCG; the top 53 bits give a double in [0, 1).
class Lcg
{
public:
    explicit Lcg(std::uint64_t seed) : state_(seed) {}
    double uniform() noexcept
    {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state_ >> 11) * 0x1.0p-53;
    }

private:
    std::uint64_t state_;
};

LorentzVector along(double momentum, double mass, double cos_theta, double phi)
{
    const double sin_theta = std::sqrt(std::max(0.0, 1 - cos_theta * cos_theta));
    return {momentum * sin_theta * std::cos(phi), momentum * sin_theta * std::sin(phi),
            momentum * cos_theta, std::sqrt(momentum * momentum + mass * mass)};
}

Particle make_particle(int pdg, int status, int mother1, int mother2, const LorentzVector& v,
                       double mass, double spin)
{
    Particle p;
    p.pdg = pdg;
    p.status = status;
    p.mother1 = mother1;
    p.mother2 = mother2;
    p.px = v.px;
    p.py = v.py;
    p.pz = v.pz;
    p.e = v.e;
    p.m = mass;
    p.spin = spin;
    return p;
}

RunInfo make_run_info()
{
    RunInfo info;
    info.header =
        "<header>\n"
        "<!-- umbra LheBenchmark: synthetic MadGraph-like sample, not physics -->\n"
        "</header>\n";
    info.init.beam_pdg = {11, 623};
    info.init.beam_energy = {beam_energy, 0.0};
    info.init.pdf_group = {0, 0};
    info.init.pdf_set = {0, 0};
    info.init.weighting_strategy = 3;
    info.init.processes.push_back({2.137841e-05, 3.1e-08, 2.137841e-05, 1});
    return info;
}

//! Fill `event` with the next MadGraph-like e- N -> e- N a, a -> e+ e- event.
void make_event(Lcg& rng, Event& event)
{
    event.clear();
    event.process_id = 1;
    event.weight = 2.137841e-05 * (1 + 1e-3 * (rng.uniform() - 0.5));
    event.scale = 8.0 * (0.9 + 0.2 * rng.uniform());
    event.alpha_qed = 0.007546771;
    event.alpha_qcd = 0.118;

    const LorentzVector beam{0, 0, beam_energy, beam_energy};
    const LorentzVector target{0, 0, 0, nucleus_mass};

    // ALP: hard energy fraction, forward angle of order m/E.
    const double alp_energy = beam_energy * (0.5 + 0.49 * rng.uniform());
    const double alp_momentum = std::sqrt(alp_energy * alp_energy - alp_mass * alp_mass);
    const double alp_theta = (alp_mass / alp_energy) * 3 * rng.uniform();
    const auto alp = along(alp_momentum, alp_mass, std::cos(alp_theta), two_pi * rng.uniform());

    // Recoil electron: the rest of the energy, angle of order m_e/E.
    const double electron_energy = std::max(beam_energy - alp_energy - 1e-3 * rng.uniform(), 0.01);
    const double electron_momentum =
        std::sqrt(electron_energy * electron_energy - electron_mass * electron_mass);
    const double electron_theta = 0.02 * rng.uniform();
    const auto electron =
        along(electron_momentum, electron_mass, std::cos(electron_theta), two_pi * rng.uniform());

    // Nucleus takes the momentum balance.
    const double qx = -alp.px - electron.px, qy = -alp.py - electron.py;
    const double qz = beam_energy - alp.pz - electron.pz;
    const LorentzVector nucleus{qx, qy, qz,
                                std::sqrt(qx * qx + qy * qy + qz * qz + nucleus_mass * nucleus_mass)};

    // a -> e+ e-, isotropic in the ALP rest frame.
    const double p_star = std::sqrt(alp_mass * alp_mass / 4 - electron_mass * electron_mass);
    const auto minus_rest = along(p_star, electron_mass, 2 * rng.uniform() - 1, two_pi * rng.uniform());
    const LorentzVector plus_rest{-minus_rest.px, -minus_rest.py, -minus_rest.pz, minus_rest.e};
    const auto decay_minus = minus_rest.boosted_from_rest_of(alp);
    const auto decay_plus = plus_rest.boosted_from_rest_of(alp);

    const double helicity = rng.uniform() < 0.5 ? -1.0 : 1.0;
    auto& p = event.particles;
    p.push_back(make_particle(11, -1, 0, 0, beam, 0.0, helicity));
    p.push_back(make_particle(623, -1, 0, 0, target, nucleus_mass, 9));
    p.push_back(make_particle(11, 1, 1, 2, electron, electron_mass, helicity));
    p.push_back(make_particle(623, 1, 1, 2, nucleus, nucleus_mass, 9));
    p.push_back(make_particle(622, 2, 1, 2, alp, alp_mass, 0));
    p.push_back(make_particle(11, 1, 5, 5, decay_minus, electron_mass, -1));
    p.push_back(make_particle(-11, 1, 5, 5, decay_plus, electron_mass, 1));
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
        const auto info = make_run_info();
        // MadGraph-style numbers (11 significant digits), as the target file.
        umbra::lhe::Writer plain_writer(plain_, info, umbra::Compression::automatic,
                                        umbra::lhe::NumberStyle::madgraph);
        umbra::lhe::Writer gzip_writer(gzip_, info, umbra::Compression::automatic,
                                       umbra::lhe::NumberStyle::madgraph);
        Lcg rng(20241123);
        Event event;
        for (std::int64_t i = 0; i < sample_events; ++i)
        {
            make_event(rng, event);
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
    constexpr std::size_t pool_size = 10'000;
    std::vector<Event> pool(pool_size);
    Lcg rng(7);
    for (auto& event : pool) make_event(rng, event);
    const auto info = make_run_info();
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
