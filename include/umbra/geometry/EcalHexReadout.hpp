#pragma once
//! \file
//! Transverse readout geometry of the LDMX ECal: seven hexagonal Si modules per layer
//! ("flower") and the hexagonal cells of each module, with the module and cell numbering
//! of ldmx-sw `DetDescr/src/DetDescr/EcalGeometry.cxx` (buildModuleMap, buildCellMap,
//! getID, buildNeighborMaps) for the v14 parameters of `DetDescr/python/EcalGeometry.py`
//! (`EcalGeometry.v14()`), so that an EcalId from umbra names the same cell as in ldmx-sw.
//!
//! ## Frames
//! The lab transverse plane is (x, y). ldmx-sw works in a "flower" frame (p, q): for
//! corner-side-up modules (v13 and later) p = −y, q = x; for flat-side-up (≤ v12) p = x,
//! q = y. In (p, q) a module is a regular hexagon with corners on the ±p axis at the
//! module corner radius R_m = 2 r_m/√3 and flats at q = ±r_m (r_m = 85 mm, so in the lab
//! the corners point ±y). Cells are hexagons turned the other way (corners along ±q, i.e.
//! flats facing ±y in the lab), centre-to-corner R_c = 2 r_m / n_cell_r_height
//! = 4.8159 mm, centre-to-flat r_c = (√3/2) R_c = 4.1707 mm.
//!
//! ## Layers and modules
//! Layer l is centred at (0, 0), or at (layer_shift_x, layer_shift_y) when shifted
//! (v14: every odd layer by +2 r_m / n_cell_r_height = +4.8159 mm in x).
//! Module 0 sits at the layer centre; module m = 1 … 6 at distance D = 2 r_m + gap
//! (= 171.5 mm) at lab (D cos θ, −D sin θ), θ = (m−1)·60°, for corner-side-up
//! (flat-side-up: (D sin θ, D cos θ)) — EcalGeometry.cxx buildModuleMap.
//!
//! ## Cells (EcalGeometry.cxx buildCellMap)
//! A honeycomb of corner-along-q hexagons (ROOT TH2Poly::Honeycomb, bins added row by row
//! from low q, left to right in p within a row) is laid so that the module centre is a
//! corner shared by three cells: rows at q = q_0 + 1.5 R_c s, centres at p = j r_c with
//! j ≡ s (mod 2) (v14: q_0 = −17 R_c, 24 rows). A honeycomb hexagon becomes a cell when
//! more than one of its six corners is strictly inside the module hexagon (the ldmx-sw
//! `isInside` test); cells are numbered in honeycomb order. For v14 that gives
//! 432 cells per module: 363 whole hexagons, 69 cut by the module edge (33 with five and
//! 36 with three corners inside); rows v = 0 … 23 hold 13, 14, … 24, 23, … 12 cells, the
//! rows of the (u, v) labels of ldmx-sw EcalID.cxx. In the lab (corners up) rows run
//! along y at increasing x, and the index grows towards −y along a row: cell 0 is at the
//! −x end of the module, on the +y side of its row. A cell's position is the centre of its whole honeycomb hexagon, also for
//! cut cells ("save cell location as center of ENTIRE hexagon"); for v14 all 432 such
//! centres lie inside the module.
//!
//! ## Locating a point (EcalGeometry::getID)
//! ldmx-sw finds the module whose hexagon strictly contains the point, then the first
//! TH2Poly bin containing it, where cut cells are polygons with the corners next to an
//! outside corner projected onto the module edge. Every point of the module then falls in
//! the cell whose hexagon centre is nearest among the 432 cells; locate() uses that rule
//! with O(1) honeycomb arithmetic (the unit test checks it against a point-by-point
//! emulation of the TH2Poly bins). Points in the 1.5 mm gaps or outside the flower have
//! no cell (ldmx-sw throws, or returns a null id when fallible).
//!
//! ## Neighbours (EcalGeometry::buildNeighborMaps)
//! Within one layer, across module boundaries: nearest neighbours are the cells whose
//! centres lie at a distance d with r_c < d ≤ 3 r_c, next-nearest 3 r_c < d ≤ 4.5 r_c
//! (ideal lattice: 6 at 2 r_c; 6 at 2√3 r_c and 6 at 4 r_c). Lists are ordered by raw id.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "umbra/geometry/EcalId.hpp"
#include "umbra/geometry/TransverseShape.hpp"

