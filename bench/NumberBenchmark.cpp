//! The per-number cost that bounds LHE reading and writing: umbra's exact
//! parser and %e formatter against the standard library on MadGraph-style
//! tokens ("%+.10e", magnitudes 1e-3..1e3).
//!
//!   build/bench/NumberBenchmark

#include <benchmark/benchmark.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "umbra/core/RandomStream.hpp"
#include "umbra/lhe/detail/NumberFormatter.hpp"
#include "umbra/lhe/detail/NumberParser.hpp"

namespace
{
constexpr std::size_t pool = 4096;  // power of two

std::vector<double> values()
{
    umbra::RandomStream rng({1, umbra::StreamId::test, 0});
    std::vector<double> v(pool);
    for (auto& x : v) x = (rng.uniform() < 0.5 ? -1 : 1) * std::pow(10.0, rng.uniform(-3, 3));
    return v;
}

std::vector<std::string> tokens()
{
    std::vector<std::string> t;
    for (double x : values())
    {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%+.10e", x);
        t.emplace_back(buffer);
    }
    return t;
}

void BM_ParseUmbra(benchmark::State& state)
{
    const auto t = tokens();
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto& token = t[i++ & (pool - 1)];
        const char* p = token.data();
        double value;
        benchmark::DoNotOptimize(umbra::lhe::detail::parse_double(p, token.data() + token.size(), value));
        benchmark::DoNotOptimize(value);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_ParseFromChars(benchmark::State& state)  // libstdc++ 12: fast_float (Lemire 2021)
{
    const auto t = tokens();
    std::size_t i = 0;
    for (auto _ : state)
    {
        const auto& token = t[i++ & (pool - 1)];
        const char* begin = token.data() + (token[0] == '+');
        double value;
        benchmark::DoNotOptimize(std::from_chars(begin, token.data() + token.size(), value));
        benchmark::DoNotOptimize(value);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_ParseStrtod(benchmark::State& state)
{
    const auto t = tokens();
    std::size_t i = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(std::strtod(t[i++ & (pool - 1)].c_str(), nullptr));
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_FormatUmbra(benchmark::State& state)
{
    const auto v = values();
    char buffer[64];
    std::size_t i = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(umbra::lhe::detail::format_scientific(buffer, v[i++ & (pool - 1)], 10, true));
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_FormatToChars(benchmark::State& state)
{
    const auto v = values();
    char buffer[64];
    std::size_t i = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(
            std::to_chars(buffer, buffer + 64, v[i++ & (pool - 1)], std::chars_format::scientific, 10));
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_FormatToCharsShortest(benchmark::State& state)
{
    const auto v = values();
    char buffer[64];
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(std::to_chars(buffer, buffer + 64, v[i++ & (pool - 1)]));
    state.SetItemsProcessed(state.iterations());
}

void BM_FormatSnprintf(benchmark::State& state)
{
    const auto v = values();
    char buffer[64];
    std::size_t i = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(std::snprintf(buffer, sizeof buffer, "%+.10e", v[i++ & (pool - 1)]));
    }
    state.SetItemsProcessed(state.iterations());
}
}  // namespace

BENCHMARK(BM_ParseUmbra);
BENCHMARK(BM_ParseFromChars);
BENCHMARK(BM_ParseStrtod);
BENCHMARK(BM_FormatUmbra);
BENCHMARK(BM_FormatToChars);
BENCHMARK(BM_FormatToCharsShortest);
BENCHMARK(BM_FormatSnprintf);
