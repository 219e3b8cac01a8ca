//! Cost of the ECal readout look-ups the transport makes per Si step: point -> cell id
//! (locate), point -> module (silicon or gap), ray -> next module edge, id -> position.
//! Points are uniform over the flower's bounding box (≈ 65 % in silicon), or inside
//! module 0 only; layers alternate even/odd.
//!
//!   build/bench/EcalHexReadoutBenchmark

#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"

namespace
{
constexpr std::size_t pool = 4096;  // power of two

struct Sample
{
    int layer;
    double x, y, ux, uy;
};

std::vector<Sample> samples(double half_x, double half_y)
{
    umbra::RandomStream rng({1, umbra::StreamId::test, 0});
    std::vector<Sample> s(pool);
    for (std::size_t i = 0; i < pool; ++i)
    {
        const double angle = rng.uniform(0, 2 * std::numbers::pi);
        s[i] = {static_cast<int>(i % 2), rng.uniform(-half_x, half_x), rng.uniform(-half_y, half_y),
                std::cos(angle), std::sin(angle)};
    }
    return s;
}

const umbra::geometry::EcalHexReadout& readout()
{
    static const umbra::geometry::EcalHexReadout r;
    return r;
}

void BM_LocateFlower(benchmark::State& state)
{
    const auto& r = readout();
    const auto s = samples(260, 250);
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto& p = s[i++ & (pool - 1)];
        benchmark::DoNotOptimize(r.locate(p.layer, p.x, p.y));
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_LocateInsideModule(benchmark::State& state)
{
    const auto& r = readout();
    const auto s = samples(70, 60);
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto& p = s[i++ & (pool - 1)];
        benchmark::DoNotOptimize(r.locate(0, p.x, p.y));
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_IsInsideModule(benchmark::State& state)
{
    const auto& r = readout();
    const auto s = samples(260, 250);
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto& p = s[i++ & (pool - 1)];
        benchmark::DoNotOptimize(r.is_inside_module(p.layer, p.x, p.y));
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_DistanceToModuleBoundary(benchmark::State& state)
{
    const auto& r = readout();
    const auto s = samples(260, 250);
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto& p = s[i++ & (pool - 1)];
        benchmark::DoNotOptimize(r.distance_to_module_boundary(p.layer, p.x, p.y, p.ux, p.uy));
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_CellCentre(benchmark::State& state)
{
    const auto& r = readout();
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto id = umbra::geometry::EcalId::from_dense_index(static_cast<int>((i++ * 7919) % 102816));
        benchmark::DoNotOptimize(r.cell_centre(id));
    }
    state.SetItemsProcessed(state.iterations());
}
}  // namespace

BENCHMARK(BM_LocateFlower);
BENCHMARK(BM_LocateInsideModule);
BENCHMARK(BM_IsInsideModule);
BENCHMARK(BM_DistanceToModuleBoundary);
BENCHMARK(BM_CellCentre);

namespace
{
void BM_Construct(benchmark::State& state)
{
    for (auto _ : state)
    {
        umbra::geometry::EcalHexReadout r;
        benchmark::DoNotOptimize(r.cells_per_module());
    }
}
}  // namespace
BENCHMARK(BM_Construct)->Unit(benchmark::kMillisecond);
