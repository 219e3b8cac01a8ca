#pragma once
//! \file
//! Channel id of one ECal readout cell: (layer, module, cell), packed into a 32-bit raw
//! value bit-for-bit as ldmx-sw's `ldmx::EcalID` (DetDescr/include/DetDescr/EcalID.h,
//! EcalAbstractID.h, DetectorID.h), so raw ids written by umbra and by ldmx-sw mean the
//! same channel:
//!
//!   bits 31..26  subdetector   = 5 (`SD_ECAL`)
//!   bits 25..23  cell type     = 0 (`PrecisionGlobal`; 1 = `PrecisionLocal` is also an
//!                                   ldmx-sw precision cell id)
//!   bits 22..17  layer         (6 bits)
//!   bits 16..12  module        (5 bits)
//!   bits 11..0   cell          (12 bits)
//!
//! Layers count the 34 Si planes from the front (0 = the upstream plane of the
//! pre-shower bilayer), modules 0 (centre) … 6, cells 0 … 431 in the numbering of
//! ldmx-sw's `EcalGeometry::buildCellMap` (see EcalHexReadout.hpp).
#include <fmt/format.h>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace umbra::geometry
{
class EcalId
{
public:
    using RawValue = std::uint32_t;

    // Field layout (ldmx-sw DetectorID.h: SUBDETECTORID_SHIFT 26, mask 0x3F;
    // EcalAbstractID.h: CELL_TYPE_SHIFT 23, mask 0x7; EcalID.h: LAYER 17/0x3F,
    // MODULE 12/0x1F, CELL 0/0xFFF).
    static constexpr RawValue subdetector_shift = 26;
    static constexpr RawValue subdetector_mask = 0x3F;
    static constexpr RawValue subdetector_ecal = 5;  //!< ldmx::SD_ECAL
    static constexpr RawValue cell_type_shift = 23;
    static constexpr RawValue cell_type_mask = 0x7;
    static constexpr RawValue cell_type_precision_global = 0;
    static constexpr RawValue cell_type_precision_local = 1;
    static constexpr RawValue layer_shift = 17;
    static constexpr RawValue layer_mask = 0x3F;
    static constexpr RawValue module_shift = 12;
    static constexpr RawValue module_mask = 0x1F;
    static constexpr RawValue cell_shift = 0;
    static constexpr RawValue cell_mask = 0xFFF;

    // The LDMX v14 ECal (reference ldmx-v14-detector.md §4.3, §4.5).
    static constexpr int layer_count = 34;
    static constexpr int modules_per_layer = 7;
    static constexpr int cells_per_module = 432;
    static constexpr int cells_per_layer = modules_per_layer * cells_per_module;  // 3024
    static constexpr int channel_count = layer_count * cells_per_layer;           // 102816

    //! Ecal(0, 0, 0), like ldmx-sw's default EcalID ("empty but not null").
    constexpr EcalId() noexcept = default;

    //! Packs the fields; values are masked to their bit widths as in ldmx-sw (use
    //! is_valid() to check the v14 ranges).
    constexpr EcalId(int layer, int module, int cell) noexcept
        : raw_{ecal_header | ((static_cast<RawValue>(layer) & layer_mask) << layer_shift) |
               ((static_cast<RawValue>(module) & module_mask) << module_shift) |
               ((static_cast<RawValue>(cell) & cell_mask) << cell_shift)}
    {
    }

    //! Id from a raw value: nullopt unless the subdetector field is ECal and the cell type
    //! a precision cell (the checks of ldmx-sw's EcalID(RawValue) constructor). Field
    //! ranges are not checked here; see is_valid().
    static constexpr std::optional<EcalId> from_raw(RawValue raw) noexcept
    {
        const RawValue subdetector = (raw >> subdetector_shift) & subdetector_mask;
        const RawValue cell_type = (raw >> cell_type_shift) & cell_type_mask;
        if (subdetector != subdetector_ecal) return std::nullopt;
        if (cell_type != cell_type_precision_global && cell_type != cell_type_precision_local)
            return std::nullopt;
        EcalId id;
        id.raw_ = raw;
        return id;
    }

    //! Dense index layer·3024 + module·432 + cell in [0, 102816) for the v14 layout.
    constexpr int dense_index() const noexcept
    {
        return layer() * cells_per_layer + module() * cells_per_module + cell();
    }
    //! Inverse of dense_index() (index must be in [0, channel_count)).
    static constexpr EcalId from_dense_index(int index) noexcept
    {
        return {index / cells_per_layer, (index % cells_per_layer) / cells_per_module,
                index % cells_per_module};
    }

    constexpr RawValue raw() const noexcept { return raw_; }
    constexpr int layer() const noexcept { return static_cast<int>((raw_ >> layer_shift) & layer_mask); }
    constexpr int module() const noexcept { return static_cast<int>((raw_ >> module_shift) & module_mask); }
    constexpr int cell() const noexcept { return static_cast<int>((raw_ >> cell_shift) & cell_mask); }
    constexpr int cell_type() const noexcept
    {
        return static_cast<int>((raw_ >> cell_type_shift) & cell_type_mask);
    }

    //! ECal precision-global id with layer < 34, module < 7, cell < 432 (the v14 ranges).
    constexpr bool is_valid() const noexcept
    {
        return ((raw_ >> subdetector_shift) & subdetector_mask) == subdetector_ecal &&
               cell_type() == static_cast<int>(cell_type_precision_global) &&
               layer() < layer_count && module() < modules_per_layer && cell() < cells_per_module;
    }

    //! The (u, v) label of the cell used by ldmx-sw (`EcalID::getCellUV`, EcalID.cxx):
    //! v is the cell row within the module (0 … 23, rows of 13, 14, … 24, 23, … 12 cells,
    //! see EcalHexReadout.hpp), u the position along the row, offset by v − 11 in the
    //! upper half rows. Cells beyond 431 are put in row 23, as ldmx-sw does.
    constexpr std::pair<int, int> cell_uv() const noexcept
    {
        const int c = cell();
        int v = 0;
        while (v < max_v && c >= row_start(v + 1)) ++v;
        int u = c - row_start(v);
        if (v > v_middle) u += v - v_middle;
        return {u, v};
    }
    //! Inverse of cell_uv() for a 432-cell module (ldmx-sw `EcalID(layer, module, u, v)`);
    //! nullopt for (u, v) outside the module.
    static constexpr std::optional<int> cell_from_uv(int u, int v) noexcept
    {
        if (v < 0 || v > max_v) return std::nullopt;
        const int u_min = v > v_middle ? v - v_middle : 0;
        const int u_max = u_min + row_width(v) - 1;
        if (u < u_min || u > u_max) return std::nullopt;
        return row_start(v) + (u - u_min);
    }

    //! "Ecal(layer,module,cell[u,v])", the text of ldmx-sw's operator<< for EcalID.
    std::string to_string() const;

    friend constexpr bool operator==(EcalId, EcalId) noexcept = default;
    //! Orders by raw value, as ldmx-sw's DetectorID::operator< (layer, then module, then cell).
    friend constexpr std::strong_ordering operator<=>(EcalId a, EcalId b) noexcept
    {
        return a.raw_ <=> b.raw_;
    }

private:
    static constexpr RawValue ecal_header = subdetector_ecal << subdetector_shift;
    // Row structure of the 432-cell module (derived from the honeycomb construction in
    // EcalHexReadout and identical to the row_starts table of ldmx-sw EcalID.cxx).
    static constexpr int max_v = 23;
    static constexpr int v_middle = 11;
    static constexpr int row_width(int v) noexcept { return v <= v_middle ? 13 + v : 35 - v; }
    static constexpr int row_start(int v) noexcept
    {
        int start = 0;
        for (int w = 0; w < v; ++w) start += row_width(w);
        return start;
    }

    RawValue raw_ = ecal_header;
};
}  // namespace umbra::geometry

template <>
struct std::hash<umbra::geometry::EcalId>
{
    std::size_t operator()(umbra::geometry::EcalId id) const noexcept
    {
        return std::hash<std::uint32_t>{}(id.raw());
    }
};

template <>
struct fmt::formatter<umbra::geometry::EcalId> : fmt::formatter<std::string_view>
{
    template <typename FormatContext>
    auto format(umbra::geometry::EcalId id, FormatContext& context) const
    {
        const std::string text = id.to_string();
        return fmt::formatter<std::string_view>::format(std::string_view(text), context);
    }
};
