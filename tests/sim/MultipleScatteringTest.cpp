#include "umbra/sim/MultipleScattering.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::sim;
using constants::electron_mass;
using units::cm;
using units::GeV;
using units::MeV;
using units::mm;

namespace
{
//! A pure element from PDG "Atomic and nuclear properties of materials" values.
struct PdgElement
{
    int z;
    double molar_mass;        //!< A [g/mol]
    double density;           //!< rho [g/cm^3]
    double radiation_length;  //!< X0 [g/cm^2]
    double radiation_length_mm() const { return radiation_length / density * cm; }
    ElementDensity element() const
    {
        return {.atomic_number = z,
                .atoms_per_volume = density * units::g_per_cm3 * constants::avogadro / molar_mass,
                .molar_mass = molar_mass};
    }
};
// PDG 2024 "Atomic and nuclear properties of materials" (pdg.lbl.gov/AtomicNuclearProperties):
// tungsten X0 = 6.76 g/cm^2 (0.3504 cm), silicon X0 = 21.82 g/cm^2 (9.370 cm).
constexpr PdgElement tungsten{74, 183.84, 19.30, 6.76};
constexpr PdgElement silicon{14, 28.0855, 2.329, 21.82};

MultipleScattering make_msc(const PdgElement& element, double charge = -1, double mass = electron_mass)
{
    const ElementDensity elements[] = {element.element()};
    return MultipleScattering(make_msc_material_data(elements), {.mass = mass, .charge = charge});
}

RandomStream make_rng(std::uint64_t event) { return RandomStream({.seed = 2024, .stream = StreamId::test, .event = event}); }

//! Highland formula, PDG eq. 34.15 (z = 1): theta0 = 13.6 MeV/(beta c p) sqrt(x/X0) [1 + 0.038 ln(x/(X0 beta^2))].
double highland(double kinetic_energy, double mass, double x_over_x0)
{
    const double p = std::sqrt(kinetic_energy * (kinetic_energy + 2 * mass));
    const double beta = p / (kinetic_energy + mass);
    return 13.6 * MeV / (beta * p) * std::sqrt(x_over_x0) * (1 + 0.038 * std::log(x_over_x0 / (beta * beta)));
}

//! Lynch & Dahl, NIM B58 (1991) 6, eqs. 7-8 (quoted in PDG sec. 34.3): width of the
//! Gaussian fitted to the central fraction F = 0.98, z = 1; x in g/cm^2, p in MeV.
double lynch_dahl(double kinetic_energy, double mass, const PdgElement& element, double x_g_cm2)
{
    const double p = std::sqrt(kinetic_energy * (kinetic_energy + 2 * mass));
    const double beta = p / (kinetic_energy + mass);
    const double z = element.z;
    const double chi_c2 = 0.157 * z * (z + 1) * x_g_cm2 / element.molar_mass / (p * p * beta * beta);
    const double za = z * constants::alpha / beta;
    const double chi_a2 = 2.007e-5 * std::cbrt(z * z) * (1 + 3.34 * za * za) / (p * p);
    const double omega = chi_c2 / (1.167 * chi_a2);
    constexpr double f = 0.98;
    const double v = 0.5 * omega / (1 - f);
    return std::sqrt(chi_c2 / (1 + f * f) * ((1 + v) / v * std::log1p(v) - 1));
}

//! Width of the Gaussian core: RMS within +-2 sigma, iterated, divided by the
//! truncated-Gaussian factor sqrt(1 - 2*2*phi(2)/erf(sqrt 2)) = sqrt(0.77371)
//! (a robust stand-in for the Gaussian fit to the central part used by Highland / Lynch-Dahl).
double core_width(const std::vector<double>& values)
{
    double sigma = 0;
    for (double v : values) sigma += v * v;
    sigma = std::sqrt(sigma / static_cast<double>(values.size()));
    for (int iteration = 0; iteration < 30; ++iteration)
    {
        double sum2 = 0;
        double n = 0;
        for (double v : values)
            if (std::abs(v) < 2 * sigma)
            {
                sum2 += v * v;
                n += 1;
            }
        sigma = std::sqrt(sum2 / n / 0.773705);
    }
    return sigma;
}

struct SlabResult
{
    std::vector<double> theta_x;  //!< projected exit angle [rad]
    std::vector<double> x;        //!< exit position, x [mm]
    double mean_steps = 0;
};

//! Transports `n` particles of fixed kinetic energy (no energy loss, as the
//! Highland formula assumes fixed momentum) through a slab 0 < z < thickness
//! with the UseSafety step limitation, the t<->z conversion, the angular
//! sampling and the lateral displacement (clipped to the post-step safety, as
//! G4VMultipleScattering does). `max_step` caps the true step (physics limit).
SlabResult transport_through_slab(const MultipleScattering& msc, double kinetic_energy, double thickness,
                                  double max_step, int n, std::uint64_t seed)
{
    constexpr double range = 1e12 * mm;  // no energy loss
    SlabResult result;
    double steps = 0;
    for (int i = 0; i < n; ++i)
    {
        auto rng = make_rng(seed * 1000000 + static_cast<std::uint64_t>(i));
        ThreeVector position{0, 0, 0};
        ThreeVector direction{0, 0, 1};
        MscTrackState state;
        MscStepStart start = MscStepStart::boundary;
        for (int step_count = 0; step_count < 100000; ++step_count)
        {
            const double safety = std::min(position.z, thickness - position.z);
            const double t = msc.limit_step(kinetic_energy, range, safety, max_step, start, state, rng);
            MscStep step = msc.true_to_geom(t, kinetic_energy, range, kinetic_energy);
            const double to_boundary = direction.z > 0   ? (thickness - position.z) / direction.z
                                       : direction.z < 0 ? -position.z / direction.z
                                                         : std::numeric_limits<double>::infinity();
            bool leaves = false;
            if (step.geom_length >= to_boundary)
            {
                step.true_length = msc.geom_to_true(step, to_boundary);
                step.geom_length = to_boundary;
                leaves = true;
            }
            position += direction * step.geom_length;
            const auto deflection = msc.sample_scattering(step, kinetic_energy, leaves ? 0.0 : safety, rng);
            if (!leaves)
            {
                ThreeVector displacement = rotate_to_frame(deflection.displacement, direction);
                const double post_safety = 0.99 * std::min(position.z, thickness - position.z);
                const double r = displacement.mag();
                if (r > post_safety) displacement *= post_safety / r;
                position += displacement;
            }
            direction = rotate_to_frame(deflection.direction, direction).unit();
            steps += 1;
            start = MscStepStart::interior;
            if (leaves) break;
        }
        if (position.z >= thickness * (1 - 1e-12))
        {
            result.theta_x.push_back(std::atan2(direction.x, direction.z));
            result.x.push_back(position.x);
        }
    }
    result.mean_steps = steps / n;
    return result;
}
}  // namespace

