#include "umbra/core/LineReader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "TestSupport.hpp"
#include "umbra/core/TextOutput.hpp"

using namespace umbra;
using test::TemporaryDirectory;

namespace
{
std::vector<std::string> all_lines(const std::filesystem::path& path)
{
    LineReader reader(path);
    std::vector<std::string> lines;
    std::string_view line;
    while (reader.next(line)) lines.emplace_back(line);
    return lines;
}

void write_text(const std::filesystem::path& path, std::string_view text)
{
    TextOutput out(path);
    out.write(text);
    out.close();
}
}  // namespace

TEST(LineReader, PlainAndGzipGiveTheSameLines)
{
    TemporaryDirectory dir;
    std::string text;
    for (int i = 0; i < 300000; ++i) text += "line " + std::to_string(i) + " some payload\n";
    write_text(dir / "a.txt", text);
    write_text(dir / "a.txt.gz", text);
    const auto plain = all_lines(dir / "a.txt");
    const auto gzip = all_lines(dir / "a.txt.gz");
    ASSERT_EQ(plain.size(), 300000u);
    EXPECT_EQ(plain, gzip);
    EXPECT_EQ(plain[123456], "line 123456 some payload");
}

TEST(LineReader, HandlesCrLfMissingFinalNewlineAndLongLines)
{
    TemporaryDirectory dir;
    const std::string long_line(9 << 20, 'x');  // longer than the 4 MiB buffer
    test::write_file(dir / "b.txt", "first\r\nsecond\n" + long_line + "\nlast");
    const auto lines = all_lines(dir / "b.txt");
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0], "first");
    EXPECT_EQ(lines[1], "second");
    EXPECT_EQ(lines[2], long_line);
    EXPECT_EQ(lines[3], "last");
}

TEST(LineReader, ConcatenatedGzipMembersReadAsOneStream)
{
    TemporaryDirectory dir;
    write_text(dir / "1.gz", "a\nb\n");
    write_text(dir / "2.gz", "c\n");
    test::write_file(dir / "both.gz", test::read_file(dir / "1.gz") + test::read_file(dir / "2.gz"));
    EXPECT_EQ(all_lines(dir / "both.gz"), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(LineReader, TruncatedGzipIsAnError)
{
    TemporaryDirectory dir;
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "event " + std::to_string(i * 7919 % 10007) + "\n";
    write_text(dir / "t.gz", text);
    const auto bytes = test::read_file(dir / "t.gz");
    for (std::size_t keep : {bytes.size() - 4, bytes.size() / 2, std::size_t{20}})
    {
        test::write_file(dir / "cut.gz", bytes.substr(0, keep));
        try
        {
            all_lines(dir / "cut.gz");
            FAIL() << "no error for a gzip file cut to " << keep << " bytes";
        }
        catch (const InputError& e)
        {
            EXPECT_NE(std::string(e.what()).find("file ends inside the gzip stream"), std::string::npos)
                << e.what();
            EXPECT_EQ(e.where().file, (dir / "cut.gz").string());
        }
    }
}

TEST(LineReader, CorruptGzipIsAnError)
{
    TemporaryDirectory dir;
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "payload " + std::to_string(i) + "\n";
    write_text(dir / "c.gz", text);
    auto bytes = test::read_file(dir / "c.gz");
    for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 8; ++i) bytes[i] = static_cast<char>(~bytes[i]);
    test::write_file(dir / "c.gz", bytes);
    EXPECT_THROW(all_lines(dir / "c.gz"), InputError);
}

TEST(LineReader, MissingFileIsAnError)
{
    try
    {
        LineReader reader("/nonexistent/file.lhe");
        FAIL();
    }
    catch (const InputError& e)
    {
        EXPECT_EQ(std::string(e.what()), "/nonexistent/file.lhe: cannot open (No such file or directory)");
    }
}
