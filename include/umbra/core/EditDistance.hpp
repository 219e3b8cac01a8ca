#pragma once
//! \file
//! Levenshtein distance, for "did you mean ...?" suggestions in error messages.
#include <cstddef>
#include <string_view>

namespace umbra
{
enum class LetterCase
{
    sensitive,
    insensitive,  //!< ASCII letters compare equal in either case
};

//! Number of single-character insertions, deletions and substitutions turning a into b.
std::size_t edit_distance(std::string_view a, std::string_view b, LetterCase letter_case = LetterCase::sensitive);
}  // namespace umbra
