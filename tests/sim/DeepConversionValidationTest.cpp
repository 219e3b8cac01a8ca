// The weights of the direct deep-conversion sample (DeepConversionBiasing) against brute force
// (DeepConversionFilter on unbiased events; issue "Backgrounds", must-show): at a shallow cut
// (z >= 250 mm) an unbiased run is affordable, and the yield per electron on target and the
// distributions of the conversion vertex z and of the e+e- opening angle must agree within
// statistical errors. Truth level: the primary is stopped when it leaves the target and every
// other track except the hard photon is dropped (the pair too), so a try costs only the beam
// electron's way through the tagger and the target.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "TestSupport.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"
#include "umbra/io/EventStore.hpp"
#include "umbra/sim/BeamSource.hpp"
#include "umbra/sim/DeepConversionBiasing.hpp"
#include "umbra/sim/DeepConversionFilter.hpp"
#include "umbra/sim/PhysicsTables.hpp"
#include "umbra/sim/SimulationRun.hpp"
#include "umbra/sim/Transporter.hpp"

namespace umbra::sim
{
namespace
{
constexpr double k_min = 5010;   // [MeV]
constexpr double z_cut = 250;    // [mm]
constexpr std::array<double, 7> z_edges{250, 270, 300, 340, 400, 500, 800};
constexpr std::array<double, 6> angle_edges{0, 0.2e-3, 0.4e-3, 0.7e-3, 1.2e-3, 1.0};  // [rad]

struct Histograms
{
    std::array<double, z_edges.size() - 1> z{}, z2{};
    std::array<double, angle_edges.size() - 1> angle{}, angle2{};
    double yield = 0, yield2 = 0;
    std::uint64_t tries = 0;
    std::uint64_t accepted = 0;

