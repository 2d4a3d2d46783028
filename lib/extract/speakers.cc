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

// Verbs of speech, past and present tense; "called" and "described" name
// a thing in the speaker's words (`what Castillo called "a turning point"`).
constexpr const char kVerbs[] =
    "(?:said|says|added|adds|commented|comments|noted|notes|stated|states|"
    "explained|explains|told|tells|reflected|reflects|continued|continues|"
    "remarked|remarks|declared|declares|announced|announces|insisted|insists|"
    "argued|argues|warned|warns|observed|observes|responded|responds|replied|"
    "replies|admitted|admits|concluded|concludes|acknowledged|acknowledges|"
    "emphasised|emphasized|emphasises|emphasizes|stressed|stresses|wrote|writes|"
    "recalled|recalls|confirmed|confirms|called|calls|described|describes)";

// Titles that precede a name and are not part of it.
constexpr const char kTitles[] =
    "(?:Cllr|Councillor|Mayor|Dr|Prof|Professor|Sir|Dame|Mr|Mrs|Ms|Miss|Mx|"
    "Lord|Lady|Baroness|Baron|Rev|Reverend|Judge|Justice|Chief|Inspector|"
    "Minister|Secretary|President|Chair|Chairman|Chairwoman|Chairperson|Chancellor|"
    "Senator|Sen|Rep|Representative|Governor|Gov|General|Gen|Captain|Capt|Colonel|"
    "Officer|Director|Superintendent|Commissioner|Sheriff|Nurse|Sister|Father|"
    "Bishop|Rabbi|Imam|Constable|Executive|Leader|Spokesperson|Spokesman|"
    "Spokeswoman)\\.?";

// Letters after a name that are not part of it: honours, degrees, offices
// (`MP`, `OBE`, `KC`, `PhD`).
constexpr const char kPostNominals[] = "(?:[ \\t]+(?:\\p{Lu}{2,4}|PhD)\\b){0,3}";

// An organisation's acronym before a title or a name (`CDOT Executive
// Director`, `NHS Chief Executive`).
constexpr const char kAcronyms[] = "(?:\\p{Lu}[\\p{Lu}0-9&]+[ \\t]+){0,2}";

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

// Nouns that introduce an organisation's name (`the group Bike Denver`,
// `the charity Carers Voice`): the name after one is the organisation's.
constexpr const char* kOrganisationNouns[] = {
    "group",     "charity",     "campaign",  "company",      "firm",
    "union",     "association", "coalition", "organisation", "organization",
    "network",   "nonprofit",   "trust",     "foundation",   "council",
    "agency",    "body",        "society",   "alliance",     "club",
    "party",     "department",  "regulator", "institute",    "thinktank",
    "publisher", "bank",        "business",  "provider",     "federation"};

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

// True when `appositive` (`, 58, from Leeds,`) opens with an age: only
// people are given one.
bool OpensWithAge(std::string_view appositive) {
  size_t i = 0;
  while (i < appositive.size() && (appositive[i] == ',' || appositive[i] == ' ')) ++i;
  size_t digits = 0;
  while (i < appositive.size() && appositive[i] >= '0' && appositive[i] <= '9') {
    ++i, ++digits;
  }
  while (i < appositive.size() && appositive[i] == ' ') ++i;
  return digits >= 1 && digits <= 3 && i < appositive.size() && appositive[i] == ',';
}

// Returns the lower-case word ending right before `end` in `text` (spaces
// skipped), or "" when it is not all lower case.
std::string WordBefore(std::string_view text, size_t end) {
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  size_t begin = end;
  while (begin > 0 && text[begin - 1] >= 'a' && text[begin - 1] <= 'z') --begin;
  if (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\t' &&
      text[begin - 1] != '\n') {
    return "";
  }
  return std::string(text.substr(begin, end - begin));
}

// An optional capture as a string_view ("" when it did not take part).
std::string_view View(re2::StringPiece piece) {
  return piece.data() ? std::string_view(piece.data(), piece.size()) : std::string_view();
}

}  // namespace

