#include "umbra/sim/PhysicsTables.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"
#include "umbra/geometry/DetectorGeometry.hpp"
#include "umbra/sim/Bremsstrahlung.hpp"
#include "umbra/sim/ElectronStoppingPower.hpp"
#include "umbra/sim/MollerBhabhaScattering.hpp"

using namespace umbra;
using namespace umbra::sim;

namespace
{
constexpr double g_per_cm2 = units::g / (units::cm * units::cm);
constexpr double mev_cm2_per_g = units::MeV * units::cm * units::cm / units::g;

const geometry::DetectorGeometry& v14()
{
    static const auto geometry = geometry::DetectorGeometry::load_named("ldmx-det-v14-8gev");
    return *geometry;
}

//! The v14 tables with the default (ldmx-sw) configuration.
const PhysicsTables& v14_tables()
{
    static const PhysicsTables tables(v14(), PhysicsConfig{});
    return tables;
}

//! Pure materials with a range cut so large that every threshold clamps to 10 GeV:
//! restricted = unrestricted below 10 GeV. 0 Si (v14 G4_Si, 2.33 g/cm^3), 1 W, 2 Fe, 3 water.
const PhysicsTables& unrestricted_tables()
{
    static const PhysicsTables tables = [] {
        std::vector<geometry::Material> materials;
        for (const char* name : {"G4_Si", "G4_W", "G4_Fe", "G4_WATER"})
            materials.emplace_back(*geometry::nist_material_spec(name));
        PhysicsConfig config;
        config.range_cut = 1e7 * units::mm;
        return PhysicsTables(materials, config);
    }();
    return tables;
}

//! Simpson integral of f over ln x from a to b (n even) of x f(x).
template <typename F>
double integrate_log(F f, double a, double b, int n = 4000)
{
    const double la = std::log(a);
    const double h = (std::log(b) - la) / n;
    double sum = 0;
    for (int i = 0; i <= n; ++i)
    {
        const double x = std::exp(la + i * h);
        const double w = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
        sum += w * x * f(x);
    }
    return sum * h / 3;
}
}  // namespace

TEST(ParticleKind, PdgCodesMassesNames)
{
    for (ParticleKind kind : all_particle_kinds)
    {
        EXPECT_EQ(particle_kind_from_pdg(pdg_code(kind)), kind);
        EXPECT_FALSE(particle_name(kind).empty());
    }
    EXPECT_EQ(pdg_code(ParticleKind::positron), -11);
    EXPECT_EQ(pdg_code(ParticleKind::muon_plus), -13);
    EXPECT_FALSE(particle_kind_from_pdg(211).has_value());
    EXPECT_DOUBLE_EQ(particle_mass(ParticleKind::muon_minus), constants::muon_mass);
    EXPECT_EQ(particle_charge(ParticleKind::positron), 1.0);
    EXPECT_EQ(particle_name(ParticleKind::gamma), "gamma");
}

TEST(ProcessId, Geant4NamesRoundTrip)
{
    for (int i = 0; i < process_id_count; ++i)
    {
        const auto id = static_cast<ProcessId>(i);
        ASSERT_FALSE(process_name(id).empty());
        EXPECT_EQ(process_from_name(process_name(id)), id);
    }
    EXPECT_EQ(process_name(ProcessId::compton), "compt");
    EXPECT_EQ(process_name(ProcessId::muon_pair), "GammaToMuPair");
    EXPECT_EQ(process_name(ProcessId::dark_brem), "DarkBrem");
    EXPECT_FALSE(process_from_name("nonsense").has_value());
}

TEST(PhysicsTables, ConfigValidation)
{
    const std::vector<geometry::Material> si{geometry::Material(*geometry::nist_material_spec("G4_Si"))};
    PhysicsConfig bad;
    bad.range_cut = -1;
    EXPECT_THROW(PhysicsTables(si, bad), InputError);
    bad = {};
    bad.lowest_energy = 1 * units::GeV;
    bad.highest_energy = 1 * units::MeV;
    EXPECT_THROW(PhysicsTables(si, bad), InputError);
    bad = {};
    bad.bins_per_decade = 0;
    EXPECT_THROW(PhysicsTables(si, bad), InputError);
}

