#include "umbra/geometry/EcalHexReadout.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <vector>

#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"

using umbra::geometry::EcalHexReadout;
using umbra::geometry::EcalId;
using umbra::geometry::Point2;

namespace
{
constexpr double sqrt3 = std::numbers::sqrt3;
constexpr double infinity = std::numeric_limits<double>::infinity();

const EcalHexReadout& v14()
{
    static const EcalHexReadout readout;
    return readout;
}

// ---------------------------------------------------------------------------------------
// Independent emulation of ldmx-sw EcalGeometry::getID for v14 (EcalGeometry.cxx and
// ROOT TH2Poly), written from the description of the algorithm, point by point:
//  * module: the first of modules 0..6 whose hexagon strictly contains the point
//    (isInside on coordinates rotated to (p, q) = (−y, x) and divided by the corner radius);
//  * cell: the first TH2Poly bin (in AddBin order) whose polygon contains (p, q) by the
//    even–odd crossing rule of TMath::IsInside; bins are the Honeycomb hexagons with more
//    than one corner inside the module, where each inside corner next to an outside corner
//    gets its perpendicular projection onto the nearest module edge inserted.
struct LdmxEmulation
{
    double module_r = 85.0;
    double module_big_r = 85.0 * (2 / std::sqrt(3.0));
    double cell_big_r = 2 * 85.0 / 35.3;
    double cell_r = (std::sqrt(3.0) / 2.) * (2 * 85.0 / 35.3);
    double pitch = 2 * 85.0 + 1.5;
    double shift = 2 * 85.0 / 35.3;

    struct Bin
    {
        std::vector<Point2> polygon;
        double p_lo, p_hi, q_lo, q_hi;
    };
    std::vector<Bin> bins;
    std::array<Point2, 7> modules{};

    static bool is_inside(double nx, double ny)
    {
        nx = std::fabs(nx);
        ny = std::fabs(ny);
        if (nx > 1. || ny > sqrt3 / 2) return false;
        return (-1) * (nx - 0.5) + (-1. / sqrt3) * (ny - sqrt3 / 2) > 0.;
    }

    static bool even_odd(const std::vector<Point2>& v, double x, double y)
    {
        bool odd = false;
        for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++)
        {
            if ((v[i].y < y && v[j].y >= y) || (v[j].y < y && v[i].y >= y))
                if (v[i].x + (y - v[i].y) / (v[j].y - v[i].y) * (v[j].x - v[i].x) < x) odd = !odd;
        }
        return odd;
    }

    LdmxEmulation()
    {
        modules[0] = {0, 0};
        for (int m = 1; m < 7; ++m)
            modules[m] = {pitch * std::cos((m - 1) * std::numbers::pi / 3),
                          -pitch * std::sin((m - 1) * std::numbers::pi / 3)};
        double min_p = -cell_r, min_q = 0;
        int np = 1, nq = 0;
        while (min_p > -module_big_r) min_p -= 2 * cell_r, ++np;
        while (min_q > -module_r) min_q -= (nq % 2 == 0 ? 1 : 2) * cell_big_r, ++nq;
        np *= 2;
        nq *= 2;
        const double a = cell_big_r;
        double row_p = min_p, row_q = min_q + a / 2;
        for (int s = 0; s < nq; ++s)
        {
            double p0 = row_p;
            for (int k = 0; k < (s % 2 == 0 ? np : np - 1); ++k)
            {
                const double w = a * sqrt3 / 2;
                std::array<Point2, 6> v{{{p0, row_q},
                                         {p0, row_q + a},
                                         {p0 + w, row_q + 1.5 * a},
                                         {p0 + 2 * w, row_q + a},
                                         {p0 + 2 * w, row_q},
                                         {p0 + w, row_q - a / 2}}};
                std::array<bool, 6> in{};
                int count = 0;
                for (int i = 0; i < 6; ++i) count += (in[i] = is_inside(v[i].x / module_big_r, v[i].y / module_big_r));
                if (count > 1) add_bin(v, in, count);
                p0 += a * sqrt3;
            }
            row_p += (s % 2 == 0 ? 1 : -1) * a * sqrt3 / 2;
            row_q += 1.5 * a;
        }
    }