struct SpeakerFinder::Impl {
  const std::string name =
      std::string("((?:") + kNameWord + ")(?:[ \\t]+(?:" + kNameWord + ")){0,5})";
  const std::string title = std::string("(?:(") + kTitles + ")[ \\t]+)?";
  // NAME[ post-nominals][, appositive,] [has|had|also] VERB ... (end of
  // lead-in); a lone comma closes a name in apposition (`The Commissioner,
  // Gareth Lowe, has responded`).
  LetterPattern before{title + name + kPostNominals + "(,[^\"“”«».!?]+?,|,)?[ \\t]+" +
                           "(?:has[ \\t]+|had[ \\t]+)?(?:also[ \\t]+|then[ \\t]+)?" +
                           kVerbs + "\\b",
                       BigPatternOptions()};
  // , VERB [acronym] [title] NAME
  LetterPattern after_verb_first{
      std::string("^[ \\t]*,?[ \\t]*") + kVerbs + "[ \\t]+" + kAcronyms + title + name,
      BigPatternOptions()};
  // , according to [title] NAME
  LetterPattern according_to{
      std::string("^[ \\t]*,?[ \\t]*(?i:according to)[ \\t]+") + kAcronyms + title + name,
      BigPatternOptions()};
  // He said:, She added that: a pronoun standing for the last named speaker.
  RE2 pronoun{
      std::string(
          "(?:^|[.!?][ \\t]+)(?:He|She|They)[ \\t]+(?:also[ \\t]+|then[ \\t]+)?") +
      kVerbs + "\\b"};
  // , she said: a pronoun speaking right after the quotation.
  RE2 pronoun_after{std::string("^[ \\t]*,?[ \\t]*(?:(?:he|she|they)[ \\t]+") + kVerbs +
                    "|" + kVerbs + "[ \\t]+(?:he|she|they))\\b"};
  // , [acronym] [title] NAME[ post-nominals] VERB
  LetterPattern after_name_first{std::string("^[ \\t]*,?[ \\t]*") + kAcronyms + title +
                                     name + kPostNominals + "[ \\t]+" + kVerbs + "\\b",
                                 BigPatternOptions()};
  // `, she said, ` or `, said Jane Doe, `: a tag that interrupts a sentence,
  // with no sentence end in it, closed by a comma.
  RE2 interruption{std::string("^[ \\t\\n]*,?[ \\t\\n]*[^.!?;:\"“”«»]{0,80}\\b") +
                       kVerbs + "\\b[^.!?;:\"“”«»]{0,80},[ \\t\\n]*$",
                   BigPatternOptions()};
  // The end of a sentence inside a lead-in.
  RE2 sentence_end{R"([.!?]["”’]?[ \t]+(\p{Lu}))"};
  RE2 title_only{std::string("^") + kTitles + "$"};
  LetterPattern name_only{name, BigPatternOptions()};

  // Returns the person a match names, or "". `before` is the text before the
  // match's title or name; `title_word`, `name_words` and `appositive` are
  // its captures.
  std::string Person(std::string_view before, std::string_view title_word,
                     std::string_view name_words, std::string_view appositive,
                     const std::vector<std::string>& known) const {
    // An office or a body named before a person in apposition ("the Police
    // and Crime Commissioner, Gareth Lowe, has responded", "The Secretary
    // of State for Health, Wes Streeting, said"): the appositive is the
    // person. An office ends with a title word; a surname that is one
    // ("Julie Bishop said") has no name in apposition.
    std::string_view inner = appositive;
    while (!inner.empty() && (inner.front() == ',' || inner.front() == ' ')) {
      inner.remove_prefix(1);
    }
    while (!inner.empty() && (inner.back() == ',' || inner.back() == ' ')) {
      inner.remove_suffix(1);
    }
    bool named_in_apposition =
        !inner.empty() && RE2::FullMatch(re2::StringPiece(inner.data(), inner.size()),
                                         name_only.For(inner));
    std::vector<std::string> words = SplitWords(name_words);
    bool office = !words.empty() && RE2::FullMatch(words.back(), title_only);
    std::string person;
    if (!(office && named_in_apposition)) {
      person = NameOf(before, title_word, name_words, appositive, known);
    }
    if (person.empty() && named_in_apposition) person = NameOf({}, {}, inner, {}, known);
    return person;
  }

  // Person() without the appositive read as the name.
  std::string NameOf(std::string_view before, std::string_view title_word,
                     std::string_view name_words, std::string_view appositive,
                     const std::vector<std::string>& known) const {
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
    // Offices and titles the pattern folded into the name ("Care Secretary
    // Wes Turner", "Professor Sir Alan Craig"): the name follows the last.
    for (size_t i = words.size(); i-- > 0;) {
      if (i + 1 < words.size() && RE2::FullMatch(words[i], title_only)) {
        words.erase(words.begin(), words.begin() + static_cast<long>(i) + 1);
        had_title = true;
        break;
      }
    }
    if (!had_title) {
      std::string lower = WordBefore(before, before.size());
      // "Inspector of Constabulary Roy Ashdown": an office's place or body
      // comes first; a person's name is its last two words.
      if (lower == "of" && words.size() > 2) {
        words.erase(words.begin(), words.end() - 2);
        had_title = true;
      }
      for (const char* noun : kOrganisationNouns) {
        if (lower == noun) return "";
      }
    }
    if (!words.empty()) words.back() = StripPossessive(words.back());
    if (words.size() == 1) {
      // A surname alone ("Castillo called", "Mr Lowe said") is the person
      // named in full before.
      for (auto it = known.rbegin(); it != known.rend(); ++it) {
        std::vector<std::string> full = SplitWords(*it);
        if (full.size() > 1 && full.back() == words[0] && IsPersonName(full, true)) {
          return *it;
        }
      }
      if (OpensWithAge(appositive)) had_title = true;
    }
    return IsPersonName(words, had_title) ? Join(words) : "";
  }

  // Returns the last sentence of `lead_in`.
  std::string_view LastSentence(std::string_view lead_in) const {
    re2::StringPiece rest(lead_in.data(), lead_in.size());
    re2::StringPiece upper;
    size_t start = 0;
    while (RE2::FindAndConsume(&rest, sentence_end, &upper)) {
      start = static_cast<size_t>(upper.data() - lead_in.data());
    }
    return lead_in.substr(start);
  }

  // Calls `found(offset, person)` for each person `before` names in `text`,
  // in order, until it returns false.
  template <typename F>
  void EachBefore(std::string_view text, const std::vector<std::string>& known,
                  F found) const {
    re2::StringPiece rest(text.data(), text.size());
    re2::StringPiece title_word, name_words, appositive;
    const RE2& re = before.For(text);
    while (RE2::FindAndConsume(&rest, re, &title_word, &name_words, &appositive)) {
      const char* start = title_word.data() ? title_word.data() : name_words.data();
      size_t offset = static_cast<size_t>(start - text.data());
      std::string person = Person(text.substr(0, offset), View(title_word),
                                  View(name_words), View(appositive), known);
      if (!person.empty() &&
          !found(static_cast<size_t>(name_words.data() - text.data()), person)) {
        return;
      }
    }
  }

  std::string After(const LetterPattern& re, std::string_view tail,
                    const std::vector<std::string>& known) const {
    re2::StringPiece in(tail.data(), tail.size());
    re2::StringPiece title_word, name_words;
    if (!RE2::PartialMatch(in, re.For(tail), &title_word, &name_words)) return "";
    return Person({}, View(title_word), View(name_words), {}, known);
  }
};