// The thresholds are those of Geant4 10.x's range-cut conversion at 0.7 mm (the default,
// because ldmx-sw runs Geant4 10.2.3); ProductionThresholdsTest checks the conversion itself
// against Geant4. Here: the tables use exactly it, and the ordering gamma < e+ < e- holds.
TEST(PhysicsTables, ProductionThresholdsAreGeant4TenAtSevenTenthsMm)
{
    const auto& tables = v14_tables();
    const ProductionThresholds converter(
        {.range_cut = 0.7 * units::mm, .algorithm = RangeCutAlgorithm::geant4_10});
    for (int m = 0; m < tables.material_count(); ++m)
    {
        const auto expected = converter(tables.material(m));
        const auto& got = tables.production_thresholds(m);
        EXPECT_DOUBLE_EQ(got.gamma, expected.gamma) << tables.material(m).name();
        EXPECT_DOUBLE_EQ(got.electron, expected.electron) << tables.material(m).name();
        EXPECT_DOUBLE_EQ(got.positron, expected.positron) << tables.material(m).name();
        EXPECT_LE(got.gamma, got.positron);
        EXPECT_LE(got.positron, got.electron);
    }
}

// ICRU Report 90 App. Table A.3 (liquid water, I = 78 eV): collision stopping power of 1 MeV
// electrons 1.845 MeV cm^2/g (quoted in github.com/claus-e-andersen/clanElectrons README, as in
// ElectronStoppingPowerTest). At 1 MeV the radiative share is < 1 % (Koch-Motz: ~ Z T / 800 MeV),
// so the total (unrestricted table) must be 1.845 (+0...1 %). Tolerance 1.5 %.
TEST(PhysicsTables, ElectronTotalStoppingPowerWaterOneMeV)
{
    const auto& tables = unrestricted_tables();
    const double rho = tables.material(3).density();
    const double total = tables.dedx(ParticleKind::electron, 3, 1 * units::MeV) / rho / mev_cm2_per_g;
    EXPECT_GT(total, 1.845 * 0.995);
    EXPECT_LT(total, 1.845 * 1.015);
}

// At 1 GeV the radiative part of the total (unrestricted) loss of e- tends to E/X0 (PDG
// "Passage of particles through matter", eq. for dE/dx_brem in complete screening; X0 from the
// PDG atomic and nuclear properties tables: Si 21.82, W 6.76, Fe 13.84 g/cm^2). The kernel
// includes the 1/9 term (+1.3-1.6 %) and incomplete screening; tolerance 4 %.
TEST(PhysicsTables, ElectronRadiativeLossApproachesEOverX0)
{
    const auto& tables = unrestricted_tables();
    const ElectronStoppingPower collision;
    const double x0[] = {21.82, 6.76, 13.84};
    for (int m = 0; m < 3; ++m)
    {
        const double t = 999 * units::MeV;  // below the 1 GeV LPM switch of the kernel
        const auto& material = tables.material(m);
        const double radiative = tables.dedx(ParticleKind::electron, m, t) - collision.dedx(material, t, Charge::electron);
        const double e_over_x0 = (t + constants::electron_mass) / (x0[m] * g_per_cm2 / material.density());
        EXPECT_NEAR(radiative / e_over_x0, 1.0, 0.04) << material.name();
    }
}

