#include "umbra/reco/EcalVetoCalculator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/geometry/EcalHexReadout.hpp"

namespace umbra::reco
{
namespace
{
//! Running energy-weighted sums of x, y and layer; mean() divides by the energy.
struct WeightedSums
{
    double energy = 0;
    double x = 0;
    double y = 0;
    double layer = 0;
    void add(double e, double hx, double hy, int l) noexcept
    {
        energy += e;
        x += e * hx;
        y += e * hy;
        layer += e * l;
    }
};
}  // namespace

EcalVetoCalculator::EcalVetoCalculator(std::shared_ptr<const geometry::EcalHexReadout> readout,
                                       std::vector<double> layer_z, ContainmentRadii radii, Config config)
    : readout_(std::move(readout)),
      layer_z_(std::move(layer_z)),
      radii_(std::move(radii)),
      config_(config),
      track_finder_(StraightTrackFinder::Config{2 * readout_->cell_max_radius()})
{
    const auto layers = static_cast<std::size_t>(readout_->layer_count());
    const SourceLocation where{"[reco.ecal_veto] configuration", 0};
    if (layer_z_.size() != layers) throw InputError(where, "one layer z per ECal layer is needed");
    for (const auto& bin : radii_.bins())
    {
        if (bin.radii.size() != layers)
        {
            throw InputError(where, fmt::format("containment radii ({}) have {} layers, the ECal {}", radii_.source(),
                                                bin.radii.size(), layers));
        }
    }
    if (config_.segment_edges.front() != 0 || config_.segment_edges.back() != static_cast<int>(layers) ||
        !std::is_sorted(config_.segment_edges.begin(), config_.segment_edges.end()))
    {
        throw InputError(where, "segment edges must rise from 0 to the number of layers");
    }
    if (!(config_.beam_energy > 0)) throw InputError(where, "beam_energy_mev must be > 0");
}

std::vector<EcalVetoCalculator::Point> EcalVetoCalculator::project(const TrajectorySeed& seed) const
{
    std::vector<Point> points;
    points.reserve(layer_z_.size());
    for (const double z : layer_z_)
    {
        const double dz = z - seed.position.z;
        points.push_back({seed.position.x + seed.momentum.x / seed.momentum.z * dz,
                          seed.position.y + seed.momentum.y / seed.momentum.z * dz});
    }
    return points;
}

EcalVetoResult EcalVetoCalculator::compute(const std::vector<EcalRecHit>& hits, const RecoilTruth& recoil) const
{
    constexpr int regions = EcalVetoResult::regions;
    constexpr int segments = EcalVetoResult::segments;
    const int layers = readout_->layer_count();
    EcalVetoResult r;
    r.layer_energy.assign(static_cast<std::size_t>(layers), 0.0);
    r.layer_hits.assign(static_cast<std::size_t>(layers), 0);

    // Trajectories (both need the electron at the ECal; the photon's seed defaults to the
    // beam axis at the origin when the target crossing is missing, as in ldmx-sw).
    std::vector<Point> electron, photon;
    if (recoil.at_ecal)
    {
        electron = project(*recoil.at_ecal);
        TrajectorySeed photon_seed{{0, 0, 0}, {0, 0, config_.beam_energy}};
        if (recoil.at_target)
        {
            const auto& p = recoil.at_target->momentum;
            photon_seed = {recoil.at_target->position, {-p.x, -p.y, config_.beam_energy - p.z}};
        }
        photon = project(photon_seed);
        r.recoil_p = recoil.at_ecal->momentum.mag();
        r.recoil_theta = std::acos(recoil.at_ecal->momentum.z / r.recoil_p) * 180 / constants::pi;
        const double x = recoil.at_ecal->position.x +
                         config_.fiducial_drift * recoil.at_ecal->momentum.x / recoil.at_ecal->momentum.z;
        const double y = recoil.at_ecal->position.y +
                         config_.fiducial_drift * recoil.at_ecal->momentum.y / recoil.at_ecal->momentum.z;
        r.fiducial = readout_->locate(0, x, y).has_value();
    }
    const auto& electron_radii = radii_.electron_radii(r.recoil_theta, r.recoil_p);
    const auto& photon_radii = radii_.photon_radii();
    const auto distance = [](const std::vector<Point>& trajectory, const EcalRecHit& h) {
        if (trajectory.empty()) return -1.0;
        const auto& p = trajectory[static_cast<std::size_t>(h.layer())];
        return std::hypot(h.x - p.x, h.y - p.y);
    };
    const auto segment_of = [&](int layer) {
        int s = 0;
        while (s + 1 < segments && layer >= config_.segment_edges[static_cast<std::size_t>(s + 1)]) ++s;
        return static_cast<std::size_t>(s);
    };

    // Shower centroid, its nearest hit cell (carried at layer 0) and the mean distance.
    double centroid_x = 0, centroid_y = 0, centroid_energy = 0;
    for (const auto& h : hits)
    {
        centroid_x += h.x * h.energy;
        centroid_y += h.y * h.energy;
        centroid_energy += h.energy;
    }
    if (centroid_energy > 1e-6)
    {
        centroid_x /= centroid_energy;
        centroid_y /= centroid_energy;
    }
    geometry::EcalId centroid_cell(0, 0, 0);
    double nearest = 1e6;
    for (const auto& h : hits)
    {
        const double d = std::hypot(h.x - centroid_x, h.y - centroid_y);
        r.shower_rms += d * h.energy;
        if (d < nearest)
        {
            nearest = d;
            centroid_cell = geometry::EcalId(0, h.id.module(), h.id.cell());
        }
    }
    if (centroid_energy > 0) r.shower_rms /= centroid_energy;

    // Isolated hits: no read-out nearest neighbour in the same layer.
    std::vector<int> occupied;
    occupied.reserve(hits.size());
    for (const auto& h : hits) occupied.push_back(h.id.dense_index());
    std::sort(occupied.begin(), occupied.end());
    const int cells_per_layer = readout_->cells_per_layer();
    for (const auto& h : hits)
    {
        if (h.layer() == 0 && (h.id == centroid_cell || readout_->is_nearest_neighbour(centroid_cell, h.id))) continue;
        bool isolated = true;
        for (const auto neighbour : readout_->nearest_neighbour_indices(h.id.module(), h.id.cell()))
        {
            const int dense = h.layer() * cells_per_layer + neighbour;
            if (std::binary_search(occupied.begin(), occupied.end(), dense))
            {
                isolated = false;
                break;
            }
        }
        if (isolated && h.energy > 0) r.summed_tight_iso += h.energy;
    }

    // First pass: sums and containment regions.
    double weighted_layer = 0, x_mean = 0, y_mean = 0;
    std::array<WeightedSums, segments> segment_sums{};
    std::array<std::array<WeightedSums, segments>, regions> e_sums{}, g_sums{}, o_sums{};
    std::array<WeightedSums, regions> outside_sums{};
    std::vector<TrackingHit> tracking_hits;
    for (const auto& h : hits)
    {
        const int layer = h.layer();
        if (layer >= config_.back_layer) r.ecal_back_energy += h.energy;
        r.max_cell_dep = std::max(r.max_cell_dep, h.energy);
        if (!(h.energy > 0)) continue;
        ++r.n_readout_hits;
        r.layer_energy[static_cast<std::size_t>(layer)] += h.energy;
        ++r.layer_hits[static_cast<std::size_t>(layer)];
        x_mean += h.x * h.energy;
        y_mean += h.y * h.energy;
        r.avg_layer_hit += layer;
        weighted_layer += layer * h.energy;
        r.deepest_layer_hit = std::max(r.deepest_layer_hit, layer);
        const double d_e = distance(electron, h);
        const double d_g = distance(photon, h);
        const double r_e = electron_radii[static_cast<std::size_t>(layer)];
        const double r_g = photon_radii[static_cast<std::size_t>(layer)];
        const auto s = segment_of(layer);
        segment_sums[s].add(h.energy, h.x, h.y, layer);
        for (std::size_t i = 0; i < regions; ++i)
        {
            const double lo = static_cast<double>(i), hi = static_cast<double>(i + 1);
            if (d_e >= lo * r_e && d_e < hi * r_e)
            {
                e_sums[i][s].add(h.energy, h.x, h.y, layer);
                r.electron_containment_energy[i] += h.energy;
            }
            if (d_g >= lo * r_g && d_g < hi * r_g)
            {
                g_sums[i][s].add(h.energy, h.x, h.y, layer);
                r.g_cont_n_hits[i][s] += 1;
                r.photon_containment_energy[i] += h.energy;
            }
            if (d_e > hi * r_e && d_g > hi * r_g)
            {
                o_sums[i][s].add(h.energy, h.x, h.y, layer);
                r.o_cont_n_hits[i][s] += 1;
                outside_sums[i].add(h.energy, h.x, h.y, layer);
                r.outside_containment_n_hits[i] += 1;
            }
        }
        if (d_e >= r_e || d_e == -1.0)
        {
            tracking_hits.push_back({{h.x, h.y, layer_z_[static_cast<std::size_t>(layer)]}, layer});
        }
    }
    for (const double e : r.layer_energy) r.summed_det += e;
    if (r.n_readout_hits > 0)
    {
        r.avg_layer_hit /= r.n_readout_hits;
        weighted_layer /= r.summed_det;
        x_mean /= r.summed_det;
        y_mean /= r.summed_det;
    }
    for (std::size_t s = 0; s < segments; ++s)
    {
        const auto& sums = segment_sums[s];
        r.energy_seg[s] = sums.energy;
        if (sums.energy > 0)
        {
            r.x_mean_seg[s] = sums.x / sums.energy;
            r.y_mean_seg[s] = sums.y / sums.energy;
            r.layer_mean_seg[s] = sums.layer / sums.energy;
        }
        for (std::size_t i = 0; i < regions; ++i)
        {
            r.e_cont_energy[i][s] = e_sums[i][s].energy;
            r.g_cont_energy[i][s] = g_sums[i][s].energy;
            r.o_cont_energy[i][s] = o_sums[i][s].energy;
            if (e_sums[i][s].energy > 0)
            {
                r.e_cont_x_mean[i][s] = e_sums[i][s].x / e_sums[i][s].energy;
                r.e_cont_y_mean[i][s] = e_sums[i][s].y / e_sums[i][s].energy;
            }
            if (g_sums[i][s].energy > 0)
            {
                r.g_cont_x_mean[i][s] = g_sums[i][s].x / g_sums[i][s].energy;
                r.g_cont_y_mean[i][s] = g_sums[i][s].y / g_sums[i][s].energy;
            }
            if (o_sums[i][s].energy > 0)
            {
                r.o_cont_x_mean[i][s] = o_sums[i][s].x / o_sums[i][s].energy;
                r.o_cont_y_mean[i][s] = o_sums[i][s].y / o_sums[i][s].energy;
                r.o_cont_layer_mean[i][s] = o_sums[i][s].layer / o_sums[i][s].energy;
            }
        }
    }
    for (std::size_t i = 0; i < regions; ++i)
    {
        r.outside_containment_energy[i] = outside_sums[i].energy;
        if (outside_sums[i].energy > 0)
        {
            r.outside_containment_x_mean[i] = outside_sums[i].x / outside_sums[i].energy;
            r.outside_containment_y_mean[i] = outside_sums[i].y / outside_sums[i].energy;
        }
    }

    // Second pass: spreads about the means.
    for (const auto& h : hits)
    {
        const int layer = h.layer();
        if (h.energy > 0)
        {
            r.x_std += (h.x - x_mean) * (h.x - x_mean) * h.energy;
            r.y_std += (h.y - y_mean) * (h.y - y_mean) * h.energy;
            r.std_layer_hit += (layer - weighted_layer) * (layer - weighted_layer) * h.energy;
        }
        const double d_e = distance(electron, h);
        const double d_g = distance(photon, h);
        const double r_e = electron_radii[static_cast<std::size_t>(layer)];
        const double r_g = photon_radii[static_cast<std::size_t>(layer)];
        const auto s = segment_of(layer);
        r.x_std_seg[s] += (h.x - r.x_mean_seg[s]) * (h.x - r.x_mean_seg[s]) * h.energy;
        r.y_std_seg[s] += (h.y - r.y_mean_seg[s]) * (h.y - r.y_mean_seg[s]) * h.energy;
        r.layer_std_seg[s] += (layer - r.layer_mean_seg[s]) * (layer - r.layer_mean_seg[s]) * h.energy;
        for (std::size_t i = 0; i < regions; ++i)
        {
            const double hi = static_cast<double>(i + 1);
            if (!(d_e > hi * r_e && d_g > hi * r_g)) continue;
            r.o_cont_x_std[i][s] += (h.x - r.o_cont_x_mean[i][s]) * (h.x - r.o_cont_x_mean[i][s]) * h.energy;
            r.o_cont_y_std[i][s] += (h.y - r.o_cont_y_mean[i][s]) * (h.y - r.o_cont_y_mean[i][s]) * h.energy;
            r.o_cont_layer_std[i][s] +=
                (layer - r.o_cont_layer_mean[i][s]) * (layer - r.o_cont_layer_mean[i][s]) * h.energy;
            const double dx = h.x - r.outside_containment_x_mean[i];
            const double dy = h.y - r.outside_containment_y_mean[i];
            r.outside_containment_x_std[i] += dx * dx * h.energy;
            r.outside_containment_y_std[i] += dy * dy * h.energy;
        }
    }
    if (r.n_readout_hits > 0)
    {
        r.x_std = std::sqrt(r.x_std / r.summed_det);
        r.y_std = std::sqrt(r.y_std / r.summed_det);
        r.std_layer_hit = std::sqrt(r.std_layer_hit / r.summed_det);
    }
    for (std::size_t s = 0; s < segments; ++s)
    {
        if (r.energy_seg[s] > 0)
        {
            r.x_std_seg[s] = std::sqrt(r.x_std_seg[s] / r.energy_seg[s]);
            r.y_std_seg[s] = std::sqrt(r.y_std_seg[s] / r.energy_seg[s]);
            r.layer_std_seg[s] = std::sqrt(r.layer_std_seg[s] / r.energy_seg[s]);
        }
        for (std::size_t i = 0; i < regions; ++i)
        {
            const double e = r.o_cont_energy[i][s];
            if (!(e > 0)) continue;
            r.o_cont_x_std[i][s] = std::sqrt(r.o_cont_x_std[i][s] / e);
            r.o_cont_y_std[i][s] = std::sqrt(r.o_cont_y_std[i][s] / e);
            r.o_cont_layer_std[i][s] = std::sqrt(r.o_cont_layer_std[i][s] / e);
        }
    }
    for (std::size_t i = 0; i < regions; ++i)
    {
        const double e = r.outside_containment_energy[i];
        if (!(e > 0)) continue;
        r.outside_containment_x_std[i] = std::sqrt(r.outside_containment_x_std[i] / e);
        r.outside_containment_y_std[i] = std::sqrt(r.outside_containment_y_std[i] / e);
    }

    // Trajectory lines for MIP tracking; far outside the ECal when there are none.
    const double z_front = layer_z_.front();
    const double z_back = layer_z_.back();
    LineSegment electron_line{{999, 999, z_front}, {999, 999, z_back}};
    LineSegment photon_line{{1000, 1000, z_front}, {1000, 1000, z_back}};
    if (!electron.empty())
    {
        electron_line = {{electron.front().x, electron.front().y, z_front}, {electron.back().x, electron.back().y, z_back}};
        photon_line = {{photon.front().x, photon.front().y, z_front}, {photon.back().x, photon.back().y, z_back}};
        const auto e_dir = (electron_line.end - electron_line.start).unit();
        const auto p_dir = (photon_line.end - photon_line.start).unit();
        r.ep_dot = e_dir.dot(p_dir);
        r.ep_ang = std::acos(std::clamp(r.ep_dot, -1.0, 1.0)) * 180 / constants::pi;
        r.ep_sep = std::hypot(electron_line.start.x - photon_line.start.x, electron_line.start.y - photon_line.start.y);
    }
    else
    {
        r.ep_dot = r.ep_ang = r.ep_sep = 999;
    }

    r.first_near_ph_layer = layers - 1;
    if (!photon.empty())
    {
        for (const auto& t : tracking_hits)
        {
            const auto& p = photon[static_cast<std::size_t>(t.layer)];
            if (std::hypot(t.position.x - p.x, t.position.y - p.y) < config_.near_photon_distance)
            {
                ++r.n_near_ph_hits;
                r.first_near_ph_layer = std::min(r.first_near_ph_layer, t.layer);
            }
        }
    }
    if (!electron.empty())
    {
        const auto photon_to_electron = (electron_line.start - photon_line.start).unit();
        const auto origin = photon_line.start + 0.5 * config_.near_photon_distance * photon_to_electron;
        for (const auto& t : tracking_hits)
        {
            if ((t.position - origin).dot(photon_to_electron) <= 0) ++r.photon_territory_hits;
        }
    }
    else
    {
        r.photon_territory_hits = r.n_readout_hits;
    }
    r.n_straight_tracks = static_cast<int>(track_finder_.find(std::move(tracking_hits), electron_line, photon_line).size());
    return r;
}
}  // namespace umbra::reco
