// QuantityFinder: quantities in running text, normalised for comparison.
//
// Five passes over a block of text:
//  1. Atoms: spans that state one value, found by RE2 patterns (dates, money,
//     percentages, multiples, digits, ordinals) and by a scan for spelled-out
//     numbers whose words come from ICU's English spell-out rules (so the
//     lexicon is ICU's, not a hand-made list). Times of day, telephone
//     numbers and similar digit strings are atoms too, "blockers", so no
//     number is read inside them; they are dropped at the end. Where two
//     atoms overlap, the earlier-starting, longer one wins.
//  2. Names: a number that is part of a name or an identifier states no
//     quantity. One rule, on the characters around the digits: digits glued
//     to letters (`H1N1`, `CD4`, `BNT162b1`), or joined by a hyphen or a dot
//     to a word before them (`COVID-19`, `IL-6`, `B.1.1.7`) or to a word with
//     a capital after them (`2019-nCoV`), or after a label word (`Table 4`,
//     `Phase 2`, `ISO 9001`, `page 12`).
//  3. Pairs: two atoms joined into one value: a range or change ("from 33%
//     to 9%", "aged 19 to 88", "10-20%"), a proportion ("one in five", "nine
//     out of 10"); a statistic keeps its interval ("2.1 (95% CI 1.2-3.4)").
//  4. Phrases: each atom grows a qualifier before it ("more than", "≥"), an
//     open bound after it ("three or more"), a multiple ("3 times higher"),
//     a duration unit ("five years ago"), a rate ("per child") or a counted
//     noun ("2,350 grants").
//  5. Determiners: a bare spelled "one" ("One study", "one another") counts
//     nothing; a bare number after a capitalised name ("Windows 10") is a
//     name.
#include "extract/quantity.h"

#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/rbnf.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "extract/units.h"

namespace claimtrace {
namespace {

// Whether a text goes on with a word that makes "a year" before it a
// reference period ("a year earlier", "a year ago"), not a length or a rate.
bool StartsReferencePeriod(std::string_view rest) {
  size_t i = rest.find_first_not_of(' ');
  if (i == std::string_view::npos) return false;
  rest.remove_prefix(i);
  for (std::string_view w :
       {"earlier", "ago", "before", "previously", "later", "prior"}) {
    if (rest.starts_with(w) &&
        (rest.size() == w.size() ||
         !std::isalpha(static_cast<unsigned char>(rest[w.size()]))))
      return true;
  }
  return false;
}

// Month names as a release writes them: capitalised or in capitals, full or
// abbreviated, with or without a full stop ("Feb.", "SEPT").
std::string MonthPattern() {
  const char* names[] = {
      "January",   "February", "March",    "April",    "May", "June", "July", "August",
      "September", "October",  "November", "December", "Jan", "Feb",  "Mar",  "Apr",
      "Jun",       "Jul",      "Aug",      "Sept",     "Sep", "Oct",  "Nov",  "Dec"};
  std::string out = "((?:";
  for (const char* n : names) {
    std::string upper(n);
    for (char& c : upper) c = static_cast<char>(std::toupper(c));
    out += std::string(n) + "|" + upper + "|";
  }
  out.pop_back();
  return out + ")\\b\\.?)";
}

// A number: digits with thousands separators (comma, no-break or thin
// space) and a decimal point or the middle dot of The Lancet's style.
constexpr const char kNum[] =
    "(\\d{1,3}(?:(?:,|\\x{00A0}|\\x{2009}|\\x{202F})\\d{3})+(?:[.·]\\d+)?|\\d+(?:[.·]\\d+"
    ")?"
    ")";

int MonthNumber(std::string_view m) {
  static constexpr const char* kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string lower;
  for (char c : m.substr(0, 3)) lower.push_back(static_cast<char>(std::tolower(c)));
  for (int i = 0; i < 12; ++i) {
    if (lower == kNames[i]) return i + 1;
  }
  return 0;
}

// The digits of a number as written, without separators, with '.' for the
// decimal mark.
std::string PlainDigits(std::string_view s) {
  std::string digits;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c) || c == '.') {
      digits.push_back(static_cast<char>(c));
    } else if (s.substr(i).starts_with("·")) {
      digits.push_back('.');
      ++i;
    }
  }
  return digits;
}

double ParseNum(std::string_view s) {
  return std::strtod(PlainDigits(s).c_str(), nullptr);
}

// The place of the last written digit: 0.1 for "43.2"; for whole numbers of
// a thousand or more, two or more zeros at the end say how they were rounded
// ("122,000": 1000; "3,300": 100; "2,350": 1).
double PrecisionOf(std::string_view s, double scale) {
  std::string digits = PlainDigits(s);
  size_t dot = digits.find('.');
  if (dot != std::string::npos) {
    return scale * std::pow(10.0, -static_cast<double>(digits.size() - dot - 1));
  }
  size_t zeros = 0;
  while (zeros + 1 < digits.size() && digits[digits.size() - 1 - zeros] == '0') ++zeros;
  if (scale == 1 && (digits.size() < 4 || zeros < 2)) zeros = 0;
  return scale * std::pow(10.0, static_cast<double>(zeros));
}

