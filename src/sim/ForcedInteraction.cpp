#include "umbra/sim/ForcedInteraction.hpp"

#include <algorithm>
#include <cmath>

#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/PhysicsTables.hpp"

namespace umbra::sim
{
ForcedInteraction::ForcedInteraction(std::shared_ptr<const geometry::DetectorGeometry> geometry,
                                     std::shared_ptr<const PhysicsTables> tables)
    : geometry_(std::move(geometry)), tables_(std::move(tables))
{
}

std::vector<ForcedInteraction::Segment> ForcedInteraction::trace(const ThreeVector& origin,
                                                                 const ThreeVector& direction, double energy,
                                                                 ProcessId process) const
{
    std::vector<Segment> segments;
    double s = 0;
    int volume = geometry_->locate(origin, direction);
    // A ray crosses a few hundred volumes at most in any detector umbra describes; the guard
    // only stops a geometry error from looping forever.
    for (int guard = 0; volume >= 0 && guard < 100000; ++guard)
    {
        const ThreeVector p = origin + s * direction;
        // A point left a rounding error short of a surface would get a vanishing distance to
        // it and the same volume back: every segment is at least surface_push (1e-7 mm) long,
        // an error far below anything the optical depth can feel.
        double d = geometry_->distance_to_boundary(p, direction, volume);
        if (!std::isfinite(d)) break;
        d = std::max(d, geometry::DetectorGeometry::surface_push);
        Segment segment;
        segment.begin = s;
        segment.end = s + d;
        segment.volume = volume;
        segment.material = geometry_->volume(volume).material;
        segment.total = tables_->total_cross_section(ParticleKind::gamma, segment.material, energy);
        segment.process = tables_->cross_section(process, ParticleKind::gamma, segment.material, energy);
        segments.push_back(segment);
        s += d;
        volume = geometry_->locate(origin + s * direction, direction);
    }
    return segments;
}

std::vector<ForcedInteraction::Piece> ForcedInteraction::pieces(const std::vector<Segment>& segments,
                                                                const ThreeVector& origin,
                                                                const ThreeVector& direction,
                                                                const Window& window) const
{
    // Path length where z reaches z_min (the ray may run backwards or sideways).
    double s_min = 0;
    if (direction.z > 0)
    {
        s_min = std::max(0.0, (window.z_min - origin.z) / direction.z);
    }
    else if (origin.z < window.z_min)
    {
        return {};
    }
    std::vector<Piece> result;
    double optical_depth = 0;  // τ at the start of the segment
    for (std::size_t i = 0; i < segments.size(); ++i)
    {
        const auto& seg = segments[i];
        const double depth_at_end = optical_depth + seg.total * (seg.end - seg.begin);
        double a = seg.begin, b = seg.end;
        if (direction.z > 0) a = std::max(a, s_min);
        else if (direction.z < 0) b = std::min(b, (window.z_min - origin.z) / direction.z);  // z falls below z_min after this
        const bool in_region = window.region < 0 || geometry_->volume(seg.volume).region == window.region;
        if (b > a && in_region && seg.process > 0 && seg.total > 0)
        {
            const double depth_at_a = optical_depth + seg.total * (a - seg.begin);
            const double p = seg.process / seg.total * std::exp(-depth_at_a) * -std::expm1(-seg.total * (b - a));
            if (p > 0) result.push_back({i, a, b, p});
        }
        optical_depth = depth_at_end;
    }
    return result;
}

double ForcedInteraction::probability(const std::vector<Segment>& segments, const ThreeVector& origin,
                                      const ThreeVector& direction, const Window& window) const
{
    double p = 0;
    for (const auto& piece : pieces(segments, origin, direction, window)) p += piece.probability;
    return p;
}

std::optional<ForcedInteraction::Result> ForcedInteraction::force(const std::vector<Segment>& segments,
                                                                  const ThreeVector& origin,
                                                                  const ThreeVector& direction, const Window& window,
                                                                  RandomStream& rng) const
{
    const auto list = pieces(segments, origin, direction, window);
    double total = 0;
    for (const auto& piece : list) total += piece.probability;
    if (!(total > 0)) return std::nullopt;
    double u = rng.uniform() * total;
    std::size_t chosen = list.size() - 1;
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        if (u < list[i].probability)
        {
            chosen = i;
            break;
        }
        u -= list[i].probability;
    }
    const auto& piece = list[chosen];
    const auto& seg = segments[piece.segment];
    // Truncated exponential on [a, b]: s = a − ln(1 − v (1 − e^{−μ(b−a)})) / μ.
    const double span = -std::expm1(-seg.total * (piece.end - piece.begin));
    double s = piece.begin - std::log1p(-rng.uniform() * span) / seg.total;
    s = std::min(std::max(s, piece.begin), piece.end);
    Result result;
    result.probability = total;
    result.path_length = s;
    result.vertex = origin + s * direction;
    result.volume = seg.volume;
    result.material = seg.material;
    return result;
}
}  // namespace umbra::sim