namespace umbra::geometry
{
class EcalHexReadout
{
public:
    //! Module orientation (ldmx-sw `cornersSideUp`).
    enum class Orientation
    {
        corners_side_up,  //!< v13 and later: module corners on ±y
        flat_side_up,     //!< v12 and earlier: module flats facing ±y
    };
    //! Which layers are displaced by (layer_shift_x, layer_shift_y) (ldmx-sw
    //! `layer_shift_odd`, `layer_shift_odd_bilayer`).
    enum class LayerShift
    {
        none,
        odd_layers,    //!< layers 1, 3, 5, … (v14)
        odd_bilayers,  //!< layers with (layer / 2) odd
    };

    //! Defaults are ldmx-sw `EcalGeometry.v14()` (DetDescr/python/EcalGeometry.py).
    struct Config
    {
        double module_min_radius = 85.0;  //!< module centre-to-flat radius [mm] (moduleMinR)
        double module_gap = 1.5;          //!< gap between facing module flats [mm] (gap)
        //! Number of cell centre-to-corner radii spanning the module height (nCellRHeight).
        double n_cell_r_height = 35.3;
        Orientation orientation = Orientation::corners_side_up;
        LayerShift layer_shift = LayerShift::odd_layers;
        //! x shift of the shifted layers [mm]; unset = 2 module_min_radius / n_cell_r_height
        //! (= 4.8159 mm, "shift by a single cell diameter" in EcalGeometry.v14()).
        std::optional<double> layer_shift_x;
        double layer_shift_y = 0.0;  //!< y shift of the shifted layers [mm]
        int layer_count = 34;        //!< number of Si layers (≤ 64, the EcalId field)
    };

    static constexpr int modules_per_layer = 7;

    //! The LDMX v14 readout (default Config).
    EcalHexReadout();
    //! Builds the tables; throws InputError for an unusable Config.
    explicit EcalHexReadout(const Config& config);

    const Config& config() const noexcept { return config_; }

    int layer_count() const noexcept { return config_.layer_count; }
    int cells_per_module() const noexcept { return static_cast<int>(cells_.size()); }
    int cells_per_layer() const noexcept { return modules_per_layer * cells_per_module(); }
    int channel_count() const noexcept { return layer_count() * cells_per_layer(); }
    //! Whether id is a channel of this readout (ECal precision id, fields in range).
    bool contains(EcalId id) const noexcept;

    double module_min_radius() const noexcept { return module_min_radius_; }  //!< [mm]
    double module_max_radius() const noexcept { return module_max_radius_; }  //!< [mm]
    double module_pitch() const noexcept { return module_pitch_; }  //!< centre distance [mm]
    double cell_min_radius() const noexcept { return cell_min_radius_; }      //!< [mm]
    double cell_max_radius() const noexcept { return cell_max_radius_; }      //!< [mm]

    //! Transverse centre of a layer (its shift) [mm].
    Point2 layer_centre(int layer) const noexcept;
    //! Centre of a module in the lab [mm].
    Point2 module_centre(int layer, int module) const noexcept;
    //! Centre of a cell's whole hexagon relative to its module centre, lab axes [mm].
    Point2 cell_centre_in_module(int cell) const noexcept { return cells_[cell].centre_xy; }
    //! Centre of the cell in the lab (ldmx-sw getPosition without z) [mm].
    Point2 cell_centre(EcalId id) const noexcept;

    //! Module whose hexagon strictly contains (x, y) in this layer, if any.
    std::optional<int> module_at(int layer, double x, double y) const noexcept;
    //! Whether (x, y) is in the silicon of some module (not in a gap or outside).
    bool is_inside_module(int layer, double x, double y) const noexcept
    {
        return module_at(layer, x, y).has_value();
    }
    //! Cell read out at (x, y) [mm] in a layer; nullopt in gaps, outside the flower or for
    //! a layer out of range. O(1).
    std::optional<EcalId> locate(int layer, double x, double y) const noexcept;

    //! Length parameter t to the first crossing of a module-hexagon edge of this layer by
    //! the ray (x + t ux, y + t uy), t > 0; (ux, uy) need not be unit (pass the transverse
    //! part of a unit 3-D direction to get the 3-D path length). Crossings closer than
    //! boundary_tolerance (transverse distance) are skipped, so a point left on an edge by
    //! the previous step finds the next edge. Infinity if the ray crosses no edge. Decide
    //! the medium of a step from its midpoint (is_inside_module) to be robust on edges.
    double distance_to_module_boundary(int layer, double x, double y, double ux,
                                       double uy) const noexcept;
    static constexpr double boundary_tolerance = 1e-9;  //!< [mm]