double ScaleOf(std::string_view s) {
  std::string lower;
  for (char c : s) {
    if (c != ' ') lower.push_back(static_cast<char>(std::tolower(c)));
  }
  if (lower == "k" || lower == "thousand") return 1e3;
  if (lower == "m" || lower == "million" || lower == "mn") return 1e6;
  if (lower == "bn" || lower == "billion") return 1e9;
  if (lower == "trillion" || lower == "tn") return 1e12;
  return 1;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool OneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

struct Atom {
  Range range;
  Range number;  // the first number's digits or words
  Quantity q;
  bool can_count = true;  // may take a counted noun after it
  bool blocker = false;   // a time or telephone number: no quantity inside
  bool spelled = false;   // written in words ("one", "three-quarters")
  bool closed = false;    // took in a statistic's interval: grows no further
  double scale = 1;       // "million" in "8.7 million"
};

// Words that end a counted-noun phrase: function words, auxiliaries,
// adverbs.
constexpr std::string_view kStopWords =
    "of the to in for from with by at on per than and or but as since before after "
    "that which who have has had is are was were be been will would can could "
    "should may might do does did this these those it they we he she across into "
    "over under a an not no so if when while where there their its our ago later "
    "prior earlier more less fewer about around between through during up out also "
    "now then all each every both another only just some within almost nearly "
    "roughly exactly approximately his her my your whose times reported either "
    "neither whom first last next again too still already ever even yet instead "
    "overall respectively";

bool IsStopWord(std::string_view w) {
  static const std::set<std::string, std::less<>> words = [] {
    std::set<std::string, std::less<>> out;
    std::string_view list = kStopWords;
    while (!list.empty()) {
      size_t space = list.find(' ');
      out.emplace(list.substr(0, space));
      list.remove_prefix(space == std::string_view::npos ? list.size() : space + 1);
    }
    return out;
  }();
  return words.count(Lower(w)) > 0;
}

// Words after which a number is a label, not a quantity: "Table 4".
bool IsLabelWord(std::string_view w) {
  return OneOf(Lower(w),
               {"section",  "sections",  "sec",      "table", "tables",     "figure",
                "figures",  "fig",       "chapter",  "page",  "pages",      "p",
                "pp",       "paragraph", "para",     "annex", "appendix",   "article",
                "clause",   "phase",     "phases",   "type",  "stage",      "version",
                "v",        "no",        "nos",      "ref",   "item",       "line",
                "box",      "schedule",  "part",     "rule",  "regulation", "iso",
                "route",    "room",      "flight",   "tier",  "grade",      "level",
                "key",      "class",     "category", "step",  "question",   "q",
                "model",    "series",    "exhibit",  "year",  "chart",      "slide",
                "footnote", "note",      "case"});
}

// Capitalised abbreviations of statistics that are followed by their value:
// "OR 2.1", "HR 0.8".
bool IsStatisticName(std::string_view w) {
  return OneOf(w, {"OR", "RR", "HR", "AOR", "aOR", "IRR", "SD", "SE", "IQR", "CI", "N",
                   "n", "R", "P", "p", "OR:", "RR:"});
}

// A plural noun: regular "-s" plurals and the irregular plurals of people.
bool IsPluralNoun(const std::string& w) {
  for (const char* irregular : {"people", "children", "men", "women", "staff", "families",
                                "personnel", "police", "cattle"}) {
    if (w == irregular) return true;
  }
  return w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("ous") &&
         !w.ends_with("is") && !w.ends_with("us");
}

// Letters that may follow digits without making them a name: ordinal
// suffixes, scales, units, "am"/"pm", a decade's "s".
bool IsNumberSuffix(std::string_view letters) {
  return OneOf(Lower(letters),
               {"p",   "st",  "nd",   "rd",  "th",   "s",  "k",  "m",   "bn",  "mn", "tn",
                "am",  "pm",  "x",    "pc",  "km",   "kg", "mg", "ml",  "g",   "h",  "hr",
                "hrs", "min", "mins", "yr",  "yrs",  "cm", "mm", "mph", "kph", "ft", "lb",
                "lbs", "bps", "ms",   "sec", "secs", "d",  "l",  "gb",  "mb",  "tb", "kw",
                "mw",  "gw",  "kwh",  "mwh", "twh",  "ha", "oz"});
}

// A word after a number that is a verb, not what it counts ("19 to 88 took
// part", "40 schools reported"): past forms and a few common irregular ones.
bool IsVerbLike(const std::string& w) {
  if (w.size() >= 4 && w.ends_with("ed") && !w.ends_with("eed")) return true;
  return OneOf(w, {"took",  "got",  "made",    "saw",     "went",  "came",  "gave",
                   "rose",  "fell", "grew",    "won",     "lost",  "said",  "told",
                   "found", "left", "felt",    "kept",    "paid",  "met",   "ran",
                   "led",   "held", "brought", "became",  "began", "spent", "sent",
                   "built", "took", "remain",  "remains", "say",   "says",  "show",
                   "shows", "take", "get",     "make",    "need",  "needs"});
}

// Letters after digits that make them a name when in capitals ("5G", "3D"),
// unlike scales ("10M", "5K").
bool IsUpperNameSuffix(std::string_view letters) {
  bool upper = std::any_of(letters.begin(), letters.end(),
                           [](char c) { return c >= 'A' && c <= 'Z'; });
  return upper && !OneOf(letters, {"K", "M", "BN", "MN", "TN", "X", "AM", "PM"});
}
}  // namespace

namespace {

// Spelled-out numbers ("twenty-one" -> 21, "sixth" -> 6), from ICU's
// English spell-out rules; built once.
struct SpelledNumberWords {
  std::map<std::string, double, std::less<>> cardinals;
  std::map<std::string, int, std::less<>> ordinals;
  // Every word's letters before its first hyphen ("twenty" of "twenty-one"):
  // a word whose letters are not one of these starts no spelled number.
  std::unordered_set<std::string> heads;
};
const SpelledNumberWords& SpelledNumbers() {
  static const SpelledNumberWords* words = [] {
    auto* out = new SpelledNumberWords;
    UErrorCode status = U_ZERO_ERROR;
    icu::RuleBasedNumberFormat spell(icu::URBNF_SPELLOUT, icu::Locale::getEnglish(),
                                     status);
    if (U_SUCCESS(status)) {
      icu::UnicodeString ordinal_rules("%spellout-ordinal");
      for (int i = 0; i < 100; ++i) {
        icu::UnicodeString s;
        spell.format(static_cast<int32_t>(i), s);
        std::string utf8;
        out->cardinals[s.toUTF8String(utf8)] = i;
        icu::UnicodeString o;
        UErrorCode ostatus = U_ZERO_ERROR;
        icu::FieldPosition fp;
        spell.format(static_cast<int32_t>(i), ordinal_rules, o, fp, ostatus);
        std::string outf8;
        if (U_SUCCESS(ostatus) && i > 0) out->ordinals[o.toUTF8String(outf8)] = i;
      }
      for (double scale : {100.0, 1e3, 1e6, 1e9}) {
        icu::UnicodeString s;
        spell.format(scale, s);  // "one hundred"
        std::string utf8;
        s.toUTF8String(utf8);
        out->cardinals[utf8.substr(utf8.find(' ') + 1)] = scale;
      }
    }
    out->cardinals.erase("zero");
    // "first" and "second" are rarely counts ("first time", "second home").
    out->ordinals.erase("first");
    out->ordinals.erase("second");
    for (const auto& [w, v] : out->cardinals) out->heads.insert(w.substr(0, w.find('-')));
    for (const auto& [w, v] : out->ordinals) out->heads.insert(w.substr(0, w.find('-')));
    return out;
  }();
  return *words;
}

}  // namespace

