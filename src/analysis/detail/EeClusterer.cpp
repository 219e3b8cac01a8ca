#include "umbra/analysis/detail/EeClusterer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/analysis/detail/VectorOps.hpp"

#pragma GCC diagnostic ignored "-Wpsabi"

namespace umbra::analysis::detail
{
namespace
{
constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

//! The active slots of a clustering in progress (views into EeClusterer's arrays).
struct Slots
{
    double *x, *y, *z, *w, *nn_c2, *d, *row;
    double* nn;  //!< nearest slot as a double (vector compares), −1 for none
    int* id;
    std::size_t m;    //!< active slots
    double factor;    //!< d_ij = factor min(w_i, w_j) |n_i − n_j|²
    double cap;       //!< |n_i − n_j|² at which the beam is nearer (∞ without beam)
    bool beam;

    UMBRA_ALWAYS_INLINE void update_distance(std::size_t a) noexcept
    {
        const double b = nn[a];
        if (b < 0)
            d[a] = beam ? w[a] : infinity;
        else
            d[a] = factor * std::min(w[a], w[static_cast<std::size_t>(b)]) * nn_c2[a];
    }

    //! Nearest neighbour of slot a by angle; row receives |n_a − n_u|² for every slot u.
    UMBRA_ALWAYS_INLINE void scan(std::size_t a) noexcept
    {
        const std::size_t padded = simd_padded(m);
        const double ax = x[a], ay = y[a], az = z[a];
        simd::ArgMin nearest;
        simd::Vec index = simd::lane_indices(0);
        for (std::size_t k = 0; k < padded; k += simd_lanes)
        {
            const simd::Vec dx = ax - simd::load(x + k), dy = ay - simd::load(y + k), dz = az - simd::load(z + k);
            const simd::Vec c2 = dx * dx + dy * dy + dz * dz;
            simd::store(row + k, c2);
            // Exclude a itself: NaN is never the minimum.
            nearest.add(index == static_cast<double>(a) ? simd::broadcast(nan) : c2, index);
            index += static_cast<double>(simd_lanes);
        }
        double best = 0;
        const std::size_t b = nearest.result(padded, best);
        if (b < padded && best < cap)
        {
            nn_c2[a] = best;
            nn[a] = static_cast<double>(b);
        }
        else
        {
            nn_c2[a] = cap;
            nn[a] = -1;
        }
        update_distance(a);
    }

    UMBRA_ALWAYS_INLINE std::size_t smallest_distance(double& d_min) const noexcept
    {
        const std::size_t padded = simd_padded(m);
        simd::ArgMin smallest;
        simd::Vec index = simd::lane_indices(0);
        for (std::size_t k = 0; k < padded; k += simd_lanes)
        {
            smallest.add(simd::load(d + k), index);
            index += static_cast<double>(simd_lanes);
        }
        return smallest.result(padded, d_min);
    }

    UMBRA_ALWAYS_INLINE void move(std::size_t from, std::size_t to) noexcept
    {
        x[to] = x[from];
        y[to] = y[from];
        z[to] = z[from];
        w[to] = w[from];
        id[to] = id[from];
        nn[to] = nn[from];
        nn_c2[to] = nn_c2[from];
        d[to] = d[from];
    }

