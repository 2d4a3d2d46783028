// UTF-8 helpers; decoding is ICU's (U8_NEXT), which rejects overlong forms,
// surrogates and code points past U+10FFFF.
#include "load/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace claimtrace {

size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<size_t>(at);
  }
  return std::string_view::npos;
}

size_t SpaceLengthAt(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v') return 1;
  if (b < 0x80) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, j, static_cast<int32_t>(s.size()), c);
  if (c < 0) return 0;
  if (u_isUWhiteSpace(c) || c == 0xFEFF) return static_cast<size_t>(j) - i;
  return 0;
}

size_t LastCharLength(std::string_view s) {
  if (s.empty()) return 0;
  size_t n = 1;
  while (n < s.size() && n < 4 &&
         (static_cast<unsigned char>(s[s.size() - n]) & 0xC0) == 0x80) {
    ++n;
  }
  return n;
}

}  // namespace claimtrace
