#include <utility>

#include "Commands.hpp"

namespace umbra::cli
{
namespace
{
std::function<void()>& selected()
{
    static std::function<void()> action;
    return action;
}
}  // namespace

void set_action(std::function<void()> action) { selected() = std::move(action); }

void run_selected()
{
    if (selected()) selected()();
}
}  // namespace umbra::cli
