#include <gtest/gtest.h>

#include <cmath>
#include <tuple>
#include <utility>

#include "TestSupport.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/lhe/Reader.hpp"
#include "umbra/lhe/ToySampleGenerator.hpp"
#include "umbra/lhe/Writer.hpp"

using namespace umbra;
using namespace umbra::lhe;

namespace
{
std::vector<Event> read_all(const std::filesystem::path& path, RunInfo* info = nullptr)
{
    Reader reader(path);
    std::vector<Event> events;
    Event event;
    while (reader.next(event)) events.push_back(event);
    if (info) *info = reader.run_info();
    return events;
}

void write_all(const std::filesystem::path& path, const RunInfo& info, const std::vector<Event>& events)
{
    Writer writer(path, info);
    for (const auto& e : events) writer.write(e);
    writer.close();
}

//! Events whose fields exercise every column with awkward values.
std::vector<Event> awkward_events()
{
    RandomStream rng({11, StreamId::test, 0});
    std::vector<Event> events;
    for (int i = 0; i < 500; ++i)
    {
        Event e;
        e.process_id = i % 3 - 1;
        e.weight = (rng.uniform() - 0.5) * 1e-7;
        e.scale = rng.uniform() * 1e3;
        e.alpha_qed = 1 / 137.035999084;
        e.alpha_qcd = i % 2 ? 0.0 : -0.0;
        for (int j = 0; j < 1 + i % 9; ++j)
        {
            Particle p;
            p.pdg = j % 2 ? -11 : 1000022 + j;
            p.status = j % 4 - 1;
            p.mother1 = j;
            p.mother2 = j + 1;
            p.color1 = 501 + j;
            p.color2 = 0;
            p.px = std::ldexp(rng.uniform() - 0.5, static_cast<int>(rng.uniform() * 200) - 100);
            p.py = -p.px * 3.0;
            p.pz = 1e300 * rng.uniform();
            p.e = 5e-324 * j;  // subnormal and zero
            p.m = 0.1;
            p.lifetime = rng.uniform() < 0.1 ? 1e-12 : 0.0;
            p.spin = j % 3 - 1.0;
            e.particles.push_back(p);
        }
        if (i % 2)
        {
            const bool timed = i % 4 == 1;  // a vertex line without time reads back with t = 0
            e.vertex = Vertex{rng.uniform(), -rng.uniform(), 1000 * rng.uniform(), timed ? rng.uniform() : 0.0, timed};
        }
        if (i % 5 == 0) e.weights = {{"1001", rng.uniform()}, {"mur=2", -rng.uniform()}};
        if (i % 7 == 0) e.extra_lines = "<mgrwt>\n<rscale> 0 0.8E+01</rscale>\n</mgrwt>\n# a comment\n";
        if (i % 11 == 0) e.tag_attributes = " npLO=' -1 ' npNLO=' -1 '";
        events.push_back(std::move(e));
    }
    return events;
}
}  // namespace

TEST(RoundTrip, WriteThenReadReproducesEveryFieldExactly)
{
    test::TemporaryDirectory dir;
    RunInfo info;
    info.header = "<header>\n<MGRunCard>\n  500 = nevents ! n\n</MGRunCard>\n</header>\n<!-- comment -->\n";
    info.init.beam_pdg = {11, 623};
    info.init.beam_energy = {8.0, 171.3};
    info.init.pdf_group = {-1, 0};
    info.init.pdf_set = {0, 247000};
    info.init.weighting_strategy = -4;
    info.init.processes = {{1.5, 0.01, 2.5, 1}, {1e-9, 1e-11, 3e-9, 2}};
    info.init.extra_lines = "<generator name='umbra'>test</generator>\n";
    const auto events = awkward_events();
    for (const auto* name : {"rt.lhe", "rt.lhe.gz"})
    {
        write_all(dir / name, info, events);
        RunInfo read_info;
        const auto read = read_all(dir / name, &read_info);
        EXPECT_EQ(read_info, info) << name;
        ASSERT_EQ(read.size(), events.size()) << name;
        for (std::size_t i = 0; i < events.size(); ++i) ASSERT_EQ(read[i], events[i]) << name << " event " << i;
    }
}

