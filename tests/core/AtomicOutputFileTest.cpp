#include "umbra/core/AtomicOutputFile.hpp"

#include <gtest/gtest.h>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/TextOutput.hpp"

using namespace umbra;

TEST(AtomicOutputFile, DestinationAppearsOnlyOnCommit)
{
    test::TemporaryDirectory dir;
    const auto target = dir / "out.txt";
    {
        TextOutput out(target);
        out.write("hello\n");
        EXPECT_FALSE(std::filesystem::exists(target));
        out.close();
    }
    EXPECT_EQ(test::read_file(target), "hello\n");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicOutputFile, AbandonedWriteLeavesOldFileAndNoTemporary)
{
    test::TemporaryDirectory dir;
    const auto target = dir / "out.lhe";
    test::write_file(target, "previous complete content\n");
    {
        TextOutput out(target);
        out.write(std::string(3 << 20, 'y'));  // forces flushes to the temporary
        // destroyed without close(): as after an exception
    }
    EXPECT_EQ(test::read_file(target), "previous complete content\n");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicOutputFile, MissingDirectoryIsAClearError)
{
    try
    {
        AtomicOutputFile file("/nonexistent-dir/out.lhe");
        FAIL();
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("directory '/nonexistent-dir' does not exist"), std::string::npos);
    }
}
