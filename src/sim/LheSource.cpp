#include "umbra/sim/LheSource.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/Log.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/lhe/Reader.hpp"

namespace umbra::sim
{
LheSource::LheSource(Config config) : config_(std::move(config))
{
    if (config_.files.empty())
        throw InputError("the LHE source needs at least one file (files = [\"production.lhe\", ...])");
    const auto& w = config_.beam_spot_width;
    if (!(w.x >= 0 && w.y >= 0 && w.z >= 0) || !std::isfinite(w.mag2()))
        throw InputError("LHE beam-spot widths must be >= 0 (full widths of the flat spot, in mm)");
    if (config_.read_ahead < 1) config_.read_ahead = 1;

    // First pass: count (and so validate) every input; refuse unequal counts.
    std::vector<std::uint64_t> counts;
    for (const auto& file : config_.files)
    {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec))
            throw InputError(SourceLocation{file.string(), 0},
                             "LHE file not found (it is an input of the LHE primary source; check the path, "
                             "relative paths are taken from the working directory)");
        lhe::Reader reader(file);
        lhe::Event event;
        std::uint64_t n = 0;
        while (reader.next(event)) ++n;
        if (n == 0)
            throw InputError(SourceLocation{file.string(), 0}, "LHE file has no events (nothing to simulate)");
        counts.push_back(n);
    }
    for (std::size_t k = 1; k < counts.size(); ++k)
    {
        if (counts[k] != counts[0])
            throw InputError(SourceLocation{config_.files[k].string(), 0},
                             fmt::format("has {} events but {} has {} (event i of every LHE input is merged "
                                         "into one simulated event, so the counts must agree); give the "
                                         "production and decay files of the same split",
                                         counts[k], config_.files[0].string(), counts[0]));
    }
    event_count_ = counts[0];

    std::lock_guard lock(read_mutex_);
    open_readers_locked();
}

LheSource::~LheSource() = default;

void LheSource::open_readers_locked()
{
    readers_.clear();
    for (const auto& file : config_.files) readers_.push_back(std::make_unique<lhe::Reader>(file));
    next_index_ = 0;
}

LheSource::Record LheSource::read_next_locked()
{
    Record record;
    record.events.resize(readers_.size());
    record.where.reserve(readers_.size());
    for (std::size_t k = 0; k < readers_.size(); ++k)
    {
        if (!readers_[k]->next(record.events[k]))
            throw InputError(SourceLocation{config_.files[k].string(), 0},
                             fmt::format("ended after {} events, {} were counted when the source opened it "
                                         "(was the file changed during the run?)",
                                         next_index_, event_count_));
        record.where.push_back(readers_[k]->location());
    }
    ++next_index_;
    return record;
}

LheSource::Record LheSource::fetch(std::uint64_t index)
{
    std::lock_guard lock(read_mutex_);
    if (auto it = buffer_.find(index); it != buffer_.end())
    {
        auto record = std::move(it->second);
        buffer_.erase(it);
        return record;
    }
    if (index < next_index_)
    {
        // Requested again, or asked for so late that it fell out of the buffer.
        log().debug("LHE source: rewinding the inputs for event {} (read up to {})", index, next_index_);
        ++rewinds_;
        open_readers_locked();
    }
    const std::uint64_t keep_from = index > config_.read_ahead ? index - config_.read_ahead : 0;
    while (next_index_ < index)
    {
        const auto i = next_index_;
        auto record = read_next_locked();
        if (i >= keep_from && !buffer_.contains(i)) buffer_.emplace(i, std::move(record));
    }
    // Bound the buffer: drop what is more than read_ahead behind this request.
    buffer_.erase(buffer_.begin(), buffer_.lower_bound(keep_from));
    return read_next_locked();
}

bool LheSource::supported(int pdg) const noexcept
{
    return std::find(config_.supported_pdg.begin(), config_.supported_pdg.end(), pdg) !=
           config_.supported_pdg.end();
}

