#include "umbra/core/Progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <exception>

#include "umbra/core/Log.hpp"

namespace umbra
{
namespace
{
constexpr std::int64_t redraw_interval_ns = 250'000'000;

std::string format_duration(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e7) return "--:--:--";
    const auto s = static_cast<long>(seconds + 0.5);
    return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}
}  // namespace

ProgressReporter::ProgressReporter(std::string label, std::uint64_t total, Display display,
                                   std::FILE* out)
    : label_(std::move(label)),
      total_(total),
      enabled_(display == Display::always ||
               (display == Display::automatic && out != nullptr && isatty(fileno(out)))),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      uncaught_at_start_(std::uncaught_exceptions())
{
}

ProgressReporter::~ProgressReporter()
{
    if (finished_) return;
    if (std::uncaught_exceptions() > uncaught_at_start_)
    {
        // Unwinding from an error: clear the line, but log no success summary.
        if (enabled_) fmt::print(out_, "\r\033[K");
        return;
    }
    finish();
}

double ProgressReporter::elapsed_seconds() const noexcept
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressReporter::add(std::uint64_t n) noexcept
{
    done_.fetch_add(n, std::memory_order_relaxed);
    if (!enabled_) return;
    const auto now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now() - start_)
                            .count();
    auto next = next_draw_ns_.load(std::memory_order_relaxed);
    if (now_ns < next) return;
    if (next_draw_ns_.compare_exchange_strong(next, now_ns + redraw_interval_ns))
    {
        try
        {
            draw();
        }
        catch (...)
        {
            // Drawing progress must never abort the work.
        }
    }
}

std::string ProgressReporter::format_line() const
{
    const auto n = done();
    const double elapsed = elapsed_seconds();
    const double rate = elapsed > 0 ? static_cast<double>(n) / elapsed : 0.0;
    if (total_ == 0) return fmt::format("{}: {} done, {:.3g}/s", label_, n, rate);
    const double fraction = static_cast<double>(n) / static_cast<double>(total_);
    const double eta = rate > 0 ? static_cast<double>(total_ - std::min(n, total_)) / rate : -1;
    return fmt::format("{}: {}/{} ({:.1f}%) {:.3g}/s ETA {}", label_, n, total_, 100 * fraction,
                       rate, format_duration(eta));
}

void ProgressReporter::draw()
{
    fmt::print(out_, "\r\033[K{}", format_line());
    std::fflush(out_);
}

void ProgressReporter::finish()
{
    if (finished_) return;
    finished_ = true;
    if (enabled_)
    {
        fmt::print(out_, "\r\033[K");
        std::fflush(out_);
    }
    const double elapsed = elapsed_seconds();
    const auto n = done();
    log().info("{}: {} in {} ({:.3g}/s)", label_, n, format_duration(elapsed),
               elapsed > 0 ? static_cast<double>(n) / elapsed : 0.0);
}
}  // namespace umbra
