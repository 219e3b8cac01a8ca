// Reads a detector description file (docs/geometry.md) into a DetectorGeometry.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::geometry
{
class DetectorBuilder
{
public:
    explicit DetectorBuilder(const std::filesystem::path& path)
        : config_(ConfigTable::from_file(path)), geometry_(new DetectorGeometry)
    {
        geometry_->source_ = path;
    }

    std::shared_ptr<const DetectorGeometry> build()
    {
        const int schema = config_.get("schema", 0);
        if (schema != 1)
        {
            throw InputError(config_.location("schema"),
                             fmt::format("unsupported detector description schema {} (this umbra reads schema 1)", schema));
        }
        geometry_->name_ = config_.get("name", std::string());
        if (geometry_->name_.empty()) throw InputError(config_.location(), "the detector description needs a 'name'");
        geometry_->description_ = config_.get("description", std::string());
        read_materials();
        read_world();
        read_field();
        read_scoring_planes();
        for (auto& table : config_.tables("volume")) read_volume(table);
        auto ecal = config_.section("ecal");
        if (ecal.contains("front_z")) read_ecal(ecal);
        auto hcal = config_.section("hcal");
        if (hcal.contains("back") || hcal.contains("side")) read_hcal(hcal);
        config_.finish();
        assign_regions();
        geometry_->build_indices();
        return std::shared_ptr<const DetectorGeometry>(geometry_.release());
    }

private:
    // -- small readers -----------------------------------------------------------------------
    static std::vector<double> numbers(ConfigTable& table, std::string_view key, std::size_t count)
    {
        auto values = table.get_doubles(key, {});
        if (values.size() != count)
        {
            throw InputError(table.location(key), fmt::format("'{}' in [{}] must be an array of {} numbers",
                                                              key, table.path(), count));
        }
        return values;
    }
    static double positive(ConfigTable& table, std::string_view key)
    {
        const double value = table.get(key, 0.0);
        if (!(value > 0))
        {
            throw InputError(table.location(key),
                             fmt::format("'{}' in [{}] must be a positive number of mm", key, table.path()));
        }
        return value;
    }
    int material_id(ConfigTable& table, std::string_view key)
    {
        const auto name = table.get(key, std::string());
        const int id = geometry_->find_material(name);
        if (id < 0)
        {
            throw InputError(table.location(key),
                             fmt::format("unknown material '{}' (define it under [materials.{}])", name, name));
        }
        return id;
    }

    // -- materials ---------------------------------------------------------------------------
    void read_materials()
    {
        auto materials = config_.section("materials");
        std::map<std::string, MaterialSpec> specs;
        std::map<std::string, SourceLocation> where;
        for (const auto& name : materials.keys())
        {
            auto table = materials.section(name);
            MaterialSpec spec;
            spec.name = name;
            const double density = table.get("density", 0.0);
            if (!(density > 0))
            {
                throw InputError(table.location("density"),
                                 fmt::format("material '{}' needs a positive 'density' in g/cm^3", name));
            }
            spec.density = density * units::g_per_cm3;
            const bool by_mass = table.contains("mass");
            const bool by_atoms = table.contains("atoms");
            if (by_mass == by_atoms)
            {
                throw InputError(table.location(),
                                 fmt::format("material '{}' needs exactly one of 'mass' (mass fractions) or 'atoms' "
                                             "(atom counts)",
                                             name));
            }
            spec.kind = by_mass ? MaterialSpec::FractionKind::mass : MaterialSpec::FractionKind::atoms;
            auto components = table.section(by_mass ? "mass" : "atoms");
            for (const auto& component : components.keys())
            {
                spec.components.emplace_back(component, components.get(component, 0.0));
            }
            if (const auto ev = table.get_optional_double("mean_excitation_energy_ev"))
            {
                spec.mean_excitation_energy = *ev * units::eV;
            }
            where[name] = table.location();
            specs.emplace(name, std::move(spec));
        }
        // Build in dependency order (a component may be another material).
        std::set<std::string> building;
        std::function<const Material*(std::string_view)> build_one = [&](std::string_view name) -> const Material* {
            const int existing = geometry_->find_material(name);
            if (existing >= 0) return &geometry_->materials_[static_cast<std::size_t>(existing)];
            const auto it = specs.find(std::string(name));
            if (it == specs.end()) return nullptr;
            if (!building.insert(it->first).second)
            {
                throw InputError(where[it->first], fmt::format("material '{}' contains itself", name));
            }
            for (const auto& [component, amount] : it->second.components) build_one(component);
            try
            {
                geometry_->materials_.push_back(Material(it->second, [&](std::string_view n) -> const Material* {
                    const int id = geometry_->find_material(n);
                    return id < 0 ? nullptr : &geometry_->materials_[static_cast<std::size_t>(id)];
                }));
            }
            catch (const InputError& error)
            {
                throw InputError(where[it->first], error.message());
            }
            building.erase(it->first);
            return &geometry_->materials_.back();
        };
        geometry_->materials_.reserve(specs.size());
        for (const auto& [name, spec] : specs) build_one(name);
    }

    // -- world, field, scoring planes --------------------------------------------------------
    void read_world()
    {
        auto world = config_.section("world");
        const auto size = numbers(world, "size", 3);
        Volume v;
        v.name = "world";
        v.material = material_id(world, "material");
        v.z_min = -0.5 * size[2];
        v.z_max = 0.5 * size[2];
        v.shape = TransverseShape::rectangle({0, 0}, size[0], size[1]);
        geometry_->volumes_.push_back(std::move(v));
        region_names_.push_back("");
    }

    void read_field()
    {
        if (!config_.contains("field")) return;
        auto field = config_.section("field");
        const auto type = field.get("type", std::string("none"));
        if (type == "none") return;
        if (type != "uniform")
        {
            throw InputError(field.location("type"),
                             fmt::format("unknown field type '{}' (expected \"uniform\" or \"none\")", type));
        }
        const auto b = numbers(field, "field_tesla", 3);
        const auto low = numbers(field, "min", 3);
        const auto high = numbers(field, "max", 3);
        geometry_->fields_.push_back({{b[0], b[1], b[2]}, {low[0], low[1], low[2]}, {high[0], high[1], high[2]}});
    }

    void read_scoring_planes()
    {
        for (auto& table : config_.tables("scoring_plane"))
        {
            ScoringPlane plane;
            plane.name = table.get("name", std::string());
            plane.id = table.get("id", 0);
            plane.z = table.get("z", 0.0);
            geometry_->scoring_planes_.push_back(std::move(plane));
        }
    }

    // -- volumes -----------------------------------------------------------------------------
    int add_volume(Volume volume, int parent, const SourceLocation& where, std::string region = {})
    {
        if (geometry_->find_volume(volume.name) >= 0)
        {
            throw InputError(where, fmt::format("volume name '{}' is used twice", volume.name));
        }
        const auto& mother = geometry_->volumes_[static_cast<std::size_t>(parent)];
        const double tolerance = 1e-9;
        if (!(volume.z_min < volume.z_max))
        {
            throw InputError(where, fmt::format("volume '{}' has z = [{}, {}]: the first must be below the second",
                                                volume.name, volume.z_min, volume.z_max));
        }
        if (volume.z_min < mother.z_min - tolerance || volume.z_max > mother.z_max + tolerance)
        {
            throw InputError(where, fmt::format("volume '{}' (z {} … {} mm) sticks out of its parent '{}' (z {} … {} mm)",
                                                volume.name, volume.z_min, volume.z_max, mother.name, mother.z_min,
                                                mother.z_max));
        }
        for (std::size_t p = 0; p < volume.shape.polygon_count(); ++p)
        {
            for (const auto& corner : volume.shape.vertices(p))
            {
                if (!mother.shape.contains(corner.x, corner.y) && mother.shape.distance_to_edge(corner.x, corner.y) > 1e-6)
                {
                    throw InputError(where, fmt::format("volume '{}' sticks out of its parent '{}' at (x, y) = ({:.3f}, "
                                                        "{:.3f}) mm",
                                                        volume.name, mother.name, corner.x, corner.y));
                }
            }
        }
        for (int sibling : mother.children)
        {
            const auto& other = geometry_->volumes_[static_cast<std::size_t>(sibling)];
            if (other.z_max <= volume.z_min + tolerance || volume.z_max <= other.z_min + tolerance) continue;
            if (shapes_overlap(volume.shape, other.shape))
            {
                throw InputError(where, fmt::format("volume '{}' overlaps its sibling '{}'", volume.name, other.name));
            }
        }
        volume.parent = parent;
        const int id = static_cast<int>(geometry_->volumes_.size());
        geometry_->volumes_.push_back(std::move(volume));
        geometry_->volumes_[static_cast<std::size_t>(parent)].children.push_back(id);
        region_names_.push_back(std::move(region));
        return id;
    }

    static bool shapes_overlap(const TransverseShape& a, const TransverseShape& b)
    {
        const auto& ba = a.bounds();
        const auto& bb = b.bounds();
        const double eps = 1e-6;
        if (ba.x_max <= bb.x_min + eps || bb.x_max <= ba.x_min + eps || ba.y_max <= bb.y_min + eps ||
            bb.y_max <= ba.y_min + eps)
        {
            return false;
        }
        const auto strictly_inside = [&](const TransverseShape& shape, double x, double y) {
            return shape.contains(x, y) && shape.distance_to_edge(x, y) > eps;
        };
        const std::pair<const TransverseShape*, const TransverseShape*> orders[2] = {{&a, &b}, {&b, &a}};
        for (const auto& [first, second] : orders)
        {
            for (std::size_t p = 0; p < first->polygon_count(); ++p)
            {
                const auto& v = first->vertices(p);
                double cx = 0;
                double cy = 0;
                for (const auto& corner : v)
                {
                    if (strictly_inside(*second, corner.x, corner.y)) return true;
                    cx += corner.x / static_cast<double>(v.size());
                    cy += corner.y / static_cast<double>(v.size());
                }
                if (first->contains(cx, cy) && strictly_inside(*second, cx, cy)) return true;
                // Edges of `first` crossing into `second`: test the edge midpoints.
                for (std::size_t i = 0; i < v.size(); ++i)
                {
                    const auto& c0 = v[i];
                    const auto& c1 = v[(i + 1) % v.size()];
                    if (strictly_inside(*second, 0.5 * (c0.x + c1.x), 0.5 * (c0.y + c1.y))) return true;
                }
            }
        }
        return false;
    }

    static Sensitive sensitive_from_name(ConfigTable& table)
    {
        const auto name = table.get("sensitive", std::string("none"));
        Sensitive sensitive;
        if (name == "none") return sensitive;
        if (name == "tracker_silicon") sensitive.kind = SensitiveKind::tracker_silicon;
        else if (name == "trigger_scintillator") sensitive.kind = SensitiveKind::trigger_scintillator;
        else
        {
            throw InputError(table.location("sensitive"),
                             fmt::format("unknown sensitive detector '{}' (expected \"none\", \"tracker_silicon\" or "
                                         "\"trigger_scintillator\"; calorimeters are described in [ecal] and [hcal])",
                                         name));
        }
        return sensitive;
    }

    void read_volume(ConfigTable& table)
    {
        const auto where = table.location();
        const auto name = table.get("name", std::string());
        if (name.empty()) throw InputError(where, "every [[volume]] needs a 'name'");
        const auto parent_name = table.get("parent", std::string("world"));
        const int parent = geometry_->find_volume(parent_name);
        if (parent < 0)
        {
            throw InputError(table.location("parent"),
                             fmt::format("volume '{}': unknown parent '{}' (parents must be defined before their "
                                         "children)",
                                         name, parent_name));
        }
        const int material = material_id(table, "material");
        const auto region = table.get("region", std::string());
        const auto z = numbers(table, "z", 2);
        const auto centre = table.get_doubles("centre", {0.0, 0.0});
        if (centre.size() != 2) throw InputError(table.location("centre"), "'centre' must be [x, y] in mm");
        const double angle = table.get("angle_mrad", 0.0) * 1e-3;
        TransverseShape shape;
        try
        {
            if (table.contains("polygon"))
            {
                std::vector<Point2> vertices;
                for (const auto& row : table.get_double_rows("polygon"))
                {
                    if (row.size() != 2) throw InputError(table.location("polygon"), "polygon vertices are [x, y] pairs");
                    vertices.push_back({row[0] + centre[0], row[1] + centre[1]});
                }
                shape = TransverseShape::polygon(std::move(vertices));
            }
            else
            {
                const auto size = numbers(table, "size", 2);
                shape = TransverseShape::rectangle({centre[0], centre[1]}, size[0], size[1], angle);
            }
        }
        catch (const std::invalid_argument& error)
        {
            throw InputError(where, fmt::format("volume '{}': {}", name, error.what()));
        }
        const auto sensitive = sensitive_from_name(table);
        const int repeat = table.get("repeat", 1);
        const auto pitch = table.get_doubles("pitch", {0.0, 0.0});
        if (repeat < 1) throw InputError(table.location("repeat"), "'repeat' must be at least 1");
        if (pitch.size() != 2) throw InputError(table.location("pitch"), "'pitch' must be [dx, dy] in mm");
        for (int copy = 0; copy < repeat; ++copy)
        {
            Volume v;
            v.name = repeat == 1 ? name : fmt::format("{}_{}", name, copy);
            v.material = material;
            v.z_min = z[0];
            v.z_max = z[1];
            v.shape = copy == 0 ? shape : shape.translated(copy * pitch[0], copy * pitch[1]);
            v.sensitive = sensitive;
            v.sensitive.layer = sensitive.kind == SensitiveKind::none ? -1 : copy;
            add_volume(std::move(v), parent, where, region);
        }
    }

    // -- ECal --------------------------------------------------------------------------------
    void read_ecal(ConfigTable& ecal)
    {
        auto& layout = geometry_->ecal_;
        const auto where = ecal.location();
        layout.front_z = ecal.get("front_z", 0.0);
        layout.module_apothem = positive(ecal, "module_apothem");
        layout.module_gap = ecal.get("module_gap", 0.0);
        layout.cells_across_module = positive(ecal, "cells_across_module");
        const auto shift = numbers(ecal, "odd_layer_shift", 2);
        layout.odd_layer_shift = {shift[0], shift[1]};
        const auto envelope_size = numbers(ecal, "envelope_size", 3);
        const auto envelope_centre = ecal.get_doubles("envelope_centre", {0.0, 0.0});
        Volume envelope;
        envelope.name = "ecal";
        envelope.material = material_id(ecal, "envelope_material");
        envelope.z_min = layout.front_z;
        envelope.z_max = layout.front_z + envelope_size[2];
        envelope.shape = TransverseShape::rectangle({envelope_centre.at(0), envelope_centre.at(1)}, envelope_size[0],
                                                    envelope_size[1]);
        const int envelope_id = add_volume(std::move(envelope), 0, where, "ecal");

        // Transverse shapes of the slab kinds, for the even side (the odd side is shifted).
        TransverseShape flower;
        for (int m = 0; m < 7; ++m)
        {
            flower.add(TransverseShape::hexagon(layout.module_centre(m), layout.module_apothem, true));
        }
        std::vector<Point2> absorber_vertices;
        for (const auto& row : ecal.get_double_rows("absorber_polygon"))
        {
            if (row.size() != 2) throw InputError(ecal.location("absorber_polygon"), "vertices are [x, y] pairs");
            absorber_vertices.push_back({row[0], row[1]});
        }
        TransverseShape absorber;
        try
        {
            absorber = TransverseShape::polygon(absorber_vertices);
        }
        catch (const std::invalid_argument& error)
        {
            throw InputError(ecal.location("absorber_polygon"), fmt::format("ECal absorber polygon: {}", error.what()));
        }
        const auto cooling_size = numbers(ecal, "cooling_plane_size", 2);
        const auto cooling = TransverseShape::rectangle({0, 0}, cooling_size[0], cooling_size[1]);
        const auto front_w = ecal.get_doubles("front_tungsten", {});
        const auto cooling_w = ecal.get_doubles("cooling_tungsten", {});
        if (front_w.size() != cooling_w.size())
        {
            throw InputError(ecal.location("cooling_tungsten"),
                             "'front_tungsten' and 'cooling_tungsten' need one entry per sampling bilayer each");
        }
        layout.ldmx_sw_layer_z = ecal.get_doubles("ldmx_sw_layer_z", {});

        double z = layout.front_z;
        auto lay_bilayer = [&](ConfigTable& table, std::string_view key, int bilayer) {
            auto slabs = table.tables(key);
            if (slabs.empty()) throw InputError(table.location(key), fmt::format("[ecal] needs a non-empty '{}' list", key));
            for (auto& slab_table : slabs)
            {
                EcalSlab slab;
                slab.bilayer = bilayer;
                const auto shape_name = slab_table.get("shape", std::string());
                const auto tungsten = slab_table.get("tungsten", std::string());
                double thickness = slab_table.get("thickness", 0.0);
                if (!tungsten.empty())
                {
                    if (bilayer == 0 || (tungsten != "front" && tungsten != "cooling"))
                    {
                        throw InputError(slab_table.location("tungsten"),
                                         "'tungsten' must be \"front\" or \"cooling\", in sampling bilayers only");
                    }
                    thickness = (tungsten == "front" ? front_w : cooling_w)[static_cast<std::size_t>(bilayer - 1)];
                }
                if (!(thickness > 0))
                {
                    throw InputError(slab_table.location(), "every ECal slab needs a positive 'thickness' [mm]");
                }
                slab.name = slab_table.get("name", shape_name);
                slab.z_front = z;
                slab.z_back = z + thickness;
                z = slab.z_back;
                const auto side = slab_table.get("side", std::string("even"));
                if (side != "even" && side != "odd")
                {
                    throw InputError(slab_table.location("side"), "'side' must be \"even\" or \"odd\"");
                }
                slab.odd_side = side == "odd";
                const bool sensitive = slab_table.get("sensitive", false);
                if (shape_name == "gap")
                {
                    layout.slabs.push_back(std::move(slab));
                    continue;
                }
                const TransverseShape* base = nullptr;
                if (shape_name == "flower" || shape_name == "motherboard") base = &flower;
                else if (shape_name == "absorber") base = &absorber;
                else if (shape_name == "cooling_plane") base = &cooling;
                else
                {
                    throw InputError(slab_table.location("shape"),
                                     fmt::format("unknown ECal slab shape '{}' (expected gap, flower, absorber, "
                                                 "cooling_plane or motherboard)",
                                                 shape_name));
                }
                Volume v;
                v.material = material_id(slab_table, "material");
                slab.material = geometry_->materials_[static_cast<std::size_t>(v.material)].name();
                v.z_min = slab.z_front;
                v.z_max = slab.z_back;
                v.shape = slab.odd_side ? base->translated(layout.odd_layer_shift.x, layout.odd_layer_shift.y) : *base;
                if (sensitive)
                {
                    slab.si_layer = layout.layer_count();
                    v.sensitive.kind = SensitiveKind::ecal_silicon;
                    v.sensitive.layer = slab.si_layer;
                    layout.si_slab.push_back(static_cast<int>(layout.slabs.size()));
                }
                v.name = slab.si_layer >= 0 ? fmt::format("ecal_si_layer{}", slab.si_layer)
                                            : fmt::format("ecal_bilayer{}_{}", bilayer, slab.name);
                if (geometry_->find_volume(v.name) >= 0) v.name += "_" + std::to_string(layout.slabs.size());
                slab.volume = add_volume(std::move(v), envelope_id, slab_table.location());
                layout.slabs.push_back(std::move(slab));
            }
        };
        lay_bilayer(ecal, "preshower", 0);
        for (std::size_t b = 1; b <= front_w.size(); ++b) lay_bilayer(ecal, "bilayer", static_cast<int>(b));
        if (!layout.ldmx_sw_layer_z.empty() && static_cast<int>(layout.ldmx_sw_layer_z.size()) != layout.layer_count())
        {
            throw InputError(ecal.location("ldmx_sw_layer_z"),
                             fmt::format("'ldmx_sw_layer_z' has {} entries but the stack has {} Si layers",
                                         layout.ldmx_sw_layer_z.size(), layout.layer_count()));
        }
    }

    // -- HCal --------------------------------------------------------------------------------
    void read_hcal(ConfigTable& hcal)
    {
        const auto centre = hcal.get_doubles("centre", {0.0, 0.0});
        if (hcal.contains("back"))
        {
            auto back = hcal.section("back");
            read_hcal_back(back, {centre.at(0), centre.at(1)});
        }
        if (hcal.contains("side"))
        {
            auto side = hcal.section("side");
            read_hcal_side(side, {centre.at(0), centre.at(1)});
        }
    }

    //! The HCal envelopes are G4_AIR (hcal.gdml) if the description defines it, else the world's.
    int hcal_envelope_material() const
    {
        const int air = geometry_->find_material("G4_AIR");
        return air >= 0 ? air : geometry_->volumes_[0].material;
    }

    void read_hcal_back(ConfigTable& back, Point2 centre)
    {
        const double front_z = back.get("front_z", 0.0);
        const int layers = back.get("layers", 0);
        const auto size = numbers(back, "size", 2);
        const int absorber = material_id(back, "absorber_material");
        const int scintillator = material_id(back, "scintillator_material");
        const auto structure = numbers(back, "layer_structure", 4);
        const double bar_width = positive(back, "bar_width");
        const auto odd_axis = back.get("odd_layer_bar_axis", std::string("x"));
        if (layers < 1) throw InputError(back.location("layers"), "[hcal.back] needs 'layers' >= 1");
        if (odd_axis != "x" && odd_axis != "y")
        {
            throw InputError(back.location("odd_layer_bar_axis"), "'odd_layer_bar_axis' must be \"x\" or \"y\"");
        }
        const double pitch = std::accumulate(structure.begin(), structure.end(), 0.0);
        Volume envelope;
        envelope.name = "hcal_back";
        envelope.material = hcal_envelope_material();
        envelope.z_min = front_z;
        envelope.z_max = front_z + layers * pitch;
        envelope.shape = TransverseShape::rectangle(centre, size[0], size[1]);
        const int envelope_id = add_volume(std::move(envelope), 0, back.location(), "hcal");
        for (int layer = 1; layer <= layers; ++layer)
        {
            const double z0 = front_z + (layer - 1) * pitch;
            Volume steel;
            steel.name = fmt::format("hcal_back_absorber{}", layer);
            steel.material = absorber;
            steel.z_min = z0 + structure[0];
            steel.z_max = steel.z_min + structure[1];
            steel.shape = TransverseShape::rectangle(centre, size[0], size[1]);
            add_volume(std::move(steel), envelope_id, back.location());
            Volume scint;
            scint.name = fmt::format("hcal_back_scintillator{}", layer);
            scint.material = scintillator;
            scint.z_min = z0 + structure[0] + structure[1] + structure[2];
            scint.z_max = scint.z_min + structure[3];
            scint.shape = TransverseShape::rectangle(centre, size[0], size[1]);
            auto& s = scint.sensitive;
            s.kind = SensitiveKind::hcal_scintillator;
            s.section = HcalSection::back;
            s.layer = layer;
            const bool along_x = (layer % 2 == 1) == (odd_axis == "x");
            s.bar_axis = along_x ? Axis::x : Axis::y;
            s.segmentation_axis = along_x ? Axis::y : Axis::x;
            s.bar_width = bar_width;
            s.bar_origin = along_x ? centre.y - 0.5 * size[1] : centre.x - 0.5 * size[0];
            s.bar_count = static_cast<int>(std::lround((along_x ? size[1] : size[0]) / bar_width));
            add_volume(std::move(scint), envelope_id, back.location());
        }
    }

    void read_hcal_side(ConfigTable& side, Point2 centre)
    {
        const auto z = numbers(side, "z", 2);
        const auto cavity = numbers(side, "cavity_size", 2);
        const double clearance = side.get("clearance", 0.0);
        const int absorber = material_id(side, "absorber_material");
        const int scintillator = material_id(side, "scintillator_material");
        const auto structure = numbers(side, "layer_structure", 4);
        const auto module_layers = side.get_doubles("module_layers", {});
        const auto module_lengths = side.get_doubles("module_lengths", {});
        const double bar_width = positive(side, "bar_width");
        if (module_layers.empty() || module_layers.size() != module_lengths.size())
        {
            throw InputError(side.location("module_lengths"),
                             "'module_layers' and 'module_lengths' need the same, non-zero number of entries");
        }
        const double pitch = std::accumulate(structure.begin(), structure.end(), 0.0);
        const int layers = static_cast<int>(std::accumulate(module_layers.begin(), module_layers.end(), 0.0));
        const double thickness = layers * pitch;
        const double longest = *std::max_element(module_lengths.begin(), module_lengths.end());
        const double hx = 0.5 * cavity[0] + clearance;
        const double hy = 0.5 * cavity[1] + clearance;
        // Pinwheel: each section starts at one corner of the cavity and runs along its side.
        struct SectionFrame
        {
            HcalSection section;
            const char* name;
            Point2 inner_start;  //!< corner where the section's first layer starts
            Point2 outward;      //!< unit vector away from the ECal
            Point2 along;        //!< unit vector along the module length
        };
        const SectionFrame frames[4] = {
            {HcalSection::top, "top", {centre.x - hx, centre.y + hy}, {0, 1}, {1, 0}},
            {HcalSection::right, "right", {centre.x + hx, centre.y + hy}, {1, 0}, {0, -1}},
            {HcalSection::bottom, "bottom", {centre.x + hx, centre.y - hy}, {0, -1}, {-1, 0}},
            {HcalSection::left, "left", {centre.x - hx, centre.y - hy}, {-1, 0}, {0, 1}},
        };
        const auto slab = [](const SectionFrame& f, double depth0, double depth1, double length) {
            // Rectangle spanning [depth0, depth1] outwards and [0, length] along, from the start corner.
            const double x0 = f.inner_start.x + f.outward.x * depth0 + f.along.x * 0;
            const double y0 = f.inner_start.y + f.outward.y * depth0 + f.along.y * 0;
            const double x1 = f.inner_start.x + f.outward.x * depth1 + f.along.x * length;
            const double y1 = f.inner_start.y + f.outward.y * depth1 + f.along.y * length;
            return TransverseShape::rectangle({0.5 * (x0 + x1), 0.5 * (y0 + y1)}, std::abs(x1 - x0), std::abs(y1 - y0));
        };
        for (const auto& frame : frames)
        {
            Volume envelope;
            envelope.name = fmt::format("hcal_side_{}", frame.name);
            envelope.material = hcal_envelope_material();
            envelope.z_min = z[0];
            envelope.z_max = z[1];
            envelope.shape = slab(frame, 0, thickness, longest);
            const int envelope_id = add_volume(std::move(envelope), 0, side.location(), "hcal");
            int layer = 0;
            for (std::size_t module = 0; module < module_layers.size(); ++module)
            {
                for (int k = 0; k < static_cast<int>(module_layers[module]); ++k)
                {
                    ++layer;
                    const double depth = (layer - 1) * pitch;
                    const double length = module_lengths[module];
                    Volume steel;
                    steel.name = fmt::format("hcal_side_{}_absorber{}", frame.name, layer);
                    steel.material = absorber;
                    steel.z_min = z[0];
                    steel.z_max = z[1];
                    steel.shape = slab(frame, depth, depth + structure[0], length);
                    add_volume(std::move(steel), envelope_id, side.location());
                    Volume scint;
                    scint.name = fmt::format("hcal_side_{}_scintillator{}", frame.name, layer);
                    scint.material = scintillator;
                    scint.z_min = z[0];
                    scint.z_max = z[1];
                    const double d0 = depth + structure[0] + structure[1];
                    scint.shape = slab(frame, d0, d0 + structure[2], length);
                    auto& s = scint.sensitive;
                    s.kind = SensitiveKind::hcal_scintillator;
                    s.section = frame.section;
                    s.layer = layer;
                    const Axis length_axis = frame.along.x != 0 ? Axis::x : Axis::y;
                    if (layer % 2 == 1)
                    {
                        // Bars along z, stacked along the module length.
                        s.bar_axis = Axis::z;
                        s.segmentation_axis = length_axis;
                        const auto& b = scint.shape.bounds();
                        s.bar_origin = length_axis == Axis::x ? b.x_min : b.y_min;
                        s.bar_count = static_cast<int>(std::lround(length / bar_width));
                    }
                    else
                    {
                        // Bars along the module length, stacked in z.
                        s.bar_axis = length_axis;
                        s.segmentation_axis = Axis::z;
                        s.bar_origin = z[0];
                        s.bar_count = static_cast<int>(std::lround((z[1] - z[0]) / bar_width));
                    }
                    s.bar_width = bar_width;
                    add_volume(std::move(scint), envelope_id, side.location());
                }
            }
        }
    }

    // -- regions -----------------------------------------------------------------------------
    void assign_regions()
    {
        auto& volumes = geometry_->volumes_;
        for (std::size_t v = 0; v < volumes.size(); ++v)
        {
            const auto& name = region_names_[v];
            if (name.empty())
            {
                volumes[v].region = volumes[v].parent >= 0 ? volumes[static_cast<std::size_t>(volumes[v].parent)].region : -1;
                continue;
            }
            int id = geometry_->find_region(name);
            if (id < 0)
            {
                geometry_->regions_.push_back(name);
                id = static_cast<int>(geometry_->regions_.size()) - 1;
            }
            volumes[v].region = id;
        }
    }

    ConfigTable config_;
    std::unique_ptr<DetectorGeometry> geometry_;
    std::vector<std::string> region_names_;  //!< per volume, "" to inherit
};

std::shared_ptr<const DetectorGeometry> DetectorGeometry::load(const std::filesystem::path& path)
{
    return DetectorBuilder(path).build();
}
}  // namespace umbra::geometry
