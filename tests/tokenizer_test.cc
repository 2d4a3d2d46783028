// Tests for the normalised token stream: every typographic variant folds to
// the same tokens, and every token keeps its exact byte range.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "claimtrace/document.h"
#include "claimtrace/tokens.h"

namespace claimtrace {
namespace {

std::string Norms(const std::vector<Token>& tokens) {
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) out += (i ? " " : "") + tokens[i].norm;
  return out;
}

struct FoldCase {
  const char* name;
  const char* text;
  const char* tokens;
};

TEST_CASE("typographic variants fold to the same tokens") {
  const FoldCase cases[] = {
      {"case folds", "Outstanding OUTSTANDING", "outstanding outstanding"},
      {"curly apostrophe is a straight one", "children\xE2\x80\x99s", "children's"},
      {"straight apostrophe stays", "borough's", "borough's"},
      {"trailing possessive apostrophe is not part of the word",
       "Hamlets\xE2\x80\x99 Children\xE2\x80\x99s", "hamlets children's"},
      {"hyphen separates compound words", "high-quality", "high quality"},
      {"en dash separates", "high\xE2\x80\x93quality", "high quality"},
      {"em dash separates", "care\xE2\x80\x94leavers", "care leavers"},
      {"no-break space separates",
       "top\xC2\xA0"
       "20",
       "top 20"},
      {"narrow no-break space separates",
       "top\xE2\x80\xAF"
       "20",
       "top 20"},
      {"ligatures unfold", "\xEF\xAC\x81nal \xEF\xAC\x82ourish", "final flourish"},
      {"soft hyphen inside a word vanishes",
       "tena\xC2\xAD"
       "cious",
       "tenacious"},
      {"full-width letters fold", "\xEF\xBC\xA1\xEF\xBC\xA2", "ab"},
      {"thousands separators keep a number whole", "2,350 grants", "2,350 grants"},
      {"decimals keep a number whole", "1.5 million", "1.5 million"},
      {"percent sign is dropped", "20% of", "20 of"},
      {"punctuation is dropped", "\xE2\x80\x9CWell,\xE2\x80\x9D she said.",
       "well she said"},
      {"serial comma makes no token", "skilled, and permanent", "skilled and permanent"},
      {"empty input", "", ""},
      {"white space only", " \t\n ", ""},
  };
  Tokenizer tokenizer;
  for (const FoldCase& c : cases) {
    CAPTURE(std::string(c.name));
    CHECK(Norms(tokenizer.Tokenize(c.text)) == c.tokens);
  }
}

TEST_CASE("token ranges are exact byte ranges, offset by base") {
  Tokenizer tokenizer;
  std::string text = "\xE2\x80\x9CWord\xE2\x80\x9D and caf\xC3\xA9.";
  std::vector<Token> tokens = tokenizer.Tokenize(text, 100);
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].range == Range{103, 107});  // after the 3-byte quote
  CHECK(tokens[2].range == Range{115, 120});  // "café" is 5 bytes
  CHECK(text.substr(tokens[2].range.begin - 100, 5) == "caf\xC3\xA9");
}

TEST_CASE("markup ranges are treated as spaces") {
  Tokenizer tokenizer;
  std::string text = "**Inspection dates:** 11";
  std::vector<Range> markup = {{0, 2}, {19, 21}};
  std::vector<Token> tokens = tokenizer.Tokenize(text, 0, &markup);
  CHECK(Norms(tokens) == "inspection dates 11");
  CHECK(tokens[0].range == Range{2, 12});
}

TEST_CASE("sentences are counted") {
  Tokenizer tokenizer;
  std::vector<Token> tokens = tokenizer.Tokenize("One two. Three four! Five?");
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].sentence == 0);
  CHECK(tokens[1].sentence == 0);
  CHECK(tokens[2].sentence == 1);
  CHECK(tokens[4].sentence == 2);
}

TEST_CASE("a line break inside a sentence does not end it") {
  struct {
    const char* text;
    int sentences;
  } cases[] = {
      {"Statistics found that 26.4\nper cent of households were owed a duty.", 1},
      {"Attendances rose by 3.6% to more\nthan 2.2 million in the year.", 1},
      {"The trial enrolled 61 people.\nMost were nurses.", 2},
      {"Key findings\nRevenue rose by 8%.", 2},
  };
  Tokenizer tokenizer;
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    std::vector<Token> tokens = tokenizer.Tokenize(c.text);
    REQUIRE(!tokens.empty());
    CHECK(static_cast<int>(tokens.back().sentence) + 1 == c.sentences);
  }
}

TEST_CASE("a document's tokens carry their block, and blocks start sentences") {
  Result<Document> doc = ParseText("t.txt", "First line here\nSecond **bold** line.");
  REQUIRE(doc.ok());
  Tokenizer tokenizer;
  std::vector<Token> tokens = tokenizer.Tokenize(*doc);
  CHECK(Norms(tokens) == "first line here second bold line");
  CHECK(tokens[2].block == 0);
  CHECK(tokens[3].block == 1);
  CHECK(tokens[3].sentence == tokens[2].sentence + 1);
  CHECK(doc->Slice(tokens[4].range) == "bold");
}

TEST_CASE("NormalizeWord folds one word") {
  Tokenizer tokenizer;
  CHECK(tokenizer.NormalizeWord("Children\xE2\x80\x99s") == "children's");
}

}  // namespace
}  // namespace claimtrace
