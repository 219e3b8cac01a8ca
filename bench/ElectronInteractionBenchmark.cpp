//! Cost of the e+- discrete-interaction kernels (umbra::sim::Bremsstrahlung,
//! MollerBhabhaScattering, PositronAnnihilation): ns per call of the
//! bremsstrahlung DCS, cross-section above the cut, restricted energy loss and
//! final-state sampling (W with LPM at 8 GeV, Si at 100 MeV), delta-ray and
//! annihilation sampling.
//!
//!   build/bench/ElectronInteractionBenchmark

#include <benchmark/benchmark.h>

#include "umbra/core/Constants.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/Bremsstrahlung.hpp"
#include "umbra/sim/MollerBhabhaScattering.hpp"
#include "umbra/sim/PositronAnnihilation.hpp"

namespace
{
using namespace umbra;
using namespace umbra::sim;

//! Tungsten (range 0) or silicon (range 1): element, medium, kinetic energy, cut.
struct BremCase
{
    BremsstrahlungElement element;
    BremsstrahlungMedium medium;
    double kinetic_energy;
    double cut;
};

BremCase brem_case(std::int64_t which)
{
    const auto medium = [](int z, double a, double density, double x0)
    {
        const double atoms = density * units::g_per_cm3 * constants::avogadro / a;
        return BremsstrahlungMedium{.electron_density = atoms * z, .radiation_length = x0 / density * units::cm};
    };
    if (which == 0) return {BremsstrahlungElement(74), medium(74, 183.84, 19.3, 6.76), 8 * units::GeV, 1 * units::MeV};
    return {BremsstrahlungElement(14), medium(14, 28.0855, 2.329, 21.82), 100 * units::MeV, 10 * units::keV};
}

void BM_BremConstruct(benchmark::State& state)
{
    const BremCase c = brem_case(state.range(0));
    double t = c.kinetic_energy;
    for (auto _ : state)
    {
        const Bremsstrahlung brem(c.element, c.medium, t);
        benchmark::DoNotOptimize(brem.lpm_active());
    }
}

void BM_BremDifferentialCrossSection(benchmark::State& state)
{
    const BremCase c = brem_case(state.range(0));
    const Bremsstrahlung brem(c.element, c.medium, c.kinetic_energy);
    double k = c.cut;
    const double step = 1.0001;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(brem.differential_cross_section(k));
        k = k * step < c.kinetic_energy ? k * step : c.cut;
    }
}

void BM_BremCrossSection(benchmark::State& state)
{
    const BremCase c = brem_case(state.range(0));
    const Bremsstrahlung brem(c.element, c.medium, c.kinetic_energy);
    for (auto _ : state) benchmark::DoNotOptimize(brem.cross_section(c.cut));
}

void BM_BremRestrictedLoss(benchmark::State& state)
{
    const BremCase c = brem_case(state.range(0));
    const Bremsstrahlung brem(c.element, c.medium, c.kinetic_energy);
    for (auto _ : state) benchmark::DoNotOptimize(brem.restricted_energy_loss(c.cut));
}

void BM_BremSampleFinalState(benchmark::State& state)
{
    const BremCase c = brem_case(state.range(0));
    const Bremsstrahlung brem(c.element, c.medium, c.kinetic_energy);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    const ThreeVector direction{0, 0, 1};
    for (auto _ : state) benchmark::DoNotOptimize(brem.sample(c.cut, direction, rng));
}

void BM_DeltaRaySample(benchmark::State& state)
{
    const Lepton lepton = state.range(0) == 0 ? Lepton::electron : Lepton::positron;
    const MollerBhabhaScattering scattering(lepton, 1 * units::GeV);
    RandomStream rng({.seed = 2, .stream = StreamId::test, .event = 0});
    const ThreeVector direction{0, 0, 1};
    for (auto _ : state) benchmark::DoNotOptimize(scattering.sample(1 * units::MeV, direction, rng));
}

void BM_DeltaRayCrossSection(benchmark::State& state)
{
    const MollerBhabhaScattering scattering(Lepton::electron, 1 * units::GeV);
    for (auto _ : state) benchmark::DoNotOptimize(scattering.cross_section(1 * units::MeV));
}

void BM_AnnihilationSample(benchmark::State& state)
{
    const PositronAnnihilation annihilation(static_cast<double>(state.range(0)) * units::MeV);
    RandomStream rng({.seed = 3, .stream = StreamId::test, .event = 0});
    const ThreeVector direction{0, 0, 1};
    for (auto _ : state) benchmark::DoNotOptimize(annihilation.sample(direction, rng));
}
}  // namespace

BENCHMARK(BM_BremConstruct)->Arg(0)->Arg(1);
BENCHMARK(BM_BremDifferentialCrossSection)->Arg(0)->Arg(1);
BENCHMARK(BM_BremCrossSection)->Arg(0)->Arg(1);
BENCHMARK(BM_BremRestrictedLoss)->Arg(0)->Arg(1);
BENCHMARK(BM_BremSampleFinalState)->Arg(0)->Arg(1);
BENCHMARK(BM_DeltaRaySample)->Arg(0)->Arg(1);
BENCHMARK(BM_DeltaRayCrossSection);
BENCHMARK(BM_AnnihilationSample)->Arg(0)->Arg(10);
