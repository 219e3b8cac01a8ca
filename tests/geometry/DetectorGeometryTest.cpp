#include "umbra/geometry/DetectorGeometry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "TestSupport.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"

namespace umbra::geometry
{
namespace
{
const DetectorGeometry& v14()
{
    static const auto geometry = DetectorGeometry::load_named("ldmx-det-v14-8gev");
    return *geometry;
}

struct CsvSlab
{
    std::string material;
    double thickness, z_front, z_back;
    int si_layer;
};

//! The per-slab ECal table of the reference (shared/reference/ldmx-v14-ecal-layers.csv, derived
//! there from ldmx-sw 96f6980 ecal.gdml + constants.gdml; copied to tests/data/reference).
std::vector<CsvSlab> reference_ecal_slabs()
{
    std::ifstream in(test::data_dir() / "reference" / "ldmx-v14-ecal-layers.csv");
    std::string line;
    std::getline(in, line);
    std::vector<CsvSlab> slabs;
    while (std::getline(in, line))
    {
        std::stringstream row(line);
        std::string field;
        std::vector<std::string> fields;
        while (std::getline(row, field, ',')) fields.push_back(field);
        slabs.push_back({fields[1], std::stod(fields[2]), std::stod(fields[3]), std::stod(fields[4]), std::stoi(fields[6])});
    }
    return slabs;
}

//! Brute force: the deepest volume whose prism contains p (the tree guarantees uniqueness).
int brute_force_locate(const DetectorGeometry& g, const ThreeVector& p)
{
    int best = -1;
    int best_depth = -1;
    for (std::size_t v = 0; v < g.volumes().size(); ++v)
    {
        const auto& vol = g.volumes()[v];
        if (p.z <= vol.z_min || p.z >= vol.z_max || !vol.shape.contains(p.x, p.y)) continue;
        int depth = 0;
        for (int parent = vol.parent; parent >= 0; parent = g.volume(parent).parent) ++depth;
        if (depth > best_depth)
        {
            best = static_cast<int>(v);
            best_depth = depth;
        }
    }
    return best;
}
}  // namespace

TEST(DetectorGeometry, LoadsTheShippedV14Detector)
{
    const auto& g = v14();
    EXPECT_EQ(g.name(), "ldmx-det-v14-8gev");
    EXPECT_EQ(g.ecal().layer_count(), 34);
    EXPECT_GE(g.find_region("target"), 0);
    EXPECT_GE(g.find_region("ecal"), 0);
    EXPECT_GE(g.find_region("hcal"), 0);
    EXPECT_GE(g.find_region("tagger"), 0);
    // 96 back-HCal layers plus 4 x 24 side layers, each with a scintillator.
    int hcal_scintillators = 0;
    for (const auto& v : g.volumes()) hcal_scintillators += v.sensitive.kind == SensitiveKind::hcal_scintillator;
    EXPECT_EQ(hcal_scintillators, 96 + 4 * 24);
}

TEST(DetectorGeometry, EcalStackMatchesTheReferenceSlabTable)
{
    // Every material slab of the reference table (air merged there; gaps are envelope air
    // here) at the same z to 1 µm, in the same order, with the same material.
    const std::map<std::string, std::string> material_of = {
        {"W_front", "G4_W"}, {"W_cooling", "G4_W"}, {"Si", "G4_Si"}, {"FR4_hexaboard", "FR4"},
        {"FR4_motherboard", "FR4"}, {"Glue_thin", "Glue"}, {"Glue_thick", "Glue"},
        {"CarbonEpoxy_baseplate", "CarbonEpoxyComposite"}, {"CarbonEpoxy_coolingplane", "CarbonEpoxyComposite"}};
    std::vector<CsvSlab> expected;
    for (const auto& slab : reference_ecal_slabs())
    {
        if (slab.material != "Air") expected.push_back(slab);
    }
    std::vector<EcalSlab> ours;
    for (const auto& slab : v14().ecal().slabs)
    {
        if (slab.volume >= 0) ours.push_back(slab);
    }
    ASSERT_EQ(ours.size(), expected.size());
    for (std::size_t i = 0; i < ours.size(); ++i)
    {
        SCOPED_TRACE(i);
        EXPECT_EQ(ours[i].material, material_of.at(expected[i].material));
        EXPECT_NEAR(ours[i].z_front, expected[i].z_front, 1e-6);
        EXPECT_NEAR(ours[i].z_back, expected[i].z_back, 1e-6);
        EXPECT_EQ(ours[i].si_layer, expected[i].si_layer);
    }
    // Reference §4.3 summary: total W 141.9 mm, last material ends at 776.348 mm.
    double tungsten = 0;
    for (const auto& slab : ours) tungsten += slab.material == "G4_W" ? slab.z_back - slab.z_front : 0.0;
    EXPECT_NEAR(tungsten, 141.9, 1e-9);
    EXPECT_NEAR(ours.back().z_back, 776.348, 1e-9);
}

TEST(DetectorGeometry, SiLayerCentresAreTheGdmlOnes)
{
    // Reference §4.4 closed form: even layer 2b (b >= 1) centre = 249.082 + 23.144 b + C(b) + Wf(b),
    // odd = even + 7.98 + 2 Wc(b); layer 0 at 247.582 and layer 33 at 769.266.
    const auto& ecal = v14().ecal();
    const double cumulative[17] = {0, 3.0, 8.0, 15.1, 22.2, 29.3, 36.4, 43.5, 50.6, 57.7, 64.8, 71.9, 85.9, 99.9, 113.9, 127.9, 141.9};
    const double front[17] = {0, 1.0, 2.0, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 7.0, 7.0, 7.0, 7.0, 7.0};
    const double cooling[17] = {0, 1.0, 1.5, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 3.5, 3.5, 3.5, 3.5, 3.5};
    EXPECT_NEAR(ecal.layer_z(0), 247.582, 1e-9);
    EXPECT_NEAR(ecal.layer_z(33), 769.266, 1e-9);
    for (int b = 1; b <= 16; ++b)
    {
        const double even = 249.082 + 23.144 * b + cumulative[b - 1] + front[b];
        EXPECT_NEAR(ecal.layer_z(2 * b), even, 1e-9) << "layer " << 2 * b;
        EXPECT_NEAR(ecal.layer_z(2 * b + 1), even + 7.98 + 2 * cooling[b], 1e-9) << "layer " << 2 * b + 1;
    }
    // ldmx-sw's EcalGeometry.py positions are kept for comparison only (reference §4.4:
    // they lag by +0.35 mm at layer 0 and -20.16 mm at layer 33).
    ASSERT_EQ(ecal.ldmx_sw_layer_z.size(), 34u);
    EXPECT_NEAR(ecal.ldmx_sw_layer_z[0] - ecal.layer_z(0), 0.350, 1e-9);
    EXPECT_NEAR(ecal.ldmx_sw_layer_z[33] - ecal.layer_z(33), -20.160, 1e-9);
}

TEST(DetectorGeometry, LocatesKnownPoints)
{
    const auto& g = v14();
    const ThreeVector forward{0, 0, 1};
    const auto name_at = [&](ThreeVector p) {
        const int v = g.locate(p, forward);
        return v < 0 ? std::string("outside") : g.volume(v).name;
    };
    EXPECT_EQ(name_at({0, 0, 0}), "target");
    EXPECT_EQ(name_at({0, 0, 0.2}), "world");
    EXPECT_EQ(name_at({30, 0, 0}), "world");  // beside the 40 mm wide target
    EXPECT_EQ(name_at({0, 0, -1.2762}), "trigger_pad3_layer1_11");
    EXPECT_EQ(name_at({0, 0, 247.5}), "ecal_si_layer0");
    EXPECT_EQ(name_at({0, 0, 769.2}), "ecal_si_layer33");
    EXPECT_EQ(name_at({0, 0, 265.0}), "ecal_bilayer1_w_front");
    EXPECT_EQ(name_at({0, 0, 250.0}), "ecal_bilayer0_cooling_plane");
    // The 1.5 mm gap between module 0 and module 1 (flats at x = 85 and 86.5) is air.
    EXPECT_EQ(name_at({85.75, 0, 247.5}), "ecal");
    EXPECT_EQ(name_at({84.0, 0, 247.5}), "ecal_si_layer0");
    // Odd layers move by +4.8159 mm: x = 88 is in the gap of layer 0 but in module 1 of layer 1 ... (gap 89.8159-91.3159)
    EXPECT_EQ(name_at({90.5, 0, 256.0}), "ecal");
    EXPECT_EQ(name_at({88.0, 0, 256.0}), "ecal_si_layer1");
    EXPECT_EQ(name_at({0, 0, 855.0}), "hcal_back_absorber1");
    EXPECT_EQ(name_at({0, 0, 880.0}), "hcal_back_scintillator1");
    EXPECT_EQ(name_at({0, 0, 6000.5}), "outside");
    EXPECT_EQ(name_at({0, 500, 500}), "hcal_side_top_absorber5");  // y 500: depth 176.95 in the top section
    // On a plane, the direction decides: the target's front face going forward is in the target.
    EXPECT_EQ(g.volume(g.locate({0, 0, -0.1752}, forward)).name, "target");
    EXPECT_EQ(g.volume(g.locate({0, 0, -0.1752}, {0, 0, -1})).name, "target_region");
}

TEST(DetectorGeometry, RandomPointsAgreeWithBruteForce)
{
    const auto& g = v14();
    RandomStream rng({.seed = 7, .stream = StreamId::test, .event = 0});
    for (int i = 0; i < 20000; ++i)
    {
        const ThreeVector p{rng.uniform(-1600, 1600), rng.uniform(-1600, 1600), rng.uniform(-1000, 1000)};
        ASSERT_EQ(g.locate(p, {0, 0, 1}), brute_force_locate(g, p)) << p.x << " " << p.y << " " << p.z;
        // Points in the ECal stack near the beam, where volumes are dense.
        const ThreeVector q{rng.uniform(-300, 300), rng.uniform(-300, 300), rng.uniform(230, 860)};
        ASSERT_EQ(g.locate(q, {0, 0, 1}), brute_force_locate(g, q)) << q.x << " " << q.y << " " << q.z;
    }
}

TEST(DetectorGeometry, StraightRaysVisitEveryVolumeBoundary)
{
    // Walk random rays from boundary to boundary: the volume after each step must be what a
    // brute-force search finds just past the step, and the volume must not change before it.
    const auto& g = v14();
    RandomStream rng({.seed = 11, .stream = StreamId::test, .event = 1});
    for (int ray = 0; ray < 200; ++ray)
    {
        ThreeVector p{rng.uniform(-200, 200), rng.uniform(-200, 200), -700};
        const ThreeVector d = ThreeVector{rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4), 1.0}.unit();
        int volume = g.locate(p, d);
        for (int step = 0; step < 5000 && volume >= 0; ++step)
        {
            const double distance = g.distance_to_boundary(p, d, volume);
            ASSERT_TRUE(std::isfinite(distance));
            // Half-way the volume is unchanged.
            const auto middle = p + 0.5 * distance * d;
            if (distance > 1e-6)
            {
                ASSERT_EQ(brute_force_locate(g, middle), volume) << "ray " << ray << " step " << step;
            }
            p += distance * d;
            volume = g.locate(p, d);
            const auto beyond = p + 1e-7 * d;
            ASSERT_EQ(volume, brute_force_locate(g, beyond))
                << "ray " << ray << " step " << step << " at (" << p.x << ", " << p.y << ", " << p.z << ") in "
                << (volume >= 0 ? g.volume(volume).name : "outside") << " vs "
                << (brute_force_locate(g, beyond) >= 0 ? g.volume(brute_force_locate(g, beyond)).name : "outside");
        }
        EXPECT_EQ(volume, -1);
    }
}

