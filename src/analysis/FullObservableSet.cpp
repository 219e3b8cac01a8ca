#include "umbra/analysis/FullObservableSet.hpp"

#include <fastjet/PseudoJet.hh>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/analysis/NSubjettiness.hpp"
#include "umbra/analysis/ShowerShapes.hpp"
#include "umbra/analysis/TwoProngSplitting.hpp"
#include "umbra/analysis/detail/EeClusterer.hpp"
#include "umbra/core/Error.hpp"

namespace umbra::analysis
{
namespace
{
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The columns, in output order: X(name, unit). "tau" units depend on the normalisation.
#define UMBRA_TAU_COLUMNS(X, b, a)                                                                                    \
    X(tau1_##b##_##a, "tau") X(tau2_##b##_##a, "tau") X(tau3_##b##_##a, "tau") X(tau21_##b##_##a, "")               \
        X(tau32_##b##_##a, "")
#define UMBRA_FULL_COLUMNS(X)                                                                                         \
    X(n_hits, "") X(total_energy, "MeV") X(n_jets, "")                                                               \
    X(jet1_energy, "MeV") X(jet1_energy_fraction, "") X(jet1_n_constituents, "") X(jet1_mass, "MeV")                \
    X(jet1_width, "rad") X(jet2_energy, "MeV")                                                                       \
    UMBRA_TAU_COLUMNS(X, b1, kt) UMBRA_TAU_COLUMNS(X, b1, wta) UMBRA_TAU_COLUMNS(X, b2, kt)                          \
    UMBRA_TAU_COLUMNS(X, b2, wta)                                                                                    \
    X(e2_b1, "") X(e3_b1, "") X(c2_b1, "") X(d2_b1, "") X(n2_b1, "")                                                 \
    X(e2_b2, "") X(e3_b2, "") X(c2_b2, "") X(d2_b2, "") X(n2_b2, "")                                                 \
    X(lambda_1_0p5, "") X(lambda_1_1, "") X(lambda_1_2, "") X(lambda_2_0, "")                                        \
    X(sd_mass, "MeV") X(sd_energy, "MeV") X(sd_zg, "") X(sd_rg, "rad") X(sd_n_constituents, "")                     \
    X(theta12, "rad") X(z12, "") X(y12, "")                                                                          \
    X(shower_rms_r, "mm") X(shower_z_mean, "mm") X(shower_z_rms, "mm") X(n_hit_layers, "")                          \
    X(first_hit_layer, "") X(last_hit_layer, "")

enum Column : std::size_t
{
#define UMBRA_ENUM(name, unit) name,
    UMBRA_FULL_COLUMNS(UMBRA_ENUM)
#undef UMBRA_ENUM
        column_count
};

struct ColumnInfo
{
    const char* name;
    const char* unit;
};

constexpr std::array<ColumnInfo, column_count> columns = {{
#define UMBRA_INFO(name, unit) {#name, unit},
    UMBRA_FULL_COLUMNS(UMBRA_INFO)
#undef UMBRA_INFO
}};

//! First column of the τ block for (β index, axes index): τ₁, τ₂, τ₃, τ₂₁, τ₃₂.
constexpr std::size_t tau_block[2][2] = {{tau1_b1_kt, tau1_b1_wta}, {tau1_b2_kt, tau1_b2_wta}};

double ratio(double numerator, double denominator)
{
    return denominator != 0 ? numerator / denominator : nan;
}

struct Workspace
{
    std::vector<fastjet::PseudoJet> particles;
    std::vector<ShowerHit> jet_hits;
    std::vector<int> hit_indices;
    std::vector<double> jet_energies;
    JetConstituents all, jet;
    detail::EeClusterer inclusive;
    detail::EeClusterer kt{{.measure = detail::EeClusterer::Measure::durham, .wta = false}};
    detail::EeClusterer wta{{.measure = detail::EeClusterer::Measure::durham, .wta = true}};
    std::vector<int> ids;
    std::vector<Direction> axes;
    std::vector<double> angles;
};

//! τ₁, τ₂, τ₃ for β = 1, 2 on the exclusive N = 1, 2, 3 axes of a clustered Durham
//! sequence of ws.jet, and their ratios, into the row's block for these axes.
void fill_tau(const detail::EeClusterer& sequence, Workspace& ws, double d0_b1, double d0_b2, std::span<double> row,
              std::size_t axes_index)
{
    const auto& jet = ws.jet;
    const auto& nodes = sequence.nodes();
    const auto e = jet.energy();
    double tau[2][3];
    for (int n = 1; n <= 3; ++n)
    {
        if (jet.size() < static_cast<std::size_t>(n))
        {
            tau[0][n - 1] = tau[1][n - 1] = 0;
            continue;
        }
        sequence.exclusive_jets(n, ws.ids);
        ws.axes.clear();
        for (int id : ws.ids)
        {
            const auto& node = nodes[static_cast<std::size_t>(id)];
            ws.axes.push_back({node.nx, node.ny, node.nz});
        }
        NSubjettiness::min_axis_angles(jet, ws.axes, ws.angles);
        double sum1 = 0, sum2 = 0;
        for (std::size_t i = 0; i < ws.angles.size(); ++i)
        {
            sum1 += e[i] * ws.angles[i];
            sum2 += e[i] * ws.angles[i] * ws.angles[i];
        }
        tau[0][n - 1] = sum1 / d0_b1;
        tau[1][n - 1] = sum2 / d0_b2;
    }
    for (std::size_t b = 0; b < 2; ++b)
    {
        const std::size_t first = tau_block[b][axes_index];
        row[first] = tau[b][0];
        row[first + 1] = tau[b][1];
        row[first + 2] = tau[b][2];
        row[first + 3] = ratio(tau[b][1], tau[b][0]);
        row[first + 4] = ratio(tau[b][2], tau[b][1]);
    }
}

detail::EeClusterer::Config inclusive_config(const JetClustering::Config& jets)
{
    using Measure = detail::EeClusterer::Measure;
    detail::EeClusterer::Config c{.measure = Measure::genkt, .p = jets.p, .radius = jets.radius, .beam = true,
                                  .wta = jets.recombination == JetRecombination::wta};
    switch (jets.algorithm)
    {
        case JetAlgorithm::anti_kt: c.p = -1; break;
        case JetAlgorithm::kt: c.p = 1; break;
        case JetAlgorithm::cambridge_aachen: c.p = 0; break;
        case JetAlgorithm::ee_genkt: break;
        case JetAlgorithm::ee_kt:
            c.measure = Measure::durham;
            c.beam = false;
            break;
    }
    return c;
}

const std::vector<std::string>& column_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& c : columns) v.emplace_back(c.name);
        return v;
    }();
    return names;
}
}  // namespace

