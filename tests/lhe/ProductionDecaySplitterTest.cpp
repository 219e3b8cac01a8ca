#include "umbra/lhe/ProductionDecaySplitter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

#include "TestSupport.hpp"
#include "umbra/core/ConfigTable.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/FileChecksum.hpp"
#include "umbra/core/Version.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/lhe/Reader.hpp"
#include "umbra/lhe/ToySampleGenerator.hpp"
#include "umbra/lhe/Writer.hpp"
#include "umbra/physics/DarkParticle.hpp"

using namespace umbra;
using namespace umbra::lhe;

namespace
{
struct SplitFiles
{
    std::vector<Event> production, decay;
    RunInfo production_info;
    SplitSummary summary;
};

std::vector<Event> read_all(const std::filesystem::path& path, RunInfo* info = nullptr)
{
    Reader reader(path);
    std::vector<Event> events;
    Event e;
    while (reader.next(e)) events.push_back(e);
    if (info) *info = reader.run_info();
    return events;
}

std::filesystem::path toy(const test::TemporaryDirectory& dir, std::uint64_t events, bool decayed = true,
                          double mass = 50 * units::MeV)
{
    ToySampleConfig config;
    config.events = events;
    config.decayed = decayed;
    config.alp_mass = mass;
    const auto path = dir / (decayed ? "toy.lhe" : "toy_undecayed.lhe");
    ToySampleGenerator(config).write(path);
    return path;
}

SplitFiles split(const test::TemporaryDirectory& dir, const std::filesystem::path& input, const SplitConfig& config)
{
    SplitFiles out;
    out.summary = ProductionDecaySplitter(config).run({input}, dir / "prod.lhe", dir / "decay.lhe");
    out.production = read_all(dir / "prod.lhe", &out.production_info);
    out.decay = read_all(dir / "decay.lhe");
    return out;
}

//! Checks that hold in every mode: structure, flight line, time, weights.
void check_structure(const std::vector<Event>& input, const SplitFiles& out, double weight_factor_max = 1.0)
{
    ASSERT_EQ(out.production.size(), input.size());
    ASSERT_EQ(out.decay.size(), input.size());
    for (std::size_t i = 0; i < input.size(); ++i)
    {
        const auto& prod = out.production[i];
        const auto& dec = out.decay[i];
        ASSERT_EQ(prod.particles.size(), 5u);
        ASSERT_EQ(dec.particles.size(), 2u);
        EXPECT_EQ(prod.particles[4].pdg, 622);
        EXPECT_EQ(prod.particles[4].status, Status::resonance);
        EXPECT_EQ(dec.particles[0].pdg, 11);
        EXPECT_EQ(dec.particles[1].pdg, -11);
        for (const auto& p : dec.particles)
        {
            EXPECT_EQ(p.status, Status::outgoing);
            EXPECT_EQ(p.mother1, 0);
        }
        ASSERT_TRUE(prod.vertex && dec.vertex);
        const auto& v0 = *prod.vertex;
        const auto& v = *dec.vertex;
        EXPECT_LE(std::abs(v0.x), 10.0);
        EXPECT_LE(std::abs(v0.y), 40.0);
        EXPECT_EQ(v0.z, 0.0);
        // The decay vertex lies on the ALP flight line.
        const auto& a = prod.particles[4];
        const double p = a.momentum();
        const double d = std::sqrt((v.x - v0.x) * (v.x - v0.x) + (v.y - v0.y) * (v.y - v0.y) + (v.z - v0.z) * (v.z - v0.z));
        EXPECT_NEAR((v.x - v0.x) / d, a.px / p, 1e-9);
        EXPECT_NEAR((v.z - v0.z) / d, a.pz / p, 1e-9);
        // t = d / (beta c)
        EXPECT_NEAR(v.t, d / (p / a.e * constants::c_light), 1e-9 * v.t);
        EXPECT_GT(dec.weight, 0.0);
        EXPECT_LE(dec.weight, input[i].weight * weight_factor_max * (1 + 1e-12));
        EXPECT_EQ(prod.weight, dec.weight);
    }
}

double fraction_below(std::vector<double> z, double cut)
{
    return static_cast<double>(std::count_if(z.begin(), z.end(), [&](double x) { return x < cut; })) /
           static_cast<double>(z.size());
}
}  // namespace

