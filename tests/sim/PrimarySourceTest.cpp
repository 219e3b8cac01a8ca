#include "umbra/sim/PrimarySource.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <thread>

#include "TestSupport.hpp"
#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/sim/BeamSource.hpp"
#include "umbra/sim/LheSource.hpp"
#include "umbra/sim/ParticleGunSource.hpp"

using namespace umbra;
using namespace umbra::sim;

namespace
{
std::string error_of(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const InputError& e)
    {
        return e.what();
    }
    return "no error";
}

std::vector<PrimaryParticle> primaries_of(PrimarySource& source, std::uint64_t event, std::uint64_t seed = 7)
{
    auto rng = make_primary_stream(seed, event);
    return source.primaries(event, rng);
}

bool same(const std::vector<PrimaryParticle>& a, const std::vector<PrimaryParticle>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        if (a[i].pdg != b[i].pdg || !(a[i].position == b[i].position) || !(a[i].momentum == b[i].momentum) ||
            a[i].time != b[i].time || a[i].weight != b[i].weight || a[i].particle_index != b[i].particle_index)
            return false;
    }
    return true;
}

//! All events 0..n-1 computed by `threads` threads, each taking events in a
//! strided, reversed order (so requests arrive out of order).
std::vector<std::vector<PrimaryParticle>> run_threaded(PrimarySource& source, std::uint64_t n, int threads)
{
    std::vector<std::vector<PrimaryParticle>> out(n);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
    {
        pool.emplace_back([&, t] {
            for (std::uint64_t k = 0; k < n; ++k)
            {
                const std::uint64_t e = n - 1 - k;
                if (static_cast<int>(e % static_cast<std::uint64_t>(threads)) == t) out[e] = primaries_of(source, e);
            }
        });
    }
    for (auto& th : pool) th.join();
    return out;
}

// A minimal LHE file: `events` is the text of the <event> blocks' bodies.
std::string lhe_file(const std::vector<std::string>& events)
{
    std::string text = "<LesHouchesEvents version=\"3.0\">\n<init>\n11 623 8.0 171.3 0 0 0 0 3 1\n"
                       "1.0 0.1 1.0 1\n</init>\n";
    for (const auto& e : events) text += "<event>\n" + e + "</event>\n";
    return text + "</LesHouchesEvents>\n";
}

// Production event i (umbra lhe split style): incoming e- and W, outgoing e-
// and W (status 1), the ALP 622 with status 2, and a #vertex with a time.
std::string production_event(int i, bool with_vertex = true)
{
    const double dx = 0.001 * i;
    std::string s = fmt::format(
        "5 1 +{:.3f} 8.0 0.0078 0.118\n"
        "11 -1 0 0 0 0 0 0 8.0 8.0 0.000511 0 9\n"
        "623 -1 0 0 0 0 0 0 0 171.3 171.3 0 9\n"
        "11 1 1 2 0 0 {:.4f} -0.0011 0.21 0.21000 0.000511 0 9\n"
        "623 1 1 2 0 0 -0.001 0.002 0.01 171.3 171.3 0 9\n"
        "622 2 1 2 0 0 -0.0011 -0.0009 7.78 7.78 0.05 0 9\n",
        1.5 + i, 0.0021 + dx);
    if (with_vertex) s += fmt::format("#vertex {} -2.5 0.0 0.0\n", 1.5 + i);
    return s;
}

// Decay event i: the ALP products, status 1, mothers 0, displaced #vertex.
std::string decay_event(int i, bool with_time = true)
{
    std::string s = fmt::format(
        "2 1 +{:.3f} 8.0 0.0078 0.118\n"
        "11 1 0 0 0 0 0.005 0.001 3.0 3.0 0.000511 0 9\n"
        "-11 1 0 0 0 0 -0.0061 -0.0019 4.78 4.78 0.000511 0 9\n",
        1.5 + i);
    s += with_time ? fmt::format("#vertex 1.2 -2.6 {} {}\n", 500.0 + i, 1.7 + 0.01 * i)
                   : fmt::format("#vertex 1.2 -2.6 {}\n", 500.0 + i);
    return s;
}

LheSource::Config lhe_config(std::vector<std::filesystem::path> files)
{
    LheSource::Config config;
    config.files = std::move(files);
    return config;
}
}  // namespace

// ---------------------------------------------------------------- beam presets

