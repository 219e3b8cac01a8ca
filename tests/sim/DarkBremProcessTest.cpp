#include "umbra/sim/DarkBremProcess.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>

#include "TestSupport.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/gen/DarkBremLibrary.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"
#include "umbra/sim/BeamSource.hpp"
#include "umbra/sim/SimulationRun.hpp"
#include "umbra/sim/Transporter.hpp"

namespace umbra::sim
{
namespace
{
std::shared_ptr<const geometry::DetectorGeometry> detector()
{
    static const auto geometry = geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    return geometry;
}

TEST(DarkBremProcess, LdmxBiasFactor)
{
    // ldmx-sw target.dark_brem: m_A'^max(log10 m_A', 2) / eps^2 with m_A' in MeV (reference
    // ldmx-v14-detector.md §8.4: 1e6, 1e8 and 1e13 for 10, 100 and 1000 MeV at eps = 0.01).
    EXPECT_NEAR(DarkBremProcess::ldmx_bias(10, 0.01), 1e6, 1e-6);
    EXPECT_NEAR(DarkBremProcess::ldmx_bias(100, 0.01) / 1e8, 1, 1e-12);
    EXPECT_NEAR(DarkBremProcess::ldmx_bias(1000, 0.01) / 1e13, 1, 1e-12);
    EXPECT_NEAR(DarkBremProcess::ldmx_bias(5, 0.01) / 2.5e5, 1, 1e-12);  // the power stays 2 below 100 MeV
}

TEST(DarkBremCrossSectionTable, InterpolatesTheWeizsackerWilliamsIntegrals)
{
    const auto& geometry = *detector();
    DarkBremCrossSectionTable::Config config;
    config.cross_section.dark_photon_mass = 10;
    config.cross_section.epsilon = 0.01;
    config.cross_section.method = darkbrem::WWMethod::improved;
    config.cross_section.threshold = 4000;
    config.max_kinetic_energy = 8400;
    config.threads = 2;
    const DarkBremCrossSectionTable table(geometry, geometry.require_region("target", "test"), config);
    EXPECT_DOUBLE_EQ(table.threshold(), 4000);
    EXPECT_EQ(table.per_atom(74, 3999), 0) << "below the threshold";

    darkbrem::WeizsackerWilliamsCrossSection direct(config.cross_section);
    for (const double t : {4100.0, 5555.0, 6100.0, 7900.0, 8400.0})
    {
        const double want = direct.per_atom(t, 74, 183.84);
        EXPECT_NEAR(table.per_atom(74, t) / want, 1, 2e-3) << "T = " << t;
    }
    // The target: Σ = n_W σ_W; the ECal's silicon is not in the region.
    const int target = geometry.find_volume("target");
    ASSERT_GE(target, 0);
    const int tungsten = geometry.volume(target).material;
    const double n = geometry.material(tungsten).atom_density();
    EXPECT_NEAR(table.macroscopic(tungsten, 7000) / (n * table.per_atom(74, 7000)), 1, 1e-12);
    EXPECT_EQ(table.macroscopic(geometry.find_material("G4_Si") >= 0 ? geometry.find_material("G4_Si") : 9999, 7000), 0);
    // Against the reference's independent implementation of G4DarkBreM's formulas
    // (darkbrem.md §5.2, electrons on W, m_A' = 10 MeV, Improved WW, sigma/eps^2 in pb at
    // kinetic energy 4 and 8 GeV: 7.701606e11 and 8.3728898e11), times eps^2 = 1e-4.
    EXPECT_NEAR(table.per_atom(74, 4000) / units::pb / 7.701606e7, 1, 1e-5) << "a grid point";
    EXPECT_NEAR(table.per_atom(74, 8000) / units::pb / 8.3728898e7, 1, 2e-3) << "interpolated";
}

TEST(DarkBremProcess, ConfigurationErrors)
{
    EXPECT_THROW(parse_simulation_config("[sim.biasing]\ntype = \"dark_brem\"\n", "t"), InputError);
    EXPECT_THROW(parse_simulation_config("[sim.biasing]\ntype = \"dark_brem\"\nlibrary = \"x\"\nbias = 0.5\n", "t"),
                 InputError);
    EXPECT_THROW(parse_simulation_config("[sim.biasing]\ntype = \"dark_brem\"\nlibrary = \"x\"\nscaling = \"up\"\n", "t"),
                 InputError);
    const auto c = parse_simulation_config(
        "[sim.biasing]\ntype = \"dark_brem\"\nlibrary = \"lib\"\naprime_mass_mev = 100.0\nmin_aprime_energy_mev = 2000.0\n", "t");
    ASSERT_TRUE(c.dark_brem.has_value());
    EXPECT_EQ(c.dark_brem->aprime_mass, 100);
    EXPECT_EQ(c.dark_brem->min_aprime_energy, 2000);
    DarkBremProcess::Config missing;
    missing.library = "/nonexistent/library";
    EXPECT_THROW(DarkBremProcess::prepare(*detector(), missing, 1), InputError);
}
}  // namespace
}  // namespace umbra::sim