TEST(ProductionDecaySplitter, UniformModeMatchesSeedParser)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 4000);
    const auto events = read_all(input);
    SplitConfig config;  // defaults: uniform in [200, 2000] mm
    const auto out = split(dir, input, config);
    check_structure(events, out);
    std::vector<double> z;
    for (const auto& e : out.decay) z.push_back(e.vertex->z);
    EXPECT_GE(*std::min_element(z.begin(), z.end()), 200.0);
    EXPECT_LE(*std::max_element(z.begin(), z.end()), 2000.0);
    // Fraction below the midpoint: binomial, sigma = 0.5/sqrt(4000) = 0.0079; 5 sigma.
    EXPECT_NEAR(fraction_below(z, 1100), 0.5, 0.04);
    for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(out.decay[i].weight, events[i].weight);
    // Header records what was done.
    EXPECT_NE(out.production_info.header.find("vertex mode: uniform"), std::string::npos);
}

TEST(ProductionDecaySplitter, ResultDoesNotDependOnThreadCount)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 9000);
    std::string reference_prod, reference_decay;
    for (unsigned threads : {1u, 2u, 3u})
    {
        SplitConfig config;
        config.mode = VertexMode::physical;
        config.coupling = 1e-5;
        config.threads = threads;
        ProductionDecaySplitter(config).run({input}, dir / "p.lhe", dir / "d.lhe");
        const auto prod = test::read_file(dir / "p.lhe");
        const auto decay = test::read_file(dir / "d.lhe");
        if (threads == 1)
        {
            reference_prod = prod;
            reference_decay = decay;
            continue;
        }
        EXPECT_TRUE(prod == reference_prod) << "production file differs with " << threads << " threads";
        EXPECT_TRUE(decay == reference_decay) << "decay file differs with " << threads << " threads";
    }
}

TEST(ProductionDecaySplitter, JobSplitWithFirstEventEqualsOneRun)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 3000);
    const auto events = read_all(input);
    // The same sample as two parts of 1000 and 2000 events.
    RunInfo info;
    read_all(input, &info);
    for (const auto& [name, begin, end] : {std::tuple{"a.lhe", 0, 1000}, std::tuple{"b.lhe", 1000, 3000}})
    {
        Writer writer(dir / name, info);
        for (int i = begin; i < end; ++i) writer.write(events[static_cast<std::size_t>(i)]);
        writer.close();
    }
    SplitConfig config;
    config.mode = VertexMode::physical;
    config.coupling = 2e-5;
    ProductionDecaySplitter(config).run({input}, dir / "p.lhe", dir / "d.lhe");
    const auto whole = read_all(dir / "d.lhe");
    ProductionDecaySplitter(config).run({dir / "a.lhe"}, dir / "pa.lhe", dir / "da.lhe");
    config.first_event = 1000;
    ProductionDecaySplitter(config).run({dir / "b.lhe"}, dir / "pb.lhe", dir / "db.lhe");
    auto parts = read_all(dir / "da.lhe");
    const auto second = read_all(dir / "db.lhe");
    parts.insert(parts.end(), second.begin(), second.end());
    ASSERT_EQ(parts.size(), whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) ASSERT_EQ(parts[i], whole[i]) << "event " << i;
}

TEST(ProductionDecaySplitter, OutputsRecordProvenance)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 10);
    SplitConfig config;
    ProductionDecaySplitter(config).run({input}, dir / "p.lhe", dir / "d.lhe", "umbra lhe split toy.lhe ...");
    RunInfo info;
    read_all(dir / "d.lhe", &info);
    const auto checksum = FileChecksum::of(input);
    EXPECT_NE(info.header.find("umbra version: " + std::string(umbra::version())), std::string::npos);
    EXPECT_NE(info.header.find("command: umbra lhe split toy.lhe ..."), std::string::npos);
    EXPECT_NE(info.header.find("input: " + checksum.to_string()), std::string::npos);
    EXPECT_NE(info.header.find("    vertex = \"uniform\""), std::string::npos);
    // The recorded configuration reads back to the same configuration.
    const auto begin = info.header.find("    [split]");
    const auto end = info.header.find("-->", begin);
    std::string table;
    std::istringstream lines(info.header.substr(begin, end - begin));
    for (std::string line; std::getline(lines, line);) table += line.substr(std::min<std::size_t>(4, line.size())) + "\n";
    auto toml = ConfigTable::from_string(table, "recorded");
    auto section = toml.section("split");
    const auto read_back = SplitConfig::from_toml(section);
    EXPECT_NO_THROW(toml.finish());
    EXPECT_EQ(read_back.to_toml(false), config.to_toml(false));
}

