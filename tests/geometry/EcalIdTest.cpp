#include "umbra/geometry/EcalId.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <unordered_set>

using umbra::geometry::EcalId;

// Reference values in this file come from ldmx-sw DetDescr/test/DetectorIDTest.cxx
// (Catch2 test of DetectorID/EcalID) and the field layout of DetDescr/include/DetDescr/
// DetectorID.h (SD_ECAL = 5, subdetector bits 26–31), EcalAbstractID.h (cell type bits
// 23–25) and EcalID.h (layer bits 17–22, module 12–16, cell 0–11). All exact.

TEST(EcalId, RawPackingMatchesLdmxSw)
{
    // DetectorIDTest.cxx: EcalID eid(50, 15, 500); REQUIRE(eid.raw() == 0x1464f1f4).
    const EcalId id(50, 15, 500);
    EXPECT_EQ(id.raw(), 0x1464f1f4u);
    EXPECT_EQ(id.layer(), 50);
    EXPECT_EQ(id.module(), 15);
    EXPECT_EQ(id.cell(), 500);
    // DetectorID did_ecal(SD_ECAL, 0x1010): raw 0x14001010 -> layer 0, module 1, cell 16.
    const auto from_detector = EcalId::from_raw(0x14001010u);
    ASSERT_TRUE(from_detector.has_value());
    EXPECT_EQ(from_detector->raw(), 0x14001010u);
    EXPECT_EQ(from_detector->layer(), 0);
    EXPECT_EQ(from_detector->module(), 1);
    EXPECT_EQ(from_detector->cell(), 16);
    // Default id is DetectorID(SD_ECAL, 0) = 5 << 26, "empty but not null".
    EXPECT_EQ(EcalId().raw(), 0x14000000u);
    EXPECT_EQ(EcalId(0, 0, 0), EcalId());
}

TEST(EcalId, FromRawChecksSubdetectorAndCellType)
{
    // DetectorIDTest.cxx: EcalID(0x40000000) (EID_TRACKER) and EcalID(0x829018)
    // (subdetector 0, not null) throw; EcalID(0x14002020) is accepted.
    EXPECT_FALSE(EcalId::from_raw(0x40000000u).has_value());
    EXPECT_FALSE(EcalId::from_raw(0x829018u).has_value());
    EXPECT_TRUE(EcalId::from_raw(0x14002020u).has_value());
    EXPECT_FALSE(EcalId::from_raw(0u).has_value());
    // Cell type 2 (TriggerCell, EcalTriggerID) is not a precision-cell id; type 1
    // (PrecisionLocal) is accepted by ldmx-sw's EcalID but is not a valid global id.
    EXPECT_FALSE(EcalId::from_raw(0x14000000u | (2u << 23)).has_value());
    const auto local = EcalId::from_raw(0x14000000u | (1u << 23));
    ASSERT_TRUE(local.has_value());
    EXPECT_FALSE(local->is_valid());
}

TEST(EcalId, TextMatchesLdmxSwStreamOutput)
{
    // DetectorIDTest.cxx: ss << EcalID(50, 15, 500) gives "Ecal(50,15,500[92,23])".
    EXPECT_EQ(EcalId(50, 15, 500).to_string(), "Ecal(50,15,500[92,23])");
    EXPECT_EQ(fmt::format("{}", EcalId(50, 15, 500)), "Ecal(50,15,500[92,23])");
    EXPECT_EQ(fmt::format("[{:>24}]", EcalId(1, 2, 3)), fmt::format("[{:>24}]", EcalId(1, 2, 3).to_string()));
}

TEST(EcalId, CellUvFollowsLdmxSwFormula)
{
    // EcalID.cxx EcalID(layer, module, u, v): for v <= 11 cell = u + 13 v + v(v-1)/2; for
    // v > 11 cell = 222 + (u - (v-11)) + 13 vrel + 55 - (10 - vrel)(11 - vrel)/2 with
    // vrel = v - 12. Values below worked out by hand from that formula.
    EXPECT_EQ(EcalId::cell_from_uv(0, 0), 0);
    EXPECT_EQ(EcalId::cell_from_uv(12, 0), 12);
    EXPECT_FALSE(EcalId::cell_from_uv(13, 0).has_value());  // u > 12 + v
    EXPECT_EQ(EcalId::cell_from_uv(0, 1), 13);
    EXPECT_EQ(EcalId::cell_from_uv(23, 11), 221);
    EXPECT_EQ(EcalId::cell_from_uv(1, 12), 222);
    EXPECT_FALSE(EcalId::cell_from_uv(0, 12).has_value());  // u < v - 11
    EXPECT_EQ(EcalId::cell_from_uv(2, 13), 245);
    EXPECT_EQ(EcalId::cell_from_uv(23, 23), 431);
    EXPECT_FALSE(EcalId::cell_from_uv(0, 24).has_value());
    // Row starts of EcalID.cxx (row_starts[]): 0, 13, 27, 42, ... 420.
    EXPECT_EQ(EcalId(0, 0, 27).cell_uv(), std::make_pair(0, 2));
    EXPECT_EQ(EcalId(0, 0, 420).cell_uv(), std::make_pair(12, 23));
    EXPECT_EQ(EcalId(0, 0, 419).cell_uv(), std::make_pair(23, 22));  // 419 − 407 + (22 − 11)
    for (int cell = 0; cell < EcalId::cells_per_module; ++cell)
    {
        const auto [u, v] = EcalId(3, 4, cell).cell_uv();
        ASSERT_EQ(EcalId::cell_from_uv(u, v), cell) << cell;
    }
}

TEST(EcalId, RangesDenseIndexOrderingAndHash)
{
    EXPECT_EQ(EcalId::cells_per_layer, 3024);
    EXPECT_EQ(EcalId::channel_count, 102816);  // reference §4.5: 102 816 channels
    EXPECT_TRUE(EcalId(33, 6, 431).is_valid());
    EXPECT_FALSE(EcalId(34, 0, 0).is_valid());
    EXPECT_FALSE(EcalId(0, 7, 0).is_valid());
    EXPECT_FALSE(EcalId(0, 0, 432).is_valid());

    std::unordered_set<EcalId> seen;
    std::set<std::uint32_t> raws;
    EcalId previous = EcalId::from_dense_index(0);
    for (int index = 0; index < EcalId::channel_count; ++index)
    {
        const EcalId id = EcalId::from_dense_index(index);
        ASSERT_TRUE(id.is_valid());
        ASSERT_EQ(id.dense_index(), index);
        if (index > 0)
        {
            ASSERT_LT(previous, id);  // dense order = raw order, as ldmx-sw operator<
        }
        previous = id;
        seen.insert(id);
        raws.insert(id.raw());
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(EcalId::channel_count));
    EXPECT_EQ(raws.size(), static_cast<std::size_t>(EcalId::channel_count));
    // Masking as ldmx-sw: fields wrap instead of spilling into neighbours.
    EXPECT_EQ(EcalId(64 + 2, 0, 0).layer(), 2);
    EXPECT_EQ(EcalId(0, 0, 4096 + 7).module(), 0);
}
