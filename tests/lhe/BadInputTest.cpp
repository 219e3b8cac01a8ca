// The corpus of malformed inputs in tests/data/bad/: each must give one clear
// InputError naming the file and line. EXPECTED.txt lists the file, the line
// (0: not checked, e.g. where it depends on decompression chunking) and a
// fragment of the message.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "TestSupport.hpp"
#include "umbra/lhe/Reader.hpp"

using namespace umbra;

namespace
{
struct Expectation
{
    std::string file;
    std::uint64_t line = 0;
    std::string fragment;
};

std::vector<Expectation> expectations()
{
    std::ifstream in(test::data_dir() / "bad" / "EXPECTED.txt");
    std::vector<Expectation> result;
    for (std::string text; std::getline(in, text);)
    {
        if (text.empty() || text[0] == '#') continue;
        std::istringstream words(text);
        Expectation e;
        words >> e.file >> e.line;
        std::getline(words >> std::ws, e.fragment);
        result.push_back(e);
    }
    return result;
}
}  // namespace

TEST(BadInput, EveryCorpusFileGivesALocatedError)
{
    const auto cases = expectations();
    ASSERT_GE(cases.size(), 7u);
    std::size_t corpus_files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::data_dir() / "bad"))
        corpus_files += entry.path().filename() != "EXPECTED.txt";
    EXPECT_EQ(corpus_files, cases.size()) << "every corpus file needs a line in EXPECTED.txt";
    for (const auto& c : cases)
    {
        const auto path = test::data_dir() / "bad" / c.file;
        try
        {
            lhe::Reader reader(path);
            lhe::Event event;
            while (reader.next(event)) {}
            ADD_FAILURE() << c.file << ": read without error";
        }
        catch (const InputError& e)
        {
            EXPECT_EQ(e.where().file, path.string()) << c.file;
            if (c.line != 0)
            {
                EXPECT_EQ(e.where().line, c.line) << c.file << ": " << e.what();
            }
            EXPECT_NE(e.message().find(c.fragment), std::string::npos)
                << c.file << ": message was: " << e.what();
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line: " << e.what();
        }
    }
}