struct QuantityFinder::Impl {
  const std::string months = MonthPattern();
  // Dates.
  RE2 date_dmy{
      "\\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?(\\d{1,2})"
      "(?:st|nd|rd|th)?(?:\\s*(?:and|to|-|–|&)\\s*(\\d{1,2})(?:st|nd|rd|th)?)?\\s+(?:"
      "of\\s+)?" +
      months + "(?:,?\\s+(\\d{4})\\b)?"};
  RE2 date_mdy{
      "\\b" + months +
      "\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s?[-–]\\s?(\\d{1,2}))?(?:,?\\s+(\\d{4}))?"
      "\\b"};
  RE2 month_year{"\\b" + months + ",?\\s+(?:of\\s+)?(\\d{4})\\b"};
  RE2 month_range{"\\b" + months + "\\s+(?:through|to|until|-|–)\\s+" + months +
                  "(?:,?\\s+(\\d{4}))?\\b"};
  RE2 season_year{"\\b((?i:spring|summer|autumn|fall|winter))\\s+(\\d{4})\\b"};
  RE2 financial_year{"\\b((?:19|20)\\d\\d)[/\\-–](\\d\\d)\\b"};
  RE2 year_range{"\\b((?:19|20)\\d\\d)[-–]((?:19|20)\\d\\d|\\d\\d?)\\b"};
  RE2 numeric_date{"\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4}|\\d{2})\\b"};
  // Blockers: times of day and telephone numbers.
  RE2 clock_time{
      "\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?(?i:a\\.m\\.|p\\.m\\.|am\\b|pm\\b))?"
      "(?:\\s?(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|ET|PT)\\b)?"};
  RE2 ampm_time{"\\b\\d{1,2}(?:[.]\\d{2})?\\s?(?i:a\\.m\\.|p\\.m\\.|am\\b|pm\\b)"};
  RE2 phone{
      "(?:\\+\\d{1,3}\\s?)?(?:\\(0\\)\\s?)?(?:\\(\\d{2,5}\\)|\\b0\\d{1,4})[\\s-]\\d{3,4}["
      "\\s-]?"
      "\\d{3,4}\\b|\\b\\d{3}-\\d{3}-\\d{4}\\b"};
  // Money, percentages, multiples, plain numbers.
  RE2 money{std::string("([£$€])\\s?") + kNum +
            "(\\s?(?:bn|billion|mn|m|million|k|thousand|trillion|tn)\\b)?"};
  RE2 percent{std::string("\\b") + kNum +
              "(?:\\s|\\x{00A0}|\\x{202F})?(%|(?i:per\\s?cent\\b|percent\\b|pc\\b|"
              "percentage points?\\b|basis points?\\b|bps\\b))"};
  RE2 fold{std::string("\\b") + kNum + "\\s?-?\\s?(?i:fold)\\b"};
  RE2 multiple_word{
      "\\b(?i:(twice|double|doubled|treble|trebled|triple|tripled|quadruple|quadrupled|"
      "halved|(two|three|four|five|six|seven|eight|nine|ten)-?fold))\\b"};
  RE2 slash_fraction{"\\b(?:(\\d{1,3})\\s+)?(\\d{1,2})/(\\d{1,3})\\b"};
  RE2 vulgar_fraction{"(?:\\b(\\d{1,3})\\s?)?(½|¼|¾|⅓|⅔|⅕|⅛)"};
  RE2 ordinal{"\\b(\\d+)(?:st|nd|rd|th)\\b"};
  RE2 number{std::string("\\b") + kNum +
             "(\\s(?:billion|million|thousand|trillion)\\b|(?:bn|mn|m|k)\\b)?"};
  RE2 magnitude{
      "(?i)\\b((?:(?:tens|hundreds)\\s+of\\s+)?(?:dozens|scores|hundreds|thousands|"
      "millions|"
      "billions)|tens\\s+of\\s+(?:thousands|millions|billions))\\s+of\\b"};
  RE2 dozen{"(?i)\\b(?:a|one)\\s+dozen\\b"};
  // Words around atoms.
  RE2 qualifier{
      "(?i)((?:just |well |at )?(?:more than|greater than|higher than|older than|over|"
      "above|exceeding|upwards of|almost|nearly|around|about|approximately|an "
      "estimated|estimated|roughly|close to|as many as|as much as|as few as|as little "
      "as|as low as|as high as|up to|at least|at most|no more than|least|less than|"
      "fewer than|lower than|younger than|below|under|top|bottom|some|only|exactly|"
      "over half|fully|circa|c\\.)(?:\\s+(?:age|aged))?|~|≈|≥|≤|>|<)[\\s-]*$"};
  // "three or more", "85 and older", "70+" (not "5+3").
  RE2 open_bound{
      "^(?:\\s+(?:or|and)\\s+((?i:more|over|above|older|greater|higher|fewer|less|under|"
      "below|younger))\\b|(\\+)(?:[^\\d]|$))"};
  RE2 times{
      "^\\s+(?i:times)\\b(\\s+(?i:higher|more|greater|lower|less|larger|smaller|faster|"
      "slower|as|the|likelier|bigger|longer)\\b(?:\\s+(?i:likely)\\b)?)?"};
  RE2 duration{
      "^[\\s-]+((?i:years?|months?|weeks?|days?|decades?|hours?|hrs?|minutes?|mins?|"
      "seconds?|secs?|fortnights?))\\b([\\s-]+(?i:ago|prior|later|earlier|old|of age))?"};
  RE2 a_duration{
      "(?i)\\b((?:just |well )?(?:less than|more than|over|under|almost|nearly|within|in "
      "under|in over|about|around))\\s+a\\s+(year|month|week|decade|day|fortnight|"
      "minute|second|hour)\\b"};
  RE2 rate{
      "^((?:\\s*,?\\s*(?i:per|a|an)\\s+(?:year|annum|month|week|day|hour|child|person|"
      "head|pupil|household|family|resident|student|patient|capita|share))+)\\b"};
  RE2 proportion{"^\\s+(?:in|out\\s+of)\\s+(?:every\\s+|a\\s+)?$"};
  RE2 word{"^[\\s-]+([\\p{L}][\\p{L}\\-]*)"};
  RE2 and_final{"^\\s+and\\s+(final|last|latest|penultimate)\\b"};
  RE2 change_before{
      "(?i)(from|between)\\s+(?:(?:about|around|approximately|roughly|some)\\s+)?$"};
  RE2 change_verb{
      "(?i)(fell|rose|dropped|increased|decreased|grew|climbed|declined|reduced|cut|"
      "jumped|went up|went down|down|up)\\s+(?:to|by|from)\\s+$"};
  RE2 interval{"^\\s*(?:CI|CrI|confidence interval|credible interval)\\b"};

  // Spelled-out numbers, from ICU's spell-out rules.
  const std::map<std::string, double, std::less<>>& cardinals =
      SpelledNumbers().cardinals;
  const std::map<std::string, int, std::less<>>& ordinals = SpelledNumbers().ordinals;

  // The denominator an ordinal word names in a fraction ("thirds", "quarter",
  // "fourths"), or 0.
  double Denominator(std::string_view word) const {
    std::string w = Lower(word);
    if (w == "half" || w == "halves") return 2;
    if (w == "quarter" || w == "quarters") return 4;
    if (w.size() > 3 && w.back() == 's') w.pop_back();
    if (w == "second") return 0;
    auto o = ordinals.find(w);
    return o != ordinals.end() && o->second >= 3 ? o->second : 0;
  }

  // Words of a spelled-out number starting at `i`; returns its end, or `i`.
  // Stops at a hyphen that does not join two number words ("three-drug").
  size_t SpelledNumber(std::string_view text, size_t i, double* value,
                       bool* ordinal) const {
    double total = 0, current = 0;
    size_t end = i, pos = i;
    bool any = false;
    *ordinal = false;
    while (pos < text.size() && IsAsciiLetter(text[pos])) {
      size_t j = pos;
      while (j < text.size() && (IsAsciiLetter(text[j]) || text[j] == '-')) ++j;
      std::string w = Lower(text.substr(pos, j - pos));
      while (!w.empty() && w.back() == '-') w.pop_back(), --j;
      if (cardinals.count(w) == 0 && ordinals.count(w) == 0) {
        size_t hyphen = w.find('-');
        if (hyphen != std::string::npos) {
          w.resize(hyphen);
          j = pos + hyphen;
        }
      }
      if (auto c = cardinals.find(w); c != cardinals.end()) {
        double v = c->second;
        if (v == 100) {
          current = (current == 0 ? 1 : current) * 100;
        } else if (v >= 1000) {
          total += (current == 0 ? 1 : current) * v;
          current = 0;
        } else {
          if (any && current != 0 && std::fmod(current, 100) != 0) break;  // "five six"
          current += v;
        }
      } else if (auto o = ordinals.find(w); o != ordinals.end()) {
        if (any && current != 0 && std::fmod(current, 100) != 0) break;
        current += o->second;
        any = true;
        *ordinal = true;
        end = j;
        break;
      } else {
        break;
      }
      any = true;
      end = j;
      // "two hundred and fifty": `and` joins only after a scale word.
      pos = j;
      if (pos < text.size() && text[pos] == ' ') {
        size_t k = pos + 1;
        if (text.substr(k, 4) == "and " && (std::fmod(current, 100) == 0 && current > 0))
          k += 4;
        pos = k;
      } else {
        break;
      }
    }
    *value = total + current;
    return any ? end : i;
  }