    //! Nearest neighbours of a cell in its layer (EcalGeometry::getNN), ordered by raw id.
    std::vector<EcalId> nearest_neighbours(EcalId id) const;
    //! Next-nearest neighbours (EcalGeometry::getNNN), ordered by raw id.
    std::vector<EcalId> next_nearest_neighbours(EcalId id) const;
    //! Same as above as flat indices module·cells_per_module + cell (no allocation).
    std::span<const std::uint16_t> nearest_neighbour_indices(int module, int cell) const noexcept;
    std::span<const std::uint16_t> next_nearest_neighbour_indices(int module, int cell) const noexcept;
    bool is_nearest_neighbour(EcalId centre, EcalId probe) const noexcept;
    bool is_next_nearest_neighbour(EcalId centre, EcalId probe) const noexcept;

    //! Area of a whole cell hexagon, (3√3/2) R_c² [mm²].
    double full_cell_area() const noexcept { return full_cell_area_; }
    //! Area of the part of the module read out by the cell [mm²] (equals full_cell_area()
    //! for cells far from the module edge).
    double cell_area(int cell) const noexcept { return cells_[cell].area; }
    //! Outline of that part (convex polygon, counter-clockwise, relative to the module
    //! centre, lab axes) [mm].
    const std::vector<Point2>& cell_outline(int cell) const noexcept { return cells_[cell].outline; }
    //! Whether the cell's hexagon is cut by the module edge.
    bool is_partial_cell(int cell) const noexcept { return cells_[cell].partial; }
    //! Honeycomb row of a cell (0 = lowest q, i.e. most negative lab x for corners-up).
    int cell_row(int cell) const noexcept { return cells_[cell].row; }

private:
    struct Cell
    {
        Point2 centre_pq;             //!< hexagon centre, flower frame [mm]
        Point2 centre_xy;             //!< hexagon centre, lab axes, module-relative [mm]
        int row = 0;                  //!< honeycomb row s
        int column = 0;               //!< j with centre p = j r_c
        bool partial = false;         //!< hexagon cut by the module edge
        double area = 0;              //!< [mm^2]
        std::vector<Point2> outline;  //!< lab axes, module-relative [mm]
    };

    Point2 to_flower(double x, double y) const noexcept;
    Point2 to_lab(double p, double q) const noexcept;
    bool inside_module_hexagon(double p, double q) const noexcept;
    int module_near(double p, double q) const noexcept;
    int cell_near(double p, double q) const noexcept;
    void build_cells();
    void build_outlines();
    void build_neighbours();

    Config config_;
    double module_min_radius_;  //!< r_m [mm]
    double module_max_radius_;  //!< R_m [mm]
    double module_pitch_;       //!< 2 r_m + gap [mm]
    double cell_max_radius_;    //!< R_c [mm]
    double cell_min_radius_;    //!< r_c [mm]
    double full_cell_area_;     //!< [mm^2]
    double shift_x_;            //!< [mm]
    double inverse_module_max_radius_;  //!< 1 / R_m [1/mm]
    double inverse_row_pitch_;        //!< 1 / (1.5 R_c) [1/mm]
    double inverse_cell_min_radius_;  //!< 1 / r_c [1/mm]
    double inverse_module_pitch_;     //!< 1 / D [1/mm]
    double axial_b_scale_;            //!< 2 / (√3 D) [1/mm]

    std::array<Point2, modules_per_layer> module_xy_{};  //!< lab, layer-relative [mm]
    std::array<Point2, modules_per_layer> module_pq_{};  //!< flower frame [mm]
    //! Module at axial lattice site (a, b) ∈ {−1, 0, 1}², index (a+1)·3 + b+1; −1 if none.
    std::array<int, 9> module_site_{};

    std::vector<Cell> cells_;
    // Honeycomb lookup: rows [0, row_count_), columns j in [column_min_, column_min_ + width_).
    double row_q0_ = 0;  //!< q of row 0 centres [mm]
    int row_count_ = 0;
    int column_min_ = 0;
    int column_width_ = 0;
    std::vector<std::int16_t> grid_cell_;  //!< cell id or −1 (hexagon not a cell)
    //! For honeycomb slots that are not cells: the cells that may be nearest, CSR.
    std::vector<std::uint32_t> fallback_offsets_;
    std::vector<std::int16_t> fallback_cells_;

    std::vector<std::uint32_t> nn_offsets_, nnn_offsets_;
    std::vector<std::uint16_t> nn_, nnn_;
};
}  // namespace umbra::geometry