    template <std::size_t N, std::size_t M>
    static void fill(std::array<double, N>& h, std::array<double, N>& h2, const std::array<double, M>& edges, double x,
                     double w)
    {
        for (std::size_t i = 0; i + 1 < edges.size(); ++i)
        {
            if (x >= edges[i] && x < edges[i + 1])
            {
                h[i] += w;
                h2[i] += w * w;
                return;
            }
        }
    }
    void add(double vertex_z, double opening_angle, double w)
    {
        ++accepted;
        yield += w;
        yield2 += w * w;
        fill(z, z2, z_edges, vertex_z, w);
        fill(angle, angle2, angle_edges, opening_angle, w);
    }
};

struct Detector
{
    std::shared_ptr<const geometry::DetectorGeometry> geometry =
        geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    std::shared_ptr<const PhysicsTables> tables = std::make_shared<const PhysicsTables>(*geometry, PhysicsConfig{});
    int target = geometry->find_region("target");
    int ecal = geometry->find_region("ecal");
};

//! Drops secondaries (except `keep`) and stops the primary when it leaves the target.
struct TruthOnly final : SimulationObserver
{
    const Detector* setup = nullptr;
    std::function<bool(const Track&)> keep;
    bool on_track_start(const Track& t, std::vector<Track>&, RandomStream&) override
    {
        return t.parent_id != 0 && !(keep && keep(t));
    }
    StepVerdict on_step(const StepRecord& s) override
    {
        if (s.track.parent_id != 0 || s.pre_volume < 0) return StepVerdict::proceed;
        const bool was_in_target = setup->geometry->volume(s.pre_volume).region == setup->target;
        const bool left = s.post_volume < 0 || setup->geometry->volume(s.post_volume).region != setup->target;
        return was_in_target && left ? StepVerdict::kill_track : StepVerdict::proceed;
    }
};

PrimaryParticle beam_electron(std::uint64_t event, BeamSource& beam)
{
    RandomStream rng({.seed = 21, .stream = StreamId::primaries, .event = event});
    return beam.primaries(event, rng).front();
}

Histograms brute_force(const Detector& setup, std::uint64_t tries)
{
    Transporter transporter(setup.geometry, setup.tables, std::make_shared<const geometry::EcalHexReadout>());
    DeepConversionFilter::Config filter_config;
    filter_config.min_photon_energy = k_min;
    filter_config.conversion_z_min = z_cut;
    auto brute = std::make_shared<DeepConversionFilter>(setup.geometry, filter_config);
    auto truth_only = std::make_shared<TruthOnly>();
    truth_only->setup = &setup;
    truth_only->keep = [&](const Track& t) { return t.kind == ParticleKind::gamma && t.kinetic_energy >= k_min; };
    transporter.add_observer(brute);
    transporter.add_observer(truth_only);
    BeamSource beam(BeamSource::preset("ldmx-8gev-upstream-tagger"));
    Histograms h;
    for (std::uint64_t e = 0; e < tries; ++e)
    {
        RandomStream rng({.seed = 21, .stream = StreamId::simulation, .event = e});
        transporter.simulate(e, {beam_electron(e, beam)}, rng);
        ++h.tries;
        if (brute->accepted()) h.add(brute->conversion_vertex_z(), brute->opening_angle(), 1.0);
    }
    return h;
}

Histograms direct(const Detector& setup, std::uint64_t tries)
{
    Transporter transporter(setup.geometry, setup.tables, std::make_shared<const geometry::EcalHexReadout>());
    DeepConversionBiasing::Config config;
    config.selection.min_photon_energy = k_min;
    config.selection.conversion_z_min = z_cut;
    auto biasing = std::make_shared<DeepConversionBiasing>(setup.geometry, setup.tables, config);
    auto truth_only = std::make_shared<TruthOnly>();
    truth_only->setup = &setup;
    transporter.add_process(biasing);
    transporter.add_observer(biasing);  // first: it takes the hard photon over
    transporter.add_observer(truth_only);
    BeamSource beam(BeamSource::preset("ldmx-8gev-upstream-tagger"));
    Histograms h;
    for (std::uint64_t e = 0; e < tries; ++e)
    {
        RandomStream rng({.seed = 22, .stream = StreamId::simulation, .event = e});
        const auto event = transporter.simulate(e, {beam_electron(e + 1000000, beam)}, rng);
        ++h.tries;
        if (!event.rejected) h.add(event.conversion_vertex_z, biasing->opening_angle(), event.weight);
    }
    return h;
}

//! chi^2 of two histograms normalised per try, with their own variances.
template <std::size_t N>
double chi2(const std::array<double, N>& a, const std::array<double, N>& a2, double na, const std::array<double, N>& b,
            const std::array<double, N>& b2, double nb)
{
    double sum = 0;
    for (std::size_t i = 0; i < N; ++i)
    {
        const double var = a2[i] / (na * na) + b2[i] / (nb * nb);
        if (var > 0) sum += std::pow(a[i] / na - b[i] / nb, 2) / var;
    }
    return sum;
}

TEST(DeepConversionValidation, DirectSampleMatchesBruteForceAtShallowCut)
{
    const Detector setup;
    const auto unbiased = brute_force(setup, 100000);
    const auto biased = direct(setup, 10000);
    ASSERT_GT(unbiased.accepted, 1000u) << "brute force accepts ~3 % of tries";
    EXPECT_GT(biased.accepted, biased.tries / 10) << "the direct method must accept >= 1 in 10 tries";

    const double n_u = static_cast<double>(unbiased.tries), n_b = static_cast<double>(biased.tries);
    const double y_u = unbiased.yield / n_u;
    const double e_u = std::sqrt(unbiased.yield2) / n_u;
    const double y_b = biased.yield / n_b;
    const double e_b = std::sqrt(biased.yield2 - biased.yield * biased.yield / n_b) / n_b;
    std::printf("yield per EOT: brute force %.5f +- %.5f (%llu / %llu), direct %.5f +- %.5f (%llu / %llu)\n", y_u, e_u,
                static_cast<unsigned long long>(unbiased.accepted), static_cast<unsigned long long>(unbiased.tries), y_b,
                e_b, static_cast<unsigned long long>(biased.accepted), static_cast<unsigned long long>(biased.tries));
    EXPECT_NEAR(y_b, y_u, 4 * std::hypot(e_u, e_b));

    // chi^2 per bin of the per-try yields; 99.9 % points of chi^2 (standard tables, e.g. NIST/SEMATECH
    // e-Handbook 1.3.6.7.4): 6 dof 22.46, 5 dof 20.52.
    const double chi2_z = chi2(unbiased.z, unbiased.z2, n_u, biased.z, biased.z2, n_b);
    const double chi2_angle =
        chi2(unbiased.angle, unbiased.angle2, n_u, biased.angle, biased.angle2, n_b);
    std::printf("chi2 vertex z %.2f / 6 bins, opening angle %.2f / 5 bins\n", chi2_z, chi2_angle);
    EXPECT_LT(chi2_z, 22.46);
    EXPECT_LT(chi2_angle, 20.52);

    // For the plots of docs/validation.md: UMBRA_VALIDATION_OUTPUT=dir writes the histograms
    // (python/plot_deep_conversion_validation.py draws them).
    if (const char* dir = std::getenv("UMBRA_VALIDATION_OUTPUT"))
    {
        std::ofstream out(std::filesystem::path(dir) / "deep_conversion_validation.csv");
        out << "quantity,low,high,brute_force,brute_force_error,direct,direct_error\n";
        const auto write = [&](const char* name, const auto& edges, const auto& u, const auto& u2, const auto& b,
                               const auto& b2) {
            for (std::size_t i = 0; i + 1 < edges.size(); ++i)
            {
                out << name << ',' << edges[i] << ',' << edges[i + 1] << ',' << u[i] / n_u << ','
                    << std::sqrt(u2[i]) / n_u << ',' << b[i] / n_b << ',' << std::sqrt(b2[i]) / n_b << '\n';
            }
        };
        write("vertex_z_mm", z_edges, unbiased.z, unbiased.z2, biased.z, biased.z2);
        write("opening_angle_rad", angle_edges, unbiased.angle, unbiased.angle2, biased.angle, biased.angle2);
        out << "yield,0,0," << y_u << ',' << e_u << ',' << y_b << ',' << e_b << '\n';
    }
}
}  // namespace
}  // namespace umbra::sim

