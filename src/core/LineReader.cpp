#include "umbra/core/LineReader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <isa-l/igzip_lib.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace umbra
{
namespace
{
constexpr std::size_t initial_buffer_size = 1 << 22;  // 4 MiB of text
constexpr std::size_t compressed_chunk_size = 1 << 20;

const char* isal_error_text(int code)
{
    switch (code)
    {
        case ISAL_INVALID_BLOCK: return "invalid deflate block";
        case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
        case ISAL_INVALID_LOOKBACK: return "invalid back-reference distance";
        case ISAL_INVALID_WRAPPER: return "invalid gzip header";
        case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method";
        case ISAL_INCORRECT_CHECKSUM: return "CRC checksum mismatch";
        default: return "corrupt compressed data";
    }
}
}  // namespace

//! Streaming gzip decoder over a file descriptor (ISA-L igzip).
class LineReader::Inflater
{
public:
    Inflater(int fd, const std::string& file_name) : fd_(fd), file_name_(file_name)
    {
        input_.resize(compressed_chunk_size);
        start_member();
    }

    //! Decompress into destination; returns bytes produced, 0 at the end of the stream.
    //! lines_so_far is only used to locate errors.
    std::size_t read(char* destination, std::size_t capacity, std::uint64_t lines_so_far)
    {
        while (true)
        {
            if (member_finished_)
            {
                if (!fill_input()) return 0;  // clean end after a complete member
                if (state_.avail_in >= 2 && state_.next_in[0] == 0x1f && state_.next_in[1] == 0x8b)
                {
                    start_member();  // concatenated member, as gzip -dc reads it
                    continue;
                }
                if (only_zeros_remain()) return 0;  // zero padding (tape/block devices): ignored by gzip too
                throw InputError(SourceLocation{file_name_, 0},
                                 "unexpected data after the end of the gzip stream (not a gzip "
                                 "member; the file may be corrupt)");
            }
            if (state_.avail_in == 0 && !fill_input())
            {
                throw InputError(
                    SourceLocation{file_name_, lines_so_far + 1},
                    fmt::format("file ends inside the gzip stream after {} compressed bytes (the "
                                "file is truncated: an interrupted copy or a job still writing it?)",
                                compressed_bytes_));
            }
            state_.next_out = reinterpret_cast<std::uint8_t*>(destination);
            state_.avail_out = static_cast<std::uint32_t>(capacity);
            const int status = isal_inflate(&state_);
            if (status < 0)
            {
                throw InputError(SourceLocation{file_name_, lines_so_far + 1},
                                 fmt::format("{} in the gzip stream (the file is corrupt)",
                                             isal_error_text(status)));
            }
            const std::size_t produced = capacity - state_.avail_out;
            if (state_.block_state == ISAL_BLOCK_FINISH) member_finished_ = true;
            if (produced > 0) return produced;
        }
    }

private:
    void start_member()
    {
        auto* next_in = state_.next_in;
        auto avail_in = state_.avail_in;
        isal_inflate_init(&state_);
        state_.crc_flag = ISAL_GZIP;
        state_.next_in = next_in;
        state_.avail_in = avail_in;
        member_finished_ = false;
    }

    //! Make sure some compressed input is available; false at end of file.
    bool fill_input()
    {
        if (state_.avail_in > 0) return true;
        if (input_eof_) return false;
        ssize_t n;
        do
        {
            n = ::read(fd_, input_.data(), input_.size());
        } while (n < 0 && errno == EINTR);
        if (n < 0)
        {
            throw InputError(SourceLocation{file_name_, 0},
                             fmt::format("read error ({})", std::strerror(errno)));
        }
        if (n == 0)
        {
            input_eof_ = true;
            return false;
        }
        compressed_bytes_ += static_cast<std::uint64_t>(n);
        state_.next_in = input_.data();
        state_.avail_in = static_cast<std::uint32_t>(n);
        return true;
    }

    bool only_zeros_remain()
    {
        while (fill_input())
        {
            for (std::uint32_t i = 0; i < state_.avail_in; ++i)
            {
                if (state_.next_in[i] != 0) return false;
            }
            state_.avail_in = 0;
        }
        return true;
    }

    int fd_;
    const std::string& file_name_;
    inflate_state state_{};
    std::vector<std::uint8_t> input_;
    bool input_eof_ = false;
    bool member_finished_ = false;
    std::uint64_t compressed_bytes_ = 0;
};

LineReader::LineReader(const std::filesystem::path& path) : file_name_(path.string())
{
    if (std::filesystem::is_directory(path))
    {
        throw InputError(SourceLocation{file_name_, 0}, "is a directory, not a file");
    }
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
    {
        throw InputError(SourceLocation{file_name_, 0},
                         fmt::format("cannot open ({})", std::strerror(errno)));
    }
    posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    buffer_.resize(initial_buffer_size);

    // Sniff the gzip magic bytes; keep whatever was read as the first data.
    end_ = read_raw(buffer_.data(), 2);
    if (end_ == 2 && static_cast<unsigned char>(buffer_[0]) == 0x1f &&
        static_cast<unsigned char>(buffer_[1]) == 0x8b)
    {
        if (::lseek(fd_, 0, SEEK_SET) != 0)
        {
            throw InputError(SourceLocation{file_name_, 0},
                             "gzip input must be a regular file (cannot rewind a pipe)");
        }
        end_ = 0;
        inflater_ = std::make_unique<Inflater>(fd_, file_name_);
    }
}

LineReader::~LineReader()
{
    if (fd_ >= 0) ::close(fd_);
}

void LineReader::fail(const std::string& message) const { throw InputError(location(), message); }

std::size_t LineReader::read_raw(char* destination, std::size_t capacity)
{
    std::size_t total = 0;
    while (total < capacity)
    {
        const ssize_t n = ::read(fd_, destination + total, capacity - total);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
        {
            throw InputError(SourceLocation{file_name_, line_number_},
                             fmt::format("read error ({})", std::strerror(errno)));
        }
        if (n == 0) break;
        total += static_cast<std::size_t>(n);
    }
    return total;
}

bool LineReader::refill()
{
    if (at_eof_) return false;
    // Move the unconsumed tail (a partial line) to the front; grow for very long lines.
    if (begin_ > 0)
    {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    const std::size_t capacity = buffer_.size() - end_;
    const std::size_t n = inflater_ ? inflater_->read(buffer_.data() + end_, capacity, line_number_)
                                    : read_raw(buffer_.data() + end_, capacity);
    if (n == 0)
    {
        at_eof_ = true;
        return false;
    }
    end_ += n;
    return true;
}

bool LineReader::next(std::string_view& line)
{
    std::size_t scanned = begin_;
    while (true)
    {
        const char* base = buffer_.data();
        const auto* newline =
            static_cast<const char*>(std::memchr(base + scanned, '\n', end_ - scanned));
        if (newline)
        {
            std::size_t length = static_cast<std::size_t>(newline - (base + begin_));
            if (length > 0 && base[begin_ + length - 1] == '\r') --length;
            line = std::string_view(base + begin_, length);
            begin_ = static_cast<std::size_t>(newline - base) + 1;
            ++line_number_;
            return true;
        }
        const std::size_t pending = end_ - begin_;
        if (!refill())
        {
            if (end_ == begin_) return false;
            std::size_t length = end_ - begin_;  // last line without a newline
            if (buffer_[begin_ + length - 1] == '\r') --length;
            line = std::string_view(buffer_.data() + begin_, length);
            begin_ = end_;
            ++line_number_;
            return true;
        }
        scanned = begin_ + pending;  // refill moved the partial line to begin_ (== 0)
    }
}
}  // namespace umbra