TEST(DetectorGeometry, OnAxisMaterialBudgetMatchesTheReference)
{
    // Radiation lengths crossed along the beam axis through the ECal (z 240 ... 840) and in
    // front of each Si layer. Reference §4.3/§4.4 (derived there from PDG elemental X0 for
    // the CSV stack): ≈ 44.6 X0 in total, 0.11 X0 in front of layer 0, 44.49 X0 in front of
    // layer 33 (centre). Our X0 come from our own material model (MaterialTest checks them
    // against PDG), so we allow 1 %.
    const auto& g = v14();
    const ThreeVector d{0, 0, 1};
    ThreeVector p{0, 0, 240.0};
    double depth = 0;
    std::vector<double> depth_at_layer(34, -1);
    int volume = g.locate(p, d);
    while (p.z < 840.0)
    {
        const double distance = std::min(g.distance_to_boundary(p, d, volume), 840.0 - p.z);
        const auto& v = g.volume(volume);
        if (v.sensitive.kind == SensitiveKind::ecal_silicon)
        {
            depth_at_layer[v.sensitive.layer] = depth + 0.5 * distance / g.material(v.material).radiation_length();
        }
        depth += distance / g.material(v.material).radiation_length();
        p += distance * d;
        volume = g.locate(p, d);
    }
    EXPECT_NEAR(depth, 44.6, 0.01 * 44.6);
    const double reference_front[34] = {0.11, 0.13, 0.63, 1.23, 2.01, 2.90, 4.11, 5.16, 6.38, 7.43, 8.64, 9.70,
                                        10.91, 11.96, 13.18, 14.23, 15.44, 16.50, 17.71, 18.77, 19.98, 21.03,
                                        22.25, 23.30, 25.51, 27.54, 29.75, 31.77, 33.99, 36.01, 38.22, 40.25,
                                        42.46, 44.49};
    for (int layer = 0; layer < 34; ++layer)
    {
        EXPECT_NEAR(depth_at_layer[layer], reference_front[layer], 0.01 * reference_front[layer] + 0.01)
            << "layer " << layer;
    }
}