    void add_bin(const std::array<Point2, 6>& v, const std::array<bool, 6>& in, int count)
    {
        Bin bin;
        for (int i = 0; i < 6; ++i)
        {
            const int next = (i + 1) % 6, previous = (i + 5) % 6;
            if (count == 6 || !in[i] || (in[next] && in[previous]))
            {
                bin.polygon.push_back(v[i]);
                continue;
            }
            // Module edge to project on: sloped edge on the −p or +p side, else the flat
            // edge; mirrored to q < 0 below the p axis.
            Point2 from, to;
            if (v[i].x < -module_big_r / 2)
                from = {-module_big_r, 0}, to = {-module_big_r / 2, module_r};
            else if (v[i].x > module_big_r / 2)
                from = {module_big_r / 2, module_r}, to = {module_big_r, 0};
            else
                from = {module_big_r / 2, module_r}, to = {-module_big_r / 2, module_r};
            if (v[i].y < 0) from.y = -from.y, to.y = -to.y;
            const double dx = to.x - from.x, dy = to.y - from.y;
            const double f = ((v[i].x - from.x) * dx + (v[i].y - from.y) * dy) / (dx * dx + dy * dy);
            const Point2 projected{from.x + f * dx, from.y + f * dy};
            if (!in[next])
                bin.polygon.insert(bin.polygon.end(), {v[i], projected});
            else
                bin.polygon.insert(bin.polygon.end(), {projected, v[i]});
        }
        bin.p_lo = bin.q_lo = infinity;
        bin.p_hi = bin.q_hi = -infinity;
        for (const auto& c : bin.polygon)
        {
            bin.p_lo = std::min(bin.p_lo, c.x);
            bin.p_hi = std::max(bin.p_hi, c.x);
            bin.q_lo = std::min(bin.q_lo, c.y);
            bin.q_hi = std::max(bin.q_hi, c.y);
        }
        bins.push_back(std::move(bin));
    }

    //! Module containing the point (getID's loop over modules), −1 if none.
    int module_of(double x, double y, int layer) const
    {
        const double lx = (layer % 2 == 1) ? shift : 0.0;
        for (int m = 0; m < 7; ++m)
        {
            const double dx = x - lx - modules[m].x, dy = y - modules[m].y;
            if (is_inside(-dy / module_big_r, dx / module_big_r)) return m;  // rotate()
        }
        return -1;
    }

    //! EcalID (layer, module, cell) or an empty optional when ldmx-sw would throw.
    std::optional<EcalId> get_id(double x, double y, int layer) const
    {
        const int m = module_of(x, y, layer);
        if (m < 0) return std::nullopt;
        const double lx = (layer % 2 == 1) ? shift : 0.0;
        const double p = -(y - modules[m].y), q = x - lx - modules[m].x;
        for (std::size_t b = 0; b < bins.size(); ++b)
        {
            const auto& bin = bins[b];
            if (p < bin.p_lo || p > bin.p_hi || q < bin.q_lo || q > bin.q_hi) continue;
            if (even_odd(bin.polygon, p, q)) return EcalId(layer, m, static_cast<int>(b));
        }
        return std::nullopt;  // "sea": FindBin returns a negative bin number
    }
};

const LdmxEmulation& ldmx()
{
    static const LdmxEmulation emulation;
    return emulation;
}

Point2 outline_centroid(const std::vector<Point2>& outline)
{
    double a = 0, cx = 0, cy = 0;
    for (std::size_t i = 0; i < outline.size(); ++i)
    {
        const auto& p = outline[i];
        const auto& q = outline[(i + 1) % outline.size()];
        const double w = p.x * q.y - q.x * p.y;
        a += w;
        cx += (p.x + q.x) * w;
        cy += (p.y + q.y) * w;
    }
    return {cx / (3 * a), cy / (3 * a)};
}
}  // namespace

TEST(EcalHexReadout, ChannelCountsOfV14)
{
    // Reference ldmx-v14-detector.md §4.5 (EcalID.h / CMS HGCal high-density sensor):
    // 432 cells per module, 3024 per layer, 102 816 channels in 34 layers.
    const auto& r = v14();
    EXPECT_EQ(r.cells_per_module(), 432);
    EXPECT_EQ(r.cells_per_layer(), 3024);
    EXPECT_EQ(r.channel_count(), 102816);
    EXPECT_EQ(ldmx().bins.size(), 432u);  // the emulated ldmx-sw construction agrees
    // Rows of the module = the (u, v) rows of ldmx-sw EcalID.cxx (row_starts table:
    // 13, 14, ... 24, 23, ... 12 cells), so v is the honeycomb row of the cell.
    for (int cell = 0; cell < r.cells_per_module(); ++cell)
        ASSERT_EQ(r.cell_row(cell), EcalId(0, 0, cell).cell_uv().second) << cell;
}

