#include "umbra/sim/EnergyLossFluctuation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"
#include "umbra/core/Units.hpp"

using namespace umbra;
using namespace umbra::sim;
using constants::electron_mass;
using constants::muon_mass;
using units::cm;
using units::eV;
using units::GeV;
using units::keV;
using units::MeV;
using units::mm;

namespace
{
// Silicon, PDG 2024 "Atomic and nuclear properties of materials": Z = 14, A = 28.0855,
// rho = 2.329 g/cm^3, I = 173.0 eV; Sternheimer density-effect parameters
// (Sternheimer, Berger & Seltzer, At. Data Nucl. Data Tables 30 (1984) 261, as tabulated by the PDG):
// -C = 4.4355, x0 = 0.2015, x1 = 2.8716, a = 0.14921, k = 3.2546.
constexpr double si_z = 14;
constexpr double si_a = 28.0855;
constexpr double si_density = 2.329;  // [g/cm^3]
constexpr double si_i = 173.0 * eV;

//! K = 4 pi N_A r_e^2 m_e c^2 = 0.307075 MeV cm^2/mol (PDG Table 34.1)
constexpr double k_bethe = 0.307075;

FluctuationMaterialData silicon_data()
{
    const ElementDensity si[] = {
        {.atomic_number = 14, .atoms_per_volume = si_density * units::g_per_cm3 * constants::avogadro / si_a,
         .molar_mass = si_a}};
    return make_fluctuation_material_data(si, si_i);
}

RandomStream make_rng(std::uint64_t event) { return RandomStream({.seed = 7, .stream = StreamId::test, .event = event}); }

struct Kinematics
{
    double beta2;
    double beta_gamma;
    double gamma;
};
Kinematics kinematics(double kinetic_energy, double mass)
{
    const double gamma = 1 + kinetic_energy / mass;
    const double bg2 = gamma * gamma - 1;
    return {bg2 / (gamma * gamma), std::sqrt(bg2), gamma};
}

//! Sternheimer density effect delta(beta gamma) for silicon (PDG sec. 34.2.5).
double silicon_delta(double beta_gamma)
{
    const double x = std::log10(beta_gamma);
    const double two_ln10_x = 2 * std::log(10.0) * x;
    if (x >= 2.8716) return two_ln10_x - 4.4355;
    if (x >= 0.2015) return two_ln10_x - 4.4355 + 0.14921 * std::pow(2.8716 - x, 3.2546);
    return 0.14 * std::pow(10.0, 2 * (x - 0.2015));  // conductor: delta0 10^(2(x - x0))
}

//! Mean (PDG eq. 34.5, Bethe) or restricted (PDG sec. 34.2.8, T < t_cut) energy loss in Si
//! [MeV] over `length_mm`, z = 1, heavy particle.
double silicon_mean_loss(double kinetic_energy, double mass, double length_mm, double t_cut)
{
    const auto k = kinematics(kinetic_energy, mass);
    const double t_max = EnergyLossFluctuation::max_energy_transfer(kinetic_energy, mass, Projectile::heavy);
    const double cut = std::min(t_cut, t_max);
    const double x = si_density * length_mm / 10;  // [g/cm^2]
    const double bracket = 0.5 * std::log(2 * electron_mass * k.beta_gamma * k.beta_gamma * cut / (si_i * si_i)) -
                           0.5 * k.beta2 * (1 + cut / t_max) - 0.5 * silicon_delta(k.beta_gamma);
    return k_bethe * si_z / si_a / k.beta2 * bracket * x;
}

//! Landau-Vavilov-Bichsel most probable loss, PDG eq. 34.12, j = 0.200, z = 1 [MeV].
double silicon_most_probable_loss(double kinetic_energy, double mass, double length_mm)
{
    const auto k = kinematics(kinetic_energy, mass);
    const double x = si_density * length_mm / 10;  // [g/cm^2]
    const double xi = 0.5 * k_bethe * si_z / si_a * x / k.beta2;
    return xi * (std::log(2 * electron_mass * k.beta_gamma * k.beta_gamma / si_i) + std::log(xi / si_i) + 0.200 -
                 k.beta2 - silicon_delta(k.beta_gamma));
}

double landau_xi(double kinetic_energy, double mass, double length_mm)
{
    const auto k = kinematics(kinetic_energy, mass);
    return 0.5 * k_bethe * si_z / si_a * si_density * length_mm / 10 / k.beta2;
}

struct Moments
{
    double mean;
    double variance;
    double error_of_mean;
};
Moments moments(const std::vector<double>& x)
{
    double sum = 0;
    double sum2 = 0;
    for (double v : x)
    {
        sum += v;
        sum2 += v * v;
    }
    const double n = static_cast<double>(x.size());
    const double mean = sum / n;
    const double variance = sum2 / n - mean * mean;
    return {mean, variance, std::sqrt(variance / n)};
}

std::vector<double> sample(const FluctuationMaterialData& data, const FluctuationInput& input, int n, std::uint64_t seed)
{
    EnergyLossFluctuation fluctuate;
    auto rng = make_rng(seed);
    std::vector<double> out(static_cast<std::size_t>(n));
    for (auto& v : out) v = fluctuate(data, input, rng);
    return out;
}

FluctuationInput muon_in_silicon(double kinetic_energy, double length, double cut)
{
    const double t_max = EnergyLossFluctuation::max_energy_transfer(kinetic_energy, muon_mass, Projectile::heavy);
    return {.mean_loss = silicon_mean_loss(kinetic_energy, muon_mass, length, cut),
            .step_length = length,
            .kinetic_energy = kinetic_energy,
            .mass = muon_mass,
            .charge = -1,
            .cut_energy = std::min(cut, t_max),
            .max_energy_transfer = t_max};
}
}  // namespace

