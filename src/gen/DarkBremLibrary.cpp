#include "umbra/gen/DarkBremLibrary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <map>
#include <sstream>
#include <thread>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Log.hpp"
#include "umbra/core/TextOutput.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/gen/DarkBremGenerator.hpp"
#include "umbra/darkbrem/ReferenceLibrary.hpp"

namespace umbra::gen
{
std::vector<double> dark_brem_energy_ladder(double max_energy, double min_energy, double relative_step)
{
    if (!(max_energy > 0) || !(min_energy > 0) || !(relative_step > 0 && relative_step < 1))
        throw InputError(fmt::format("energy ladder needs max > 0, min > 0 and 0 < rel-step < 1 (got {}, {}, {})",
                                     max_energy, min_energy, relative_step));
    std::vector<double> ladder;
    double energy = max_energy;
    while (energy > min_energy * (1 - relative_step))
    {
        ladder.push_back(energy);
        // Python's round(x, 3): the exact binary value correctly rounded to 3 decimals, which
        // is what fixed-precision formatting computes.
        energy = std::strtod(fmt::format("{:.3f}", energy * (1 - relative_step)).c_str(), nullptr);
        if (ladder.size() > 10000) throw InputError("energy ladder has more than 10000 points");
    }
    return ladder;
}

std::string python_float_string(double value)
{
    std::string text = fmt::format("{}", value);
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    return text;
}

void DarkBremLibraryConfig::validate() const
{
    if (targets.empty()) throw InputError("no targets given");
    for (const auto& t : targets) physics::TargetNucleus::preset(t);  // throws for unknown names
    if (lepton != "electron" && lepton != "muon")
        throw InputError(fmt::format("unknown lepton '{}' (expected electron or muon)", lepton));
    if (!(boson_mass > 0)) throw InputError("the A' mass must be positive");
    if (events == 0) throw InputError("events per point must be at least 1");
    if (threads == 0 || threads > 256) throw InputError("threads must be between 1 and 256");
    dark_brem_energy_ladder(max_energy, min_energy > 0 ? min_energy : max_energy / 2, relative_step);
}

std::string DarkBremLibraryConfig::library_name() const
{
    std::string joined;
    for (const auto& t : targets) joined += t;
    return fmt::format("{}_{}_MaxE_{}_MinE_{}_RelEStep_{}_UndecayedAP_mA_{}_run_{}", lepton, joined,
                       python_float_string(max_energy),
                       python_float_string(min_energy > 0 ? min_energy : max_energy / 2),
                       python_float_string(relative_step), python_float_string(boson_mass), run);
}

std::vector<DarkBremLibraryPoint> generate_dark_brem_library(const DarkBremLibraryConfig& config)
{
    config.validate();
    const auto name = config.library_name();
    const auto directory = config.output_directory / name;
    std::filesystem::create_directories(directory);
    const auto ladder = dark_brem_energy_ladder(
        config.max_energy, config.min_energy > 0 ? config.min_energy : config.max_energy / 2, config.relative_step);
    const double lepton_mass = config.lepton == "muon" ? constants::muon_mass / units::GeV
                                                       : constants::electron_mass / units::GeV;

    std::vector<DarkBremLibraryPoint> points;
    for (const auto& target : config.targets)
    {
        for (double energy : ladder)
        {
            DarkBremLibraryPoint point;
            point.target = target;
            point.energy = energy;
            point.file = directory / fmt::format("{}_{}_IncidentEnergy_{}_unweighted_events.lhe", name, target,
                                                 python_float_string(energy));
            points.push_back(point);
        }
    }
    // Points in parallel; each point's seed depends only on (run, target, energy).
    std::atomic<std::size_t> next{0};
    std::vector<std::exception_ptr> errors(config.threads);
    auto worker = [&](unsigned t) {
        try
        {
            for (std::size_t i; (i = next.fetch_add(1)) < points.size();)
            {
                auto& point = points[i];
                const auto nucleus = physics::TargetNucleus::preset(point.target);
                if (!(point.energy > config.boson_mass + lepton_mass))
                {
                    throw InputError(fmt::format("A' mass {} GeV is above the kinematic limit at {} GeV (lower the "
                                                 "mass or raise --min-energy)",
                                                 config.boson_mass, point.energy));
                }
                DarkBremGeneratorConfig g;
                g.process.kind = physics::DarkParticleKind::vector;
                g.process.boson_mass = config.boson_mass;
                g.process.coupling = config.epsilon;
                g.process.beam_energy = point.energy;
                g.process.lepton_mass = lepton_mass;
                g.process.target = nucleus;
                g.process.convention = config.convention;
                g.events = config.events;
                g.seed = static_cast<std::uint64_t>(config.run) * 1000003ULL +
                         static_cast<std::uint64_t>(nucleus.atomic_number) * 100003ULL +
                         static_cast<std::uint64_t>(std::llround(point.energy * 1000));
                g.threads = 1;
                g.decay = false;
                g.command = config.command;
                const auto summary = DarkBremGenerator(g).run(point.file);
                point.cross_section = summary.cross_section.cross_section;
                point.error = summary.cross_section.error;
                log().info("library: {} at {} GeV: sigma = {:.4e} pb, {} events", point.target, point.energy,
                           point.cross_section, summary.events);
            }
        }
        catch (...)
        {
            errors[t] = std::current_exception();
            next = points.size();  // stop the others
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < config.threads; ++t) pool.emplace_back(worker, t);
    for (auto& thread : pool) thread.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    return points;
}

ExtractSummary extract_dark_brem_library(const std::filesystem::path& library, const std::filesystem::path& output,
                                         int aprime_id)
{
    // The library is read exactly as the simulation reads it (G4DarkBreM's rules), then written
    // in its order: Z ascending, incident energy ascending, events in file order.
    const auto loaded = darkbrem::ReferenceLibrary::load(library, aprime_id);
    ExtractSummary summary;
    summary.files = loaded.files();
    summary.aprime_id = loaded.aprime_id();
    TextOutput out(output);
    out.write("target_Z,incident_energy,recoil_energy,recoil_px,recoil_py,recoil_pz,centerMomentum_energy,"
              "centerMomentum_px,centerMomentum_py,centerMomentum_pz\n");
    auto it = std::back_inserter(out.buffer());
    for (const auto& [z, by_energy] : loaded.bins())
        for (const auto& [energy, list] : by_energy)
            for (const auto& r : list)
            {
                // g4db-extract-library writes with default ostream formatting: %g, 6 digits.
                fmt::format_to(it, "{},{:g},{:g},{:g},{:g},{:g},{:g},{:g},{:g},{:g}\n", z, r.incident_energy,
                               r.recoil[0], r.recoil[1], r.recoil[2], r.recoil[3], r.center[0], r.center[1],
                               r.center[2], r.center[3]);
                out.maybe_flush();
                ++summary.events;
            }
    out.close();
    return summary;
}
}  // namespace umbra::gen
