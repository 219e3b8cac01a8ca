#include "umbra/lhe/Event.hpp"

namespace umbra::lhe
{
void Event::clear() noexcept
{
    process_id = 0;
    weight = scale = alpha_qed = alpha_qcd = 0;
    particles.clear();
    vertex.reset();
    weights.clear();
    tag_attributes.clear();
    extra_lines.clear();
}
}  // namespace umbra::lhe