void LheSource::count_skipped(int pdg)
{
    std::lock_guard lock(skipped_mutex_);
    if (++skipped_[pdg] == 1)
        log().warn("LHE source: skipping final-state particles with PDG {} (the transport handles {}); "
                   "further ones are counted silently",
                   pdg, fmt::join(config_.supported_pdg, ", "));
}

std::vector<PrimaryParticle> LheSource::primaries(std::uint64_t event, RandomStream& rng)
{
    // Beam-spot offset for inputs without #vertex: flat, width * (U - 0.5) per
    // axis (as ldmx-sw PrimaryGenerator::smearBeamspot). Drawn first, always.
    const auto& w = config_.beam_spot_width;
    const double ux = rng.uniform();
    const double uy = rng.uniform();
    const double uz = rng.uniform();
    const ThreeVector default_position =
        config_.default_vertex + ThreeVector{w.x * (ux - 0.5), w.y * (uy - 0.5), w.z * (uz - 0.5)};

    if (event < config_.first_event || event - config_.first_event >= event_count_)
        throw InputError(SourceLocation{config_.files.front().string(), 0},
                         fmt::format("event {} is outside the LHE input, which holds events {} to {} "
                                     "(simulate at most {} events, or set first_event)",
                                     event, config_.first_event, config_.first_event + event_count_ - 1,
                                     event_count_));
    const auto record = fetch(event - config_.first_event);

    std::vector<PrimaryParticle> out;
    for (std::size_t k = 0; k < record.events.size(); ++k)
    {
        const auto& input = record.events[k];
        ThreeVector position = default_position;
        double time = time_shift(position.z);
        if (input.vertex)
        {
            const auto& v = *input.vertex;
            position = {v.x * units::mm, v.y * units::mm, v.z * units::mm};
            time = v.has_time ? v.t * units::ns : time_shift(position.z);
        }
        for (std::size_t i = 0; i < input.particles.size(); ++i)
        {
            const auto& particle = input.particles[i];
            if (particle.status != lhe::Status::outgoing) continue;
            if (!supported(particle.pdg))
            {
                if (config_.unsupported == UnsupportedParticle::error)
                    throw InputError(record.where[k],
                                     fmt::format("final-state particle {} of the event ending here has PDG {}, "
                                                 "which the transport cannot handle (supported: {}); add it to "
                                                 "supported_pdg or set unsupported = \"skip\"",
                                                 i + 1, particle.pdg, fmt::join(config_.supported_pdg, ", ")));
                count_skipped(particle.pdg);
                continue;
            }
            PrimaryParticle p;
            p.pdg = particle.pdg;
            p.position = position;
            p.time = time;
            // LHE momenta are GeV (Les Houches accord); umbra's unit is MeV.
            p.momentum = ThreeVector{particle.px, particle.py, particle.pz} * units::GeV;
            p.mass = particle_mass(particle.pdg).value_or(particle.m * units::GeV);
            p.weight = input.weight;
            p.origin = PrimaryOrigin::lhe;
            p.generator_status = particle.status;
            p.input_index = static_cast<int>(k);
            p.particle_index = static_cast<int>(i + 1);
            p.mother_index = particle.mother1;
            out.push_back(p);
        }
    }
    return out;
}

std::string LheSource::describe() const
{
    std::vector<std::string> names;
    for (const auto& f : config_.files) names.push_back(f.string());
    return fmt::format("lhe: {} ({} events{}, event i of each input merged), firing status-1 particles with "
                       "PDG in [{}] ({} the others)",
                       fmt::join(names, " + "), event_count_,
                       config_.first_event ? fmt::format(" from global event {}", config_.first_event) : "",
                       fmt::join(config_.supported_pdg, ", "),
                       config_.unsupported == UnsupportedParticle::skip ? "skipping" : "refusing");
}

std::map<int, std::uint64_t> LheSource::skipped_particles() const
{
    std::lock_guard lock(skipped_mutex_);
    return skipped_;
}

std::uint64_t LheSource::rewinds() const
{
    std::lock_guard lock(read_mutex_);
    return rewinds_;
}
}  // namespace umbra::sim
