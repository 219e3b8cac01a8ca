#pragma once
//! \file
//! The transport's 3-vector is umbra::ThreeVector (core/ThreeVector.hpp); this
//! header makes it available as umbra::sim::ThreeVector with rotate_to_frame.
#include "umbra/core/ThreeVector.hpp"

namespace umbra::sim
{
using umbra::ThreeVector;
using umbra::rotate_to_frame;
}  // namespace umbra::sim