namespace umbra::sim
{
namespace
{
//! Target dark brem of 8 GeV beam electrons, 10 MeV A', through the production path
//! (run_simulation, no reconstruction), with a small library made by umbra's generator.
struct DarkBremSample
{
    std::uint64_t accepted = 0, tries = 0;
    std::vector<double> weight, aprime_energy, aprime_theta;
};

//! A 10 MeV A' library on tungsten, 4-8 GeV, made once per test process by umbra's generator.
const std::filesystem::path& library()
{
    static const test::TemporaryDirectory directory;
    static const std::filesystem::path path = [] {
        gen::DarkBremLibraryConfig lib;
        lib.boson_mass = 0.01;
        lib.max_energy = 8.0;
        lib.min_energy = 4.0;
        lib.events = 4000;
        lib.run = 1;
        lib.threads = 2;
        lib.output_directory = directory.path();
        gen::generate_dark_brem_library(lib);
        return lib.output_directory / lib.library_name();
    }();
    return path;
}

DarkBremSample run_dark_brem(const std::filesystem::path& dir, const std::string& extra, std::uint64_t tries)
{
    const std::string text = "[sim]\nevents = " + std::to_string(tries) +
                             "\nseed = 5\nthreads = 2\n[sim.source]\ntype = \"beam\"\npreset = \"ldmx-8gev-upstream-tagger\"\n"
                             "[reco]\nenabled = false\n[sim.biasing]\ntype = \"dark_brem\"\nlibrary = \"" +
                             library().string() + "\"\naprime_mass_mev = 10.0\nmethod = \"improved\"\n" + extra;
    const auto file = dir / "db.h5";
    const auto summary = run_simulation(parse_simulation_config(text, "<test>"), file, "test");
    const io::EventStoreReader reader(file);
    DarkBremSample s;
    s.accepted = summary.events_written;
    s.tries = summary.tries;
    s.weight = reader.read_event_column("events", "weight", 0, reader.events());
    const auto pdg = reader.read_collection("particles", "pdg", 0, reader.events());
    const auto e = reader.read_collection("particles", "e", 0, reader.events());
    const auto pz = reader.read_collection("particles", "pz", 0, reader.events());
    for (std::uint64_t i = 0; i < reader.events(); ++i)
    {
        int found = 0;
        for (auto r = pdg.offsets[i]; r < pdg.offsets[i + 1]; ++r)
        {
            if (pdg.values[r] != DarkBremProcess::aprime_pdg) continue;
            ++found;
            s.aprime_energy.push_back(e.values[r]);
            const double p = std::sqrt(e.values[r] * e.values[r] - 100.0);
            s.aprime_theta.push_back(std::acos(std::clamp(pz.values[r] / p, -1.0, 1.0)));
        }
        EXPECT_EQ(found, 1) << "event " << i << ": one A' per accepted event (only_one_per_event)";
    }
    return s;
}

//! Unbiased optical depth for a dark brem of an 8 GeV electron along the beam axis through the
//! target region, from the table (the expected unbiased probability, energy loss aside).
double target_optical_depth(const DarkBremCrossSectionTable& table)
{
    const auto& geometry = *detector();
    const int region = geometry.require_region("target", "test");
    double tau = 0;
    const double dz = 0.001;
    for (double z = -20; z < 20; z += dz)
    {
        const int volume = geometry.locate({0, 0, z}, {0, 0, 1});
        if (volume < 0 || geometry.volume(volume).region != region) continue;
        tau += table.macroscopic(geometry.volume(volume).material, 8000) * dz;
    }
    return tau;
}

//! Drops every secondary and stops the primary when it leaves the target region, so a try
//! costs only the primary's steps through the tagger and the target.
struct PrimaryThroughTarget final : SimulationObserver
{
    int target = detector()->require_region("target", "test");
    bool on_track_start(const Track& t, std::vector<Track>&, RandomStream&) override { return t.parent_id != 0; }
    StepVerdict on_step(const StepRecord& s) override
    {
        if (s.track.parent_id != 0 || s.pre_volume < 0) return StepVerdict::proceed;
        const bool was_in = detector()->volume(s.pre_volume).region == target;
        const bool left = s.post_volume < 0 || detector()->volume(s.post_volume).region != target;
        return was_in && left ? StepVerdict::kill_track : StepVerdict::proceed;
    }
};

struct BiasedRun
{
    double tries = 0, accepted = 0, weight = 0, weight2 = 0;
    std::vector<double> incident, aprime;  //!< total energies [MeV] of the kept dark brems