// Restricted loss + the loss carried by the discrete secondaries above the thresholds must
// give the unrestricted loss: for e-, n_e int_cut^{T/2} T' dsigma_Moller/dT' + sum_i n_i
// int_kcut^T k dsigma_i/dk (integrated numerically from the kernels' DCS); for mu, n_e
// int_cut^Tmax T' dsigma/dT'. The unrestricted loss comes from tables with a 10 GeV cut.
// Tolerance 1 %.
TEST(PhysicsTables, RestrictedLossPlusSecondariesIsUnrestricted)
{
    const auto& tables = v14_tables();
    const auto& full = unrestricted_tables();
    const int si = v14().find_material("G4_Si");
    const int w = v14().find_material("G4_W");
    const std::pair<int, int> pairs[] = {{si, 0}, {w, 1}};
    for (auto [m, m_full] : pairs)
    {
        const auto& material = tables.material(m);
        const auto cuts = tables.production_thresholds(m);
        for (double t : {10 * units::MeV, 100 * units::MeV, 900 * units::MeV})
        {
            const MollerBhabhaScattering moller(Lepton::electron, t);
            const double delta = material.electron_density() *
                                 integrate_log([&](double x) { return x * moller.differential_cross_section(x); },
                                               cuts.electron, 0.5 * t);
            double brem = 0;
            for (const auto& component : material.components())
            {
                const Bremsstrahlung kernel(BremsstrahlungElement(component.element->atomic_number),
                                            {material.electron_density(), material.radiation_length()}, t);
                brem += component.atoms_per_volume *
                        integrate_log([&](double k) { return k * kernel.differential_cross_section(k); }, cuts.gamma,
                                      t * (1 - 1e-12));
            }
            const double sum = tables.dedx(ParticleKind::electron, m, t) + delta + brem;
            EXPECT_NEAR(sum / full.dedx(ParticleKind::electron, m_full, t), 1.0, 0.01)
                << material.name() << " e- T = " << t;
        }
        for (double t : {1 * units::GeV, 8 * units::GeV})
        {
            const double t_max = MuonIonisation::max_energy_transfer(t, constants::muon_mass);
            const double delta =
                material.electron_density() *
                integrate_log(
                    [&](double x) { return x * MuonIonisation::differential_cross_section(t, constants::muon_mass, x); },
                    cuts.electron, t_max);
            const double sum = tables.dedx(ParticleKind::muon_minus, m, t) + delta;
            EXPECT_NEAR(sum / full.dedx(ParticleKind::muon_minus, m_full, t), 1.0, 0.01) << material.name() << " mu T = " << t;
            // and the delta-ray cross-section table is the integral of the same DCS
            const double sigma = material.electron_density() *
                                 integrate_log(
                                     [&](double x) {
                                         return MuonIonisation::differential_cross_section(t, constants::muon_mass, x);
                                     },
                                     cuts.electron, t_max);
            EXPECT_NEAR(tables.cross_section(ProcessId::muon_ionisation, ParticleKind::muon_minus, m, t) / sigma, 1.0,
                        0.01);
        }
    }
}

// PDG "Atomic and nuclear properties of materials": <-dE/dx>_min of muons, Si 1.664 MeV cm^2/g
// (verified: quoted in the PDG silicon figure caption "Minimum ionization (dE/dx|min) is
// 1.664 MeV g^-1 cm^2"); W 1.145 and Fe 1.451 MeV cm^2/g as given in the task brief from the
// same tables (not re-verified with the search tool). umbra omits shell and Barkas/Bloch/Mott
// corrections and uses the fitted Sternheimer parameters; measured 1.6634, 1.1448, 1.4516
// (<= 0.04 %); tolerance 0.5 %.
TEST(PhysicsTables, MuonMinimumIonisationMatchesPdg)
{
    const auto& tables = unrestricted_tables();
    const double reference[] = {1.664, 1.145, 1.451};
    for (int m = 0; m < 3; ++m)
    {
        double minimum = 1e9;
        for (int i = 0; i <= 400; ++i)
        {
            const double t = 100 * units::MeV * std::pow(30.0, i / 400.0);  // 0.1 - 3 GeV
            minimum = std::min(minimum, tables.dedx(ParticleKind::muon_plus, m, t));
        }
        minimum /= tables.material(m).density() * mev_cm2_per_g;
        EXPECT_NEAR(minimum / reference[m], 1.0, 0.005) << tables.material(m).name() << " " << minimum;
    }
}

