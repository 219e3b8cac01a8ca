#pragma once
//! \file
//! Adaptive Monte Carlo integration on the unit hypercube by VEGAS:
//! G. P. Lepage, "A new algorithm for adaptive multidimensional integration",
//! J. Comput. Phys. 27 (1978) 192 (the algorithm), and G. P. Lepage, "VEGAS:
//! an adaptive multi-dimensional integration program", Cornell preprint
//! CLNS-80/447 (1980) (the grid smoothing, the damping exponent alpha and the
//! weighted combination of iterations); the grid is trained on per-bin
//! averages rather than sums of (f J)^2, as in G. P. Lepage, "Adaptive
//! multidimensional integration: VEGAS enhanced", J. Comput. Phys. 439 (2021)
//! 110386, arXiv:2009.05112 (see VegasIntegrator::refine).
//!
//! VEGAS importance-samples with a separable density p(x) = p_1(x_1) ... p_d(x_d).
//! Each p_j is piecewise constant on `bins` bins whose edges are adapted
//! iteration by iteration so that every bin carries the same share of the
//! integrand's projected importance; in the end the grid puts many narrow bins
//! where |f| is large (density proportional to the root-mean-square of f
//! projected on each axis). The adapted grid (a `VegasGrid`, immutable value,
//! Params in the sense of STYLE.md item 4) is what the event generator keeps to
//! sample phase-space points afterwards:
//!
//!   VegasIntegrator vegas(4, {.calls_per_iteration = 100000, .threads = 2, .seed = 7});
//!   VegasResult r = vegas.integrate([](std::span<const double> x) { return f(x); });
//!   // r.value +- r.error, r.chi2_per_dof
//!   const VegasGrid grid = vegas.grid();           // frozen, cheap to share between threads
//!   RandomStream rng({.seed = 7, .stream = StreamId::generator, .event = i});
//!   std::array<double, 4> x;
//!   const double jacobian = grid.sample(rng, x);
//!   const double weight = f(x) * jacobian;         // E[weight] = integral
//!
//! Only importance sampling is done (Lepage 1980's "MDS = 0" mode without
//! stratification): every iteration's estimate is a plain average of
//! independent weights f(x) J(x), so its variance estimate is the textbook one
//! and the weights are exactly what a generator unweights.
//!
//! Reproducibility: the calls of an iteration are cut into chunks of
//! `chunk_calls` calls; chunk c of (global) iteration k draws from
//! RandomStream{seed, stream, k * 2^32 + c} and the partial sums of the
//! chunks are added in chunk order, never in thread completion order, so the
//! result is bit-identical for any number of threads.

#include <cstdint>

#include "umbra/core/RandomStream.hpp"
#include <functional>
#include <span>
#include <vector>

namespace umbra
{
class RandomStream;
}

namespace umbra::gen
{
//! Stream number of VEGAS's random numbers by default (umbra::StreamId::vegas).
inline constexpr std::uint64_t vegas_stream = StreamId::vegas;

//! Per-dimension bin edges of a VEGAS grid on [0, 1)^d: dimension j has edges
//! 0 = e_j0 < e_j1 < ... < e_jN = 1 (N = bins(), the same in every dimension).
//! The map from u ~ U[0,1)^d is, per dimension (Lepage 1978):
//!   y = u N,  i = floor(y),  x = e_i + (y - i) (e_{i+1} - e_i),
//!   jacobian = prod_j N (e_{j,i+1} - e_{j,i}) = 1 / p(x),
//! so that E_u[f(x(u)) jacobian(u)] = integral of f over [0,1)^d.
//! Immutable once built and safe to use from any number of threads.
class VegasGrid
{
public:
    //! Uniform grid (the identity map, jacobian 1). Throws InputError unless
    //! dimensions >= 1 and bins >= 1.
    VegasGrid(int dimensions, int bins);
    //! A grid from explicit edges, one vector per dimension, each with the
    //! same number bins + 1 >= 2 of finite, non-decreasing values starting at
    //! exactly 0 and ending at exactly 1 (InputError otherwise). Zero-width
    //! bins are allowed (they are never hit and carry no weight).
    explicit VegasGrid(const std::vector<std::vector<double>>& edges);

    int dimensions() const noexcept { return dimensions_; }
    int bins() const noexcept { return bins_; }
    //! The bins() + 1 edges of one dimension, 0 <= dimension < dimensions().
    std::span<const double> edges(int dimension) const noexcept;

    //! Maps u in [0,1)^d to x in [0,1)^d and returns the jacobian (>= 0; > 0
    //! unless u falls in a zero-width bin). u and x must have dimensions()
    //! entries; they may be the same span (the map is done in place then).
    double map(std::span<const double> u, std::span<double> x) const noexcept;
    //! Draws u from rng (dimensions() uniforms, in order) and maps it into x;
    //! returns the jacobian. x must have dimensions() entries.
    double sample(RandomStream& rng, std::span<double> x) const noexcept;

    bool operator==(const VegasGrid&) const = default;

private:
    friend class VegasIntegrator;

    //! map() that also reports the bin index of every dimension.
    double map(std::span<const double> u, std::span<double> x, std::span<int> bin) const noexcept;

