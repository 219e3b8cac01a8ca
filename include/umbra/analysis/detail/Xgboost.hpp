#pragma once
//! \file
//! Internal (src/analysis only; needs the XGBoost 1.7 C API headers): RAII owners of XGBoost
//! handles and the error check. Every failing XGBoost call becomes an InputError carrying
//! XGBGetLastError() (first line, without XGBoost's stack trace).
#include <xgboost/c_api.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace umbra::analysis::detail
{
//! Throw InputError("XGBoost failed to <what>: <XGBGetLastError()>") if status != 0.
void xgb_check(int status, std::string_view what);

//! Route XGBoost's log messages to umbra's logger (once per process).
void xgb_route_logging();

//! A dense float matrix (row-major, NaN = missing) as an XGBoost DMatrix.
class XgbMatrix
{
public:
    XgbMatrix(std::span<const float> rows, std::size_t n_columns, unsigned threads);
    ~XgbMatrix();
    XgbMatrix(const XgbMatrix&) = delete;
    XgbMatrix& operator=(const XgbMatrix&) = delete;

    void set_labels(std::span<const float> labels);
    void set_weights(std::span<const float> weights);
    void set_feature_names(const std::vector<std::string>& names);

    DMatrixHandle get() const noexcept { return handle_; }

private:
    DMatrixHandle handle_ = nullptr;
};

class XgbBooster
{
public:
    //! An empty booster (to load a model into, or to train on `cache`).
    explicit XgbBooster(std::span<const DMatrixHandle> cache = {});
    ~XgbBooster();
    XgbBooster(const XgbBooster&) = delete;
    XgbBooster& operator=(const XgbBooster&) = delete;

    void set_param(const char* name, const std::string& value);
    void set_feature_names(const std::vector<std::string>& names);
    //! Margin-transformed predictions (probabilities for binary:logistic), no training-time effects.
    std::vector<float> predict(const XgbMatrix& matrix) const;
    //! The model in XGBoost's JSON format.
    std::string json() const;

    BoosterHandle get() const noexcept { return handle_; }

private:
    BoosterHandle handle_ = nullptr;
};
}  // namespace umbra::analysis::detail