TEST(MultipleScattering, RadiationLengthMatchesPdg)
{
    // Tsai's formula (PDG eq. 34.26) against the PDG tabulated X0 (which uses it): 0.5 %.
    for (const auto& element : {tungsten, silicon})
    {
        const ElementDensity e[] = {element.element()};
        EXPECT_NEAR(tsai_radiation_length(e) / element.radiation_length_mm(), 1.0, 0.005) << "Z = " << element.z;
    }
    // Water, X0 = 36.08 g/cm^2 (PDG): 2 H + O at 1 g/cm^3.
    const double n_water = 1.0 * units::g_per_cm3 * constants::avogadro / 18.015;
    const ElementDensity water[] = {{1, 2 * n_water, 1.008}, {8, n_water, 15.999}};
    EXPECT_NEAR(tsai_radiation_length(water) / (36.08 * cm), 1.0, 0.005);
}

TEST(MultipleScattering, MaterialDataFromElements)
{
    const double n = 1e19;
    const ElementDensity elements[] = {{1, 2 * n, 0}, {8, n, 0}};
    const auto data = make_msc_material_data(elements);
    EXPECT_DOUBLE_EQ(data.atom_density, 3 * n);
    EXPECT_DOUBLE_EQ(data.electron_density, 10 * n);
    EXPECT_DOUBLE_EQ(data.z_eff, 10.0 / 3);
    EXPECT_THROW(make_msc_material_data({}), InputError);
    const ElementDensity bad[] = {{0, n, 0}};
    EXPECT_THROW(make_msc_material_data(bad), InputError);
    const ElementDensity negative[] = {{6, -n, 0}};
    EXPECT_THROW(make_msc_material_data(negative), InputError);
    EXPECT_THROW(MultipleScattering(make_msc_material_data(elements), {.mass = electron_mass, .charge = -1},
                                    {.range_factor = 0}),
                 InputError);
}