  // The patterns FindAtoms scans for, compiled once more as one set: a
  // single pass over a text tells which of them occur in it at all, so each
  // of the others costs nothing (most of a report's paragraphs hold no date,
  // sum or percentage). Empty when the set could not be built.
  const std::vector<const RE2*> scanned = {
      &clock_time,     &ampm_time,       &phone,       &date_dmy,       &date_mdy,
      &month_range,    &month_year,      &season_year, &financial_year, &year_range,
      &numeric_date,   &money,           &percent,     &fold,           &multiple_word,
      &slash_fraction, &vulgar_fraction, &ordinal,     &number,         &magnitude,
      &dozen};
  const std::unique_ptr<RE2::Set> occurring = [this] {
    RE2::Options options;
    options.set_max_mem(64 << 20);
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const RE2* re : scanned) {
      if (set->Add(re->pattern(), nullptr) < 0) return std::unique_ptr<RE2::Set>();
    }
    return set->Compile() ? std::move(set) : std::unique_ptr<RE2::Set>();
  }();
  // Which of `scanned` occur in `text` (all of them when the set cannot say).
  std::vector<bool> Occurring(std::string_view text) const {
    std::vector<bool> out(scanned.size(), occurring == nullptr);
    std::vector<int> hits;
    RE2::Set::ErrorInfo error;
    if (occurring &&
        !occurring->Match(re2::StringPiece(text.data(), text.size()), &hits, &error) &&
        error.kind != RE2::Set::kNoError) {
      out.assign(scanned.size(), true);
    }
    for (int h : hits) out[h] = true;
    return out;
  }

  std::vector<Atom> FindAtoms(std::string_view text) const;
  void FindSpelled(std::string_view text, std::vector<Atom>* atoms) const;
  void DropNames(std::string_view text, std::vector<Atom>* atoms) const;
  void Pair(std::string_view text, std::vector<Atom>* atoms) const;
  void Grow(std::string_view text, std::vector<Atom>* atoms) const;
  void DropDeterminers(std::string_view text, std::vector<Atom>* atoms) const;
};

