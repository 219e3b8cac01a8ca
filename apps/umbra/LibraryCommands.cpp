#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "Commands.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/gen/DarkBremLibrary.hpp"

namespace umbra::cli
{
void add_library_commands(CLI::App& app)
{
    auto* library = app.add_subcommand("library", "Dark-brem reference library: generate (as dark-brem-lib-gen), extract (CSV)");
    library->require_subcommand(1);
    {
        struct Options
        {
            gen::DarkBremLibraryConfig config;
            std::string out_dir = ".";
            std::string convention = "madgraph";
        };
        auto o = std::make_shared<Options>();
        auto* cmd = library->add_subcommand(
            "generate", "Generate undecayed A' events on dark-brem-lib-gen's energy ladder, one LHE per target and energy");
        cmd->add_option("--targets,--target", o->config.targets, "targets (tungsten silicon copper lead oxygen lutetium yttrium)")
            ->capture_default_str();
        cmd->add_option("--apmass", o->config.boson_mass, "A' mass [GeV]")->capture_default_str();
        cmd->add_option("--run", o->config.run, "run number (seeds)")->capture_default_str();
        cmd->add_option("--max-energy", o->config.max_energy, "highest incident energy [GeV]")->capture_default_str();
        cmd->add_option("--min-energy", o->config.min_energy, "lower end of the ladder [GeV] (default max/2)");
        cmd->add_option("--rel-step", o->config.relative_step, "relative step of the ladder")->capture_default_str();
        cmd->add_option("--events,--nevents", o->config.events, "events per energy point")->capture_default_str();
        cmd->add_option("--lepton", o->config.lepton, "electron or muon")->capture_default_str();
        cmd->add_option("--epsilon", o->config.epsilon, "kinetic mixing for the recorded cross-sections")->capture_default_str();
        cmd->add_option("--convention", o->convention, "madgraph or alpha0")->capture_default_str();
        cmd->add_option("--threads,-j", o->config.threads, "points generated in parallel")->capture_default_str();
        cmd->add_option("--out-dir,-o", o->out_dir, "parent directory of the library directory")->capture_default_str();
        cmd->callback([o] {
            set_action([o] {
                auto config = o->config;
                config.output_directory = o->out_dir;
                config.convention = gen::parse_coupling_convention(o->convention);
                config.command = command_line();
                const auto points = gen::generate_dark_brem_library(config);
                fmt::print("library {}/{}: {} files\n", o->out_dir, config.library_name(), points.size());
                fmt::print("{:>10} {:>10} {:>14} {:>10}\n", "target", "E [GeV]", "sigma [pb]", "error");
                for (const auto& p : points)
                    fmt::print("{:>10} {:>10} {:>14.5e} {:>10.2e}\n", p.target, p.energy, p.cross_section, p.error);
            });
        });
    }
    {
        struct Options
        {
            std::string library;
            std::string output;
            int aprime_id = 0;
        };
        auto o = std::make_shared<Options>();
        auto* cmd = library->add_subcommand(
            "extract", "Write the CSV G4DarkBreM reads from a library directory or LHE file (as g4db-extract-library)");
        cmd->add_option("library", o->library, "library directory or .lhe[.gz] file")->required();
        cmd->add_option("--output,-o", o->output, "output .csv or .csv.gz (default: the library path + .csv)");
        cmd->add_option("--aprime-id", o->aprime_id, "PDG id of the A' (default: 1023 or 622, as found)");
        cmd->callback([o] {
            set_action([o] {
                std::string path = o->library;
                while (path.size() > 1 && path.back() == '/') path.pop_back();
                const std::string output = o->output.empty() ? path + ".csv" : o->output;
                const auto s = gen::extract_dark_brem_library(path, output, o->aprime_id);
                fmt::print("extracted {} events from {} files (A' PDG {}) to {}\n", s.events, s.files, s.aprime_id, output);
            });
        });
    }
}
}  // namespace umbra::cli
