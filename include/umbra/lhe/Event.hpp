#pragma once
//! \file
//! One `<event>` block of an LHE file.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "umbra/lhe/Particle.hpp"

namespace umbra::lhe
{
//! The `#vertex x y z [t]` line that ldmx-sw reads after the particle
//! lines (SimCore LHEEvent): where to fire the event's particles.
struct Vertex
{
    double x = 0;  //!< [mm]
    double y = 0;  //!< [mm]
    double z = 0;  //!< [mm]
    double t = 0;  //!< [ns]
    bool has_time = false;  //!< whether the line carried the optional time

    friend bool operator==(const Vertex&, const Vertex&) = default;
};

//! One entry of the `<rwgt>` block: `<wgt id='ID'> value </wgt>`.
struct NamedWeight
{
    std::string id;
    double value = 0;

    friend bool operator==(const NamedWeight&, const NamedWeight&) = default;
};

struct Event
{
    int process_id = 0;     //!< IDPRUP
    double weight = 0;      //!< XWGTUP (sign and unit follow the <init> IDWTUP strategy)
    double scale = 0;       //!< SCALUP [GeV]
    double alpha_qed = 0;   //!< AQEDUP
    double alpha_qcd = 0;   //!< AQCDUP
    std::vector<Particle> particles;  //!< NUP = particles.size()
    std::optional<Vertex> vertex;     //!< `#vertex` line, if any
    std::vector<NamedWeight> weights; //!< `<rwgt>` block, if any
    std::string tag_attributes;  //!< attributes of the `<event ...>` tag, verbatim
    //! Other lines inside the event block (comments, `<mgrwt>`, `<scales>` ...),
    //! verbatim, each terminated by '\n'; written back after the particles.
    std::string extra_lines;

    //! Reset to an empty event, keeping allocated capacity.
    void clear() noexcept;

    friend bool operator==(const Event&, const Event&) = default;
};
}  // namespace umbra::lhe