std::vector<Atom> QuantityFinder::Impl::FindAtoms(std::string_view text) const {
  std::vector<Atom> atoms;
  auto offset = [&](const re2::StringPiece& p) {
    return static_cast<size_t>(p.data() - text.data());
  };
  const std::vector<bool> occurs = Occurring(text);
  auto scan = [&](const RE2& re, auto&& on_match) {
    size_t k = std::find(scanned.begin(), scanned.end(), &re) - scanned.begin();
    if (k < scanned.size() && !occurs[k]) return;
    re2::StringPiece input(text.data(), text.size());
    int n = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> groups(n + 1);
    size_t pos = 0;
    while (pos <= text.size() &&
           re.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(), n + 1)) {
      on_match(groups);
      size_t next = offset(groups[0]) + groups[0].size();
      pos = next > pos ? next : pos + 1;
    }
  };
  auto add = [&](const re2::StringPiece& whole, Quantity q, bool can_count = true) {
    Range r{offset(whole), offset(whole) + whole.size()};
    atoms.push_back(Atom{r, r, std::move(q), can_count});
  };
  auto to_int = [](const re2::StringPiece& p) {
    return std::atoi(std::string(p).c_str());
  };
  auto date = [](CivilDate d) {
    Quantity q;
    q.kind = QuantityKind::kDate;
    q.date = d;
    q.value = d.year * 10000 + d.month * 100 + d.day;
    return q;
  };

  for (const RE2* blocker : {&clock_time, &ampm_time, &phone}) {
    scan(*blocker, [&](auto& g) {
      add(g[0], Quantity{}, false);
      atoms.back().blocker = true;
    });
  }
  scan(date_dmy, [&](auto& g) {
    Quantity q = date({g[4].empty() ? 0 : to_int(g[4]), MonthNumber(g[3]), to_int(g[1])});
    if (q.date.day < 1 || q.date.day > 31) return;
    if (!g[2].empty()) q.to = q.date.year * 10000 + q.date.month * 100 + to_int(g[2]);
    add(g[0], q, false);
  });
  scan(date_mdy, [&](auto& g) {
    Quantity q = date({g[4].empty() ? 0 : to_int(g[4]), MonthNumber(g[1]), to_int(g[2])});
    if (q.date.day < 1 || q.date.day > 31) return;
    if (!g[3].empty()) q.to = q.date.year * 10000 + q.date.month * 100 + to_int(g[3]);
    add(g[0], q, false);
  });
  scan(month_range, [&](auto& g) {
    int year = g[3].empty() ? 0 : to_int(g[3]);
    Quantity q = date({year, MonthNumber(g[1]), 0});
    q.to = year * 10000 + MonthNumber(g[2]) * 100;
    add(g[0], q, false);
  });
  scan(month_year, [&](auto& g) {
    add(g[0], date({to_int(g[2]), MonthNumber(g[1]), 0}), false);
  });
  scan(season_year, [&](auto& g) {
    Quantity q = date({to_int(g[2]), 0, 0});
    q.unit = Lower(g[1]);
    add(g[0], q, false);
  });
  scan(financial_year, [&](auto& g) {
    int first = to_int(g[1]), second = to_int(g[2]);
    if ((first + 1) % 100 != second) return;  // "2023/24", not "2023-11"
    Quantity q;
    q.kind = QuantityKind::kYear;
    q.date.year = first;
    q.value = first;
    q.to = first + 1;
    q.unit = "financial year";
    add(g[0], q, false);
  });
  scan(year_range, [&](auto& g) {
    int first = to_int(g[1]), second = to_int(g[2]);
    if (g[2].size() == 2 && (first + 1) % 100 == second) return;  // financial year
    if (g[2].size() < 4) second += first - first % (g[2].size() == 1 ? 10 : 100);
    if (second <= first) return;
    Quantity q;
    q.kind = QuantityKind::kYear;
    q.date.year = first;
    q.value = first;
    q.to = second;
    add(g[0], q, false);
  });
  scan(numeric_date, [&](auto& g) {
    int day = to_int(g[1]), month = to_int(g[2]), year = to_int(g[3]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return;
    if (g[3].size() == 2) year += year < 70 ? 2000 : 1900;
    add(g[0], date({year, month, day}), false);
  });
  scan(money, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kMoney;
    std::string sym(g[1]);
    q.unit = sym == "£" ? "GBP" : sym == "$" ? "USD" : "EUR";
    double scale = g[3].empty() ? 1 : ScaleOf(g[3]);
    q.value = ParseNum(g[2]) * scale;
    q.precision = PrecisionOf(g[2], scale);
    add(g[0], q);
    atoms.back().number = {offset(g[2]), offset(g[2]) + g[2].size()};
    atoms.back().scale = scale;
  });
  scan(percent, [&](auto& g) {
    Quantity q;
    std::string unit = Lower(g[2]);
    q.kind = unit.find("point") != std::string::npos ? QuantityKind::kPoints
                                                     : QuantityKind::kPercent;
    q.unit = q.kind == QuantityKind::kPoints ? "pp" : "%";
    // A basis point is a hundredth of a percentage point.
    double scale = unit.starts_with("b") ? 0.01 : 1;
    if (scale != 1) q.kind = QuantityKind::kPoints, q.unit = "pp";
    q.value = ParseNum(g[1]) * scale;
    q.precision = PrecisionOf(g[1], scale);
    add(g[0], q, false);
    atoms.back().number = {offset(g[1]), offset(g[1]) + g[1].size()};
  });
  scan(fold, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kMultiple;
    q.value = ParseNum(g[1]);
    q.precision = PrecisionOf(g[1], 1);
    add(g[0], q, false);
    atoms.back().number = {offset(g[1]), offset(g[1]) + g[1].size()};
  });
  scan(multiple_word, [&](auto& g) {
    std::string w = Lower(g[1]);
    Quantity q;
    q.kind = QuantityKind::kMultiple;
    if (!g[2].empty()) {
      q.value = cardinals.at(Lower(g[2]));
    } else {
      q.value = w.starts_with("twice") || w.starts_with("doubl") ? 2
                : w.starts_with("tr")                            ? 3
                : w.starts_with("quad")                          ? 4
                                                                 : 0.5;
      q.is_change = w.ends_with("ed");
    }
    add(g[0], q, false);
    atoms.back().spelled = true;
  });
  // "2 1/2 hours", "20/81", "1½": a whole number and a fraction.
  auto add_fraction = [&](const re2::StringPiece& whole, const re2::StringPiece& units,
                          double fraction) {
    Quantity q;
    q.kind = units.empty() ? QuantityKind::kFraction : QuantityKind::kCount;
    q.value = (units.empty() ? 0 : to_int(units)) + fraction;
    add(whole, q, !units.empty());
  };
  scan(slash_fraction, [&](auto& g) {
    double top = to_int(g[2]), bottom = to_int(g[3]);
    if (bottom == 0 || top >= bottom) return;  // "24/7" is no fraction
    add_fraction(g[0], g[1], top / bottom);
  });
  scan(vulgar_fraction, [&](auto& g) {
    static const std::map<std::string, double> kValues = {
        {"½", 0.5},     {"¼", 0.25}, {"¾", 0.75}, {"⅓", 1.0 / 3},
        {"⅔", 2.0 / 3}, {"⅕", 0.2},  {"⅛", 0.125}};
    add_fraction(g[0], g[1], kValues.at(std::string(g[2])));
  });
  scan(ordinal, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kOrdinal;
    q.value = ParseNum(g[1]);
    add(g[0], q);
  });
  scan(number, [&](auto& g) {
    Quantity q;
    double scale = g[2].empty() ? 1 : ScaleOf(g[2]);
    q.value = ParseNum(g[1]) * scale;
    q.precision = PrecisionOf(g[1], scale);
    bool plain_int = PlainDigits(g[1]).find('.') == std::string::npos &&
                     g[1].find(',') == re2::StringPiece::npos && g[2].empty();
    if (plain_int && g[1].size() == 4 && q.value >= 1900 && q.value <= 2099) {
      q.kind = QuantityKind::kYear;
      q.date.year = static_cast<int>(q.value);
      q.precision = 0;
      add(g[0], q, false);
    } else {
      q.kind = QuantityKind::kCount;
      add(g[0], q);
    }
    atoms.back().number = {offset(g[1]), offset(g[1]) + g[1].size()};
    atoms.back().scale = scale;
    // "the over-65s", "the 1990s": the plural belongs to the number.
    size_t end = atoms.back().range.end;
    if (g[2].empty() && end < text.size() && text[end] == 's' &&
        (end + 1 == text.size() || !IsAsciiLetter(text[end + 1]))) {
      atoms.back().range.end = atoms.back().number.end = end + 1;
      atoms.back().can_count = false;  // its own noun: "over-50s face", not "face"
    }
  });
  scan(magnitude, [&](auto& g) {
    std::string words = Lower(g[1]);
    Quantity q;
    q.kind = QuantityKind::kCount;
    q.value = words.find("billion") != std::string::npos    ? 1e9
              : words.find("million") != std::string::npos  ? 1e6
              : words.find("thousand") != std::string::npos ? 1e3
              : words.find("hundred") != std::string::npos  ? 100
                                                            : 12;
    if (words.starts_with("tens of")) q.value *= 10;
    if (words.starts_with("hundreds of ")) q.value *= 100;
    if (words.starts_with("scores")) q.value = 20;
    q.qualifier = words + " of";
    add(g[0], q);
    atoms.back().spelled = true;
  });
  scan(dozen, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kCount;
    q.value = 12;
    add(g[0], q);
    atoms.back().spelled = true;
  });
  FindSpelled(text, &atoms);

  // Resolve overlaps: earlier start wins, then the longer.
  std::sort(atoms.begin(), atoms.end(), [](const Atom& x, const Atom& y) {
    if (x.range.begin != y.range.begin) return x.range.begin < y.range.begin;
    return x.range.size() > y.range.size();
  });
  std::vector<Atom> kept;
  for (Atom& atom : atoms) {
    if (!kept.empty() && atom.range.begin < kept.back().range.end) continue;
    kept.push_back(std::move(atom));
  }
  return kept;
}

