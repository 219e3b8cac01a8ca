#pragma once
//! \file
//! Errors for bad user input. Messages follow "problem (why) suggestion" and
//! carry the file and line they refer to, so that the CLI can print exactly
//! one line such as
//!   events.lhe.gz:1043: expected 13 columns in a particle line, found 12

#include <cstdint>
#include <stdexcept>
#include <string>

namespace umbra
{
//! Location in a user-supplied file. line 0 means "the file as a whole".
struct SourceLocation
{
    std::string file;
    std::uint64_t line = 0;

    std::string to_string() const;
};

//! Bad input from the user: malformed file, unknown config key, impossible
//! physics parameter. Always-on validation throws this; the CLI prints what()
//! and exits non-zero.
class InputError : public std::runtime_error
{
public:
    InputError(SourceLocation where, const std::string& message);
    explicit InputError(const std::string& message);

    const SourceLocation& where() const noexcept { return where_; }
    //! The message without the location prefix.
    const std::string& message() const noexcept { return message_; }

private:
    SourceLocation where_;
    std::string message_;
};

//! Debug-only contract check for programming errors (not user input).
#ifdef NDEBUG
#define UMBRA_EXPECT(cond) ((void)0)
#else
#define UMBRA_EXPECT(cond) \
    ((cond) ? (void)0 : ::umbra::detail::contract_failure(#cond, __FILE__, __LINE__))
#endif

namespace detail
{
[[noreturn]] void contract_failure(const char* condition, const char* file, int line);
}  // namespace detail
}  // namespace umbra
