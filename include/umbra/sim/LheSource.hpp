#pragma once
//! \file
//! Primaries from LHE files. With several inputs, the i-th event of every
//! input makes one simulated event: the ALP job's production file (beam
//! electron, recoil nucleus, X with status 2) and decay file (the X products
//! with the displaced `#vertex`) fire together, as ldmx-sw does with two
//! LHEPrimaryGenerators (SimCore/src/SimCore/Generators/LHEPrimaryGenerator.cxx).
//!
//! What is fired, per input event:
//!  - only final-state particles (ISTUP = 1); never decayed resonances (2),
//!    incoming (-1) or documentation lines. (ldmx-sw fires status > 0 and
//!    hangs status-1 daughters of a status-2 mother under it; umbra's split
//!    writes the X decay as a separate decay file, so status 1 is exactly the
//!    set of particles to transport.)
//!  - only PDG ids in Config::supported_pdg (default: what the transport
//!    handles, e+-, gamma, mu+-). Other final-state particles (the recoil
//!    nucleus 623 / 9000002, an undecayed X, neutrinos) are skipped and counted
//!    (one warning per PDG id, skipped_particles() for the end-of-run
//!    summary), or are an InputError with Config::unsupported = error.
//!  - position: the input event's `#vertex x y z [t]` (mm, ns; docs/lhe-split.md)
//!    if it has one. Otherwise Config::default_vertex plus a flat beam-spot
//!    offset of full widths Config::beam_spot_width (default [20, 80, 0] mm at
//!    the origin: the beam spot `umbra lhe split` gives production vertices,
//!    shared/reference/ldmx-v14-detector.md §1). One offset is drawn per
//!    simulated event and shared by all inputs without a vertex.
//!  - time: the `#vertex` time if the line has one (umbra's split writes t = 0
//!    at the production vertex at z = 0 and t0 + d/(beta c) at the decay point:
//!    already the t = 0-at-target convention); otherwise ldmx-sw's shift
//!    z / time_shift_speed.
//!  - momentum: PUP(1..3) GeV -> MeV; the energy follows from the PDG mass of
//!    e, mu, gamma (particle_mass()) or else from the LHE mass PUP(5).
//!  - weight: the input event's XWGTUP (each primary carries its own file's).
//!
//! Event numbering and threads: global event `event` is input event
//! `event - first_event` (0-based, in file order). The constructor reads every
//! input once to count (and validate) its events, so event_count() is known
//! and inputs with different counts are refused up front. Afterwards events
//! are read sequentially under a mutex; events read ahead of a request (when
//! threads ask out of order) are kept in a buffer of at most `read_ahead`
//! events, and a request for an event no longer available rewinds the inputs.
//! primaries(event) is therefore the same whatever the thread count or the
//! order of the calls, at the cost of serialising the (fast) parsing.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "umbra/core/Error.hpp"
#include "umbra/core/ThreeVector.hpp"
#include "umbra/lhe/Event.hpp"
#include "umbra/sim/PrimarySource.hpp"

namespace umbra::lhe
{
class Reader;
}

namespace umbra::sim
{
class LheSource final : public PrimarySource
{
public:
    //! What to do with a final-state particle whose PDG id is not supported.
    enum class UnsupportedParticle
    {
        skip,   //!< drop it, count it, warn once per PDG id
        error,  //!< throw InputError naming the file, line and particle
    };

    struct Config
    {
        //! One LHE file (.lhe or .lhe.gz) per input; event i of each is merged.
        std::vector<std::filesystem::path> files;
        std::uint64_t first_event = 0;  //!< global number of the inputs' first event
        std::vector<int> supported_pdg{11, -11, 22, 13, -13};  //!< PDG ids the transport handles
        UnsupportedParticle unsupported = UnsupportedParticle::skip;
        ThreeVector default_vertex{0, 0, 0};     //!< vertex of events without `#vertex` [mm]
        ThreeVector beam_spot_width{20, 80, 0};  //!< flat smear of default_vertex, full widths [mm]
        std::size_t read_ahead = 4096;           //!< max. events buffered for out-of-order requests
    };

    //! Opens and counts every input. InputError: no files, a missing or
    //! malformed file (with file and line), inputs with different event counts.
    explicit LheSource(Config config);
    ~LheSource() override;
    LheSource(const LheSource&) = delete;
    LheSource& operator=(const LheSource&) = delete;

    //! Always draws three uniforms first (the beam-spot offset for events
    //! without `#vertex`). InputError if `event` is outside
    //! [first_event, first_event + event count).
    std::vector<PrimaryParticle> primaries(std::uint64_t event, RandomStream& rng) override;
    //! Events per input (all inputs have the same count).
    std::optional<std::uint64_t> event_count() const override { return event_count_; }
    std::string describe() const override;
    //! With two or more inputs, the last one (the split's decay file, whose `#vertex` is the
    //! displaced decay point); none with a single input.
    std::optional<int> decay_input() const override
    {
        return config_.files.size() >= 2 ? std::optional<int>(static_cast<int>(config_.files.size()) - 1) : std::nullopt;
    }

    //! LHE event weights (XWGTUP) are cross-sections in pb.
    std::string weight_unit() const override { return "pb"; }

    //! Final-state particles skipped so far (unsupported PDG id -> count).
    std::map<int, std::uint64_t> skipped_particles() const;
    //! How often the inputs had to be rewound (out-of-order requests beyond read_ahead).
    std::uint64_t rewinds() const;

    const Config& config() const noexcept { return config_; }

private:
    //! The index-th event of every input, with where each ended in its file.
    struct Record
    {
        std::vector<lhe::Event> events;
        std::vector<SourceLocation> where;
    };

    Record fetch(std::uint64_t index);
    Record read_next_locked();
    void open_readers_locked();
    bool supported(int pdg) const noexcept;
    void count_skipped(int pdg);

    Config config_;
    std::uint64_t event_count_ = 0;

    mutable std::mutex read_mutex_;
    std::vector<std::unique_ptr<lhe::Reader>> readers_;  //!< guarded by read_mutex_
    std::uint64_t next_index_ = 0;                       //!< input event the readers give next
    std::map<std::uint64_t, Record> buffer_;             //!< read ahead, not yet served
    std::uint64_t rewinds_ = 0;

    mutable std::mutex skipped_mutex_;
    std::map<int, std::uint64_t> skipped_;
};
}  // namespace umbra::sim
