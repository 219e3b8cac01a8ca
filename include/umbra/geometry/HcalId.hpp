#pragma once
//! \file
//! Channel id of one HCal scintillator bar: (section, layer, strip), packed in
//! 32 bits. umbra's own packing (the current ldmx-sw HcalID layout was not
//! available to check): bits 31..26 subdetector = 6 (after SD_HCAL in
//! ldmx-sw's DetectorID numbering, SD_ECAL = 5), bits 20..18 section,
//! bits 17..10 layer, bits 9..0 strip. Sections as geometry::HcalSection.
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "umbra/geometry/Volume.hpp"

namespace umbra::geometry
{
class HcalId
{
public:
    using RawValue = std::uint32_t;
    static constexpr RawValue subdetector_hcal = 6;
    static constexpr RawValue subdetector_shift = 26;
    static constexpr RawValue section_shift = 18;
    static constexpr RawValue section_mask = 0x7;
    static constexpr RawValue layer_shift = 10;
    static constexpr RawValue layer_mask = 0xFF;
    static constexpr RawValue strip_mask = 0x3FF;

    constexpr HcalId() noexcept = default;
    constexpr HcalId(HcalSection section, int layer, int strip) noexcept
        : raw_{(subdetector_hcal << subdetector_shift) |
               ((static_cast<RawValue>(section) & section_mask) << section_shift) |
               ((static_cast<RawValue>(layer) & layer_mask) << layer_shift) | (static_cast<RawValue>(strip) & strip_mask)}
    {
    }
    static constexpr HcalId from_raw(RawValue raw) noexcept
    {
        HcalId id;
        id.raw_ = raw;
        return id;
    }
    constexpr RawValue raw() const noexcept { return raw_; }
    constexpr HcalSection section() const noexcept
    {
        return static_cast<HcalSection>((raw_ >> section_shift) & section_mask);
    }
    constexpr int layer() const noexcept { return static_cast<int>((raw_ >> layer_shift) & layer_mask); }
    constexpr int strip() const noexcept { return static_cast<int>(raw_ & strip_mask); }
    constexpr bool is_hcal() const noexcept { return (raw_ >> subdetector_shift) == subdetector_hcal; }
    std::string to_string() const
    {
        return fmt::format("Hcal({},{},{})", static_cast<int>(section()), layer(), strip());
    }
    friend constexpr bool operator==(HcalId, HcalId) = default;

private:
    RawValue raw_ = subdetector_hcal << subdetector_shift;
};
}  // namespace umbra::geometry
