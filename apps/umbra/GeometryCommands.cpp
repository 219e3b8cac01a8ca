#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>
#include <memory>

#include "Commands.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"

namespace umbra::cli
{
namespace
{
using geometry::DetectorGeometry;

void print_info(const DetectorGeometry& g)
{
    fmt::print("detector {} ({})\n  {}\n", g.name(), g.source().string(), g.description());
    fmt::print("  {} volumes, {} materials, regions:", g.volumes().size(), g.materials().size());
    for (const auto& r : g.regions()) fmt::print(" {}", r);
    fmt::print("\n\nmaterials:\n  {:<22} {:>10} {:>11} {:>9} {:>10}\n", "name", "rho [g/cm3]", "X0 [mm]", "I [eV]",
               "wp [eV]");
    for (const auto& m : g.materials())
    {
        fmt::print("  {:<22} {:>10.6g} {:>11.5g} {:>9.4g} {:>10.4g}\n", m.name(), m.density() / units::g_per_cm3,
                   m.radiation_length() / units::mm, m.mean_excitation_energy() / units::eV,
                   m.plasma_energy() / units::eV);
    }
    const auto& ecal = g.ecal();
    if (ecal.layer_count() > 0)
    {
        fmt::print("\nECal: {} Si layers, front face z = {} mm\n", ecal.layer_count(), ecal.front_z);
        fmt::print("  {:>5} {:>10} {:>16} {:>12}\n", "layer", "z [mm]", "ldmx-sw z [mm]", "X0 in front");
        double depth = 0;
        int next_layer = 0;
        for (const auto& slab : ecal.slabs)
        {
            if (slab.si_layer >= 0 && next_layer == slab.si_layer)
            {
                const double reported = ecal.ldmx_sw_layer_z.empty() ? 0.0 : ecal.ldmx_sw_layer_z[slab.si_layer];
                fmt::print("  {:>5} {:>10.3f} {:>16.3f} {:>12.2f}\n", slab.si_layer, ecal.layer_z(slab.si_layer),
                           reported, depth);
                ++next_layer;
            }
            if (slab.volume >= 0)
            {
                depth += (slab.z_back - slab.z_front) / g.material(g.volume(slab.volume).material).radiation_length();
            }
        }
        fmt::print("  total on the stack axis: {:.2f} X0\n", depth);
    }
    std::map<std::string, int> hcal_layers;
    for (const auto& v : g.volumes())
    {
        if (v.sensitive.kind == geometry::SensitiveKind::hcal_scintillator)
        {
            ++hcal_layers[g.volume(v.parent).name];
        }
    }
    if (!hcal_layers.empty())
    {
        fmt::print("\nHCal scintillator layers:");
        for (const auto& [name, count] : hcal_layers) fmt::print(" {} {}", name, count);
        fmt::print("\n");
    }
}

void print_scan(const DetectorGeometry& g, const ThreeVector& from, const ThreeVector& to)
{
    const auto d = (to - from).unit();
    const double length = (to - from).mag();
    ThreeVector p = from;
    double travelled = 0;
    double depth = 0;
    int volume = g.locate(p, d);
    fmt::print("{:>10} {:>10} {:>10}  {:<28} {:<22} {:>10}\n", "z0 [mm]", "z1 [mm]", "len [mm]", "volume", "material",
               "X0 total");
    while (volume >= 0 && travelled < length)
    {
        const double step = std::min(g.distance_to_boundary(p, d, volume), length - travelled);
        const auto& v = g.volume(volume);
        const auto& m = g.material(v.material);
        depth += step / m.radiation_length();
        if (step > 0)
        {
            fmt::print("{:>10.4f} {:>10.4f} {:>10.4f}  {:<28} {:<22} {:>10.4f}\n", p.z, p.z + step * d.z, step, v.name,
                       m.name(), depth);
        }
        p += step * d;
        travelled += step;
        volume = g.locate(p, d);
    }
    fmt::print("total: {:.4f} X0 over {:.3f} mm\n", depth, travelled);
}

ThreeVector parse_point(const std::vector<double>& values, const char* what)
{
    if (values.size() != 3) throw InputError(fmt::format("{} needs three numbers x y z [mm]", what));
    return {values[0] * units::mm, values[1] * units::mm, values[2] * units::mm};
}
}  // namespace

void add_geometry_commands(CLI::App& app)
{
    auto* geometry_cmd = app.add_subcommand("geometry", "Inspect a detector description (data/detectors/*.toml)");
    geometry_cmd->require_subcommand(1);
    auto detector = std::make_shared<std::string>("ldmx-det-v14-8gev");
    const auto add_detector_option = [detector](CLI::App* cmd) {
        cmd->add_option("-d,--detector", *detector, "shipped detector name or path to a description file")
            ->capture_default_str();
    };
    {
        auto* cmd = geometry_cmd->add_subcommand("info", "Materials, ECal layers and HCal summary");
        add_detector_option(cmd);
        cmd->callback([detector] { set_action([detector] { print_info(*DetectorGeometry::load_named(*detector)); }); });
    }
    {
        auto point = std::make_shared<std::vector<double>>();
        auto* cmd = geometry_cmd->add_subcommand("locate", "Volume, material and region at a point");
        add_detector_option(cmd);
        cmd->add_option("point", *point, "x y z [mm]")->required()->expected(3);
        cmd->callback([detector, point] {
            set_action([detector, point] {
                const auto g = DetectorGeometry::load_named(*detector);
                const auto p = parse_point(*point, "locate");
                const int v = g->locate(p, {0, 0, 1});
                if (v < 0)
                {
                    fmt::print("({}, {}, {}) mm is outside the world\n", p.x, p.y, p.z);
                    return;
                }
                const auto& vol = g->volume(v);
                fmt::print("({}, {}, {}) mm: volume {} (material {}, region {})\n", p.x, p.y, p.z, vol.name,
                           g->material(vol.material).name(), vol.region >= 0 ? g->regions()[vol.region] : "world");
            });
        });
    }
    {
        auto from = std::make_shared<std::vector<double>>(std::vector<double>{0, 0, 240});
        auto to = std::make_shared<std::vector<double>>(std::vector<double>{0, 0, 840});
        auto* cmd = geometry_cmd->add_subcommand("scan", "Volumes and radiation lengths along a straight line");
        add_detector_option(cmd);
        cmd->add_option("--from", *from, "start x y z [mm]")->expected(3)->capture_default_str();
        cmd->add_option("--to", *to, "end x y z [mm]")->expected(3)->capture_default_str();
        cmd->callback([detector, from, to] {
            set_action([detector, from, to] {
                print_scan(*DetectorGeometry::load_named(*detector), parse_point(*from, "--from"), parse_point(*to, "--to"));
            });
        });
    }
}
}  // namespace umbra::cli