TEST(EcalHexReadout, RadiiAndCellArea)
{
    // Reference §4.5: cell centre-to-corner 2·85/35.3 = 4.8159 mm, centre-to-flat
    // 4.1707 mm, full-cell area ≈ 60.3 mm² (= (3√3/2) R² = 60.256 mm²); module
    // centre-to-corner 98.15 mm, centre spacing 171.5 mm.
    const auto& r = v14();
    EXPECT_NEAR(r.cell_max_radius(), 4.8159, 5e-5);
    EXPECT_NEAR(r.cell_min_radius(), 4.1707, 5e-5);
    EXPECT_NEAR(r.full_cell_area(), 60.3, 0.05);
    EXPECT_NEAR(r.full_cell_area(), 1.5 * sqrt3 * std::pow(2 * 85.0 / 35.3, 2), 1e-12);
    EXPECT_NEAR(r.module_max_radius(), 98.15, 5e-3);
    EXPECT_DOUBLE_EQ(r.module_pitch(), 171.5);

    // Areas of the module pieces add up to the module hexagon, 2√3 r² (exact).
    double total = 0;
    int whole = 0;
    for (int cell = 0; cell < r.cells_per_module(); ++cell)
    {
        total += r.cell_area(cell);
        if (!r.is_partial_cell(cell))
        {
            ++whole;
            // Whole cells away from cut neighbours read out exactly their hexagon.
            bool near_edge = false;
            for (auto n : r.nearest_neighbour_indices(0, cell))
                near_edge |= (n >= r.cells_per_module()) || r.is_partial_cell(n);
            if (!near_edge)
            {
                EXPECT_NEAR(r.cell_area(cell), r.full_cell_area(), 1e-9) << cell;
            }
        }
        EXPECT_GT(r.cell_area(cell), 0.0);
        EXPECT_LT(r.cell_area(cell), 1.2 * r.full_cell_area());
    }
    EXPECT_NEAR(total, 2 * sqrt3 * 85.0 * 85.0, 1e-8);
    EXPECT_GT(whole, 300);
}

TEST(EcalHexReadout, ModuleCentresMatchReferenceTable)
{
    // Reference §4.5 table (ecal.gdml, EcalGeometry.cxx buildModuleMap), values rounded to
    // 0.01 mm: m0 (0,0); m1 (171.5,0); m2 (85.75,−148.52); m3 (−85.75,−148.52);
    // m4 (−171.5,0); m5 (−85.75,148.52); m6 (85.75,148.52).
    const std::array<Point2, 7> expected{{{0, 0},
                                          {171.5, 0},
                                          {85.75, -148.52},
                                          {-85.75, -148.52},
                                          {-171.5, 0},
                                          {-85.75, 148.52},
                                          {85.75, 148.52}}};
    const auto& r = v14();
    for (int m = 0; m < 7; ++m)
    {
        const Point2 c = r.module_centre(0, m);
        EXPECT_NEAR(c.x, expected[m].x, 0.005) << m;
        EXPECT_NEAR(c.y, expected[m].y, 0.005) << m;
    }
}

