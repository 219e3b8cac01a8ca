#include "umbra/analysis/ShowerParticles.hpp"

#include <fastjet/PseudoJet.hh>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
std::string_view to_string(ShowerOrigin origin) noexcept
{
    switch (origin)
    {
        case ShowerOrigin::target: return "target";
        case ShowerOrigin::truth_vertex: return "truth_vertex";
        case ShowerOrigin::shower_start: return "shower_start";
    }
    return "?";
}

ShowerOrigin parse_shower_origin(std::string_view text)
{
    for (auto origin : {ShowerOrigin::target, ShowerOrigin::truth_vertex, ShowerOrigin::shower_start})
    {
        if (text == to_string(origin)) return origin;
    }
    throw InputError(fmt::format("unknown shower origin '{}' (the apex of the hit directions); use target, "
                                 "truth_vertex or shower_start",
                                 text));
}

double opening_angle(const std::array<double, 3>& a, const std::array<double, 3>& b) noexcept
{
    const double cx = a[1] * b[2] - a[2] * b[1];
    const double cy = a[2] * b[0] - a[0] * b[2];
    const double cz = a[0] * b[1] - a[1] * b[0];
    const double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    return std::atan2(std::sqrt(cx * cx + cy * cy + cz * cz), dot);
}

double opening_angle(const fastjet::PseudoJet& a, const fastjet::PseudoJet& b) noexcept
{
    return opening_angle(std::array<double, 3>{a.px(), a.py(), a.pz()}, std::array<double, 3>{b.px(), b.py(), b.pz()});
}

ShowerParticles::ShowerParticles() : ShowerParticles(Config{}) {}

ShowerParticles::ShowerParticles(Config config) : config_(config)
{
    if (config_.start_layers < 1)
    {
        throw InputError(fmt::format("shower particles: start_layers = {} (the shower-start centroid needs at least "
                                     "one layer); use 1 or more, default 3",
                                     config_.start_layers));
    }
    if (!std::isfinite(config_.start_offset_mm) || config_.start_offset_mm < 0)
    {
        throw InputError(fmt::format("shower particles: start_offset_mm = {} (the apex is placed upstream of the first "
                                     "shower layer); use a finite value ≥ 0, default 10",
                                     config_.start_offset_mm));
    }
}

LabPoint ShowerParticles::apex(std::span<const ShowerHit> hits, const LabPoint& truth_vertex) const
{
    switch (config_.origin)
    {
        case ShowerOrigin::target: return {0, 0, 0};
        case ShowerOrigin::truth_vertex: return truth_vertex;
        case ShowerOrigin::shower_start:
            return estimate_shower_start(hits, config_.start_layers, config_.start_offset_mm);
    }
    return {0, 0, 0};
}

namespace
{
//! Calls add(i, E, dx/r, dy/r, dz/r) for every hit with energy > 0 not at the apex.
template <class Add>
void for_each_particle(std::span<const ShowerHit> hits, const LabPoint& apex, Add add)
{
    for (std::size_t i = 0; i < hits.size(); ++i)
    {
        const auto& hit = hits[i];
        if (!std::isfinite(hit.x_mm) || !std::isfinite(hit.y_mm) || !std::isfinite(hit.z_mm) ||
            !std::isfinite(hit.energy_MeV))
        {
            throw InputError(fmt::format("hit {} has a non-finite position or energy ({}, {}, {}) mm, {} MeV "
                                         "(corrupt input?)",
                                         i, hit.x_mm, hit.y_mm, hit.z_mm, hit.energy_MeV));
        }
        if (!(hit.energy_MeV > 0)) continue;
        const double dx = hit.x_mm - apex[0], dy = hit.y_mm - apex[1], dz = hit.z_mm - apex[2];
        const double r = std::sqrt(dx * dx + dy * dy + dz * dz);
        if (!(r > 0)) continue;
        add(i, hit.energy_MeV, dx / r, dy / r, dz / r);
    }
}
}  // namespace

void ShowerParticles::make(std::span<const ShowerHit> hits, const LabPoint& apex, std::vector<fastjet::PseudoJet>& out)
{
    out.clear();
    out.reserve(hits.size());
    for_each_particle(hits, apex, [&](std::size_t i, double e, double nx, double ny, double nz) {
        fastjet::PseudoJet particle(e * nx, e * ny, e * nz, e);
        particle.set_user_index(static_cast<int>(i));
        out.push_back(particle);
    });
}

void ShowerParticles::make(std::span<const ShowerHit> hits, const LabPoint& apex, JetConstituents& out)
{
    out.clear();
    out.reserve(hits.size());
    for_each_particle(hits, apex, [&](std::size_t i, double e, double nx, double ny, double nz) {
        out.add(e, nx, ny, nz, static_cast<int>(i));
    });
}

std::vector<fastjet::PseudoJet> ShowerParticles::operator()(std::span<const ShowerHit> hits,
                                                            const LabPoint& truth_vertex) const
{
    std::vector<fastjet::PseudoJet> particles;
    make(hits, apex(hits, truth_vertex), particles);
    return particles;
}

LabPoint ShowerParticles::estimate_shower_start(std::span<const ShowerHit> hits, int start_layers,
                                                double start_offset_mm)
{
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<int> layers;
    layers.reserve(hits.size());
    for (const auto& hit : hits)
    {
        if (hit.energy_MeV > 0) layers.push_back(hit.layer);
    }
    if (layers.empty()) return {nan, nan, nan};
    std::sort(layers.begin(), layers.end());
    layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
    int start = layers.front();
    for (std::size_t i = 0; i + 1 < layers.size(); ++i)
    {
        if (layers[i + 1] == layers[i] + 1)
        {
            start = layers[i];
            break;
        }
    }
    double sum_e = 0, sum_x = 0, sum_y = 0, start_e = 0, start_z = 0;
    for (const auto& hit : hits)
    {
        if (!(hit.energy_MeV > 0) || hit.layer < start || hit.layer >= start + start_layers) continue;
        sum_e += hit.energy_MeV;
        sum_x += hit.energy_MeV * hit.x_mm;
        sum_y += hit.energy_MeV * hit.y_mm;
        if (hit.layer == start)
        {
            start_e += hit.energy_MeV;
            start_z += hit.energy_MeV * hit.z_mm;
        }
    }
    return {sum_x / sum_e, sum_y / sum_e, start_z / start_e - start_offset_mm};
}
}  // namespace umbra::analysis
