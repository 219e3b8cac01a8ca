#pragma once
//! \file
//! Streaming line-by-line reader of a text file, plain or gzip-compressed.
//! The compression is recognised from the content (gzip magic bytes), not
//! the file name. Inflation uses ISA-L's igzip (several times faster than
//! zlib); concatenated gzip members are read as one stream, as `gzip -dc`
//! does. A truncated or corrupt stream is an InputError with file and line.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "umbra/core/Error.hpp"

namespace umbra
{
class LineReader
{
public:
    explicit LineReader(const std::filesystem::path& path);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    //! Next line, without its end-of-line ("\n" or "\r\n"). The view stays
    //! valid until the next call. Returns false at the end of the file.
    bool next(std::string_view& line);

    //! 1-based number of the line last returned by next().
    std::uint64_t line_number() const noexcept { return line_number_; }
    const std::string& file_name() const noexcept { return file_name_; }
    bool compressed() const noexcept { return inflater_ != nullptr; }
    //! Location of the line last returned.
    SourceLocation location() const { return {file_name_, line_number_}; }
    //! Throw an InputError located at the line last returned.
    [[noreturn]] void fail(const std::string& message) const;

private:
    class Inflater;

    //! Append more data after end_; returns false at the end of the file.
    bool refill();
    std::size_t read_raw(char* destination, std::size_t capacity);

    std::string file_name_;
    int fd_ = -1;
    std::unique_ptr<Inflater> inflater_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;  //!< first unconsumed byte in buffer_
    std::size_t end_ = 0;    //!< one past the last valid byte in buffer_
    bool at_eof_ = false;
    std::uint64_t line_number_ = 0;
};
}  // namespace umbra
