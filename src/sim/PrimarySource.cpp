#include "umbra/sim/PrimarySource.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <filesystem>

#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/BeamSource.hpp"
#include "umbra/sim/LheSource.hpp"
#include "umbra/sim/ParticleGunSource.hpp"

namespace umbra::sim
{
namespace
{
std::string where(const ConfigTable& table)
{
    return table.path().empty() ? std::string("the top level") : fmt::format("[{}]", table.path());
}

//! An optional [x, y, z] array key; `fallback` if absent.
ThreeVector get_vector(ConfigTable& table, std::string_view key, const ThreeVector& fallback)
{
    const auto values = table.get_doubles(key, {});  // (always read: makes the key known for suggestions)
    if (!table.contains(key)) return fallback;
    if (values.size() != 3)
        throw InputError(table.location(key), fmt::format("'{}' in {} needs three numbers [x, y, z] (got {})", key,
                                                          where(table), values.size()));
    for (double v : values)
    {
        if (!std::isfinite(v))
            throw InputError(table.location(key), fmt::format("'{}' in {} has a non-finite entry", key, where(table)));
    }
    return {values[0], values[1], values[2]};
}

int get_particle(ConfigTable& table, std::string_view key, int fallback)
{
    const auto name = table.get(key, std::string());
    if (!table.contains(key)) return fallback;
    const auto pdg = pdg_from_name(name);
    if (!pdg)
        throw InputError(table.location(key), fmt::format("unknown particle '{}' in {} (the transport handles "
                                                          "\"e-\", \"e+\", \"gamma\", \"mu-\", \"mu+\")",
                                                          name, where(table)));
    return *pdg;
}

double get_positive_gev(ConfigTable& table, std::string_view key, double fallback_mev)
{
    const double value = table.get(key, fallback_mev / units::GeV);
    if (!table.contains(key)) return fallback_mev;
    if (!(value > 0) || !std::isfinite(value))
        throw InputError(table.location(key),
                         fmt::format("'{}' in {} must be a positive kinetic energy in GeV (got {})", key, where(table),
                                     value));
    return value * units::GeV;
}

ThreeVector get_widths(ConfigTable& table, std::string_view key, const ThreeVector& fallback)
{
    const auto w = get_vector(table, key, fallback);
    if (!(w.x >= 0 && w.y >= 0 && w.z >= 0))
        throw InputError(table.location(key),
                         fmt::format("'{}' in {} must be >= 0 (full widths of a flat spread, in mm)", key, where(table)));
    return w;
}

//! Run a source constructor; its location-less InputErrors get the table's location.
template <class Make>
std::unique_ptr<PrimarySource> located(const ConfigTable& table, Make&& make)
{
    try
    {
        return make();
    }
    catch (const InputError& error)
    {
        if (!error.where().file.empty()) throw;
        throw InputError(table.location(), fmt::format("{} (in {})", error.message(), where(table)));
    }
}

std::unique_ptr<PrimarySource> make_beam(ConfigTable& table)
{
    const auto preset_name = table.get("preset", "ldmx-8gev-upstream-tagger");
    BeamSource::Config config;
    try
    {
        config = BeamSource::preset(preset_name);
    }
    catch (const InputError& error)
    {
        throw InputError(table.location("preset"), error.message());
    }
    config.pdg = get_particle(table, "particle", config.pdg);
    config.kinetic_energy = get_positive_gev(table, "energy_gev", config.kinetic_energy);
    config.position = get_vector(table, "position_mm", config.position);
    config.direction = get_vector(table, "direction", config.direction);
    config.beam_spot_width = get_widths(table, "beam_spot_mm", config.beam_spot_width);
    config.time = table.get("time_ns", config.time);
    config.time_shift = table.get("time_shift", config.time_shift);
    table.finish();
    return located(table, [&] { return std::make_unique<BeamSource>(config); });
}

std::unique_ptr<PrimarySource> make_gun(ConfigTable& table)
{
    ParticleGunSource::Config config;
    config.pdg = get_particle(table, "particle", config.pdg);
    if (table.contains("energy_gev") && table.contains("energy_range_gev"))
        throw InputError(table.location("energy_range_gev"),
                         fmt::format("give 'energy_gev' or 'energy_range_gev' in {}, not both", where(table)));
    config.kinetic_energy = get_positive_gev(table, "energy_gev", config.kinetic_energy);
    if (table.contains("energy_range_gev"))
    {
        const auto range = table.get_doubles("energy_range_gev", {});
        if (range.size() != 2 || !(range[0] > 0) || !(range[1] >= range[0]) || !std::isfinite(range[1]))
            throw InputError(table.location("energy_range_gev"),
                             fmt::format("'energy_range_gev' in {} needs [min, max] kinetic energies in GeV with "
                                         "0 < min <= max",
                                         where(table)));
        config.kinetic_energy = range[0] * units::GeV;
        config.max_kinetic_energy = range[1] * units::GeV;
    }
    config.position = get_vector(table, "position_mm", config.position);
    config.direction = get_vector(table, "direction", config.direction);
    config.position_spread = get_widths(table, "position_spread_mm", config.position_spread);
    config.angular_spread = table.get("angular_spread_mrad", config.angular_spread * 1e3) * 1e-3;
    config.count = table.get("count", config.count);
    config.time = table.get("time_ns", config.time);
    config.time_shift = table.get("time_shift", config.time_shift);
    table.finish();
    return located(table, [&] { return std::make_unique<ParticleGunSource>(config); });
}

std::unique_ptr<PrimarySource> make_lhe(ConfigTable& table)
{
    LheSource::Config config;
    const auto files = table.get_strings("files", {});
    if (files.empty())
        throw InputError(table.contains("files") ? table.location("files") : table.location(),
                         fmt::format("{} with type = \"lhe\" needs files = [\"production.lhe\", ...] "
                                     "(event i of each file is merged into one simulated event)",
                                     where(table)));
    for (const auto& file : files)
    {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec))
            throw InputError(table.location("files"),
                             fmt::format("LHE file '{}' not found (relative paths are taken from the working "
                                         "directory)",
                                         file));
        config.files.emplace_back(file);
    }
    const auto first_event = table.get("first_event", std::int64_t{0});
    if (first_event < 0)
        throw InputError(table.location("first_event"), "'first_event' must be >= 0");
    config.first_event = static_cast<std::uint64_t>(first_event);
    if (table.contains("supported_pdg"))
    {
        config.supported_pdg.clear();
        for (double id : table.get_doubles("supported_pdg", {}))
        {
            if (id != std::trunc(id) || std::abs(id) > 1e9)
                throw InputError(table.location("supported_pdg"),
                                 fmt::format("'supported_pdg' in {} must hold integer PDG ids", where(table)));
            config.supported_pdg.push_back(static_cast<int>(id));
        }
    }
    const auto unsupported = table.get("unsupported", "skip");
    if (unsupported == "skip")
        config.unsupported = LheSource::UnsupportedParticle::skip;
    else if (unsupported == "error")
        config.unsupported = LheSource::UnsupportedParticle::error;
    else
        throw InputError(table.location("unsupported"),
                         fmt::format("unknown value '{}' for 'unsupported' in {} (expected \"skip\" or \"error\")",
                                     unsupported, where(table)));
    config.default_vertex = get_vector(table, "default_vertex_mm", config.default_vertex);
    config.beam_spot_width = get_widths(table, "beam_spot_mm", config.beam_spot_width);
    const auto read_ahead = table.get("read_ahead", static_cast<std::int64_t>(config.read_ahead));
    if (read_ahead < 1) throw InputError(table.location("read_ahead"), "'read_ahead' must be >= 1");
    config.read_ahead = static_cast<std::size_t>(read_ahead);
    table.finish();
    return located(table, [&] { return std::make_unique<LheSource>(config); });
}
}  // namespace

