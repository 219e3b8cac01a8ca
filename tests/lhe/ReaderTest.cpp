#include "umbra/lhe/Reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "TestSupport.hpp"

using namespace umbra;
using namespace umbra::lhe;

namespace
{
const auto small_sample = test::data_dir() / "good" / "alp_mg_small.lhe";
}

TEST(Reader, ParsesInitBannerAndEveryParticleColumn)
{
    Reader reader(small_sample);
    const auto& info = reader.run_info();
    EXPECT_EQ(info.version, "3.0");
    EXPECT_EQ(info.init.beam_pdg, (std::array<int, 2>{11, 623}));
    EXPECT_DOUBLE_EQ(info.init.beam_energy[1], 171.3);
    EXPECT_EQ(info.init.weighting_strategy, 3);
    ASSERT_EQ(info.init.processes.size(), 1u);
    EXPECT_DOUBLE_EQ(info.init.processes[0].cross_section, 12.34567);
    EXPECT_DOUBLE_EQ(info.init.processes[0].error, 0.0345);
    EXPECT_NE(info.init.extra_lines.find("<generator name='MadGraph5_aMC@NLO'"), std::string::npos);
    EXPECT_EQ(info.banner.nevents, 3);
    EXPECT_EQ(info.banner.seed, 7);
    EXPECT_DOUBLE_EQ(info.banner.masses.at(622), 0.05);
    EXPECT_DOUBLE_EQ(info.banner.widths.at(622), 6.361726e-09);
    EXPECT_DOUBLE_EQ(info.banner.parameter("lambda").value(), 1.0);

    Event event;
    ASSERT_TRUE(reader.next(event));
    EXPECT_EQ(event.process_id, 1);
    EXPECT_DOUBLE_EQ(event.weight, 4.1152233);
    EXPECT_DOUBLE_EQ(event.scale, 8.0);
    EXPECT_DOUBLE_EQ(event.alpha_qed, 7.546771e-03);
    EXPECT_DOUBLE_EQ(event.alpha_qcd, 0.118);
    ASSERT_EQ(event.particles.size(), 7u);
    const auto& alp = event.particles[4];
    EXPECT_EQ(alp.pdg, 622);
    EXPECT_EQ(alp.status, 2);
    EXPECT_EQ(alp.mother1, 1);
    EXPECT_EQ(alp.mother2, 2);
    EXPECT_DOUBLE_EQ(alp.px, 4.3592504873e-03);
    EXPECT_DOUBLE_EQ(alp.pz, 7.3615688098);
    EXPECT_DOUBLE_EQ(alp.e, 7.3617382089);
    EXPECT_DOUBLE_EQ(alp.m, 0.05);
    EXPECT_DOUBLE_EQ(event.particles[5].spin, -1.0);
    EXPECT_EQ(event.particles[6].pdg, -11);
    EXPECT_FALSE(event.vertex.has_value());
    ASSERT_EQ(event.weights.size(), 2u);
    EXPECT_EQ(event.weights[0].id, "1001");
    EXPECT_DOUBLE_EQ(event.weights[0].value, 4.1152233);
    EXPECT_EQ(event.weights[1].id, "dyn_scale");
    EXPECT_NE(event.extra_lines.find("<rscale>"), std::string::npos);

    ASSERT_TRUE(reader.next(event));
    ASSERT_TRUE(event.vertex.has_value());
    EXPECT_EQ(*event.vertex, (Vertex{1.5, -2.5, 0.0, 0.0, true}));
    EXPECT_TRUE(event.weights.empty());
    EXPECT_TRUE(event.extra_lines.empty());

    ASSERT_TRUE(reader.next(event));  // Fortran 'D' exponents and short numbers
    EXPECT_DOUBLE_EQ(event.weight, 4.1152233);
    EXPECT_DOUBLE_EQ(event.particles[2].e, 1.5000016);
    EXPECT_DOUBLE_EQ(event.particles[2].spin, 9.0);
    EXPECT_FALSE(reader.next(event));
    EXPECT_EQ(reader.events_read(), 3u);
}

TEST(Reader, SeveralFilesAreOneStream)
{
    Reader reader(std::vector<std::filesystem::path>{small_sample, small_sample, small_sample});
    Event event;
    std::uint64_t n = 0;
    while (reader.next(event)) ++n;
    EXPECT_EQ(n, 9u);
    EXPECT_EQ(reader.file_run_infos().size(), 3u);
}

TEST(Reader, FilesWithDifferentBeamsAreRefused)
{
    test::TemporaryDirectory dir;
    auto text = test::read_file(small_sample);
    text.replace(text.find("8.000000e+00 1.713000e+02"), 12, "4.000000e+00");
    test::write_file(dir / "four.lhe", text);
    Reader reader(std::vector<std::filesystem::path>{small_sample, dir / "four.lhe"});
    Event event;
    EXPECT_THROW(
        {
            while (reader.next(event)) {}
        },
        InputError);
}

TEST(Reader, VertexWithoutTime)
{
    test::TemporaryDirectory dir;
    auto text = test::read_file(small_sample);
    text.replace(text.find("#vertex 1.5 -2.5 0.0 0.0"), 24, "#vertex 1 2 350.5");
    test::write_file(dir / "v.lhe", text);
    Reader reader(dir / "v.lhe");
    Event event;
    reader.next(event);
    reader.next(event);
    ASSERT_TRUE(event.vertex);
    EXPECT_EQ(*event.vertex, (Vertex{1, 2, 350.5, 0, false}));
}