TEST(MultipleScattering, TransportMeanFreePathScalesAsPBetaSquared)
{
    // Above ~10 MeV the screened-Rutherford lambda1 grows as (p beta)^2 up to the
    // slowly varying screening logarithm: lambda1(1 GeV)/lambda1(100 MeV) ~ 100 (within 10 %).
    const auto msc = make_msc(tungsten);
    const double ratio = msc.transport_mean_free_path(1 * GeV) / msc.transport_mean_free_path(100 * MeV);
    EXPECT_NEAR(ratio / 100, 1.0, 0.1);
    // The table reproduces the direct cross-section sum (interpolation error < 0.5 %).
    const auto e = tungsten.element();
    for (double energy : {0.0123 * MeV, 1.7 * MeV, 37 * MeV, 4.2 * GeV})
    {
        const double direct = 1 / (e.atoms_per_volume * msc.transport_cross_section_per_atom(74, energy));
        EXPECT_NEAR(msc.transport_mean_free_path(energy) / direct, 1.0, 0.005) << energy;
    }
    // Muon of the same p*beta as a 1 GeV electron has (nearly) the same lambda1.
    const auto muon = make_msc(tungsten, -1, constants::muon_mass);
    const double p = std::sqrt(1 * GeV * (1 * GeV + 2 * electron_mass));
    const double muon_kinetic = std::sqrt(p * p + constants::muon_mass * constants::muon_mass) - constants::muon_mass;
    // p beta of the muon is lower by beta_mu ~ 0.9945: lambda ~ (p beta)^2 -> 1 % lower at most
    EXPECT_NEAR(muon.transport_mean_free_path(muon_kinetic) / msc.transport_mean_free_path(1 * GeV), 0.99, 0.02);
}

TEST(MultipleScattering, Theta0IsModifiedHighland)
{
    // Urban's theta0 is the Highland form with Z-dependent coefficients fitted to
    // e- data; for 0.01-1 X0 at 1 GeV in W it agrees with PDG eq. 34.15 within 6 %
    // (Highland itself is quoted to 11 %).
    const auto msc = make_msc(tungsten);
    const double x0 = msc.material().radiation_length;
    for (double fraction : {0.01, 0.1, 1.0})
    {
        const double t0 = msc.theta0(fraction * x0, 1 * GeV, 1 * GeV);
        EXPECT_NEAR(t0 / highland(1 * GeV, electron_mass, fraction), 1.0, 0.06) << fraction;
    }
}

