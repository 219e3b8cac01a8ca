#include "umbra/geometry/EcalHexReadout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "umbra/core/Error.hpp"

namespace umbra::geometry
{
namespace
{
constexpr double sqrt3 = std::numbers::sqrt3;
constexpr double infinity = std::numeric_limits<double>::infinity();

//! Point-in-module test of ldmx-sw EcalGeometry::isInside on coordinates divided by the
//! module corner radius: corners at (±1, 0), flats at ±√3/2; strict inequalities, so
//! the edges themselves are outside.
bool inside_unit_hexagon(double normalised_p, double normalised_q) noexcept
{
    const double ap = std::fabs(normalised_p);
    const double aq = std::fabs(normalised_q);
    const double flat = sqrt3 / 2.0;
    if (ap > 1.0 || aq > flat) return false;
    // Inward side of the sloped edge through (1/2, √3/2) and (1, 0).
    return -(ap - 0.5) - (aq - flat) / sqrt3 > 0.0;
}

//! Keeps the part of a convex polygon on the side of `site` of the perpendicular bisector
//! between `site` and `other` (one Sutherland–Hodgman clipping step).
std::vector<Point2> clip_to_bisector(const std::vector<Point2>& polygon, Point2 site, Point2 other)
{
    const double nx = other.x - site.x;
    const double ny = other.y - site.y;
    const double offset = 0.5 * (nx * (other.x + site.x) + ny * (other.y + site.y));
    const auto side = [&](Point2 v) { return nx * v.x + ny * v.y - offset; };  // <= 0 kept
    std::vector<Point2> out;
    out.reserve(polygon.size() + 1);
    for (std::size_t i = 0; i < polygon.size(); ++i)
    {
        const Point2 a = polygon[i];
        const Point2 b = polygon[(i + 1) % polygon.size()];
        const double sa = side(a);
        const double sb = side(b);
        if (sa <= 0) out.push_back(a);
        if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0))
        {
            const double f = sa / (sa - sb);
            out.push_back({a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)});
        }
    }
    return out;
}

double polygon_area(const std::vector<Point2>& polygon) noexcept
{
    double twice = 0;
    for (std::size_t i = 0; i < polygon.size(); ++i)
    {
        const Point2 a = polygon[i];
        const Point2 b = polygon[(i + 1) % polygon.size()];
        twice += a.x * b.y - b.x * a.y;
    }
    return 0.5 * twice;
}

void require(bool condition, const std::string& message)
{
    if (!condition) throw InputError("EcalHexReadout: " + message);
}
}  // namespace

EcalHexReadout::EcalHexReadout() : EcalHexReadout(Config{}) {}