TEST(EnergyLossFluctuation, MaterialDataTwoLevelModel)
{
    // G4IonisParamMat::ComputeFluctModel for Si: f2 = 2/14, E2 = 10 eV * 14^2 = 1.96 keV,
    // f1 ln E1 + f2 ln E2 = ln I.
    const auto data = silicon_data();
    EXPECT_DOUBLE_EQ(data.oscillator_strength_2, 2.0 / 14);
    EXPECT_NEAR(data.binding_energy_2, 1960 * eV, 1e-9);
    EXPECT_NEAR(data.oscillator_strength_1 * data.log_binding_energy_1 +
                    data.oscillator_strength_2 * data.log_binding_energy_2,
                std::log(si_i), 1e-12);
    // n_el of Si: rho N_A Z/A = 6.99e23 e/cm^3 (PDG: <Z/A> = 0.49848)
    EXPECT_NEAR(data.electron_density / (6.99e23 / (cm * cm * cm)), 1.0, 0.002);
    // Hydrogen: single level at I.
    const ElementDensity h[] = {{1, 1e19, 1.008}};
    const auto hydrogen = make_fluctuation_material_data(h, 19.2 * eV);
    EXPECT_DOUBLE_EQ(hydrogen.oscillator_strength_1, 1.0);
    EXPECT_NEAR(hydrogen.binding_energy_1, 19.2 * eV, 1e-15);
    EXPECT_THROW(make_fluctuation_material_data(h, 0), InputError);
    EXPECT_THROW(make_fluctuation_material_data({}, si_i), InputError);
    EXPECT_THROW(EnergyLossFluctuation({.ionisation_rate = 1.5}), InputError);
}

TEST(EnergyLossFluctuation, MaxEnergyTransfer)
{
    // PDG eq. 34.4: T_max = 2 m_e c^2 beta^2 gamma^2 / (1 + 2 gamma m_e/M + (m_e/M)^2).
    // 4 GeV muon: p = 4104.3 MeV, beta gamma = 38.845, gamma = 38.858 -> T_max = 1542.1/1.37588 MeV
    // = 1.1208 GeV (worked by hand).
    EXPECT_NEAR(EnergyLossFluctuation::max_energy_transfer(4 * GeV, muon_mass, Projectile::heavy) / GeV, 1.1208, 0.0005);
    EXPECT_DOUBLE_EQ(EnergyLossFluctuation::max_energy_transfer(10 * MeV, electron_mass, Projectile::electron), 5.0);
    EXPECT_DOUBLE_EQ(EnergyLossFluctuation::max_energy_transfer(10 * MeV, electron_mass, Projectile::positron), 10.0);
}

