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

std::string& command_line_storage()
{
    static std::string text;
    return text;
}
}  // namespace

void set_action(std::function<void()> action) { selected() = std::move(action); }

void run_selected()
{
    if (selected()) selected()();
}

const std::string& command_line() { return command_line_storage(); }

void set_command_line(int argc, char** argv)
{
    auto& text = command_line_storage();
    text.clear();
    for (int i = 0; i < argc; ++i)
    {
        if (i > 0) text += ' ';
        text += argv[i];
    }
}
}  // namespace umbra::cli