EcalHexReadout::EcalHexReadout(const Config& config) : config_(config)
{
    require(std::isfinite(config.module_min_radius) && config.module_min_radius > 0,
            fmt::format("module_min_radius = {} mm must be positive (module centre-to-flat "
                        "radius); LDMX v14 uses 85 mm",
                        config.module_min_radius));
    require(std::isfinite(config.module_gap) && config.module_gap >= 0,
            fmt::format("module_gap = {} mm must be >= 0 (modules may not overlap); LDMX v14 "
                        "uses 1.5 mm",
                        config.module_gap));
    require(std::isfinite(config.n_cell_r_height) && config.n_cell_r_height >= 4,
            fmt::format("n_cell_r_height = {} is too small (fewer than a handful of cells per "
                        "module); LDMX v14 uses 35.3",
                        config.n_cell_r_height));
    require(config.layer_count >= 1 && config.layer_count <= static_cast<int>(EcalId::layer_mask) + 1,
            fmt::format("layer_count = {} out of range (the EcalId layer field holds 1 to 64 "
                        "layers); LDMX v14 has 34",
                        config.layer_count));
    require(!config.layer_shift_x || std::isfinite(*config.layer_shift_x),
            "layer_shift_x is not finite (it is a length in mm); leave it unset for one cell "
            "radius");
    require(std::isfinite(config.layer_shift_y), "layer_shift_y is not finite (a length in mm)");

    // EcalGeometry.cxx constructor: moduleR = r·2/√3, cellR = 2 r / nCellRHeight,
    // cellr = (√3/2) cellR.
    module_min_radius_ = config.module_min_radius;
    module_max_radius_ = module_min_radius_ * (2.0 / std::sqrt(3.0));
    module_pitch_ = 2.0 * module_min_radius_ + config.module_gap;
    cell_max_radius_ = 2.0 * module_min_radius_ / config.n_cell_r_height;
    cell_min_radius_ = (std::sqrt(3.0) / 2.0) * cell_max_radius_;
    full_cell_area_ = 1.5 * sqrt3 * cell_max_radius_ * cell_max_radius_;
    inverse_module_max_radius_ = 1.0 / module_max_radius_;
    inverse_row_pitch_ = 1.0 / (1.5 * cell_max_radius_);
    inverse_cell_min_radius_ = 1.0 / cell_min_radius_;
    inverse_module_pitch_ = 1.0 / module_pitch_;
    axial_b_scale_ = 2.0 / (sqrt3 * module_pitch_);
    // EcalGeometry.py v14(): layer_shift_x = 2 moduleMinR / nCellRHeight.
    shift_x_ = config.layer_shift_x.value_or(2.0 * module_min_radius_ / config.n_cell_r_height);

    // EcalGeometry.cxx buildModuleMap (lab, relative to the layer centre).
    constexpr double pi = 3.14159265358979323846;
    module_xy_[0] = {0.0, 0.0};
    for (int id = 1; id < modules_per_layer; ++id)
    {
        const double angle = (id - 1) * (pi / 3.0);
        if (config.orientation == Orientation::corners_side_up)
            module_xy_[id] = {module_pitch_ * std::cos(angle), -module_pitch_ * std::sin(angle)};
        else
            module_xy_[id] = {module_pitch_ * std::sin(angle), module_pitch_ * std::cos(angle)};
    }
    module_site_.fill(-1);
    for (int id = 0; id < modules_per_layer; ++id)
    {
        module_pq_[id] = to_flower(module_xy_[id].x, module_xy_[id].y);
        // Axial lattice coordinates of the module centre (see module_near).
        const double b = 2.0 * module_pq_[id].x / (sqrt3 * module_pitch_);
        const double a = module_pq_[id].y / module_pitch_ - 0.5 * b;
        module_site_[static_cast<std::size_t>((std::lround(a) + 1) * 3 + std::lround(b) + 1)] = id;
    }

    build_cells();
    build_outlines();
    build_neighbours();
}

Point2 EcalHexReadout::to_flower(double x, double y) const noexcept
{
    // ldmx-sw rotate(): p = −y, q = x for corner-side-up modules.
    if (config_.orientation == Orientation::corners_side_up) return {-y, x};
    return {x, y};
}

Point2 EcalHexReadout::to_lab(double p, double q) const noexcept
{
    // ldmx-sw unrotate(): x = q, y = −p.
    if (config_.orientation == Orientation::corners_side_up) return {q, -p};
    return {p, q};
}

bool EcalHexReadout::inside_module_hexagon(double p, double q) const noexcept
{
    // ldmx-sw divides by the corner radius; multiplying by its inverse can only differ for
    // points within an ulp of an edge.
    return inside_unit_hexagon(p * inverse_module_max_radius_, q * inverse_module_max_radius_);
}

