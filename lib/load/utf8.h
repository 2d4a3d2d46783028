// Small UTF-8 helpers for the loaders: validation with the offending byte
// offset, and whitespace recognition that sees no-break and other spaces.
#ifndef CLAIMTRACE_LOAD_UTF8_H_
#define CLAIMTRACE_LOAD_UTF8_H_

#include <cstddef>
#include <string_view>

namespace claimtrace {

// Returns the byte offset of the first ill-formed UTF-8 sequence in `s`, or
// std::string_view::npos if `s` is well-formed UTF-8.
size_t FindInvalidUtf8(std::string_view s);

// Returns the byte length of the whitespace character at `i` (ASCII space,
// tab, CR, no-break space, the U+2000 spaces, narrow no-break space, ideo-
// graphic space, BOM), or 0 if the character there is not whitespace.
size_t SpaceLengthAt(std::string_view s, size_t i);

// Returns the byte length of the last UTF-8 character of `s` (0 if empty).
size_t LastCharLength(std::string_view s);

}  // namespace claimtrace

#endif  // CLAIMTRACE_LOAD_UTF8_H_
