#pragma once
//! \file
//! What `umbra lhe info` reports about a stream of LHE events: counts,
//! cross-sections per file, particle content by PDG id and status, energy
//! ranges, weights, and whether events carry #vertex lines.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "umbra/lhe/Event.hpp"
#include "umbra/lhe/RunInfo.hpp"

namespace umbra::lhe
{
class SampleSummary
{
public:
    struct ParticleStats
    {
        std::uint64_t count = 0;
        double min_energy = 0;  //!< [GeV]
        double max_energy = 0;  //!< [GeV]
        double sum_energy = 0;  //!< [GeV]
    };
    //! Key: (PDG id, status).
    using ParticleTable = std::map<std::pair<int, int>, ParticleStats>;

    void add(const Event& event);
    void add_file(std::string name, const RunInfo& info, std::uint64_t events);

    std::uint64_t events() const noexcept { return events_; }
    double weight_sum() const noexcept { return weight_sum_; }
    const ParticleTable& particles() const noexcept { return particles_; }
    std::uint64_t events_with_vertex() const noexcept { return with_vertex_; }

    //! Human-readable report.
    std::string format() const;

private:
    struct FileEntry
    {
        std::string name;
        RunInfo info;
        std::uint64_t events = 0;
    };

    std::uint64_t events_ = 0;
    double weight_sum_ = 0;
    double min_weight_ = 0, max_weight_ = 0;
    std::uint64_t with_vertex_ = 0;
    std::uint64_t min_particles_ = 0, max_particles_ = 0;
    ParticleTable particles_;
    std::vector<FileEntry> files_;
};
}  // namespace umbra::lhe
