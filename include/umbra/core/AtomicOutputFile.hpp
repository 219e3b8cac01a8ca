#pragma once
//! \file
//! An output file that appears under its final name only when complete:
//! data go to a hidden temporary file in the same directory, which commit()
//! renames over the destination (atomic on POSIX file systems). If the
//! writer is destroyed without commit() (error, exception, crash), the
//! temporary is removed and any existing destination is left untouched.

#include <filesystem>

namespace umbra
{
class AtomicOutputFile
{
public:
    explicit AtomicOutputFile(std::filesystem::path destination);
    ~AtomicOutputFile();
    AtomicOutputFile(AtomicOutputFile&& other) noexcept;
    AtomicOutputFile& operator=(AtomicOutputFile&&) = delete;
    AtomicOutputFile(const AtomicOutputFile&) = delete;
    AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

    //! Where to write the data until commit().
    const std::filesystem::path& temporary_path() const noexcept { return temporary_; }
    const std::filesystem::path& destination() const noexcept { return destination_; }

    //! Rename the temporary over the destination. Throws on failure.
    void commit();
    //! Remove the temporary without touching the destination.
    void discard() noexcept;

private:
    std::filesystem::path destination_;
    std::filesystem::path temporary_;
    bool open_ = true;
};
}  // namespace umbra
