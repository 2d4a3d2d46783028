// LetterPattern: an RE2 pattern with Unicode letter classes (\p{L}, \p{Lu},
// \p{Ll}) that costs a process almost nothing until text needs them.
//
// Each such class compiles to hundreds of UTF-8 byte ranges: a name pattern
// that repeats a capitalised word four times holds sixteen of them and takes
// about 5 ms to compile, more than checking a release. Most releases have no
// letter beyond ASCII, and on such text a class cut to its ASCII letters
// (\p{Lu} to [A-Z]) matches exactly what the whole class matches. So the
// pattern is compiled twice, each on first need: cut to ASCII (tens of
// microseconds) for text whose every non-ASCII character is a known
// non-letter (typographic quotes, dashes, currency signs), whole for any
// other text.
//
// Thread safety: For() is const and thread-safe. Not copyable.
#ifndef CLAIMTRACE_EXTRACT_LETTER_PATTERN_H_
#define CLAIMTRACE_EXTRACT_LETTER_PATTERN_H_

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace claimtrace {

class LetterPattern {
 public:
  explicit LetterPattern(std::string pattern,
                         const RE2::Options& options = RE2::Options());
  LetterPattern(const LetterPattern&) = delete;
  LetterPattern& operator=(const LetterPattern&) = delete;

  // Returns the compiled pattern that matches `text` exactly as the whole
  // pattern does: the ASCII cut when `text` allows it.
  const RE2& For(std::string_view text) const;

  // Returns the whole pattern, compiling it on the first call.
  const RE2& Full() const;

  // Returns `pattern` with \p{L}, \p{Lu} and \p{Ll} cut to ASCII letters, or
  // "" when it has another Unicode class (\pN, \P{L}...) that cannot be cut.
  static std::string CutToAscii(std::string_view pattern);

  // Returns true when no character of `text` is a letter beyond ASCII, by a
  // list of blocks known to hold none (so a new letter is never missed).
  static bool HasOnlyAsciiLetters(std::string_view text);

 private:
  const std::string pattern_;
  const std::string ascii_pattern_;  // "" when the pattern cannot be cut
  const RE2::Options options_;
  mutable std::once_flag ascii_once_, full_once_;
  mutable std::unique_ptr<RE2> ascii_, full_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_LETTER_PATTERN_H_