void EcalHexReadout::build_cells()
{
    // The honeycomb of EcalGeometry::buildCellMap: start half a cell left of the module
    // centre and step whole cells until past the module corner (p) and flat (q), then
    // double the counts to cover both sides.
    const double big_r = cell_max_radius_;
    const double small_r = cell_min_radius_;
    double grid_min_p = -small_r;
    int p_count = 1;
    while (grid_min_p > -module_max_radius_)
    {
        grid_min_p -= 2 * small_r;
        ++p_count;
    }
    double grid_min_q = 0;
    int q_count = 0;
    while (grid_min_q > -module_min_radius_)
    {
        grid_min_q -= (q_count % 2 == 0) ? big_r : 2 * big_r;
        ++q_count;
    }
    p_count *= 2;
    q_count *= 2;

    // Hexagons in the order of ROOT TH2Poly::Honeycomb(grid_min_p, grid_min_q, cellR,
    // p_count, q_count) (option "v"): q_count rows from low q, alternately p_count and
    // p_count − 1 hexagons from low p, odd rows shifted by half a cell.
    struct Slot
    {
        int row, column, cell;
    };
    std::vector<Slot> slots;
    int column_min = std::numeric_limits<int>::max();
    int column_max = std::numeric_limits<int>::min();
    double row_start_p = grid_min_p;
    double row_corner_q = grid_min_q + big_r / 2.0;
    for (int row = 0; row < q_count; ++row)
    {
        double corner_p = row_start_p;
        const int in_row = (row % 2 == 0) ? p_count : p_count - 1;
        for (int k = 0; k < in_row; ++k)
        {
            // Corners: (p0,q0), (p0,q0+R), (p0+r,q0+3R/2), (p0+2r,q0+R), (p0+2r,q0), (p0+r,q0−R/2).
            const double p1 = corner_p + big_r * std::sqrt(3.0) / 2.0;
            const double p2 = p1 + big_r * std::sqrt(3.0) / 2.0;
            const double q1 = row_corner_q + big_r;
            const std::array<Point2, 6> corners{{{corner_p, row_corner_q},
                                                 {corner_p, q1},
                                                 {p1, q1 + big_r / 2.0},
                                                 {p2, q1},
                                                 {p2, row_corner_q},
                                                 {p1, row_corner_q - big_r / 2.0}}};
            int inside = 0;
            double p_lo = infinity, p_hi = -infinity, q_lo = infinity, q_hi = -infinity;
            for (const auto& c : corners)
            {
                if (inside_module_hexagon(c.x, c.y)) ++inside;
                p_lo = std::min(p_lo, c.x);
                p_hi = std::max(p_hi, c.x);
                q_lo = std::min(q_lo, c.y);
                q_hi = std::max(q_hi, c.y);
            }
            // Position = centre of the bounding box of the whole hexagon.
            const Point2 centre{(p_hi + p_lo) / 2.0, (q_hi + q_lo) / 2.0};
            const int column = static_cast<int>(std::lround(centre.x / small_r));
            column_min = std::min(column_min, column);
            column_max = std::max(column_max, column);
            int cell = -1;
            // "Include this cell if more than one of its vertices is inside the module".
            if (inside > 1)
            {
                cell = static_cast<int>(cells_.size());
                Cell entry;
                entry.centre_pq = centre;
                entry.centre_xy = to_lab(centre.x, centre.y);
                entry.row = row;
                entry.column = column;
                entry.partial = inside < 6;
                cells_.push_back(std::move(entry));
            }
            slots.push_back({row, column, cell});
            corner_p += big_r * std::sqrt(3.0);
        }
        if (row % 2 == 0)
            row_start_p += big_r * std::sqrt(3.0) / 2.0;
        else
            row_start_p -= big_r * std::sqrt(3.0) / 2.0;
        row_corner_q += 1.5 * big_r;
    }
    require(!cells_.empty() && cells_.size() <= EcalId::cell_mask + 1,
            fmt::format("{} cells per module do not fit the 12-bit EcalId cell field; check "
                        "n_cell_r_height = {}",
                        cells_.size(), config_.n_cell_r_height));

    row_q0_ = grid_min_q + big_r;
    row_count_ = q_count;
    column_min_ = column_min;
    column_width_ = column_max - column_min + 1;
    const std::size_t slot_count = static_cast<std::size_t>(row_count_) * column_width_;
    grid_cell_.assign(slot_count, -1);
    for (const auto& s : slots)
        grid_cell_[static_cast<std::size_t>(s.row) * column_width_ + (s.column - column_min_)] =
            static_cast<std::int16_t>(s.cell);

    // Slots whose hexagon is not a cell: the cells that can be nearest to a point of the
    // module inside that hexagon (all within 8 r_c; the true bound is about 3.5 r_c).
    fallback_offsets_.assign(slot_count + 1, 0);
    for (std::size_t slot = 0; slot < slot_count; ++slot)
    {
        fallback_offsets_[slot] = static_cast<std::uint32_t>(fallback_cells_.size());
        if (grid_cell_[slot] >= 0) continue;
        const int row = static_cast<int>(slot / column_width_);
        const int column = static_cast<int>(slot % column_width_) + column_min_;
        if (((row ^ column) & 1) != 0) continue;  // not a honeycomb site
        const double p = column * small_r;
        const double q = row_q0_ + 1.5 * big_r * row;
        for (std::size_t c = 0; c < cells_.size(); ++c)
        {
            const double dp = cells_[c].centre_pq.x - p;
            const double dq = cells_[c].centre_pq.y - q;
            if (dp * dp + dq * dq <= 64.0 * small_r * small_r)
                fallback_cells_.push_back(static_cast<std::int16_t>(c));
        }
    }
    fallback_offsets_[slot_count] = static_cast<std::uint32_t>(fallback_cells_.size());
}

