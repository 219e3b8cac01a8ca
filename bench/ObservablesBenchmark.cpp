//! Cost of the full substructure observable set per event (issue target: ≥ 5000 events/s
//! per core for ~100 hits). Synthetic two-prong showers: a 5 GeV ALP from the target
//! decaying at z ≈ 300–450 mm into e⁺e⁻ (energy sharing 0.1–0.9, opening 0.02–0.12 rad) whose
//! prongs deposit in the LDMX-like layers downstream with a lateral spread growing with
//! depth, on an 8.5 mm cell grid (deposits in the same cell and layer summed), plus a soft
//! recoil-electron shower 60–100 mm to the side (one hit in eight). The parts are timed
//! alone too (FastJet inclusive clustering of all hits; ECFs of the leading jet).
//!
//!   build/bench/ObservablesBenchmark
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "umbra/analysis/EnergyCorrelators.hpp"
#include "umbra/analysis/EventObservables.hpp"
#include "umbra/analysis/FullObservableSet.hpp"
#include "umbra/analysis/SeedObservables.hpp"
#include "umbra/analysis/JetClustering.hpp"
#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/analysis/ShowerParticles.hpp"

namespace
{
using umbra::analysis::ShowerHit;

std::vector<ShowerHit> two_prong_shower(std::mt19937_64& rng, std::size_t n_hits)
{
    std::normal_distribution<double> gauss(0, 1);
    std::uniform_real_distribution<double> uniform(0, 1);
    std::exponential_distribution<double> expo(1);
    const double energy = 5000, share = 0.1 + 0.8 * uniform(rng), opening = 0.02 + 0.1 * uniform(rng);
    const double z_vertex = 300 + 150 * uniform(rng);
    const double ax = 0.01 * gauss(rng), ay = 0.01 * gauss(rng), phi = 6.2832 * uniform(rng);
    const double tx[2] = {ax + (1 - share) * opening * std::cos(phi), ax - share * opening * std::cos(phi)};
    const double ty[2] = {ay + (1 - share) * opening * std::sin(phi), ay - share * opening * std::sin(phi)};
    const double recoil_x = 60 + 40 * uniform(rng);
    const int first = static_cast<int>(std::ceil((z_vertex - 247.4) / 15.8));
    constexpr double cell = 8.5;
    std::map<std::tuple<int, long, long>, ShowerHit> cells;
    while (cells.size() < n_hits)
    {
        ShowerHit hit;
        if (uniform(rng) < 0.125)
        {
            hit.layer = static_cast<int>(12 * uniform(rng));
            hit.x_mm = recoil_x + 6 * gauss(rng);
            hit.y_mm = 6 * gauss(rng);
            hit.energy_MeV = 3 * expo(rng);
        }
        else
        {
            const int prong = uniform(rng) < share ? 0 : 1;
            hit.layer = std::min(33, first + static_cast<int>(8 * expo(rng) * uniform(rng) + 5 * uniform(rng)));
            const double depth = 247.4 + 15.8 * hit.layer - z_vertex;
            const double spread = 1 + 0.1 * depth;
            hit.x_mm = ax * z_vertex + tx[prong] * depth + spread * gauss(rng);
            hit.y_mm = ay * z_vertex + ty[prong] * depth + spread * gauss(rng);
            hit.energy_MeV = 30 * expo(rng);
        }
        hit.z_mm = 247.4 + 15.8 * hit.layer;
        const auto key = std::make_tuple(hit.layer, std::lround(hit.x_mm / cell), std::lround(hit.y_mm / cell));
        auto [it, inserted] = cells.try_emplace(key, hit);
        if (!inserted)
        {
            it->second.energy_MeV += hit.energy_MeV;
            continue;
        }
        it->second.x_mm = cell * static_cast<double>(std::get<1>(key));
        it->second.y_mm = cell * static_cast<double>(std::get<2>(key));
    }
    std::vector<ShowerHit> hits;
    for (const auto& [key, hit] : cells) hits.push_back(hit);
    return hits;
}

const std::vector<std::vector<ShowerHit>>& events(std::size_t n_hits)
{
    static std::map<std::size_t, std::vector<std::vector<ShowerHit>>> cache;
    auto& list = cache[n_hits];
    if (list.empty())
    {
        std::mt19937_64 rng(n_hits);
        for (int i = 0; i < 64; ++i) list.push_back(two_prong_shower(rng, n_hits));
    }
    return list;
}

void BM_FullObservableSet(benchmark::State& state)
{
    const auto& list = events(static_cast<std::size_t>(state.range(0)));
    const umbra::analysis::FullObservableSet set;
    std::vector<double> row(set.names().size());
    const auto n_column = static_cast<std::size_t>(
        std::find(set.names().begin(), set.names().end(), "jet1_n_constituents") - set.names().begin());
    std::size_t i = 0, constituents = 0;
    for (auto _ : state)
    {
        set.compute(list[i++ % list.size()], {0, 0, 0}, row);
        benchmark::DoNotOptimize(row.data());
        constituents += static_cast<std::size_t>(row[n_column]);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["leading_jet_particles"] =
        static_cast<double>(constituents) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_FullObservableSet)->Arg(100)->Arg(300)->Unit(benchmark::kMicrosecond);

//! The seed workflow's two jet observables (η–φ histogram, two FastJet clusterings).
void BM_SeedObservables(benchmark::State& state)
{
    const auto& list = events(static_cast<std::size_t>(state.range(0)));
    const umbra::analysis::SeedObservables seed;
    std::size_t i = 0;
    for (auto _ : state)
    {
        auto values = seed.compute(list[i++ % list.size()]);
        benchmark::DoNotOptimize(values);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SeedObservables)->Arg(100)->Arg(300)->Unit(benchmark::kMicrosecond);

//! Everything `umbra observables --set all` computes per event (seed + full set).
void BM_AllObservables(benchmark::State& state)
{
    const auto& list = events(static_cast<std::size_t>(state.range(0)));
    const umbra::analysis::EventObservables all(umbra::analysis::EventObservables::Config{});
    std::vector<double> row(all.names().size());
    std::size_t i = 0;
    for (auto _ : state)
    {
        all.compute(list[i++ % list.size()], {}, {0, 0, 0}, row);
        benchmark::DoNotOptimize(row.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AllObservables)->Arg(100)->Arg(300)->Unit(benchmark::kMicrosecond);

void BM_InclusiveJetsFastJet(benchmark::State& state)
{
    const auto& list = events(static_cast<std::size_t>(state.range(0)));
    const umbra::analysis::JetClustering clustering;
    std::vector<fastjet::PseudoJet> particles;
    std::size_t i = 0;
    for (auto _ : state)
    {
        umbra::analysis::ShowerParticles::make(list[i++ % list.size()], {0, 0, 0}, particles);
        benchmark::DoNotOptimize(clustering.inclusive_jets(particles));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InclusiveJetsFastJet)->Arg(100)->Arg(300)->Unit(benchmark::kMicrosecond);

void BM_EnergyCorrelatorsAllHits(benchmark::State& state)
{
    const auto& list = events(static_cast<std::size_t>(state.range(0)));
    std::vector<umbra::analysis::JetConstituents> jets(list.size());
    for (std::size_t k = 0; k < list.size(); ++k)
    {
        jets[k].assign(umbra::analysis::ShowerParticles()(list[k], {0, 0, 0}));
    }
    const umbra::analysis::EnergyCorrelators correlators(1);
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(correlators.with_doubled_beta(jets[i++ % jets.size()]));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EnergyCorrelatorsAllHits)->Arg(100)->Arg(300)->Unit(benchmark::kMicrosecond);
}  // namespace
