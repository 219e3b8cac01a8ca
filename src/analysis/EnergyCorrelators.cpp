#include "umbra/analysis/EnergyCorrelators.hpp"

#include <fmt/format.h>

#include <cmath>
#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "umbra/analysis/JetConstituents.hpp"
#include "umbra/analysis/detail/SimdKernels.hpp"
#include "umbra/core/Error.hpp"

#include "umbra/analysis/detail/VectorOps.hpp"

#pragma GCC diagnostic ignored "-Wpsabi"

namespace umbra::analysis
{
namespace
{
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t lanes = detail::simd_lanes;
using detail::simd::Vec;

struct TripleSums
{
    double e3 = 0, e3_2 = 0;                 //!< β
    double e3_doubled = 0, e3_2_doubled = 0; //!< 2β
};

//! Σ_{i<j<k} z_i z_j z_k × {Θ_ijΘ_ikΘ_jk, product of the two smallest} and the same with
//! every Θ squared. Θ: n rows of stride ld holding Θ_ik for k > i and zeros for n ≤ k < ld
//! (ld ≥ n + lanes − 1); z: ld entries, zero beyond n.
UMBRA_SIMD_CLONES TripleSums triple_sums(const double* theta, const double* z, std::size_t n, std::size_t ld)
{
    Vec a3 = {}, a3v = {}, b3 = {}, b3v = {};
    for (std::size_t i = 0; i < n; ++i)
    {
        const double* row_i = theta + i * ld;
        for (std::size_t j = i + 1; j + 1 < n; ++j)
        {
            const double* row_j = theta + j * ld;
            const Vec zero = {};
            const Vec c = zero + row_i[j];
            Vec s3 = {}, s3v = {}, t3 = {}, t3v = {};
            for (std::size_t k = j + 1; k < n; k += lanes)
            {
                const Vec t_ik = detail::simd::load(row_i + k), t_jk = detail::simd::load(row_j + k),
                          zk = detail::simd::load(z + k);
                const Vec x = t_ik * t_jk;
                const Vec product = c * x;
                const Vec ca = c * t_ik, cb = c * t_jk;
                Vec two = ca < cb ? ca : cb;
                two = two < x ? two : x;
                const Vec zp = zk * product, zt = zk * two;
                s3 += zp;
                s3v += zt;
                t3 += zp * product;
                t3v += zt * two;
            }
            const double w = z[i] * z[j];
            a3 += w * s3;
            a3v += w * s3v;
            b3 += w * t3;
            b3v += w * t3v;
        }
    }
    TripleSums sums;
    for (std::size_t l = 0; l < lanes; ++l)
    {
        sums.e3 += a3[l];
        sums.e3_2 += a3v[l];
        sums.e3_doubled += b3[l];
        sums.e3_2_doubled += b3v[l];
    }
    return sums;
}

struct Scratch
{
    std::vector<double> theta, z, x, y, w, chord2;
};

EnergyCorrelatorValues finish(double e2, double e3, double e3_2, std::size_t n)
{
    EnergyCorrelatorValues v;
    v.e2 = e2;
    v.e3 = e3;
    v.e3_2 = e3_2;
    if (n < 2)
    {
        v.c2 = v.d2 = v.n2 = nan;
        return v;
    }
    v.c2 = e3 / (e2 * e2);
    v.d2 = e3 / (e2 * e2 * e2);
    v.n2 = e3_2 / (e2 * e2);
    return v;
}

//! Fills the scratch with z and Θ = θ^β, returns e2^(β) and e2^(2β).
std::array<double, 2> prepare(const JetConstituents& jet, double beta, Scratch& s)
{
    const std::size_t n = jet.size();
    const std::size_t ld = detail::simd_padded(n + lanes - 1);
    s.theta.resize(n * ld);
    s.chord2.resize(ld);
    s.z.assign(ld, 0.0);
    // NaN directions in the padding: their chords are NaN, which skips the asin fallback.
    s.x.assign(ld, nan);
    s.y.assign(ld, nan);
    s.w.assign(ld, nan);
    const double e_jet = jet.energy_sum();
    const auto e = jet.energy();
    std::copy(jet.nx().begin(), jet.nx().end(), s.x.begin());
    std::copy(jet.ny().begin(), jet.ny().end(), s.y.begin());
    std::copy(jet.nz().begin(), jet.nz().end(), s.w.begin());
    for (std::size_t i = 0; i < n; ++i) s.z[i] = e[i] / e_jet;
    double e2 = 0, e2_doubled = 0;
    for (std::size_t i = 0; i < n; ++i)
    {
        double* row = s.theta.data() + i * ld;
        // θ_ik for k > i (the block holding i + 1 onwards), exact to a few ulp.
        const std::size_t first = (i + 1) / lanes * lanes;
        detail::chord2_row(s.x.data(), s.y.data(), s.w.data(), first, ld, s.x[i], s.y[i], s.w[i], s.chord2.data());
        detail::angles_from_chord2(s.chord2.data(), first, ld, row);
        for (std::size_t k = n; k < ld; ++k) row[k] = 0;
        if (beta == 2)
        {
            for (std::size_t k = i + 1; k < n; ++k) row[k] *= row[k];
        }
        else if (beta != 1)
        {
            for (std::size_t k = i + 1; k < n; ++k) row[k] = std::pow(row[k], beta);
        }
        double sum = 0, sum_doubled = 0;
        for (std::size_t k = i + 1; k < n; ++k)
        {
            sum += s.z[k] * row[k];
            sum_doubled += s.z[k] * row[k] * row[k];
        }
        e2 += s.z[i] * sum;
        e2_doubled += s.z[i] * sum_doubled;
    }
    return {e2, e2_doubled};
}

thread_local Scratch scratch;
}  // namespace

EnergyCorrelators::EnergyCorrelators() : EnergyCorrelators(1.0) {}

EnergyCorrelators::EnergyCorrelators(double beta) : beta_(beta)
{
    if (!(beta_ > 0) || !std::isfinite(beta_))
    {
        throw InputError(fmt::format("energy correlators: angular exponent β = {} (the ECFs weight angles by θ^β); use "
                                     "a finite β > 0, typically 1 or 2",
                                     beta_));
    }
}

std::array<EnergyCorrelatorValues, 2> EnergyCorrelators::with_doubled_beta(const JetConstituents& jet) const
{
    const std::size_t n = jet.size();
    if (n == 0)
    {
        const EnergyCorrelatorValues undefined{nan, nan, nan, nan, nan, nan};
        return {undefined, undefined};
    }
    const auto e2 = prepare(jet, beta_, scratch);
    const std::size_t ld = scratch.z.size();
    const TripleSums sums = n >= 3 ? triple_sums(scratch.theta.data(), scratch.z.data(), n, ld) : TripleSums{};
    return {finish(e2[0], sums.e3, sums.e3_2, n), finish(e2[1], sums.e3_doubled, sums.e3_2_doubled, n)};
}

EnergyCorrelatorValues EnergyCorrelators::operator()(const JetConstituents& jet) const
{
    return with_doubled_beta(jet)[0];
}
}  // namespace umbra::analysis