int EcalHexReadout::cell_near(double p, double q) const noexcept
{
    // Nearest honeycomb site: it lies in one of the two rows bracketing q.
    // floor() through an offset truncation (std::floor is a libm call on baseline x86-64);
    // valid for |argument| < 2^20, far beyond any point that reaches here (|p|, |q| < R_m
    // is checked before).
    constexpr double offset = 1 << 20;
    const auto fast_floor = [](double v) { return static_cast<int>(v + offset) - (1 << 20); };
    const double row_pitch = 1.5 * cell_max_radius_;
    const int lower_row = fast_floor((q - row_q0_) * inverse_row_pitch_);
    const auto site_in_row = [&](int row, int& column) {
        const int parity = row & 1;
        column = 2 * fast_floor((p * inverse_cell_min_radius_ - parity) * 0.5 + 0.5) + parity;
        const double dp = p - column * cell_min_radius_;
        const double dq = q - (row_q0_ + row_pitch * row);
        return dp * dp + dq * dq;
    };
    int lower_column = 0, upper_column = 0;
    const double lower_d2 = site_in_row(lower_row, lower_column);
    const double upper_d2 = site_in_row(lower_row + 1, upper_column);
    const bool upper = upper_d2 < lower_d2;  // selected without a branch
    const int best_row = upper ? lower_row + 1 : lower_row;
    const int best_column = upper ? upper_column : lower_column;
    const int column_index = best_column - column_min_;
    const auto distance2 = [&](int cell) {
        const auto& centre = cells_[static_cast<std::size_t>(cell)].centre_pq;
        return (centre.x - p) * (centre.x - p) + (centre.y - q) * (centre.y - q);
    };
    int nearest = -1;
    double nearest_d2 = infinity;
    if (best_row >= 0 && best_row < row_count_ && column_index >= 0 && column_index < column_width_)
    {
        const std::size_t slot = static_cast<std::size_t>(best_row) * column_width_ + column_index;
        if (grid_cell_[slot] >= 0) return grid_cell_[slot];
        for (auto i = fallback_offsets_[slot]; i < fallback_offsets_[slot + 1]; ++i)
        {
            const double d2 = distance2(fallback_cells_[i]);
            if (d2 < nearest_d2)
            {
                nearest_d2 = d2;
                nearest = fallback_cells_[i];
            }
        }
        if (nearest >= 0) return nearest;
    }
    // Not reached for points inside the module; kept for safety.
    for (int c = 0; c < cells_per_module(); ++c)
    {
        const double d2 = distance2(c);
        if (d2 < nearest_d2)
        {
            nearest_d2 = d2;
            nearest = c;
        }
    }
    return nearest;
}

int EcalHexReadout::module_near(double p, double q) const noexcept
{
    // Module centres form a triangular lattice (pitch D) in the flower frame with basis
    // a = (0, D), b = (√3 D/2, D/2); round the axial coordinates to the nearest site
    // (cube-coordinate rounding), which is the nearest module centre.
    const double fb = p * axial_b_scale_;
    const double fa = q * inverse_module_pitch_ - 0.5 * fb;
    const double fc = -fa - fb;
    // Rounding through an offset truncation (std::round is a libm call); far-away and NaN
    // points are rejected first.
    if (!(std::fabs(fa) <= 4 && std::fabs(fb) <= 4)) return -1;
    const auto round = [](double v) { return static_cast<double>(static_cast<int>(v + 8.5) - 8); };
    double ra = round(fa), rb = round(fb);
    const double rc = round(fc);
    const double da = std::fabs(ra - fa), db = std::fabs(rb - fb), dc = std::fabs(rc - fc);
    if (da > db && da > dc)
        ra = -rb - rc;
    else if (db > dc)
        rb = -ra - rc;
    if (std::fabs(ra) > 1 || std::fabs(rb) > 1 || std::fabs(ra + rb) > 1) return -1;
    return module_site_[static_cast<std::size_t>((static_cast<int>(ra) + 1) * 3 +
                                                 static_cast<int>(rb) + 1)];
}