TEST(ProductionDecaySplitter, PhysicalModeFollowsEachEventsDecayLength)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 4000);
    const auto events = read_all(input);
    SplitConfig config;
    config.mode = VertexMode::physical;
    config.coupling = 1e-5;
    const auto out = split(dir, input, config);
    check_structure(events, out, 1e10);
    // Probability integral transform: u = 1 - exp(-(z - z0)/L_z) is U(0,1) when each event's
    // z follows its own exponential. Check its mean and its fraction below 0.5.
    const physics::DarkParticle alp{physics::DarkParticleKind::pseudoscalar, 50 * units::MeV, 1e-5};
    std::vector<double> u;
    for (std::size_t i = 0; i < out.decay.size(); ++i)
    {
        const auto& a = out.production[i].particles[4];
        const double length_z = alp.lab_decay_length(a.momentum() * units::GeV) * a.pz / a.momentum();
        u.push_back(1 - std::exp(-(out.decay[i].vertex->z - out.production[i].vertex->z) / length_z));
    }
    double mean = 0;
    for (double x : u) mean += x / static_cast<double>(u.size());
    EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / 4000));
    EXPECT_NEAR(fraction_below(u, 0.5), 0.5, 0.04);
    // g = 1e-5 with g_gen = m_e / (1 GeV) from the banner: weights scaled by (g/g_gen)^2.
    const double g_gen = constants::electron_mass / units::GeV;
    ASSERT_TRUE(out.summary.generated_coupling);
    EXPECT_NEAR(*out.summary.generated_coupling, g_gen, 1e-15);
    EXPECT_NEAR(out.decay[0].weight / events[0].weight, std::pow(1e-5 / g_gen, 2), 1e-12);
    EXPECT_NEAR(out.production_info.init.processes[0].cross_section, std::pow(1e-5 / g_gen, 2), 1e-12);
}

TEST(ProductionDecaySplitter, PhysicalModeWithWindowCarriesWindowProbability)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 2000);
    const auto events = read_all(input);
    SplitConfig config;
    config.mode = VertexMode::physical;
    config.coupling = 1e-5;
    config.generated_coupling = 1e-5;  // no cross-section rescaling: weights carry only P(window)
    config.z_min = 200;
    config.z_max = 2000;
    const auto out = split(dir, input, config);
    check_structure(events, out);
    const physics::DarkParticle alp{physics::DarkParticleKind::pseudoscalar, 50 * units::MeV, 1e-5};
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        const auto& a = out.production[i].particles[4];
        const double z0 = out.production[i].vertex->z;
        const double length_z = alp.lab_decay_length(a.momentum() * units::GeV) * a.pz / a.momentum();
        const double expected = std::exp(-(200 - z0) / length_z) - std::exp(-(2000 - z0) / length_z);
        ASSERT_NEAR(out.decay[i].weight / events[i].weight, expected, 1e-9 * expected + 1e-300);
        ASSERT_GE(out.decay[i].vertex->z, 200.0);
        ASSERT_LE(out.decay[i].vertex->z, 2000.0);
    }
}

TEST(ProductionDecaySplitter, PhysicalDecayLengthDerivesConsistentCoupling)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 3000);
    SplitConfig config;
    config.mode = VertexMode::physical;
    config.decay_length = 150;  // mm
    const auto out = split(dir, input, config);
    ASSERT_TRUE(out.summary.coupling);
    // The sample's mean lab decay length equals the request (exactly, up to rounding).
    EXPECT_NEAR(out.summary.mean_lab_decay_length, 150.0, 1e-9);
    // Reference (alp-physics.md 2.3, "g giving L = 150 mm"): g = 1.02e-5 for m = 50 MeV at
    // p = 7.92 GeV; g scales as sqrt(p), so for the sample's mean momentum (3-digit table: 1%):
    const double expected_g = 1.02e-5 * std::sqrt(out.summary.mean_x_momentum / (7.92 * units::GeV));
    EXPECT_NEAR(*out.summary.coupling, expected_g, 0.01 * expected_g);
    const double scale = std::pow(*out.summary.coupling / (constants::electron_mass / units::GeV), 2);
    EXPECT_NEAR(out.summary.cross_section_scale, scale, 1e-12 * scale);
    EXPECT_NE(out.production_info.header.find("mean lab decay length is 150 mm"), std::string::npos);
}