    double yield() const { return weight / tries; }  //!< Σ w per try
    double error() const { return std::sqrt(weight2 / tries - yield() * yield()) / std::sqrt(tries); }
};

//! `tries` events of the primaries `primaries(event)` through the target with dark brem
//! (`config`, bias B), simulation streams keyed by `seed`.
BiasedRun run_biased(const DarkBremProcess::Shared& shared, DarkBremProcess::Config config, double bias,
                     std::uint64_t tries, std::uint64_t seed,
                     const std::function<std::vector<PrimaryParticle>(std::uint64_t)>& primaries)
{
    config.bias = bias;
    static const auto tables = std::make_shared<const PhysicsTables>(*detector(), PhysicsConfig{});
    Transporter transporter(detector(), tables, std::make_shared<const geometry::EcalHexReadout>());
    auto process = std::make_shared<DarkBremProcess>(detector(), shared, config);
    transporter.add_process(process);
    transporter.add_observer(process);
    transporter.add_observer(std::make_shared<PrimaryThroughTarget>());
    BiasedRun run;
    for (std::uint64_t e = 0; e < tries; ++e)
    {
        RandomStream rng({.seed = seed, .stream = StreamId::simulation, .event = e});
        const auto event = transporter.simulate(e, primaries(e), rng);
        ++run.tries;
        if (event.rejected) continue;
        ++run.accepted;
        run.weight += event.weight;
        run.weight2 += event.weight * event.weight;
        run.incident.push_back(process->incident_energy());
        run.aprime.push_back(process->aprime_energy());
    }
    return run;
}

//! chi^2 over 10 bins of the A' energy fraction x = E_A'/E_lepton of a run against the library
//! sampled at the same lepton energies (10 draws per event, streams keyed by `seed`).
double aprime_fraction_chi2(const BiasedRun& run, darkbrem::LibrarySampler& sampler, std::uint64_t seed)
{
    std::vector<double> sim(10, 0.0), ref(10, 0.0);
    const auto bin = [](double x) { return std::min<std::size_t>(9, static_cast<std::size_t>(std::max(0.0, x) * 10)); };
    const int draws = 10;
    for (std::size_t i = 0; i < run.incident.size(); ++i)
    {
        sim[bin(run.aprime[i] / run.incident[i])] += 1;
        for (int d = 0; d < draws; ++d)
        {
            RandomStream rng({.seed = seed, .stream = static_cast<std::uint64_t>(d), .event = i});
            ref[bin(sampler.sample(run.incident[i], 74, rng).aprime_energy / run.incident[i])] += 1.0 / draws;
        }
    }
    double chi2 = 0;
    for (std::size_t k = 0; k < sim.size(); ++k)
    {
        const double var = sim[k] + ref[k] / draws;
        if (var > 0) chi2 += std::pow(sim[k] - ref[k], 2) / var;
    }
    return chi2;
}

TEST(DarkBremValidation, WeightsUndoTheBiasAndTheAprimeFollowsTheLibrary)
{
    DarkBremProcess::Config config;
    config.library = library();
    config.method = darkbrem::WWMethod::improved;
    const auto shared = DarkBremProcess::prepare(*detector(), config, 2);
    const double tau = target_optical_depth(*shared.cross_sections);

    // 1. The defining property of the weights: the weighted yield does not depend on B.
    config.min_aprime_energy = 0;
    BeamSource beam(BeamSource::preset("ldmx-8gev-upstream-tagger"));
    const auto beam_electron = [&](std::uint64_t e) {
        RandomStream primary_rng({.seed = 9, .stream = StreamId::primaries, .event = e});
        return beam.primaries(e, primary_rng);
    };
    const auto a = run_biased(shared, config, 1e6, 12000, 9, beam_electron);
    const auto b = run_biased(shared, config, 2e5, 12000, 9, beam_electron);
    const auto yield = [](const BiasedRun& r) { return r.yield(); };
    const auto error = [](const BiasedRun& r) { return r.error(); };
    std::printf("dark brem per electron on target: B = 1e6: %.4g +- %.2g (%.0f of %.0f kept), B = 2e5: %.4g +- %.2g "
                "(%.0f kept); tau(8 GeV) along the axis %.4g\n",
                yield(a), error(a), a.accepted, a.tries, yield(b), error(b), b.accepted, tau);
    EXPECT_NEAR(yield(a), yield(b), 4 * std::hypot(error(a), error(b)));
    // Against the table: the beam loses energy in the tagger and the target before the dark
    // brem (some electrons fall below the 4 GeV threshold), so the yield is somewhat below
    // tau(8 GeV) on the axis, never above it.
    EXPECT_LT(yield(a), tau * 1.02 + 4 * error(a));
    EXPECT_GT(yield(a), tau * 0.80 - 4 * error(a));
    // The kept fraction is 1 - exp(-B tau) with tau the yield per electron.
    const double expected = 1 - std::exp(-1e6 * yield(a));
    EXPECT_NEAR(a.accepted / a.tries, expected, 4 * std::sqrt(expected * (1 - expected) / a.tries) + 0.05 * expected);

    // 2. The A' energy fraction x = E_A' / E_e against the library sampled at the same electron
    //    energies (10 draws per event), chi^2 over 10 bins; 99.9 % point for 10 dof 29.59
    //    (NIST/SEMATECH e-Handbook 1.3.6.7.4).
    const auto lib = darkbrem::ReferenceLibrary::load(library());
    darkbrem::LibrarySampler sampler(lib, {.aprime_mass = 10});
    const double chi2 = aprime_fraction_chi2(a, sampler, 77);
    std::printf("A' energy fraction: chi2 %.2f / 10 bins (%zu dark brems)\n", chi2, a.incident.size());
    EXPECT_LT(chi2, 29.59);
    double mean_x = 0;
    for (std::size_t i = 0; i < a.incident.size(); ++i) mean_x += a.aprime[i] / a.incident[i] / static_cast<double>(a.incident.size());
    EXPECT_GT(mean_x, 0.7) << "a 10 MeV A' takes most of the energy (LDMX papers: x peaks near 1)";
}

TEST(DarkBremValidation, TargetDarkBremFilterThreshold)
{
    // ldmx-sw's 8 GeV signal filter keeps A' with E >= 4000 MeV: every kept A' passes, and
    // the kept fraction matches the library's share of x >= 0.5 among all dark brems.
    test::TemporaryDirectory dir;
    const auto all = run_dark_brem(dir.path(), "min_aprime_energy_mev = 0.0\n", 600);
    const auto cut = run_dark_brem(dir.path(), "min_aprime_energy_mev = 4000.0\n", 600);
    for (const double e : cut.aprime_energy) EXPECT_GE(e, 4000);
    double above = 0;
    for (const double e : all.aprime_energy) above += e >= 4000 ? 1 : 0;
    const double f_all = above / static_cast<double>(all.aprime_energy.size());
    const double f_cut = static_cast<double>(cut.accepted) / static_cast<double>(all.accepted);
    std::printf("A' >= 4 GeV: %.3f of dark brems (from the unfiltered run), kept fraction %.3f\n", f_all, f_cut);
    EXPECT_NEAR(f_cut, f_all, 0.08);
}
}  // namespace
}  // namespace umbra::sim

