#include "umbra/io/EventStore.hpp"

#include <gtest/gtest.h>

#include <hdf5.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"

using namespace umbra;
using namespace umbra::io;

namespace
{
//! Writes `n` events: per-event run/event/weight, a hit collection whose size cycles 0..4 (event 3
//! is always empty), and optionally one event with `big_hits` hits.
void write_sample(const std::filesystem::path& path, std::uint64_t n, std::uint64_t big_event = ~0ULL,
                  std::uint64_t big_hits = 0, const std::string& weight_unit = "")
{
    Provenance provenance;
    provenance.weight_unit = weight_unit;
    provenance.target_atoms_per_cm2 = weight_unit.empty() ? 0 : 2.2e21;
    provenance.config = "[test]\nvalue = 1\n";
    provenance.seed = 42;
    provenance.command = "umbra test";
    EventStoreWriter writer(path, provenance, {1024, 1000, 4});
    auto& run = writer.event_column("events", "run", FieldType::int64);
    auto& number = writer.event_column("events", "event", FieldType::uint64);
    auto& weight = writer.event_column("events", "weight", FieldType::float64);
    auto& id = writer.collection_column("ecal_sim_hits", "id", FieldType::int64);
    auto& z = writer.collection_column("ecal_sim_hits", "z", FieldType::float64, "mm");
    auto& edep = writer.collection_column("ecal_sim_hits", "edep", FieldType::float64, "MeV");
    for (std::uint64_t e = 0; e < n; ++e)
    {
        run.push(std::int64_t{7});
        number.push(e);
        weight.push(0.5 + static_cast<double>(e));
        const std::uint64_t hits = e == big_event ? big_hits : (e % 5 == 3 ? 0 : e % 5);
        for (std::uint64_t h = 0; h < hits; ++h)
        {
            id.push(static_cast<std::int64_t>(1000 * e + h));
            z.push(240.5 + static_cast<double>(h));
            edep.push(0.1 * static_cast<double>(h + 1));
        }
        writer.end_event();
    }
    writer.close();
}
}  // namespace

TEST(EventStore, RoundTripIncludingEmptyEvents)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "a.h5", 2500);
    EventStoreReader reader(dir / "a.h5");
    EXPECT_EQ(reader.events(), 2500u);
    EXPECT_EQ(reader.schema(), schema_version);
    EXPECT_EQ(reader.provenance().seed, 42u);
    EXPECT_EQ(reader.provenance().command, "umbra test");
    EXPECT_EQ(reader.provenance().config, "[test]\nvalue = 1\n");
    EXPECT_FALSE(reader.provenance().umbra_version.empty());
    const auto& hits = reader.group("ecal_sim_hits");
    EXPECT_TRUE(hits.collection);
    ASSERT_EQ(hits.fields.size(), 3u);
    EXPECT_EQ(hits.units[1], "mm");
    const auto weights = reader.read_event_column("events", "weight", 0, 2500);
    for (std::size_t e = 0; e < 2500; ++e) ASSERT_EQ(weights[e], 0.5 + static_cast<double>(e));
    const auto numbers = reader.read_event_column("events", "event", 1000, 10);
    EXPECT_EQ(numbers[3], 1003.0);
    // Events 1000..1009 straddle a flush boundary (1000 events) and include empty events.
    const auto slice = reader.read_collection("ecal_sim_hits", "id", 1000, 10);
    ASSERT_EQ(slice.offsets.size(), 11u);
    for (std::uint64_t e = 0; e < 10; ++e)
    {
        const std::uint64_t event = 1000 + e;
        const std::uint64_t expected = event % 5 == 3 ? 0 : event % 5;
        ASSERT_EQ(slice.offsets[e + 1] - slice.offsets[e], expected) << event;
        for (std::uint64_t h = 0; h < expected; ++h)
            ASSERT_EQ(slice.values[slice.offsets[e] + h], static_cast<double>(1000 * event + h));
    }
}