Point2 EcalHexReadout::layer_centre(int layer) const noexcept
{
    const bool shifted =
        (config_.layer_shift == LayerShift::odd_layers && layer % 2 == 1) ||
        (config_.layer_shift == LayerShift::odd_bilayers && (layer / 2) % 2 == 1);
    if (!shifted) return {0.0, 0.0};
    return {shift_x_, config_.layer_shift_y};
}

Point2 EcalHexReadout::module_centre(int layer, int module) const noexcept
{
    UMBRA_EXPECT(module >= 0 && module < modules_per_layer);
    const Point2 centre = layer_centre(layer);
    return {centre.x + module_xy_[module].x, centre.y + module_xy_[module].y};
}

Point2 EcalHexReadout::cell_centre(EcalId id) const noexcept
{
    UMBRA_EXPECT(contains(id));
    // buildCellModuleMap: module centre + unrotated cell position, then + layer centre.
    const Point2 centre = layer_centre(id.layer());
    const Point2 module = module_xy_[id.module()];
    const Point2 cell = cells_[id.cell()].centre_xy;
    return {(module.x + cell.x) + centre.x, (module.y + cell.y) + centre.y};
}

bool EcalHexReadout::contains(EcalId id) const noexcept
{
    return EcalId::from_raw(id.raw()).has_value() &&
           id.cell_type() == static_cast<int>(EcalId::cell_type_precision_global) &&
           id.layer() < layer_count() && id.module() < modules_per_layer &&
           id.cell() < cells_per_module();
}

std::optional<int> EcalHexReadout::module_at(int layer, double x, double y) const noexcept
{
    if (layer < 0 || layer >= layer_count()) return std::nullopt;
    const Point2 centre = layer_centre(layer);
    const Point2 f = to_flower(x - centre.x, y - centre.y);
    const int module = module_near(f.x, f.y);
    if (module < 0) return std::nullopt;
    if (!inside_module_hexagon(f.x - module_pq_[module].x, f.y - module_pq_[module].y))
        return std::nullopt;
    return module;
}

std::optional<EcalId> EcalHexReadout::locate(int layer, double x, double y) const noexcept
{
    if (layer < 0 || layer >= layer_count()) return std::nullopt;
    const Point2 centre = layer_centre(layer);
    const Point2 f = to_flower(x - centre.x, y - centre.y);
    const int module = module_near(f.x, f.y);
    if (module < 0) return std::nullopt;
    const double p = f.x - module_pq_[module].x;
    const double q = f.y - module_pq_[module].y;
    if (!inside_module_hexagon(p, q)) return std::nullopt;
    return EcalId(layer, module, cell_near(p, q));
}