TEST(EnergyLossFluctuation, MeanIsPreserved)
{
    // The model is constructed to conserve the mean loss (PRM "Fluctuations in energy loss");
    // the sampled mean must equal the input mean within 4 standard errors in every regime:
    // thin Urban (few collisions), thick Urban, Bohr Gaussian, Bohr Gamma, electrons.
    const auto si = silicon_data();
    std::vector<FluctuationInput> inputs = {
        muon_in_silicon(4 * GeV, 0.3 * mm, 1 * MeV),      // MIP in a Si sensor
        muon_in_silicon(4 * GeV, 0.001 * mm, 10 * keV),   // 1 um, few collisions
        muon_in_silicon(4 * GeV, 10 * mm, 1 * MeV),       // thick, Urban
        muon_in_silicon(200 * MeV, 200 * mm, 10 * GeV),   // Bohr Gaussian: mean >= 10 T_cut, T_max <= 2 T_cut
    };
    // Bohr Gamma regime: T_cut ~ T_max and mean/sigma < 2 (mean given by hand: 10 x T_cut)
    auto gamma_case = muon_in_silicon(200 * MeV, 1 * mm, 10 * GeV);
    gamma_case.cut_energy = gamma_case.max_energy_transfer = 0.02 * MeV;
    gamma_case.mean_loss = 0.2 * MeV;
    inputs.push_back(gamma_case);
    // 1 GeV electron, 0.5 mm Si, cut 100 keV (the mean value's precise size does not matter here)
    inputs.push_back({.mean_loss = 0.15 * MeV, .step_length = 0.5 * mm, .kinetic_energy = 1 * GeV,
                      .mass = electron_mass, .charge = -1, .cut_energy = 0.1 * MeV,
                      .max_energy_transfer = 0.5 * GeV});
    std::uint64_t seed = 1;
    for (const auto& input : inputs)
    {
        const auto m = moments(sample(si, input, 100000, seed++));
        EXPECT_NEAR(m.mean, input.mean_loss, 4 * m.error_of_mean)
            << "mean loss " << input.mean_loss << " MeV, step " << input.step_length << " mm";
    }
    // Below min_loss (10 eV) the mean is returned unchanged.
    auto tiny = inputs[0];
    tiny.mean_loss = 5 * eV;
    auto rng = make_rng(9);
    EXPECT_DOUBLE_EQ(EnergyLossFluctuation{}(si, tiny, rng), 5 * eV);
}

TEST(EnergyLossFluctuation, ThickAbsorberVarianceIsBohr)
{
    // Bohr's variance (N. Bohr, Phil. Mag. 30 (1915) 581; relativistic form, e.g. ICRU 49 /
    // Geant4 PRM "Gaussian fluctuations"): sigma^2 = xi T_max (1 - beta^2/2) with
    // xi = (K/2)(Z/A) x / beta^2, for all energy transfers up to T_max. 200 MeV mu in 20 cm Si
    // (Gaussian regime): 3 %.
    const auto si = silicon_data();
    {
        const auto input = muon_in_silicon(200 * MeV, 200 * mm, 10 * GeV);
        const auto k = kinematics(input.kinetic_energy, muon_mass);
        const double bohr = landau_xi(input.kinetic_energy, muon_mass, input.step_length) *
                            input.max_energy_transfer * (1 - 0.5 * k.beta2);
        const auto m = moments(sample(si, input, 50000, 21));
        EXPECT_NEAR(m.variance / bohr, 1.0, 0.03);
    }
    // Urban regime, restricted: 4 GeV mu in 1 cm Si with T_cut = 1 MeV. Bohr's variance for
    // transfers below T_cut from the Bhabha-free heavy-particle spectrum (PDG eq. 34.3 style
    // 1/T^2 (1 - beta^2 T/T_max)): sigma^2 = xi T_cut (1 - beta^2 T_cut/(2 T_max)).
    // The Urban model is not built on this moment (its ionisation part ends at T_cut, its
    // excitation part is fixed by the mean), so agreement is approximate: 20 %.
    {
        const auto input = muon_in_silicon(4 * GeV, 10 * mm, 1 * MeV);
        const auto k = kinematics(input.kinetic_energy, muon_mass);
        const double bohr = landau_xi(input.kinetic_energy, muon_mass, input.step_length) * input.cut_energy *
                            (1 - 0.5 * k.beta2 * input.cut_energy / input.max_energy_transfer);
        const auto m = moments(sample(si, input, 100000, 22));
        std::printf("  restricted thick Si: variance / Bohr = %.3f\n", m.variance / bohr);
        EXPECT_NEAR(m.variance / bohr, 1.0, 0.20);
    }
}