TEST(EcalHexReadout, OddLayersShiftedByOneCellRadiusInX)
{
    // Reference §4.5 / EcalGeometry.py v14(): odd layers shifted by +2·85/35.3 = +4.8159 mm
    // in x, y unshifted; even layers centred.
    const auto& r = v14();
    for (int layer = 0; layer < r.layer_count(); ++layer)
    {
        const Point2 c = r.layer_centre(layer);
        EXPECT_NEAR(c.x, layer % 2 == 1 ? 4.8159 : 0.0, 5e-5) << layer;
        EXPECT_EQ(c.y, 0.0);
    }
    const Point2 even = r.cell_centre(EcalId(2, 3, 100));
    const Point2 odd = r.cell_centre(EcalId(3, 3, 100));
    EXPECT_NEAR(odd.x - even.x, 2 * 85.0 / 35.3, 1e-12);
    EXPECT_NEAR(odd.y - even.y, 0.0, 1e-12);
    // A point just inside the +x flat of module 0 in layer 0 lies in the gap in layer 1...
    EXPECT_TRUE(r.is_inside_module(0, 84.9, 0.0));
    EXPECT_TRUE(r.is_inside_module(1, 84.9, 0.0));
    EXPECT_FALSE(r.is_inside_module(0, 85.5, 0.0));
    EXPECT_TRUE(r.is_inside_module(1, 85.5, 0.0));
    EXPECT_FALSE(r.is_inside_module(1, 85.0 + 4.8159 + 0.5, 0.0));
    // ... and corners point along ±y (corner radius 98.15 mm).
    EXPECT_TRUE(r.is_inside_module(0, 0.0, 98.1));
    EXPECT_FALSE(r.is_inside_module(0, 0.0, 98.2));
}

TEST(EcalHexReadout, CellNumberingStartsAtNegativeXAndTopOfRow)
{
    // Honeycomb order (TH2Poly::Honeycomb + buildCellMap): row 0 at lowest q = most negative
    // lab x; along a row p grows, i.e. lab y decreases. Row 0 lies at q = −17 R_c.
    const auto& r = v14();
    const double big_r = 2 * 85.0 / 35.3;
    const Point2 first = r.cell_centre_in_module(0);
    EXPECT_NEAR(first.x, -17 * big_r, 1e-9);
    for (int cell = 1; cell < r.cells_per_module(); ++cell)
    {
        const Point2 a = r.cell_centre_in_module(cell - 1);
        const Point2 b = r.cell_centre_in_module(cell);
        if (r.cell_row(cell) == r.cell_row(cell - 1))
        {
            EXPECT_NEAR(b.x, a.x, 1e-9);
            EXPECT_NEAR(a.y - b.y, 2 * r.cell_min_radius(), 1e-9);
        }
        else
        {
            EXPECT_NEAR(b.x - a.x, 1.5 * big_r, 1e-9);
        }
    }
    // Module centre is a corner shared by three cells.
    int touching = 0;
    for (int cell = 0; cell < r.cells_per_module(); ++cell)
    {
        const Point2 c = r.cell_centre_in_module(cell);
        if (std::abs(std::hypot(c.x, c.y) - big_r) < 1e-9) ++touching;
    }
    EXPECT_EQ(touching, 3);
}

TEST(EcalHexReadout, IdPositionRoundTripLayers0And1)
{
    // Every cell position (centre of its whole hexagon, also for cut cells) lies inside its
    // module and maps back to the same id; so does the centroid of its read-out region.
    const auto& r = v14();
    for (int layer : {0, 1})
        for (int m = 0; m < 7; ++m)
            for (int cell = 0; cell < r.cells_per_module(); ++cell)
            {
                const EcalId id(layer, m, cell);
                const Point2 c = r.cell_centre(id);
                ASSERT_EQ(r.locate(layer, c.x, c.y), id) << id.to_string();
                ASSERT_EQ(ldmx().get_id(c.x, c.y, layer), id) << id.to_string();
                const Point2 offset = r.module_centre(layer, m);
                const Point2 g = outline_centroid(r.cell_outline(cell));
                ASSERT_EQ(r.locate(layer, offset.x + g.x, offset.y + g.y), id) << id.to_string();
            }
}