// Spelled-out numbers, fractions ("a third", "three-quarters") and "half".
void QuantityFinder::Impl::FindSpelled(std::string_view text,
                                       std::vector<Atom>* atoms) const {
  auto add = [&](size_t b, size_t e, Quantity q) {
    atoms->push_back(Atom{{b, e}, {b, e}, std::move(q), true, false, true});
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAsciiLetter(text[i]) ||
        (i > 0 && (IsAsciiLetter(text[i - 1]) || text[i - 1] == '-')))
      continue;
    size_t j = i;
    while (j < text.size() && IsAsciiLetter(text[j])) ++j;
    std::string w = Lower(text.substr(i, j - i));
    if (w == "half") {
      Quantity q;
      q.kind = QuantityKind::kFraction;
      q.value = 0.5;
      size_t b = i;
      if (i >= 2 && Lower(text.substr(i - 2, 2)) == "a ") b = i - 2;
      add(b, j, q);
      i = j;
      continue;
    }
    if (w != "a" && w != "an" && !SpelledNumbers().heads.contains(w)) {
      i = j;
      continue;
    }
    double value;
    bool is_ordinal;
    size_t end = SpelledNumber(text, i, &value, &is_ordinal);
    bool article = false;
    if (end == i && (w == "a" || w == "an") && j + 1 < text.size()) {
      // "a third", "a quarter": an ordinal after an article is a fraction.
      size_t k = j + 1;
      size_t e2 = k;
      while (e2 < text.size() && IsAsciiLetter(text[e2])) ++e2;
      double d = Denominator(text.substr(k, e2 - k));
      if (d > 0 && text.substr(k, e2 - k) != "half") {
        value = d, end = e2, article = true;
      }
    }
    if (end == i) {
      i = j;
      continue;
    }
    Quantity q;
    // "two thirds", "three-quarters": a cardinal and a denominator.
    size_t den_end = end + 1;
    while (den_end < text.size() && IsAsciiLetter(text[den_end])) ++den_end;
    double den = end < text.size() && (text[end] == ' ' || text[end] == '-')
                     ? Denominator(text.substr(end + 1, den_end - end - 1))
                     : 0;
    if (article) {
      q.kind = QuantityKind::kFraction;
      q.value = 1.0 / value;
    } else if (!is_ordinal && den > 0 && value < den) {
      q.kind = QuantityKind::kFraction;
      q.value = value / den;
      end = den_end;
    } else if (is_ordinal) {
      q.kind = QuantityKind::kOrdinal;
      q.value = value;
    } else {
      q.kind = QuantityKind::kCount;
      q.value = value;
      // As precise as its digits: "six" as "6", "two thousand" as "2,000".
      if (value == std::floor(value) && value < 1e15)
        q.precision = PrecisionOf(std::to_string(static_cast<long long>(value)), 1);
    }
    add(i, end, q);
    i = end;
  }
}

// A number that is part of a name or an identifier states no quantity.
void QuantityFinder::Impl::DropNames(std::string_view text,
                                     std::vector<Atom>* atoms) const {
  auto is_name = [&](const Atom& a) {
    if (a.spelled || a.blocker) return false;
    Range n = a.number;
    if (n.begin >= n.end || !IsDigit(text[n.begin])) return false;
    char before = n.begin > 0 ? text[n.begin - 1] : ' ';
    char before2 = n.begin > 1 ? text[n.begin - 2] : ' ';
    if (IsAsciiLetter(before)) return true;                            // H1N1, CD4
    if ((before == '-' || before == '.') && IsAsciiLetter(before2)) {  // IL-6
      // but "under-20s", "over-65s": a qualifier joined by a hyphen.
      size_t wb = n.begin - 1;
      while (wb > 0 && IsAsciiLetter(text[wb - 1])) --wb;
      std::string w = Lower(text.substr(wb, n.begin - 1 - wb));
      return before == '.' || !OneOf(w, {"under", "over", "aged", "age"});
    }
    if (before == '.' && IsDigit(before2)) return true;  // B.1.1.7
    size_t after = n.end;
    if (after + 1 < text.size() && text[after] == '.' && IsDigit(text[after + 1]))
      return true;  // 3.2.1
    if (after < text.size() && IsAsciiLetter(text[after])) {
      size_t e = after;
      while (e < text.size() && IsAsciiLetter(text[e])) ++e;
      if (e < text.size() && IsDigit(text[e])) return true;  // 162b1
      std::string_view suffix = text.substr(after, e - after);
      if (!IsNumberSuffix(suffix) || IsUpperNameSuffix(suffix)) return true;
    }
    if (after + 1 < text.size() && text[after] == '-' && IsAsciiLetter(text[after + 1])) {
      size_t e = after + 1;
      while (e < text.size() && IsAsciiLetter(text[e])) ++e;
      std::string_view w = text.substr(after + 1, e - after - 1);
      if (std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return true;  // 2019-nCoV
    }
    // A label word before it: "Table 4", "pp. 3-4", "No. 10".
    size_t p = n.begin;
    while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '.')) --p;
    if (p == n.begin) return false;
    size_t wb = p;
    while (wb > 0 && IsAsciiLetter(text[wb - 1])) --wb;
    if (wb == p || n.begin - p > 2 || a.q.kind == QuantityKind::kYear) return false;
    return IsLabelWord(text.substr(wb, p - wb));
  };
  std::vector<Atom> kept;
  bool dropped_previous = false;
  for (size_t k = 0; k < atoms->size(); ++k) {
    Atom& a = (*atoms)[k];
    bool joined = false;
    if (dropped_previous && k > 0) {
      std::string_view gap = text.substr((*atoms)[k - 1].range.end,
                                         a.range.begin - (*atoms)[k - 1].range.end);
      joined = gap == "-" || gap == "–" || gap == " to ";
    }
    dropped_previous = joined || is_name(a);
    if (!dropped_previous) kept.push_back(std::move(a));
  }
  *atoms = std::move(kept);
}