TEST(DetectorGeometry, SafetyIsALowerBoundOfTheBoundaryDistance)
{
    const auto& g = v14();
    RandomStream rng({.seed = 3, .stream = StreamId::test, .event = 2});
    for (int i = 0; i < 5000; ++i)
    {
        const ThreeVector p{rng.uniform(-300, 300), rng.uniform(-300, 300), rng.uniform(-20, 900)};
        const int volume = g.locate(p, {0, 0, 1});
        const double safety = g.safety(p, volume);
        for (int k = 0; k < 4; ++k)
        {
            const double cos_theta = rng.uniform(-1, 1);
            const double phi = rng.uniform(0, 2 * 3.141592653589793);
            const double s = std::sqrt(1 - cos_theta * cos_theta);
            const ThreeVector d{s * std::cos(phi), s * std::sin(phi), cos_theta};
            ASSERT_LE(safety, g.distance_to_boundary(p, d, volume) + 1e-9);
        }
    }
}

TEST(DetectorGeometry, FieldIsTheUniformDipoleInTheMagnetGap)
{
    const auto& g = v14();
    EXPECT_DOUBLE_EQ(g.field_tesla({0, 0, -400}).y, -1.5);
    EXPECT_DOUBLE_EQ(g.field_tesla({0, 0, 300}).y, 0.0);
}

