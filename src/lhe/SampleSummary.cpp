#include "umbra/lhe/SampleSummary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace umbra::lhe
{
void SampleSummary::add(const Event& event)
{
    const auto n = static_cast<std::uint64_t>(event.particles.size());
    if (events_ == 0)
    {
        min_weight_ = max_weight_ = event.weight;
        min_particles_ = max_particles_ = n;
    }
    ++events_;
    weight_sum_ += event.weight;
    min_weight_ = std::min(min_weight_, event.weight);
    max_weight_ = std::max(max_weight_, event.weight);
    min_particles_ = std::min(min_particles_, n);
    max_particles_ = std::max(max_particles_, n);
    if (event.vertex) ++with_vertex_;
    for (const auto& p : event.particles)
    {
        auto& s = particles_[{p.pdg, p.status}];
        if (s.count == 0) s.min_energy = s.max_energy = p.e;
        ++s.count;
        s.min_energy = std::min(s.min_energy, p.e);
        s.max_energy = std::max(s.max_energy, p.e);
        s.sum_energy += p.e;
    }
}

void SampleSummary::add_file(std::string name, const RunInfo& info, std::uint64_t events)
{
    files_.push_back({std::move(name), info, events});
}

std::string SampleSummary::format() const
{
    fmt::memory_buffer out;
    auto it = std::back_inserter(out);
    double inverse_variance = 0, weighted = 0;
    bool combinable = true;
    for (const auto& f : files_)
    {
        const auto& init = f.info.init;
        fmt::format_to(it, "file {}\n  events: {}", f.name, f.events);
        if (f.info.banner.nevents) fmt::format_to(it, " (run card nevents {})", *f.info.banner.nevents);
        if (f.info.banner.seed) fmt::format_to(it, ", seed {}", *f.info.banner.seed);
        fmt::format_to(it, "\n  beams: {} ({} GeV) on {} ({} GeV), weighting strategy IDWTUP={}\n",
                       init.beam_pdg[0], init.beam_energy[0], init.beam_pdg[1], init.beam_energy[1],
                       init.weighting_strategy);
        for (const auto& p : init.processes)
        {
            fmt::format_to(it, "  process {}: cross-section {:.6g} +- {:.3g} pb (max weight {:.6g})\n", p.id,
                           p.cross_section, p.error, p.max_weight);
        }
        const double sigma = init.total_cross_section(), error = init.total_error();
        if (error > 0) { inverse_variance += 1 / (error * error); weighted += sigma / (error * error); }
        else combinable = false;
        if (!f.info.banner.masses.empty())
        {
            fmt::format_to(it, "  param card masses [GeV]:");
            for (const auto& [pdg, mass] : f.info.banner.masses) fmt::format_to(it, " {}={:.6g}", pdg, mass);
            fmt::format_to(it, "\n");
        }
        if (!f.info.banner.widths.empty())
        {
            fmt::format_to(it, "  param card widths [GeV]:");
            for (const auto& [pdg, width] : f.info.banner.widths) fmt::format_to(it, " {}={:.6g}", pdg, width);
            fmt::format_to(it, "\n");
        }
    }
    fmt::format_to(it, "total: {} events", events_);
    if (files_.size() > 1 && combinable && inverse_variance > 0)
    {
        fmt::format_to(it, ", combined cross-section {:.6g} +- {:.3g} pb (inverse-variance mean of {} files)",
                       weighted / inverse_variance, 1 / std::sqrt(inverse_variance), files_.size());
    }
    fmt::format_to(it, "\n");
    if (events_ == 0) return fmt::to_string(out);
    fmt::format_to(it, "weights: sum {:.6g}, min {:.6g}, max {:.6g}\n", weight_sum_, min_weight_, max_weight_);
    fmt::format_to(it, "particles per event: {}..{}; events with #vertex: {}\n", min_particles_, max_particles_,
                   with_vertex_);
    fmt::format_to(it, "{:>10} {:>7} {:>10} {:>14} {:>14} {:>14}\n", "pdg", "status", "count", "E min [GeV]",
                   "E mean [GeV]", "E max [GeV]");
    for (const auto& [key, s] : particles_)
    {
        fmt::format_to(it, "{:>10} {:>7} {:>10} {:>14.6g} {:>14.6g} {:>14.6g}\n", key.first, key.second, s.count,
                       s.min_energy, s.sum_energy / static_cast<double>(s.count), s.max_energy);
    }
    return fmt::to_string(out);
}
}  // namespace umbra::lhe
