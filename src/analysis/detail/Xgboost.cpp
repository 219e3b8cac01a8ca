#include "umbra/analysis/detail/Xgboost.hpp"

#include <fmt/format.h>

#include <limits>
#include <mutex>

#include "umbra/core/Error.hpp"
#include "umbra/core/Log.hpp"

namespace umbra::analysis::detail
{
void xgb_check(int status, std::string_view what)
{
    if (status == 0) return;
    std::string message = XGBGetLastError();
    // XGBoost appends a stack trace after the first line; the CLI prints one line.
    if (const auto cut = message.find("\nStack trace"); cut != std::string::npos) message.resize(cut);
    for (auto& c : message)
    {
        if (c == '\n') c = ' ';
    }
    throw InputError(fmt::format("XGBoost failed to {}: {}", what, message));
}

void xgb_route_logging()
{
    static std::once_flag once;
    std::call_once(once, [] {
        XGBRegisterLogCallback([](const char* message) { umbra::log().debug("XGBoost: {}", message); });
    });
}

XgbMatrix::XgbMatrix(std::span<const float> rows, std::size_t n_columns, unsigned threads)
{
    const auto n_rows = n_columns == 0 ? 0 : rows.size() / n_columns;
    xgb_check(XGDMatrixCreateFromMat_omp(rows.data(), n_rows, n_columns, std::numeric_limits<float>::quiet_NaN(),
                                         &handle_, static_cast<int>(threads)),
              "create a data matrix");
}

XgbMatrix::~XgbMatrix()
{
    if (handle_) XGDMatrixFree(handle_);
}

void XgbMatrix::set_labels(std::span<const float> labels)
{
    xgb_check(XGDMatrixSetFloatInfo(handle_, "label", labels.data(), labels.size()), "set the labels");
}

void XgbMatrix::set_weights(std::span<const float> weights)
{
    xgb_check(XGDMatrixSetFloatInfo(handle_, "weight", weights.data(), weights.size()), "set the weights");
}

void XgbMatrix::set_feature_names(const std::vector<std::string>& names)
{
    std::vector<const char*> pointers;
    for (const auto& name : names) pointers.push_back(name.c_str());
    xgb_check(XGDMatrixSetStrFeatureInfo(handle_, "feature_name", pointers.data(), pointers.size()),
              "set the feature names");
}

XgbBooster::XgbBooster(std::span<const DMatrixHandle> cache)
{
    xgb_route_logging();
    xgb_check(XGBoosterCreate(cache.data(), cache.size(), &handle_), "create a booster");
}

XgbBooster::~XgbBooster()
{
    if (handle_) XGBoosterFree(handle_);
}

void XgbBooster::set_param(const char* name, const std::string& value)
{
    xgb_check(XGBoosterSetParam(handle_, name, value.c_str()), fmt::format("set parameter {} = {}", name, value));
}

void XgbBooster::set_feature_names(const std::vector<std::string>& names)
{
    std::vector<const char*> pointers;
    for (const auto& name : names) pointers.push_back(name.c_str());
    xgb_check(XGBoosterSetStrFeatureInfo(handle_, "feature_name", pointers.data(), pointers.size()),
              "set the feature names");
}

std::vector<float> XgbBooster::predict(const XgbMatrix& matrix) const
{
    bst_ulong length = 0;
    const float* result = nullptr;
    xgb_check(XGBoosterPredict(handle_, matrix.get(), 0, 0, 0, &length, &result), "predict");
    return {result, result + length};
}

std::string XgbBooster::json() const
{
    bst_ulong length = 0;
    const char* data = nullptr;
    xgb_check(XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})", &length, &data), "serialise the model");
    return {data, length};
}
}  // namespace umbra::analysis::detail
