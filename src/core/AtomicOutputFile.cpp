#include "umbra/core/AtomicOutputFile.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <system_error>

#include "umbra/core/Error.hpp"

namespace umbra
{
namespace
{
std::filesystem::path temporary_name(const std::filesystem::path& destination)
{
    static std::atomic<unsigned> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    auto name = fmt::format(".{}.umbra-tmp-{}-{}-{:x}", destination.filename().string(), getpid(),
                            counter++, static_cast<unsigned long long>(stamp) & 0xffffff);
    return destination.parent_path() / name;
}
}  // namespace

AtomicOutputFile::AtomicOutputFile(std::filesystem::path destination)
    : destination_(std::move(destination)), temporary_(temporary_name(destination_))
{
    if (destination_.filename().empty())
    {
        throw InputError(fmt::format("output path '{}' names no file", destination_.string()));
    }
    const auto dir = destination_.parent_path();
    if (!dir.empty() && !std::filesystem::is_directory(dir))
    {
        throw InputError(fmt::format(
            "cannot write '{}' (directory '{}' does not exist; create it first)",
            destination_.string(), dir.string()));
    }
    if (std::filesystem::is_directory(destination_))
    {
        throw InputError(fmt::format("cannot write '{}' (it is a directory)", destination_.string()));
    }
}

AtomicOutputFile::AtomicOutputFile(AtomicOutputFile&& other) noexcept
    : destination_(std::move(other.destination_)),
      temporary_(std::move(other.temporary_)),
      open_(other.open_)
{
    other.open_ = false;
}

AtomicOutputFile::~AtomicOutputFile() { discard(); }

void AtomicOutputFile::commit()
{
    if (!open_) throw std::logic_error("AtomicOutputFile committed twice or after discard");
    std::error_code ec;
    std::filesystem::rename(temporary_, destination_, ec);
    if (ec)
    {
        discard();
        throw InputError(fmt::format("cannot move finished output into place as '{}' ({})",
                                     destination_.string(), ec.message()));
    }
    open_ = false;
}

void AtomicOutputFile::discard() noexcept
{
    if (!open_) return;
    open_ = false;
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
}
}  // namespace umbra
