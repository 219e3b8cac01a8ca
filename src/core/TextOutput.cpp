#include "umbra/core/TextOutput.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "umbra/core/Error.hpp"

namespace umbra
{
struct TextOutput::GzipState
{
    z_stream stream{};
    std::vector<unsigned char> out = std::vector<unsigned char>(1 << 18);
};

namespace
{
bool wants_gzip(const std::filesystem::path& path, Compression compression)
{
    if (compression == Compression::automatic) return path.extension() == ".gz";
    return compression == Compression::gzip;
}
}  // namespace

TextOutput::TextOutput(std::filesystem::path path, Compression compression, int gzip_level)
    : file_(std::move(path))
{
    stream_ = std::fopen(file_.temporary_path().c_str(), "wb");
    if (!stream_)
    {
        throw InputError(fmt::format("cannot create output file '{}' ({})",
                                     file_.destination().string(), std::strerror(errno)));
    }
    if (wants_gzip(file_.destination(), compression))
    {
        gzip_ = std::make_unique<GzipState>();
        // windowBits 15 + 16: gzip wrapper; memLevel 8 is zlib's default.
        if (deflateInit2(&gzip_->stream, gzip_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
            Z_OK)
        {
            std::fclose(stream_);
            throw std::runtime_error("zlib deflateInit2 failed");
        }
    }
    buffer_.reserve(flush_threshold + (1 << 16));
}

TextOutput::~TextOutput()
{
    if (gzip_) deflateEnd(&gzip_->stream);
    if (stream_) std::fclose(stream_);
    // file_ removes the temporary unless close() committed it.
}

void TextOutput::write_raw(const char* data, std::size_t size)
{
    if (size != 0 && std::fwrite(data, 1, size, stream_) != size)
    {
        throw InputError(fmt::format("cannot write output file '{}' ({})",
                                     file_.destination().string(), std::strerror(errno)));
    }
}

void TextOutput::flush()
{
    if (!gzip_)
    {
        write_raw(buffer_.data(), buffer_.size());
        buffer_.clear();
        return;
    }
    auto& z = gzip_->stream;
    z.next_in = reinterpret_cast<Bytef*>(buffer_.data());
    z.avail_in = static_cast<uInt>(buffer_.size());
    do
    {
        z.next_out = gzip_->out.data();
        z.avail_out = static_cast<uInt>(gzip_->out.size());
        deflate(&z, Z_NO_FLUSH);
        write_raw(reinterpret_cast<const char*>(gzip_->out.data()), gzip_->out.size() - z.avail_out);
    } while (z.avail_out == 0);
    buffer_.clear();
}

void TextOutput::close()
{
    flush();
    if (gzip_)
    {
        auto& z = gzip_->stream;
        int status = Z_OK;
        while (status != Z_STREAM_END)
        {
            z.next_out = gzip_->out.data();
            z.avail_out = static_cast<uInt>(gzip_->out.size());
            status = deflate(&z, Z_FINISH);
            if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
            {
                throw std::runtime_error("zlib deflate failed while finishing the stream");
            }
            write_raw(reinterpret_cast<const char*>(gzip_->out.data()),
                      gzip_->out.size() - z.avail_out);
        }
        deflateEnd(&z);
        gzip_.reset();
    }
    const bool failed = std::fflush(stream_) != 0 || std::ferror(stream_);
    const bool close_failed = std::fclose(stream_) != 0;
    stream_ = nullptr;
    if (failed || close_failed)
    {
        throw InputError(fmt::format("cannot finish output file '{}' ({})",
                                     file_.destination().string(), std::strerror(errno)));
    }
    file_.commit();
}
}  // namespace umbra