FullObservableSet::FullObservableSet() : FullObservableSet(FullObservableConfig{}) {}

FullObservableSet::FullObservableSet(FullObservableConfig config)
    : config_(config),
      clustering_particles_({config.clustering_origin, config.start_layers, config.start_offset_mm}),
      jet_particles_({config.origin, config.start_layers, config.start_offset_mm}),
      clustering_(config.jets),
      inclusive_(inclusive_config(config.jets)),
      correlators_(1.0),
      soft_drop_({config.soft_drop_z_cut, config.soft_drop_beta, config.jets.radius})
{
    if (!(config_.min_jet_energy_MeV >= 0) || !std::isfinite(config_.min_jet_energy_MeV))
    {
        throw InputError(fmt::format("full observables: min_jet_energy_MeV = {} (the energy a jet needs to count in "
                                     "n_jets); use a finite value ≥ 0, default 100",
                                     config_.min_jet_energy_MeV));
    }
    // Angularities and τ normalisation use R; ee_kt has none, so it must still be sensible.
    if (!(config_.jets.radius > 0) || !std::isfinite(config_.jets.radius))
    {
        throw InputError(fmt::format("full observables: jets.radius = {} rad (also the R of the angularities and of "
                                     "the τ normalisation); use a finite R > 0",
                                     config_.jets.radius));
    }
}

