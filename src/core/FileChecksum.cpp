#include "umbra/core/FileChecksum.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <isa-l/crc.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "umbra/core/Error.hpp"

namespace umbra
{
FileChecksum FileChecksum::of(const std::filesystem::path& path)
{
    FileChecksum result;
    result.path = path.string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw InputError(SourceLocation{result.path, 0}, fmt::format("cannot open ({})", std::strerror(errno)));
    std::vector<unsigned char> buffer(1 << 20);
    std::uint32_t crc = 0;
    while (true)
    {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
        {
            const int error = errno;
            ::close(fd);
            throw InputError(SourceLocation{result.path, 0}, fmt::format("read error ({})", std::strerror(error)));
        }
        if (n == 0) break;
        crc = crc32_gzip_refl(crc, buffer.data(), static_cast<std::uint64_t>(n));
        result.size += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    result.crc32 = crc;
    return result;
}

std::string FileChecksum::to_string() const
{
    return fmt::format("{} ({} bytes, crc32 {:08x})", path, size, crc32);
}
}  // namespace umbra