TEST(BeamSource, PresetsMatchLdmxGuns)
{
    // Unit directions and start points of the ldmx-sw guns, as tabulated (7
    // digits) in shared/reference/ldmx-v14-detector.md §1 (SimCore/python/
    // generators.py; the 8 GeV values confirmed by the ecal_pn gold.log run
    // header). Tolerance: half a unit of the 7th digit.
    struct Expected
    {
        const char* name;
        double energy;  // [MeV]
        ThreeVector position;
        ThreeVector direction;
    };
    const Expected expected[] = {
        {"ldmx-8gev-upstream-tagger", 8000, {-21.745876, 0, -883.0}, {0.0485658, 0, 0.9988200}},
        {"ldmx-4gev-upstream-tagger", 4000, {-43.56748, 0, -883.0}, {0.0971264, 0, 0.9952721}},
        {"ldmx-1pt2gev-upstream-tagger", 1200, {-148.95303, 0, -883.0}, {0.3236718, 0, 0.9461694}},
        {"ldmx-4gev-upstream-target", 4000, {0, 0, -1.2}, {0, 0, 1}},
    };
    for (const auto& e : expected)
    {
        SCOPED_TRACE(e.name);
        BeamSource source(BeamSource::preset(e.name));
        const auto& c = source.config();
        EXPECT_EQ(c.pdg, 11);
        EXPECT_DOUBLE_EQ(c.kinetic_energy, e.energy);
        EXPECT_EQ(c.position, e.position);
        EXPECT_NEAR(c.direction.x, e.direction.x, 5e-8);
        EXPECT_EQ(c.direction.y, 0.0);
        EXPECT_NEAR(c.direction.z, e.direction.z, 5e-8);
        // Standard beam spot of all LDMX samples: beamSpotSmear = [20, 80, 0] (reference §1).
        EXPECT_EQ(c.beam_spot_width, (ThreeVector{20, 80, 0}));
    }
    // Reference §1: the 8 GeV gun points 48.59 mrad (2.784 deg) off z in the x-z
    // plane, the 4 GeV 97.28 mrad (5.574 deg); tolerance 0.01 mrad, since the
    // quoted mrad values come from the rounded degrees (2.784 deg = 48.590 mrad).
    const auto d8 = BeamSource::preset("ldmx-8gev-upstream-tagger").direction;
    EXPECT_NEAR(std::atan2(d8.x, d8.z), 48.59e-3, 0.01e-3);
    const auto d4 = BeamSource::preset("ldmx-4gev-upstream-tagger").direction;
    EXPECT_NEAR(std::atan2(d4.x, d4.z), 97.28e-3, 0.01e-3);
}

TEST(BeamSource, EightGeVPrimary)
{
    auto config = BeamSource::preset("ldmx-8gev-upstream-tagger");
    config.beam_spot_width = {0, 0, 0};
    BeamSource source(config);
    const auto p = primaries_of(source, 3);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].pdg, 11);
    EXPECT_EQ(p[0].origin, PrimaryOrigin::beam);
    EXPECT_EQ(p[0].position, (ThreeVector{-21.745876, 0, -883.0}));
    // ldmx-sw's gun energy is G4ParticleGun's kinetic energy: T = 8000 MeV, so
    // p = sqrt(T (T + 2 m_e)) = 8000.51098 MeV (hand calculation, m_e = 0.51099895 MeV, PDG).
    EXPECT_NEAR(p[0].kinetic_energy(), 8000.0, 1e-9);
    EXPECT_NEAR(p[0].momentum.mag(), 8000.51098, 1e-5);
    EXPECT_NEAR(p[0].direction().x, 0.0485658, 5e-8);
    EXPECT_NEAR(p[0].direction().z, 0.9988200, 5e-8);
    // ldmx-sw time_shift_primaries: t = z / (299.702547 mm/ns) (PrimaryGeneratorAction.cxx):
    // -883 / 299.702547 = -2.9462546 ns (hand calculation).
    EXPECT_NEAR(p[0].time, -2.9462546, 1e-7);
    config.time_shift = false;
    EXPECT_EQ(primaries_of(*std::make_unique<BeamSource>(config), 3)[0].time, 0.0);
}

TEST(BeamSource, UnknownPresetListsKnownOnes)
{
    const auto message = error_of([] { BeamSource::preset("ldmx-9gev"); });
    EXPECT_NE(message.find("unknown beam preset 'ldmx-9gev'"), std::string::npos) << message;
    EXPECT_NE(message.find("ldmx-8gev-upstream-tagger"), std::string::npos) << message;
}