const std::vector<std::string>& FullObservableSet::names() const noexcept
{
    return column_names();
}

const std::vector<std::string>& FullObservableSet::units() const noexcept
{
    static const std::vector<std::string> normalised = [] {
        std::vector<std::string> v;
        for (const auto& c : columns) v.emplace_back(std::string_view(c.unit) == "tau" ? "" : c.unit);
        return v;
    }();
    static const std::vector<std::string> unnormalised = [] {
        std::vector<std::string> v;
        for (std::size_t i = 0; i < columns.size(); ++i)
        {
            const std::string_view unit = columns[i].unit;
            const bool b2 = std::string_view(columns[i].name).find("_b2_") != std::string_view::npos;
            v.emplace_back(unit == "tau" ? (b2 ? "MeV rad^2" : "MeV rad") : unit);
        }
        return v;
    }();
    return config_.normalise_tau ? normalised : unnormalised;
}

void FullObservableSet::compute(std::span<const ShowerHit> hits, const LabPoint& truth_vertex,
                                std::span<double> out) const
{
    if (out.size() != column_count)
    {
        throw InputError(fmt::format("full observables: output row has {} entries, the set has {}", out.size(),
                                     static_cast<std::size_t>(column_count)));
    }
    thread_local Workspace ws;
    std::fill(out.begin(), out.end(), nan);

    const auto shapes = ShowerShapes::measure(hits);
    out[n_hits] = static_cast<double>(shapes.n_hits);
    out[total_energy] = shapes.energy_MeV;
    out[n_jets] = 0;
    out[n_hit_layers] = shapes.n_hit_layers;
    out[shower_rms_r] = shapes.rms_r_mm;
    out[shower_z_mean] = shapes.z_mean_mm;
    out[shower_z_rms] = shapes.z_rms_mm;
    out[first_hit_layer] = shapes.first_hit_layer;
    out[last_hit_layer] = shapes.last_hit_layer;

    // 1–2: jets found from the clustering origin: their energies (highest first) and the
    // hits of the leading one.
    const LabPoint clustering_apex = clustering_particles_.apex(hits, truth_vertex);
    ws.jet_energies.clear();
    ws.hit_indices.clear();
    if (config_.fastjet_clustering)
    {
        ShowerParticles::make(hits, clustering_apex, ws.particles);
        const auto jets = clustering_.inclusive_jets(ws.particles);
        for (const auto& j : jets) ws.jet_energies.push_back(j.E());
        if (!jets.empty())
        {
            for (const auto& c : jets.front().constituents()) ws.hit_indices.push_back(c.user_index());
        }
    }
    else
    {
        ShowerParticles::make(hits, clustering_apex, ws.all);
        if (!ws.all.empty())
        {
            ws.inclusive.set_config(inclusive_);
            ws.inclusive.cluster(ws.all);
            const auto& nodes = ws.inclusive.nodes();
            int leading = -1;
            for (int id : ws.inclusive.final_jets())
            {
                const double e = nodes[static_cast<std::size_t>(id)].energy;
                ws.jet_energies.push_back(e);
                if (leading < 0 || e > nodes[static_cast<std::size_t>(leading)].energy) leading = id;
            }
            std::sort(ws.jet_energies.begin(), ws.jet_energies.end(), std::greater<>());
            ws.inclusive.leaves(leading, ws.ids);
            for (int leaf : ws.ids) ws.hit_indices.push_back(ws.all.index()[static_cast<std::size_t>(leaf)]);
        }
    }
    if (ws.jet_energies.empty()) return;
    out[n_jets] = static_cast<double>(std::count_if(ws.jet_energies.begin(), ws.jet_energies.end(),
                                                    [&](double e) { return e >= config_.min_jet_energy_MeV; }));
    out[jet2_energy] = ws.jet_energies.size() > 1 ? ws.jet_energies[1] : 0.0;

    // 3: the leading jet's particles (in hit order) seen from the substructure origin.
    std::sort(ws.hit_indices.begin(), ws.hit_indices.end());
    ws.jet_hits.clear();
    for (int i : ws.hit_indices) ws.jet_hits.push_back(hits[static_cast<std::size_t>(i)]);
    const LabPoint apex =
        config_.origin == config_.clustering_origin ? clustering_apex : jet_particles_.apex(ws.jet_hits, truth_vertex);
    ShowerParticles::make(ws.jet_hits, apex, ws.jet);
    const auto& jet = ws.jet;
    if (jet.empty()) return;
    const double e_jet = jet.energy_sum();
    out[jet1_energy] = e_jet;
    out[jet1_energy_fraction] = e_jet / shapes.energy_MeV;
    out[jet1_n_constituents] = static_cast<double>(jet.size());
    out[jet1_mass] = jet.mass();

    // N-subjettiness on exclusive Durham axes (E-scheme and WTA), β = 1, 2.
    const double radius = config_.jets.radius;
    const double d0_b1 = config_.normalise_tau ? e_jet * radius : 1.0;
    const double d0_b2 = config_.normalise_tau ? e_jet * radius * radius : 1.0;
    ws.kt.cluster(jet);
    ws.wta.cluster(jet);
    fill_tau(ws.kt, ws, d0_b1, d0_b2, out, 0);
    fill_tau(ws.wta, ws, d0_b1, d0_b2, out, 1);

    // Two-prong variables from the same E-scheme Durham sequence.
    const auto prongs = TwoProngSplitting::from_sequence(ws.kt, e_jet);
    out[theta12] = prongs.theta12;
    out[z12] = prongs.z12;
    out[y12] = prongs.y12;

    // Angularities and width about the WTA axis (the root of the WTA sequence).
    const auto& root = ws.wta.nodes()[static_cast<std::size_t>(ws.wta.final_jets().front())];
    const Direction wta_axis{root.nx, root.ny, root.nz};
    // λ^κ_β = Σ z_i^κ (θ_i/R)^β as GeneralisedAngularity, from one set of angles.
    ws.axes.assign(1, wta_axis);
    NSubjettiness::min_axis_angles(jet, ws.axes, ws.angles);
    double width = 0, l_half = 0, l_two = 0, l_ptd = 0;
    const auto e = jet.energy();
    for (std::size_t i = 0; i < jet.size(); ++i)
    {
        const double z = e[i] / e_jet, x = ws.angles[i] / radius;
        width += z * ws.angles[i];
        l_half += z * std::sqrt(x);
        l_two += z * x * x;
        l_ptd += z * z;
    }
    out[jet1_width] = width;
    out[lambda_1_0p5] = l_half;
    out[lambda_1_1] = width / radius;
    out[lambda_1_2] = l_two;
    out[lambda_2_0] = l_ptd;

    // Energy correlators, β = 1 and 2 in one pass.
    const auto ecf = correlators_.with_doubled_beta(jet);
    const std::size_t ecf_first[2] = {e2_b1, e2_b2};
    for (std::size_t b = 0; b < 2; ++b)
    {
        out[ecf_first[b]] = ecf[b].e2;
        out[ecf_first[b] + 1] = ecf[b].e3;
        out[ecf_first[b] + 2] = ecf[b].c2;
        out[ecf_first[b] + 3] = ecf[b].d2;
        out[ecf_first[b] + 4] = ecf[b].n2;
    }

    // Soft drop.
    const auto groomed = soft_drop_(jet);
    out[sd_mass] = groomed.mass_MeV;
    out[sd_energy] = groomed.energy_MeV;
    out[sd_zg] = groomed.z_g;
    out[sd_rg] = groomed.r_g;
    out[sd_n_constituents] = static_cast<double>(groomed.n_constituents);
}
}  // namespace umbra::analysis
