// Small UTF-8 helpers for the loaders: validation with the offending byte
// offset, repair of ill-formed bytes and control characters, decoding of
// other encodings to UTF-8 (ICU's converters), and whitespace recognition
// that sees no-break and other spaces.
#ifndef CLAIMTRACE_LOAD_UTF8_H_
#define CLAIMTRACE_LOAD_UTF8_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace claimtrace {

// Returns the byte offset of the first ill-formed UTF-8 sequence in `s`, or
// std::string_view::npos if `s` is well-formed UTF-8.
size_t FindInvalidUtf8(std::string_view s);

// Text made safe to show: well-formed UTF-8 holding no control character
// but those kept (by default tab, line feed, carriage return, form feed).
struct CleanText {
  std::string text;
  // (offset in `text`, offset in the input) at each place where the two stop
  // lining up, sorted; empty when nothing was replaced.
  std::vector<std::pair<size_t, size_t>> anchors;
  size_t invalid = 0;                        // ill-formed sequences replaced
  size_t first_invalid = std::string::npos;  // input offset of the first
  size_t controls = 0;                       // control characters replaced
  size_t first_control = std::string::npos;  // input offset of the first
};

// Replaces each ill-formed UTF-8 sequence (one maximal subpart at a time, as
// the Unicode standard recommends) by U+FFFD, and each control character by
// a visible stand-in: C0 controls by their Control Pictures (ESC shows as
// U+241B), DEL by U+2421, C1 controls by U+FFFD. Terminal escapes in a
// document can then neither reach a terminal nor hide the text around them.
CleanText CleanUtf8(std::string_view s, std::string_view keep = "\t\n\r\f");

// A one-line loader note describing what CleanUtf8 replaced, or "" if
// nothing: "invalid UTF-8 at byte offset 3 ... replaced by U+FFFD".
std::string CleanNote(const CleanText& clean);

// The note for `controls` control characters cleaned out of text that is
// not the file's bytes (a Word or RTF document's): "2 control characters in
// the text: shown as visible symbols".
std::string ControlsNote(size_t controls);

// The encoding named by a byte-order mark at the start of `bytes`
// ("UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE") and the mark's
// length, or nullopt.
std::optional<std::pair<std::string, size_t>> ByteOrderMark(std::string_view bytes);

// Decodes `bytes` from `encoding` (any name ICU knows: "UTF-16LE",
// "windows-1252", "ISO-8859-1", "Shift_JIS"...) to UTF-8; undecodable bytes
// become U+FFFD. Returns nullopt if ICU does not know the encoding.
std::optional<std::string> DecodeToUtf8(std::string_view bytes,
                                        const std::string& encoding);

// Returns the byte length of the whitespace character at `i` (ASCII space,
// tab, CR, no-break space, the U+2000 spaces, narrow no-break space, ideo-
// graphic space, BOM), or 0 if the character there is not whitespace.
size_t SpaceLengthAt(std::string_view s, size_t i);

// Returns the byte length of the last UTF-8 character of `s` (0 if empty).
size_t LastCharLength(std::string_view s);

}  // namespace claimtrace

#endif  // CLAIMTRACE_LOAD_UTF8_H_
