//! Cost of the continuous-process kernels of the condensed-history EM transport:
//! one multiple-scattering sample (Urban model) and one energy-loss fluctuation
//! sample (Urban / G4UniversalFluctuation model).
//!
//!   build/bench/ContinuousProcessBenchmark

#include <benchmark/benchmark.h>

#include "umbra/core/Constants.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/EnergyLossFluctuation.hpp"
#include "umbra/sim/MultipleScattering.hpp"

using namespace umbra;
using namespace umbra::sim;

namespace
{
ElementDensity element(int z, double density_g_cm3, double molar_mass)
{
    return {z, density_g_cm3 * units::g_per_cm3 * constants::avogadro / molar_mass, molar_mass};
}
const ElementDensity tungsten[] = {element(74, 19.30, 183.84)};
const ElementDensity silicon[] = {element(14, 2.329, 28.0855)};

//! Deflection + displacement for one step of 0.1 X0 of W, 1 GeV e-.
void BM_MscSampleScatteringTungsten1GeV(benchmark::State& state)
{
    const MultipleScattering msc(make_msc_material_data(tungsten), {.mass = constants::electron_mass, .charge = -1});
    const double energy = 1 * units::GeV;
    const auto step = msc.true_to_geom(0.1 * msc.material().radiation_length, energy, 1e9, energy);
    RandomStream rng({1, StreamId::test, 0});
    for (auto _ : state) benchmark::DoNotOptimize(msc.sample_scattering(step, energy, 1e9, rng));
    state.SetItemsProcessed(state.iterations());
}

//! The whole MSC part of a step: limit, t->z, deflection + displacement (10 MeV e- in Si,
//! with energy loss along the step).
void BM_MscFullStepSilicon10MeV(benchmark::State& state)
{
    const MultipleScattering msc(make_msc_material_data(silicon), {.mass = constants::electron_mass, .charge = -1});
    const double energy = 10 * units::MeV;
    const double range = 25 * units::mm;
    RandomStream rng({2, StreamId::test, 0});
    MscTrackState track;
    for (auto _ : state)
    {
        const double t = msc.limit_step(energy, range, 0.5, 1e9, MscStepStart::interior, track, rng);
        const double end_energy = energy * (1 - 0.5 * t / range);
        const auto step = msc.true_to_geom(t, energy, range, end_energy);
        benchmark::DoNotOptimize(msc.sample_scattering(step, end_energy, 0.5, rng));
    }
    state.SetItemsProcessed(state.iterations());
}

FluctuationInput muon_input(double length, double mean_loss, double cut)
{
    const double energy = 4 * units::GeV;
    const double t_max = EnergyLossFluctuation::max_energy_transfer(energy, constants::muon_mass, Projectile::heavy);
    return {.mean_loss = mean_loss, .step_length = length, .kinetic_energy = energy, .mass = constants::muon_mass,
            .charge = -1, .cut_energy = cut, .max_energy_transfer = t_max};
}

void run_fluctuation(benchmark::State& state, const FluctuationInput& input)
{
    const auto data = make_fluctuation_material_data(silicon, 173 * units::eV);
    const EnergyLossFluctuation fluctuate;
    RandomStream rng({3, StreamId::test, 0});
    for (auto _ : state) benchmark::DoNotOptimize(fluctuate(data, input, rng));
    state.SetItemsProcessed(state.iterations());
}

//! 4 GeV mu through a 300 um Si sensor, T_cut = 0.5 MeV (mean 105.7 keV).
void BM_FluctuationMipSilicon300um(benchmark::State& state)
{
    run_fluctuation(state, muon_input(0.3 * units::mm, 0.1057 * units::MeV, 0.5 * units::MeV));
}

//! 4 GeV mu, 1 cm Si, T_cut = 1 MeV (thick: Gaussian sums dominate).
void BM_FluctuationThickSilicon1cm(benchmark::State& state)
{
    run_fluctuation(state, muon_input(10 * units::mm, 3.63 * units::MeV, 1 * units::MeV));
}

//! 1 GeV e-, 10 um Si step, T_cut = 0.1 MeV (thin: few collisions, Poisson sampling).
void BM_FluctuationElectronThinStep(benchmark::State& state)
{
    run_fluctuation(state, {.mean_loss = 3.3 * units::keV, .step_length = 0.01 * units::mm,
                            .kinetic_energy = 1 * units::GeV, .mass = constants::electron_mass, .charge = -1,
                            .cut_energy = 0.1 * units::MeV, .max_energy_transfer = 0.5 * units::GeV});
}
}  // namespace

BENCHMARK(BM_MscSampleScatteringTungsten1GeV);
BENCHMARK(BM_MscFullStepSilicon10MeV);
BENCHMARK(BM_FluctuationMipSilicon300um);
BENCHMARK(BM_FluctuationThickSilicon1cm);
BENCHMARK(BM_FluctuationElectronThinStep);
