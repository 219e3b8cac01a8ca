#pragma once
//! \file
//! Splits each event of a dark-particle sample (e- N -> e- N X, X -> e+ e-)
//! into a *production* event, fired at the target, and a *decay* event, the
//! X decay products with a `#vertex x y z t` line at a displaced decay point
//! on the X flight line. This is the first half of the ALP signal job; the
//! two files are read by the simulation (and by ldmx-sw) like the seed
//! workflow's parser outputs. See docs/lhe-split.md for the vertex modes.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "umbra/lhe/Event.hpp"
#include "umbra/lhe/RunInfo.hpp"
#include "umbra/physics/DarkParticle.hpp"

namespace umbra
{
class ConfigTable;
}

namespace umbra::lhe
{
enum class VertexMode
{
    uniform,      //!< z ~ U[z_min, z_max] (the seed's default parser); weight unchanged
    exponential,  //!< seed's fixed lab decay length, counted from the window entrance
    physical,     //!< exp(-d / (beta gamma c tau)) per event for a coupling; optional window
    gamma,        //!< seed's Gamma(shape, loc, scale) z distribution
};
VertexMode parse_vertex_mode(std::string_view name);
std::string_view to_string(VertexMode mode);

struct SplitConfig
{
    VertexMode mode = VertexMode::uniform;
    //! Decay window along z [mm]. uniform and exponential use [200, 2000] when unset;
    //! physical truncates to it only when set.
    std::optional<double> z_min;
    std::optional<double> z_max;
    //! exponential: fixed lab decay length [mm] (seed: 10). physical: the wanted mean lab decay
    //! length of the sample, from which the coupling is derived.
    std::optional<double> decay_length;
    //! physical: the coupling (g_aee, scalar Yukawa, or epsilon) to use.
    std::optional<double> coupling;
    //! Coupling the input was generated with; default: from the MadGraph banner.
    std::optional<double> generated_coupling;
    double gamma_shape = 2;      //!< gamma mode: shape k (seed: 2)
    double gamma_loc = 350;      //!< gamma mode: location [mm] (seed: 350)
    double gamma_scale = 15;     //!< gamma mode: scale [mm] (seed: 15)
    double beam_spot_x = 10;     //!< half-width of the uniform beam spot in x [mm] (seed: 10)
    double beam_spot_y = 40;     //!< half-width of the uniform beam spot in y [mm] (seed: 40)
    double production_z = 0;     //!< production z when the input has no #vertex [mm]
    int x_pdg = 0;               //!< PDG id of X; 0 = automatic (622 ALP, 1023 A')
    std::optional<physics::DarkParticleKind> kind;  //!< default: from x_pdg (1023 vector, else pseudoscalar)
    std::uint64_t seed = 1;      //!< run seed for beam spot, vertex and decay streams
    //! Number of the first input event in the whole sample: when a sample is split over
    //! jobs, give each job its offset and the union equals one big run.
    std::uint64_t first_event = 0;
    unsigned threads = 1;        //!< worker threads (results do not depend on it)

    //! Fill from a TOML table ([split] of a config); unknown keys are errors at finish().
    static SplitConfig from_toml(ConfigTable& table);
    //! The [split] table that from_toml() reads back to this configuration (unset options
    //! are written as comments), with a comment per key. Execution options that cannot change
    //! the output (threads) are included only when `with_execution_options`.
    std::string to_toml(bool with_execution_options = true) const;
    void validate() const;
};

//! What a split did, for the summary and the output headers.
struct SplitSummary
{
    std::uint64_t events = 0;
    int x_pdg = 0;
    physics::DarkParticleKind kind = physics::DarkParticleKind::pseudoscalar;
    double x_mass = 0;                 //!< [MeV]
    double mean_x_momentum = 0;        //!< [MeV]
    std::optional<double> coupling;    //!< used by the physical mode
    std::optional<double> generated_coupling;
    double cross_section_scale = 1;    //!< (g / g_gen)^2 applied to <init> and weights
    double mean_window_probability = 1;  //!< physical mode with a window
    double mean_lab_decay_length = 0;  //!< physical mode [mm]
    double mean_decay_z = 0;           //!< [mm]
    std::uint64_t decayed_here = 0;    //!< events whose X umbra decayed (undecayed input)
};

class ProductionDecaySplitter
{
public:
    explicit ProductionDecaySplitter(SplitConfig config);

    //! Split `inputs` (read as one stream) into the two output files. `command` (the command
    //! line, if any) is recorded in the outputs' provenance with the umbra version, the
    //! effective configuration and the inputs' sizes and CRC-32 checksums.
    SplitSummary run(const std::vector<std::filesystem::path>& inputs,
                     const std::filesystem::path& production_path,
                     const std::filesystem::path& decay_path, std::string_view command = {}) const;

    const SplitConfig& config() const noexcept { return config_; }

private:
    SplitConfig config_;
};
}  // namespace umbra::lhe