SpeakerFinder::SpeakerFinder() : impl_(std::make_unique<Impl>()) {}
SpeakerFinder::~SpeakerFinder() = default;

std::string SpeakerFinder::Before(std::string_view lead_in,
                                  const std::vector<std::string>& known) const {
  // Only the last sentence: "A said X. B reported: “" is B's quotation.
  std::string person;
  // The first person speaking in the sentence is its subject.
  impl_->EachBefore(impl_->LastSentence(lead_in), known,
                    [&](size_t, const std::string& p) {
                      person = p;
                      return false;
                    });
  return person;
}

std::string SpeakerFinder::After(std::string_view tail,
                                 const std::vector<std::string>& known) const {
  for (const LetterPattern* re :
       {&impl_->after_verb_first, &impl_->after_name_first, &impl_->according_to}) {
    std::string person = impl_->After(*re, tail, known);
    if (!person.empty()) return person;
  }
  return "";
}

bool SpeakerFinder::Pronoun(std::string_view lead_in, std::string_view tail) const {
  std::string_view sentence = impl_->LastSentence(lead_in);
  return RE2::PartialMatch(re2::StringPiece(sentence.data(), sentence.size()),
                           impl_->pronoun) ||
         RE2::PartialMatch(re2::StringPiece(tail.data(), tail.size()),
                           impl_->pronoun_after);
}

bool SpeakerFinder::Interrupts(std::string_view between) const {
  constexpr size_t kMaxTag = 200;  // the pattern's own bound, checked cheaply
  if (between.size() > kMaxTag) return false;
  return RE2::FullMatch(re2::StringPiece(between.data(), between.size()),
                        impl_->interruption);
}

std::vector<SpeakerFinder::Named> SpeakerFinder::Speaking(
    std::string_view text, const std::vector<std::string>& known) const {
  std::vector<Named> out;
  impl_->EachBefore(text, known, [&](size_t offset, const std::string& p) {
    out.push_back({offset, p});
    return true;
  });
  return out;
}

}  // namespace claimtrace