// CSDA range of 1 MeV electrons in liquid water: NIST ESTAR 0.4367 g/cm^2. This number could
// NOT be retrieved with the search tool (ESTAR tables are not in the corpus); it is the commonly
// quoted ESTAR value and is used with a 3 % tolerance (measured 0.4389, +0.5 %). The brief's
// "Si ~ 0.2 g/cm^2" could not be confirmed either; umbra gives 0.538 g/cm^2 for Si (recorded
// as a test property), consistent with Si's ~17 % lower stopping power per g/cm^2 than water.
TEST(PhysicsTables, ElectronCsdaRangeWater)
{
    const auto& tables = unrestricted_tables();
    const double csda = tables.range(ParticleKind::electron, 3, 1 * units::MeV) * tables.material(3).density();
    EXPECT_NEAR(csda / g_per_cm2, 0.4367, 0.03 * 0.4367);
    const double si = tables.range(ParticleKind::electron, 0, 1 * units::MeV) * tables.material(0).density();
    RecordProperty("si_csda_1mev_g_cm2", std::to_string(si / g_per_cm2));
    EXPECT_GT(si / g_per_cm2, csda / g_per_cm2);  // lower Z/A and higher I than water
}

// A high-energy photon's mean free path is 9/7 X0 (PDG eq. 34.31). X0(W) = 6.76 g/cm^2 /
// 19.3 g/cm^3 (PDG). At 1 GeV the pair cross-section (Geant4 fit) is 0.954 of its asymptote
// (GammaConversionTest), so lambda is above 9/7 X0: measured +4.5 % (Compton adds ~0.3 %);
// tolerance 5 %.
TEST(PhysicsTables, PhotonMeanFreePathInTungsten)
{
    const auto& tables = v14_tables();
    const int w = v14().find_material("G4_W");
    const double x0 = 6.76 * g_per_cm2 / tables.material(w).density();
    const double lambda = 1.0 / tables.total_cross_section(ParticleKind::gamma, w, 1 * units::GeV);
    EXPECT_NEAR(lambda / (9.0 / 7.0 * x0), 1.0, 0.05);
    EXPECT_GT(lambda, 9.0 / 7.0 * x0);
}

// Interpolation vs direct kernel calls at random energies (10 keV - 100 GeV), for W, Si, FR4
// and PVT. This is a consistency check of the tables against our own kernels only. Excluded:
// 3 bins above each process threshold (the cross-section rises from 0 and is interpolated by
// a local power law; relative errors up to tens of % of a small number), and the bins around
// the kernels' own switches (gamma->mumu at 5 m_mu (2 bins), pair fit at 1.5 MeV,
// Sandia interval at 0.5 MeV, muon Bethe/low-energy join at 200 keV, bremsstrahlung LPM at
// 1 GeV). Measured maxima (20 bins/decade): dE/dx 0.22 %, cross-sections 1.2 % (mu delta rays
// in plastics just above the excluded bins), typical < 0.5 %. Bounds 0.5 % and 1.5 %.
TEST(PhysicsTables, InterpolationAccuracy)
{
    const auto& tables = v14_tables();
    const auto grid = tables.energy_grid();
    const double log_step = std::log(grid[1] / grid[0]);
    auto near = [&](double e, double at, double bins) { return std::abs(std::log(e / at)) < bins * log_step; };
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> log_energy(std::log(10 * units::keV), std::log(100 * units::GeV));
    for (const char* name : {"G4_W", "G4_Si", "FR4", "PolyvinylToluene"})
    {
        const int m = v14().find_material(name);
        for (ParticleKind kind : all_particle_kinds)
        {
            double worst_dedx = 0;
            double worst_sigma = 0;
            double worst_energy = 0;
            for (int n = 0; n < 300; ++n)
            {
                const double e = std::exp(log_energy(rng));
                if (near(e, 1.5, 1) || near(e, 5 * constants::muon_mass, 2) || near(e, 0.5, 1) || near(e, 0.2, 1) ||
                    near(e, 1000, 1))
                    continue;
                if (is_charged(kind))
                    worst_dedx = std::max(worst_dedx, std::abs(tables.dedx(kind, m, e) / tables.dedx_direct(kind, m, e) - 1));
                for (ProcessId process : PhysicsTables::discrete_processes(kind))
                {
                    // first node with sigma > 0 ~ threshold
                    double threshold = 0;
                    for (std::size_t j = 0; j < grid.size(); ++j)
                    {
                        if (tables.cross_section_direct(process, kind, m, grid[j]) > 0)
                        {
                            threshold = j > 0 ? grid[j - 1] : 0;
                            break;
                        }
                    }
                    if (threshold > 0 && e < threshold * std::exp(3 * log_step)) continue;
                    const double direct = tables.cross_section_direct(process, kind, m, e);
                    const double error = direct > 0 ? std::abs(tables.cross_section(process, kind, m, e) / direct - 1) : 0.0;
                    if (error > worst_sigma)
                    {
                        worst_sigma = error;
                        worst_energy = e;
                    }
                }
            }
            EXPECT_LT(worst_dedx, 0.005) << name << " " << particle_name(kind);
            EXPECT_LT(worst_sigma, 0.015) << name << " " << particle_name(kind) << " at " << worst_energy << " MeV";
        }
    }
}

