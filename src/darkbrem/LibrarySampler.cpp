#include "umbra/darkbrem/LibrarySampler.hpp"

#include <fmt/format.h>

#include <cmath>

#include "umbra/core/Constants.hpp"
#include "umbra/core/Error.hpp"
#include "umbra/core/Units.hpp"

namespace umbra::darkbrem
{
ScalingMethod parse_scaling_method(std::string_view name)
{
    if (name == "forward-only" || name == "ForwardOnly") return ScalingMethod::forward_only;
    if (name == "cm-scaling" || name == "CMScaling") return ScalingMethod::cm_scaling;
    if (name == "none" || name == "Undefined") return ScalingMethod::none;
    throw InputError(fmt::format("unknown scaling method '{}' (expected forward-only, cm-scaling or none)", name));
}

LibrarySampler::LibrarySampler(const ReferenceLibrary& library, Config config) : library_(library), config_(config)
{
    if (!(config_.aprime_mass > 0) || !(config_.lepton_mass > 0)) throw InputError("masses must be positive");
    if (config_.max_redraws < 1) throw InputError("max_redraws must be at least 1");
}

const LibraryEvent& LibrarySampler::draw(const std::vector<LibraryEvent>& bin, RandomStream& rng)
{
    if (config_.selection == Selection::random)
    {
        const auto index = static_cast<std::size_t>(rng.uniform() * static_cast<double>(bin.size()));
        return bin[std::min(index, bin.size() - 1)];
    }
    auto it = next_index_.find(&bin);
    if (it == next_index_.end())
    {
        RandomStream start({config_.seed, StreamId::darkbrem_library, next_index_.size()});
        it = next_index_.emplace(&bin, static_cast<std::size_t>(start.uniform() * static_cast<double>(bin.size()))).first;
    }
    if (it->second >= bin.size()) it->second = 0;
    return bin[it->second++];
}

ScaledKinematics LibrarySampler::sample(double energy, double z, RandomStream& rng)
{
    // G4DarkBreM works in GeV here (the library's unit).
    const double e_in = energy / units::GeV;
    const double ml = config_.lepton_mass / units::GeV;
    const double ma = config_.aprime_mass / units::GeV;
    if (!(e_in > ml + ma))
        throw InputError(fmt::format("lepton energy {} GeV is below the dark-brem threshold", e_in));
    const auto& bin = library_.bin_for(z, e_in);

    const LibraryEvent* event = nullptr;
    double recoil_energy = 0, pt = 0, p = 0;
    double f = 0;
    for (int attempt = 0;; ++attempt)
    {
        event = &draw(bin, rng);
        f = (e_in - ml - ma) / (event->incident_energy - ml - ma);
        recoil_energy = (event->recoil[0] - ml) * f + ml;
        if (config_.method == ScalingMethod::none) recoil_energy = event->recoil[0];
        if (config_.method == ScalingMethod::cm_scaling)
        {
            // Boost the library recoil out of the library CM frame, into the shifted one.
            const double ediff = event->incident_energy - e_in;
            const double cm_lib[4] = {event->center[0], event->center[1], event->center[2], event->center[3]};
            const double cm_new[4] = {cm_lib[0] - ediff, cm_lib[1], cm_lib[2], cm_lib[3] - ediff};
            auto boost = [](const double v[4], const double frame[4], double sign, double out[4]) {
                const double b[3] = {sign * frame[1] / frame[0], sign * frame[2] / frame[0], sign * frame[3] / frame[0]};
                const double b2 = b[0] * b[0] + b[1] * b[1] + b[2] * b[2];
                const double gamma = 1 / std::sqrt(1 - b2);
                const double bp = b[0] * v[1] + b[1] * v[2] + b[2] * v[3];
                const double factor = b2 > 0 ? (gamma - 1) * bp / b2 + gamma * v[0] : 0.0;
                out[0] = gamma * (v[0] + bp);
                for (int i = 0; i < 3; ++i) out[i + 1] = v[i + 1] + factor * b[i];
            };
            double rest[4], moved[4];
            boost(event->recoil, cm_lib, -1, rest);
            boost(rest, cm_new, +1, moved);
            pt = std::hypot(moved[1], moved[2]);
            p = std::sqrt(moved[1] * moved[1] + moved[2] * moved[2] + moved[3] * moved[3]);
            break;
        }
        pt = std::hypot(event->recoil[1], event->recoil[2]);
        p = std::sqrt(std::max(0.0, recoil_energy * recoil_energy - ml * ml));
        if (config_.method == ScalingMethod::none || pt * pt + ml * ml <= recoil_energy * recoil_energy) break;
        if (attempt + 1 >= config_.max_redraws)
            throw InputError(fmt::format("could not scale any library event to {} GeV in {} draws (the library "
                                         "energy {} GeV is too far above; add lower library energies)",
                                         e_in, config_.max_redraws, event->incident_energy));
    }
    const double magnitude = std::sqrt(std::max(0.0, recoil_energy * recoil_energy - ml * ml));
    const double theta = std::asin(std::min(1.0, pt / p));
    const double phi = 2 * constants::pi * rng.uniform();

    ScaledKinematics out;
    out.recoil[0] = magnitude * std::sin(theta) * std::cos(phi) * units::GeV;
    out.recoil[1] = magnitude * std::sin(theta) * std::sin(phi) * units::GeV;
    out.recoil[2] = magnitude * std::cos(theta) * units::GeV;
    out.recoil_energy = std::sqrt(magnitude * magnitude + ml * ml) * units::GeV;
    if (!config_.scale_aprime)
    {
        const double beam = std::sqrt(e_in * e_in - ml * ml) * units::GeV;
        out.aprime[0] = -out.recoil[0];
        out.aprime[1] = -out.recoil[1];
        out.aprime[2] = beam - out.recoil[2];
    }
    else
    {
        const double a_lib[4] = {event->center[0] - event->recoil[0], event->center[1] - event->recoil[1],
                                 event->center[2] - event->recoil[2], event->center[3] - event->recoil[3]};
        const double e_a = (a_lib[0] - ma) * f + ma;
        const double pt_a = std::hypot(a_lib[1], a_lib[2]);
        const double p_a = std::sqrt(std::max(0.0, e_a * e_a - ma * ma));
        const double theta_a = std::asin(std::min(1.0, pt_a / p_a));
        const double phi_a = phi + (std::atan2(a_lib[2], a_lib[1]) - std::atan2(event->recoil[2], event->recoil[1]));
        out.aprime[0] = p_a * std::sin(theta_a) * std::cos(phi_a) * units::GeV;
        out.aprime[1] = p_a * std::sin(theta_a) * std::sin(phi_a) * units::GeV;
        out.aprime[2] = p_a * std::cos(theta_a) * units::GeV;
    }
    const double pa2 = out.aprime[0] * out.aprime[0] + out.aprime[1] * out.aprime[1] + out.aprime[2] * out.aprime[2];
    out.aprime_energy = std::sqrt(pa2 + config_.aprime_mass * config_.aprime_mass);
    return out;
}
}  // namespace umbra::darkbrem