TEST(BeamSource, BeamSpotIsFlat)
{
    // ldmx-sw smears by width * (U - 0.5): flat in [-w/2, w/2), mean 0 and
    // RMS w / sqrt(12) (uniform distribution). 20 x 80 mm -> RMS 5.7735 / 23.094 mm.
    BeamSource source(BeamSource::preset("ldmx-8gev-upstream-tagger"));
    const int n = 200000;
    double sx = 0, sy = 0, sxx = 0, syy = 0, min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
    int central_x = 0;
    for (int e = 0; e < n; ++e)
    {
        const auto p = primaries_of(source, static_cast<std::uint64_t>(e))[0];
        const double x = p.position.x + 21.745876;
        const double y = p.position.y;
        ASSERT_EQ(p.position.z, -883.0);  // z width 0: unchanged
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        min_x = std::min(min_x, x);
        max_x = std::max(max_x, x);
        min_y = std::min(min_y, y);
        max_y = std::max(max_y, y);
        central_x += std::abs(x) < 5.0;
    }
    const double rms_x = std::sqrt(sxx / n - (sx / n) * (sx / n));
    const double rms_y = std::sqrt(syy / n - (sy / n) * (sy / n));
    // Tolerances: 5 standard errors (mean: RMS/sqrt(n); RMS: ~0.45 RMS/sqrt(n) for a flat distribution).
    EXPECT_NEAR(sx / n, 0.0, 5 * 5.7735 / std::sqrt(n));
    EXPECT_NEAR(sy / n, 0.0, 5 * 23.094 / std::sqrt(n));
    EXPECT_NEAR(rms_x, 20 / std::sqrt(12.0), 5 * 0.45 * 5.7735 / std::sqrt(n));
    EXPECT_NEAR(rms_y, 80 / std::sqrt(12.0), 5 * 0.45 * 23.094 / std::sqrt(n));
    // Bounds: inside [-10, 10] x [-40, 40], and filled up to the edges (n = 2e5
    // draws leave gaps ~ w/n at the ends).
    EXPECT_GE(min_x, -10.0);
    EXPECT_LT(max_x, 10.0 + 1e-12);
    EXPECT_GE(min_y, -40.0);
    EXPECT_LT(max_y, 40.0 + 1e-12);
    EXPECT_LT(min_x, -9.99);
    EXPECT_GT(max_x, 9.99);
    EXPECT_LT(min_y, -39.99);
    EXPECT_GT(max_y, 39.99);
    // Flat, not Gaussian: half of the events within |x| < w/4 (a Gaussian of the same RMS gives 61 %).
    EXPECT_NEAR(static_cast<double>(central_x) / n, 0.5, 5 * 0.5 / std::sqrt(n));
}

TEST(BeamSource, SameEventSamePrimariesWhateverTheOrder)
{
    BeamSource source(BeamSource::preset("ldmx-4gev-upstream-tagger"));
    const std::uint64_t n = 500;
    std::vector<std::vector<PrimaryParticle>> forward;
    for (std::uint64_t e = 0; e < n; ++e) forward.push_back(primaries_of(source, e));
    const auto threaded = run_threaded(source, n, 4);
    for (std::uint64_t e = 0; e < n; ++e) ASSERT_TRUE(same(forward[e], threaded[e])) << "event " << e;
    EXPECT_FALSE(same(forward[0], forward[1]));                       // events differ
    EXPECT_FALSE(same(forward[0], primaries_of(source, 0, 8)));       // seeds differ
}

// ---------------------------------------------------------------- particle gun

TEST(ParticleGunSource, FixedEnergyElectronIntoBlock)
{
    ParticleGunSource::Config config;
    config.kinetic_energy = 1000;
    config.position = {0, 0, -10};
    config.time_shift = false;
    ParticleGunSource gun(config);
    const auto p = primaries_of(gun, 0);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].origin, PrimaryOrigin::gun);
    EXPECT_EQ(p[0].position, (ThreeVector{0, 0, -10}));
    EXPECT_EQ(p[0].direction(), (ThreeVector{0, 0, 1}));
    EXPECT_NEAR(p[0].kinetic_energy(), 1000, 1e-9);
    EXPECT_NEAR(p[0].mass, constants::electron_mass, 0);
    EXPECT_EQ(p[0].time, 0.0);

    config.pdg = 22;
    const auto photon = primaries_of(*std::make_unique<ParticleGunSource>(config), 0);
    EXPECT_EQ(photon[0].mass, 0.0);
    EXPECT_NEAR(photon[0].momentum.mag(), 1000, 1e-9);  // massless: p = E = T
}

