#pragma once
//! \file
//! Streaming LHE reader: `.lhe` and `.lhe.gz` (recognised from content),
//! several files read as one stream of events. Memory stays flat: one
//! event at a time, reusing the caller's Event storage.
//!
//!   lhe::Reader reader({"a.lhe.gz", "b.lhe"});
//!   lhe::Event event;
//!   while (reader.next(event)) { ... }
//!
//! Malformed input throws umbra::InputError with file, line and what was
//! expected.

#include <filesystem>
#include <memory>
#include <vector>

#include "umbra/core/Error.hpp"
#include "umbra/core/LineReader.hpp"
#include "umbra/lhe/Event.hpp"
#include "umbra/lhe/RunInfo.hpp"

namespace umbra::lhe
{
class Reader
{
public:
    explicit Reader(std::vector<std::filesystem::path> files);
    explicit Reader(const std::filesystem::path& file) : Reader(std::vector{file}) {}

    //! Header and `<init>` of the first file.
    const RunInfo& run_info() const noexcept { return run_infos_.front(); }
    //! Header and `<init>` of every file opened so far (all of them once next() returned false).
    const std::vector<RunInfo>& file_run_infos() const noexcept { return run_infos_; }
    const std::vector<std::filesystem::path>& files() const noexcept { return files_; }

    //! Read the next event into `event`; false after the last event of the last file.
    bool next(Event& event);

    //! Events returned so far, over all files.
    std::uint64_t events_read() const noexcept { return events_read_; }
    //! Index in files() of the file being read.
    std::size_t file_index() const noexcept { return file_index_; }
    //! File and line of the last line read.
    SourceLocation location() const { return lines_->location(); }

private:
    void open(std::size_t index);
    void read_run_info(RunInfo& info);
    void read_init(Init& init);
    void read_event_body(Event& event, std::uint64_t event_line);
    void parse_event_line(std::string_view line, Event& event);
    void parse_particle_line(std::string_view line, Particle& particle);
    void parse_vertex_line(std::string_view line, Vertex& vertex);
    void read_rwgt(Event& event);

    std::vector<std::filesystem::path> files_;
    std::vector<RunInfo> run_infos_;
    std::unique_ptr<LineReader> lines_;
    std::size_t file_index_ = 0;
    bool file_closed_ = false;  //!< `</LesHouchesEvents>` seen in the current file
    std::uint64_t events_read_ = 0;
};
}  // namespace umbra::lhe
