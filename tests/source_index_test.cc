// Tests for the source index: phrases, candidate passages that stay found
// however large and repetitive the source, paragraph boundaries, byte ranges
// derived again from the text, and an index independent of the thread count.
#include "match/source_index.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "claimtrace/extract.h"
#include "claimtrace/match.h"
#include "claimtrace/tokens.h"

namespace claimtrace {
namespace {

Document Parse(const std::string& text) {
  Result<Document> doc = ParseText("source.md", text);
  REQUIRE(doc.ok());
  return std::move(doc).value();
}

std::vector<std::string> Norms(const std::string& text) {
  Tokenizer tokenizer;
  std::vector<std::string> out;
  for (const Token& t : tokenizer.Tokenize(text)) out.push_back(t.norm);
  return out;
}

// The first claim of `release` matched against `source`.
Finding MatchFirst(const Document& source_doc, const std::string& release_text) {
  std::vector<Document> sources;
  sources.push_back(source_doc);
  Result<Document> release = ParseText("release.txt", release_text);
  REQUIRE(release.ok());
  Extractor extractor;
  Extraction e = extractor.Extract(*release);
  REQUIRE(!e.claims.empty());
  Matcher matcher(sources);
  Finding f = matcher.Match(e.claims.front(), *release);
  if (f.evidence.source >= 0) {  // keep the passage text past `sources`
    f.notes.push_back(std::string(sources[0].Slice(f.evidence.span)));
  }
  return f;
}

struct BoundaryCase {
  const char* field;
  const char* first_paragraph;
  const char* second_paragraph;
  const char* quotation;  // the end of the first and the start of the second
  // (the paragraphs end a sentence, so the loader does not join them)
};

TEST_CASE("a verbatim match never runs across two paragraphs") {
  const BoundaryCase cases[] = {
      {"health", "Waiting lists grew in every region the trust serves.",
       "Over the winter most patients were seen within a week.",
       "grew in every region the trust serves over the winter"},
      {"economics", "Inflation fell faster than the committee expected.",
       "In the second half of the year wages rose.",
       "fell faster than the committee expected in the second half"},
      {"education", "Pupils make strong progress in reading and writing.",
       "Across all year groups the school has improved.",
       "strong progress in reading and writing across all year groups"},
  };
  for (const BoundaryCase& c : cases) {
    CAPTURE(c.field);
    Document doc =
        Parse(std::string(c.first_paragraph) + "\n\n" + c.second_paragraph + "\n");
    SourceIndex index(doc);
    CHECK(index.FindPhrase(index.Lookup(Norms(c.quotation))).empty());
    // Within one paragraph the same words are found.
    Document joined =
        Parse(std::string(c.first_paragraph) + " " + c.second_paragraph + "\n");
    SourceIndex joined_index(joined);
    CHECK(joined_index.FindPhrase(joined_index.Lookup(Norms(c.quotation))).size() == 1);
    Finding f = MatchFirst(doc, std::string("They said “") + c.quotation + "”.");
    CHECK(f.verdict != Verdict::kVerbatim);
  }
}

struct BuriedCase {
  const char* field;
  const char* passage;    // the true passage
  const char* quotation;  // the passage with one word changed
};

// Fills a source with `filler_words` tokens drawn from the passage's own
// words in random order, so every word of the quotation is common (far past
// any fixed cap on a word's occurrences) while its word pairs stay rare, and
// buries the passage in the middle.
std::string Bury(const std::string& passage, size_t filler_words, std::mt19937* rng) {
  std::vector<std::string> words = Norms(passage);
  std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
  std::string text;
  auto filler = [&](size_t n) {
    for (size_t i = 0; i < n; ++i) {
      text += words[pick(*rng)];
      text += (i % 20 == 19) ? ".\n\n" : " ";
    }
    text += ".\n\n";
  };
  filler(filler_words / 2);
  text += passage + "\n\n";
  filler(filler_words / 2);
  return text;
}

TEST_CASE("an altered quotation is found however often its words recur") {
  const BuriedCase cases[] = {
      {"health",
       "Emergency admissions for older patients rose by a fifth over the winter",
       "Emergency admissions for older patients grew by a fifth over the winter"},
      {"economics",
       "Household spending on energy took a larger share of income than before",
       "Household spending on energy took a bigger share of income than before"},
      {"crime", "Reported burglaries in the city centre fell for the third year running",
       "Reported burglaries in the town centre fell for the third year running"},
  };
  for (const BuriedCase& c : cases) {
    for (size_t filler : {600u, 6000u, 120000u}) {
      CAPTURE(c.field);
      CAPTURE(filler);
      std::mt19937 rng(7);
      Document doc = Parse(Bury(c.passage, filler, &rng));
      Finding f = MatchFirst(doc, std::string("The report said “") + c.quotation + "”.");
      CHECK(f.verdict == Verdict::kAltered);
      REQUIRE(!f.notes.empty());
      CHECK(f.notes.back().find(c.passage) != std::string::npos);
    }
  }
}

TEST_CASE("phrases are found at every occurrence, through word ids") {
  struct Case {
    const char* text;
    const char* phrase;
    size_t count;
  };
  const Case cases[] = {
      {"The school is good. The school is good at maths.\n", "the school is good", 2},
      {"GDP grew by 2% in 2023. GDP grew again.\n", "gdp grew", 2},
      {"Crime fell. Crime rose.\n", "crime", 2},
      {"Crime fell.\n", "crime rose", 0},
      {"Crime fell.\n", "unknown words", 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Document doc = Parse(c.text);
    SourceIndex index(doc);
    CHECK(index.FindPhrase(index.Lookup(Norms(c.phrase))).size() == c.count);
  }
}

TEST_CASE("byte ranges derived again match the tokenizer's") {
  const char* const texts[] = {
      "# Report\n\n29. Social **workers** are [aspirational](http://x) for children.\n",
      "Prices rose 3.4% in the year to May.\n\nRents rose faster.\n",
      "Hospital admissions: 1,204 (up from 987).\n",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    Document doc = Parse(text);
    SourceIndex index(doc);
    Tokenizer tokenizer;
    std::vector<Token> tokens = tokenizer.Tokenize(doc);
    REQUIRE(tokens.size() == index.size());
    std::vector<Range> ranges = index.Ranges(0, index.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      CHECK(ranges[i] == tokens[i].range);
      CHECK(index.word(i) == tokens[i].norm);
      CHECK(index.Block(i) == tokens[i].block);
      if (i > 0) {
        CHECK((index.Sentence(i) == index.Sentence(i - 1)) ==
              (tokens[i].sentence == tokens[i - 1].sentence));
      }
    }
  }
}

TEST_CASE("byte ranges of a few words cost their neighbourhood, not their paragraph") {
  // One paragraph of thousands of words (a page that never breaks a line):
  // any window of its tokens comes out as the whole paragraph's tokenizing
  // cuts it, markup, figures, hyphens and apostrophes included.
  std::string paragraph;
  const char* const pieces[] = {"Rents rose 3.4% in **the** year, ", "children's homes ",
                                "[well-run](http://x) services ", "cost £1,204.50 each; ",
                                "“quoted words” and more. "};
  for (int i = 0; i < 3000; ++i) paragraph += pieces[i % std::size(pieces)];
  Document doc = Parse("# Title\n\n" + paragraph + "\n\nLast words here.\n");
  SourceIndex index(doc);
  Tokenizer tokenizer;
  std::vector<Token> tokens = tokenizer.Tokenize(doc);
  REQUIRE(tokens.size() == index.size());
  REQUIRE(tokens.size() > 10000);
  for (size_t first : {size_t{0}, size_t{1}, size_t{255}, size_t{256}, size_t{257},
                       size_t{4000}, size_t{9999}, tokens.size() - 3}) {
    for (size_t length : {size_t{1}, size_t{7}, size_t{300}, size_t{1000}}) {
      size_t last = std::min(tokens.size(), first + length);
      CAPTURE(first);
      CAPTURE(last);
      std::vector<Range> ranges = index.Ranges(first, last);
      REQUIRE(ranges.size() == last - first);
      for (size_t i = first; i < last; ++i) CHECK(ranges[i - first] == tokens[i].range);
    }
  }
}

TEST_CASE("the index is the same whatever the thread count") {
  // Over a megabyte, so it is cut into several chunks.
  std::mt19937 rng(11);
  std::string text;
  const char* const words[] = {"council", "budget", "school", "pupils", "rose", "fell",
                               "the",     "of",     "in",     "by",     "year", "rate"};
  std::uniform_int_distribution<size_t> pick(0, std::size(words) - 1);
  for (int p = 0; text.size() < 1500000; ++p) {
    for (int w = 0; w < 40; ++w)
      text += std::string(words[pick(rng)]) + (w % 9 ? " " : ". ");
    text += std::to_string(p) + ".\n\n";
  }
  Document doc = Parse(text);
  SourceIndex one(doc, 1), two(doc, 2);
  REQUIRE(one.size() == two.size());
  bool same = true;
  for (size_t i = 0; i < one.size() && same; ++i) {
    same = one.id(i) == two.id(i) && one.Sentence(i) == two.Sentence(i) &&
           one.StartsBlock(i) == two.StartsBlock(i);
  }
  CHECK(same);
  std::vector<uint32_t> q =
      one.Lookup(Norms("the school budget rose by the rate of pupils"));
  CHECK(one.Candidates(q, 8) == two.Candidates(q, 8));
  CHECK(one.Pairs(q[0], q[1]) == two.Pairs(q[0], q[1]));
}

TEST_CASE("word ids widen past 65,535 distinct words") {
  std::string text;
  for (int i = 0; i < 70000; ++i)
    text += "w" + std::to_string(i) + (i % 50 == 49 ? ".\n\n" : " ");
  Document doc = Parse(text);
  SourceIndex index(doc);
  CHECK(index.vocabulary_size() == 70000);
  CHECK(index.word(69998) == "w69998");
  CHECK(index.FindPhrase(index.Lookup(Norms("w69997 w69998"))) ==
        std::vector<uint32_t>{69997});
}

TEST_CASE("the index holds a few bytes per word, not a string per word") {
  // Bytes per word beyond the vocabulary itself: a 2-byte id (4 past 65,535
  // words), a 4-byte bigram position, under a byte of buckets, two bits.
  struct Case {
    const char* what;
    size_t distinct;  // words in the vocabulary
    size_t bytes_per_word;
  };
  const Case cases[] = {{"a report's vocabulary", 3000, 8},
                        {"a huge vocabulary", 80000, 10}};
  for (const Case& c : cases) {
    CAPTURE(std::string(c.what));
    std::mt19937 rng(5);
    std::uniform_int_distribution<size_t> pick(0, c.distinct - 1);
    std::string text;
    size_t blocks = 0;
    for (size_t i = 0; i < 200000; ++i) {
      text += "w" + std::to_string(i < c.distinct ? i : pick(rng));
      text += i % 30 == 29 ? (++blocks, ".\n\n") : " ";
    }
    Document doc = Parse(text);
    SourceIndex index(doc);
    REQUIRE(index.size() == 200000);
    size_t vocabulary = 0;
    for (size_t i = 0; i < c.distinct; ++i) vocabulary += 80;  // string, node, count
    CHECK(index.MemoryBytes() <=
          c.bytes_per_word * index.size() + vocabulary + 8 * blocks);
  }
}

}  // namespace
}  // namespace claimtrace