namespace umbra::sim
{
namespace
{
TEST(DarkBremProcess, FlatDecayPutsTheElectronPairOnTheAprimeLine)
{
    DarkBremProcess::Config config;
    config.library = library();
    config.method = darkbrem::WWMethod::improved;
    config.min_aprime_energy = 0;
    config.decay = AprimeDecay::flat;
    config.decay_min = 100;
    config.decay_max = 200;
    const auto shared = DarkBremProcess::prepare(*detector(), config, 2);
    static const auto tables = std::make_shared<const PhysicsTables>(*detector(), PhysicsConfig{});
    Transporter transporter(detector(), tables, std::make_shared<const geometry::EcalHexReadout>());
    auto process = std::make_shared<DarkBremProcess>(detector(), shared, config);
    transporter.add_process(process);
    transporter.add_observer(process);
    transporter.add_observer(std::make_shared<PrimaryThroughTarget>());
    BeamSource beam(BeamSource::preset("ldmx-8gev-upstream-tagger"));
    int decays = 0;
    for (std::uint64_t e = 0; e < 400; ++e)
    {
        RandomStream primary_rng({.seed = 4, .stream = StreamId::primaries, .event = e});
        RandomStream rng({.seed = 4, .stream = StreamId::simulation, .event = e});
        const auto event = transporter.simulate(e, beam.primaries(e, primary_rng), rng);
        if (event.rejected) continue;
        ++decays;
        int aprime = -1;
        for (std::size_t r = 0; r < event.particles.size(); ++r)
            if (event.particles[r].pdg == DarkBremProcess::aprime_pdg) aprime = static_cast<int>(r);
        ASSERT_GE(aprime, 0);
        const auto& a = event.particles[static_cast<std::size_t>(aprime)];
        const auto vertex = process->decay_vertex();
        const auto offset = vertex - a.vertex;
        const double distance = offset.mag();
        EXPECT_GE(distance, 100);
        EXPECT_LE(distance, 200);
        EXPECT_NEAR(offset.unit().dot(a.momentum.unit()), 1, 1e-12) << "the vertex is on the A' line";
        EXPECT_DOUBLE_EQ(event.decay_vertex_z, vertex.z);
        std::vector<const TruthParticle*> pair;
        for (const auto& p : event.particles)
            if (p.parent == aprime && p.creator == ProcessId::decay) pair.push_back(&p);
        if (pair.size() < 2) continue;  // a lepton below the truth threshold (100 MeV)
        ASSERT_EQ(pair.size(), 2u);
        EXPECT_EQ(pair[0]->pdg + pair[1]->pdg, 0) << "e- and e+";
        for (const auto* p : pair) EXPECT_NEAR((p->vertex - vertex).mag(), 0, 1e-9);
        const double e_sum = pair[0]->energy + pair[1]->energy;
        const auto p_sum = pair[0]->momentum + pair[1]->momentum;
        EXPECT_NEAR(std::sqrt(e_sum * e_sum - p_sum.mag2()), 10, 1e-3) << "the pair's mass is m_A'";
        EXPECT_NEAR(e_sum, a.energy, 1e-6 * a.energy) << "the pair carries the A''s energy";
    }
    EXPECT_GT(decays, 20);
    config.decay = AprimeDecay::physical;
    config.aprime_mass = 300;
    EXPECT_THROW(DarkBremProcess::prepare(*detector(), config, 1), InputError) << "mu+mu- is not modelled";
}
}  // namespace
}  // namespace umbra::sim