TEST(PhysicsTables, RangeAndInverseAreConsistent)
{
    const auto& tables = v14_tables();
    for (int m = 0; m < tables.material_count(); ++m)
    {
        for (ParticleKind kind : {ParticleKind::electron, ParticleKind::positron, ParticleKind::muon_minus})
        {
            double previous = 0;
            for (double e = 0.1 * units::keV; e < 200 * units::GeV; e *= 1.37)
            {
                const double r = tables.range(kind, m, e);
                EXPECT_GT(r, previous);
                previous = r;
                EXPECT_NEAR(tables.energy_from_range(kind, m, r) / e, 1.0, 1e-10);
            }
            // dR/dE = 1/(dE/dx): a finite difference at 10 MeV, within interpolation error.
            const double e = 10 * units::MeV;
            const double derivative = (tables.range(kind, m, e * 1.001) - tables.range(kind, m, e * 0.999)) / (0.002 * e);
            EXPECT_NEAR(derivative * tables.dedx(kind, m, e), 1.0, 0.01) << tables.material(m).name();
        }
    }
    EXPECT_EQ(tables.dedx(ParticleKind::gamma, 0, 1.0), 0.0);
    EXPECT_TRUE(std::isinf(tables.range(ParticleKind::gamma, 0, 1.0)));
}

TEST(PhysicsTables, ProcessesAndTotal)
{
    const auto& tables = v14_tables();
    const int w = v14().find_material("G4_W");
    for (ParticleKind kind : all_particle_kinds)
    {
        for (double e : {5 * units::keV, 150 * units::keV, 3 * units::MeV, 1 * units::GeV, 8 * units::GeV})
        {
            double sum = 0;
            for (ProcessId process : PhysicsTables::discrete_processes(kind)) sum += tables.cross_section(process, kind, w, e);
            EXPECT_NEAR(tables.total_cross_section(kind, w, e), sum, 0.01 * sum + 1e-30) << particle_name(kind) << " " << e;
        }
    }
    // processes a particle does not have
    EXPECT_EQ(tables.cross_section(ProcessId::compton, ParticleKind::electron, w, 1.0), 0.0);
    EXPECT_EQ(tables.cross_section(ProcessId::annihilation, ParticleKind::electron, w, 1.0), 0.0);
    // muon synonym
    EXPECT_EQ(tables.cross_section(ProcessId::ionisation, ParticleKind::muon_plus, w, 1000.0),
              tables.cross_section(ProcessId::muon_ionisation, ParticleKind::muon_plus, w, 1000.0));
    // Moller threshold: no delta rays from e- below 2 x the e- threshold
    const double cut = tables.production_thresholds(w).electron;
    EXPECT_EQ(tables.cross_section(ProcessId::ionisation, ParticleKind::electron, w, 1.99 * cut), 0.0);
    EXPECT_GT(tables.cross_section(ProcessId::ionisation, ParticleKind::electron, w, 2.05 * cut), 0.0);
    // sample_process respects the partial cross-sections
    const double e = 1 * units::GeV;
    const double ioni = tables.cross_section(ProcessId::ionisation, ParticleKind::electron, w, e);
    const double total = tables.total_cross_section(ParticleKind::electron, w, e);
    EXPECT_EQ(tables.sample_process(ParticleKind::electron, w, e, 0.999 * ioni / total), ProcessId::ionisation);
    EXPECT_EQ(tables.sample_process(ParticleKind::electron, w, e, 1.001 * ioni / total), ProcessId::bremsstrahlung);
}

