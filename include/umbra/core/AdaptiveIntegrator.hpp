#pragma once
//! \file
//! One-dimensional adaptive quadrature: GSL's QAG with the 61-point
//! Gauss-Kronrod rule (QUADPACK QK61; Piessens et al., "QUADPACK", Springer
//! 1983), the rule G4DarkBreM uses through Boost. Each instance owns its GSL
//! workspace, so nested integrals need one instance per level, and an
//! instance must not be shared between threads.

#include <cstddef>
#include <memory>

namespace umbra
{
class AdaptiveIntegrator
{
public:
    struct Config
    {
        double relative_tolerance = 1e-9;  //!< stop when error < relative_tolerance * |value|
        double absolute_tolerance = 0;     //!< ... or error < absolute_tolerance
        std::size_t max_intervals = 2000;  //!< bisection limit
    };

    struct Result
    {
        double value = 0;
        double error = 0;      //!< GSL's error estimate
        bool converged = true; //!< false when the tolerance was not reached (value still usable)
    };

    AdaptiveIntegrator();
    explicit AdaptiveIntegrator(Config config);
    ~AdaptiveIntegrator();
    AdaptiveIntegrator(AdaptiveIntegrator&&) noexcept;
    AdaptiveIntegrator& operator=(AdaptiveIntegrator&&) noexcept;
    AdaptiveIntegrator(const AdaptiveIntegrator&) = delete;
    AdaptiveIntegrator& operator=(const AdaptiveIntegrator&) = delete;

    //! Integral of f over [lower, upper] (lower <= upper; equal limits give 0).
    template <typename Function>
    Result integrate(Function&& f, double lower, double upper)
    {
        return integrate_impl(&call<std::remove_reference_t<Function>>, &f, lower, upper,
                              config_.absolute_tolerance);
    }
    //! The same with an absolute tolerance for this call (e.g. relative to a larger whole).
    template <typename Function>
    Result integrate(Function&& f, double lower, double upper, double absolute_tolerance)
    {
        return integrate_impl(&call<std::remove_reference_t<Function>>, &f, lower, upper, absolute_tolerance);
    }

    const Config& config() const noexcept { return config_; }

private:
    using Callback = double (*)(double, void*);
    template <typename F>
    static double call(double x, void* f)
    {
        return (*static_cast<F*>(f))(x);
    }
    Result integrate_impl(Callback callback, void* data, double lower, double upper, double absolute_tolerance);

    struct Workspace;
    Config config_;
    std::unique_ptr<Workspace> workspace_;
};
}  // namespace umbra