namespace
{
void expect_input_error(const std::string& text, const std::string& expected_fragment, std::uint64_t expected_line)
{
    test::TemporaryDirectory dir;
    const auto path = dir.path() / "broken.toml";
    test::write_file(path, text);
    try
    {
        DetectorGeometry::load(path);
        FAIL() << "expected an InputError containing '" << expected_fragment << "'";
    }
    catch (const InputError& error)
    {
        EXPECT_NE(std::string(error.what()).find(expected_fragment), std::string::npos) << error.what();
        EXPECT_EQ(error.where().file, path.string());
        if (expected_line > 0)
        {
            EXPECT_EQ(error.where().line, expected_line) << error.what();
        }
    }
}

const char* minimal_header = R"(schema = 1
name = "test"
[world]
size = [1000.0, 1000.0, 1000.0]
material = "Vacuum"
[materials.Vacuum]
density = 1e-8
atoms = { H = 1 }
[materials.Iron]
density = 7.87
atoms = { Fe = 1 }
)";
}  // namespace

TEST(DetectorGeometry, BrokenDescriptionsGiveClearErrors)
{
    expect_input_error(std::string(minimal_header) + R"([[volume]]
name = "a"
material = "Iron"
z = [0.0, 10.0]
size = [10.0, 10.0]
[[volume]]
name = "b"
material = "Iron"
z = [5.0, 15.0]
size = [10.0, 10.0]
)",
                       "overlaps its sibling 'a'", 17);
    expect_input_error(std::string(minimal_header) + R"([[volume]]
name = "a"
material = "Unobtainium"
z = [0.0, 10.0]
size = [10.0, 10.0]
)",
                       "unknown material 'Unobtainium'", 14);
    expect_input_error(std::string(minimal_header) + R"([[volume]]
name = "a"
material = "Iron"
z = [0.0, 600.0]
size = [10.0, 10.0]
)",
                       "sticks out of its parent 'world'", 12);
    expect_input_error(std::string(minimal_header) + R"([[volume]]
name = "a"
material = "Iron"
z = [0.0, 10.0]
size = [10.0, 10.0]
colour = "red"
)",
                       "unknown key 'colour'", 17);
    expect_input_error(std::string(minimal_header) + R"([materials.Bad]
density = 1.0
mass = { Fe = 0.5, C = 0.2 }
)",
                       "Bad", 12);
    expect_input_error(R"(schema = 2
name = "x"
)",
                       "schema 2", 1);
}
}  // namespace umbra::geometry

namespace umbra::geometry
{
namespace
{
TEST(DetectorGeometry, LocateFromAHintEqualsLocate)
{
    // locate(p, d, hint) climbs from the hint and descends: the same answer as a search from the
    // world for any hint. Random points over the whole v14 detector (a quarter on a z plane of a
    // volume, where the direction decides), random hints.
    const auto& g = v14();
    RandomStream rng({.seed = 4, .stream = StreamId::test, .event = 0});
    const int volumes = static_cast<int>(g.volumes().size());
    for (int i = 0; i < 200000; ++i)
    {
        ThreeVector p{rng.uniform(-1600, 1600), rng.uniform(-1600, 1600), rng.uniform(-1000, 5700)};
        if (i % 4 == 0) p.z = g.volume(static_cast<int>(rng.uniform() * volumes)).z_min;
        const ThreeVector d = ThreeVector{rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)}.unit();
        const int hint = static_cast<int>(rng.uniform() * volumes);
        ASSERT_EQ(g.locate(p, d, hint), g.locate(p, d)) << "point " << i;
    }
}
}  // namespace
}  // namespace umbra::geometry
