//! Throughput of the VEGAS integrator (umbra::gen::VegasIntegrator): integrand
//! evaluations per second, warm-up and grid refinement included, for Lepage's
//! 4-D Gaussian test integrand (a = 0.1) and for a trivial integrand (the
//! integrator's own overhead: random numbers, grid map, training sums), at 1
//! and 2 threads; and points per second drawn from a frozen grid, as the
//! generator will do.
//!
//!   build/bench/VegasBenchmark

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <numbers>
#include <span>

#include "umbra/core/RandomStream.hpp"
#include "umbra/gen/VegasIntegrator.hpp"

namespace
{
using umbra::gen::VegasIntegrator;

//! (a sqrt(pi))^-4 exp(-sum (x_i - 1/2)^2 / a^2), a = 0.1 (Lepage 1978).
double gaussian_4d(std::span<const double> x)
{
    constexpr double a = 0.1;
    const double norm = 1 / std::pow(a * std::sqrt(std::numbers::pi), 4);
    double r2 = 0;
    for (const double v : x) r2 += (v - 0.5) * (v - 0.5);
    return norm * std::exp(-r2 / (a * a));
}

double trivial(std::span<const double> x) { return x[0]; }

void integrate(benchmark::State& state, const VegasIntegrator::Integrand& f)
{
    const VegasIntegrator::Config config{.calls_per_iteration = 200000,
                                         .warmup_iterations = 2,
                                         .iterations = 3,
                                         .threads = static_cast<unsigned>(state.range(0))};
    double evaluations = 0;
    for (auto _ : state)
    {
        VegasIntegrator vegas(4, config);
        const auto result = vegas.integrate(f);
        benchmark::DoNotOptimize(result.value);
        evaluations += static_cast<double>(result.total_calls);
    }
    state.counters["evals/s"] = benchmark::Counter(evaluations, benchmark::Counter::kIsRate);
}

void BM_VegasGaussian4D(benchmark::State& state) { integrate(state, gaussian_4d); }
void BM_VegasTrivial4D(benchmark::State& state) { integrate(state, trivial); }

void BM_VegasGridSample4D(benchmark::State& state)
{
    VegasIntegrator vegas(4, {.calls_per_iteration = 20000, .warmup_iterations = 5, .iterations = 1});
    vegas.integrate(gaussian_4d);
    const umbra::gen::VegasGrid grid = vegas.grid();
    umbra::RandomStream rng({1, umbra::StreamId::test, 0});
    std::array<double, 4> x{};
    for (auto _ : state)
    {
        const double jacobian = grid.sample(rng, x);
        benchmark::DoNotOptimize(jacobian);
        benchmark::DoNotOptimize(x);
    }
    state.counters["points/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}
}  // namespace

BENCHMARK(BM_VegasGaussian4D)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VegasTrivial4D)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VegasGridSample4D);
