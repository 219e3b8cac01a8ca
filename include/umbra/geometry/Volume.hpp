#pragma once
//! \file
//! One placed volume of the detector: a prism (a TransverseShape between two z
//! planes) of one material, with an optional sensitive-detector role. Volumes
//! form a tree (world → envelopes → leaves); siblings never overlap and children
//! lie inside their parent.
#include <cstdint>
#include <string>
#include <vector>

#include "umbra/geometry/TransverseShape.hpp"

namespace umbra::geometry
{
//! What a sensitive volume records.
enum class SensitiveKind : std::uint8_t
{
    none,
    ecal_silicon,          //!< an ECal Si plane: hits per (layer, module, cell)
    hcal_scintillator,     //!< an HCal scintillator layer: hits per bar
    tracker_silicon,       //!< a tagger/recoil sensor (material only for now)
    trigger_scintillator,  //!< a trigger-pad bar layer (material only for now)
};

//! HCal sections, numbered as ldmx-sw's `HcalSection` enum (DetDescr/HcalID.h:
//! BACK 0, TOP 1, BOTTOM 2, LEFT 3, RIGHT 4).
enum class HcalSection : std::uint8_t
{
    back = 0,
    top = 1,
    bottom = 2,
    left = 3,
    right = 4,
};

//! Lab axis.
enum class Axis : std::uint8_t
{
    x = 0,
    y = 1,
    z = 2,
};

//! The sensitive-detector role of a volume.
struct Sensitive
{
    SensitiveKind kind = SensitiveKind::none;
    int layer = -1;  //!< ECal Si layer 0–33; HCal layer (1-based within its section); sensor index
    HcalSection section = HcalSection::back;
    Axis bar_axis = Axis::x;          //!< HCal: the axis the bars run along
    Axis segmentation_axis = Axis::y;  //!< HCal: the axis the bars are stacked along
    double bar_width = 0;             //!< HCal bar width along the segmentation axis [mm]
    double bar_origin = 0;            //!< HCal: coordinate of bar 0's low edge on that axis [mm]
    int bar_count = 0;                //!< HCal bars in the layer
};

struct Volume
{
    std::string name;
    int material = -1;  //!< index into DetectorGeometry::materials()
    int region = -1;    //!< index into DetectorGeometry::regions(), inherited from the parent if unset
    int parent = -1;    //!< -1 for the world
    double z_min = 0;   //!< [mm]
    double z_max = 0;   //!< [mm]
    TransverseShape shape;
    Sensitive sensitive;
    std::vector<int> children;
};
}  // namespace umbra::geometry