// Integral approach: sigma_max over [E_low, E_high] bounds sigma at every energy in between
// and is attained (Moller peak of e- in Si lies between 1 and 10 MeV).
TEST(PhysicsTables, MaxCrossSectionBoundsTheInterval)
{
    const auto& tables = v14_tables();
    const int si = v14().find_material("G4_Si");
    for (ParticleKind kind : {ParticleKind::electron, ParticleKind::positron, ParticleKind::muon_minus})
    {
        for (double high : {2 * units::MeV, 10 * units::MeV, 300 * units::MeV, 8 * units::GeV})
        {
            for (double ratio : {1.0, 0.8, 0.3, 0.01})
            {
                const double low = high * ratio;
                const double bound = tables.max_total_cross_section_below(kind, si, high, low);
                double largest = 0;
                for (int i = 0; i <= 200; ++i)
                {
                    const double e = low * std::pow(high / low, i / 200.0);
                    const double sigma = tables.total_cross_section(kind, si, e);
                    EXPECT_LE(sigma, bound * (1 + 1e-12));
                    largest = std::max(largest, sigma);
                }
                EXPECT_LE(bound, largest * 1.01 + 1e-300) << particle_name(kind) << " " << high << " " << ratio;
                const double ioni = tables.max_cross_section_below(ProcessId::ionisation, kind, si, high, low);
                EXPECT_GE(ioni, tables.cross_section(ProcessId::ionisation, kind, si, high));
                EXPECT_GE(ioni, tables.cross_section(ProcessId::ionisation, kind, si, low));
            }
        }
    }
}

// Element selection in FR4 (Cu, O, Si, Ca, Na): for bremsstrahlung at 1 GeV and conversion at
// 100 MeV the frequencies over a uniform u grid equal n_i sigma_i / sum (per-element kernel
// cross-sections via cross_section_direct of one-element fractions is not exposed, so compare
// with the bremsstrahlung kernel directly), within 1 %; delta rays pick by electron share.
TEST(PhysicsTables, SampleElementFollowsPartialCrossSections)
{
    const auto& tables = v14_tables();
    const int fr4 = v14().find_material("FR4");
    const auto& material = tables.material(fr4);
    const auto components = material.components();
    const double e = 1 * units::GeV;
    const double cut = tables.production_thresholds(fr4).gamma;
    std::vector<double> expected;
    double sum = 0;
    for (const auto& c : components)
    {
        const Bremsstrahlung brem(BremsstrahlungElement(c.element->atomic_number),
                                  {material.electron_density(), material.radiation_length()}, e);
        expected.push_back(c.atoms_per_volume * brem.cross_section(cut));
        sum += expected.back();
    }
    const int n = 100000;
    std::vector<int> counts(components.size());
    for (int k = 0; k < n; ++k)
        ++counts[static_cast<std::size_t>(
            tables.sample_element(ProcessId::bremsstrahlung, ParticleKind::electron, fr4, e, (k + 0.5) / n))];
    for (std::size_t i = 0; i < components.size(); ++i)
        EXPECT_NEAR(counts[i] / double(n), expected[i] / sum, 0.01 * expected[i] / sum + 2.0 / n) << i;

    std::vector<int> electron_counts(components.size());
    for (int k = 0; k < n; ++k)
        ++electron_counts[static_cast<std::size_t>(
            tables.sample_element(ProcessId::ionisation, ParticleKind::electron, fr4, e, (k + 0.5) / n))];
    for (std::size_t i = 0; i < components.size(); ++i)
    {
        const double share = components[i].atoms_per_volume * components[i].element->atomic_number / material.electron_density();
        EXPECT_NEAR(electron_counts[i] / double(n), share, 2.0 / n);
    }
    // single-element material
    const int w = v14().find_material("G4_W");
    EXPECT_EQ(tables.sample_element(ProcessId::conversion, ParticleKind::gamma, w, 1000, 0.7), 0);
}

