// QuantityFinder: quantities in running text, normalised for comparison.
//
// Two passes. First, "atoms": spans that state one value, found by RE2
// patterns (dates, money, percentages, digits, ordinals, fractions) and by a
// scan for spelled-out numbers whose words come from ICU's English spell-out
// rules (so the lexicon is ICU's, not a hand-made list). Atoms never overlap:
// where two patterns match the same text, the earlier-starting, longer one
// wins. Second, each atom grows into a phrase: a qualifier before it ("more
// than"), a range or change around it ("from 33% to 9%"), a rate ("per year,
// per child"), a duration unit ("five years ago") or a counted noun ("2,350
// grants").
#include "extract/quantity.h"

#include <re2/re2.h>
#include <unicode/rbnf.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace claimtrace {
namespace {

constexpr const char kMonths[] =
    "(January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)";
constexpr const char kNum[] = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";

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

double ParseNum(std::string_view s) {
  std::string digits;
  for (char c : s) {
    if (c != ',') digits.push_back(c);
  }
  return std::strtod(digits.c_str(), nullptr);
}

double ScaleOf(std::string_view s) {
  std::string lower;
  for (char c : s) {
    if (c != ' ') lower.push_back(static_cast<char>(std::tolower(c)));
  }
  if (lower == "k" || lower == "thousand") return 1e3;
  if (lower == "m" || lower == "million") return 1e6;
  if (lower == "bn" || lower == "billion") return 1e9;
  if (lower == "trillion") return 1e12;
  return 1;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct Atom {
  Range range;
  Quantity q;
  bool can_count = true;  // may take a counted noun after it
};

// Words that end a counted-noun phrase: function words, auxiliaries.
const char* const kStopWords[] = {
    "of",    "the",    "to",     "in",      "for",     "from",    "with",  "by",
    "at",    "on",     "per",    "than",    "and",     "or",      "but",   "as",
    "since", "before", "after",  "that",    "which",   "who",     "have",  "has",
    "had",   "is",     "are",    "was",     "were",    "be",      "been",  "will",
    "would", "can",    "could",  "should",  "may",     "might",   "do",    "does",
    "did",   "this",   "these",  "those",   "it",      "they",    "we",    "he",
    "she",   "across", "into",   "over",    "under",   "a",       "an",    "not",
    "no",    "so",     "if",     "when",    "while",   "where",   "there", "their",
    "its",   "our",    "ago",    "later",   "prior",   "earlier", "more",  "less",
    "fewer", "about",  "around", "between", "through", "during",  "up",    "out",
    "also",  "now",    "then"};

bool IsStopWord(std::string_view w) {
  std::string lower = Lower(w);
  for (const char* s : kStopWords) {
    if (lower == s) return true;
  }
  return false;
}

// A plural noun: regular "-s" plurals and the irregular plurals of people.
bool IsPluralNoun(const std::string& w) {
  for (const char* irregular :
       {"people", "children", "men", "women", "staff", "families"}) {
    if (w == irregular) return true;
  }
  return w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("ous");
}

}  // namespace

struct QuantityFinder::Impl {
  // Dates.
  RE2 date_dmy{
      std::string(
          "\\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?(\\d{1,2})"
          "(?:st|nd|rd|th)?(?:\\s*(?:and|to|-|–|&)\\s*(\\d{1,2})(?:st|nd|rd|th)?)?\\s+") +
      kMonths + "\\b(?:,?\\s+(\\d{4})\\b)?"};
  RE2 date_mdy{std::string("\\b") + kMonths +
               "\\s+(\\d{1,2})(?:st|nd|rd|th)?,\\s+(\\d{4})\\b"};
  RE2 month_year{std::string("\\b") + kMonths + "\\s+(\\d{4})\\b"};
  RE2 season_year{"\\b((?i:spring|summer|autumn|fall|winter))\\s+(\\d{4})\\b"};
  RE2 financial_year{"\\b((?:19|20)\\d\\d)[/\\-–](\\d\\d)\\b"};
  RE2 numeric_date{"\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4}|\\d{2})\\b"};
  // Money, percentages, plain numbers.
  RE2 money{std::string("([£$€])\\s?") + kNum +
            "(\\s?(?:bn|billion|m|million|k|thousand|trillion)\\b)?"};
  RE2 percent{std::string("\\b") + kNum +
              "\\s?(%|(?i:per\\s?cent\\b|percent\\b|percentage points?\\b))"};
  RE2 ordinal{"\\b(\\d+)(?:st|nd|rd|th)\\b"};
  RE2 number{std::string("\\b") + kNum +
             "(\\s(?:billion|million|thousand|trillion)\\b|(?:bn|m|k)\\b)?"};
  // Words around atoms.
  RE2 qualifier{
      "(?i)((?:just |well |at )?(?:more "
      "than|over|almost|nearly|around|about|approximately|"
      "roughly|up to|at least|at most|least|less than|fewer than|under|top|bottom|"
      "some|only|exactly|over half|fully))\\s+$"};
  RE2 duration{
      "^\\s+((?i:years?|months?|weeks?|days?|decades?|hours?))\\b(\\s+(?i:ago|prior|"
      "later|earlier|old))?"};
  RE2 a_duration{
      "(?i)\\b((?:just |well )?(?:less than|more than|over|under|almost|nearly|within|in "
      "under|in over))\\s+a\\s+(year|month|week|decade|day|fortnight)\\b"};
  RE2 rate{
      "^((?:\\s*,?\\s*(?i:per|a|an)\\s+(?:year|annum|month|week|day|hour|child|person|"
      "head|pupil|household|family|resident|student|patient))+)\\b"};
  RE2 in_every{"^\\s+in\\s+(?:every\\s+)?(\\d+|[a-z]+)\\b"};
  RE2 word{"^\\s+([\\p{L}][\\p{L}\\-]*)"};
  RE2 and_final{"^\\s+and\\s+(final|last|latest|penultimate)\\b"};
  RE2 change_before{"(?i)(from|between)\\s+$"};
  RE2 change_verb{
      "(?i)(fell|rose|dropped|increased|decreased|grew|climbed|declined|reduced|cut|"
      "jumped|went up|went down)\\s+(?:to|by)\\s+$"};

