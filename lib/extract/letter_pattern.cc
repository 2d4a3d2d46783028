// LetterPattern: see letter_pattern.h. The cut rewrites the pattern's text,
// tracking whether each \p{..} stands inside a bracketed class (where its
// letters join the class) or alone (where they become one).
#include "extract/letter_pattern.h"

#include <cstdint>

namespace claimtrace {
namespace {

// The ASCII letters of a class RE2 knows by name; nullptr for any other.
const char* AsciiLetters(std::string_view name) {
  if (name == "L") return "A-Za-z";
  if (name == "Lu") return "A-Z";
  if (name == "Ll") return "a-z";
  return nullptr;
}

// True for non-ASCII code points in blocks that hold no letter: Latin-1
// punctuation and signs (less ª, µ, º), ×, ÷, General Punctuation (quotes,
// dashes, ellipsis, spaces), currency signs, control pictures (the loader's
// stand-ins for control characters) and U+FFFD. Anything else may be a
// letter, and the whole pattern decides.
bool IsKnownNonLetter(uint32_t c) {
  if (c >= 0x80 && c <= 0xBF) return c != 0xAA && c != 0xB5 && c != 0xBA;
  return c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2400 && c <= 0x243F) || c == 0xFFFD;
}

}  // namespace

LetterPattern::LetterPattern(std::string pattern, const RE2::Options& options)
    : pattern_(std::move(pattern)),
      ascii_pattern_(CutToAscii(pattern_)),
      options_(options) {}

const RE2& LetterPattern::For(std::string_view text) const {
  if (ascii_pattern_.empty() || !HasOnlyAsciiLetters(text)) return Full();
  std::call_once(ascii_once_,
                 [this] { ascii_ = std::make_unique<RE2>(ascii_pattern_, options_); });
  return *ascii_;
}

const RE2& LetterPattern::Full() const {
  std::call_once(full_once_,
                 [this] { full_ = std::make_unique<RE2>(pattern_, options_); });
  return *full_;
}

std::string LetterPattern::CutToAscii(std::string_view pattern) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      char next = pattern[i + 1];
      if (next == 'p' || next == 'P') {
        std::string_view name;
        size_t end = i + 2;
        if (end < pattern.size() && pattern[end] == '{') {
          size_t close = pattern.find('}', end);
          if (close == std::string_view::npos) return "";
          name = pattern.substr(end + 1, close - end - 1);
          end = close + 1;
        } else if (end < pattern.size()) {
          name = pattern.substr(end, 1);
          end += 1;
        }
        const char* letters = next == 'p' ? AsciiLetters(name) : nullptr;
        if (!letters) return "";
        out += in_class ? std::string(letters) : "[" + std::string(letters) + "]";
        i = end - 1;
        continue;
      }
      out += c;
      out += next;
      ++i;
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      out += c;
      // A ']' first in the class (after any '^') is a literal.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    }
    if (in_class && c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      size_t close = pattern.find(":]", i + 2);  // [:alpha:] is ASCII already
      if (close == std::string_view::npos) return "";
      out += pattern.substr(i, close + 2 - i);
      i = close + 1;
      continue;
    }
    if (in_class && c == ']') in_class = false;
    out += c;
  }
  return out;
}

bool LetterPattern::HasOnlyAsciiLetters(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    // Decodes one well-formed UTF-8 sequence; anything else is left to the
    // whole pattern.
    size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    if (length == 0 || b > 0xF4 || i + length > text.size()) return false;
    uint32_t c = b & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80) return false;
      c = (c << 6) | (cont & 0x3F);
    }
    constexpr uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};  // else overlong
    if (c < kLeast[length] || !IsKnownNonLetter(c)) return false;
    i += length;
  }
  return true;
}

}  // namespace claimtrace