TEST(PhysicsTables, BuildIsDeterministicAcrossThreads)
{
    PhysicsConfig one;
    one.threads = 1;
    PhysicsConfig two;
    two.threads = 2;
    const PhysicsTables a(v14(), one);
    const PhysicsTables b(v14(), two);
    for (int m = 0; m < a.material_count(); ++m)
    {
        for (ParticleKind kind : all_particle_kinds)
        {
            for (double e : {0.01, 1.0, 123.0, 8000.0})
            {
                EXPECT_EQ(a.dedx(kind, m, e), b.dedx(kind, m, e));
                EXPECT_EQ(a.total_cross_section(kind, m, e), b.total_cross_section(kind, m, e));
            }
        }
    }
}

TEST(PhysicsTables, ContinuousProcessParameters)
{
    const auto& tables = v14_tables();
    const int w = v14().find_material("G4_W");
    // X0(W) = 6.76 g/cm^2 (PDG) / 19.3 g/cm^3 = 3.50 mm; Tsai's formula agrees within 1 %.
    EXPECT_NEAR(tables.msc_material_data(w).radiation_length / (6.76 * g_per_cm2 / tables.material(w).density()), 1.0,
                0.01);
    // I(W) = 727 eV (ICRU 37, PDG)
    EXPECT_NEAR(tables.fluctuation_data(w).mean_excitation_energy / units::eV, 727.0, 1.0);
    const auto& msc_e = tables.multiple_scattering(ParticleKind::electron, w);
    const auto& msc_mu = tables.multiple_scattering(ParticleKind::muon_plus, w);
    // a muon and an electron of equal momentum scatter alike; at equal kinetic energy the muon less
    EXPECT_GT(msc_mu.transport_mean_free_path(100.0), msc_e.transport_mean_free_path(100.0));
}

namespace umbra::sim
{
namespace
{
TEST(PhysicsTables, EnergyPointLookupsEqualTheDoubleOnes)
{
    // The stepping loop carries ln E between lookups (EnergyPoint); every such overload must give
    // what the plain lookup gives, up to rounding, at every energy and in every material.
    const auto& tables = v14_tables();
    for (int material = 0; material < tables.material_count(); ++material)
    {
        for (const auto kind : {ParticleKind::electron, ParticleKind::positron, ParticleKind::gamma, ParticleKind::muon_minus})
        {
            for (double e = 0.002; e < 9e4; e *= 1.37)
            {
                const auto point = EnergyPoint::of(e);
                const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b)) + 1e-300; };
                EXPECT_TRUE(close(tables.total_cross_section(kind, material, point), tables.total_cross_section(kind, material, e)))
                    << "sigma " << material << " " << e;
                if (kind == ParticleKind::gamma) continue;
                EXPECT_TRUE(close(tables.dedx(kind, material, point), tables.dedx(kind, material, e))) << "dedx " << e;
                EXPECT_TRUE(close(tables.range(kind, material, point), tables.range(kind, material, e))) << "range " << e;
                const double half_range = 0.5 * tables.range(kind, material, e);
                EXPECT_TRUE(close(tables.energy_from_range(kind, material, half_range, point).energy,
                                  tables.energy_from_range(kind, material, half_range)))
                    << "energy_from_range " << e;
                const auto low = EnergyPoint::of(0.6 * e);
                EXPECT_TRUE(close(tables.max_total_cross_section_below(kind, material, point, low),
                                  tables.max_total_cross_section_below(kind, material, e, 0.6 * e)))
                    << "max sigma " << e;
            }
        }
    }
}
}  // namespace
}  // namespace umbra::sim
