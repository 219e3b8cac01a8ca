#pragma once
//! \file
//! Progress of long work: events done, rate and ETA, redrawn in place on a
//! terminal at most a few times per second; silent when stderr is not a TTY
//! (batch logs), where only the final summary line is logged.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace umbra
{
class ProgressReporter
{
public:
    enum class Display
    {
        automatic,  //!< draw only when the output is a terminal
        always,
        never
    };

    //! \param total expected number of items, 0 if unknown
    ProgressReporter(std::string label, std::uint64_t total, Display display = Display::automatic,
                     std::FILE* out = stderr);
    ~ProgressReporter();
    ProgressReporter(const ProgressReporter&) = delete;
    ProgressReporter& operator=(const ProgressReporter&) = delete;

    //! Count n more items done; cheap enough to call once per event from any thread.
    void add(std::uint64_t n = 1) noexcept;
    //! Items done so far.
    std::uint64_t done() const noexcept { return done_.load(std::memory_order_relaxed); }
    //! Elapsed wall time since construction [s].
    double elapsed_seconds() const noexcept;
    //! Clear the progress line and log a one-line summary (called by the destructor too).
    void finish();

    //! The text of the progress line, e.g. "lhe split: 5000/20000 (25.0%) 1.2e5/s ETA 0:00:02".
    std::string format_line() const;

private:
    void draw();

    std::string label_;
    std::uint64_t total_;
    bool enabled_;
    std::FILE* out_;
    std::chrono::steady_clock::time_point start_;
    std::atomic<std::uint64_t> done_{0};
    std::atomic<std::int64_t> next_draw_ns_{0};
    bool finished_ = false;
    int uncaught_at_start_;  //!< std::uncaught_exceptions() at construction
};
}  // namespace umbra