TEST(ParticleGunSource, EnergyRangeAndConeSpread)
{
    ParticleGunSource::Config config;
    config.pdg = 13;
    config.kinetic_energy = 1000;
    config.max_kinetic_energy = 3000;
    config.direction = {1, 0, 1};
    config.angular_spread = 0.1;  // [rad]
    config.position_spread = {4, 0, 0};
    config.count = 2;
    ParticleGunSource gun(config);
    const ThreeVector axis = ThreeVector{1, 0, 1}.unit();
    const int n = 20000;
    double sum_energy = 0, sum_cos = 0;
    for (int e = 0; e < n; ++e)
    {
        const auto ps = primaries_of(gun, static_cast<std::uint64_t>(e));
        ASSERT_EQ(ps.size(), 2u);
        EXPECT_FALSE(same({ps[0]}, {ps[1]}));
        for (const auto& p : ps)
        {
            const double t = p.kinetic_energy();
            ASSERT_GE(t, 1000 - 1e-9);
            ASSERT_LE(t, 3000 + 1e-9);
            const double cos_theta = p.direction().dot(axis);
            ASSERT_GE(cos_theta, std::cos(0.1) - 1e-12);
            ASSERT_LE(std::abs(p.position.x), 2.0);
            sum_energy += t;
            sum_cos += cos_theta;
        }
    }
    // Flat energy: mean (1000 + 3000)/2 = 2000 MeV, sd 577/sqrt(2n).
    EXPECT_NEAR(sum_energy / (2 * n), 2000, 5 * 577.4 / std::sqrt(2 * n));
    // Uniform in solid angle in a cone: cos(theta) flat in [cos 0.1, 1], mean (1 + cos 0.1)/2.
    const double width = 1 - std::cos(0.1);
    EXPECT_NEAR(sum_cos / (2 * n), (1 + std::cos(0.1)) / 2, 5 * width / std::sqrt(12.0 * 2 * n));
}

TEST(ParticleGunSource, RejectsBadConfiguration)
{
    ParticleGunSource::Config config;
    config.pdg = 2212;
    EXPECT_NE(error_of([&] { ParticleGunSource{config}; }).find("PDG 2212"), std::string::npos);
    config = {};
    config.kinetic_energy = -1;
    EXPECT_NE(error_of([&] { ParticleGunSource{config}; }).find("must be positive"), std::string::npos);
    config = {};
    config.direction = {0, 0, 0};
    EXPECT_NE(error_of([&] { ParticleGunSource{config}; }).find("non-zero"), std::string::npos);
}

// ---------------------------------------------------------------- LHE