    int dimensions_ = 0;
    int bins_ = 0;
    std::vector<double> edges_;  //!< dimension j at [j (bins + 1), (j + 1) (bins + 1)) [1]
};

//! One iteration's estimate.
struct VegasEstimate
{
    double value = 0;  //!< mean of f J over the iteration's calls
    double error = 0;  //!< its standard error sqrt(var(f J) / calls)
};

struct VegasResult
{
    //! Combination of the m accumulated iterations I_k +- s_k:
    //! - GridAdaptation::all_iterations: the inverse-variance weighted mean
    //!   (Lepage 1980), value = sum(I_k / s_k^2) / sum(1 / s_k^2);
    //! - GridAdaptation::warmup_only: the plain mean sum(I_k) / m. The
    //!   iterations are then identically distributed, and this equals the
    //!   average over all their calls; it avoids the small bias of the weighted
    //!   mean, whose weights correlate with the estimates (an iteration that
    //!   misses a peak has both a low I_k and a low s_k). Lepage's vegas
    //!   package does the same when it no longer adapts (its changelog, on
    //!   "adapt=False").
    //! If some s_k is exactly 0 (e.g. an integrand that vanishes everywhere),
    //! value is the mean of those exact iterations, error and chi2 are 0.
    double value = 0;
    //! Its standard error: (sum 1 / s_k^2)^(-1/2), resp. sqrt(sum s_k^2) / m.
    double error = 0;
    //! sum (I_k - value)^2 / s_k^2 / (m - 1); 0 for m = 1.
    //! Should be of order 1; much larger means the per-iteration errors are
    //! not trustworthy (too few calls per iteration for this integrand).
    double chi2_per_dof = 0;
    std::uint64_t calls = 0;        //!< integrand calls entering value (accumulated iterations)
    std::uint64_t total_calls = 0;  //!< all integrand calls, warm-up included
    int iterations = 0;             //!< accumulated iterations combined into value
    std::vector<VegasEstimate> per_iteration;  //!< the accumulated iterations, in order
};

//! When the grid is refined.
enum class GridAdaptation
{
    //! Refine after each warm-up iteration only; the accumulated iterations all
    //! use the same frozen grid (the default): they are then identically
    //! distributed, chi2 is a clean consistency test, and the reported error
    //! refers to exactly the grid that grid() returns to the generator.
    warmup_only,
    //! Keep refining between accumulated iterations too (as Lepage 1980's
    //! program does); grid() is the grid of the last iteration.
    all_iterations,
};

//! Adaptive integrator; holds the current grid between calls.
class VegasIntegrator
{
public:
    //! The integrand on [0,1)^d, x.size() == dimensions(). Called concurrently
    //! from `Config::threads` threads, so it must be safe to call
    //! simultaneously (no unsynchronised mutable state: a lambda capturing
    //! constants or const references is). Must return finite values.
    using Integrand = std::function<double(std::span<const double> x)>;

    //! Calls per random-number chunk; part of the reproducibility contract
    //! (changing it changes every result).
    static constexpr std::uint64_t chunk_calls = 1024;

    struct Config
    {
        int bins = 50;        //!< grid bins per dimension (Lepage 1980 uses 50) [1]
        double alpha = 1.5;   //!< grid damping exponent, 0.2..2 typical; 0 = never refine (Lepage 1980) [1]
        std::uint64_t calls_per_iteration = 10000;  //!< integrand calls per iteration, >= 2 [1]
        int warmup_iterations = 5;  //!< iterations that only adapt the grid; results discarded [1]
        int iterations = 10;        //!< iterations combined into the result, >= 1 [1]
        GridAdaptation adaptation = GridAdaptation::warmup_only;  //!< see GridAdaptation
        unsigned threads = 1;          //!< worker threads (results do not depend on it) [1]
        std::uint64_t seed = 1;        //!< run seed of the RandomStream keys
        std::uint64_t stream = vegas_stream;  //!< stream number of the RandomStream keys

        //! Throws InputError unless 1 <= bins <= 100000, alpha finite and >= 0,
        //! 2 <= calls_per_iteration <= 2^40, warmup_iterations >= 0,
        //! iterations >= 1, warmup_iterations + iterations <= 2^30 and
        //! 1 <= threads <= 1024.
        void validate() const;
    };

    //! Starts from the uniform grid. Throws InputError on a bad config or
    //! dimensions < 1.
    VegasIntegrator(int dimensions, const Config& config);
    //! Starts from an existing (e.g. previously adapted) grid; with
    //! warmup_iterations = 0 and GridAdaptation::warmup_only the grid stays
    //! frozen. Throws InputError on a bad config or if config.bins differs
    //! from grid.bins().
    VegasIntegrator(VegasGrid grid, const Config& config);

    //! Runs warmup_iterations + iterations iterations from the current grid
    //! and returns the combined accumulated iterations; the integrator keeps
    //! the final grid. Repeated calls continue the global iteration count
    //! (fresh random numbers, never reused). Throws InputError if the
    //! integrand returns a non-finite value (the first in call order) and
    //! rethrows anything the integrand throws; the grid is then unspecified
    //! but valid.
    VegasResult integrate(const Integrand& integrand);

    int dimensions() const noexcept { return grid_.dimensions(); }
    const VegasGrid& grid() const noexcept { return grid_; }
    const Config& config() const noexcept { return config_; }

private:
    struct IterationData;

    //! One iteration with the current grid; fills data.
    void run_iteration(const Integrand& integrand, std::uint64_t iteration, IterationData& data) const;
    //! Lepage 1980 grid refinement from the per-bin sums of (f J)^2 and call counts.
    void refine(const std::vector<double>& bin_sums, const std::vector<double>& bin_counts);

    Config config_;
    VegasGrid grid_;
    std::uint64_t iterations_done_ = 0;  //!< global iteration counter, part of the RNG key
};
}  // namespace umbra::gen