std::unique_ptr<PrimarySource> make_primary_source(ConfigTable& section)
{
    const auto type = section.get("type", "beam");
    if (type == "beam") return make_beam(section);
    if (type == "gun") return make_gun(section);
    if (type == "lhe") return make_lhe(section);
    throw InputError(section.location("type"), fmt::format("unknown source type '{}' in {} (expected \"beam\", "
                                                           "\"gun\" or \"lhe\")",
                                                           type, where(section)));
}

std::string dump_default_source()
{
    return fmt::format(
        R"([source]
type = "beam"          # beam | gun | lhe
# --- type = "beam": an ldmx-sw beam gun (SimCore/python/generators.py) ---
preset = "ldmx-8gev-upstream-tagger"   # {}
# Overrides of the preset (an upstream-tagger position/direction only reaches
# (0, 0, 0) at the preset's energy: the magnet bends other energies elsewhere).
# particle = "e-"                      # e- | e+ | gamma | mu- | mu+
# energy_gev = 8.0                     # kinetic energy [GeV]
# position_mm = [-21.745876, 0.0, -883.0]
# direction = [0.0485658, 0.0, 0.9988200]
beam_spot_mm = [20.0, 80.0, 0.0]       # full widths of the flat beam spot [mm] (x, y, z)
time_ns = 0.0                          # gun time [ns] before the shift
time_shift = true                      # add z / 299.702547 mm/ns (ldmx-sw): t = 0 at z = 0

# --- type = "gun": a particle gun for validation studies ---
# particle = "e-"                      # e- | e+ | gamma | mu- | mu+
# energy_gev = 4.0                     # kinetic energy [GeV] ...
# energy_range_gev = [1.0, 8.0]        # ... or flat in [min, max] (not both)
# position_mm = [0.0, 0.0, 0.0]
# direction = [0.0, 0.0, 1.0]          # normalised
# position_spread_mm = [0.0, 0.0, 0.0] # full widths of a flat spread [mm]
# angular_spread_mrad = 0.0            # cone half-angle, uniform in solid angle [mrad]
# count = 1                            # particles per event
# time_ns = 0.0
# time_shift = true

# --- type = "lhe": LHE files, event i of every file merged into one event ---
# files = ["production.lhe.gz", "decay.lhe.gz"]   # equal event counts required
# first_event = 0                      # global event number of the files' first event
# supported_pdg = [11, -11, 22, 13, -13]          # status-1 particles fired
# unsupported = "skip"                 # skip (counted warning) | error
# default_vertex_mm = [0.0, 0.0, 0.0]  # for events without a #vertex line ...
# beam_spot_mm = [20.0, 80.0, 0.0]     # ... smeared by this flat spot (full widths)
# read_ahead = 4096                    # events buffered for out-of-order requests
)",
        fmt::join(BeamSource::preset_names(), " | "));
}
}  // namespace umbra::sim