TEST(LheSource, MergesProductionAndDecayFiles)
{
    test::TemporaryDirectory dir;
    std::vector<std::string> production, decay;
    for (int i = 0; i < 3; ++i)
    {
        production.push_back(production_event(i));
        decay.push_back(decay_event(i));
    }
    test::write_file(dir / "production.lhe", lhe_file(production));
    test::write_file(dir / "decay.lhe", lhe_file(decay));
    LheSource source(lhe_config({dir / "production.lhe", dir / "decay.lhe"}));
    ASSERT_EQ(source.event_count(), 3u);

    const auto p = primaries_of(source, 1);
    // Fired: the recoil e- of the production file (particle 3) and the e- e+ of
    // the decay file. Not fired: incoming (-1), the ALP (status 2), and the
    // recoil W (623, not a transport particle: skipped and counted).
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0].pdg, 11);
    EXPECT_EQ(p[0].input_index, 0);
    EXPECT_EQ(p[0].particle_index, 3);
    EXPECT_EQ(p[0].mother_index, 1);
    EXPECT_EQ(p[1].pdg, 11);
    EXPECT_EQ(p[1].input_index, 1);
    EXPECT_EQ(p[2].pdg, -11);
    EXPECT_EQ(p[2].particle_index, 2);
    for (const auto& q : p)
    {
        EXPECT_EQ(q.origin, PrimaryOrigin::lhe);
        EXPECT_EQ(q.generator_status, 1);
        EXPECT_NE(q.pdg, 622);
    }
    // GeV -> MeV: px = 0.0031 GeV, py = -0.0011 GeV, pz = 0.21 GeV in the file.
    EXPECT_NEAR(p[0].momentum.x, 3.1, 1e-12);
    EXPECT_NEAR(p[0].momentum.y, -1.1, 1e-12);
    EXPECT_NEAR(p[0].momentum.z, 210.0, 1e-12);
    EXPECT_NEAR(p[2].momentum.z, 4780.0, 1e-9);
    EXPECT_NEAR(p[2].mass, constants::electron_mass, 0);
    // Vertices (#vertex, mm and ns) of each input: production (2.5, -2.5, 0) t = 0,
    // decay (1.2, -2.6, 501) t = 1.71 ns.
    EXPECT_EQ(p[0].position, (ThreeVector{2.5, -2.5, 0.0}));
    EXPECT_EQ(p[0].time, 0.0);
    EXPECT_EQ(p[1].position, (ThreeVector{1.2, -2.6, 501.0}));
    EXPECT_DOUBLE_EQ(p[1].time, 1.71);
    // Weights: XWGTUP of each file's event.
    EXPECT_DOUBLE_EQ(p[0].weight, 2.5);
    EXPECT_DOUBLE_EQ(p[2].weight, 2.5);
    EXPECT_EQ(source.skipped_particles(), (std::map<int, std::uint64_t>{{623, 1}}));
}

TEST(LheSource, VertexWithoutTimeAndEventsWithoutVertex)
{
    test::TemporaryDirectory dir;
    std::vector<std::string> production, decay;
    for (int i = 0; i < 2; ++i)
    {
        production.push_back(production_event(i, false));
        decay.push_back(decay_event(i, false));
    }
    test::write_file(dir / "p.lhe", lhe_file(production));
    test::write_file(dir / "d.lhe", lhe_file(decay));
    LheSource source(lhe_config({dir / "p.lhe", dir / "d.lhe"}));
    for (std::uint64_t e = 0; e < 2; ++e)
    {
        const auto p = primaries_of(source, e);
        ASSERT_EQ(p.size(), 3u);
        // No #vertex: origin + flat beam spot 20 x 80 mm at z = 0, t = 0.
        EXPECT_LE(std::abs(p[0].position.x), 10.0);
        EXPECT_LE(std::abs(p[0].position.y), 40.0);
        EXPECT_NE(p[0].position.x, 0.0);
        EXPECT_EQ(p[0].position.z, 0.0);
        EXPECT_EQ(p[0].time, 0.0);
        // #vertex without time: ldmx-sw's shift z / 299.702547 mm/ns.
        EXPECT_DOUBLE_EQ(p[1].position.z, 500.0 + static_cast<double>(e));
        EXPECT_DOUBLE_EQ(p[1].time, (500.0 + static_cast<double>(e)) / 299.702547);
    }
}

TEST(LheSource, ReadsMadGraphFileFromTestData)
{
    // tests/data/good/alp_mg_small.lhe: MadGraph e- N > e- N p1, p1 > e- e+ (3
    // events), ALP 622 with status 2, its products status 1 in the same event;
    // event 2 carries "#vertex 1.5 -2.5 0.0 0.0".
    auto config = lhe_config({test::data_dir() / "good" / "alp_mg_small.lhe"});
    config.beam_spot_width = {0, 0, 0};
    LheSource source(config);
    ASSERT_EQ(source.event_count(), 3u);
    const auto p = primaries_of(source, 1);
    ASSERT_EQ(p.size(), 3u);  // e-, and the ALP's e- e+; not the W (623) nor the ALP
    EXPECT_EQ(p[0].pdg, 11);
    EXPECT_EQ(p[1].pdg, 11);
    EXPECT_EQ(p[2].pdg, -11);
    EXPECT_EQ(p[1].mother_index, 5);
    EXPECT_NEAR(p[0].momentum.z, 210.0, 1e-9);  // +2.1000000000e-01 GeV
    EXPECT_NEAR(p[2].momentum.z, 4779.99998, 1e-9);
    EXPECT_EQ(p[2].position, (ThreeVector{1.5, -2.5, 0.0}));
    EXPECT_EQ(primaries_of(source, 0)[0].position, (ThreeVector{0, 0, 0}));  // no #vertex, no smear
}