TEST(RoundTrip, MadGraphStyleReproducesFieldsToPrintedPrecision)
{
    // NumberStyle::madgraph prints momenta with 11 significant digits ("%+.10e"), lifetime and
    // spin with 5, the weight with 8: each value must read back within half a unit of its
    // last printed digit, and integers and text exactly.
    test::TemporaryDirectory dir;
    RunInfo info;
    info.init.beam_pdg = {11, 623};
    info.init.beam_energy = {8.0, 171.3};
    info.init.processes = {{1.5, 0.01, 2.5, 1}};
    const auto events = awkward_events();
    {
        Writer writer(dir / "mg.lhe", info, Compression::automatic, NumberStyle::madgraph);
        for (const auto& e : events) writer.write(e);
        writer.close();
    }
    const auto read = read_all(dir / "mg.lhe");
    ASSERT_EQ(read.size(), events.size());
    auto close = [](double a, double b, int significant) {
        return std::abs(a - b) <= 0.5 * std::pow(10.0, 1 - significant) * std::abs(b) * (1 + 1e-12) ||
               (std::abs(b) < 1e-300 && std::abs(a) < 1e-300);
    };
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        const auto& a = read[i];
        const auto& b = events[i];
        ASSERT_TRUE(close(a.weight, b.weight, 8)) << i;
        ASSERT_TRUE(close(a.scale, b.scale, 9)) << i;
        ASSERT_EQ(a.process_id, b.process_id);
        ASSERT_EQ(a.particles.size(), b.particles.size());
        for (std::size_t j = 0; j < a.particles.size(); ++j)
        {
            const auto& p = a.particles[j];
            const auto& q = b.particles[j];
            ASSERT_EQ(std::tie(p.pdg, p.status, p.mother1, p.mother2, p.color1, p.color2),
                      std::tie(q.pdg, q.status, q.mother1, q.mother2, q.color1, q.color2));
            for (auto [x, y] : {std::pair{p.px, q.px}, {p.py, q.py}, {p.pz, q.pz}, {p.e, q.e}, {p.m, q.m}})
                ASSERT_TRUE(close(x, y, 11)) << x << " vs " << y << " event " << i;
            ASSERT_TRUE(close(p.lifetime, q.lifetime, 5));
            ASSERT_TRUE(close(p.spin, q.spin, 5));
        }
        ASSERT_EQ(a.vertex, b.vertex);  // vertices are always written exactly
        ASSERT_EQ(a.extra_lines, b.extra_lines);
        ASSERT_EQ(a.weights.size(), b.weights.size());
    }
}

TEST(RoundTrip, MadGraphFileSurvivesReadWriteRead)
{
    test::TemporaryDirectory dir;
    RunInfo info;
    const auto original = read_all(test::data_dir() / "good" / "alp_mg_small.lhe", &info);
    write_all(dir / "copy.lhe", info, original);
    RunInfo copy_info;
    EXPECT_EQ(read_all(dir / "copy.lhe", &copy_info), original);
    EXPECT_EQ(copy_info, info);
    EXPECT_EQ(copy_info.banner.masses, info.banner.masses);
}

TEST(RoundTrip, ToySampleConservesFourMomentum)
{
    test::TemporaryDirectory dir;
    ToySampleConfig config;
    config.events = 2000;
    ToySampleGenerator(config).write(dir / "toy.lhe.gz");
    RunInfo info;
    const auto events = read_all(dir / "toy.lhe.gz", &info);
    ASSERT_EQ(events.size(), 2000u);
    EXPECT_EQ(info.banner.nevents, 2000);
    EXPECT_DOUBLE_EQ(info.banner.parameter("lambda").value(), 1.0);
    for (const auto& e : events)
    {
        ASSERT_EQ(e.particles.size(), 7u);
        // Conservation holds to the printed precision: MadGraph style prints 11 significant
        // digits, so each value carries a rounding error below 5e-11 of itself.
        double balance[4] = {0, 0, 0, 0};
        double magnitude[4] = {0, 0, 0, 0};
        for (const auto& p : e.particles)
        {
            if (p.status == Status::resonance) continue;
            const double sign = p.status == Status::incoming ? 1 : -1;
            const double values[4] = {p.px, p.py, p.pz, p.e};
            for (int k = 0; k < 4; ++k)
            {
                balance[k] += sign * values[k];
                magnitude[k] += std::abs(values[k]);
            }
        }
        for (int k = 0; k < 4; ++k) ASSERT_NEAR(balance[k], 0, 5e-11 * magnitude[k] + 1e-15);
        const auto& a = e.particles[4];
        ASSERT_NEAR(std::sqrt(a.e * a.e - a.px * a.px - a.py * a.py - a.pz * a.pz), 0.05, 1e-6);
    }
}
