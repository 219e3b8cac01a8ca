#include "umbra/gen/VegasIntegrator.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <system_error>
#include <thread>
#include <utility>

#include "umbra/core/Error.hpp"
#include "umbra/core/RandomStream.hpp"

namespace umbra::gen
{
namespace
{
//! Chunks per synchronisation round: bounds the memory of the per-chunk
//! partial sums (wave_chunks * dimensions * bins doubles) independently of
//! calls_per_iteration. Does not affect results.
constexpr std::uint64_t wave_chunks = 64;

constexpr int max_dimensions = 1000;
constexpr int max_bins = 100000;
constexpr std::uint64_t max_calls = std::uint64_t{1} << 40;  // chunk index fits 32 bits
constexpr int max_iterations = 1 << 30;
constexpr unsigned max_threads = 1024;

//! Largest double below 1: x stays in [0, 1) even when rounding lands on the last edge.
constexpr double below_one = 1 - 0x1.0p-53;

//! The VEGAS map of VegasGrid (Lepage 1978) for one point; writes the
//! bin index of every dimension if WithBins. u and x may alias (u[j] is read
//! before x[j] is written).
template<bool WithBins>
double map_point(const double* edges, int dimensions, int bins, std::span<const double> u,
                 std::span<double> x, std::span<int> bin) noexcept
{
    const double n = bins;
    const std::size_t stride = static_cast<std::size_t>(bins) + 1;
    double jacobian = 1;
    for (int j = 0; j < dimensions; ++j)
    {
        const double y = u[j] * n;
        int i = static_cast<int>(y);
        i = std::clamp(i, 0, bins - 1);
        const double* e = edges + static_cast<std::size_t>(j) * stride;
        const double low = e[i];
        const double width = e[i + 1] - low;
        const double xj = low + (y - i) * width;
        x[j] = xj < 1 ? xj : below_one;
        jacobian *= n * width;
        if constexpr (WithBins) bin[j] = i;
    }
    return jacobian;
}

//! Count, mean and sum of squared deviations of a sample, merged pairwise
//! (Chan, Golub & LeVeque, "Updating formulae and a pairwise algorithm for
//! computing sample variances", COMPSTAT 1982; eq. 2.1): exact to rounding
//! even when the relative spread of the weights is tiny.
struct Moments
{
    std::uint64_t count = 0;
    double mean = 0;
    double m2 = 0;  //!< sum (w - mean)^2