TEST(LheSource, DeterministicWhateverTheCallOrder)
{
    test::TemporaryDirectory dir;
    std::vector<std::string> production, decay;
    const int n = 60;
    for (int i = 0; i < n; ++i)
    {
        production.push_back(production_event(i, i % 2 == 0));
        decay.push_back(decay_event(i));
    }
    test::write_file(dir / "p.lhe", lhe_file(production));
    test::write_file(dir / "d.lhe", lhe_file(decay));

    LheSource sequential(lhe_config({dir / "p.lhe", dir / "d.lhe"}));
    std::vector<std::vector<PrimaryParticle>> expected;
    for (int e = 0; e < n; ++e) expected.push_back(primaries_of(sequential, static_cast<std::uint64_t>(e)));
    EXPECT_EQ(sequential.rewinds(), 0u);
    // Each event has its own momenta: event e's recoil px = 0.0021 + 0.001 e GeV.
    for (int e = 0; e < n; ++e) EXPECT_NEAR(expected[e][0].momentum.x, 2.1 + e, 1e-9);

    // Four threads asking in reverse strided order, with a small read-ahead
    // buffer so that rewinds happen too.
    auto config = lhe_config({dir / "p.lhe", dir / "d.lhe"});
    config.read_ahead = 5;
    LheSource threaded(config);
    const auto got = run_threaded(threaded, n, 4);
    for (int e = 0; e < n; ++e) ASSERT_TRUE(same(expected[e], got[e])) << "event " << e;
    // Asking again for an already served event gives it again.
    EXPECT_TRUE(same(expected[3], primaries_of(threaded, 3)));

    // first_event: global event 1000 is the files' event 0.
    config.first_event = 1000;
    LheSource offset(config);
    auto rng = make_primary_stream(7, 0);
    const auto p = offset.primaries(1000, rng);
    EXPECT_EQ(p[0].momentum, expected[0][0].momentum);
    EXPECT_NE(error_of([&] { primaries_of(offset, 999); }).find("outside the LHE input"), std::string::npos);
    EXPECT_NE(error_of([&] { primaries_of(offset, 1000 + n); }).find("holds events 1000 to 1059"),
              std::string::npos);
}

TEST(LheSource, RefusesMismatchedCountsAndUnsupportedParticles)
{
    test::TemporaryDirectory dir;
    test::write_file(dir / "p.lhe", lhe_file({production_event(0), production_event(1)}));
    test::write_file(dir / "d.lhe", lhe_file({decay_event(0)}));
    const auto d = (dir / "d.lhe").string();
    const auto mismatch = error_of([&] { LheSource{lhe_config({dir / "p.lhe", dir / "d.lhe"})}; });
    EXPECT_EQ(mismatch.rfind(d + ": has 1 events but ", 0), 0u) << mismatch;

    EXPECT_NE(error_of([&] { LheSource{lhe_config({dir / "missing.lhe"})}; }).find("missing.lhe: LHE file not found"),
              std::string::npos);

    auto config = lhe_config({dir / "p.lhe"});
    config.unsupported = LheSource::UnsupportedParticle::error;
    LheSource strict(config);
    // The W (PDG 623) is particle 4; the first event's </event> is line 14 of the
    // file (4 header/init lines + </init>, <event>, event line, 5 particles, #vertex).
    const auto message = error_of([&] { primaries_of(strict, 0); });
    EXPECT_EQ(message.rfind((dir / "p.lhe").string() + ":14: final-state particle 4 ", 0), 0u) << message;
    EXPECT_NE(message.find("PDG 623"), std::string::npos) << message;

    config.supported_pdg.push_back(623);
    LheSource permissive(config);
    const auto p = primaries_of(permissive, 0);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[1].pdg, 623);
    EXPECT_NEAR(p[1].mass, 171300, 1e-9);  // no PDG mass known: the LHE mass, 171.3 GeV
}

// ---------------------------------------------------------------- configuration