TEST(MultipleScattering, MeanCosineFollowsTransportMeanFreePath)
{
    // Lewis (Phys. Rev. 78 (1950) 526): <cos theta> = exp(-s/lambda1) exactly, for any s.
    // The Urban model mixes its central part, tail and an isotropic part with weight
    // qprob chosen to reproduce it; where the central part plus tail alone already has
    // <cos> < exp(-tau) (qprob > 1, e.g. 10 MeV e- in Si at tau = 0.2: qprob = 1.036 by
    // hand from the PRM formulas) Geant4 10.0 -- and this implementation -- samples
    // them unmodified and <cos> falls below exp(-tau) by up to ~10 % (0.01 < tau < 0.5,
    // 10 MeV - 1 GeV); for tau < 0.01 and in the "simple scattering" regime
    // (theta0 > pi/6, tau >~ 0.5) the relation is exact. 10 MeV e- in Si; single steps
    // and a chain of 8 sub-steps (directions composed in 3D).
    const auto msc = make_msc(silicon);
    const double energy = 10 * MeV;
    const double lambda1 = msc.transport_mean_free_path(energy);
    constexpr int n = 40000;
    struct Case
    {
        double s_over_lambda;
        double tolerance;  //!< allowed relative bias on top of 4 sigma
    };
    for (const auto [s_over_lambda, tolerance] : {Case{0.001, 0.0}, Case{0.01, 0.0}, Case{0.2, 0.05}, Case{1.0, 0.0},
                                                  Case{2.0, 0.0}})
    {
        const double s = s_over_lambda * lambda1;
        auto rng = make_rng(static_cast<std::uint64_t>(s_over_lambda * 1000));
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; ++i)
        {
            const double c = msc.sample_cos_theta(s, energy, energy, rng);
            sum += c;
            sum2 += c * c;
        }
        const double expected = std::exp(-s_over_lambda);
        const double mean = sum / n;
        const double error = std::sqrt((sum2 / n - mean * mean) / n);
        EXPECT_NEAR(mean, expected, 4 * error + tolerance * expected + 1e-6) << "s/lambda1 = " << s_over_lambda;
    }
    // 8 sub-steps of tau = 0.005: <cos> multiplies, exp(-0.04) overall.
    auto rng = make_rng(77);
    double sum_chain = 0;
    const double s = 0.04 * lambda1;
    for (int i = 0; i < n; ++i)
    {
        ThreeVector direction{0, 0, 1};
        for (int k = 0; k < 8; ++k)
        {
            const double ck = msc.sample_cos_theta(s / 8, energy, energy, rng);
            const double sk = std::sqrt((1 - ck) * (1 + ck));
            const double phi = 2 * constants::pi * rng.uniform();
            direction = rotate_to_frame({sk * std::cos(phi), sk * std::sin(phi), ck}, direction).unit();
        }
        sum_chain += direction.z;
    }
    // spread of cos after tau = 0.04 is ~0.05: 4 sigma ~ 0.001
    EXPECT_NEAR(sum_chain / n, std::exp(-0.04), 0.0015);
}

TEST(MultipleScattering, SingleStepDisplacementCorrelation)
{
    // The Urban displacement of one step of true length t: r = rmax u^(1/3),
    // rmax = sqrt(t^2 - z^2), azimuth chosen so that r sin(theta) cos(Phi - phi) equals
    // Lewis' <x.v> (LatCorrelation). Compared with the Gaussian (Fermi-Eyges) results of
    // PDG eqs. 34.18-34.21 written with full second moments: y_plane^rms = t theta_rms/sqrt(3)
    // and rho_y_theta = sqrt(3)/2 = 0.866, theta_rms^2 = <theta_x^2> of the sampled angles.
    // For tau << 1 the Urban sampler gives <r^2> = (3/5) t^3/lambda1 (Fermi-Eyges: 2/3), so
    // y_rms comes out ~10 % low (measured 0.85-0.89, W, 0.1 X0). The correlation is much weaker
    // than Fermi-Eyges: the azimuth is correlated only when r sin(theta) exceeds <x.v>, which
    // for a narrow core is often not the case; measured rho = 0.30-0.32. This is a known
    // weakness of the Geant4 10.0 displacement sampler (later Geant4 versions replaced it); in
    // multi-step transport the correlation is built up by the angular random walk and comes
    // out right (LateralDisplacementAndCorrelation: 0.81-0.84). Asserted: y_rms within 20 %,
    // rho in [0.2, 0.5] (i.e. clearly positive, as documented).
    const auto msc = make_msc(tungsten);
    for (double energy : {1 * GeV, 100 * MeV})
    {
        const double t = 0.1 * tungsten.radiation_length_mm();
        auto rng = make_rng(static_cast<std::uint64_t>(energy) + 5);
        const auto step = msc.true_to_geom(t, energy, 1e12, energy);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        constexpr int n = 20000;
        for (int i = 0; i < n; ++i)
        {
            const auto d = msc.sample_scattering(step, energy, 1e9, rng);
            const double theta_x = std::atan2(d.direction.x, d.direction.z);
            const double y = d.displacement.x;
            sxy += y * theta_x;
            sxx += y * y;
            syy += theta_x * theta_x;
        }
        const double rho = sxy / std::sqrt(sxx * syy);
        const double y_ratio = std::sqrt(sxx / n) / (t * std::sqrt(syy / n) / std::sqrt(3.0));
        std::printf("  MSC single-step displacement E=%g MeV: y_rms/(t theta_rms/sqrt3) = %.3f, rho = %.3f\n", energy,
                    y_ratio, rho);
        EXPECT_NEAR(y_ratio, 1.0, 0.20);
        EXPECT_GT(rho, 0.2);
        EXPECT_LT(rho, 0.5);
    }
}

