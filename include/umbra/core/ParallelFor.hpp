#pragma once
//! \file
//! Run work(begin, end, worker) over [0, n) split into `threads` contiguous ranges, in range
//! order by worker index (worker t gets the t-th range), on std::threads; the calling thread
//! waits. The first exception thrown by any worker (in worker order) is rethrown. Small ranges
//! (n < 2 threads) run inline as worker 0. Deterministic results come from the callers keying
//! their random numbers by item index, never by worker.

#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace umbra
{
template <typename Work>
void parallel_ranges(unsigned threads, std::size_t n, Work&& work)
{
    if (threads <= 1 || n < 2 * static_cast<std::size_t>(threads))
    {
        work(std::size_t{0}, n, 0u);
        return;
    }
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t)
    {
        pool.emplace_back([&, t] {
            try
            {
                work(n * t / threads, n * (t + 1) / threads, t);
            }
            catch (...)
            {
                errors[t] = std::current_exception();
            }
        });
    }
    for (auto& thread : pool) thread.join();
    for (auto& error : errors)
        if (error) std::rethrow_exception(error);
}
}  // namespace umbra
