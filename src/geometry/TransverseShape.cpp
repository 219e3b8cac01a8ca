#include "umbra/geometry/TransverseShape.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace umbra::geometry
{
namespace
{
double cross(Point2 a, Point2 b) noexcept { return a.x * b.y - a.y * b.x; }

double signed_area(const std::vector<Point2>& v) noexcept
{
    double twice = 0;
    for (std::size_t i = 0, n = v.size(); i < n; ++i) twice += cross(v[i], v[(i + 1) % n]);
    return 0.5 * twice;
}

//! Whether segments [a, b] and [c, d] properly intersect (touching at shared endpoints is allowed).
bool segments_cross(Point2 a, Point2 b, Point2 c, Point2 d) noexcept
{
    const Point2 ab{b.x - a.x, b.y - a.y};
    const Point2 cd{d.x - c.x, d.y - c.y};
    const double d1 = cross(ab, {c.x - a.x, c.y - a.y});
    const double d2 = cross(ab, {d.x - a.x, d.y - a.y});
    const double d3 = cross(cd, {a.x - c.x, a.y - c.y});
    const double d4 = cross(cd, {b.x - c.x, b.y - c.y});
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
}  // namespace

void Bounds2::expand(const Bounds2& other) noexcept
{
    x_min = std::min(x_min, other.x_min);
    x_max = std::max(x_max, other.x_max);
    y_min = std::min(y_min, other.y_min);
    y_max = std::max(y_max, other.y_max);
}

TransverseShape::Polygon TransverseShape::make_polygon(std::vector<Point2> vertices)
{
    if (vertices.size() < 3) throw std::invalid_argument("a polygon needs at least 3 vertices");
    const double area = signed_area(vertices);
    if (!(std::abs(area) > 0)) throw std::invalid_argument("polygon has zero area");
    if (area < 0) std::reverse(vertices.begin(), vertices.end());
    const std::size_t n = vertices.size();
    for (std::size_t i = 0; i < n; ++i)
    {
        for (std::size_t j = i + 1; j < n; ++j)
        {
            if (segments_cross(vertices[i], vertices[(i + 1) % n], vertices[j], vertices[(j + 1) % n]))
            {
                throw std::invalid_argument("polygon edges cross each other");
            }
        }
    }
    Polygon polygon;
    for (const auto& v : vertices)
    {
        polygon.bounds.expand({v.x, v.x, v.y, v.y});
    }
    polygon.axis_aligned_rectangle = false;
    if (n == 4)
    {
        bool aligned = true;
        for (std::size_t i = 0; i < 4; ++i)
        {
            const auto& a = vertices[i];
            const auto& b = vertices[(i + 1) % 4];
            aligned = aligned && (a.x == b.x || a.y == b.y);
        }
        polygon.axis_aligned_rectangle = aligned;
    }
    polygon.vertices = std::move(vertices);
    polygon.inner = polygon.axis_aligned_rectangle ? polygon.bounds : inner_rectangle(polygon);
    return polygon;
}

Bounds2 TransverseShape::inner_rectangle(const Polygon& polygon) noexcept
{
    // The bounding box shrunk about its centre by the largest factor (bisection) for which it
    // lies inside the polygon: its corners inside and no polygon vertex strictly inside it
    // (then no edge can cross it). Empty if even a tiny one does not fit.
    const auto& b = polygon.bounds;
    const double cx = 0.5 * (b.x_min + b.x_max);
    const double cy = 0.5 * (b.y_min + b.y_max);
    const double hx = 0.5 * (b.x_max - b.x_min);
    const double hy = 0.5 * (b.y_max - b.y_min);
    const auto fits = [&](double scale) {
        const Bounds2 r{cx - scale * hx, cx + scale * hx, cy - scale * hy, cy + scale * hy};
        const double corners[4][2] = {{r.x_min, r.y_min}, {r.x_max, r.y_min}, {r.x_max, r.y_max}, {r.x_min, r.y_max}};
        for (const auto& c : corners)
        {
            if (!polygon_contains(polygon, c[0], c[1])) return false;
        }
        for (const auto& v : polygon.vertices)
        {
            if (v.x > r.x_min && v.x < r.x_max && v.y > r.y_min && v.y < r.y_max) return false;
        }
        return true;
    };
    double low = 0;
    double high = 1;
    if (!fits(1e-6)) return {};
    for (int i = 0; i < 40; ++i)
    {
        const double middle = 0.5 * (low + high);
        (fits(middle) ? low : high) = middle;
    }
    // Keep a margin so that points on the inner rectangle are never on an edge.
    const double scale = low * (1 - 1e-9);
    return {cx - scale * hx, cx + scale * hx, cy - scale * hy, cy + scale * hy};
}

TransverseShape TransverseShape::polygon(std::vector<Point2> vertices)
{
    TransverseShape shape;
    shape.polygons_.push_back(make_polygon(std::move(vertices)));
    shape.bounds_ = shape.polygons_.back().bounds;
    return shape;
}

TransverseShape TransverseShape::rectangle(Point2 centre, double size_x, double size_y, double angle)
{
    if (!(size_x > 0 && size_y > 0)) throw std::invalid_argument("rectangle sizes must be positive");
    const double hx = 0.5 * size_x;
    const double hy = 0.5 * size_y;
    const Point2 corners[4] = {{-hx, -hy}, {hx, -hy}, {hx, hy}, {-hx, hy}};
    std::vector<Point2> vertices;
    const double c = std::cos(angle);
    const double s = angle == 0 ? 0.0 : std::sin(angle);
    for (const auto& p : corners)
    {
        vertices.push_back(angle == 0 ? Point2{centre.x + p.x, centre.y + p.y}
                                      : Point2{centre.x + c * p.x - s * p.y, centre.y + s * p.x + c * p.y});
    }
    return polygon(std::move(vertices));
}

TransverseShape TransverseShape::hexagon(Point2 centre, double apothem, bool corners_along_y)
{
    if (!(apothem > 0)) throw std::invalid_argument("hexagon apothem must be positive");
    const double circumradius = apothem * 2.0 / std::numbers::sqrt3;
    std::vector<Point2> vertices;
    for (int k = 0; k < 6; ++k)
    {
        // Corners at 90° + 60° k (corners on ±y) or at 60° k (corners on ±x).
        const double phi = (corners_along_y ? std::numbers::pi / 2 : 0.0) + k * std::numbers::pi / 3;
        vertices.push_back({centre.x + circumradius * std::cos(phi), centre.y + circumradius * std::sin(phi)});
    }
    return polygon(std::move(vertices));
}

TransverseShape& TransverseShape::add(const TransverseShape& other)
{
    polygons_.insert(polygons_.end(), other.polygons_.begin(), other.polygons_.end());
    bounds_.expand(other.bounds_);
    return *this;
}

TransverseShape TransverseShape::translated(double dx, double dy) const
{
    TransverseShape shape;
    for (const auto& polygon : polygons_)
    {
        auto vertices = polygon.vertices;
        for (auto& v : vertices)
        {
            v.x += dx;
            v.y += dy;
        }
        shape.polygons_.push_back(make_polygon(std::move(vertices)));
        shape.bounds_.expand(shape.polygons_.back().bounds);
    }
    return shape;
}

bool TransverseShape::polygon_contains(const Polygon& polygon, double x, double y) noexcept
{
    if (!polygon.bounds.contains(x, y)) return false;
    if (polygon.axis_aligned_rectangle || polygon.inner.contains(x, y)) return true;
    // Crossing-number test (W. R. Franklin's PNPOLY rule).
    bool inside = false;
    const auto& v = polygon.vertices;
    for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++)
    {
        if ((v[i].y > y) != (v[j].y > y) && x < (v[j].x - v[i].x) * (y - v[i].y) / (v[j].y - v[i].y) + v[i].x)
        {
            inside = !inside;
        }
    }
    return inside;
}

bool TransverseShape::contains(double x, double y) const noexcept
{
    if (!bounds_.contains(x, y)) return false;
    for (const auto& polygon : polygons_)
    {
        if (polygon_contains(polygon, x, y)) return true;
    }
    return false;
}

double TransverseShape::distance_along(double x, double y, double ux, double uy, double max_distance) const noexcept
{
    double best = max_distance;
    if (ux == 0 && uy == 0) return best;
    for (const auto& polygon : polygons_)
    {
        const auto& b = polygon.bounds;
        // Skip polygons whose bounding box the ray cannot reach closer than `best`.
        double t_low = 0;
        double t_high = best;
        const auto clip = [&](double origin, double direction, double low, double high) {
            if (direction == 0) return origin >= low && origin <= high;
            double t0 = (low - origin) / direction;
            double t1 = (high - origin) / direction;
            if (t0 > t1) std::swap(t0, t1);
            t_low = std::max(t_low, t0);
            t_high = std::min(t_high, t1);
            return t_low <= t_high;
        };
        if (!clip(x, ux, b.x_min, b.x_max) || !clip(y, uy, b.y_min, b.y_max)) continue;
        // A segment that starts and ends in the inner rectangle (convex, inside) crosses no edge.
        if (best < infinity && polygon.inner.contains(x, y) && polygon.inner.contains(x + best * ux, y + best * uy))
        {
            continue;
        }
        const auto& v = polygon.vertices;
        for (std::size_t i = 0, n = v.size(); i < n; ++i)
        {
            const Point2 a = v[i];
            const Point2 e{v[(i + 1) % n].x - a.x, v[(i + 1) % n].y - a.y};
            // Solve (x, y) + t u = a + s e for t > 0, s in [0, 1].
            const double denominator = ux * e.y - uy * e.x;
            if (denominator == 0) continue;
            const double wx = a.x - x;
            const double wy = a.y - y;
            const double t = (wx * e.y - wy * e.x) / denominator;
            // Crossings closer than the surface tolerance are the edge the point sits on.
            if (!(t > surface_tolerance) || t >= best) continue;
            const double s = (wx * uy - wy * ux) / denominator;
            if (s < 0 || s > 1) continue;
            best = t;
        }
    }
    return best < max_distance ? best : infinity;
}

double TransverseShape::distance_to_edge(double x, double y, double max_distance) const noexcept
{
    double best2 = max_distance < infinity ? max_distance * max_distance : infinity;
    for (const auto& polygon : polygons_)
    {
        // The distance to the bounding box is a lower bound for a point outside it.
        const auto& b = polygon.bounds;
        const double bx = std::max({b.x_min - x, 0.0, x - b.x_max});
        const double by = std::max({b.y_min - y, 0.0, y - b.y_max});
        if (bx * bx + by * by >= best2) continue;
        // Inside the inner rectangle, its distance is a lower bound of the distance to the edges:
        // enough when the caller already has a closer boundary.
        const auto& in = polygon.inner;
        if (in.contains(x, y))
        {
            const double lower = std::min({x - in.x_min, in.x_max - x, y - in.y_min, in.y_max - y});
            if (lower * lower >= best2) continue;
        }
        const auto& v = polygon.vertices;
        for (std::size_t i = 0, n = v.size(); i < n; ++i)
        {
            const Point2 a = v[i];
            const Point2 e{v[(i + 1) % n].x - a.x, v[(i + 1) % n].y - a.y};
            const double length2 = e.x * e.x + e.y * e.y;
            double s = ((x - a.x) * e.x + (y - a.y) * e.y) / length2;
            s = std::clamp(s, 0.0, 1.0);
            const double dx = a.x + s * e.x - x;
            const double dy = a.y + s * e.y - y;
            best2 = std::min(best2, dx * dx + dy * dy);
        }
    }
    return std::sqrt(best2);
}

double TransverseShape::area() const noexcept
{
    double total = 0;
    for (const auto& polygon : polygons_) total += signed_area(polygon.vertices);
    return total;
}
}  // namespace umbra::geometry
