#include "umbra/analysis/NSubjettiness.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "umbra/analysis/detail/AngleKernels.hpp"
#include "umbra/analysis/detail/SimdKernels.hpp"
#include "umbra/analysis/detail/EeClusterer.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
detail::EeClusterer& clusterer(NSubjettiness::Axes axes)
{
    thread_local detail::EeClusterer kt({.measure = detail::EeClusterer::Measure::durham, .wta = false});
    thread_local detail::EeClusterer wta({.measure = detail::EeClusterer::Measure::durham, .wta = true});
    return axes == NSubjettiness::Axes::wta_kt ? wta : kt;
}

double power(double angle, double beta)
{
    if (beta == 1) return angle;
    if (beta == 2) return angle * angle;
    return std::pow(angle, beta);
}

std::vector<Direction> exclusive_axes(const detail::EeClusterer& sequence, int n_axes)
{
    std::vector<int> ids;
    sequence.exclusive_jets(n_axes, ids);
    const auto& nodes = sequence.nodes();
    std::sort(ids.begin(), ids.end(), [&](int a, int b) {
        return nodes[static_cast<std::size_t>(a)].energy > nodes[static_cast<std::size_t>(b)].energy;
    });
    std::vector<Direction> axes;
    axes.reserve(ids.size());
    for (int id : ids)
    {
        const auto& node = nodes[static_cast<std::size_t>(id)];
        axes.push_back({node.nx, node.ny, node.nz});
    }
    return axes;
}
}  // namespace

std::string_view to_string(NSubjettiness::Axes axes) noexcept
{
    return axes == NSubjettiness::Axes::wta_kt ? "wta_kt" : "kt";
}

NSubjettiness::NSubjettiness() : NSubjettiness(Config{}) {}

NSubjettiness::NSubjettiness(Config config) : config_(config)
{
    if (!(config_.beta > 0) || !std::isfinite(config_.beta))
    {
        throw InputError(fmt::format("N-subjettiness: angular exponent β = {}; use a finite β > 0 (1 or 2 are standard)",
                                     config_.beta));
    }
    if (!(config_.radius > 0) || !std::isfinite(config_.radius))
    {
        throw InputError(fmt::format("N-subjettiness: normalisation radius R₀ = {} rad; use a finite R₀ > 0 (the jet "
                                     "radius)",
                                     config_.radius));
    }
}

std::vector<Direction> NSubjettiness::axes(const JetConstituents& jet, Axes axes, int n_axes)
{
    if (jet.empty() || n_axes < 1) return {};
    auto& sequence = clusterer(axes);
    sequence.cluster(jet);
    return exclusive_axes(sequence, n_axes);
}

void NSubjettiness::min_axis_angles(const JetConstituents& jet, std::span<const Direction> axes,
                                    std::vector<double>& out)
{
    // Smallest squared chord |n_i − a_k|² over the axes (monotonic in the angle), then one
    // angle per particle; vectorised over the particles.
    const std::size_t n = jet.size();
    const std::size_t padded = detail::simd_padded(n);
    thread_local std::vector<double> x, y, z, chord2, best;
    x.assign(padded, 0.0);
    y.assign(padded, 0.0);
    z.assign(padded, 0.0);
    std::copy(jet.nx().begin(), jet.nx().end(), x.begin());
    std::copy(jet.ny().begin(), jet.ny().end(), y.begin());
    std::copy(jet.nz().begin(), jet.nz().end(), z.begin());
    chord2.resize(padded);
    best.assign(padded, std::numeric_limits<double>::infinity());
    out.assign(padded, 0.0);
    if (axes.empty() || n == 0)
    {
        out.resize(n);
        return;
    }
    for (const auto& axis : axes)
    {
        detail::chord2_row(x.data(), y.data(), z.data(), 0, padded, axis[0], axis[1], axis[2], chord2.data());
        for (std::size_t i = 0; i < padded; ++i) best[i] = std::min(best[i], chord2[i]);
    }
    for (std::size_t i = n; i < padded; ++i) best[i] = 0;  // padding: no libm fallback
    detail::angles_from_chord2(best.data(), 0, padded, out.data());
    out.resize(n);
}

double NSubjettiness::unnormalised_tau(const JetConstituents& jet, std::span<const Direction> axes, double beta)
{
    if (axes.empty()) return 0;
    thread_local std::vector<double> angles;
    min_axis_angles(jet, axes, angles);
    const auto e = jet.energy();
    double tau = 0;
    for (std::size_t i = 0; i < angles.size(); ++i) tau += e[i] * power(angles[i], beta);
    return tau;
}

void NSubjettiness::operator()(const JetConstituents& jet, std::span<double> tau) const
{
    const double d0 = config_.normalisation == Normalisation::normalised
                          ? jet.energy_sum() * power(config_.radius, config_.beta)
                          : 1.0;
    if (tau.empty()) return;
    auto& sequence = clusterer(config_.axes);
    if (!jet.empty()) sequence.cluster(jet);
    for (std::size_t n = 1; n <= tau.size(); ++n)
    {
        if (jet.size() < n)
        {
            tau[n - 1] = 0;
            continue;
        }
        const auto axes = exclusive_axes(sequence, static_cast<int>(n));
        tau[n - 1] = unnormalised_tau(jet, axes, config_.beta) / d0;
    }
}

double NSubjettiness::operator()(const JetConstituents& jet, int n_axes) const
{
    if (n_axes < 1) throw InputError(fmt::format("N-subjettiness: τ_N needs N ≥ 1 axes, got {}", n_axes));
    std::vector<double> tau(static_cast<std::size_t>(n_axes));
    (*this)(jet, tau);
    return tau.back();
}
}  // namespace umbra::analysis