TEST(MultipleScattering, PathLengthConversionRoundTrip)
{
    const auto msc = make_msc(silicon);
    const double energy = 2 * MeV;
    const double lambda1 = msc.transport_mean_free_path(energy);
    // No energy loss: z = lambda1 (1 - exp(-t/lambda1)) (Lewis' mean projected path).
    const auto step = msc.true_to_geom(0.3 * lambda1, energy, 1e9, energy);
    EXPECT_NEAR(step.geom_length, lambda1 * (1 - std::exp(-0.3)), 1e-9 * lambda1);
    EXPECT_NEAR(msc.geom_to_true(step, 0.5 * step.geom_length), -lambda1 * std::log(1 - 0.5 * step.geom_length / lambda1),
                1e-9 * lambda1);
    // With energy loss (t > 5 % of the range) z < t and the inverse recovers t.
    const double range = 5 * mm;
    const auto lossy = msc.true_to_geom(1 * mm, energy, range, 1.5 * MeV);
    EXPECT_LT(lossy.geom_length, lossy.true_length);
    EXPECT_GT(lossy.par1, 0);
    EXPECT_NEAR(msc.geom_to_true(lossy, lossy.geom_length * (1 - 1e-12)), lossy.true_length, 1e-6 * mm);
}

TEST(MultipleScattering, StepLimitUseSafety)
{
    // 1 MeV e- in Si: lambda1 < range in UseSafety -> limit = fr * max(range, lambda1)
    // randomised on the first step, then fixed; far from boundaries (range < safety)
    // no limit. lambda1 > 1 mm enhances fr by 0.75 + 0.25 lambda1/1mm (Geant4 9.1-like e+- stepping).
    const auto msc = make_msc(silicon);
    const double energy = 1 * MeV;
    const double range = 2.0 * mm;  // CSDA range of 1 MeV e- in Si ~ 0.2 g/cm^2 / 2.33 (ESTAR), rounded
    const double lambda1 = msc.transport_mean_free_path(energy);
    auto rng = make_rng(3);
    MscTrackState state;
    const double first = msc.limit_step(energy, range, 0.0, 1e9, MscStepStart::boundary, state, rng);
    double fr = 0.04;
    if (lambda1 > 1 * mm) fr *= 0.75 + 0.25 * lambda1 / (1 * mm);
    const double expected = fr * std::max(range, lambda1);
    EXPECT_GT(first, 0.0);
    EXPECT_LT(first, 2 * expected);
    const double second = msc.limit_step(energy, range, 0.0, 1e9, MscStepStart::interior, state, rng);
    EXPECT_NEAR(second, expected, 1e-12);
    // safety factor: a large safety allows 0.6 * safety
    EXPECT_NEAR(msc.limit_step(energy, range, 1.9 * mm, 1e9, MscStepStart::interior, state, rng), 0.6 * 1.9 * mm, 1e-12);
    // range < safety: no MSC limit (physics step or range)
    EXPECT_DOUBLE_EQ(msc.limit_step(energy, range, 3 * mm, 1e9, MscStepStart::interior, state, rng), range);
    EXPECT_TRUE(state.inside);
}