namespace umbra::sim
{
namespace
{
TEST(DarkBremValidation, MuonDarkBremWeightsAndKinematics)
{
    // A muon library (umbra's generator, as dark-brem-lib-gen --lepton muon) and 8 GeV mu-
    // fired at the target from just upstream of trigger pad 3.
    static const test::TemporaryDirectory directory;
    gen::DarkBremLibraryConfig lib;
    lib.lepton = "muon";
    lib.boson_mass = 0.01;
    lib.max_energy = 8.0;
    lib.min_energy = 4.0;
    lib.events = 3000;
    lib.run = 1;
    lib.threads = 2;
    lib.output_directory = directory.path();
    gen::generate_dark_brem_library(lib);
    DarkBremProcess::Config config;
    config.library = directory.path() / lib.library_name();
    config.lepton = DarkBremLepton::muon;
    config.method = darkbrem::WWMethod::improved;
    config.min_aprime_energy = 0;
    const auto shared = DarkBremProcess::prepare(*detector(), config, 2);
    const double tau = target_optical_depth(*shared.cross_sections);
    ASSERT_GT(tau, 0);
    const auto muon = [](std::uint64_t) {
        PrimaryParticle mu;
        mu.pdg = 13;
        mu.mass = constants::muon_mass;
        mu.position = {0, 0, -8};
        mu.momentum = {0, 0, std::sqrt(8000.0 * 8000.0 - mu.mass * mu.mass)};
        return std::vector<PrimaryParticle>{mu};
    };
    const double b1 = 0.2 / tau, b2 = 0.05 / tau;
    const auto a = run_biased(shared, config, b1, 6000, 12, muon);
    const auto b = run_biased(shared, config, b2, 24000, 12, muon);
    const auto yield = [](const BiasedRun& r) { return r.yield(); };
    const auto error = [](const BiasedRun& r) { return r.error(); };
    std::printf("muon dark brem per mu on target: B = %.3g: %.4g +- %.2g (%.0f kept), B = %.3g: %.4g +- %.2g (%.0f "
                "kept); tau(8 GeV) %.4g (electron: ~1.9e-7)\n",
                b1, yield(a), error(a), a.accepted, b2, yield(b), error(b), b.accepted, tau);
    EXPECT_NEAR(yield(a), yield(b), 4 * std::hypot(error(a), error(b)));
    // A muon loses almost no energy in the 0.1 X0 target: the yield is the optical depth.
    EXPECT_NEAR(yield(a), tau, 4 * error(a) + 0.03 * tau);
    ASSERT_GT(a.accepted, 500);
    // Every kept A' is from the muon: x = E_A'/E_mu against the muon library at the same energies.
    const auto library = darkbrem::ReferenceLibrary::load(config.library);
    darkbrem::LibrarySampler sampler(library, {.aprime_mass = 10, .lepton_mass = constants::muon_mass});
    const double chi2 = aprime_fraction_chi2(a, sampler, 78);
    std::printf("muon A' energy fraction: chi2 %.2f / 10 bins\n", chi2);
    EXPECT_LT(chi2, 29.59);  // 99.9 % point, 10 dof
}
}  // namespace
}  // namespace umbra::sim