TEST(PrimarySourceConfig, BeamPresetWithOverrides)
{
    auto config = ConfigTable::from_string(
        "[source]\ntype = \"beam\"\npreset = \"ldmx-4gev-upstream-target\"\nenergy_gev = 3.5\n"
        "beam_spot_mm = [0, 0, 0]\n",
        "job.toml");
    auto section = config.section("source");
    auto source = make_primary_source(section);
    EXPECT_NO_THROW(config.finish());
    const auto p = primaries_of(*source, 0);
    EXPECT_NEAR(p[0].kinetic_energy(), 3500, 1e-9);
    EXPECT_EQ(p[0].position, (ThreeVector{0, 0, -1.2}));
    EXPECT_FALSE(source->event_count());
    EXPECT_NE(source->describe().find("ldmx-4gev-upstream-target"), std::string::npos);
}

TEST(PrimarySourceConfig, GunAndLhe)
{
    auto config = ConfigTable::from_string(
        "[source]\ntype = \"gun\"\nparticle = \"gamma\"\nenergy_range_gev = [1, 2]\nposition_mm = [0, 0, 100]\n"
        "direction = [0, 1, 0]\nangular_spread_mrad = 0\ncount = 3\n",
        "gun.toml");
    auto section = config.section("source");
    auto gun = make_primary_source(section);
    const auto p = primaries_of(*gun, 0);
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0].pdg, 22);
    EXPECT_EQ(p[0].direction(), (ThreeVector{0, 1, 0}));
    EXPECT_GE(p[0].kinetic_energy(), 1000);
    EXPECT_LE(p[0].kinetic_energy(), 2000);

    const auto file = (test::data_dir() / "good" / "alp_mg_small.lhe").string();
    auto lhe_table = ConfigTable::from_string(
        fmt::format("[source]\ntype = \"lhe\"\nfiles = [\"{}\"]\nunsupported = \"skip\"\n", file), "lhe.toml");
    auto lhe_section = lhe_table.section("source");
    auto lhe = make_primary_source(lhe_section);
    EXPECT_EQ(lhe->event_count(), 3u);
}

TEST(PrimarySourceConfig, ErrorsNameFileAndLine)
{
    auto error_for = [](const std::string& text) {
        return error_of([&] {
            auto config = ConfigTable::from_string(text, "job.toml");
            auto section = config.section("source");
            make_primary_source(section);
        });
    };
    EXPECT_EQ(error_for("[source]\ntype = \"beam\"\nenrgy_gev = 4.0\n"),
              "job.toml:3: unknown key 'enrgy_gev' in [source] (did you mean 'energy_gev'?)");
    EXPECT_EQ(error_for("[source]\npreset = \"ldmx-9gev\"\n").rfind("job.toml:2: unknown beam preset 'ldmx-9gev' (known: ", 0),
              0u);
    EXPECT_EQ(error_for("[source]\ntype = \"lhe\"\nfiles = [\"nope.lhe\"]\n"),
              "job.toml:3: LHE file 'nope.lhe' not found (relative paths are taken from the working directory)");
    EXPECT_EQ(error_for("[source]\ntype = \"beem\"\n"),
              "job.toml:2: unknown source type 'beem' in [source] (expected \"beam\", \"gun\" or \"lhe\")");
    EXPECT_EQ(error_for("[source]\ntype = \"gun\"\nparticle = \"pi+\"\n").rfind("job.toml:3: unknown particle 'pi+'", 0),
              0u);
    EXPECT_EQ(error_for("[source]\nbeam_spot_mm = [20, 80]\n"),
              "job.toml:2: 'beam_spot_mm' in [source] needs three numbers [x, y, z] (got 2)");
    // A gun key under type = "beam" is unknown there.
    EXPECT_EQ(error_for("[source]\ntype = \"beam\"\ncount = 2\n").rfind("job.toml:3: unknown key 'count'", 0), 0u);
    // Constructor validation gets the table's location.
    EXPECT_EQ(error_for("[source]\ntype = \"gun\"\ndirection = [0, 0, 0]\n").rfind("job.toml:1: gun direction", 0), 0u);
}

TEST(PrimarySourceConfig, DefaultDumpIsAValidConfiguration)
{
    auto config = ConfigTable::from_string(dump_default_source(), "default.toml");
    auto section = config.section("source");
    auto source = make_primary_source(section);
    EXPECT_NO_THROW(config.finish());
    auto* beam = dynamic_cast<BeamSource*>(source.get());
    ASSERT_NE(beam, nullptr);
    EXPECT_EQ(beam->config().name, "ldmx-8gev-upstream-tagger");
    EXPECT_EQ(beam->config().beam_spot_width, (ThreeVector{20, 80, 0}));
    EXPECT_TRUE(beam->config().time_shift);
}