TEST(EventStore, MillionHitEventAndZeroEvents)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "big.h5", 5, 2, 1'000'000);
    EventStoreReader reader(dir / "big.h5");
    const auto slice = reader.read_collection("ecal_sim_hits", "edep", 2, 1);
    ASSERT_EQ(slice.values.size(), 1'000'000u);
    EXPECT_DOUBLE_EQ(slice.values[999'999], 0.1 * 1'000'000);
    write_sample(dir / "none.h5", 0);
    EventStoreReader empty(dir / "none.h5");
    EXPECT_EQ(empty.events(), 0u);
    EXPECT_EQ(empty.group("ecal_sim_hits").rows, 0u);
}

TEST(EventStore, BadInputNamesFileAndDataset)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "good.h5", 200);
    // Truncated copy.
    const auto bytes = test::read_file(dir / "good.h5");
    test::write_file(dir / "truncated.h5", bytes.substr(0, bytes.size() / 2));
    EXPECT_THROW(EventStoreReader{dir / "truncated.h5"}, InputError);
    test::write_file(dir / "text.h5", "not hdf5 at all\n");
    try
    {
        EventStoreReader reader(dir / "text.h5");
        FAIL();
    }
    catch (const InputError& e)
    {
        EXPECT_EQ(e.where().file, (dir / "text.h5").string());
    }
    // Wrong schema version.
    std::filesystem::copy(dir / "good.h5", dir / "future.h5");
    {
        const hid_t file = H5Fopen((dir / "future.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        const hid_t attribute = H5Aopen(file, "schema_version", H5P_DEFAULT);
        const int future = schema_version + 1;
        H5Awrite(attribute, H5T_NATIVE_INT, &future);
        H5Aclose(attribute);
        H5Fclose(file);
    }
    try
    {
        EventStoreReader reader(dir / "future.h5");
        FAIL();
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("schema version 2 is not supported"), std::string::npos) << e.what();
    }
    // Missing collection and dataset.
    EventStoreReader reader(dir / "good.h5");
    try
    {
        reader.read_collection("hcal_rec_hits", "energy", 0, 1);
        FAIL();
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("no group /hcal_rec_hits"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("good.h5"), std::string::npos);
    }
    EXPECT_THROW(reader.read_collection("ecal_sim_hits", "energy", 0, 1), InputError);
}

TEST(EventStore, AbandonedWriterLeavesNothing)
{
    test::TemporaryDirectory dir;
    {
        EventStoreWriter writer(dir / "partial.h5", {});
        auto& w = writer.event_column("events", "weight", FieldType::float64);
        w.push(1.0);
        writer.end_event();
        // no close(): as after an exception
    }
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 0);
}

TEST(EventStore, MergeConcatenatesAndKeepsProvenance)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "a.h5", 300);
    write_sample(dir / "b.h5", 700);
    const auto events = merge_event_stores({dir / "a.h5", dir / "b.h5"}, dir / "ab.h5", "umbra h5 merge a b");
    EXPECT_EQ(events, 1000u);
    EventStoreReader merged(dir / "ab.h5");
    EXPECT_EQ(merged.events(), 1000u);
    const auto weights = merged.read_event_column("events", "weight", 299, 2);
    EXPECT_EQ(weights[0], 299.5);
    EXPECT_EQ(weights[1], 0.5);  // first event of b
    const auto slice = merged.read_collection("ecal_sim_hits", "id", 300, 3);
    EXPECT_EQ(slice.offsets.back(), 0u + 1 + 2);  // b's events 0, 1, 2 have 0, 1, 2 hits
    EXPECT_NE(merged.provenance().inputs.find("a.h5"), std::string::npos);
    EXPECT_NE(merged.provenance().inputs.find("crc32"), std::string::npos);
    // Each input's own provenance is kept.
    EXPECT_NE(merged.provenance().merged.find("[input 1] " + (dir / "b.h5").string()), std::string::npos);
    EXPECT_NE(merged.provenance().merged.find("command: umbra test"), std::string::npos);
    EXPECT_NE(merged.provenance().merged.find("[test]\nvalue = 1"), std::string::npos);
    // Different layouts are refused.
    {
        EventStoreWriter other(dir / "c.h5", {});
        other.event_column("events", "weight", FieldType::float64).push(1.0);
        other.end_event();
        other.close();
    }
    EXPECT_THROW(merge_event_stores({dir / "a.h5", dir / "c.h5"}, dir / "ac.h5", ""), InputError);
    EXPECT_FALSE(std::filesystem::exists(dir / "ac.h5"));
}

