#include "umbra/sim/Transporter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "TestSupport.hpp"
#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/sim/HelixStep.hpp"
#include "umbra/sim/ShowerScales.hpp"

namespace umbra::sim
{
namespace
{
struct Setup
{
    std::shared_ptr<const geometry::DetectorGeometry> geometry;
    std::shared_ptr<const PhysicsTables> tables;
    std::shared_ptr<const geometry::EcalHexReadout> readout;
};

const Setup& setup(const std::string& detector)
{
    static std::map<std::string, Setup> cache;
    auto it = cache.find(detector);
    if (it == cache.end())
    {
        Setup s;
        const auto path = detector.find(".toml") != std::string::npos
                              ? (test::data_dir() / "detectors" / detector).string()
                              : detector;
        s.geometry = geometry::DetectorGeometry::load_named(path);
        s.tables = std::make_shared<const PhysicsTables>(*s.geometry, PhysicsConfig{});
        s.readout = std::make_shared<const geometry::EcalHexReadout>();
        it = cache.emplace(detector, std::move(s)).first;
    }
    return it->second;
}

PrimaryParticle particle(int pdg, double kinetic_energy, ThreeVector position, ThreeVector direction = {0, 0, 1})
{
    PrimaryParticle p;
    p.pdg = pdg;
    p.mass = pdg == 22 ? 0.0 : (std::abs(pdg) == 13 ? constants::muon_mass : constants::electron_mass);
    p.position = position;
    p.momentum = std::sqrt(kinetic_energy * (kinetic_energy + 2 * p.mass)) * direction.unit();
    return p;
}

//! Energy bookkeeping: deposits, and what leaves the world (kinetic energy, plus the 2 m_e a
//! positron that escapes before annihilating would have given back).
class EnergyBalance : public SimulationObserver
{
public:
    void on_energy_deposit(const Track&, double energy, const ThreeVector& where) override
    {
        deposited += energy;
        depth_profile.push_back({where, energy});
    }
    StepVerdict on_step(const StepRecord& step) override
    {
        if (step.post_volume < 0)
        {
            escaped += step.track.kinetic_energy;
            if (step.track.kind == ParticleKind::positron) escaped += 2 * constants::electron_mass;
        }
        return StepVerdict::proceed;
    }
    double deposited = 0;
    double escaped = 0;
    std::vector<std::pair<ThreeVector, double>> depth_profile;
};
}  // namespace

TEST(HelixStep, FollowsACircleOfTheExpectedRadius)
{
    // 1 GeV/c electron in 1 T along y: R = p / (c' B) = 1000 / 0.299792458 mm.
    const double radius = 1000 / 0.299792458;
    const ThreeVector b{0, 1, 0};
    ThreeVector x{0, 0, 0};
    ThreeVector d{0, 0, 1};
    const double s = 0.5 * constants::pi * radius;  // a quarter turn
    const auto end = helix_step(x, d, s, -1, 1000, b);
    EXPECT_NEAR(end.position.mag(), std::sqrt(2) * radius, 1e-6 * radius);
    EXPECT_NEAR(std::abs(end.direction.x), 1, 1e-12);
    EXPECT_NEAR(end.direction.z, 0, 1e-12);
    // Splitting the step changes nothing (the helix is exact).
    HelixState half = helix_step(x, d, 0.5 * s, -1, 1000, b);
    half = helix_step(half.position, half.direction, 0.5 * s, -1, 1000, b);
    EXPECT_NEAR((half.position - end.position).mag(), 0, 1e-6);
}

TEST(HelixStep, TheLdmxGunReachesTheTargetInTheDipole)
{
    // ldmx-sw's 8 GeV gun (reference §1) through umbra's uniform -1.5 T field from z = -883 to 0:
    // a uniform field reproduces the map only approximately (docs/geometry.md): the beam
    // arrives within a few mm of the origin and within a few mrad of the z axis.
    ThreeVector x{-21.745876, 0, -883.0};
    ThreeVector d = ThreeVector{0.0485658, 0, 0.9988200}.unit();
    const double p = std::sqrt(8000.0 * (8000.0 + 2 * constants::electron_mass));
    while (x.z < 0)
    {
        const double step = std::min(10.0, -x.z / d.z);
        const auto next = helix_step(x, d, step, -1, p, {0, -1.5, 0});
        x = next.position;
        d = next.direction;
        if (step < 1e-9) break;
    }
    EXPECT_NEAR(x.z, 0, 1e-6);
    EXPECT_LT(std::abs(x.x), 3.0) << "x at the target " << x.x;
    EXPECT_LT(std::abs(d.x / d.z), 3e-3) << "angle at the target " << d.x / d.z;
}

TEST(Transporter, ConservesEnergyInAThickBlock)
{
    const auto& s = setup("tungsten-block.toml");
    Transporter transporter(s.geometry, s.tables, s.readout);
    auto balance = std::make_shared<EnergyBalance>();
    transporter.add_observer(balance);
    for (int event = 0; event < 5; ++event)
    {
        balance->deposited = balance->escaped = 0;
        RandomStream rng({.seed = 1, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        const auto result = transporter.simulate(event, {particle(11, 1000.0, {0, 0, -10})}, rng);
        EXPECT_NEAR(balance->deposited + balance->escaped, 1000.0, 1e-6) << "event " << event;
        EXPECT_GT(result.steps, 100u);
        EXPECT_GT(balance->deposited, 900.0);
    }
}

TEST(Transporter, RangeRejectionConservesEnergy)
{
    // With EGS-style range rejection on (e+- below 5 MeV that cannot leave the passive block stop
    // at once), every MeV is still accounted for, and far fewer steps are taken.
    const auto& s = setup("tungsten-block.toml");
    TransportConfig config;
    config.range_rejection_energy = 5.0;
    Transporter fast(s.geometry, s.tables, s.readout, config);
    Transporter full(s.geometry, s.tables, s.readout);
    auto balance = std::make_shared<EnergyBalance>();
    fast.add_observer(balance);
    std::uint64_t fast_steps = 0;
    std::uint64_t full_steps = 0;
    for (int event = 0; event < 5; ++event)
    {
        balance->deposited = balance->escaped = 0;
        RandomStream rng({.seed = 1, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        fast_steps += fast.simulate(event, {particle(11, 1000.0, {0, 0, -10})}, rng).steps;
        EXPECT_NEAR(balance->deposited + balance->escaped, 1000.0, 1e-6) << "event " << event;
        RandomStream rng2({.seed = 1, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        full_steps += full.simulate(event, {particle(11, 1000.0, {0, 0, -10})}, rng2).steps;
    }
    EXPECT_LT(fast_steps, full_steps);
}

TEST(Transporter, ConservesEnergyThroughTheWholeDetectorAndTheField)
{
    // The ldmx-sw 8 GeV gun from z = -883 mm through the dipole, target, trackers, ECal and HCal:
    // every MeV is deposited somewhere or leaves the world (helix steps included).
    const auto& s = setup("ldmx-det-v14-8gev");
    Transporter transporter(s.geometry, s.tables, s.readout);
    auto balance = std::make_shared<EnergyBalance>();
    transporter.add_observer(balance);
    for (int event = 0; event < 3; ++event)
    {
        balance->deposited = balance->escaped = 0;
        RandomStream rng({.seed = 4, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        transporter.simulate(event, {particle(11, 8000.0, {-21.745876, 0, -883.0}, {0.0485658, 0, 0.9988200})}, rng);
        EXPECT_NEAR(balance->deposited + balance->escaped, 8000.0, 1e-6) << "event " << event;
    }
}

TEST(Transporter, RecordsScoringPlaneCrossings)
{
    // The beam electron crosses the target's downstream plane (id 1, z = 0.1767 mm) and the ECal
    // front plane (id 31, z = 239.9985 mm) moving forward (scoring_planes.gdml ids, reference §2, §4.1).
    const auto& s = setup("ldmx-det-v14-8gev");
    Transporter transporter(s.geometry, s.tables, s.readout);
    RandomStream rng({.seed = 4, .stream = StreamId::test, .event = 7});
    const auto result =
        transporter.simulate(7, {particle(11, 8000.0, {-21.745876, 0, -883.0}, {0.0485658, 0, 0.9988200})}, rng);
    int found = 0;
    for (const auto& hit : result.scoring_hits)
    {
        if (hit.track_id != 1 || hit.momentum.z <= 0) continue;
        if (hit.plane_id == 1)
        {
            EXPECT_DOUBLE_EQ(hit.position.z, 0.1767);
        }
        if (hit.plane_id == 31)
        {
            EXPECT_DOUBLE_EQ(hit.position.z, 239.9985);
            EXPECT_GT(hit.time, 239.9985 / constants::c_light - 0.01);
        }
        found += hit.plane_id == 1 || hit.plane_id == 31;
        EXPECT_NEAR(hit.momentum.mag(), std::sqrt(hit.energy * hit.energy - constants::electron_mass * constants::electron_mass),
                    1e-6 * hit.energy);
    }
    EXPECT_EQ(found, 2);
}

TEST(Transporter, IsDeterministicPerEvent)
{
    const auto& s = setup("ldmx-det-v14-8gev");
    Transporter a(s.geometry, s.tables, s.readout);
    Transporter b(s.geometry, s.tables, s.readout);
    const auto primaries = std::vector<PrimaryParticle>{particle(11, 4000.0, {0, 0, 230})};
    RandomStream rng1({.seed = 5, .stream = StreamId::simulation, .event = 3});
    RandomStream rng2({.seed = 5, .stream = StreamId::simulation, .event = 3});
    // b simulates another event first: per-event state must not leak.
    RandomStream other({.seed = 5, .stream = StreamId::simulation, .event = 4});
    b.simulate(4, primaries, other);
    const auto ra = a.simulate(3, primaries, rng1);
    const auto rb = b.simulate(3, primaries, rng2);
    ASSERT_EQ(ra.ecal_hits.size(), rb.ecal_hits.size());
    ASSERT_GT(ra.ecal_hits.size(), 50u);
    for (std::size_t i = 0; i < ra.ecal_hits.size(); ++i)
    {
        EXPECT_EQ(ra.ecal_hits[i].id, rb.ecal_hits[i].id);
        EXPECT_EQ(ra.ecal_hits[i].edep, rb.ecal_hits[i].edep);
    }
    EXPECT_EQ(ra.particles.size(), rb.particles.size());
}

TEST(Transporter, EcalHitsAreInSiliconCellsAtTheGdmlLayerZ)
{
    const auto& s = setup("ldmx-det-v14-8gev");
    Transporter transporter(s.geometry, s.tables, s.readout);
    RandomStream rng({.seed = 2, .stream = StreamId::simulation, .event = 0});
    const auto result = transporter.simulate(0, {particle(11, 4000.0, {0, 0, 230})}, rng);
    double sum = 0;
    for (const auto& hit : result.ecal_hits)
    {
        const auto id = geometry::EcalId::from_raw(hit.id);
        ASSERT_TRUE(id.has_value());
        EXPECT_NEAR(hit.position.z, s.geometry->ecal().layer_z(id->layer()), 1e-9);
        sum += hit.edep;
        EXPECT_GT(hit.edep, 0);
    }
    EXPECT_NEAR(sum + result.ecal_edep_outside_cells, result.ecal_edep, 1e-9);
    // A 4 GeV shower deposits a few tens of MeV in 10.2 mm of Si (sampling fraction ~1 %).
    EXPECT_GT(result.ecal_edep, 10.0);
    EXPECT_LT(result.ecal_edep, 100.0);
}

TEST(Transporter, GeneratorWeightsDoNotScaleDeposits)
{
    // An LHE event weight (XWGTUP) is the event's weight; the energies deposited are physical.
    const auto& s = setup("ldmx-det-v14-8gev");
    Transporter transporter(s.geometry, s.tables, s.readout);
    auto weighted = particle(11, 2000.0, {0, 0, 230});
    weighted.weight = 5;
    RandomStream rng1({.seed = 2, .stream = StreamId::simulation, .event = 1});
    RandomStream rng2({.seed = 2, .stream = StreamId::simulation, .event = 1});
    const auto plain = transporter.simulate(1, {particle(11, 2000.0, {0, 0, 230})}, rng1);
    const auto with_weight = transporter.simulate(1, {weighted}, rng2);
    EXPECT_EQ(plain.weight, 1.0);
    EXPECT_EQ(with_weight.weight, 5.0);
    EXPECT_EQ(plain.ecal_edep, with_weight.ecal_edep);
}

TEST(Transporter, RejectsPrimariesItCannotTransport)
{
    const auto& s = setup("tungsten-block.toml");
    Transporter transporter(s.geometry, s.tables, s.readout);
    RandomStream rng({.seed = 1, .stream = StreamId::test, .event = 0});
    EXPECT_THROW(transporter.simulate(0, {particle(2112, 1000.0, {0, 0, -10})}, rng), InputError);
    EXPECT_THROW(transporter.simulate(0, {particle(11, 1000.0, {0, 0, 5000})}, rng), InputError);
}

// ---------------------------------------------------------------------------------------------
// Physics validation at reduced statistics (docs/validation.md has the full-statistics study).

namespace
{
struct ShowerProfile
{
    double peak_depth = 0;  //!< t_max from the averaged profile [X0]
    double mean_depth = 0;  //!< <t> [X0]
    double fraction_within_moliere = 0;
};

ShowerProfile shower_in_tungsten(double energy, int events)
{
    const auto& s = setup("tungsten-block.toml");
    Transporter transporter(s.geometry, s.tables, s.readout);
    auto balance = std::make_shared<EnergyBalance>();
    transporter.add_observer(balance);
    const auto& w = s.geometry->material(s.geometry->find_material("G4_W"));
    const double x0 = w.radiation_length();
    const double rm = ShowerScales(w).moliere_radius();
    constexpr double bin_width = 0.25;  // [X0]
    std::vector<double> profile(200, 0.0);
    double sum_e = 0, sum_t = 0, within = 0;
    for (int event = 0; event < events; ++event)
    {
        balance->depth_profile.clear();
        RandomStream rng({.seed = 9, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        transporter.simulate(event, {particle(11, energy, {0, 0, -1})}, rng);
        for (const auto& [where, e] : balance->depth_profile)
        {
            const double t = where.z / x0;
            sum_e += e;
            sum_t += e * t;
            if (std::hypot(where.x, where.y) < rm) within += e;
            const auto bin = static_cast<std::size_t>(std::max(0.0, t / bin_width));
            if (bin < profile.size()) profile[bin] += e;
        }
    }
    ShowerProfile p;
    p.mean_depth = sum_t / sum_e;
    p.fraction_within_moliere = within / sum_e;
    // Peak: the maximum of the profile averaged over +-1 X0 (9 bins), refined by a least-squares
    // parabola through the 13 bins (+-1.5 X0) around it: robust at a few tens of showers.
    std::vector<double> smooth(profile.size(), 0.0);
    for (std::size_t i = 4; i + 4 < profile.size(); ++i)
    {
        for (std::size_t k = i - 4; k <= i + 4; ++k) smooth[i] += profile[k] / 9;
    }
    const auto peak = static_cast<std::size_t>(std::max_element(smooth.begin(), smooth.end()) - smooth.begin());
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, y0 = 0, y1 = 0, y2 = 0;
    for (int k = -6; k <= 6; ++k)
    {
        const double x = k;
        const double y = profile[static_cast<std::size_t>(static_cast<int>(peak) + k)];
        s0 += 1;
        s1 += x;
        s2 += x * x;
        s3 += x * x * x;
        s4 += x * x * x * x;
        y0 += y;
        y1 += x * y;
        y2 += x * x * y;
    }
    // Normal equations of y = c0 + c1 x + c2 x^2 (s1 = s3 = 0 for the symmetric window).
    const double c1 = y1 / s2;
    const double c2 = (s0 * y2 - s2 * y0) / (s0 * s4 - s2 * s2);
    (void)s3;
    const double offset = std::clamp(-c1 / (2 * c2), -6.0, 6.0);
    p.peak_depth = (static_cast<double>(peak) + 0.5 + offset) * bin_width;
    return p;
}
}  // namespace

TEST(TransporterValidation, LongitudinalProfileInTungstenFollowsTheParameterisations)
{
    // Two parameterisations of electron showers:
    //  - PDG review "Passage of particles through matter" eq. 34.36: t_max = ln(E/Ec) - 0.5,
    //    Ec(W) = 7.97 MeV (PDG table), a fit to EGS4 showers;
    //  - GFLASH (Grindhammer & Peters, hep-ex/0001020; constants of Geant4's
    //    GVFlashHomoShowerTuning.hh), a fit to GEANT3 showers in homogeneous media: with
    //    y = E/Ec, Ec = 2.66 (X0 Z/A)^1.1 MeV = 8.00 MeV for W, T = ln y - 0.812,
    //    alpha = 0.81 + (0.458 + 2.26/Z) ln y, beta = (alpha - 1)/T, mean depth alpha/beta.
    // The two put the maximum 0.3 X0 apart. At full statistics (docs/validation.md) umbra's
    // maximum is 0.36-0.60 X0 before PDG's and up to 0.28 X0 before GFLASH's, and its mean depth
    // 0.24-0.30 X0 beyond GFLASH's (a longer tail). Here, at reduced statistics, where the
    // maximum of a flat-topped profile moves by ~0.2 X0 and the mean depth by ~0.1 X0 from sample
    // to sample: mean depth within 0.5 X0 of GFLASH, maximum within 0.5 X0 of GFLASH and 0.8 X0
    // of PDG (the parameterisations are fits good to about half a radiation length).
    constexpr double z_tungsten = 74;
    for (const auto& [energy, events] : {std::pair{1000.0, 300}, std::pair{4000.0, 120}, std::pair{8000.0, 80}})
    {
        const auto p = shower_in_tungsten(energy, events);
        const double pdg = std::log(energy / 7.97) - 0.5;
        const double log_y = std::log(energy / 8.00);
        const double gflash_max = log_y - 0.812;
        const double alpha = 0.81 + (0.458 + 2.26 / z_tungsten) * log_y;
        const double gflash_mean = alpha / ((alpha - 1) / gflash_max);
        EXPECT_NEAR(p.mean_depth, gflash_mean, 0.5) << energy << " MeV";
        EXPECT_NEAR(p.peak_depth, gflash_max, 0.5) << energy << " MeV";
        EXPECT_NEAR(p.peak_depth, pdg, 0.8) << energy << " MeV";
        // PDG: "on average, only about 10 % of the energy lies outside a cylinder of radius R_M".
        // Full statistics give 0.87 for W.
        EXPECT_NEAR(p.fraction_within_moliere, 0.90, 0.04) << energy << " MeV";
    }
}

TEST(TransporterValidation, PairConversionProbabilityInOneRadiationLength)
{
    // 1 GeV photons on 1 X0 of W: P(conversion) = 1 - exp(-(7/9) σ(1 GeV)/σ_∞). The asymptotic
    // 7/9 rule (PDG eq. 34.31) gives 1 - exp(-7/9) = 0.5407; at 1 GeV the Bethe-Heitler
    // cross-section (and NIST XCOM) is 4.6 % (6.2 %) below its asymptotic value, so the
    // expected probability is 0.525 (GammaConversionTest checks the cross-section itself).
    // Other first interactions (Compton) are ~0.1 % at 1 GeV.
    const auto& s = setup("tungsten-slab.toml");
    TransportConfig config;
    Transporter transporter(s.geometry, s.tables, s.readout, config);
    struct FirstInteraction : SimulationObserver
    {
        StepVerdict on_interaction(const Track& parent, ProcessId process, std::span<const Track>) override
        {
            if (parent.track_id == 1 && parent.position.z < 10 && !seen)
            {
                seen = true;
                converted += process == ProcessId::conversion;
            }
            return StepVerdict::abort_event;  // only the first interaction matters
        }
        void begin_event(SimEvent&) override { seen = false; }
        bool seen = false;
        int converted = 0;
    };
    auto observer = std::make_shared<FirstInteraction>();
    transporter.add_observer(observer);
    const int photons = 20000;
    for (int event = 0; event < photons; ++event)
    {
        RandomStream rng({.seed = 4, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        transporter.simulate(event, {particle(22, 1000.0, {0, 0, -1})}, rng);
    }
    const double p = static_cast<double>(observer->converted) / photons;
    const double sigma = std::sqrt(p * (1 - p) / photons);
    EXPECT_NEAR(p, 0.525, 4 * sigma + 0.005) << "conversion probability " << p;
    EXPECT_LT(p, 1 - std::exp(-7.0 / 9.0));
}

TEST(TransporterValidation, ThinTargetBremsstrahlungSpectrumFollowsTsai)
{
    // 8 GeV e- on the 0.1 X0 LDMX target: photons per electron with energy fraction y in a bin,
    // thin-target limit of PDG eq. 34.29: dN/dy = (d/X0) (4/3 - 4/3 y + y^2) / y. At d = 0.1 X0
    // multiple emission and the electron's energy loss lower the hard end by a few %, and the
    // full (non-complete-screening) DCS is ~2 % above the formula at small y
    // (BremsstrahlungTest), so 8 % is the tolerance per bin.
    const auto& s = setup("tungsten-slab.toml");
    Transporter transporter(s.geometry, s.tables, s.readout);
    struct Photons : SimulationObserver
    {
        StepVerdict on_interaction(const Track& parent, ProcessId process, std::span<const Track> secondaries) override
        {
            if (parent.track_id == 1 && process == ProcessId::bremsstrahlung && parent.position.z > 400)
            {
                for (const auto& photon : secondaries) energies.push_back(photon.kinetic_energy);
            }
            return StepVerdict::proceed;
        }
        StepVerdict on_step(const StepRecord& step) override
        {
            // Stop the electron once it has crossed the target (no need to follow it further).
            return step.track.track_id == 1 && step.track.position.z > 501 ? StepVerdict::kill_track
                                                                          : StepVerdict::proceed;
        }
        std::vector<double> energies;
    };
    auto photons = std::make_shared<Photons>();
    transporter.add_observer(photons);
    const int electrons = 20000;
    for (int event = 0; event < electrons; ++event)
    {
        RandomStream rng({.seed = 6, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
        transporter.simulate(event, {particle(11, 8000.0, {0, 0, 499})}, rng);
    }
    const double thickness = 0.3504 / s.geometry->material(s.geometry->find_material("G4_W")).radiation_length();
    const double edges[] = {0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
    for (std::size_t bin = 0; bin + 1 < std::size(edges); ++bin)
    {
        const double y0 = edges[bin];
        const double y1 = edges[bin + 1];
        const double counted = static_cast<double>(std::count_if(photons->energies.begin(), photons->energies.end(),
                                                                 [&](double k) { return k >= y0 * 8000 && k < y1 * 8000; }));
        // ∫ (4/3 - 4/3 y + y^2)/y dy = 4/3 ln y - 4/3 y + y^2/2
        const auto integral = [](double y) { return 4.0 / 3 * std::log(y) - 4.0 / 3 * y + 0.5 * y * y; };
        const double expected = electrons * thickness * (integral(y1) - integral(y0));
        EXPECT_NEAR(counted / expected, 1.0, 0.08 + 3 / std::sqrt(expected)) << "y in [" << y0 << ", " << y1 << ")";
    }
}

TEST(TransporterValidation, EcalEnergyIsLinearWithTheLdmxLayerWeights)
{
    // Electrons shot at the ECal face (x = y = 0, z = 230 mm). The raw Si energy is not linear:
    // the absorber per layer grows with depth (1 -> 14 mm W per bilayer), so deeper (higher
    // energy) showers are sampled more sparsely. ldmx-sw corrects this with per-layer weights
    // (reference §6.2, Ecal/python/digi.py v14 layerWeights, EcalRecProducer):
    //   E_rec = (N_MIP w[layer] + N_MIP 0.130 MeV) 4000/3940.5,  N_MIP = E_Si / 0.078 MeV.
    // With them, E_rec / E_beam must be constant within 2 % from 0.5 to 8 GeV (issue
    // requirement), and ≈ 1: the 4000/3940.5 factor was fitted to Geant4 4 GeV electrons, so
    // this also compares our sampling fraction with Geant4's (5 %: our hits, unlike ldmx-sw's,
    // have no digitisation, noise or readout threshold).
    static constexpr double weights[34] = {2.312,  4.312,  6.522,  7.490,  8.595,  10.253, 10.915, 10.915, 10.915,
                                           10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915, 10.915,
                                           10.915, 10.915, 10.915, 10.915, 10.915, 14.783, 18.539, 18.539, 18.539,
                                           18.539, 18.539, 18.539, 18.539, 18.539, 18.539, 9.938};
    const auto& s = setup("ldmx-det-v14-8gev");
    Transporter transporter(s.geometry, s.tables, s.readout);
    std::vector<double> response;
    std::vector<double> error;
    for (const auto& [energy, events] : {std::pair{500.0, 300}, std::pair{2000.0, 80}, std::pair{8000.0, 24}})
    {
        double sum = 0;
        double sum2 = 0;
        for (int event = 0; event < events; ++event)
        {
            RandomStream rng({.seed = 8, .stream = StreamId::test, .event = static_cast<std::uint64_t>(event)});
            const auto result = transporter.simulate(event, {particle(11, energy, {0, 0, 230})}, rng);
            double reconstructed = 0;
            for (const auto& hit : result.ecal_hits)
            {
                const int layer = geometry::EcalId::from_raw(hit.id)->layer();
                reconstructed += hit.edep / 0.078 * (weights[layer] + 0.130) * (4000 / 3940.5);
            }
            const double r = reconstructed / energy;
            sum += r;
            sum2 += r * r;
        }
        const double mean = sum / events;
        response.push_back(mean);
        error.push_back(std::sqrt((sum2 / events - mean * mean) / events) / mean);
    }
    for (std::size_t i = 0; i < response.size(); ++i)
    {
        // 5 % plus three standard errors of the mean (reduced statistics).
        EXPECT_NEAR(response[i], 1.0, 0.05 + 3 * error[i] * response[i]) << "E_rec / E_beam = " << response[i];
    }
    for (std::size_t i = 1; i < response.size(); ++i)
    {
        // 2 % plus three standard errors of the two means (reduced statistics here).
        const double statistical = 3 * std::hypot(error[i], error[0]);
        EXPECT_NEAR(response[i] / response[0], 1.0, 0.02 + statistical)
            << "E_rec / E_beam " << response[i] << " vs " << response[0];
    }
}
}  // namespace umbra::sim