TEST(EnergyLossFluctuationValidation, MostProbableLossOfMipInSilicon)
{
    // 4 GeV muon through 0.3 mm Si; mean restricted loss from Bethe (PDG eq. 34.5 /
    // sec. 34.2.8 with the Sternheimer density effect) for a delta-ray threshold T_cut of
    // 0.1, 0.5 and 1 MeV (Geant4-like production thresholds; delta rays above 0.1 MeV occur
    // in ~xi/T_cut ~ 5 % of crossings and do not move the peak). The most probable loss is
    // compared with the Landau-Vavilov-Bichsel value, PDG eq. 34.12 (j = 0.200):
    // Delta_p = 82.5 keV here, Delta_p/x = 0.275 keV/um, consistent with the PDG's Fig. 34.9
    // (Delta_p/x ~ 0.27-0.28 keV/um for 300 um Si at high beta gamma, read off the figure).
    // Tolerance 5 %. (Leaving all transfers up to T_max = 1.1 GeV to the fluctuation model,
    // T_cut = T_max, gives 91.5 keV, +11 %: the Urban model ties the excitation part to
    // (1 - r) of the mean loss, so its peak moves with T_cut; use realistic cuts.)
    // FWHM: Landau's w = 4.018 xi (PDG sec. 34.2.9) is a lower bound; Bichsel's straggling
    // functions for ~300 um Si (PDG Fig. 34.8, 500 MeV pions) are wider. We could not verify
    // the figure's w/x values here, so the FWHM is asserted in [1.0, 1.6] x 4.018 xi and printed.
    const auto si = silicon_data();
    const double length = 0.3 * mm;
    const double expected_mpv = silicon_most_probable_loss(4 * GeV, muon_mass, length);
    const double xi = landau_xi(4 * GeV, muon_mass, length);
    std::uint64_t seed = 31;
    for (double cut : {0.1 * MeV, 0.5 * MeV, 1 * MeV})
    {
        const auto input = muon_in_silicon(4 * GeV, length, cut);
        const auto losses = sample(si, input, 200000, seed++);

        // histogram, 1 keV bins up to 400 keV
        constexpr double bin = 1 * keV;
        std::vector<double> histogram(400, 0.0);
        for (double loss : losses)
        {
            const auto i = static_cast<std::size_t>(loss / bin);
            if (i < histogram.size()) histogram[i] += 1;
        }
        // light smoothing (5-bin moving average) against bin noise
        std::vector<double> smooth(histogram.size(), 0.0);
        for (std::size_t i = 2; i + 2 < histogram.size(); ++i)
            smooth[i] = (histogram[i - 2] + histogram[i - 1] + histogram[i] + histogram[i + 1] + histogram[i + 2]) / 5;
        const auto peak = static_cast<std::size_t>(std::max_element(smooth.begin(), smooth.end()) - smooth.begin());
        // parabola through the three smoothed bins at the peak
        const double ym = smooth[peak - 1];
        const double y0 = smooth[peak];
        const double yp = smooth[peak + 1];
        const double offset = 0.5 * (ym - yp) / (ym - 2 * y0 + yp);
        const double mpv = (static_cast<double>(peak) + 0.5 + offset) * bin;
        // FWHM from linear interpolation of the half-maximum crossings
        const double half = 0.5 * y0;
        std::size_t left = peak;
        while (left > 0 && smooth[left] > half) --left;
        std::size_t right = peak;
        while (right + 1 < smooth.size() && smooth[right] > half) ++right;
        const double x_left =
            (static_cast<double>(left) + 0.5 + (half - smooth[left]) / (smooth[left + 1] - smooth[left])) * bin;
        const double x_right =
            (static_cast<double>(right) - 0.5 + (smooth[right - 1] - half) / (smooth[right - 1] - smooth[right])) * bin;
        const double fwhm = x_right - x_left;
        const auto m = moments(losses);
        std::printf("  4 GeV mu, 300 um Si, T_cut %.1f MeV: mean %.2f keV (input %.2f), MPV %.2f keV (PDG eq. 34.12: "
                    "%.2f), FWHM %.2f keV = %.2f xi (Landau 4.018 xi = %.2f keV)\n",
                    cut / MeV, m.mean / keV, input.mean_loss / keV, mpv / keV, expected_mpv / keV, fwhm / keV,
                    fwhm / xi, 4.018 * xi / keV);
        EXPECT_NEAR(mpv / expected_mpv, 1.0, 0.05) << "T_cut " << cut;
        EXPECT_GT(fwhm / (4.018 * xi), 1.0);
        EXPECT_LT(fwhm / (4.018 * xi), 1.6);
    }
}
