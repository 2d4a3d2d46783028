// SpeakerFinder: RE2 patterns for "NAME[, APPOSITIVE,] VERB" before a
// quotation and "VERB NAME" / "NAME VERB" after it. The verb list is English
// grammar (verbs of speech), not any publisher's wording.
#include "extract/speakers.h"

#include <re2/re2.h>

#include <string>
#include <vector>

#include "extract/letter_pattern.h"

namespace claimtrace {
namespace {

// Verbs of speech, past and present tense.
constexpr const char kVerbs[] =
    "(?:said|says|added|adds|commented|comments|noted|notes|stated|states|"
    "explained|explains|told|tells|reflected|reflects|continued|continues|"
    "remarked|remarks|declared|declares|announced|announces|insisted|insists|"
    "argued|argues|warned|warns|observed|observes|responded|responds|replied|"
    "replies|admitted|admits|concluded|concludes|acknowledged|acknowledges|"
    "emphasised|emphasized|emphasises|emphasizes|stressed|stresses|wrote|writes|"
    "recalled|recalls|confirmed|confirms)";

// Titles that precede a name and are not part of it.
constexpr const char kTitles[] =
    "(?:Cllr|Councillor|Mayor|Dr|Prof|Professor|Sir|Dame|Mr|Mrs|Ms|Miss|Mx|"
    "Lord|Lady|Baroness|Baron|Rev|Reverend|Judge|Justice|Chief|Inspector|"
    "Minister|Secretary|President|Chair|Chairman|Chairwoman|Chairperson|Chancellor|"
    "Senator|Sen|Rep|Representative|Governor|Gov|General|Gen|Captain|Capt|Colonel|"
    "Officer|Director|Superintendent|Commissioner|Sheriff|Nurse|Sister|Father|"
    "Bishop|Rabbi|Imam)\\.?";

// A capitalised word of a name (allows O'Neil, Smith-Jones, Zoë).
constexpr const char kNameWord[] = "\\p{Lu}[\\p{L}'’\\-]*\\p{Ll}[\\p{L}'’\\-]*";

// Words that make a capitalised phrase an institution or a thing, not a
// person: generic nouns for organisations, and determiners.
constexpr const char* kNotPersonWords[] = {
    "the",          "this",        "that",         "these",
    "those",        "a",           "an",           "our",
    "their",        "its",         "his",          "her",
    "council",      "borough",     "department",   "ministry",
    "office",       "agency",      "authority",    "government",
    "inspectorate", "inspectors",  "inspector",    "commission",
    "committee",    "board",       "service",      "services",
    "trust",        "university",  "college",      "school",
    "report",       "regulator",   "court",        "police",
    "team",         "group",       "association",  "federation",
    "institute",    "foundation",  "society",      "union",
    "partnership",  "company",     "ltd",          "plc",
    "inc",          "news",        "spokesperson", "spokesman",
    "spokeswoman",  "statement",   "website",      "cabinet",
    "parliament",   "county",      "city",         "district",
    "region",       "academy",     "hospital",     "nhs",
    "it",           "he",          "she",          "they",
    "we",           "i",           "journal",      "magazine",
    "newspaper",    "medicine",    "lancet",       "centre",
    "center",       "centers",     "centres",      "network",
    "laboratory",   "clinic",      "organisation", "organization",
    "bureau",       "corporation", "research",     "review",
    "times",        "post",        "press",        "tribune",
    "herald",       "gazette",     "studies",      "study",
    "data",         "figures",     "survey",       "index",
    "bank",         "fund"};

// Words that open a sentence before its subject and are not part of a name:
// "But Dr Breyer said", "Meanwhile Jo Smith added".
constexpr const char* kLeadingWords[] = {
    "but",      "and",        "or",         "so",         "yet",       "then",
    "however",  "meanwhile",  "also",       "now",        "here",      "when",
    "while",    "as",         "after",      "before",     "today",     "yesterday",
    "speaking", "commenting", "separately", "still",      "indeed",    "instead",
    "finally",  "later",      "earlier",    "previously", "similarly", "likewise"};

std::string LowerAscii(std::string_view w) {
  std::string lower;
  for (char c : w)
    lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  return lower;
}

// An acronym ("CDC", "JAMA", "NHS") names an organisation, not a person.
bool IsAcronym(std::string_view w) {
  size_t upper = 0;
  for (char c : w) upper += (c >= 'A' && c <= 'Z');
  return w.size() >= 2 && upper == w.size();
}

bool IsPersonName(const std::vector<std::string>& words, bool had_title) {
  if (words.empty()) return false;
  if (words.size() < 2 && !had_title) return false;
  for (const std::string& w : words) {
    if (IsAcronym(w)) return false;
    std::string lower = LowerAscii(w);
    for (const char* bad : kNotPersonWords) {
      if (lower == bad) return false;
    }
  }
  return true;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

// Drops a possessive ending ("Smith's" -> "Smith").
std::string StripPossessive(std::string word) {
  for (std::string_view end : {"'s", "’s", "'", "’"}) {
    if (word.size() > end.size() && word.ends_with(end)) {
      return word.substr(0, word.size() - end.size());
    }
  }
  return word;
}

// The name patterns use Unicode classes; give their DFA room so RE2 does not
// fall back to the slower NFA on every call.
RE2::Options BigPatternOptions() {
  RE2::Options options;
  options.set_max_mem(64 << 20);
  options.set_log_errors(false);
  return options;
}

}  // namespace

struct SpeakerFinder::Impl {
  const std::string name =
      std::string("((?:") + kNameWord + ")(?:[ \\t]+(?:" + kNameWord + ")){0,3})";
  const std::string title = std::string("(?:(") + kTitles + ")[ \\t]+)?";
  // NAME[, appositive,] [has|had|also] VERB ... (end of lead-in)
  LetterPattern before{title + name +
                           "(?:,[^\"“”«».!?]+?,)?[ \\t]+(?:has[ \\t]+|had[ \\t]+)?" +
                           "(?:also[ \\t]+|then[ \\t]+)?" + kVerbs + "\\b",
                       BigPatternOptions()};
  // , VERB [title] NAME
  LetterPattern after_verb_first{std::string("^[ \\t]*,?[ \\t]*") + kVerbs + "[ \\t]+" +
                                 title + name};
  // , according to [title] NAME
  LetterPattern according_to{std::string("^[ \\t]*,?[ \\t]*(?i:according to)[ \\t]+") +
                             title + name};
  // He said:, She added that: a pronoun standing for the last named speaker.
  RE2 pronoun{
      std::string(
          "(?:^|[.!?][ \\t]+)(?:He|She|They)[ \\t]+(?:also[ \\t]+|then[ \\t]+)?") +
      kVerbs + "\\b"};
  // , [title] NAME VERB
  LetterPattern after_name_first{std::string("^[ \\t]*,?[ \\t]*") + title + name +
                                 "[ \\t]+" + kVerbs + "\\b"};
  // The end of a sentence inside a lead-in.
  RE2 sentence_end{R"([.!?]["”’]?[ \t]+(\p{Lu}))"};
  RE2 title_only{std::string("^") + kTitles + "$"};