    UMBRA_ALWAYS_INLINE void clear(std::size_t slot) noexcept
    {
        x[slot] = y[slot] = z[slot] = nan;  // never anyone's nearest neighbour
        d[slot] = infinity;                 // never the smallest distance
        nn[slot] = -1;
    }
};
}  // namespace

EeClusterer::EeClusterer() : EeClusterer(Config{}) {}

EeClusterer::EeClusterer(Config config)
{
    set_config(config);
}

void EeClusterer::set_config(Config config)
{
    config_ = config;
    if (config_.measure == Measure::durham)
    {
        // FastJet: d_ij = min(E²) · 2(1 − cos θ) with _invR2 = 1, no beam.
        config_.beam = false;
        factor_ = 1;
        chord2_cap_ = infinity;
    }
    else
    {
        // FastJet: _R2 = 2(1 − cos R), or 2(3 + cos R) for R > π; d_ij = min(w) 2(1 − cos θ)/_R2.
        const double r2 = config_.radius > std::numbers::pi ? 2 * (3 + std::cos(config_.radius))
                                                              : 2 * (1 - std::cos(config_.radius));
        factor_ = 1 / r2;
        chord2_cap_ = config_.beam ? r2 : infinity;
    }
}

double EeClusterer::weight(double energy) const noexcept
{
    const double e2 = energy * energy;
    if (config_.measure == Measure::durham) return e2;
    if (config_.p == 1) return e2;
    if (config_.p == 0) return 1;
    if (config_.p == -1) return e2 > 1e-300 ? 1 / e2 : 1e300;
    return std::pow(config_.p <= 0 && e2 < 1e-300 ? 1e-300 : e2, config_.p);
}

void EeClusterer::cluster(const JetConstituents& particles)
{
    n_ = particles.size();
    nodes_.clear();
    nodes_.reserve(2 * n_);
    final_.clear();
    const auto e = particles.energy();
    const auto nx = particles.nx(), ny = particles.ny(), nz = particles.nz();
    for (std::size_t i = 0; i < n_; ++i)
    {
        Node node;
        node.energy = e[i];
        node.px = e[i] * nx[i];
        node.py = e[i] * ny[i];
        node.pz = e[i] * nz[i];
        node.nx = nx[i];
        node.ny = ny[i];
        node.nz = nz[i];
        nodes_.push_back(node);
    }
    const std::size_t padded = simd_padded(n_);
    for (auto* v : {&sx_, &sy_, &sz_, &nn_c2_, &row_}) v->assign(padded, nan);
    nn_.assign(padded, -1.0);
    sw_.assign(padded, 0.0);
    d_.assign(padded, infinity);
    id_.assign(padded, -1);
    rescan_.clear();
    for (std::size_t s = 0; s < n_; ++s)
    {
        sx_[s] = nx[s];
        sy_[s] = ny[s];
        sz_[s] = nz[s];
        sw_[s] = weight(e[s]);
        id_[s] = static_cast<int>(s);
    }
    run(*this);
}

UMBRA_SIMD_CLONES void EeClusterer::run(EeClusterer& c) noexcept
{
    Slots slots{c.sx_.data(), c.sy_.data(), c.sz_.data(), c.sw_.data(), c.nn_c2_.data(), c.d_.data(), c.row_.data(),
                c.nn_.data(), c.id_.data(),  c.n_,           c.factor_, c.chord2_cap_,  c.config_.beam};
    auto& s = slots;
    for (std::size_t a = 0; a < s.m; ++a) s.scan(a);

    while (s.m > 0)
    {
        if (!s.beam && s.m == 1)
        {
            c.final_.push_back(s.id[0]);
            break;
        }
        double d_min = 0;
        const std::size_t a = s.smallest_distance(d_min);
        const int b_slot = static_cast<int>(s.nn[a]);
        const std::size_t last = s.m - 1;
        if (b_slot < 0)
        {
            // Beam: the jet in slot a is finished. Flag the jets that had it as neighbour;
            // those that had the last slot (moving into a) now point to a.
            const int id = s.id[a];
            c.nodes_[static_cast<std::size_t>(id)].distance = d_min;
            c.final_.push_back(id);
            if (a != last) s.move(last, a);
            s.clear(last);
            s.m = last;
            const auto ia = static_cast<double>(a), il = static_cast<double>(last);
            for (std::size_t u = 0; u < s.m; ++u)
            {
                const double nn = s.nn[u];
                if (nn == ia)  // its neighbour is gone (the moved jet's too)
                    c.rescan_.push_back(static_cast<int>(u));
                else if (nn == il)
                    s.nn[u] = ia;
            }
            for (int u : c.rescan_) s.scan(static_cast<std::size_t>(u));
            c.rescan_.clear();
            continue;
        }
        const auto b = static_cast<std::size_t>(b_slot);
        // Recombine (FastJet DefaultRecombiner: E-scheme sum, or WTA_modp).
        const Node na = c.nodes_[static_cast<std::size_t>(s.id[a])];
        const Node nb = c.nodes_[static_cast<std::size_t>(s.id[b])];
        Node merged;
        merged.parent1 = s.id[a];
        merged.parent2 = s.id[b];
        merged.distance = d_min;
        if (c.config_.wta)
        {
            const double pa2 = na.px * na.px + na.py * na.py + na.pz * na.pz;
            const double pb2 = nb.px * nb.px + nb.py * nb.py + nb.pz * nb.pz;
            const Node& hard = pa2 >= pb2 ? na : nb;
            const double p_hard = std::sqrt(std::max(pa2, pb2));
            const double p_sum = std::sqrt(pa2) + std::sqrt(pb2);
            const double m2_hard = std::max(hard.energy * hard.energy - std::max(pa2, pb2), 0.0);
            merged.nx = hard.nx;
            merged.ny = hard.ny;
            merged.nz = hard.nz;
            merged.px = hard.nx * p_sum;
            merged.py = hard.ny * p_sum;
            merged.pz = hard.nz * p_sum;
            merged.energy = p_hard > 0 ? std::sqrt(p_sum * p_sum + m2_hard) : na.energy + nb.energy;
        }
        else
        {
            merged.energy = na.energy + nb.energy;
            merged.px = na.px + nb.px;
            merged.py = na.py + nb.py;
            merged.pz = na.pz + nb.pz;
            const double p = std::sqrt(merged.px * merged.px + merged.py * merged.py + merged.pz * merged.pz);
            if (p > 0)
            {
                merged.nx = merged.px / p;
                merged.ny = merged.py / p;
                merged.nz = merged.pz / p;
            }
            else
            {
                merged.nx = na.nx;
                merged.ny = na.ny;
                merged.nz = na.nz;
            }
        }
        const int k = static_cast<int>(c.nodes_.size());
        c.nodes_.push_back(merged);

        // The merged jet takes the lower slot, the last slot fills the higher one.
        const std::size_t low = std::min(a, b), high = std::max(a, b);
        s.x[low] = merged.nx;
        s.y[low] = merged.ny;
        s.z[low] = merged.nz;
        s.w[low] = c.weight(merged.energy);
        s.id[low] = k;
        if (high != last) s.move(last, high);
        s.clear(last);
        s.m = last;
        // New nearest neighbour of the merged jet (row then holds every |n_u − n_low|²). In
        // one pass over the others: those whose neighbour was merged away are
        // rescanned afterwards, those pointing at the old last slot now point at `high`, and
        // the rest only need the merged jet as a candidate.
        s.scan(low);
        const auto da = static_cast<double>(a), db = static_cast<double>(b), dhigh = static_cast<double>(high),
                   dlast = static_cast<double>(last), dlow = static_cast<double>(low);
        for (std::size_t u = 0; u < s.m; ++u)
        {
            if (u == low) continue;
            const double nn = s.nn[u];
            if (nn == da || nn == db)
            {
                c.rescan_.push_back(static_cast<int>(u));
                continue;
            }
            if (nn == dlast) s.nn[u] = dhigh;
            if (s.row[u] < s.nn_c2[u])
            {
                s.nn_c2[u] = s.row[u];
                s.nn[u] = dlow;
                s.update_distance(u);
            }
        }
        for (int u : c.rescan_) s.scan(static_cast<std::size_t>(u));
        c.rescan_.clear();
    }
}

void EeClusterer::exclusive_jets(int n_jets, std::vector<int>& ids) const
{
    ids.clear();
    const int n = static_cast<int>(n_);
    if (n == 0 || n_jets < 1) return;
    if (n_jets >= n)
    {
        for (int i = 0; i < n; ++i) ids.push_back(i);
        return;
    }
    if (n_jets == 1)
    {
        ids.push_back(static_cast<int>(nodes_.size()) - 1);
        return;
    }
    // As FastJet's exclusive_jets_up_to: the nodes made before the stop point whose
    // merging comes after it.
    const int stop = 2 * n - n_jets;
    for (int id = stop; id < static_cast<int>(nodes_.size()); ++id)
    {
        const auto& node = nodes_[static_cast<std::size_t>(id)];
        if (node.parent1 < stop) ids.push_back(node.parent1);
        if (node.parent2 < stop) ids.push_back(node.parent2);
    }
}

double EeClusterer::exclusive_dmerge(int n_jets) const noexcept
{
    const int n = static_cast<int>(n_);
    if (n_jets < 1 || n_jets >= n) return 0;
    return nodes_[static_cast<std::size_t>(2 * n - n_jets - 1)].distance;
}

void EeClusterer::leaves(int id, std::vector<int>& out) const
{
    out.clear();
    std::vector<int> stack{id};
    while (!stack.empty())
    {
        const int top = stack.back();
        stack.pop_back();
        const auto& node = nodes_[static_cast<std::size_t>(top)];
        if (node.parent1 < 0)
        {
            out.push_back(top);
            continue;
        }
        stack.push_back(node.parent2);
        stack.push_back(node.parent1);
    }
}
}  // namespace umbra::analysis::detail
