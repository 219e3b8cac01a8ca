#pragma once
//! \file
//! Buffered text output to a plain or gzip-compressed file (chosen by the
//! ".gz" extension; compressed with ISA-L igzip), written through an AtomicOutputFile: the destination
//! appears only after close() succeeds.

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

#include "umbra/core/AtomicOutputFile.hpp"

namespace umbra
{
enum class Compression
{
    automatic,  //!< gzip if the file name ends in ".gz"
    none,
    gzip
};

class TextOutput
{
public:
    //! \param gzip_level ISA-L igzip level 0 (fastest) .. 3 (smallest); 1 is close to `gzip -2`
    //!        in size and several times faster than zlib
    explicit TextOutput(std::filesystem::path path, Compression compression = Compression::automatic,
                        int gzip_level = 1);
    ~TextOutput();
    TextOutput(const TextOutput&) = delete;
    TextOutput& operator=(const TextOutput&) = delete;

    //! The buffer to format into (fmt::format_to(std::back_inserter(out.buffer()), ...)).
    //! Call maybe_flush() after each record.
    fmt::memory_buffer& buffer() noexcept { return buffer_; }
    void write(std::string_view text) { buffer_.append(text); }
    void maybe_flush()
    {
        if (buffer_.size() >= flush_threshold) flush();
    }
    //! Flush, finish the gzip stream, and move the file into place.
    void close();

    const std::filesystem::path& path() const noexcept { return file_.destination(); }

private:
    static constexpr std::size_t flush_threshold = 1 << 20;
    struct GzipState;

    void flush();
    void compress(bool finish);
    void write_raw(const char* data, std::size_t size);

    AtomicOutputFile file_;
    std::FILE* stream_ = nullptr;
    std::unique_ptr<GzipState> gzip_;
    fmt::memory_buffer buffer_;
};
}  // namespace umbra