  // Spelled-out numbers, from ICU's spell-out rules.
  std::map<std::string, double> cardinals;  // "twenty-one" -> 21
  std::map<std::string, int> ordinals;      // "sixth" -> 6

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    icu::RuleBasedNumberFormat spell(icu::URBNF_SPELLOUT, icu::Locale::getEnglish(),
                                     status);
    if (U_SUCCESS(status)) {
      icu::UnicodeString ordinal_rules("%spellout-ordinal");
      for (int i = 0; i < 100; ++i) {
        icu::UnicodeString s;
        spell.format(static_cast<int32_t>(i), s);
        std::string utf8;
        cardinals[s.toUTF8String(utf8)] = i;
        icu::UnicodeString o;
        UErrorCode ostatus = U_ZERO_ERROR;
        icu::FieldPosition fp;
        spell.format(static_cast<int32_t>(i), ordinal_rules, o, fp, ostatus);
        std::string outf8;
        if (U_SUCCESS(ostatus) && i > 0) ordinals[o.toUTF8String(outf8)] = i;
      }
      for (double scale : {100.0, 1e3, 1e6, 1e9}) {
        icu::UnicodeString s;
        spell.format(scale, s);  // "one hundred"
        std::string utf8;
        s.toUTF8String(utf8);
        cardinals[utf8.substr(utf8.find(' ') + 1)] = scale;
      }
    }
    cardinals.erase("zero");
    // "first" and "second" are rarely counts ("first time", "second home").
    ordinals.erase("first");
    ordinals.erase("second");
  }

  // Words of a spelled-out number starting at `i`; returns its end, or `i`.
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

  void Add(std::vector<Atom>* atoms, size_t b, size_t e, Quantity q,
           bool can_count = true) const {
    atoms->push_back(Atom{{b, e}, std::move(q), can_count});
  }

  std::vector<Atom> FindAtoms(std::string_view text) const;
  void Grow(std::string_view text, std::vector<Atom>* atoms) const;
};

