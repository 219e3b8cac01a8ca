#pragma once
//! \file
//! Checksums of input files for provenance: size and CRC-32 (the IEEE/gzip
//! polynomial, so `crc32` tools and Python's zlib.crc32 give the same value),
//! computed with ISA-L at several GB/s.

#include <cstdint>
#include <filesystem>
#include <string>

namespace umbra
{
struct FileChecksum
{
    std::string path;
    std::uint64_t size = 0;  //!< [bytes]
    std::uint32_t crc32 = 0;

    //! Read `path` once; throws InputError if it cannot be read.
    static FileChecksum of(const std::filesystem::path& path);
    //! "path (N bytes, crc32 1a2b3c4d)"
    std::string to_string() const;
};
}  // namespace umbra
