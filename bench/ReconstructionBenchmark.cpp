//! Cost of reconstruction per event (issue target: reconstruction + veto variables
//! >= 10 000 events/s per core for 8 GeV-electron-like events). Setup simulates 32 full
//! 8 GeV beam events (ldmx-8gev-upstream-tagger preset, v14) once; the benchmark then
//! reconstructs them in turn: ECal digitisation with noise and noise hits, rec hits, HCal
//! rec hits, ECal veto variables (containment, isolation, MIP tracking) and the HCal veto.
//!
//!   build/bench/ReconstructionBenchmark

#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"
#include "umbra/reco/EventReconstructor.hpp"
#include "umbra/sim/BeamSource.hpp"
#include "umbra/sim/PhysicsTables.hpp"
#include "umbra/sim/Transporter.hpp"

namespace
{
struct Events
{
    std::shared_ptr<const umbra::geometry::DetectorGeometry> geometry =
        umbra::geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    std::vector<umbra::sim::SimEvent> events;
    Events()
    {
        using namespace umbra;
        const auto tables = std::make_shared<const sim::PhysicsTables>(*geometry, sim::PhysicsConfig{});
        sim::Transporter transporter(geometry, tables, std::make_shared<const geometry::EcalHexReadout>(),
                                     sim::TransportConfig{});
        sim::BeamSource beam(sim::BeamSource::preset("ldmx-8gev-upstream-tagger"));
        for (std::uint64_t e = 0; e < 32; ++e)
        {
            RandomStream primaries({.seed = 1, .stream = StreamId::primaries, .event = e});
            RandomStream rng({.seed = 1, .stream = StreamId::simulation, .event = e});
            events.push_back(transporter.simulate(e, beam.primaries(e, primaries), rng));
        }
    }
};

const Events& events()
{
    static const Events instance;
    return instance;
}

void BM_ReconstructBeamEvent(benchmark::State& state)
{
    const auto& sample = events();
    const umbra::reco::EventReconstructor reconstructor(*sample.geometry, umbra::reco::ReconstructionConfig{});
    std::size_t i = 0;
    double hits = 0;
    for (auto _ : state)
    {
        auto reco = reconstructor.reconstruct(sample.events[i++ % sample.events.size()], 1);
        hits += reco.ecal_veto.n_readout_hits;
        benchmark::DoNotOptimize(reco);
    }
    state.counters["readout_hits"] = benchmark::Counter(hits / static_cast<double>(state.iterations()));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReconstructBeamEvent)->Unit(benchmark::kMicrosecond);

void BM_VetoVariablesOnly(benchmark::State& state)
{
    const auto& sample = events();
    const umbra::reco::EventReconstructor reconstructor(*sample.geometry, umbra::reco::ReconstructionConfig{});
    std::vector<umbra::reco::RecoEvent> reco;
    for (const auto& e : sample.events) reco.push_back(reconstructor.reconstruct(e, 1));
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto& e = sample.events[i % sample.events.size()];
        auto veto = reconstructor.ecal_veto().compute(reco[i % reco.size()].ecal_hits, umbra::reco::RecoilTruth::find(e));
        ++i;
        benchmark::DoNotOptimize(veto);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VetoVariablesOnly)->Unit(benchmark::kMicrosecond);
}  // namespace
