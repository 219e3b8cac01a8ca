//! Cost of the photon interaction kernels (umbra::sim ComptonScattering,
//! PhotoelectricEffect, GammaConversion, GammaToMuonPair): ns per
//! cross-section evaluation (energies spread log-uniformly over the range of
//! interest, to defeat branch prediction on one value) and per sampled final
//! state (incident direction not along z, so the lab rotation is included).
//!
//!   build/bench/PhotonInteractionBenchmark

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/ComptonScattering.hpp"
#include "umbra/sim/GammaConversion.hpp"
#include "umbra/sim/GammaToMuonPair.hpp"
#include "umbra/sim/PhotoelectricEffect.hpp"

namespace
{
using namespace umbra;
using namespace umbra::sim;

constexpr std::size_t pool = 1024;  // power of two

//! `pool` energies log-uniform in [low, high) [MeV].
std::vector<double> energies(double low, double high)
{
    RandomStream rng({1, StreamId::test, 0});
    std::vector<double> v(pool);
    for (auto& e : v) e = low * std::pow(high / low, rng.uniform());
    return v;
}

const ThreeVector direction = ThreeVector{0.3, -0.4, 0.866}.unit();

void BM_ComptonCrossSection(benchmark::State& state)
{
    const ComptonScattering compton;
    const auto e = energies(0.01, 1e4);
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(compton.cross_section_per_atom(e[i++ & (pool - 1)], 74));
}
void BM_ComptonSample(benchmark::State& state)
{
    const ComptonScattering compton;
    const auto e = energies(0.01, 1e4);
    RandomStream rng({1, StreamId::test, 1});
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(compton.sample(e[i++ & (pool - 1)], direction, rng));
}
void BM_PhotoelectricCrossSection(benchmark::State& state)
{
    const PhotoelectricEffect photoelectric;
    const auto e = energies(0.001, 10);
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(photoelectric.cross_section_per_atom(e[i++ & (pool - 1)], 74));
}
void BM_PhotoelectricSample(benchmark::State& state)
{
    const PhotoelectricEffect photoelectric;
    const auto e = energies(0.001, 10);
    RandomStream rng({1, StreamId::test, 2});
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(photoelectric.sample(e[i++ & (pool - 1)], 74, direction, rng));
}
void BM_GammaConversionCrossSection(benchmark::State& state)
{
    const GammaConversion conversion;
    const auto e = energies(1.1, 1e5);
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(conversion.cross_section_per_atom(e[i++ & (pool - 1)], 74));
}
void BM_GammaConversionSample(benchmark::State& state)
{
    const GammaConversion conversion;
    const auto e = energies(1.1, 1e5);
    RandomStream rng({1, StreamId::test, 3});
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(conversion.sample(e[i++ & (pool - 1)], 74, direction, rng));
}
void BM_GammaToMuonPairCrossSection(benchmark::State& state)
{
    const GammaToMuonPair muons;
    const auto e = energies(250, 1e6);
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(muons.cross_section_per_atom(e[i++ & (pool - 1)], 74, 183.84));
}
void BM_GammaToMuonPairSample(benchmark::State& state)
{
    const GammaToMuonPair muons;
    const auto e = energies(250, 1e6);
    RandomStream rng({1, StreamId::test, 4});
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(muons.sample(e[i++ & (pool - 1)], 74, 183.84, direction, rng));
}
}  // namespace

BENCHMARK(BM_ComptonCrossSection);
BENCHMARK(BM_ComptonSample);
BENCHMARK(BM_PhotoelectricCrossSection);
BENCHMARK(BM_PhotoelectricSample);
BENCHMARK(BM_GammaConversionCrossSection);
BENCHMARK(BM_GammaConversionSample);
BENCHMARK(BM_GammaToMuonPairCrossSection);
BENCHMARK(BM_GammaToMuonPairSample);
