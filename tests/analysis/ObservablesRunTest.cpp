#include "umbra/analysis/ObservablesRun.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "TestSupport.hpp"
#include "umbra/analysis/Skim.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/io/EventStore.hpp"

namespace umbra::analysis
{
namespace
{
//! A skimmed-looking file: `events` events, event i with 5 + i % 7 hits in two clusters
//! whose separation grows with i; veto values from i; a cut flow.
std::vector<std::vector<ShowerHit>> write_skimmed(const std::filesystem::path& path, int events, int first_event = 0)
{
    io::Provenance provenance;
    provenance.cut_flow = cut_flow_csv({{"all", 2u * events, 2.0 * events}, {"nReadoutHits >= 10", std::uint64_t(events), 1.0 * events}});
    io::EventStoreWriter writer(path, provenance);
    auto& event = writer.event_column("events", "event", io::FieldType::uint64);
    auto& weight = writer.event_column("events", "weight", io::FieldType::float64);
    auto& tries = writer.event_column("events", "tries", io::FieldType::uint64);
    auto& decay_z = writer.event_column("events", "decay_vertex_z", io::FieldType::float64, "mm");
    auto& hits = writer.event_column("veto", "n_readout_hits", io::FieldType::int64);
    auto& avg = writer.event_column("veto", "avg_layer_hit", io::FieldType::float64);
    auto& std_dev = writer.event_column("veto", "std_layer_hit", io::FieldType::float64);
    auto& x = writer.collection_column("ecal_rec_hits", "x", io::FieldType::float64, "mm");
    auto& y = writer.collection_column("ecal_rec_hits", "y", io::FieldType::float64, "mm");
    auto& z = writer.collection_column("ecal_rec_hits", "z", io::FieldType::float64, "mm");
    auto& e = writer.collection_column("ecal_rec_hits", "energy", io::FieldType::float64, "MeV");
    auto& layer = writer.collection_column("ecal_rec_hits", "layer", io::FieldType::int64);
    std::vector<std::vector<ShowerHit>> all;
    for (int i = first_event; i < first_event + events; ++i)
    {
        event.push(static_cast<std::uint64_t>(i));
        weight.push(0.5 + i);
        tries.push(std::uint64_t{2});
        decay_z.push(300.0 + i);
        std::vector<ShowerHit> event_hits;
        const int n = 5 + i % 7;
        for (int k = 0; k < n; ++k)
        {
            const double side = k % 2 ? 1 : -1;
            event_hits.push_back(ShowerHit{side * (2 + i) + 0.3 * std::sin(k + i), 10 + std::cos(3.0 * k), 250 + 20.0 * k,
                                           5 + 3.0 * k, k});
        }
        for (const auto& h : event_hits)
        {
            x.push(h.x_mm);
            y.push(h.y_mm);
            z.push(h.z_mm);
            e.push(h.energy_MeV);
            layer.push(h.layer);
        }
        hits.push(n);
        avg.push(0.5 * n);
        std_dev.push(0.1 * i);
        writer.end_event();
        all.push_back(event_hits);
    }
    writer.close();
    return all;
}

TEST(ObservablesRun, RowsAreThoseOfEventObservablesForAnyThreadCount)
{
    test::TemporaryDirectory dir;
    const auto hits = write_skimmed(dir / "in.h5", 40);
    ObservablesRunConfig config;
    config.observables.set = ObservableSetName::all;
    config.observables.full.origin = ShowerOrigin::truth_vertex;
    config.threads = 1;
    const auto one = run_observables(config, {dir / "in.h5"}, dir / "one.h5", "test");
    config.threads = 3;
    run_observables(config, {dir / "in.h5"}, dir / "three.h5", "test");
    EXPECT_EQ(one.events, 40u);

    const EventObservables direct(config.observables);
    const io::EventStoreReader a(dir / "one.h5"), b(dir / "three.h5");
    EXPECT_EQ(a.group("observables").fields.size(), direct.names().size());
    for (std::size_t k = 0; k < direct.names().size(); ++k)
    {
        const auto& name = direct.names()[k];
        const auto va = a.read_event_column("observables", name, 0, 40);
        EXPECT_EQ(va, b.read_event_column("observables", name, 0, 40)) << name;
        for (int i = 0; i < 40; ++i)
        {
            std::vector<double> row(direct.names().size());
            direct.compute(hits[i], VetoValues{5.0 + i % 7, 0.5 * (5 + i % 7), 0.1 * i}, {0, 0, 300.0 + i}, row);
            if (std::isnan(row[k])) EXPECT_TRUE(std::isnan(va[i])) << name;
            else EXPECT_DOUBLE_EQ(va[i], row[k]) << name << " event " << i;
        }
    }
    // /events travels with the rows; the cut flow is carried over.
    EXPECT_EQ(a.read_event_column("events", "weight", 0, 3), (std::vector<double>{0.5, 1.5, 2.5}));
    EXPECT_EQ(parse_cut_flow_csv(a.provenance().cut_flow).back().events, 40u);
}

TEST(ObservablesRun, SeveralInputsConcatenateAndSumTheirCutFlows)
{
    test::TemporaryDirectory dir;
    write_skimmed(dir / "a.h5", 10);
    write_skimmed(dir / "b.h5", 5, 100);
    ObservablesRunConfig config;
    config.observables.set = ObservableSetName::seed;
    const auto summary = run_observables(config, {dir / "a.h5", dir / "b.h5"}, dir / "out.h5", "test");
    EXPECT_EQ(summary.events, 15u);
    const io::EventStoreReader out(dir / "out.h5");
    EXPECT_EQ(out.read_event_column("events", "event", 9, 2), (std::vector<double>{9, 100}));
    const auto flow = parse_cut_flow_csv(out.provenance().cut_flow);
    ASSERT_EQ(flow.size(), 2u);
    EXPECT_EQ(flow[0].events, 30u);
    EXPECT_DOUBLE_EQ(flow[1].weight, 15);
}

TEST(ObservablesRun, CsvOutputHasAHeaderAndOneRowPerEvent)
{
    test::TemporaryDirectory dir;
    write_skimmed(dir / "in.h5", 7);
    ObservablesRunConfig config;
    config.observables.set = ObservableSetName::seed;
    run_observables(config, {dir / "in.h5"}, dir / "out.csv", "test");
    const auto text = test::read_file(dir / "out.csv");
    EXPECT_EQ(text.rfind("run,event,weight,tries,decay_vertex_z,n_readout_hits,avg_layer_hit,std_layer_hit,", 0), 0u);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 8);
}

TEST(ObservablesRun, MissingCollectionsAndEmptyInputsAreClearErrors)
{
    test::TemporaryDirectory dir;
    {
        io::EventStoreWriter writer(dir / "sim_only.h5", {});
        writer.event_column("events", "weight", io::FieldType::float64).push(1.0);
        writer.end_event();
        writer.close();
    }
    ObservablesRunConfig config;
    try
    {
        run_observables(config, {dir / "sim_only.h5"}, dir / "out.h5", "test");
        FAIL() << "no rec hits";
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("/ecal_rec_hits/x"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("sim_only.h5"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));

    write_skimmed(dir / "empty.h5", 0);
    try
    {
        run_observables(config, {dir / "empty.h5"}, dir / "out.h5", "test");
        FAIL() << "zero events";
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("no events"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));
}

TEST(ObservablesRun, ConfigFileIsStrict)
{
    test::TemporaryDirectory dir;
    test::write_file(dir / "ok.toml", "[observables]\nset = \"seed\"\n[observables.seed]\nangularity_beta = 4\n");
    const auto c = read_observables_config(dir / "ok.toml");
    EXPECT_EQ(c.observables.set, ObservableSetName::seed);
    EXPECT_DOUBLE_EQ(c.observables.seed.angularity_beta, 4);
    // The default text is a valid configuration that gives the defaults back.
    test::write_file(dir / "default.toml", default_observables_config_text());
    const auto d = read_observables_config(dir / "default.toml");
    EXPECT_EQ(d.observables.set, ObservableSetName::all);
    EXPECT_DOUBLE_EQ(d.observables.full.jets.radius, FullObservableConfig{}.jets.radius);
    test::write_file(dir / "full.toml", "[observables.full]\norigin = \"shower_start\"\nradius = 0.3\n");
    const auto f = read_observables_config(dir / "full.toml");
    EXPECT_EQ(f.observables.full.origin, ShowerOrigin::shower_start);
    EXPECT_DOUBLE_EQ(f.observables.full.jets.radius, 0.3);
    test::write_file(dir / "typo.toml", "[observables]\nsett = \"seed\"\n");
    EXPECT_THROW(read_observables_config(dir / "typo.toml"), InputError);
    test::write_file(dir / "bad.toml", "[observables]\nset = \"everything\"\n");
    EXPECT_THROW(read_observables_config(dir / "bad.toml"), InputError);
}
}  // namespace
}  // namespace umbra::analysis