  std::string Person(const std::string& title_word, const std::string& name_words) const {
    std::vector<std::string> words = SplitWords(name_words);
    bool had_title = !title_word.empty();
    // A sentence's opening word the pattern took for a name ("But").
    auto leading = [](const std::string& w) {
      std::string lower = LowerAscii(w);
      for (const char* l : kLeadingWords) {
        if (lower == l) return true;
      }
      return false;
    };
    while (!words.empty() && leading(words.front())) {
      words.erase(words.begin());
      had_title = false;  // "But Dr X": the title, if any, follows
    }
    // A title the pattern folded into the name ("Mayor John Biggs").
    const RE2& title_re = title_only;
    while (!words.empty() && RE2::FullMatch(words.front(), title_re)) {
      words.erase(words.begin());
      had_title = true;
    }
    if (!words.empty()) words.back() = StripPossessive(words.back());
    return IsPersonName(words, had_title) ? Join(words) : "";
  }
};

SpeakerFinder::SpeakerFinder() : impl_(std::make_unique<Impl>()) {}
SpeakerFinder::~SpeakerFinder() = default;

std::string SpeakerFinder::Before(std::string_view lead_in) const {
  // Only the last sentence: "A said X. B reported: “" is B's quotation.
  re2::StringPiece rest(lead_in.data(), lead_in.size());
  re2::StringPiece upper;
  size_t start = 0;
  while (RE2::FindAndConsume(&rest, impl_->sentence_end, &upper)) {
    start = static_cast<size_t>(upper.data() - lead_in.data());
  }
  re2::StringPiece sentence(lead_in.data() + start, lead_in.size() - start);
  std::string title, name, found;
  // The first person speaking in the sentence is its subject.
  const RE2& before = impl_->before.For(lead_in);
  while (RE2::FindAndConsume(&sentence, before, &title, &name)) {
    found = impl_->Person(title, name);
    if (!found.empty()) return found;
  }
  return "";
}

std::string SpeakerFinder::After(std::string_view tail) const {
  re2::StringPiece in(tail.data(), tail.size());
  std::string title, name;
  if (RE2::PartialMatch(in, impl_->after_verb_first.For(tail), &title, &name) ||
      RE2::PartialMatch(in, impl_->after_name_first.For(tail), &title, &name) ||
      RE2::PartialMatch(in, impl_->according_to.For(tail), &title, &name)) {
    return impl_->Person(title, name);
  }
  return "";
}

bool SpeakerFinder::Pronoun(std::string_view lead_in) const {
  re2::StringPiece rest(lead_in.data(), lead_in.size());
  re2::StringPiece upper;
  size_t start = 0;
  while (RE2::FindAndConsume(&rest, impl_->sentence_end, &upper)) {
    start = static_cast<size_t>(upper.data() - lead_in.data());
  }
  return RE2::PartialMatch(
      re2::StringPiece(lead_in.data() + start, lead_in.size() - start), impl_->pronoun);
}

}  // namespace claimtrace