TEST(EcalHexReadout, LocateAgreesWithLdmxSwEmulation)
{
    // Random points over the whole flower (gaps and outside included) and concentrated in
    // a 12 mm band along the module edges, layers 0 and 1: locate() must give exactly the
    // id of the emulated ldmx-sw getID, and no point of a module may fall in no bin.
    const auto& r = v14();
    umbra::RandomStream rng({7, umbra::StreamId::test, 1});
    int compared = 0, in_silicon = 0, edge_band = 0;
    for (int i = 0; i < 240000; ++i)
    {
        const int layer = i % 2;
        double x = rng.uniform(-270, 275), y = rng.uniform(-260, 260);
        if (i % 3 != 0)
        {
            // Project into the edge band of a random module.
            const int m = static_cast<int>(rng.uniform() * 7);
            const Point2 c = r.module_centre(layer, m);
            const double angle = rng.uniform(0, 2 * std::numbers::pi);
            const double radius = rng.uniform(73, 99);
            x = c.x + radius * std::cos(angle);
            y = c.y + radius * std::sin(angle);
            ++edge_band;
        }
        const auto expected = ldmx().get_id(x, y, layer);
        const auto got = r.locate(layer, x, y);
        ASSERT_EQ(got, expected) << layer << " " << x << " " << y;
        const int module = ldmx().module_of(x, y, layer);
        ASSERT_EQ(r.module_at(layer, x, y), module < 0 ? std::nullopt : std::optional<int>(module));
        if (module >= 0)
        {
            ASSERT_TRUE(expected.has_value()) << "point of a module in no cell";
        }
        ++compared;
        if (got) ++in_silicon;
    }
    EXPECT_EQ(compared, 240000);
    EXPECT_GT(in_silicon, 100000);
    EXPECT_GT(edge_band, 150000);
}

TEST(EcalHexReadout, LocateIsNearestCellCentreInModule)
{
    // Brute force: inside a module the cell is the one with the nearest hexagon centre.
    const auto& r = v14();
    umbra::RandomStream rng({7, umbra::StreamId::test, 2});
    int checked = 0;
    for (int i = 0; i < 20000; ++i)
    {
        const int layer = i % 2;
        const double x = rng.uniform(-270, 275), y = rng.uniform(-260, 260);
        const auto module = r.module_at(layer, x, y);
        const auto id = r.locate(layer, x, y);
        ASSERT_EQ(module.has_value(), id.has_value());
        if (!module) continue;
        const Point2 c = r.module_centre(layer, *module);
        int best = -1;
        double best_d = infinity;
        for (int cell = 0; cell < r.cells_per_module(); ++cell)
        {
            const Point2 p = r.cell_centre_in_module(cell);
            const double d = std::hypot(x - c.x - p.x, y - c.y - p.y);
            if (d < best_d) best_d = d, best = cell;
        }
        ASSERT_EQ(*id, EcalId(layer, *module, best));
        ++checked;
    }
    EXPECT_GT(checked, 10000);
    EXPECT_FALSE(r.locate(-1, 0, 0).has_value());
    EXPECT_FALSE(r.locate(34, 0, 0).has_value());
    EXPECT_FALSE(r.locate(0, 1000, 0).has_value());
}

TEST(EcalHexReadout, CellAreasAgreeWithHitFrequencies)
{
    // Uniform points in module 0: the fraction falling in each cell estimates its area.
    const auto& r = v14();
    umbra::RandomStream rng({7, umbra::StreamId::test, 3});
    std::vector<int> counts(r.cells_per_module(), 0);
    const int n = 400000;
    int inside = 0;
    while (inside < n)
    {
        const double x = rng.uniform(-85, 85), y = rng.uniform(-98.2, 98.2);
        const auto id = r.locate(0, x, y);
        if (!id || id->module() != 0) continue;
        ++counts[id->cell()];
        ++inside;
    }
    const double module_area = 2 * sqrt3 * 85.0 * 85.0;
    double chi2 = 0;
    for (int cell = 0; cell < r.cells_per_module(); ++cell)
    {
        const double expected = n * r.cell_area(cell) / module_area;
        chi2 += (counts[cell] - expected) * (counts[cell] - expected) / expected;
        EXPECT_NEAR(counts[cell], expected, 6 * std::sqrt(expected) + 1) << cell;
    }
    // 431 degrees of freedom: mean 431, sd 29; allow 5 sd.
    EXPECT_LT(chi2, 431 + 5 * 29.4);
}

