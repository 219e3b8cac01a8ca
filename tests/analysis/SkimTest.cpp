#include "umbra/analysis/Skim.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
namespace
{
//! Ten events: decay_vertex_z = 100, 300, ..., 1900 mm; n_readout_hits = 0, 3, 6, ..., 27;
//! weight = event + 1; tries = 2 each; event i has i rec hits with energy 10 i + k.
void write_sample(const std::filesystem::path& path, bool background)
{
    io::EventStoreWriter writer(path, {});
    auto& event = writer.event_column("events", "event", io::FieldType::uint64);
    auto& weight = writer.event_column("events", "weight", io::FieldType::float64);
    auto& tries = writer.event_column("events", "tries", io::FieldType::uint64);
    auto& z = writer.event_column("events", "decay_vertex_z", io::FieldType::float64, "mm");
    io::ColumnWriter* conversion = background ? &writer.event_column("events", "conversion_vertex_z", io::FieldType::float64, "mm") : nullptr;
    auto& hits = writer.event_column("veto", "n_readout_hits", io::FieldType::int64);
    auto& energy = writer.collection_column("ecal_rec_hits", "energy", io::FieldType::float64, "MeV");
    auto& sim = writer.collection_column("ecal_sim_hits", "edep", io::FieldType::float64, "MeV");
    for (int i = 0; i < 10; ++i)
    {
        event.push(static_cast<std::uint64_t>(i));
        weight.push(i + 1.0);
        tries.push(std::uint64_t{2});
        z.push(100.0 + 200 * i);
        if (conversion) conversion->push(100.0 + 200 * i);
        hits.push(3 * i);
        for (int k = 0; k < i; ++k) energy.push(10.0 * i + k);
        sim.push(1.0);
        writer.end_event();
    }
    writer.close();
}

TEST(Skim, CutFlowRecHitsAndTries)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "in.h5", false);
    SkimConfig config;
    config.z_min = 200;
    config.z_max = 1400;         // events 1..6 (z = 300 .. 1300)
    config.min_readout_hits = 10; // then events 4..6 (hits 12, 15, 18)
    config.cuts.push_back({"events/weight", 0, 6.5});  // then events 4, 5 (weights 5, 6)
    const auto summary = run_skim(config, dir / "in.h5", dir / "out.h5", "test");
    ASSERT_EQ(summary.cut_flow.size(), 4u);
    EXPECT_EQ(summary.cut_flow[0].events, 10u);
    EXPECT_DOUBLE_EQ(summary.cut_flow[0].weight, 55);
    EXPECT_EQ(summary.cut_flow[1].events, 6u);
    EXPECT_DOUBLE_EQ(summary.cut_flow[1].weight, 2 + 3 + 4 + 5 + 6 + 7);
    EXPECT_EQ(summary.cut_flow[2].events, 3u);
    EXPECT_DOUBLE_EQ(summary.cut_flow[2].weight, 5 + 6 + 7);
    EXPECT_EQ(summary.cut_flow[3].events, 2u);
    EXPECT_DOUBLE_EQ(summary.tries, 20);

    const io::EventStoreReader out(dir / "out.h5");
    ASSERT_EQ(out.events(), 2u);
    EXPECT_EQ(out.read_event_column("events", "event", 0, 2), (std::vector<double>{4, 5}));
    // Tries: event 4 carries events 0..4 (10) plus the tail 6..9 (8); event 5 its own 2.
    const auto tries = out.read_event_column("events", "tries", 0, 2);
    EXPECT_EQ(tries, (std::vector<double>{18, 2}));
    const auto hits = out.read_collection("ecal_rec_hits", "energy", 0, 2);
    EXPECT_EQ(hits.values, (std::vector<double>{40, 41, 42, 43, 50, 51, 52, 53, 54}));
    EXPECT_EQ(hits.offsets, (std::vector<std::uint64_t>{0, 4, 9}));
    // Only what the observables need: no sim hits.
    EXPECT_THROW(out.group("ecal_sim_hits"), InputError);
}

TEST(Skim, BackgroundVertexCutAppliesToBackgroundFilesOnly)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "sig.h5", false);
    write_sample(dir / "bkg.h5", true);
    SkimConfig config;
    config.background_z_min = 350;
    EXPECT_EQ(run_skim(config, dir / "sig.h5", dir / "a.h5", "test").cut_flow.back().events, 10u);
    EXPECT_EQ(run_skim(config, dir / "bkg.h5", dir / "b.h5", "test").cut_flow.back().events, 8u);  // z >= 500
}

TEST(Skim, MissingDatasetNamesFileAndDataset)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "in.h5", false);
    SkimConfig config;
    config.cuts.push_back({"veto/summed_det", 0, 1});
    try
    {
        run_skim(config, dir / "in.h5", dir / "out.h5", "test");
        FAIL() << "expected an InputError";
    }
    catch (const InputError& e)
    {
        const std::string message = e.what();
        EXPECT_NE(message.find("in.h5"), std::string::npos) << message;
        EXPECT_NE(message.find("/veto/summed_det"), std::string::npos) << message;
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));
}
}  // namespace
}  // namespace umbra::analysis

namespace umbra::analysis
{
namespace
{
TEST(Skim, CutFlowTravelsAsCsvInTheOutput)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "in.h5", false);
    SkimConfig config;
    config.z_min = 200;
    config.z_max = 1400;
    const auto summary = run_skim(config, dir / "in.h5", dir / "out.h5", "test");
    const io::EventStoreReader out(dir / "out.h5");
    const auto steps = parse_cut_flow_csv(out.provenance().cut_flow);
    ASSERT_EQ(steps.size(), summary.cut_flow.size());
    for (std::size_t i = 0; i < steps.size(); ++i)
    {
        EXPECT_EQ(steps[i].name, summary.cut_flow[i].name) << "names with commas and quotes survive";
        EXPECT_EQ(steps[i].events, summary.cut_flow[i].events);
        EXPECT_DOUBLE_EQ(steps[i].weight, summary.cut_flow[i].weight);
    }
    EXPECT_NE(steps[1].name.find(", "), std::string::npos);
    const std::vector<CutFlowStep> quoted{{"say \"hi\", twice", 3, 0.5}};
    EXPECT_EQ(parse_cut_flow_csv(cut_flow_csv(quoted))[0].name, quoted[0].name);
    EXPECT_THROW(parse_cut_flow_csv("step,events,weight\n\"broken\n"), InputError);
}
}  // namespace
}  // namespace umbra::analysis