TEST(ProductionDecaySplitter, GammaAndExponentialSeedModes)
{
    test::TemporaryDirectory dir;
    const auto input = toy(dir, 4000);
    {
        SplitConfig config;
        config.mode = VertexMode::gamma;
        const auto out = split(dir, input, config);
        double mean = 0;
        for (const auto& e : out.decay) mean += e.vertex->z / 4000.0;
        // Gamma(2, loc 350, scale 15): mean 380 mm, sigma 21.2 mm -> error of mean 0.34 mm.
        EXPECT_NEAR(mean, 380.0, 5 * 0.34);
    }
    {
        SplitConfig config;
        config.mode = VertexMode::exponential;  // seed: 10 mm from the window entrance at 200 mm
        const auto out = split(dir, input, config);
        double mean = 0;
        for (const auto& e : out.decay)
        {
            ASSERT_GE(e.vertex->z, 200.0);
            mean += (e.vertex->z - 200.0) / 4000.0;
        }
        // Forward ALPs (n_z ~ 1): mean depth ~ 10 mm, error of the mean 10/sqrt(4000) = 0.16 mm.
        EXPECT_NEAR(mean, 10.0, 5 * 0.16);
    }
}

TEST(ProductionDecaySplitter, UndecayedInputIsDecayedIsotropically)
{
    test::TemporaryDirectory dir;
    const double mass = 100 * units::MeV;
    const auto input = toy(dir, 3000, /*decayed=*/false, mass);
    const auto events = read_all(input);
    SplitConfig config;
    const auto out = split(dir, input, config);
    EXPECT_EQ(out.summary.decayed_here, 3000u);
    double mean_cos = 0;
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        const auto& a = events[i].particles[4];
        const auto& e1 = out.decay[i].particles[0];
        const auto& e2 = out.decay[i].particles[1];
        // Four-momentum conservation and invariant mass.
        ASSERT_NEAR(e1.px + e2.px, a.px, 1e-9);
        ASSERT_NEAR(e1.pz + e2.pz, a.pz, 1e-9);
        ASSERT_NEAR(e1.e + e2.e, a.e, 1e-9);
        const double e = e1.e + e2.e, px = e1.px + e2.px, py = e1.py + e2.py, pz = e1.pz + e2.pz;
        ASSERT_NEAR(std::sqrt(e * e - px * px - py * py - pz * pz), 0.1, 1e-6);
        // Energy fraction z = E-/E_a is uniform for an isotropic decay (alp-physics.md 2.4):
        // mean of (2z - 1)/(beta_a beta_e) is 0.
        mean_cos += (2 * e1.e / a.e - 1) / 3000.0;
    }
    EXPECT_NEAR(mean_cos, 0.0, 5 * std::sqrt(1.0 / 3 / 3000));
}

TEST(ProductionDecaySplitter, DarkBremLibraryStyleInput)
{
    // dark-brem-lib-gen libraries: A' = 1023 undecayed (status 1), nucleus = 9000002.
    test::TemporaryDirectory dir;
    ToySampleConfig toy_config;
    toy_config.events = 500;
    toy_config.decayed = false;
    toy_config.alp_pdg = 1023;
    toy_config.nucleus_pdg = 9000002;
    toy_config.alp_mass = 10 * units::MeV;
    toy_config.beam_energy = 4 * units::GeV;
    ToySampleGenerator(toy_config).write(dir / "library.lhe");
    SplitConfig config;
    const auto out = split(dir, dir / "library.lhe", config);
    EXPECT_EQ(out.summary.x_pdg, 1023);
    EXPECT_EQ(out.summary.kind, physics::DarkParticleKind::vector);
    EXPECT_EQ(out.summary.decayed_here, 500u);
    for (std::size_t i = 0; i < out.decay.size(); ++i)
    {
        ASSERT_EQ(out.production[i].particles.size(), 5u);
        EXPECT_EQ(out.production[i].particles[3].pdg, 9000002);
        EXPECT_EQ(out.production[i].particles[4].pdg, 1023);
        EXPECT_EQ(out.production[i].particles[4].status, Status::resonance);
        ASSERT_EQ(out.decay[i].particles.size(), 2u);
        EXPECT_EQ(out.decay[i].particles[0].pdg, 11);
        EXPECT_EQ(out.decay[i].particles[1].pdg, -11);
    }
}

TEST(ProductionDecaySplitter, ConfigValidation)
{
    SplitConfig c;
    c.mode = VertexMode::physical;
    EXPECT_THROW(ProductionDecaySplitter{c}, InputError);  // neither coupling nor decay length
    c.coupling = 1e-5;
    c.decay_length = 10;
    EXPECT_THROW(ProductionDecaySplitter{c}, InputError);  // both
    c.decay_length.reset();
    c.z_min = 500;
    c.z_max = 100;
    EXPECT_THROW(ProductionDecaySplitter{c}, InputError);
    c.z_max = 2000;
    EXPECT_NO_THROW(ProductionDecaySplitter{c});
}