TEST(EcalHexReadout, NeighbourLists)
{
    const auto& r = v14();
    const double r_c = r.cell_min_radius();
    int interior = 0, cross_module = 0;
    for (int m = 0; m < 7; ++m)
        for (int cell = 0; cell < r.cells_per_module(); ++cell)
        {
            const EcalId id(4, m, cell);
            const auto nn = r.nearest_neighbours(id);
            const auto nnn = r.next_nearest_neighbours(id);
            const Point2 c = r.cell_centre(id);
            for (const auto& n : nn)
            {
                ASSERT_EQ(n.layer(), 4);
                const Point2 p = r.cell_centre(n);
                const double d = std::hypot(p.x - c.x, p.y - c.y);
                ASSERT_GT(d, r_c);
                ASSERT_LE(d, 3 * r_c);
                ASSERT_TRUE(r.is_nearest_neighbour(n, id));  // symmetric
                if (n.module() != m) ++cross_module;
            }
            for (const auto& n : nnn)
            {
                const Point2 p = r.cell_centre(n);
                const double d = std::hypot(p.x - c.x, p.y - c.y);
                ASSERT_GT(d, 3 * r_c);
                ASSERT_LE(d, 4.5 * r_c);
                ASSERT_TRUE(r.is_next_nearest_neighbour(n, id));
            }
            for (std::size_t i = 1; i < nn.size(); ++i) ASSERT_LT(nn[i - 1], nn[i]);
            // Cells at least three rings from the module edge: ideal honeycomb, 6 nearest
            // neighbours at 2 r_c and 12 next-nearest (6 at 2√3 r_c, 6 at 4 r_c).
            const Point2 local = r.cell_centre_in_module(cell);
            const double edge = std::min(85.0 - std::abs(local.y),
                                         85.0 - (sqrt3 / 2 * std::abs(local.x) + 0.5 * std::abs(local.y)));
            if (edge > 4 * 2 * r_c)
            {
                ++interior;
                EXPECT_EQ(nn.size(), 6u);
                EXPECT_EQ(nnn.size(), 12u);
                for (const auto& n : nn)
                {
                    const Point2 p = r.cell_centre(n);
                    EXPECT_NEAR(std::hypot(p.x - c.x, p.y - c.y), 2 * r_c, 1e-9);
                }
            }
            EXPECT_GE(nn.size(), 3u);
            EXPECT_LE(nn.size(), 6u);
        }
    EXPECT_GT(interior, 7 * 100);
    // Neighbour lists cross module boundaries, as in ldmx-sw (1.5 mm gap < cell size).
    EXPECT_GT(cross_module, 0);
    EXPECT_FALSE(r.is_nearest_neighbour(EcalId(0, 0, 100), EcalId(1, 0, 101)));
}

TEST(EcalHexReadout, RayDistanceToModuleEdgesHandWorked)
{
    const auto& r = v14();
    const double big_r_module = 85.0 * 2 / sqrt3;  // 98.1495 mm
    // Module 0 centre along +x: its +x flat at 85; then the 1.5 mm gap to module 1, its
    // width 170, then nothing.
    EXPECT_NEAR(r.distance_to_module_boundary(0, 0, 0, 1, 0), 85.0, 1e-12);
    EXPECT_NEAR(r.distance_to_module_boundary(0, 85.0, 0, 1, 0), 1.5, 1e-12);
    EXPECT_NEAR(r.distance_to_module_boundary(0, 86.5, 0, 1, 0), 170.0, 1e-12);
    EXPECT_EQ(r.distance_to_module_boundary(0, 256.5, 0, 1, 0), infinity);
    // Non-unit direction: t is in units of the direction's length.
    EXPECT_NEAR(r.distance_to_module_boundary(0, 0, 0, 2, 0), 42.5, 1e-12);
    // Odd layer: everything moves by +4.8159 mm in x.
    EXPECT_NEAR(r.distance_to_module_boundary(1, 2 * 85.0 / 35.3, 0, 1, 0), 85.0, 1e-12);
    // Along +y: to the corner at 98.15 mm, then up the gap between modules 5 and 6 (their
    // flats at x = ±0.75) without entering any module.
    EXPECT_NEAR(r.distance_to_module_boundary(0, 0, 0, 0, 1), big_r_module, 1e-9);
    EXPECT_EQ(r.distance_to_module_boundary(0, 0, big_r_module, 0, 1), infinity);
    // Towards module 6 (direction 60° below... above +x): flat at 85, gap 1.5.
    const double c = 0.5, s = sqrt3 / 2;
    EXPECT_NEAR(r.distance_to_module_boundary(0, 0, 0, c, s), 85.0, 1e-9);
    EXPECT_NEAR(r.distance_to_module_boundary(0, 85 * c, 85 * s, c, s), 1.5, 1e-9);
    // Up the gap between modules 0 and 1 (x = 85.75) to the lower corner of module 6 at
    // y = 148.5158 − 98.1495 = 50.3663.
    EXPECT_NEAR(r.distance_to_module_boundary(0, 85.75, 0, 0, 1), 171.5 * s - big_r_module, 1e-9);
    // From outside the flower towards −x module 4's outer flat at x = −256.5.
    EXPECT_NEAR(r.distance_to_module_boundary(0, -400, 0, 1, 0), 143.5, 1e-12);
    EXPECT_EQ(r.distance_to_module_boundary(0, -400, 0, -1, 0), infinity);
    EXPECT_EQ(r.distance_to_module_boundary(0, 0, 0, 0, 0), infinity);
}