double EcalHexReadout::distance_to_module_boundary(int layer, double x, double y, double ux,
                                                   double uy) const noexcept
{
    const double speed = std::hypot(ux, uy);
    if (!(speed > 0) || layer < 0 || layer >= layer_count()) return infinity;
    const double t_min = boundary_tolerance / speed;
    const Point2 centre = layer_centre(layer);
    const Point2 f = to_flower(x - centre.x, y - centre.y);
    const Point2 u = to_flower(ux, uy);
    // Module hexagon = intersection of three slabs |n·(point − centre)| <= r_m with unit
    // normals n at 90°, 30° and −30° to the p axis (flats at q = ±r_m and the four sloped
    // flats). The ray is inside all slabs for t in [t_enter, t_exit]; both ends are edge
    // crossings.
    static constexpr std::array<Point2, 3> normals{{{0.0, 1.0}, {sqrt3 / 2, 0.5}, {sqrt3 / 2, -0.5}}};
    const double half_width = module_min_radius_;
    std::array<double, 3> speed_along{}, inverse_speed{};
    for (std::size_t k = 0; k < 3; ++k)
    {
        speed_along[k] = normals[k].x * u.x + normals[k].y * u.y;
        inverse_speed[k] = 1.0 / speed_along[k];  // ±infinity when parallel, handled below
    }
    // Circumscribed circle of a module (corner radius, padded), in units of |u|.
    const double reach = (module_max_radius_ + 1e-6) * speed;
    const double reach2 = reach * reach;
    double best = infinity;
    for (const auto& module : module_pq_)
    {
        const double rp = f.x - module.x;
        const double rq = f.y - module.y;
        // Skip modules whose circumscribed circle the ray misses or that lie behind it.
        const double across = rp * u.y - rq * u.x;
        const double along = rp * u.x + rq * u.y;
        if (across * across > reach2 || along > reach) continue;
        double t_enter = -infinity, t_exit = infinity;
        bool misses = false;
        for (std::size_t k = 0; k < 3; ++k)
        {
            const double s = normals[k].x * rp + normals[k].y * rq;
            if (speed_along[k] == 0.0)
            {
                if (std::fabs(s) >= half_width) misses = true;
                continue;
            }
            double t1 = (-half_width - s) * inverse_speed[k];
            double t2 = (half_width - s) * inverse_speed[k];
            if (t1 > t2) std::swap(t1, t2);
            t_enter = std::max(t_enter, t1);
            t_exit = std::min(t_exit, t2);
        }
        if (misses || !(t_enter < t_exit)) continue;
        if (t_enter > t_min)
            best = std::min(best, t_enter);
        else if (t_exit > t_min)
            best = std::min(best, t_exit);
    }
    return best;
}

void EcalHexReadout::build_outlines()
{
    // Region of the module read out by a cell = module hexagon ∩ {points nearer to this
    // cell's centre than to any other cell's} (see locate()); a convex polygon obtained by
    // clipping the module hexagon with the bisectors to nearby centres.
    const double rm = module_max_radius_;
    const std::vector<Point2> module_outline{{rm, 0.0},        {rm / 2, module_min_radius_},
                                             {-rm / 2, module_min_radius_}, {-rm, 0.0},
                                             {-rm / 2, -module_min_radius_}, {rm / 2, -module_min_radius_}};
    const double reach2 = 100.0 * cell_min_radius_ * cell_min_radius_;  // (10 r_c)^2
    for (auto& cell : cells_)
    {
        std::vector<Point2> outline = module_outline;
        for (const auto& other : cells_)
        {
            if (&other == &cell) continue;
            const double dp = other.centre_pq.x - cell.centre_pq.x;
            const double dq = other.centre_pq.y - cell.centre_pq.y;
            if (dp * dp + dq * dq > reach2) continue;
            outline = clip_to_bisector(outline, cell.centre_pq, other.centre_pq);
        }
        cell.area = polygon_area(outline);
        cell.outline.clear();
        for (const auto& v : outline) cell.outline.push_back(to_lab(v.x, v.y));
    }
}