// Two atoms that state one value: a range or change, a proportion, or a
// statistic with its interval.
void QuantityFinder::Impl::Pair(std::string_view text, std::vector<Atom>* atoms) const {
  std::vector<Atom> out;
  for (size_t k = 0; k < atoms->size(); ++k) {
    Atom atom = (*atoms)[k];
    if (atom.blocker || k + 1 >= atoms->size() || (*atoms)[k + 1].blocker) {
      out.push_back(std::move(atom));
      continue;
    }
    const Atom& next = (*atoms)[k + 1];
    std::string_view gap = text.substr(atom.range.end, next.range.begin - atom.range.end);
    re2::StringPiece gap_piece(gap.data(), gap.size());
    bool bare = atom.q.kind == QuantityKind::kCount && atom.q.qualifier.empty();
    // A proportion: "one in five", "nine out of 10", "1 in a hundred".
    if (bare && next.q.kind == QuantityKind::kCount && next.q.value > atom.q.value &&
        RE2::FullMatch(gap_piece, proportion)) {
      atom.q.kind = QuantityKind::kFraction;
      atom.q.value /= next.q.value;
      atom.q.precision = 0;
      atom.range.end = next.range.end;
      out.push_back(std::move(atom));
      ++k;
      continue;
    }
    // A range or change: "from 33% to 9%", "between 5 and 7", "19 to 88",
    // "10-20%", "three to five days".
    size_t lead = std::min<size_t>(atom.range.begin, 40);
    std::string_view before = text.substr(atom.range.begin - lead, lead);
    re2::StringPiece opener;
    bool has_opener = RE2::PartialMatch(re2::StringPiece(before.data(), before.size()),
                                        change_before, &opener);
    bool dash = gap == "-" || gap == "–" || gap == " – " || gap == " - " || gap == "—";
    bool joins = gap == " to " || dash || (gap == " and " && has_opener);
    bool kinds_agree =
        next.q.kind == atom.q.kind ||
        (bare && atom.q.kind == QuantityKind::kCount &&
         next.q.kind != QuantityKind::kDate && next.q.kind != QuantityKind::kYear &&
         next.q.kind != QuantityKind::kOrdinal);
    if (joins && kinds_agree && atom.q.kind != QuantityKind::kDate &&
        atom.q.kind != QuantityKind::kYear && !(dash && has_opener && gap == "—")) {
      Atom merged = next;
      merged.q.to = next.q.value;
      // "between 12 and 15 million": the scale of the second applies to both.
      merged.q.value = atom.q.value * (atom.scale == 1 ? next.scale : 1);
      merged.q.precision = std::max(atom.q.precision, next.q.precision);
      merged.q.is_change = has_opener && Lower(opener) == "from";
      merged.range.begin = atom.range.begin;
      merged.number = atom.number;
      merged.spelled = atom.spelled;
      if (has_opener) {
        size_t opener_at = static_cast<size_t>(opener.data() - text.data());
        merged.range.begin = opener_at;
      }
      out.push_back(std::move(merged));
      ++k;
      continue;
    }
    // A change with a time at each end: "from 50% in 2017/18 to 12% at 31
    // March 2024". The times are part of the claim.
    auto is_time = [](const Atom& a) {
      return a.q.kind == QuantityKind::kYear || a.q.kind == QuantityKind::kDate;
    };
    auto time_gap = [&](size_t from, size_t to) {
      std::string_view g = text.substr(from, to - from);
      return g == " in " || g == " at " || g == " on " || g == " by " || g == " (" ||
             g == ", in ";
    };
    if (has_opener && Lower(opener) == "from" && !is_time(atom) && is_time(next) &&
        k + 2 < atoms->size() && time_gap(atom.range.end, next.range.begin) &&
        text.substr(next.range.end, (*atoms)[k + 2].range.begin - next.range.end) ==
            " to " &&
        (*atoms)[k + 2].q.kind == atom.q.kind) {
      const Atom& last = (*atoms)[k + 2];
      Atom merged = last;
      merged.q.to = last.q.value;
      merged.q.value = atom.q.value;
      merged.q.precision = std::max(atom.q.precision, last.q.precision);
      merged.q.is_change = true;
      merged.range.begin = static_cast<size_t>(opener.data() - text.data());
      merged.number = atom.number;
      k += 2;
      if (k + 1 < atoms->size() && is_time((*atoms)[k + 1]) &&
          time_gap(merged.range.end, (*atoms)[k + 1].range.begin)) {
        merged.range.end = (*atoms)[k + 1].range.end;
        merged.closed = true;
        ++k;
      }
      out.push_back(std::move(merged));
      continue;
    }
    out.push_back(std::move(atom));
  }
  // A statistic's interval ("95% CI 1.2-3.4") belongs to the value before it.
  std::vector<Atom> kept;
  for (size_t k = 0; k < out.size(); ++k) {
    Atom& a = out[k];
    re2::StringPiece rest(text.data() + a.range.end, text.size() - a.range.end);
    if (a.q.kind != QuantityKind::kPercent || !RE2::PartialMatch(rest, interval)) {
      kept.push_back(std::move(a));
      continue;
    }
    // Skip the interval's bounds: the atoms up to the closing parenthesis,
    // or the next range.
    size_t close = text.find(')', a.range.end);
    size_t stop = close != std::string_view::npos && close - a.range.end < 60
                      ? close + 1
                      : a.range.end;
    while (k + 1 < out.size() && out[k + 1].range.begin < stop) ++k;
    if (stop == a.range.end && k + 1 < out.size() && out[k + 1].q.to &&
        out[k + 1].range.begin - a.range.end < 20) {
      stop = out[++k].range.end;
    }
    // "2.1 (95% CI ...)": the value before the parenthesis takes it in.
    size_t open = a.range.begin;
    while (open > 0 && (text[open - 1] == ' ' || text[open - 1] == '(' ||
                        text[open - 1] == ',' || text[open - 1] == ';'))
      --open;
    if (!kept.empty() && kept.back().range.end == open && stop > a.range.end) {
      kept.back().range.end = stop;
      kept.back().closed = true;
    }
  }
  *atoms = std::move(kept);
}

void QuantityFinder::Impl::Grow(std::string_view text, std::vector<Atom>* atoms) const {
  auto piece_from = [&](size_t at) {
    return re2::StringPiece(text.data() + at, text.size() - at);
  };
  auto end_of = [&](const re2::StringPiece& p) {
    return static_cast<size_t>(p.data() - text.data()) + p.size();
  };
  for (Atom& atom : *atoms) {
    if (atom.blocker || atom.closed) continue;
    size_t end = atom.range.end;
    re2::StringPiece g1, g2;
    // Multiples: "3.57 times", "three times higher".
    if (atom.q.kind == QuantityKind::kCount && !atom.q.to &&
        RE2::PartialMatch(piece_from(end), times, &g1)) {
      atom.q.kind = QuantityKind::kMultiple;
      size_t t = text.find("times", end);
      end = g1.empty() ? t + 5 : end_of(g1);
      atom.can_count = false;
    }
    // An open bound after the number: "three or more", "85 and older".
    // After a duration, only an age group's ("50 years and older"): a length
    // of time's ("six weeks or more") is left to the words around it.
    auto open_bound_after = [&](bool age_only) {
      re2::StringPiece word, plus;
      if (!RE2::PartialMatch(piece_from(end), open_bound, &word, &plus)) return;
      std::string w = Lower(word);
      bool age = w == "older" || w == "younger";
      if (age_only && !age) return;
      atom.q.qualifier = OneOf(w, {"fewer", "less", "under", "below", "younger"})
                             ? "at most"
                             : "at least";
      end = end_of(word.empty() ? plus : word);
      if (age_only) atom.q.relation = "old";
    };
    open_bound_after(false);
    // A change stated by its verb: "fell to 9%", "down from 28%".
    {
      size_t from = atom.range.begin >= 24 ? atom.range.begin - 24 : 0;
      re2::StringPiece window(text.data() + from, atom.range.begin - from);
      if (RE2::PartialMatch(window, change_verb)) atom.q.is_change = true;
    }
    // Qualifier before.
    {
      size_t from = atom.range.begin >= 32 ? atom.range.begin - 32 : 0;
      re2::StringPiece window(text.data() + from, atom.range.begin - from);
      re2::StringPiece qual;
      if (RE2::PartialMatch(window, qualifier, &qual)) {
        size_t qpos = static_cast<size_t>(qual.data() - text.data());
        bool word_start = qpos == 0 || !IsAsciiLetter(text[qpos - 1]);
        if (word_start && atom.q.qualifier.empty()) {
          std::string q = Lower(qual);
          for (const char* tail : {" aged", " age", " the"}) {
            if (q.ends_with(tail) && q.size() > std::string_view(tail).size())
              q.resize(q.size() - std::string_view(tail).size());
          }
          atom.q.qualifier = q;
          atom.range.begin = qpos;
        }
      }
    }
    if (atom.q.kind == QuantityKind::kCount && atom.q.qualifier.ends_with(" of"))
      atom.q.precision = 0;
    // Durations: "five years ago", "19-year-old", "30 min".
    if (atom.q.kind == QuantityKind::kCount &&
        RE2::PartialMatch(piece_from(end), duration, &g1, &g2)) {
      atom.q.kind = QuantityKind::kDuration;
      std::string u = Lower(g1);
      if (u.size() > 1 && u.back() == 's') u.pop_back();
      if (u == "min") u = "minute";
      if (u == "hr" || u == "h") u = "hour";
      if (u == "sec") u = "second";
      atom.q.unit = u;
      if (!g2.empty()) {
        std::string rel = Lower(g2);
        size_t first = rel.find_first_not_of(" \t-");
        rel = rel.substr(first);
        atom.q.relation = rel == "of age" ? "old" : rel;
      }
      end = end_of(g2.empty() ? g1 : g2);
      atom.can_count = false;
      if (atom.q.qualifier.empty()) open_bound_after(true);  // "50 years and older"
    }
    // Rates: "£550 per year, per child", "3 visits a year".
    re2::StringPiece rate_text;
    bool takes_rate = atom.q.kind == QuantityKind::kMoney ||
                      atom.q.kind == QuantityKind::kCount ||
                      atom.q.kind == QuantityKind::kPercent;
    if (takes_rate && RE2::PartialMatch(piece_from(end), rate, &rate_text) &&
        !StartsReferencePeriod(text.substr(end + rate_text.size()))) {
      std::string per;
      std::string r(rate_text);
      size_t p = 0;
      while ((p = r.find_first_of("pa", p)) != std::string::npos) {
        size_t sp = r.find(' ', p);
        if (sp == std::string::npos) break;
        size_t e = r.find_first_of(", ", sp + 1);
        std::string w =
            r.substr(sp + 1, (e == std::string::npos ? r.size() : e) - sp - 1);
        std::string lead = Lower(r.substr(p, sp - p));
        if (lead == "per" || lead == "a" || lead == "an") {
          if (!per.empty()) per += ", ";
          per += Lower(w);
          p = e == std::string::npos ? r.size() : e;
        } else {
          p = sp;
        }
      }
      atom.q.per = per;
      end += rate_text.size();
      atom.can_count = false;
    }
    // Counted noun: the head of the few words after the number ("four key
    // areas", "69 existing FDA-approved drugs", "two Wuhan hospitals"), or,
    // after an ordinal, "and final visit"; after "half", "the workforce".
    if (atom.can_count) {
      size_t pos = end;
      if (atom.q.kind == QuantityKind::kOrdinal &&
          RE2::PartialMatch(piece_from(pos), and_final, &g1)) {
        pos = end_of(g1);
      }
      if (atom.q.kind == QuantityKind::kFraction && text.substr(pos).starts_with(" the "))
        pos += 4;
      std::string counted;
      size_t counted_end = pos;
      for (int n = 0; n < 3 && RE2::PartialMatch(piece_from(pos), word, &g1); ++n) {
        std::string_view ws(g1.data(), g1.size());
        if (IsStopWord(ws)) break;
        bool capital = ws[0] >= 'A' && ws[0] <= 'Z';
        std::string lower = Lower(ws);
        pos = end_of(g1);
        if (n == 0 && !capital && IsVerbLike(lower)) break;
        // A unit of measure, in whatever case its symbol takes ("500 MW").
        if (n == 0 && MeasureOf(lower)) {
          counted = lower, counted_end = pos;
          break;
        }
        if (IsPluralNoun(lower) && !capital) {  // the head: "new symptomatic cases"
          counted = lower, counted_end = pos;
          break;
        }
        if (n == 0 && !capital) counted = lower, counted_end = pos;
        if (n > 0 && capital) break;  // "two Wuhan hospitals", not "5 New York"
      }
      if (!counted.empty()) {
        atom.q.counted = counted;
        end = counted_end;
      }
    }
    atom.range.end = end;
  }
}