TEST(MultipleScatteringValidation, ProjectedWidthVsHighlandAndLynchDahl)
{
    // Slab transport of mono-energetic e- with the full MSC step (UseSafety limits,
    // t<->z, deflection, displacement). The width of the Gaussian core of the
    // projected exit angle is compared with
    //  - Highland, PDG eq. 34.15: "accurate to 11 % or better for 1e-3 < x/X0 < 100";
    //  - Lynch & Dahl NIM B58 (1991) 6 (Gaussian fit to the central 98 %), quoted by the
    //    PDG as accurate to ~2 % for 1e-3 < x/X0 < 100 (we allow 11 % as well).
    struct Case
    {
        double energy;
        const PdgElement* element;
        double x_over_x0;
    };
    const Case cases[] = {{1 * GeV, &tungsten, 0.1},  {1 * GeV, &tungsten, 1.0},  {100 * MeV, &tungsten, 0.1},
                          {100 * MeV, &tungsten, 1.0}, {1 * GeV, &silicon, 0.1},   {1 * GeV, &silicon, 1.0},
                          {100 * MeV, &silicon, 0.1},  {100 * MeV, &silicon, 1.0}, {8 * GeV, &tungsten, 0.1}};
    std::uint64_t seed = 10;
    for (const auto& c : cases)
    {
        const auto msc = make_msc(*c.element);
        const double thickness = c.x_over_x0 * c.element->radiation_length_mm();
        const auto result = transport_through_slab(msc, c.energy, thickness, 1e9, 6000, seed++);
        const double width = core_width(result.theta_x);
        const double h = highland(c.energy, electron_mass, c.x_over_x0);
        const double ld = lynch_dahl(c.energy, electron_mass, *c.element, c.x_over_x0 * c.element->radiation_length);
        std::printf("  MSC width Z=%d E=%g MeV x/X0=%g: model %.4g rad, Highland %.4g (%.3f), Lynch-Dahl %.4g (%.3f), "
                    "%.1f steps\n",
                    c.element->z, c.energy, c.x_over_x0, width, h, width / h, ld, width / ld, result.mean_steps);
        EXPECT_NEAR(width / h, 1.0, 0.11) << "Z=" << c.element->z << " E=" << c.energy << " x/X0=" << c.x_over_x0;
        EXPECT_NEAR(width / ld, 1.0, 0.11) << "Z=" << c.element->z << " E=" << c.energy << " x/X0=" << c.x_over_x0;
    }
}

TEST(MultipleScatteringValidation, LateralDisplacementAndCorrelation)
{
    // PDG eqs. 34.18-34.21 (Gaussian approximation, Fermi-Eyges): after a slab x,
    // y_plane^rms = x theta0 / sqrt(3) and the correlation of y and theta_plane is
    // rho_y_theta = sqrt(3)/2 = 0.866. theta0 here is the model's own measured core
    // width, so this tests the displacement given the angles. 1 GeV and 100 MeV e- through 0.1 X0 of W
    // with the true step capped at 1/10 and 1/40 of the slab. (With UseSafety a high-energy e-
    // crosses a thin slab in one step from the boundary, where the safety is 0 and Geant4 -- and
    // this model -- apply no displacement at all; see SingleStepDisplacementCorrelation.)
    std::uint64_t seed = 50;
    for (double energy : {1 * GeV, 100 * MeV})
        for (int sub_steps : {10, 40})
        {
            const auto msc = make_msc(tungsten);
            const double thickness = 0.1 * tungsten.radiation_length_mm();
            const double max_step = thickness / sub_steps;
            const auto result = transport_through_slab(msc, energy, thickness, max_step, 6000, seed++);
            const double theta0 = core_width(result.theta_x);
            const double y_rms = core_width(result.x);
            // correlation on the core (both within 2.5 of their core widths)
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (std::size_t i = 0; i < result.x.size(); ++i)
            {
                const double y = result.x[i];
                const double t = result.theta_x[i];
                if (std::abs(y) > 2.5 * y_rms || std::abs(t) > 2.5 * theta0) continue;
                sxy += y * t;
                sxx += y * y;
                syy += t * t;
            }
            const double rho = sxy / std::sqrt(sxx * syy);
            std::printf("  MSC lateral E=%g MeV steps<=%d: y_rms %.4g mm, x theta0/sqrt3 %.4g mm (%.3f), rho %.3f "
                        "(%.1f steps)\n",
                        energy, sub_steps, y_rms, thickness * theta0 / std::sqrt(3.0),
                        y_rms / (thickness * theta0 / std::sqrt(3.0)), rho, result.mean_steps);
            EXPECT_NEAR(y_rms / (thickness * theta0 / std::sqrt(3.0)), 1.0, 0.15);
            EXPECT_NEAR(rho, std::sqrt(3.0) / 2, 0.08);
        }
}
