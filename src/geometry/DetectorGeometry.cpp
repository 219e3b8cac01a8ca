#include "umbra/geometry/DetectorGeometry.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>

#include "umbra/core/Error.hpp"

namespace umbra::geometry
{
namespace
{
constexpr double infinity = std::numeric_limits<double>::infinity();

//! Distance along dz from z to the plane bounding [low, high] in the direction of motion.
double distance_to_planes(double z, double dz, double low, double high) noexcept
{
    if (dz > 0) return (high - z) / dz;
    if (dz < 0) return (low - z) / dz;
    return infinity;
}
}  // namespace

Point2 EcalLayout::module_centre(int module) const noexcept
{
    if (module == 0) return {0, 0};
    // ldmx-sw EcalGeometry::buildModuleMap: module m >= 1 at distance 2 apothem + gap,
    // angle -(m - 1) 60° from +x (reference §4.5).
    const double spacing = 2 * module_apothem + module_gap;
    const double angle = -(module - 1) * std::numbers::pi / 3;
    return {spacing * std::cos(angle), spacing * std::sin(angle)};
}

void DetectorGeometry::build_indices()
{
    child_index_.assign(volumes_.size(), ZSlabIndex{});
    for (std::size_t v = 0; v < volumes_.size(); ++v)
    {
        std::vector<std::pair<double, double>> ranges;
        for (int child : volumes_[v].children) ranges.emplace_back(volumes_[child].z_min, volumes_[child].z_max);
        child_index_[v] = ZSlabIndex(ranges, volumes_[v].children);
    }
}

int DetectorGeometry::locate(const ThreeVector& p, const ThreeVector& direction) const noexcept
{
    return locate(p, direction, 0);
}

int DetectorGeometry::locate(const ThreeVector& p, const ThreeVector& direction, int hint) const noexcept
{
    // A point on a side surface belongs to the volume the direction points into: test the
    // transverse shapes a hair (surface_push) further along the direction. Points on a z plane
    // are resolved exactly by the sign of direction.z.
    const double x = p.x + surface_push * direction.x;
    const double y = p.y + surface_push * direction.y;
    const auto inside = [&](const Volume& v) {
        if (p.z < v.z_min || p.z > v.z_max) return false;
        if ((p.z == v.z_min && direction.z <= 0) || (p.z == v.z_max && direction.z >= 0)) return false;
        return v.shape.contains(x, y);
    };
    if (volumes_.empty()) return -1;
    // Up from the hint to the first volume containing p (the world if none below it does).
    int current = hint >= 0 && hint < static_cast<int>(volumes_.size()) ? hint : 0;
    while (current > 0 && !inside(volumes_[static_cast<std::size_t>(current)]))
        current = volumes_[static_cast<std::size_t>(current)].parent;
    if (current <= 0)
    {
        if (!inside(volumes_[0])) return -1;
        current = 0;
    }
    // Down through the daughters containing p.
    for (;;)
    {
        const auto& index = child_index_[current];
        const int interval = index.interval(p.z, direction.z);
        if (interval < 0) return current;
        int next = -1;
        for (int child : index.members(interval))
        {
            if (volumes_[child].shape.contains(x, y))
            {
                next = child;
                break;
            }
        }
        if (next < 0) return current;
        current = next;
    }
}

double DetectorGeometry::distance_to_boundary(const ThreeVector& p, const ThreeVector& direction,
                                              int volume) const noexcept
{
    const auto& v = volumes_[volume];
    // Leaving the volume itself.
    double distance = distance_to_planes(p.z, direction.z, v.z_min, v.z_max);
    distance = std::min(distance, v.shape.distance_along(p.x, p.y, direction.x, direction.y, distance));
    // Entering a child: the children overlapping the current z interval, and the interval's planes.
    const auto& index = child_index_[volume];
    if (index.interval_count() == 0) return std::max(distance, 0.0);
    const int interval = index.interval(p.z, direction.z);
    if (interval < 0)
    {
        if (direction.z > 0 && p.z < index.low_plane(0)) distance = std::min(distance, (index.low_plane(0) - p.z) / direction.z);
        const int last = index.interval_count() - 1;
        if (direction.z < 0 && p.z > index.high_plane(last))
        {
            distance = std::min(distance, (index.high_plane(last) - p.z) / direction.z);
        }
        return std::max(distance, 0.0);
    }
    distance = std::min(distance, distance_to_planes(p.z, direction.z, index.low_plane(interval), index.high_plane(interval)));
    for (int child : index.members(interval))
    {
        distance = std::min(distance, volumes_[child].shape.distance_along(p.x, p.y, direction.x, direction.y, distance));
    }
    return std::max(distance, 0.0);
}

double DetectorGeometry::safety(const ThreeVector& p, int volume) const noexcept
{
    const auto& v = volumes_[volume];
    double distance = std::min(p.z - v.z_min, v.z_max - p.z);
    distance = std::min(distance, v.shape.distance_to_edge(p.x, p.y, distance));
    const auto& index = child_index_[volume];
    if (index.interval_count() > 0)
    {
        const int interval = index.interval(p.z, 0.0);
        if (interval < 0)
        {
            distance = std::min(distance, std::min(std::abs(p.z - index.low_plane(0)),
                                                   std::abs(p.z - index.high_plane(index.interval_count() - 1))));
        }
        else
        {
            distance = std::min(distance, std::min(p.z - index.low_plane(interval), index.high_plane(interval) - p.z));
            for (int child : index.members(interval))
            {
                distance = std::min(distance, volumes_[child].shape.distance_to_edge(p.x, p.y, distance));
            }
        }
    }
    return std::max(distance, 0.0);
}

int DetectorGeometry::find_volume(std::string_view name) const noexcept
{
    for (std::size_t i = 0; i < volumes_.size(); ++i)
    {
        if (volumes_[i].name == name) return static_cast<int>(i);
    }
    return -1;
}

int DetectorGeometry::find_material(std::string_view name) const noexcept
{
    for (std::size_t i = 0; i < materials_.size(); ++i)
    {
        if (materials_[i].name() == name) return static_cast<int>(i);
    }
    return -1;
}

int DetectorGeometry::find_region(std::string_view name) const noexcept
{
    const auto it = std::find(regions_.begin(), regions_.end(), name);
    return it == regions_.end() ? -1 : static_cast<int>(it - regions_.begin());
}

int DetectorGeometry::require_region(std::string_view name, std::string_view who) const
{
    const int id = find_region(name);
    if (id < 0)
    {
        throw InputError(fmt::format("{}: '{}' is not a region of detector '{}' (regions: {})", who, name, name_,
                                     fmt::join(regions_, ", ")));
    }
    return id;
}

ThreeVector DetectorGeometry::field_tesla(const ThreeVector& p) const noexcept
{
    for (const auto& region : fields_)
    {
        if (region.contains(p)) return region.field_tesla;
    }
    return {};
}

std::filesystem::path DetectorGeometry::data_directory()
{
    if (const char* env = std::getenv("UMBRA_DATA_DIR"); env && *env) return env;
    return UMBRA_SOURCE_DATA_DIR;
}

std::shared_ptr<const DetectorGeometry> DetectorGeometry::load_named(const std::string& name_or_path)
{
    const std::filesystem::path as_path(name_or_path);
    if (name_or_path.find('/') != std::string::npos || as_path.extension() == ".toml")
    {
        return load(as_path);
    }
    return load(data_directory() / "detectors" / (name_or_path + ".toml"));
}
}  // namespace umbra::geometry