    void merge(const Moments& other) noexcept
    {
        if (other.count == 0) return;
        const auto n_a = static_cast<double>(count);
        const auto n_b = static_cast<double>(other.count);
        const double n = n_a + n_b;
        const double delta = other.mean - mean;
        mean += delta * (n_b / n);
        m2 += other.m2 + delta * delta * (n_a * n_b / n);
        count += other.count;
    }
};

//! What one chunk of calls contributes.
struct ChunkResult
{
    Moments moments;
    std::vector<double> bin_sums;    //!< sum of (f J)^2 per [dimension][bin]
    std::vector<double> bin_counts;  //!< calls per [dimension][bin] (exact integers)
    std::exception_ptr failure;
};
}  // namespace

// ---------------------------------------------------------------------------
// VegasGrid

VegasGrid::VegasGrid(int dimensions, int bins) : dimensions_(dimensions), bins_(bins)
{
    if (dimensions < 1 || dimensions > max_dimensions)
        throw InputError(fmt::format(
            "VEGAS grid: {} dimensions (the unit hypercube needs 1 to {}); give the number of "
            "integration variables",
            dimensions, max_dimensions));
    if (bins < 1 || bins > max_bins)
        throw InputError(fmt::format(
            "VEGAS grid: {} bins per dimension (need 1 to {}); Lepage's default is 50", bins,
            max_bins));
    edges_.resize(static_cast<std::size_t>(dimensions) * (static_cast<std::size_t>(bins) + 1));
    for (int j = 0; j < dimensions; ++j)
        for (int i = 0; i <= bins; ++i)
            edges_[static_cast<std::size_t>(j) * (static_cast<std::size_t>(bins) + 1) + i] =
                i == bins ? 1.0 : static_cast<double>(i) / bins;
}

VegasGrid::VegasGrid(const std::vector<std::vector<double>>& edges)
{
    if (edges.empty() || edges.size() > static_cast<std::size_t>(max_dimensions))
        throw InputError(fmt::format(
            "VEGAS grid: edges given for {} dimensions (need 1 to {}); pass one edge vector per "
            "dimension",
            edges.size(), max_dimensions));
    const std::size_t count = edges.front().size();
    if (count < 2 || count > static_cast<std::size_t>(max_bins) + 1)
        throw InputError(fmt::format(
            "VEGAS grid: {} edges in dimension 0 (need 2 to {}, i.e. 1 to {} bins); pass "
            "bins + 1 edges from 0 to 1",
            count, max_bins + 1, max_bins));
    dimensions_ = static_cast<int>(edges.size());
    bins_ = static_cast<int>(count - 1);
    edges_.reserve(edges.size() * count);
    for (std::size_t j = 0; j < edges.size(); ++j)
    {
        const auto& e = edges[j];
        if (e.size() != count)
            throw InputError(fmt::format(
                "VEGAS grid: dimension {} has {} edges but dimension 0 has {} (all dimensions "
                "share one bin count); give every dimension the same number of edges",
                j, e.size(), count));
        if (e.front() != 0.0 || e.back() != 1.0)
            throw InputError(fmt::format(
                "VEGAS grid: dimension {} spans [{:g}, {:g}] (the grid maps onto [0, 1)); make "
                "the first edge 0 and the last 1",
                j, e.front(), e.back()));
        for (std::size_t i = 1; i < count; ++i)
            if (!(e[i] >= e[i - 1]) || !std::isfinite(e[i]))
                throw InputError(fmt::format(
                    "VEGAS grid: dimension {} edge {} is {:g} after {:g} (edges must be finite "
                    "and non-decreasing); sort the edges",
                    j, i, e[i], e[i - 1]));
        edges_.insert(edges_.end(), e.begin(), e.end());
    }
}

std::span<const double> VegasGrid::edges(int dimension) const noexcept
{
    UMBRA_EXPECT(dimension >= 0 && dimension < dimensions_);
    const std::size_t stride = static_cast<std::size_t>(bins_) + 1;
    return {edges_.data() + static_cast<std::size_t>(dimension) * stride, stride};
}

double VegasGrid::map(std::span<const double> u, std::span<double> x) const noexcept
{
    UMBRA_EXPECT(u.size() == static_cast<std::size_t>(dimensions_));
    UMBRA_EXPECT(x.size() == static_cast<std::size_t>(dimensions_));
    return map_point<false>(edges_.data(), dimensions_, bins_, u, x, {});
}

double VegasGrid::map(std::span<const double> u, std::span<double> x,
                      std::span<int> bin) const noexcept
{
    UMBRA_EXPECT(u.size() == static_cast<std::size_t>(dimensions_));
    UMBRA_EXPECT(x.size() == static_cast<std::size_t>(dimensions_));
    UMBRA_EXPECT(bin.size() == static_cast<std::size_t>(dimensions_));
    return map_point<true>(edges_.data(), dimensions_, bins_, u, x, bin);
}

double VegasGrid::sample(RandomStream& rng, std::span<double> x) const noexcept
{
    UMBRA_EXPECT(x.size() == static_cast<std::size_t>(dimensions_));
    for (auto& v : x) v = rng.uniform();
    return map_point<false>(edges_.data(), dimensions_, bins_, x, x, {});
}

// ---------------------------------------------------------------------------
// VegasIntegrator

void VegasIntegrator::Config::validate() const
{
    if (bins < 1 || bins > max_bins)
        throw InputError(fmt::format(
            "VEGAS: bins = {} (need 1 to {} grid bins per dimension); Lepage's default is 50",
            bins, max_bins));
    if (!std::isfinite(alpha) || alpha < 0)
        throw InputError(fmt::format(
            "VEGAS: alpha = {:g} (the grid damping exponent must be finite and >= 0); use "
            "0.2 to 2, default 1.5, or 0 to never refine",
            alpha));
    if (calls_per_iteration < 2 || calls_per_iteration > max_calls)
        throw InputError(fmt::format(
            "VEGAS: calls_per_iteration = {} (need 2 to 2^40 to estimate a variance); "
            "typical values are 1e4 to 1e6",
            calls_per_iteration));
    if (warmup_iterations < 0)
        throw InputError(fmt::format(
            "VEGAS: warmup_iterations = {} (a count cannot be negative); use 0 to skip the "
            "warm-up",
            warmup_iterations));
    if (iterations < 1)
        throw InputError(fmt::format(
            "VEGAS: iterations = {} (at least one iteration must be accumulated into the "
            "result); use 5 to 20",
            iterations));
    if (warmup_iterations > max_iterations - iterations)
        throw InputError(fmt::format(
            "VEGAS: warmup_iterations + iterations = {} + {} (more than 2^30 iterations); use "
            "more calls per iteration instead",
            warmup_iterations, iterations));
    if (threads < 1 || threads > max_threads)
        throw InputError(fmt::format(
            "VEGAS: threads = {} (need 1 to {}); results do not depend on it, use the number of "
            "cores",
            threads, max_threads));
    if (adaptation != GridAdaptation::warmup_only && adaptation != GridAdaptation::all_iterations)
        throw InputError("VEGAS: unknown grid adaptation mode (not a GridAdaptation value); use "
                         "warmup_only or all_iterations");
}

namespace
{
const VegasIntegrator::Config& validated(const VegasIntegrator::Config& config)
{
    config.validate();
    return config;
}
}  // namespace

VegasIntegrator::VegasIntegrator(int dimensions, const Config& config)
    : config_(validated(config)), grid_(dimensions, config.bins)
{
}

VegasIntegrator::VegasIntegrator(VegasGrid grid, const Config& config)
    : config_(validated(config)), grid_(std::move(grid))
{
    if (grid_.bins() != config_.bins)
        throw InputError(fmt::format(
            "VEGAS: the starting grid has {} bins per dimension but Config::bins is {} (the "
            "grid is used as it is); set Config::bins = grid.bins()",
            grid_.bins(), config_.bins));
}

struct VegasIntegrator::IterationData
{
    Moments moments;
    std::vector<double> bin_sums;    //!< sum of (f J)^2 per [dimension][bin]
    std::vector<double> bin_counts;  //!< calls per [dimension][bin]
};

void VegasIntegrator::run_iteration(const Integrand& integrand, std::uint64_t iteration,
                                    IterationData& data) const
{
    const int dims = grid_.dimensions();
    const int bins = grid_.bins();
    const std::size_t cells = static_cast<std::size_t>(dims) * static_cast<std::size_t>(bins);
    const std::uint64_t calls = config_.calls_per_iteration;
    const std::uint64_t chunks = (calls + chunk_calls - 1) / chunk_calls;

    data.moments = {};
    data.bin_sums.assign(cells, 0.0);
    data.bin_counts.assign(cells, 0.0);

    std::vector<ChunkResult> slots(static_cast<std::size_t>(std::min(chunks, wave_chunks)));
    for (auto& slot : slots)
    {
        slot.bin_sums.resize(cells);
        slot.bin_counts.resize(cells);
    }

    // One chunk: its own random stream, weights w = f(x) J(x), their mean and
    // squared deviations (two passes over the stored weights), and the
    // per-bin sums of w^2 and counts that train the grid (Lepage 1980:
    // its listing adds F**2 to D(IA(J),J); the counts as in Lepage 2021, see refine()).
    const auto run_chunk = [&](std::uint64_t chunk, ChunkResult& out, std::vector<double>& point,
                               std::vector<int>& bin, std::vector<double>& weights) {
        RandomStream rng({config_.seed, config_.stream, (iteration << 32) + chunk});
        const std::uint64_t begin = chunk * chunk_calls;
        const auto n = static_cast<std::size_t>(std::min(chunk_calls, calls - begin));
        std::fill(out.bin_sums.begin(), out.bin_sums.end(), 0.0);
        std::fill(out.bin_counts.begin(), out.bin_counts.end(), 0.0);
        double sum = 0;
        for (std::size_t k = 0; k < n; ++k)
        {
            for (auto& v : point) v = rng.uniform();
            const double jacobian = grid_.map(point, point, bin);
            const double f = integrand(std::span<const double>(point));
            const double w = f * jacobian;
            if (!std::isfinite(w))
                throw InputError(fmt::format(
                    "VEGAS: the integrand is {:g} at x = ({:.17g}) (grid jacobian {:g}; an "
                    "integrand must be finite everywhere); remove the singularity, e.g. by a "
                    "change of variables, or return 0 outside the physical region",
                    f, fmt::join(point, ", "), jacobian));
            weights[k] = w;
            sum += w;
            const double w2 = w * w;
            for (int j = 0; j < dims; ++j)
            {
                const std::size_t cell = static_cast<std::size_t>(j) * static_cast<std::size_t>(bins) +
                                         static_cast<std::size_t>(bin[j]);
                out.bin_sums[cell] += w2;
                out.bin_counts[cell] += 1;
            }
        }
        const double mean = sum / static_cast<double>(n);
        double m2 = 0;
        for (std::size_t k = 0; k < n; ++k) m2 += (weights[k] - mean) * (weights[k] - mean);
        out.moments = {n, mean, m2};
    };

    for (std::uint64_t first = 0; first < chunks; first += wave_chunks)
    {
        const std::uint64_t last = std::min(chunks, first + wave_chunks);
        std::atomic<std::uint64_t> next{first};
        std::atomic<bool> failed{false};
        // Chunks are claimed in increasing order and a claimed chunk is always
        // finished, so the first failure in chunk order is deterministic.
        const auto worker = [&] {
            std::vector<double> point;
            std::vector<int> bin;
            std::vector<double> weights;
            for (;;)
            {
                if (failed.load(std::memory_order_relaxed)) return;
                const std::uint64_t chunk = next.fetch_add(1, std::memory_order_relaxed);
                if (chunk >= last) return;
                ChunkResult& slot = slots[static_cast<std::size_t>(chunk - first)];
                slot.failure = nullptr;
                try
                {
                    point.resize(static_cast<std::size_t>(dims));
                    bin.resize(static_cast<std::size_t>(dims));
                    weights.resize(static_cast<std::size_t>(chunk_calls));
                    run_chunk(chunk, slot, point, bin, weights);
                }
                catch (...)
                {
                    slot.failure = std::current_exception();
                    failed.store(true, std::memory_order_relaxed);
                }
            }
        };

        const auto wanted = static_cast<unsigned>(
            std::min<std::uint64_t>(config_.threads, last - first));
        std::vector<std::thread> pool;
        try
        {
            pool.reserve(wanted - 1);
            for (unsigned t = 1; t < wanted; ++t) pool.emplace_back(worker);
        }
        catch (const std::system_error&)
        {
            // Fewer threads than asked for: same results, only slower.
        }
        worker();
        for (auto& thread : pool) thread.join();

        // Reduce in chunk order: the sums do not depend on which thread ran what.
        for (std::uint64_t chunk = first; chunk < last; ++chunk)
        {
            const ChunkResult& slot = slots[static_cast<std::size_t>(chunk - first)];
            if (slot.failure) std::rethrow_exception(slot.failure);
            data.moments.merge(slot.moments);
            for (std::size_t c = 0; c < cells; ++c)
            {
                data.bin_sums[c] += slot.bin_sums[c];
                data.bin_counts[c] += slot.bin_counts[c];
            }
        }
    }
}

void VegasIntegrator::refine(const std::vector<double>& bin_sums, const std::vector<double>& bin_counts)
{
    // Lepage 1980 (the refinement block of the VEGAS listing): per dimension,
    // 0. take d_i = the AVERAGE of (f J)^2 over the calls that fell in bin i
    //    (Lepage, "Adaptive multidimensional integration: VEGAS enhanced",
    //    J. Comput. Phys. 439 (2021) 110386, arXiv:2009.05112, and
    //    the vegas Python package): 1980 used the sum, whose expectation is the
    //    same up to a constant factor but which also carries the multinomial
    //    noise of the number of calls per bin, so that even a constant
    //    integrand would drift away from the uniform grid; empty bins get 0;
    // 1. smooth the d_i with their neighbours,
    //      d_0 <- (d_0 + d_1)/2,  d_i <- (d_{i-1} + d_i + d_{i+1})/3,  d_{N-1} <- (d_{N-2} + d_{N-1})/2;
    // 2. compress with the damping exponent alpha,
    //      r_i = [(1 - d_i/D) / ln(D/d_i)]^alpha,  D = sum d_i  (r_i = 0 where d_i = 0);
    // 3. re-divide ("REBIN") so each new bin holds the same sum of r, r_i being
    //    spread uniformly over old bin i.
    // At the fixed point every bin has the same average of (f J)^2; as J is
    // proportional to the bin width, the sampling density is then proportional
    // to the root-mean-square of f projected on that axis, the optimum for a
    // separable density (Lepage 1978). Dimensions without information
    // (all d_i = 0, e.g. an integrand vanishing on every sampled point, or
    // overflowing sums) keep their grid.
    const int bins = grid_.bins();
    if (config_.alpha == 0 || bins < 2) return;
    const auto n = static_cast<std::size_t>(bins);
    std::vector<double> average(n);
    std::vector<double> smooth(n);
    std::vector<double> importance(n);
    std::vector<double> new_edges(n + 1);
    for (int j = 0; j < grid_.dimensions(); ++j)
    {
        const double* sums = bin_sums.data() + static_cast<std::size_t>(j) * n;
        const double* counts = bin_counts.data() + static_cast<std::size_t>(j) * n;
        for (std::size_t i = 0; i < n; ++i) average[i] = counts[i] > 0 ? sums[i] / counts[i] : 0.0;
        const double* d = average.data();
        smooth[0] = (d[0] + d[1]) / 2;
        smooth[n - 1] = (d[n - 2] + d[n - 1]) / 2;
        for (std::size_t i = 1; i + 1 < n; ++i) smooth[i] = (d[i - 1] + d[i] + d[i + 1]) / 3;
        double total = 0;
        for (const double s : smooth) total += s;
        if (!(total > 0) || !std::isfinite(total)) continue;

        double total_importance = 0;
        for (std::size_t i = 0; i < n; ++i)
        {
            const double share = smooth[i] / total;
            double r = 0;
            if (share >= 1)
                r = 1;  // limit of (1 - s)/(-ln s) as s -> 1
            else if (share > 0)
                r = std::pow((1 - share) / -std::log(share), config_.alpha);
            importance[i] = r;
            total_importance += r;
        }
        if (!(total_importance > 0) || !std::isfinite(total_importance)) continue;

        const std::span<const double> old_edges = grid_.edges(j);
        new_edges[0] = 0;
        new_edges[n] = 1;
        std::size_t i = 0;      // old bin holding the next new edge
        double consumed = 0;    // sum of importance[0..i)
        for (std::size_t k = 1; k < n; ++k)
        {
            const double target = total_importance * static_cast<double>(k) / static_cast<double>(n);
            // Invariant consumed < target, so the bin we stop in has importance > 0.
            while (i < n && consumed + importance[i] < target) consumed += importance[i++];
            if (i >= n)
            {
                new_edges[k] = 1;  // rounding only; never reached in practice
                continue;
            }
            const double fraction = std::min(1.0, (target - consumed) / importance[i]);
            new_edges[k] = old_edges[i] + fraction * (old_edges[i + 1] - old_edges[i]);
        }
        std::copy(new_edges.begin(), new_edges.end(),
                  grid_.edges_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(j) * (n + 1)));
    }
}

