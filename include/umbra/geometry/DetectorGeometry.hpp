#pragma once
//! \file
//! The detector as the transport sees it: an immutable Params object holding
//! the volume tree, the materials, the magnetic field and the calorimeter
//! layouts, built once from a versioned description file
//! (data/detectors/<name>.toml, format in docs/geometry.md) and shared by all
//! threads. Navigation is exact for prisms: locate() finds the deepest volume
//! containing a point with one binary search in z per tree level, and
//! distance_to_boundary() gives the straight-line distance to the next surface.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "umbra/core/ThreeVector.hpp"
#include "umbra/geometry/Material.hpp"
#include "umbra/geometry/Volume.hpp"
#include "umbra/geometry/ZSlabIndex.hpp"

namespace umbra::geometry
{
//! A uniform magnetic field inside an axis-aligned box, zero outside.
struct UniformFieldRegion
{
    ThreeVector field_tesla;  //!< [T]
    ThreeVector min;          //!< [mm]
    ThreeVector max;          //!< [mm]

    bool contains(const ThreeVector& p) const noexcept
    {
        return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y && p.z >= min.z && p.z <= max.z;
    }
};

//! A plane z = const where crossing particles are recorded (ldmx-sw scoring-plane ids).
struct ScoringPlane
{
    std::string name;
    int id = 0;
    double z = 0;  //!< [mm]
};

//! One material slab of the ECal stack, in increasing z (gaps included).
struct EcalSlab
{
    std::string name;       //!< component name ("w_front", "si", "gap", ...)
    std::string material;   //!< material name ("" for a gap: envelope air)
    double z_front = 0;     //!< [mm]
    double z_back = 0;      //!< [mm]
    int bilayer = 0;        //!< 0 = pre-shower
    int si_layer = -1;      //!< Si layer index for the sensitive planes, else -1
    bool odd_side = false;  //!< moves with the odd flower
    int volume = -1;        //!< volume id (-1 for gaps)
};

//! ECal layout facts the readout and reconstruction need.
struct EcalLayout
{
    double front_z = 0;                   //!< envelope front face [mm]
    double module_apothem = 0;            //!< module centre-to-flat [mm]
    double module_gap = 0;                //!< flat-to-flat gap between modules [mm]
    double cells_across_module = 0;       //!< module corner-to-corner / cell centre-to-corner
    Point2 odd_layer_shift;               //!< transverse shift of odd Si layers [mm]
    std::vector<EcalSlab> slabs;          //!< the whole stack
    std::vector<int> si_slab;             //!< slab index of each Si layer
    std::vector<double> ldmx_sw_layer_z;  //!< EcalGeometry.py v14 z per layer [mm] (reference only)

    int layer_count() const noexcept { return static_cast<int>(si_slab.size()); }
    //! Centre z of Si layer `layer` as simulated [mm].
    double layer_z(int layer) const { return 0.5 * (slabs[si_slab[layer]].z_front + slabs[si_slab[layer]].z_back); }
    //! Module centre of module m (0 central, 1–6 around, ldmx-sw numbering) in an even layer [mm].
    Point2 module_centre(int module) const noexcept;
};

class DetectorGeometry
{
public:
    //! Load a description file; every problem is an InputError with file and line.
    static std::shared_ptr<const DetectorGeometry> load(const std::filesystem::path& path);
    //! Load a detector shipped with umbra by name ("ldmx-det-v14-8gev") or a path.
    static std::shared_ptr<const DetectorGeometry> load_named(const std::string& name_or_path);
    //! Where shipped detector descriptions live (UMBRA_DATA_DIR or the source tree's data/).
    static std::filesystem::path data_directory();

    const std::string& name() const noexcept { return name_; }
    const std::string& description() const noexcept { return description_; }
    const std::filesystem::path& source() const noexcept { return source_; }

    // -- Navigation (thread-safe, no state) ------------------------------------------------
    //! How far along the direction locate() looks to decide which side of a side surface a
    //! point on it belongs to [mm].
    static constexpr double surface_push = 1e-7;
    //! Deepest volume containing p; a point on a surface is resolved towards `direction`.
    //! -1 outside the world.
    int locate(const ThreeVector& p, const ThreeVector& direction) const noexcept;
    //! The same answer as locate(p, direction), searched from `hint` (e.g. the volume the
    //! particle was in before a step): up to the nearest ancestor of `hint` containing p, then
    //! down as locate() does. Identical for a geometry whose daughters lie inside their mother
    //! and do not overlap (what locate() assumes), and cheaper when p is near `hint`.
    int locate(const ThreeVector& p, const ThreeVector& direction, int hint) const noexcept;
    //! Straight-line distance from p along the unit `direction` to the next surface where the
    //! volume may change, for p inside `volume` (as given by locate()).
    double distance_to_boundary(const ThreeVector& p, const ThreeVector& direction, int volume) const noexcept;
    //! A distance within which no surface lies in any direction (a lower bound) [mm].
    double safety(const ThreeVector& p, int volume) const noexcept;

    // -- Content ---------------------------------------------------------------------------
    const std::vector<Volume>& volumes() const noexcept { return volumes_; }
    const Volume& volume(int id) const { return volumes_[static_cast<std::size_t>(id)]; }
    //! Volume id by name; -1 if absent.
    int find_volume(std::string_view name) const noexcept;
    const std::vector<Material>& materials() const noexcept { return materials_; }
    const Material& material(int id) const { return materials_[static_cast<std::size_t>(id)]; }
    //! Material id by name; -1 if absent.
    int find_material(std::string_view name) const noexcept;
    const std::vector<std::string>& regions() const noexcept { return regions_; }
    //! Region id by name; -1 if absent.
    int find_region(std::string_view name) const noexcept;
    //! Region id by name; InputError "<who>: '<name>' is not a region of detector '<d>' (regions: ...)"
    //! if absent.
    int require_region(std::string_view name, std::string_view who) const;
    const std::vector<UniformFieldRegion>& field_regions() const noexcept { return fields_; }
    //! Magnetic field at p [T].
    ThreeVector field_tesla(const ThreeVector& p) const noexcept;
    const std::vector<ScoringPlane>& scoring_planes() const noexcept { return scoring_planes_; }
    const EcalLayout& ecal() const noexcept { return ecal_; }

private:
    friend class DetectorBuilder;
    DetectorGeometry() = default;
    void build_indices();

    std::string name_;
    std::string description_;
    std::filesystem::path source_;
    std::vector<Volume> volumes_;          //!< volume 0 is the world
    std::vector<ZSlabIndex> child_index_;  //!< per volume, over its children
    std::vector<Material> materials_;
    std::vector<std::string> regions_;
    std::vector<UniformFieldRegion> fields_;
    std::vector<ScoringPlane> scoring_planes_;
    EcalLayout ecal_;
};
}  // namespace umbra::geometry
