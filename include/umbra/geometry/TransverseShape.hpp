#pragma once
//! \file
//! The cross-section of a detector volume in the transverse (x, y) plane: a
//! union of disjoint simple polygons (convex or not). Every umbra volume is a
//! prism, a TransverseShape extruded between two z planes, which is all the
//! LDMX geometry needs (slabs, plates, hexagonal modules, bars, sensors) and
//! keeps navigation exact and fast without a general solid modeller.
#include <limits>
#include <vector>

namespace umbra::geometry
{
//! A point or direction in the transverse plane [mm].
struct Point2
{
    double x = 0;  //!< [mm]
    double y = 0;  //!< [mm]
};

//! Axis-aligned bounding rectangle [mm].
struct Bounds2
{
    double x_min = std::numeric_limits<double>::infinity();
    double x_max = -std::numeric_limits<double>::infinity();
    double y_min = std::numeric_limits<double>::infinity();
    double y_max = -std::numeric_limits<double>::infinity();

    bool contains(double x, double y) const noexcept
    {
        return x >= x_min && x <= x_max && y >= y_min && y <= y_max;
    }
    void expand(const Bounds2& other) noexcept;
};

class TransverseShape
{
public:
    static constexpr double infinity = std::numeric_limits<double>::infinity();
    //! Edge crossings closer than this are ignored by distance_along(): the point is on that
    //! edge (as after a boundary step), like Geant4's kCarTolerance [mm].
    static constexpr double surface_tolerance = 1e-9;

    //! Rectangle of full widths `size_x` × `size_y` centred on `centre`, rotated by
    //! `angle` [rad] counter-clockwise about its centre.
    static TransverseShape rectangle(Point2 centre, double size_x, double size_y, double angle = 0);
    //! Regular hexagon with centre-to-flat distance `apothem`; `corners_along_y` puts two
    //! corners on the ±y axis (flats facing ±x), as the LDMX ECal modules.
    static TransverseShape hexagon(Point2 centre, double apothem, bool corners_along_y);
    //! A simple polygon (at least 3 vertices, edges not crossing; either orientation).
    //! Throws std::invalid_argument for degenerate or self-intersecting input.
    static TransverseShape polygon(std::vector<Point2> vertices);

    //! Union with another shape; the caller guarantees the pieces do not overlap.
    TransverseShape& add(const TransverseShape& other);
    //! The same shape moved by (dx, dy).
    TransverseShape translated(double dx, double dy) const;

    //! Whether (x, y) is inside (points exactly on an edge may go either way).
    bool contains(double x, double y) const noexcept;
    //! Distance along the transverse direction (ux, uy) (not necessarily unit) from
    //! (x, y) to the first edge crossing, in units of that direction's length
    //! parameter t (the crossing is at (x + t ux, y + t uy)); infinity if none.
    //! Crossings beyond `max_distance` are not looked for (infinity is returned instead),
    //! which lets the caller skip polygons it already knows to be out of reach.
    double distance_along(double x, double y, double ux, double uy, double max_distance = infinity) const noexcept;
    //! Shortest distance from (x, y) to any edge [mm] (a safe isotropic step), or any value
    //! >= `max_distance` when all edges are at least that far.
    double distance_to_edge(double x, double y, double max_distance = infinity) const noexcept;

    const Bounds2& bounds() const noexcept { return bounds_; }
    //! Area [mm^2].
    double area() const noexcept;
    std::size_t polygon_count() const noexcept { return polygons_.size(); }
    const std::vector<Point2>& vertices(std::size_t polygon) const { return polygons_[polygon].vertices; }

private:
    struct Polygon
    {
        std::vector<Point2> vertices;  //!< counter-clockwise, not closed
        Bounds2 bounds;
        Bounds2 inner;  //!< an axis-aligned rectangle inside the polygon (fast paths), may be empty
        bool axis_aligned_rectangle = false;
    };
    static Bounds2 inner_rectangle(const Polygon& polygon) noexcept;
    static Polygon make_polygon(std::vector<Point2> vertices);
    static bool polygon_contains(const Polygon& polygon, double x, double y) noexcept;

    std::vector<Polygon> polygons_;
    Bounds2 bounds_;
};
}  // namespace umbra::geometry