VegasResult VegasIntegrator::integrate(const Integrand& integrand)
{
    if (!integrand)
        throw InputError("VEGAS: empty integrand (std::function without target); pass a callable");

    VegasResult result;
    IterationData data;
    const int total = config_.warmup_iterations + config_.iterations;
    for (int k = 0; k < total; ++k)
    {
        const std::uint64_t iteration = iterations_done_++;
        run_iteration(integrand, iteration, data);
        result.total_calls += config_.calls_per_iteration;
        if (k >= config_.warmup_iterations)
        {
            const auto count = static_cast<double>(data.moments.count);
            result.per_iteration.push_back(
                {data.moments.mean, std::sqrt(data.moments.m2 / (count - 1) / count)});
            result.calls += config_.calls_per_iteration;
        }
        const bool adapt = k < config_.warmup_iterations ||
                           config_.adaptation == GridAdaptation::all_iterations;
        if (adapt && k + 1 < total) refine(data.bin_sums, data.bin_counts);
    }
    result.iterations = config_.iterations;

    // Combination (see VegasResult::value): Lepage 1980's inverse-variance
    // weighted mean while the grid adapts, the plain mean once it is frozen.
    // Iterations with zero variance are exact: average only those.
    const auto& estimates = result.per_iteration;
    int exact = 0;
    double exact_sum = 0;
    for (const auto& e : estimates)
        if (e.error == 0)
        {
            ++exact;
            exact_sum += e.value;
        }
    if (exact > 0)
    {
        result.value = exact_sum / exact;
        return result;
    }
    const auto m = static_cast<double>(estimates.size());
    if (config_.adaptation == GridAdaptation::warmup_only)
    {
        double sum = 0;
        double sum_variance = 0;
        for (const auto& e : estimates)
        {
            sum += e.value;
            sum_variance += e.error * e.error;
        }
        result.value = sum / m;
        result.error = std::sqrt(sum_variance) / m;
    }
    else
    {
        double sum_weights = 0;
        double sum_weighted = 0;
        for (const auto& e : estimates)
        {
            const double weight = 1 / (e.error * e.error);
            sum_weights += weight;
            sum_weighted += weight * e.value;
        }
        result.value = sum_weighted / sum_weights;
        result.error = std::sqrt(1 / sum_weights);
    }
    if (estimates.size() > 1)
    {
        double chi2 = 0;
        for (const auto& e : estimates)
            chi2 += (e.value - result.value) * (e.value - result.value) / (e.error * e.error);
        result.chi2_per_dof = chi2 / (m - 1);
    }
    return result;
}
}  // namespace umbra::gen