void EcalHexReadout::build_neighbours()
{
    // EcalGeometry::buildNeighborMaps: annuli on the distance between cell centres
    // relative to the layer centre (module centre + cell position), the same in all layers.
    const int per_module = cells_per_module();
    const int total = modules_per_layer * per_module;
    std::vector<Point2> position(static_cast<std::size_t>(total));
    for (int m = 0; m < modules_per_layer; ++m)
        for (int c = 0; c < per_module; ++c)
            position[static_cast<std::size_t>(m * per_module + c)] = {
                module_xy_[m].x + cells_[c].centre_xy.x, module_xy_[m].y + cells_[c].centre_xy.y};

    // Bucket the centres on a square grid of side 4.5 r_c so that each cell only looks at
    // the 3x3 buckets around it.
    const double bucket = 4.5 * cell_min_radius_;
    double x_lo = infinity, y_lo = infinity, x_hi = -infinity, y_hi = -infinity;
    for (const auto& v : position)
    {
        x_lo = std::min(x_lo, v.x);
        y_lo = std::min(y_lo, v.y);
        x_hi = std::max(x_hi, v.x);
        y_hi = std::max(y_hi, v.y);
    }
    const int nx = static_cast<int>((x_hi - x_lo) / bucket) + 1;
    const int ny = static_cast<int>((y_hi - y_lo) / bucket) + 1;
    const auto bucket_of = [&](Point2 v) {
        return std::pair{static_cast<int>((v.x - x_lo) / bucket), static_cast<int>((v.y - y_lo) / bucket)};
    };
    std::vector<std::vector<int>> buckets(static_cast<std::size_t>(nx) * ny);
    for (int i = 0; i < total; ++i)
    {
        const auto [bx, by] = bucket_of(position[i]);
        buckets[static_cast<std::size_t>(by) * nx + bx].push_back(i);
    }

    nn_offsets_.assign(1, 0);
    nnn_offsets_.assign(1, 0);
    nn_.clear();
    nnn_.clear();
    std::vector<int> near, next;
    for (int i = 0; i < total; ++i)
    {
        near.clear();
        next.clear();
        const auto [bx, by] = bucket_of(position[i]);
        for (int yy = std::max(0, by - 1); yy <= std::min(ny - 1, by + 1); ++yy)
            for (int xx = std::max(0, bx - 1); xx <= std::min(nx - 1, bx + 1); ++xx)
                for (int j : buckets[static_cast<std::size_t>(yy) * nx + xx])
                {
                    const double dx = position[j].x - position[i].x;
                    const double dy = position[j].y - position[i].y;
                    const double distance = std::sqrt(dx * dx + dy * dy);
                    if (distance > 1 * cell_min_radius_ && distance <= 3.0 * cell_min_radius_)
                        near.push_back(j);
                    else if (distance > 3.0 * cell_min_radius_ && distance <= 4.5 * cell_min_radius_)
                        next.push_back(j);
                }
        std::sort(near.begin(), near.end());
        std::sort(next.begin(), next.end());
        for (int j : near) nn_.push_back(static_cast<std::uint16_t>(j));
        for (int j : next) nnn_.push_back(static_cast<std::uint16_t>(j));
        nn_offsets_.push_back(static_cast<std::uint32_t>(nn_.size()));
        nnn_offsets_.push_back(static_cast<std::uint32_t>(nnn_.size()));
    }
}

std::span<const std::uint16_t> EcalHexReadout::nearest_neighbour_indices(int module, int cell) const noexcept
{
    const auto i = static_cast<std::size_t>(module * cells_per_module() + cell);
    return {nn_.data() + nn_offsets_[i], nn_.data() + nn_offsets_[i + 1]};
}

std::span<const std::uint16_t> EcalHexReadout::next_nearest_neighbour_indices(int module,
                                                                              int cell) const noexcept
{
    const auto i = static_cast<std::size_t>(module * cells_per_module() + cell);
    return {nnn_.data() + nnn_offsets_[i], nnn_.data() + nnn_offsets_[i + 1]};
}

std::vector<EcalId> EcalHexReadout::nearest_neighbours(EcalId id) const
{
    UMBRA_EXPECT(contains(id));
    std::vector<EcalId> out;
    for (auto flat : nearest_neighbour_indices(id.module(), id.cell()))
        out.emplace_back(id.layer(), flat / cells_per_module(), flat % cells_per_module());
    return out;
}

std::vector<EcalId> EcalHexReadout::next_nearest_neighbours(EcalId id) const
{
    UMBRA_EXPECT(contains(id));
    std::vector<EcalId> out;
    for (auto flat : next_nearest_neighbour_indices(id.module(), id.cell()))
        out.emplace_back(id.layer(), flat / cells_per_module(), flat % cells_per_module());
    return out;
}

bool EcalHexReadout::is_nearest_neighbour(EcalId centre, EcalId probe) const noexcept
{
    if (centre.layer() != probe.layer() || !contains(centre) || !contains(probe)) return false;
    const auto flat = static_cast<std::uint16_t>(probe.module() * cells_per_module() + probe.cell());
    const auto list = nearest_neighbour_indices(centre.module(), centre.cell());
    return std::binary_search(list.begin(), list.end(), flat);
}

bool EcalHexReadout::is_next_nearest_neighbour(EcalId centre, EcalId probe) const noexcept
{
    if (centre.layer() != probe.layer() || !contains(centre) || !contains(probe)) return false;
    const auto flat = static_cast<std::uint16_t>(probe.module() * cells_per_module() + probe.cell());
    const auto list = next_nearest_neighbour_indices(centre.module(), centre.cell());
    return std::binary_search(list.begin(), list.end(), flat);
}
}  // namespace umbra::geometry
