#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "Commands.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/physics/DarkParticle.hpp"

namespace umbra::cli
{
namespace
{
struct ParticleOptions
{
    std::string kind = "pseudoscalar";
    double mass_gev = 0.05;
    double momentum_gev = 8;
};

void add_particle_options(CLI::App& cmd, ParticleOptions& o)
{
    cmd.add_option("--kind", o.kind, "pseudoscalar (alp), scalar, or vector (dark-photon)")->capture_default_str();
    cmd.add_option("--mass", o.mass_gev, "mass [GeV]")->capture_default_str();
    cmd.add_option("--momentum", o.momentum_gev, "lab momentum [GeV]")->capture_default_str();
}
}  // namespace

void add_physics_commands(CLI::App& app)
{
    auto* physics_cmd = app.add_subcommand("physics", "Widths, lifetimes and decay lengths of dark particles");
    physics_cmd->require_subcommand(1);

    {
        auto o = std::make_shared<ParticleOptions>();
        auto coupling = std::make_shared<double>(1e-5);
        auto* cmd = physics_cmd->add_subcommand("decay-length", "Width, lifetime and lab decay length for a coupling");
        add_particle_options(*cmd, *o);
        cmd->add_option("--coupling", *coupling, "g (pseudoscalar, scalar) or epsilon (vector)")->capture_default_str();
        cmd->callback([o, coupling] {
            set_action([o, coupling] {
                const physics::DarkParticle x{physics::parse_dark_particle_kind(o->kind), o->mass_gev * units::GeV,
                                              *coupling};
                x.validate();
                const double p = o->momentum_gev * units::GeV;
                fmt::print("{} m = {} GeV, coupling {:.6e}\n", physics::to_string(x.kind), o->mass_gev, *coupling);
                fmt::print("  Gamma(ee)     = {:.6e} GeV\n", x.partial_width_ee() / units::GeV);
                fmt::print("  Gamma(total)  = {:.6e} GeV\n", x.total_width() / units::GeV);
                fmt::print("  tau           = {:.6e} s\n", x.proper_lifetime() / units::s);
                fmt::print("  c tau         = {:.6e} mm\n", x.proper_decay_length() / units::mm);
                fmt::print("  lab decay length at p = {} GeV: {:.6e} mm\n", o->momentum_gev,
                           x.lab_decay_length(p) / units::mm);
            });
        });
    }
    {
        auto o = std::make_shared<ParticleOptions>();
        auto length = std::make_shared<double>(150);
        auto* cmd = physics_cmd->add_subcommand("coupling", "Coupling giving a wanted lab decay length");
        add_particle_options(*cmd, *o);
        cmd->add_option("--decay-length", *length, "wanted lab decay length [mm]")->capture_default_str();
        cmd->callback([o, length] {
            set_action([o, length] {
                const auto kind = physics::parse_dark_particle_kind(o->kind);
                const double g = physics::coupling_for_lab_decay_length(kind, o->mass_gev * units::GeV,
                                                                        o->momentum_gev * units::GeV, *length * units::mm);
                fmt::print("{} m = {} GeV, p = {} GeV, lab decay length {} mm: coupling {:.6e}\n",
                           physics::to_string(kind), o->mass_gev, o->momentum_gev, *length, g);
                if (kind == physics::DarkParticleKind::pseudoscalar)
                    fmt::print("  (UFO Lambda = m_e / g = {:.6g} GeV)\n", constants::electron_mass / units::GeV / g);
            });
        });
    }
}
}  // namespace umbra::cli