namespace umbra::sim
{
namespace
{
struct Sample
{
    std::vector<double> weight, energy, hits;
    double tries = 0;
};

Sample produce(const std::string& selection, std::uint64_t events, const std::filesystem::path& file)
{
    const std::string text = "[sim]\nevents = " + std::to_string(events) +
                             "\ncount = \"accepted\"\nmax_tries = 2000000\nseed = 31\nthreads = 2\n"
                             "[sim.source]\ntype = \"beam\"\npreset = \"ldmx-8gev-upstream-tagger\"\n" +
                             selection;
    run_simulation(parse_simulation_config(text, "<test>"), file, "test");
    const io::EventStoreReader reader(file);
    Sample s;
    s.weight = reader.read_event_column("events", "weight", 0, reader.events());
    s.energy = reader.read_event_column("veto", "summed_det", 0, reader.events());
    s.hits = reader.read_event_column("veto", "n_readout_hits", 0, reader.events());
    for (const double t : reader.read_event_column("events", "tries", 0, reader.events())) s.tries += t;
    return s;
}

//! chi^2 between per-try yields of two samples in bins whose edges are the quantiles of `a`.
double chi2_by_quantiles(const std::vector<double>& xa, const std::vector<double>& wa, double na,
                         const std::vector<double>& xb, const std::vector<double>& wb, double nb, int bins)
{
    std::vector<double> sorted = xa;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> edges{-1e300};
    for (int i = 1; i < bins; ++i) edges.push_back(sorted[sorted.size() * static_cast<std::size_t>(i) / static_cast<std::size_t>(bins)]);
    edges.push_back(1e300);
    const auto fill = [&](const std::vector<double>& x, const std::vector<double>& w, std::vector<double>& h,
                          std::vector<double>& h2) {
        h.assign(static_cast<std::size_t>(bins), 0.0);
        h2.assign(static_cast<std::size_t>(bins), 0.0);
        for (std::size_t i = 0; i < x.size(); ++i)
        {
            const auto bin = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), x[i]) - edges.begin() - 1);
            h[bin] += w[i];
            h2[bin] += w[i] * w[i];
        }
    };
    std::vector<double> ha, ha2, hb, hb2;
    fill(xa, wa, ha, ha2);
    fill(xb, wb, hb, hb2);
    double chi2 = 0;
    for (std::size_t i = 0; i < ha.size(); ++i)
    {
        const double var = ha2[i] / (na * na) + hb2[i] / (nb * nb);
        if (var > 0) chi2 += std::pow(ha[i] / na - hb[i] / nb, 2) / var;
    }
    return chi2;
}

TEST(DeepConversionValidation, EcalEnergyAndReadoutHitsMatchBruteForce)
{
    // Full simulation and reconstruction through the production path (run_simulation), direct
    // sample against brute force at z >= 250 mm, 250 accepted events each: the per-try yields in
    // 5 quantile bins of the reconstructed ECal energy and of nReadoutHits must agree
    // (chi^2 < 20.52, the 99.9 % point for 5 dof).
    test::TemporaryDirectory dir;
    const auto direct_sample = produce(
        "[sim.biasing]\ntype = \"deep_conversion\"\ndecay_z_mm = 250.0\n", 250, dir / "direct.h5");
    const auto brute = produce("[[sim.filters]]\ntype = \"deep_conversion\"\ndecay_z_mm = 250.0\n", 250, dir / "brute.h5");
    const std::vector<double> ones(brute.weight.size(), 1.0);
    ASSERT_EQ(brute.weight, ones);
    const double chi2_energy = chi2_by_quantiles(brute.energy, brute.weight, brute.tries, direct_sample.energy,
                                                 direct_sample.weight, direct_sample.tries, 5);
    const double chi2_hits = chi2_by_quantiles(brute.hits, brute.weight, brute.tries, direct_sample.hits,
                                               direct_sample.weight, direct_sample.tries, 5);
    std::printf("full chain z >= 250 mm: brute force %zu of %.0f tries, direct %zu of %.0f; chi2 ECal energy %.2f, "
                "readout hits %.2f (5 bins)\n",
                brute.weight.size(), brute.tries, direct_sample.weight.size(), direct_sample.tries, chi2_energy, chi2_hits);
    EXPECT_LT(chi2_energy, 20.52);
    EXPECT_LT(chi2_hits, 20.52);
}
}  // namespace
}  // namespace umbra::sim
