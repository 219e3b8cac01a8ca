//! Cost of the physics Params of the EM transport: building all tables for the v14
//! detector (11 materials), and the lookups the stepping loop makes per step.
//!
//!   build/bench/PhysicsTablesBenchmark

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "umbra/core/Units.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/PhysicsTables.hpp"

using namespace umbra;
using namespace umbra::sim;

namespace
{
const geometry::DetectorGeometry& v14()
{
    static const auto geometry = geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    return *geometry;
}

const PhysicsTables& tables()
{
    static const PhysicsTables t(v14(), PhysicsConfig{});
    return t;
}

//! 1024 log-uniform energies in [10 keV, 8 GeV], so lookups hit different bins.
const std::vector<double>& energies()
{
    static const std::vector<double> e = [] {
        std::vector<double> v(1024);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = 10 * units::keV * std::pow(8e5, static_cast<double>((i * 389) % v.size()) / v.size());
        return v;
    }();
    return e;
}

//! Whole v14 build with `threads` threads (arg).
void BM_BuildV14(benchmark::State& state)
{
    PhysicsConfig config;
    config.threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(PhysicsTables(v14(), config));
}
BENCHMARK(BM_BuildV14)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

template <typename Lookup>
void run_lookups(benchmark::State& state, Lookup lookup)
{
    const auto& e = energies();
    std::size_t i = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(lookup(e[i]));
        i = (i + 1) & 1023;
    }
    state.SetItemsProcessed(state.iterations());
}

const int tungsten = v14().find_material("G4_W");
const int fr4 = v14().find_material("FR4");

void BM_Dedx(benchmark::State& state)
{
    run_lookups(state, [](double e) { return tables().dedx(ParticleKind::electron, tungsten, e); });
}
void BM_Range(benchmark::State& state)
{
    run_lookups(state, [](double e) { return tables().range(ParticleKind::electron, tungsten, e); });
}
void BM_EnergyFromRange(benchmark::State& state)
{
    run_lookups(state, [](double e) { return tables().energy_from_range(ParticleKind::electron, tungsten, e * 1e-3); });
}
void BM_CrossSectionBrem(benchmark::State& state)
{
    run_lookups(state,
                [](double e) { return tables().cross_section(ProcessId::bremsstrahlung, ParticleKind::electron, tungsten, e); });
}
void BM_TotalCrossSectionElectron(benchmark::State& state)
{
    run_lookups(state, [](double e) { return tables().total_cross_section(ParticleKind::electron, tungsten, e); });
}
void BM_TotalCrossSectionGamma(benchmark::State& state)
{
    run_lookups(state, [](double e) { return tables().total_cross_section(ParticleKind::gamma, tungsten, e); });
}
void BM_MaxTotalCrossSectionBelow(benchmark::State& state)
{
    run_lookups(state,
                [](double e) { return tables().max_total_cross_section_below(ParticleKind::electron, tungsten, e, 0.8 * e); });
}
void BM_SampleElementFr4Brem(benchmark::State& state)
{
    run_lookups(state, [](double e) {
        return tables().sample_element(ProcessId::bremsstrahlung, ParticleKind::electron, fr4, e, 0.37);
    });
}
BENCHMARK(BM_Dedx);
BENCHMARK(BM_Range);
BENCHMARK(BM_EnergyFromRange);
BENCHMARK(BM_CrossSectionBrem);
BENCHMARK(BM_TotalCrossSectionElectron);
BENCHMARK(BM_TotalCrossSectionGamma);
BENCHMARK(BM_MaxTotalCrossSectionBelow);
BENCHMARK(BM_SampleElementFr4Brem);
}  // namespace
