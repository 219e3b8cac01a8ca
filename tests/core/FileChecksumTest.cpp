#include "umbra/core/FileChecksum.hpp"

#include <gtest/gtest.h>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"

using namespace umbra;

TEST(FileChecksum, StandardCrc32CheckValue)
{
    // The CRC-32 (IEEE 802.3, as gzip/zlib) of "123456789" is 0xcbf43926 (the standard
    // check value, e.g. R. Williams, "A painless guide to CRC error detection algorithms").
    test::TemporaryDirectory dir;
    test::write_file(dir / "check.txt", "123456789");
    const auto sum = FileChecksum::of(dir / "check.txt");
    EXPECT_EQ(sum.size, 9u);
    EXPECT_EQ(sum.crc32, 0xcbf43926u);
    EXPECT_EQ(sum.to_string(), (dir / "check.txt").string() + " (9 bytes, crc32 cbf43926)");
}

TEST(FileChecksum, LargeFileAndMissingFile)
{
    test::TemporaryDirectory dir;
    test::write_file(dir / "empty", "");
    EXPECT_EQ(FileChecksum::of(dir / "empty").crc32, 0u);
    EXPECT_THROW(FileChecksum::of(dir / "missing"), InputError);
}
