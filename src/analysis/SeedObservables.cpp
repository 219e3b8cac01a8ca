#include "umbra/analysis/SeedObservables.hpp"

#include <fastjet/ClusterSequence.hh>
#include <fastjet/JetDefinition.hh>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <algorithm>
#include <tuple>
#include <vector>

#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

//! A hit in the script's rotated frame.
struct EtaPhiHit
{
    double eta = 0;
    double phi = 0;
    double pt = 0;
};

//! Δη ⊕ Δφ with Δφ wrapped to (−π, π] as the script does (atan2 of sin, cos).
double delta_r(double eta1, double phi1, double eta2, double phi2)
{
    const double d_eta = eta1 - eta2;
    const double d_phi = std::atan2(std::sin(phi1 - phi2), std::cos(phi1 - phi2));
    return std::sqrt(d_eta * d_eta + d_phi * d_phi);
}

//! d^β, with the seed's β = 2.5 and 5 by multiplication (within an ulp or two of std::pow).
double power(double d, double beta)
{
    if (beta == 2.5) return d * d * std::sqrt(d);
    if (beta == 5)
    {
        const double d2 = d * d;
        return d2 * d2 * d;
    }
    return std::pow(d, beta);
}

//! ROOT's fixed-width TAxis::FindBin: 1-based bin for lo ≤ v < hi, else 0 (outside).
int root_bin(double value, int bins, double lo, double hi)
{
    if (!(value >= lo) || !(value < hi)) return 0;
    return 1 + static_cast<int>(bins * (value - lo) / (hi - lo));
}

double bin_centre(int bin, int bins, double lo, double hi)
{
    return lo + (bin - 0.5) * (hi - lo) / bins;
}
}  // namespace

SeedObservables::SeedObservables() : SeedObservables(Config{}) {}

SeedObservables::SeedObservables(Config config) : config_(config)
{
    if (!(config_.jettiness_radius > 0) || !(config_.angularity_radius > 0))
    {
        throw InputError("seed observables: the jet radii must be positive");
    }
    if (config_.eta_bins < 1 || config_.phi_bins < 1 || !(config_.eta_max > config_.eta_min) ||
        !(config_.phi_max > config_.phi_min))
    {
        throw InputError("seed observables: the η–φ histogram needs at least one bin and max > min");
    }
}

SeedObservables::Values SeedObservables::compute(std::span<const ShowerHit> hits) const
{
    const auto& c = config_;
    std::vector<EtaPhiHit> rotated;
    rotated.reserve(hits.size());
    // (η bin, φ bin, p_T) of the hits inside the histogram; the script loops η bins outside,
    // φ bins inside, so the pseudo-jets come in (η, φ) lexicographic order.
    std::vector<std::tuple<int, int, double>> filled;
    filled.reserve(hits.size());
    for (const auto& hit : hits)
    {
        // The script's pseudorapidity(y, z′, x) and azimuthal_angle(y, z′, x).
        const double x = hit.y_mm, y = hit.z_mm - c.z_shift_mm, z = hit.x_mm;
        const double r = std::sqrt(x * x + y * y + z * z);
        const double theta = std::acos(z / r);
        const double eta = -std::log(std::tan(theta / 2));
        const double phi = std::atan2(y, x);
        const double pt = std::sin(2 * std::atan(std::exp(-eta))) * hit.energy_MeV;
        rotated.push_back({eta, phi, pt});
        const int eta_bin = root_bin(eta, c.eta_bins, c.eta_min, c.eta_max);
        const int phi_bin = root_bin(phi, c.phi_bins, c.phi_min, c.phi_max);
        if (eta_bin > 0 && phi_bin > 0) filled.emplace_back(eta_bin, phi_bin, pt);
    }
    // Stable: within a bin the contents add up in hit order, as TH2D::Fill does.
    std::stable_sort(filled.begin(), filled.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });

    std::vector<fastjet::PseudoJet> pseudo_jets;
    pseudo_jets.reserve(filled.size());
    for (std::size_t i = 0; i < filled.size();)
    {
        const auto [eta_bin, phi_bin, first_pt] = filled[i];
        double content = first_pt;
        for (++i; i < filled.size() && std::get<0>(filled[i]) == eta_bin && std::get<1>(filled[i]) == phi_bin; ++i)
        {
            content += std::get<2>(filled[i]);
        }
        if (content == 0) continue;
        const double eta = bin_centre(eta_bin, c.eta_bins, c.eta_min, c.eta_max);
        const double phi = bin_centre(phi_bin, c.phi_bins, c.phi_min, c.phi_max);
        pseudo_jets.push_back(fastjet::PtYPhiM(content, eta, phi, 0));
    }

    Values values{not_a_number, not_a_number, not_a_number, not_a_number};
    if (pseudo_jets.empty()) return values;

    // τ₂/τ₁ with exclusive-kt axes.
    {
        const fastjet::JetDefinition kt(fastjet::kt_algorithm, c.jettiness_radius, fastjet::E_scheme, fastjet::N2Plain);
        const fastjet::ClusterSequence sequence(pseudo_jets, kt);
        const auto one = sequence.exclusive_jets(1);
        const double axis_eta = one[0].pseudorapidity(), axis_phi = one[0].phi_std();
        double tau1 = 0;
        for (const auto& h : rotated) tau1 += h.pt * power(delta_r(h.eta, h.phi, axis_eta, axis_phi), c.jettiness_beta);
        values.tau1 = tau1;
        if (pseudo_jets.size() >= 2)
        {
            const auto two = sequence.exclusive_jets(2);
            double tau2 = 0;
            for (const auto& h : rotated)
            {
                const double d = std::min(delta_r(h.eta, h.phi, two[0].pseudorapidity(), two[0].phi_std()),
                                          delta_r(h.eta, h.phi, two[1].pseudorapidity(), two[1].phi_std()));
                tau2 += h.pt * power(d, c.jettiness_beta);
            }
            values.tau2 = tau2;
            values.jettiness_ratio = tau2 / tau1;
        }
    }

    // Angularity about the hardest anti-kt jet.
    {
        const fastjet::JetDefinition anti_kt(fastjet::antikt_algorithm, c.angularity_radius, fastjet::E_scheme, fastjet::N2Plain);
        const fastjet::ClusterSequence sequence(pseudo_jets, anti_kt);
        const auto jets = sequence.inclusive_jets();
        std::size_t hardest = 0;
        for (std::size_t j = 1; j < jets.size(); ++j)
        {
            if (jets[j].pt() >= jets[hardest].pt()) hardest = j;  // ties: the last one, as the script
        }
        const double axis_eta = jets[hardest].pseudorapidity(), axis_phi = jets[hardest].phi_std();
        double sum_pt = 0, sum = 0;
        for (const auto& h : rotated)
        {
            const double d = delta_r(h.eta, h.phi, axis_eta, axis_phi);
            if (d > c.angularity_radius) continue;
            sum_pt += h.pt;
            sum += h.pt * power(d, c.angularity_beta);
        }
        if (sum_pt > 0) values.angularity = sum / sum_pt;
    }
    return values;
}
}  // namespace umbra::analysis
