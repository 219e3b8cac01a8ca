#include "umbra/sim/AlpProduction.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/gen/DarkBremGenerator.hpp"

namespace umbra::sim
{
std::string alp_simulation_config(const AlpProductionConfig& config, const std::filesystem::path& production,
                                  const std::filesystem::path& decay)
{
    return fmt::format(R"(# umbra produce alp: simulation of the production and decay files (docs/signal.md)
[sim]
detector = "{}"
events = {}
seed = {}
threads = {}

[sim.source]
type = "lhe"
files = ["{}", "{}"]
unsupported = "skip"   # the recoiling nucleus is not transported

[reco]
enabled = {}

[reco.ecal_veto]
beam_energy_mev = {}
)",
                       config.detector, config.events, config.seed, config.threads, production.string(), decay.string(),
                       config.reconstruct ? "true" : "false", config.beam_energy * 1000);
}

std::string commented_toml(const std::string& text)
{
    std::string out;
    std::size_t start = 0;
    while (start < text.size())
    {
        const auto end = text.find('\n', start);
        out += "# " + text.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

AlpProductionConfig read_alp_production_config(const std::filesystem::path& path)
{
    auto root = ConfigTable::from_file(path);
    auto table = root.section("alp");
    AlpProductionConfig c;
    {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        c.source_text = text.str();
    }
    c.mass = table.get("mass_gev", c.mass);
    c.lambda = table.get("lambda_gev", c.lambda);
    c.target = table.get("target", c.target);
    c.beam_energy = table.get("beam_gev", c.beam_energy);
    const auto events = table.get("events", static_cast<std::int64_t>(c.events));
    const auto seed = table.get("seed", static_cast<std::int64_t>(c.seed));
    const auto threads = table.get("threads", static_cast<int>(c.threads));
    if (events < 1 || seed < 0 || threads < 1)
    {
        throw InputError(table.location(), "[alp] events and threads must be >= 1 and seed >= 0");
    }
    c.events = static_cast<std::uint64_t>(events);
    c.seed = static_cast<std::uint64_t>(seed);
    c.threads = static_cast<unsigned>(threads);
    c.detector = table.get("detector", c.detector);
    c.reconstruct = table.get("reconstruct", c.reconstruct);
    auto split = table.section("split");
    c.split = lhe::SplitConfig::from_toml(split);
    root.finish();
    c.split.validate();
    return c;
}

AlpProductionSummary run_alp_production(const AlpProductionConfig& config, const std::filesystem::path& output,
                                        const std::string& command_line)
{
    if (!(config.mass > 0) || !(config.lambda > 0)) throw InputError("produce alp: --mass and --lambda must be > 0 GeV");
    if (config.events < 1) throw InputError("produce alp: --events must be at least 1");
    AlpProductionSummary summary;
    summary.lhe_directory = output.parent_path() / (output.stem().string() + "_lhe");
    const auto generated = summary.lhe_directory / "alp.lhe.gz";
    const auto production = summary.lhe_directory / "production.lhe.gz";
    const auto decay = summary.lhe_directory / "decay.lhe.gz";

    // 1. Generation: the seed workflow's MadGraph job, e- W -> e- W a, a -> e- e+.
    gen::DarkBremGeneratorConfig gen_config;
    auto& p = gen_config.process;
    p.kind = physics::DarkParticleKind::pseudoscalar;
    p.coupling = (constants::electron_mass / units::GeV) / config.lambda;
    p.boson_mass = config.mass;
    p.beam_energy = config.beam_energy;
    p.target = physics::TargetNucleus::preset(config.target);
    gen_config.decay = true;
    gen_config.events = config.events;
    gen_config.seed = config.seed;
    gen_config.threads = config.threads;
    gen_config.command = command_line;
    gen_config.validate();  // before anything is written
    config.split.validate();
    std::filesystem::create_directories(summary.lhe_directory);
    log().debug("produce alp: generating {} events (m_a = {} GeV, Lambda = {} GeV) into {}", config.events, config.mass,
               config.lambda, generated.string());
    const auto generator_summary = gen::DarkBremGenerator(gen_config).run(generated);
    summary.cross_section_pb = generator_summary.cross_section.cross_section;
    summary.cross_section_error_pb = generator_summary.cross_section.error;

    // 2. The production/decay split with the requested vertex mode.
    auto split = config.split;
    split.seed = config.seed;
    split.threads = config.threads;
    summary.split = lhe::ProductionDecaySplitter(split).run({generated}, production, decay, command_line);

    // 3. Both files in the same event through the detector, reconstructed.
    auto sim_config = parse_simulation_config(alp_simulation_config(config, production, decay), "<umbra produce alp>");
    sim_config.config_text = fmt::format("# cross-section sigma(e- {} -> e- {} a) = {:.6e} +- {:.2e} pb, g_aee = {:.6e}\n",
                                         config.target, config.target, summary.cross_section_pb,
                                         summary.cross_section_error_pb, p.coupling) +
                             sim_config.config_text;
    if (!config.source_text.empty())
    {
        sim_config.config_text += "\n# --- the umbra produce alp configuration ---\n" + commented_toml(config.source_text);
    }
    summary.simulation = run_simulation(sim_config, output, command_line);
    return summary;
}
}  // namespace umbra::sim
