#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "Commands.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/darkbrem/WeizsackerWilliamsCrossSection.hpp"
#include "umbra/physics/TargetNucleus.hpp"

namespace umbra::cli
{
void add_darkbrem_commands(CLI::App& app)
{
    auto* darkbrem = app.add_subcommand("darkbrem", "Dark bremsstrahlung: total cross-sections (G4DarkBreM's WW methods)");
    darkbrem->require_subcommand(1);

    struct Options
    {
        std::vector<std::string> targets{"tungsten"};
        double mass_gev = 0.01;
        std::vector<double> energies_gev{8.0};
        std::string method = "auto";
        std::string lepton = "electron";
        double epsilon = 1;
        bool total_energy = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = darkbrem->add_subcommand(
        "xsec", "Total cross-section per atom of l N -> l N A' (Weizsaecker-Williams; pb)");
    cmd->add_option("--target", o->targets, "target presets (" + fmt::format("{}", fmt::join(physics::TargetNucleus::preset_names(), ", ")) + ")")
        ->capture_default_str();
    cmd->add_option("--mass", o->mass_gev, "A' mass [GeV]")->capture_default_str();
    cmd->add_option("--energy", o->energies_gev, "lepton kinetic energies [GeV] (see --total-energy)")->capture_default_str();
    cmd->add_flag("--total-energy", o->total_energy, "--energy values are total energies (as library energies)");
    cmd->add_option("--method", o->method, "full, improved, hyper-improved or auto (G4DarkBreM's rule)")->capture_default_str();
    cmd->add_option("--lepton", o->lepton, "electron or muon")->capture_default_str();
    cmd->add_option("--epsilon", o->epsilon, "kinetic mixing")->capture_default_str();
    cmd->callback([o] {
        set_action([o] {
            darkbrem::WeizsackerWilliamsCrossSection::Config config;
            config.dark_photon_mass = o->mass_gev * units::GeV;
            config.method = darkbrem::parse_ww_method(o->method);
            config.epsilon = o->epsilon;
            if (o->lepton == "muon")
                config.lepton_mass = constants::muon_mass;
            else if (o->lepton != "electron")
                throw InputError(fmt::format("unknown lepton '{}' (expected electron or muon)", o->lepton));
            darkbrem::WeizsackerWilliamsCrossSection xsec(config);
            fmt::print("# {} on target, m_A' = {} GeV, epsilon = {}, method {} (alpha = 1/137, G4DarkBreM conventions)\n",
                       o->lepton, o->mass_gev, o->epsilon, darkbrem::to_string(xsec.method()));
            fmt::print("{:>10} {:>14} {:>14} {:>16}\n", "target", "kinetic [GeV]", "total [GeV]", "sigma [pb]");
            for (const auto& name : o->targets)
            {
                const auto target = physics::TargetNucleus::preset(name);
                for (double e : o->energies_gev)
                {
                    const double kinetic = o->total_energy ? e * units::GeV - config.lepton_mass : e * units::GeV;
                    const double sigma = xsec.per_atom(kinetic, target.atomic_number, target.atomic_mass);
                    fmt::print("{:>10} {:>14.6g} {:>14.6g} {:>16.8g}\n", name, kinetic / units::GeV,
                               (kinetic + config.lepton_mass) / units::GeV, sigma / units::pb);
                }
            }
        });
    });
}
}  // namespace umbra::cli
