// UTF-8 helpers; decoding is ICU's (U8_NEXT), which rejects overlong forms,
// surrogates and code points past U+10FFFF, and ICU's converters (ucnv) for
// other encodings.
#include "load/utf8.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <memory>

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

CleanText CleanUtf8(std::string_view s, std::string_view keep) {
  CleanText out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  // Anchors on both sides of a replacement, so positions after it map back
  // to the input exactly.
  auto replace = [&](int32_t at, int32_t next, std::string_view with) {
    out.anchors.emplace_back(out.text.size(), static_cast<size_t>(at));
    out.text.append(with);
    out.anchors.emplace_back(out.text.size(), static_cast<size_t>(next));
  };
  size_t copied = 0;  // input bytes already in out.text
  out.text.reserve(s.size());
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    bool control =
        c >= 0 &&
        ((c < 0x20 && keep.find(static_cast<char>(c)) == std::string_view::npos) ||
         (c >= 0x7F && c <= 0x9F));
    if (c >= 0 && !control) continue;
    out.text.append(s.substr(copied, static_cast<size_t>(at) - copied));
    copied = static_cast<size_t>(i);
    if (c < 0) {
      if (out.invalid++ == 0) out.first_invalid = static_cast<size_t>(at);
      replace(at, i, "\xEF\xBF\xBD");
    } else {
      if (out.controls++ == 0) out.first_control = static_cast<size_t>(at);
      char32_t picture = c < 0x20 ? 0x2400 + c : c == 0x7F ? 0x2421 : 0xFFFD;
      char buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, picture);
      replace(at, i, std::string_view(buf, static_cast<size_t>(len)));
    }
  }
  out.text.append(s.substr(copied));
  return out;
}

std::string CleanNote(const CleanText& clean) {
  std::string note;
  if (clean.invalid > 0) {
    note = fmt::format(
        "invalid UTF-8 at byte offset {}{}: replaced by U+FFFD (save the file as UTF-8)",
        clean.first_invalid,
        clean.invalid > 1 ? fmt::format(" and {} more places", clean.invalid - 1) : "");
  }
  if (clean.controls > 0) {
    if (!note.empty()) note += "; ";
    note += fmt::format(
        "control character at byte offset {}{}: shown as a visible symbol",
        clean.first_control,
        clean.controls > 1 ? fmt::format(" and {} more", clean.controls - 1) : "");
  }
  return note;
}

std::string ControlsNote(size_t controls) {
  return fmt::format("{} control character{} in the text: shown as visible symbols",
                     controls, controls > 1 ? "s" : "");
}

std::optional<std::pair<std::string, size_t>> ByteOrderMark(std::string_view b) {
  // UTF-32LE's mark starts like UTF-16LE's, so it is tried first.
  if (b.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return {{"UTF-32LE", 4}};
  if (b.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return {{"UTF-32BE", 4}};
  if (b.starts_with("\xEF\xBB\xBF")) return {{"UTF-8", 3}};
  if (b.starts_with("\xFF\xFE")) return {{"UTF-16LE", 2}};
  if (b.starts_with("\xFE\xFF")) return {{"UTF-16BE", 2}};
  return std::nullopt;
}

std::optional<std::string> DecodeToUtf8(std::string_view bytes,
                                        const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(
      ucnv_open(encoding.c_str(), &status), ucnv_close);
  if (U_FAILURE(status) || !from) return std::nullopt;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> to(ucnv_open("UTF-8", &status),
                                                        ucnv_close);
  if (U_FAILURE(status) || !to) return std::nullopt;
  // Streams through a pivot buffer, so memory stays at the output's size.
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char buffer[1 << 14];
  const char* source = bytes.data();
  const char* source_end = bytes.data() + bytes.size();
  UChar pivot[1 << 12];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  bool first = true;
  for (;;) {
    char* target = buffer;
    status = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, buffer + sizeof buffer, &source,
                   source_end, pivot, &pivot_source, &pivot_target, pivot + 4096,
                   /*reset=*/first, /*flush=*/true, &status);
    first = false;
    out.append(buffer, static_cast<size_t>(target - buffer));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) return std::nullopt;
    return out;
  }
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