std::vector<Atom> QuantityFinder::Impl::FindAtoms(std::string_view text) const {
  std::vector<Atom> atoms;
  auto offset = [&](const re2::StringPiece& p) {
    return static_cast<size_t>(p.data() - text.data());
  };
  re2::StringPiece in;
  re2::StringPiece whole, a, b, c, d;

  auto scan = [&](const RE2& re, auto&& on_match) {
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

  scan(date_dmy, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kDate;
    q.date.day = std::atoi(std::string(g[1]).c_str());
    q.date.month = MonthNumber(g[3]);
    if (!g[4].empty()) q.date.year = std::atoi(std::string(g[4]).c_str());
    q.value = q.date.year * 10000 + q.date.month * 100 + q.date.day;
    if (!g[2].empty()) {
      int to_day = std::atoi(std::string(g[2]).c_str());
      q.to = q.date.year * 10000 + q.date.month * 100 + to_day;
    }
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
  });
  scan(date_mdy, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kDate;
    q.date = {std::atoi(std::string(g[3]).c_str()), MonthNumber(g[1]),
              std::atoi(std::string(g[2]).c_str())};
    q.value = q.date.year * 10000 + q.date.month * 100 + q.date.day;
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
  });
  scan(month_year, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kDate;
    q.date = {std::atoi(std::string(g[2]).c_str()), MonthNumber(g[1]), 0};
    q.value = q.date.year * 10000 + q.date.month * 100;
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
  });
  scan(season_year, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kDate;
    q.unit = Lower(g[1]);
    q.date.year = std::atoi(std::string(g[2]).c_str());
    q.value = q.date.year * 10000;
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
  });
  scan(financial_year, [&](auto& g) {
    int first = std::atoi(std::string(g[1]).c_str()),
        second = std::atoi(std::string(g[2]).c_str());
    if ((first + 1) % 100 != second) return;  // "2023/24", not "2023-11"
    Quantity q;
    q.kind = QuantityKind::kYear;
    q.date.year = first;
    q.value = first;
    q.to = first + 1;
    q.unit = "financial year";
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
  });
  scan(numeric_date, [&](auto& g) {
    int day = std::atoi(std::string(g[1]).c_str()),
        month = std::atoi(std::string(g[2]).c_str());
    int year = std::atoi(std::string(g[3]).c_str());
    if (month < 1 || month > 12 || day < 1 || day > 31) return;
    if (g[3].size() == 2) year += year < 70 ? 2000 : 1900;
    Quantity q;
    q.kind = QuantityKind::kDate;
    q.date = {year, month, day};
    q.value = year * 10000 + month * 100 + day;
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
  });
  scan(money, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kMoney;
    std::string sym(g[1]);
    q.unit = sym == "£" ? "GBP" : sym == "$" ? "USD" : "EUR";
    q.value = ParseNum(g[2]) * (g[3].empty() ? 1 : ScaleOf(g[3]));
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q);
  });
  scan(percent, [&](auto& g) {
    Quantity q;
    std::string unit = Lower(g[2]);
    q.kind = unit.find("point") != std::string::npos ? QuantityKind::kPoints
                                                     : QuantityKind::kPercent;
    q.unit = q.kind == QuantityKind::kPoints ? "pp" : "%";
    q.value = ParseNum(g[1]);
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
  });
  scan(ordinal, [&](auto& g) {
    Quantity q;
    q.kind = QuantityKind::kOrdinal;
    q.value = ParseNum(g[1]);
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q);
  });
  scan(number, [&](auto& g) {
    Quantity q;
    q.value = ParseNum(g[1]) * (g[2].empty() ? 1 : ScaleOf(g[2]));
    bool plain_int = std::string_view(g[1].data(), g[1].size()).find_first_of(",.") ==
                         std::string_view::npos &&
                     g[2].empty();
    if (plain_int && g[1].size() == 4 && q.value >= 1900 && q.value <= 2099) {
      q.kind = QuantityKind::kYear;
      q.date.year = static_cast<int>(q.value);
      Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q, false);
      return;
    }
    q.kind = QuantityKind::kCount;
    Add(&atoms, offset(g[0]), offset(g[0]) + g[0].size(), q);
  });
  // Spelled-out numbers and fractions.
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
      Add(&atoms, b, j, q);
      i = j;
      continue;
    }
    double value;
    bool is_ordinal;
    size_t end = SpelledNumber(text, i, &value, &is_ordinal);
    std::string whole_word = Lower(text.substr(i, end - i));
    bool article = false;
    if (end == i && (w == "a" || w == "an") && j + 1 < text.size()) {
      // "a third", "a quarter": an ordinal after an article is a fraction.
      double v;
      bool o;
      size_t e2 = SpelledNumber(text, j + 1, &v, &o);
      std::string next = Lower(text.substr(j + 1, e2 - j - 1));
      if (e2 > j + 1 && (o || next == "quarter") && v >= 3) {
        value = v, is_ordinal = true, end = e2, article = true;
      } else if (text.substr(j + 1, 7) == "quarter") {
        value = 4, is_ordinal = true, end = j + 8, article = true;
      }
    }
    if (end == i) {
      i = j;
      continue;
    }
    Quantity q;
    // "a third", "two thirds": ordinal denominators.
    std::string rest = end < text.size() ? Lower(text.substr(end, 9)) : "";
    if (article) {
      q.kind = QuantityKind::kFraction;
      q.value = 1.0 / value;
    } else if (!is_ordinal &&
               (rest.starts_with(" thirds") || rest.starts_with(" quarters") ||
                rest.starts_with(" fifths") || rest.starts_with(" tenths"))) {
      size_t sp = text.find_first_of(" ,.;", end + 1);
      std::string den = Lower(text.substr(
          end + 1, (sp == std::string_view::npos ? text.size() : sp) - end - 1));
      double d = den == "thirds" ? 3 : den == "quarters" ? 4 : den == "fifths" ? 5 : 10;
      q.kind = QuantityKind::kFraction;
      q.value = value / d;
      end = end + 1 + den.size();
    } else if (is_ordinal) {
      q.kind = QuantityKind::kOrdinal;
      q.value = value;
    } else {
      // "one" as a pronoun is no quantity: "one of the", "no one".
      std::string before = i >= 3 ? Lower(text.substr(i - 3, 3)) : "";
      if (whole_word == "one" &&
          (rest.starts_with(" of ") || before == "no " || rest.starts_with(" another"))) {
        i = j;
        continue;
      }
      q.kind = QuantityKind::kCount;
      q.value = value;
    }
    Add(&atoms, article ? i : i, end, q);
    i = end;
  }

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

