#include "umbra/core/AdaptiveIntegrator.hpp"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

#include <mutex>
#include <stdexcept>

namespace umbra
{
struct AdaptiveIntegrator::Workspace
{
    gsl_integration_workspace* gsl = nullptr;
    ~Workspace()
    {
        if (gsl) gsl_integration_workspace_free(gsl);
    }
};

AdaptiveIntegrator::AdaptiveIntegrator(Config config)
    : config_(config), workspace_(std::make_unique<Workspace>())
{
    // GSL aborts the program on errors unless told otherwise; umbra handles the status codes.
    static std::once_flag handler_off;
    std::call_once(handler_off, [] { gsl_set_error_handler_off(); });
    workspace_->gsl = gsl_integration_workspace_alloc(config_.max_intervals);
    if (!workspace_->gsl) throw std::bad_alloc();
}

AdaptiveIntegrator::AdaptiveIntegrator() : AdaptiveIntegrator(Config{}) {}
AdaptiveIntegrator::~AdaptiveIntegrator() = default;
AdaptiveIntegrator::AdaptiveIntegrator(AdaptiveIntegrator&&) noexcept = default;
AdaptiveIntegrator& AdaptiveIntegrator::operator=(AdaptiveIntegrator&&) noexcept = default;

AdaptiveIntegrator::Result AdaptiveIntegrator::integrate_impl(Callback callback, void* data, double lower,
                                                              double upper, double absolute_tolerance)
{
    Result result;
    if (!(upper > lower)) return result;
    gsl_function function{callback, data};
    const int status = gsl_integration_qag(&function, lower, upper, absolute_tolerance,
                                           config_.relative_tolerance, config_.max_intervals, GSL_INTEG_GAUSS61,
                                           workspace_->gsl, &result.value, &result.error);
    // GSL_EMAXITER / GSL_EROUND / GSL_ESING: the value is the best estimate available.
    result.converged = status == GSL_SUCCESS;
    if (status == GSL_EDOM || status == GSL_EINVAL) throw std::logic_error("AdaptiveIntegrator: invalid arguments");
    return result;
}
}  // namespace umbra
