#pragma once
//! \file
//! LHE writer (`.lhe`, or gzip when the name ends in `.gz`). By default
//! numbers are written in their shortest form that reads back to the
//! identical double, so a write -> read round trip reproduces every field
//! exactly; NumberStyle::madgraph prints MadGraph's fixed precisions
//! instead (11 significant digits for momenta). The file appears under its
//! name only after close() (temporary file + rename).

#include <filesystem>

#include "umbra/core/TextOutput.hpp"
#include "umbra/lhe/Event.hpp"
#include "umbra/lhe/RunInfo.hpp"

namespace umbra::lhe
{
enum class NumberStyle
{
    shortest,  //!< lossless: shortest round-trip form of every double
    madgraph,  //!< MadGraph 5's columns: "%+.10e" momenta, "%.4e" lifetime and spin, ...
};

class Writer
{
public:
    Writer(std::filesystem::path path, const RunInfo& run_info,
           Compression compression = Compression::automatic, NumberStyle style = NumberStyle::shortest);

    void write(const Event& event);
    //! Append `count` events already formatted with format_event().
    void write_formatted(std::string_view text, std::uint64_t count);
    //! Write `</LesHouchesEvents>` and move the file into place.
    void close();

    std::uint64_t events_written() const noexcept { return events_written_; }
    const std::filesystem::path& path() const noexcept { return output_.path(); }

    //! Append the text of one event block to `out` (used for parallel formatting).
    static void format_event(const Event& event, fmt::memory_buffer& out,
                             NumberStyle style = NumberStyle::shortest);
    NumberStyle style() const noexcept { return style_; }

private:
    TextOutput output_;
    NumberStyle style_;
    std::uint64_t events_written_ = 0;
};
}  // namespace umbra::lhe
