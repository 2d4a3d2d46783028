// Word classes shared by the quote and number matchers.
#include "match/words.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace claimtrace {
namespace {

constexpr std::string_view kFunctionWords[] = {
    "a",       "about",    "all",    "also",    "an",     "and",    "any",     "are",
    "as",      "at",       "be",     "been",    "being",  "but",    "by",      "can",
    "did",     "do",       "does",   "each",    "every",  "for",    "from",    "had",
    "has",     "have",     "he",     "her",     "his",    "i",      "in",      "into",
    "is",      "it",       "its",    "just",    "may",    "might",  "more",    "most",
    "no",      "not",      "of",     "on",      "or",     "our",    "over",    "per",
    "she",     "should",   "so",     "some",    "such",   "than",   "that",    "the",
    "their",   "them",     "then",   "there",   "these",  "they",   "this",    "those",
    "to",      "up",       "us",     "very",    "was",    "we",     "were",    "what",
    "when",    "where",    "which",  "who",     "whom",   "will",   "with",    "would",
    "you",     "your",     "almost", "nearly",  "around", "cent",   "percent", "less",
    "because", "although", "though", "whether", "if",     "unless", "while"};

}  // namespace

bool IsFunctionWord(std::string_view word) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> s(std::begin(kFunctionWords), std::end(kFunctionWords));
    std::sort(s.begin(), s.end());
    return s;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

std::string PlainTitle(std::string_view title) {
  std::string out;
  for (char c : title) {
    if (c != '*' && c != '_' && c != '#') out.push_back(c);
  }
  size_t b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
  return b == std::string::npos ? "" : out.substr(b, e - b + 1);
}

}  // namespace claimtrace