TEST(EventStore, WeightUnitTravelsAndCannotBeMixed)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "pb1.h5", 3, ~0ULL, 0, "pb");
    write_sample(dir / "pb2.h5", 4, ~0ULL, 0, "pb");
    write_sample(dir / "plain.h5", 5);
    EXPECT_EQ(EventStoreReader(dir / "pb1.h5").provenance().weight_unit, "pb");
    EXPECT_EQ(EventStoreReader(dir / "pb1.h5").provenance().target_atoms_per_cm2, 2.2e21);
    EXPECT_EQ(EventStoreReader(dir / "plain.h5").provenance().weight_unit, "");
    EXPECT_EQ(EventStoreReader(dir / "plain.h5").provenance().target_atoms_per_cm2, 0);
    merge_event_stores({dir / "pb1.h5", dir / "pb2.h5"}, dir / "pb.h5", "");
    EXPECT_EQ(EventStoreReader(dir / "pb.h5").provenance().weight_unit, "pb");
    EXPECT_EQ(EventStoreReader(dir / "pb.h5").provenance().target_atoms_per_cm2, 2.2e21);
    try
    {
        merge_event_stores({dir / "pb1.h5", dir / "plain.h5"}, dir / "mixed.h5", "");
        FAIL() << "pb and per-event weights merged";
    }
    catch (const InputError& e)
    {
        EXPECT_NE(std::string(e.what()).find("cannot be merged"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "mixed.h5"));
}

TEST(EventStore, PlainH5pyReadsTheFile)
{
    // docs/format.md promises files readable with plain h5py (Debian's /usr/bin/python3).
    if (std::system("/usr/bin/python3 -c 'import h5py' > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "Debian's python3-h5py is not installed (scripts/setup installs it)";
    test::TemporaryDirectory dir;
    write_sample(dir / "py.h5", 20);
    const auto script = std::filesystem::path(UMBRA_TEST_DATA_DIR).parent_path().parent_path() / "python" / "read_events.py";
    const auto out = dir / "out.txt";
    ASSERT_EQ(std::system(("/usr/bin/python3 " + script.string() + " " + (dir / "py.h5").string() + " > " +
                           out.string() + " 2>&1")
                              .c_str()),
              0)
        << test::read_file(out);
    const auto text = test::read_file(out);
    EXPECT_NE(text.find("schema 1, 20 events"), std::string::npos) << text;
    // per-event edep sums: hits h = 0..k-1 have 0.1 (h + 1); events cycle 0,1,2,0,4 hits.
    // mean over 20 events = 4 x (0 + 0.1 + 0.3 + 0 + 1.0) / 20 = 0.28
    EXPECT_NE(text.find("/ecal_sim_hits (collection, 28 rows): id, z, edep; per-event sum of edep: mean 0.28"),
              std::string::npos)
        << text;
    ASSERT_EQ(std::system(("/usr/bin/python3 " + script.string() + " " + (dir / "py.h5").string() +
                           " events weight > " + out.string())
                              .c_str()),
              0);
    EXPECT_EQ(test::read_file(out).substr(0, 15), "0.5 1.5 2.5 3.5");
}

TEST(EventStore, CliInfoAndBadFile)
{
    test::TemporaryDirectory dir;
    write_sample(dir / "c.h5", 50);
    const std::string umbra = UMBRA_CLI_PATH;
    const auto out = dir / "out.txt";
    ASSERT_EQ(std::system((umbra + " h5 info " + (dir / "c.h5").string() + " > " + out.string() + " 2>&1").c_str()), 0);
    const auto text = test::read_file(out);
    EXPECT_NE(text.find("schema version 1, 50 events"), std::string::npos) << text;
    EXPECT_NE(text.find("/ecal_sim_hits (collection, 70 rows)"), std::string::npos) << text;
    EXPECT_NE(text.find("edep                     float64  [MeV]"), std::string::npos) << text;
    const auto bytes = test::read_file(dir / "c.h5");
    test::write_file(dir / "cut.h5", bytes.substr(0, 1000));
    const int status = std::system((umbra + " h5 info " + (dir / "cut.h5").string() + " > " + out.string() + " 2>&1").c_str());
    EXPECT_EQ(WEXITSTATUS(status), 2);
    const auto error = test::read_file(out);
    EXPECT_EQ(error.rfind("umbra: error: " + (dir / "cut.h5").string() + ":", 0), 0u) << error;
    EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 1) << error;
}