void QuantityFinder::Impl::Grow(std::string_view text, std::vector<Atom>* atoms) const {
  auto piece_from = [&](size_t at) {
    return re2::StringPiece(text.data() + at, text.size() - at);
  };
  std::vector<Atom> out;
  for (size_t k = 0; k < atoms->size(); ++k) {
    Atom atom = (*atoms)[k];
    size_t end = atom.range.end;
    // One in five.
    re2::StringPiece denominator;
    if (atom.q.kind == QuantityKind::kCount &&
        RE2::PartialMatch(piece_from(end), in_every, &denominator)) {
      double d = 0;
      if (k + 1 < atoms->size() &&
          (*atoms)[k + 1].range.begin < end + 16 + denominator.size()) {
        d = (*atoms)[k + 1].q.value;
      }
      if (d > 0) {
        atom.q.kind = QuantityKind::kFraction;
        atom.q.value = atom.q.value / d;
        end = (*atoms)[k + 1].range.end;
        ++k;
      }
    }
    // Ranges and changes: "from 33% to 9%", "between 5 and 7".
    if (k + 1 < atoms->size() && atom.q.kind != QuantityKind::kDate) {
      const Atom& next = (*atoms)[k + 1];
      std::string_view gap =
          text.substr(end, next.range.begin - std::min(next.range.begin, end));
      std::string_view before =
          text.substr(atom.range.begin >= 12 ? atom.range.begin - 12 : 0,
                      atom.range.begin >= 12 ? 12 : atom.range.begin);
      re2::StringPiece opener;
      if (next.range.begin >= end &&
          (gap == " to " || gap == " and " || gap == "-" || gap == "–" || gap == " – ") &&
          next.q.kind == atom.q.kind &&
          RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), change_before,
                            &opener)) {
        atom.q.to = next.q.value;
        atom.q.is_change = Lower(opener) == "from";
        atom.range.begin -= opener.size() + 1;
        end = next.range.end;
        ++k;
      }
    }
    // A change stated by its verb: "fell to 9%".
    {
      size_t from = atom.range.begin >= 24 ? atom.range.begin - 24 : 0;
      re2::StringPiece window(text.data() + from, atom.range.begin - from);
      if (RE2::PartialMatch(window, change_verb)) atom.q.is_change = true;
    }
    // Qualifier before.
    {
      size_t from = atom.range.begin >= 24 ? atom.range.begin - 24 : 0;
      re2::StringPiece window(text.data() + from, atom.range.begin - from);
      std::string qual;
      if (RE2::PartialMatch(window, qualifier, &qual)) {
        size_t qpos = text.rfind(qual, atom.range.begin);
        if (qpos != std::string_view::npos && qpos >= from) {
          atom.q.qualifier = Lower(qual);
          atom.range.begin = qpos;
        }
      }
    }
    // Durations: "five years ago".
    re2::StringPiece unit, relation;
    if ((atom.q.kind == QuantityKind::kCount) &&
        RE2::PartialMatch(piece_from(end), duration, &unit, &relation)) {
      atom.q.kind = QuantityKind::kDuration;
      std::string u = Lower(unit);
      if (u.back() == 's') u.pop_back();
      atom.q.unit = u;
      if (!relation.empty()) {
        std::string rel = Lower(relation);
        atom.q.qualifier = rel.substr(rel.find_first_not_of(" \t"));
      }
      end =
          static_cast<size_t>((relation.empty() ? unit : relation).data() - text.data()) +
          (relation.empty() ? unit : relation).size();
      atom.can_count = false;
    }
    // Rates: "£550 per year, per child".
    re2::StringPiece rate_text;
    if (RE2::PartialMatch(piece_from(end), rate, &rate_text)) {
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
    // Counted noun: up to two content words ("four key areas"), or, after an
    // ordinal, "and final visit"; after "half", "the workforce".
    if (atom.can_count) {
      size_t pos = end;
      re2::StringPiece w;
      if (atom.q.kind == QuantityKind::kOrdinal &&
          RE2::PartialMatch(piece_from(pos), and_final, &w)) {
        pos = static_cast<size_t>(w.data() - text.data()) + w.size();
      }
      if (atom.q.kind == QuantityKind::kFraction && text.substr(pos).starts_with(" the "))
        pos += 4;
      // The noun is the first word, or the second when that one is plural
      // and the first modifies it ("four key areas", not "workforce came").
      std::string counted;
      for (int n = 0; n < 2 && RE2::PartialMatch(piece_from(pos), word, &w); ++n) {
        std::string_view ws(w.data(), w.size());
        if (IsStopWord(ws) || !(ws[0] >= 'a' && ws[0] <= 'z')) break;
        if (n == 1 && !IsPluralNoun(Lower(ws))) break;
        counted = Lower(ws);
        pos = static_cast<size_t>(w.data() - text.data()) + w.size();
      }
      if (!counted.empty()) {
        atom.q.counted = counted;
        end = pos;
      }
    }
    atom.range.end = end;
    out.push_back(std::move(atom));
  }
  *atoms = std::move(out);
}

