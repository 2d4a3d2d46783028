// Tests for LetterPattern: the ASCII cut of a pattern matches text without
// letters beyond ASCII exactly as the whole pattern does, and any other text
// is matched by the whole pattern.
#include "extract/letter_pattern.h"

#include <doctest/doctest.h>

#include <string>

namespace claimtrace {
namespace {

TEST_CASE("CutToAscii cuts letter classes alone and inside brackets") {
  struct Case {
    const char* pattern;
    const char* cut;
  };
  const Case cases[] = {
      {R"(\p{Lu}\p{Ll}+)", "[A-Z][a-z]+"},
      {R"([\p{L}'’\-]*)", R"([A-Za-z'’\-]*)"},
      {R"(^\p{Lu}[\p{Lu} ]{2,30}:\s)", R"(^[A-Z][A-Z ]{2,30}:\s)"},
      {R"(\pL\.\[\p{Lu}\])", R"([A-Za-z]\.\[[A-Z]\])"},  // escaped brackets stay
      {R"([]\p{Ll}][^]\p{Lu}])", R"([]a-z][^]A-Z])"},    // ']' first is a literal
      {R"([[:alpha:]\p{Lu}])", "[[:alpha:]A-Z]"},
      {R"(plain (?i:by)\s+\w)", R"(plain (?i:by)\s+\w)"},
      // Classes without an ASCII cut leave the pattern whole.
      {R"(\p{N}+)", ""},
      {R"(\P{L})", ""},
      {R"(\p{Greek})", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CHECK(LetterPattern::CutToAscii(c.pattern) == c.cut);
  }
}

TEST_CASE("HasOnlyAsciiLetters knows punctuation from letters") {
  struct Case {
    const char* text;
    bool only_ascii;
  };
  const Case cases[] = {
      {"Jane Doe said:", true},
      {"“It is good,” she said — 10% of £5 … « oui »", true},
      {"a\xc2\xa0non-breaking space, ␛ and \xef\xbf\xbd", true},
      {"Zoë Smith said:", false},
      {"Łukasz Nowak", false},
      {"ª", false},     // feminine ordinal: a letter in Latin-1
      {"5 µg", false},  // micro sign: a letter
      {"Σοφία", false},
      {"\xc3", false},          // truncated sequence
      {"\xe0\x80\xaf", false},  // overlong encoding
      {"\xff", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(LetterPattern::HasOnlyAsciiLetters(c.text) == c.only_ascii);
  }
}

TEST_CASE("the cut pattern matches as the whole one on any text") {
  const char* const patterns[] = {
      // The speaker finder's name: four capitalised words at most.
      R"(((?:\p{Lu}[\p{L}'’\-]*\p{Ll}[\p{L}'’\-]*)(?:[ \t]+(?:\p{Lu}[\p{L}'’\-]*\p{Ll}[\p{L}'’\-]*)){0,3})[ \t]+said)",
      R"(^\p{Lu}[\p{Lu} ]{2,30}:\s)",
      R"(^(?i:by)\s+(\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,3})(?:,[^.]{0,60})?$)",
  };
  const char* const texts[] = {
      "Jane Doe said",     "Mary Anne O'Neil-Smith said",
      "Dr Zoë Ågren said", "Ángel Pérez said",
      "A B C D E said",    "SEE ALSO: the report",
      "ÉTÉ NOTES: x",      "By Jane Doe, health correspondent",
      "By Ægir Þórsson",   "“Quoted,” Jo Li said",
      "by the council",    "Σοφία Παπά said",
      "Łukasz Nowak said",
  };
  for (const char* pattern : patterns) {
    LetterPattern letters(pattern);
    RE2 whole(pattern);
    REQUIRE(whole.ok());
    for (const char* text : texts) {
      CAPTURE(pattern);
      CAPTURE(text);
      std::string got, want;
      bool matched = RE2::PartialMatch(text, letters.For(text), &got);
      CHECK(matched == RE2::PartialMatch(text, whole, &want));
      CHECK(got == want);
    }
  }
}

TEST_CASE("text with letters beyond ASCII gets the whole pattern") {
  LetterPattern name(R"(\p{Lu}\p{Ll}+)");
  CHECK(&name.For("Jane") != &name.Full());
  CHECK(&name.For("Zoë") == &name.Full());
  LetterPattern digits(R"(\p{N}+)");  // no cut: always whole
  CHECK(&digits.For("123") == &digits.Full());
}

}  // namespace
}  // namespace claimtrace