TEST(EcalHexReadout, RayStepsSeparateSiliconFromGaps)
{
    // Walk random rays from boundary to boundary: inside each step the silicon/gap state is
    // constant (checked at 7 points) and changes at every stop.
    const auto& r = v14();
    umbra::RandomStream rng({7, umbra::StreamId::test, 4});
    int steps = 0, flips = 0;
    for (int ray = 0; ray < 3000; ++ray)
    {
        const int layer = ray % 2;
        double x = rng.uniform(-200, 200), y = rng.uniform(-200, 200);
        const double angle = rng.uniform(0, 2 * std::numbers::pi);
        const double ux = std::cos(angle), uy = std::sin(angle);
        bool previous_state = false;
        for (int k = 0; k < 40; ++k)
        {
            const double t = r.distance_to_module_boundary(layer, x, y, ux, uy);
            if (t == infinity)
            {
                // Beyond the last boundary the ray is outside all modules.
                EXPECT_FALSE(r.is_inside_module(layer, x + 1e3 * ux, y + 1e3 * uy));
                break;
            }
            ASSERT_GT(t, 0.0);
            const bool state = r.is_inside_module(layer, x + 0.5 * t * ux, y + 0.5 * t * uy);
            for (double f : {1e-6, 0.1, 0.3, 0.7, 0.9, 1 - 1e-6})
                ASSERT_EQ(r.is_inside_module(layer, x + f * t * ux, y + f * t * uy), state)
                    << ray << " " << k << " " << f;
            if (k > 0 && state != previous_state) ++flips;
            previous_state = state;
            x += t * ux;
            y += t * uy;
            ++steps;
        }
    }
    EXPECT_GT(steps, 6000);
    EXPECT_GT(flips, steps / 2);
}

TEST(EcalHexReadout, FlatSideUpOrientationAndValidation)
{
    // ldmx-sw v12 layout (cornersSideUp = False, no layer shift): module 1 on +y at
    // (0, 171.5), numbered clockwise seen from +z... module m at D (sin θ, cos θ).
    EcalHexReadout::Config config;
    config.orientation = EcalHexReadout::Orientation::flat_side_up;
    config.layer_shift = EcalHexReadout::LayerShift::none;
    const EcalHexReadout v12(config);
    EXPECT_EQ(v12.cells_per_module(), 432);
    EXPECT_NEAR(v12.module_centre(0, 1).x, 0.0, 1e-12);
    EXPECT_NEAR(v12.module_centre(0, 1).y, 171.5, 1e-12);
    EXPECT_NEAR(v12.module_centre(1, 2).x, 171.5 * sqrt3 / 2, 1e-9);
    EXPECT_TRUE(v12.is_inside_module(0, 98.1, 0));  // corners along ±x now
    EXPECT_FALSE(v12.is_inside_module(0, 0, 85.5));
    for (int m = 0; m < 7; ++m)
    {
        const Point2 c = v12.module_centre(0, m);
        ASSERT_EQ(v12.locate(0, c.x + 0.3, c.y + 0.2)->module(), m);
    }

    const auto throws = [](auto edit) {
        EcalHexReadout::Config bad;
        edit(bad);
        EXPECT_THROW(EcalHexReadout{bad}, umbra::InputError);
    };
    throws([](auto& c) { c.module_min_radius = -1; });
    throws([](auto& c) { c.module_gap = -0.1; });
    throws([](auto& c) { c.n_cell_r_height = 1; });
    throws([](auto& c) { c.layer_count = 65; });
    throws([](auto& c) { c.layer_shift_x = std::nan(""); });
}
