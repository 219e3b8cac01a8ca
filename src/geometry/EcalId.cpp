#include "umbra/geometry/EcalId.hpp"

#include <fmt/format.h>

namespace umbra::geometry
{
std::string EcalId::to_string() const
{
    const auto [u, v] = cell_uv();
    return fmt::format("Ecal({},{},{}[{},{}])", layer(), module(), cell(), u, v);
}
}  // namespace umbra::geometry
