#include "umbra/reco/ReconstructionRun.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/sim/SimulationRun.hpp"

namespace umbra::reco
{
namespace
{
sim::SimulationConfig small_run(bool inline_reco)
{
    sim::SimulationConfig config;
    config.events = 6;
    config.seed = 11;
    config.threads = 2;
    config.reco.enabled = inline_reco;
    return config;
}

void expect_same_group(const io::EventStoreReader& a, const io::EventStoreReader& b, const std::string& group)
{
    const auto& info = a.group(group);
    for (const auto& [field, type] : info.fields)
    {
        if (info.collection)
        {
            const auto x = a.read_collection(group, field, 0, a.events());
            const auto y = b.read_collection(group, field, 0, b.events());
            EXPECT_EQ(x.values, y.values) << group << "/" << field;
            EXPECT_EQ(x.offsets, y.offsets) << group << "/" << field;
        }
        else
        {
            EXPECT_EQ(a.read_event_column(group, field, 0, a.events()), b.read_event_column(group, field, 0, b.events()))
                << group << "/" << field;
        }
    }
}

TEST(ReconstructionRun, OfflineEqualsInlineAndIsThreadIndependent)
{
    test::TemporaryDirectory dir;
    sim::run_simulation(small_run(false), dir / "sim.h5", "test");
    sim::run_simulation(small_run(true), dir / "inline.h5", "test");
    ReconstructionRunConfig config;
    config.threads = 1;
    const auto summary = run_reconstruction(config, dir / "sim.h5", dir / "offline.h5", "test");
    EXPECT_EQ(summary.events, 6u);
    EXPECT_GT(summary.mean_readout_hits, 30);  // an 8 GeV shower
    config.threads = 2;
    run_reconstruction(config, dir / "sim.h5", dir / "offline2.h5", "test");

    const io::EventStoreReader inline_file(dir / "inline.h5");
    const io::EventStoreReader offline(dir / "offline.h5");
    const io::EventStoreReader offline2(dir / "offline2.h5");
    for (const char* group : {"ecal_rec_hits", "hcal_rec_hits", "ecal_layers", "veto", "ecal_sim_hits", "events"})
    {
        expect_same_group(inline_file, offline, group);
        expect_same_group(offline, offline2, group);
    }
    EXPECT_EQ(offline.provenance().seed, 11u);
    EXPECT_NE(offline.provenance().inputs.find("sim.h5"), std::string::npos);
    EXPECT_NE(offline.provenance().config.find("umbra reco"), std::string::npos);

    // Reconstructing a reconstructed file replaces its rec groups instead of duplicating them.
    run_reconstruction(config, dir / "offline.h5", dir / "again.h5", "test");
    const io::EventStoreReader again(dir / "again.h5");
    EXPECT_EQ(again.groups().size(), offline.groups().size());
    expect_same_group(offline, again, "veto");
}

TEST(ReconstructionRun, MissingCollectionNamesFileAndGroupAndKeepsTheOutput)
{
    test::TemporaryDirectory dir;
    {
        io::EventStoreWriter writer(dir / "bad.h5", {});
        auto& event = writer.event_column("events", "event", io::FieldType::uint64);
        event.push(std::uint64_t{0});
        writer.end_event();
        writer.close();
    }
    {
        std::ofstream out(dir / "out.h5");
        out << "keep me";
    }
    try
    {
        run_reconstruction({}, dir / "bad.h5", dir / "out.h5", "test");
        FAIL() << "expected an InputError";
    }
    catch (const InputError& e)
    {
        const std::string message = e.what();
        EXPECT_NE(message.find("bad.h5"), std::string::npos) << message;
        EXPECT_NE(message.find("ecal_sim_hits"), std::string::npos) << message;
    }
    std::ifstream in(dir / "out.h5");
    std::string content;
    std::getline(in, content);
    EXPECT_EQ(content, "keep me");
}

TEST(ReconstructionRun, ConfigurationFileIsStrict)
{
    test::TemporaryDirectory dir;
    {
        std::ofstream out(dir / "c.toml");
        out << "[sim]\nevents = 3\n[reco.ecal]\nreadout_threshold_adc = 55\n[reco.hcal]\npe_per_mip = 60\n";
    }
    const auto config = read_reconstruction_run_config(dir / "c.toml");
    EXPECT_EQ(config.reco.ecal.chip.readout_threshold, 55);
    EXPECT_EQ(config.reco.hcal.pe_per_mip, 60);
    {
        std::ofstream out(dir / "c.toml");
        out << "[reco.ecal]\nreadout_treshold_adc = 55\n";
    }
    try
    {
        read_reconstruction_run_config(dir / "c.toml");
        FAIL() << "expected an InputError";
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("readout_threshold_adc"), std::string::npos) << e.what();
        EXPECT_EQ(e.where().line, 2u);
    }
}
}  // namespace
}  // namespace umbra::reco