// A bare spelled "one" is a determiner or a pronoun ("One study", "one
// another"); a bare number right after a capitalised word is a name
// ("Windows 10", "Children Act 1989").
void QuantityFinder::Impl::DropDeterminers(std::string_view text,
                                           std::vector<Atom>* atoms) const {
  std::vector<Atom> kept;
  for (Atom& a : *atoms) {
    if (a.blocker) continue;
    bool bare = a.q.qualifier.empty() && !a.q.to;
    std::string_view number = text.substr(a.number.begin, a.number.size());
    if (bare && a.spelled && a.q.kind == QuantityKind::kCount && Lower(number) == "one")
      continue;
    if (bare && !a.spelled && a.q.counted.empty() &&
        (a.q.kind == QuantityKind::kCount || a.q.kind == QuantityKind::kYear) &&
        a.number.begin >= 2 && text[a.number.begin - 1] == ' ') {
      size_t e = a.number.begin - 1, b = e;
      while (b > 0 && (IsAsciiLetter(text[b - 1]) || text[b - 1] == '-')) --b;
      std::string_view w = text.substr(b, e - b);
      if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z' && !IsStopWord(w) &&
          !IsStatisticName(w) && MonthNumber(w) == 0) {
        continue;
      }
    }
    kept.push_back(std::move(a));
  }
  *atoms = std::move(kept);
}

QuantityFinder::QuantityFinder() : impl_(std::make_unique<Impl>()) {}
QuantityFinder::~QuantityFinder() = default;

std::vector<QuantityMention> QuantityFinder::Find(std::string_view text,
                                                  size_t base) const {
  std::vector<Atom> atoms = impl_->FindAtoms(text);
  // "less than a year": a duration with no number word.
  {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece qual, unit;
    std::vector<Atom> extra;
    while (RE2::FindAndConsume(&input, impl_->a_duration, &qual, &unit)) {
      size_t b = static_cast<size_t>(qual.data() - text.data());
      size_t e = static_cast<size_t>(unit.data() - text.data()) + unit.size();
      if (StartsReferencePeriod(text.substr(e)))
        continue;  // "6% more than a year earlier"
      Quantity q;
      q.kind = QuantityKind::kDuration;
      q.value = 1;
      q.precision = 1;  // "over a month": the unit is its precision
      q.unit = Lower(unit);
      q.qualifier = Lower(qual);
      extra.push_back(Atom{{b, e}, {b, e}, q, false, false, true});
    }
    for (Atom& a : extra) {
      bool overlaps = std::any_of(atoms.begin(), atoms.end(), [&](const Atom& x) {
        return x.range.begin < a.range.end && a.range.begin < x.range.end;
      });
      if (!overlaps) atoms.push_back(std::move(a));
    }
    std::sort(atoms.begin(), atoms.end(),
              [](const Atom& x, const Atom& y) { return x.range.begin < y.range.begin; });
  }
  impl_->DropNames(text, &atoms);
  impl_->Pair(text, &atoms);
  impl_->Grow(text, &atoms);
  impl_->DropDeterminers(text, &atoms);
  std::vector<QuantityMention> out;
  out.reserve(atoms.size());
  for (const Atom& a : atoms) {
    out.push_back({{base + a.range.begin, base + a.range.end},
                   {base + a.number.begin, base + a.number.end},
                   a.q});
  }
  return out;
}

bool IsNumberWord(std::string_view word) {
  const SpelledNumberWords& n = SpelledNumbers();
  auto spelled = [&](std::string_view w) {
    return n.cardinals.find(w) != n.cardinals.end() ||
           n.ordinals.find(w) != n.ordinals.end() || w == "half" || w == "halve" ||
           w == "quarter" || w == "dozen";
  };
  // "thirds", "hundreds"
  return spelled(word) || (word.size() > 3 && word.back() == 's' &&
                           spelled(word.substr(0, word.size() - 1)));
}

}  // namespace claimtrace