QuantityFinder::QuantityFinder() : impl_(std::make_unique<Impl>()) {}
QuantityFinder::~QuantityFinder() = default;

std::vector<QuantityMention> QuantityFinder::Find(std::string_view text,
                                                  size_t base) const {
  std::vector<Atom> atoms = impl_->FindAtoms(text);
  std::vector<QuantityMention> out;
  // "less than a year": a duration with no number word.
  {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece qual, unit;
    std::vector<Atom> extra;
    re2::StringPiece all;
    while (RE2::FindAndConsume(&input, impl_->a_duration, &qual, &unit)) {
      size_t b = static_cast<size_t>(qual.data() - text.data());
      size_t e = static_cast<size_t>(unit.data() - text.data()) + unit.size();
      Quantity q;
      q.kind = QuantityKind::kDuration;
      q.value = 1;
      q.unit = Lower(unit);
      q.qualifier = Lower(qual);
      extra.push_back(Atom{{b, e}, q, false});
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
  std::vector<Atom> simple;
  for (Atom& a : atoms) {
    if (a.q.kind == QuantityKind::kDuration) {
      out.push_back({{base + a.range.begin, base + a.range.end},
                     {base + a.range.begin, base + a.range.end},
                     a.q});
    } else {
      simple.push_back(a);
    }
  }
  std::vector<Atom> numbers = simple;
  impl_->Grow(text, &simple);
  for (size_t i = 0; i < simple.size(); ++i) {
    out.push_back({{base + simple[i].range.begin, base + simple[i].range.end},
                   {base + simple[i].range.begin, base + simple[i].range.end},
                   simple[i].q});
  }
  std::sort(out.begin(), out.end(),
            [](const QuantityMention& x, const QuantityMention& y) {
              return x.range.begin < y.range.begin;
            });
  return out;
}

}  // namespace claimtrace
