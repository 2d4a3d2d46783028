// NumberIndex: compares a release's quantities with those its sources state.
//
// Two questions for each claim: does the source state this value, and is it
// about the same thing?
//
// Value (quantity_compare.h). Both sides are normalised to a dimension (a
// ratio for percentages and fractions, days for durations, a currency for
// money, metres for lengths...) and the claim becomes an interval of source
// values that support it: its written precision ("43%" covers 43.2%), its
// qualifier ("more than half" covers 56%, "about 3,300" covers 3,330), or
// the looseness of a fraction word ("a third" covers 36%). A range is
// supported by a range with the same ends, or by a sentence that states
// both ends.
//
// Thing. The source's sentences are scored against the claim's sentence by
// shared content words weighted by rarity (idf), once per claim, from an
// inverted index built on first use. A supporting value is about the same
// thing when it counts the same noun, or sits in a sentence that shares
// enough of the claim's words, or sits in the sentence the claim's sentence
// matches best. A different value is a `mismatch` only when it is of the
// same dimension and unit, not a date, and about the same thing by a
// stricter test: the same counted noun in a closely matching sentence, or
// the best sentence with the words next to both numbers in common.
// Otherwise `untraced`.
#include "match/number_match.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>

#include "claimtrace/tokens.h"
#include "extract/numbers.h"  // SharedQuantityFinder(), quantity.h
#include "match/gap_list.h"
#include "match/quantity_compare.h"
#include "match/words.h"
#include "text/stemmer.h"

namespace claimtrace {
namespace {

// The blocks at the start of a source that carry its own dates (title page,
// "Inspection dates", "Published").
constexpr int kFrontBlocks = 15;
// Share of the claim's word weight a source sentence must hold for a
// supporting value in it to be about the same thing.
constexpr double kTraceContext = 0.3;
// The same, for the sentence the claim's sentence matches best.
constexpr double kBestContext = 0.2;
// The same, for a bound stated alike in the passage the claim matches.
constexpr double kDistinctiveContext = 0.1;
// Share of the claim's word weight a sentence must hold for a different
// value in it to contradict the claim.
constexpr double kMismatchContext = 0.5;
// A sentence scoring this share of the best sentence's score is as good a
// candidate for the passage the claim rewrote.
constexpr double kNearBest = 0.75;
// How much better a rival's sentence must match the claim than that of a
// value traced only by its place, for the claim to be a mismatch.
constexpr double kRivalMargin = 0.3;
// Share of a table row header's word weight a claim must hold to name the
// row.
constexpr double kNamesRow = 0.5;
// Least score of a sentence that may hold a rival value, and how many of the
// best sentences are searched for one.
constexpr double kRivalContext = 0.1;
constexpr size_t kRivalSentences = 8;
// Least score of a sentence whose two values trace a range or change (two
// values in one sentence are themselves telling), and the most pairs of
// candidate values weighed.
constexpr double kPairContext = 0.1;
constexpr size_t kMaxPairs = 10000;
// Words on each side of a number that say what it is about.
constexpr size_t kContextWords = 10;
// How much less a claim's word weighs for each word, and for each clause
// boundary, between it and the number.
constexpr double kWordDecay = 0.9;
constexpr double kClauseDecay = 0.5;
// Bytes on each side of a number claim read for its context: a sentence or
// two, however long the paragraph.
constexpr size_t kContextBytes = 400;
// Bytes on each side of a percentage searched for a word naming a change.
constexpr size_t kChangeWordBytes = 30;
// Content words on each side of a number that name what it measures.
constexpr size_t kNearWords = 4;
constexpr double kInf = std::numeric_limits<double>::infinity();

bool IsContentWord(const std::string& norm) {
  return !norm.empty() && !IsFunctionWord(norm) &&
         !std::isdigit(static_cast<unsigned char>(norm[0])) && !IsNumberWord(norm);
}

std::string DateString(const CivilDate& d) {
  if (d.day) return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  if (d.month) return fmt::format("{:04}-{:02}", d.year, d.month);
  return fmt::format("{:04}", d.year);
}

bool After(const CivilDate& a, const CivilDate& b) {
  // Compares only the fields both give.
  if (a.year != b.year) return a.year > b.year;
  if (!a.month || !b.month) return false;
  if (a.month != b.month) return a.month > b.month;
  if (!a.day || !b.day) return false;
  return a.day > b.day;
}

// Whether the text between two words ends a clause (a dash, a bracket, a
// semicolon; and a comma, unless `strong`, or then only before a
// conjunction): the words on its far side are about something else.
bool ClauseBreak(std::string_view text, size_t from, size_t to, bool strong = false) {
  for (size_t i = from; i < to && i < text.size(); ++i) {
    char c = text[i];
    if ((c == ',' && !strong) || c == ';' || c == ':' || c == '(' || c == ')')
      return true;
    // Even a strong break at a comma that opens another clause: ", while
    // theft rose by 5%" is about 5%.
    if (c == ',' && to < text.size()) {
      std::string_view next = text.substr(to);
      for (std::string_view conjunction :
           {"while ", "whereas ", "but ", "although ", "and "})
        if (next.starts_with(conjunction)) return true;
    }
    if (text.substr(i).starts_with("\xE2\x80\x94") ||
        text.substr(i).starts_with("\xE2\x80\x93"))
      return true;  // em and en dashes
  }
  return false;
}

// The digits of a phrase, to tell a rounded figure from the one stated.
std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

// The periods a text names, as the year each ends in: "2023/24" ends in
// 2024, "March 2024" and "2024" in 2024.
struct Period {
  // Months (year * 12 + month, from 0), for order and agreement.
  int from_month;
  int to_month;
  bool Covers(int month) const { return from_month <= month && month <= to_month; }
};
std::vector<Period> Periods(std::string_view text) {
  static constexpr std::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::vector<Period> out;
  auto digit = [&](size_t i) {
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
  };
  // The month named right before a year ("November 2024", "Sept 2024"), or -1.
  auto month_before = [&](size_t at) {
    size_t end = at;
    while (end > 0 &&
           (text[end - 1] == ' ' || text[end - 1] == '.' || text[end - 1] == ','))
      --end;
    size_t begin = end;
    while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1])))
      --begin;
    std::string word;
    for (char c : text.substr(begin, end - begin))
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (int m = 0; m < 12; ++m) {
      if (word.size() >= 3 && kMonths[m].starts_with(word)) return m;
    }
    return -1;
  };
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if ((i > 0 && digit(i - 1)) ||
        !(text.substr(i, 2) == "19" || text.substr(i, 2) == "20"))
      continue;
    if (!digit(i + 2) || !digit(i + 3) || digit(i + 4)) continue;
    int year = std::atoi(std::string(text.substr(i, 4)).c_str());
    // "2023/24": the financial year, April to March.
    bool split = i + 7 <= text.size() && (text[i + 4] == '/' || text[i + 4] == '-') &&
                 digit(i + 5) && digit(i + 6) && !digit(i + 7);
    int month = month_before(i);
    if (split) {
      out.push_back({year * 12 + 3, (year + 1) * 12 + 2});
    } else if (month >= 0) {
      out.push_back({year * 12 + month, year * 12 + month});
    } else {
      out.push_back({year * 12, year * 12 + 11});
    }
    i += 3;
  }
  return out;
}

// The labels a text gives in numbers: each number ("65") and each pair
// joined by a dash or "to" ("35-54", "16 to 24"), digits only. A column
// headed "35-54" is the one a claim about "carers aged 35-54" names.
std::vector<std::string> NumberLabels(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> groups;  // [begin, end) of digit runs
  for (size_t i = 0; i < text.size();) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) ||
                               (text[j] == ',' && j + 1 < text.size() &&
                                std::isdigit(static_cast<unsigned char>(text[j + 1])))))
      ++j;
    groups.push_back({i, j});
    i = j;
  }
  auto digits = [&](std::pair<size_t, size_t> g) {
    std::string out;
    for (char c : text.substr(g.first, g.second - g.first))
      if (c != ',') out.push_back(c);
    return out;
  };
  std::vector<std::string> out;
  for (size_t k = 0; k < groups.size(); ++k) {
    out.push_back(digits(groups[k]));
    if (k + 1 == groups.size()) break;
    std::string_view between =
        text.substr(groups[k].second, groups[k + 1].first - groups[k].second);
    if (between == "-" || between == "\u2013" || between == " to " || between == " - " ||
        between == " \u2013 ")
      out.push_back(digits(groups[k]) + "-" + digits(groups[k + 1]));
  }
  return out;
}

// Years named in a text as words "y:2023" ("2023/24" gives two), so a
// claim's year agrees with a table column's.
std::vector<std::string> YearWords(std::string_view text) {
  std::vector<std::string> out;
  for (const Period& p : Periods(text)) {
    for (int y = p.from_month / 12; y <= p.to_month / 12; ++y)
      out.push_back(fmt::format("y:{}", y));
  }
  return out;
}

// What a table's headers say about its bare figures: "Spend (£m)" makes 4.2
// £4.2 million, "Patients waiting (thousands)" makes 61.2 61,200, "Median
// wait (weeks)" makes 13.1 a duration. The unit is in brackets, or starts
// the header ("£m unless stated", "Percent change", "Hours discharged"; a
// duration only in the plural: "Year ending March 2024" is a period).
// Returns whether the header states a unit (known or not): a figure's own
// headers overrule the table's.
bool ApplyHeaderUnit(std::string_view header, Quantity* q) {
  std::string h;
  for (char c : header)
    h.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  size_t open = h.rfind('(');
  size_t close = open == std::string::npos ? std::string::npos : h.find(')', open);
  std::string unit;
  bool bracketed = close != std::string::npos;
  if (bracketed) {
    unit = h.substr(open + 1, close - open - 1);
  } else {
    // The header's first word, when it is a unit.
    size_t begin = h.find_first_not_of(" \t");
    if (begin == std::string::npos) return false;
    size_t end = h.find(' ', begin);
    unit = h.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  }
  auto has = [&](std::string_view w) { return unit.find(w) != std::string::npos; };
  // A word of the unit, singular or plural ("(mins)", "Hours discharged").
  std::vector<std::string> words;
  std::string word;
  for (char c : unit + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'') {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  auto is = [&](std::string_view w) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& u) {
      return u == w || (u.size() == w.size() + 1 && u.starts_with(w) && u.back() == 's');
    });
  };
  double scale = 1;
  QuantityKind kind = QuantityKind::kCount;
  std::string name;
  if (has("£") || has("$") || has("€")) {
    kind = QuantityKind::kMoney;
    name = has("£") ? "GBP" : has("$") ? "USD" : "EUR";
    scale = has("bn") || has("billion")                 ? 1e9
            : has("m")                                  ? 1e6
            : has("000") || has("thousand") || has("k") ? 1e3
                                                        : 1;
  } else if (has("%") || is("percent") || is("percentage")) {
    kind = QuantityKind::kPercent;
    name = "%";
  } else if (is("thousand") || is("000") || is("'000")) {
    scale = 1e3;
  } else if (is("million")) {
    scale = 1e6;
  } else {
    const std::pair<const char*, const char*> durations[] = {
        {"week", "week"},     {"wk", "week"},    {"day", "day"},       {"month", "month"},
        {"year", "year"},     {"yr", "year"},    {"hour", "hour"},     {"hr", "hour"},
        {"minute", "minute"}, {"min", "minute"}, {"second", "second"}, {"sec", "second"}};
    // Unbracketed, only a plural: "Hours discharged", not "Year ending March".
    for (const auto& [word, canonical] : durations) {
      if (name.empty() && is(word) && (bracketed || words[0] != word))
        kind = QuantityKind::kDuration, name = canonical;
    }
    if (name.empty()) return bracketed;
  }
  if (q->kind != QuantityKind::kCount || !q->per.empty()) return true;
  q->kind = kind;
  if (!name.empty()) q->unit = name;
  q->value *= scale;
  q->precision *= scale;
  return true;
}

// Whether a header's last word is a plural noun ("workers", "spills"), the
// things its figures count, rather than a name ("Itchen", "2023").
bool IsPlural(std::string_view word) {
  return word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's' &&
         std::all_of(word.begin(), word.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// The noun a row of figures counts: the last word of its header, without
// the unit in brackets ("Social workers (FTE)": "workers").
std::string HeaderNoun(std::string_view header) {
  std::string_view h = header.substr(0, header.find('('));
  size_t end = h.find_last_not_of(" \t");
  if (end == std::string_view::npos) return "";
  size_t begin = end;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(h[begin - 1]))) --begin;
  std::string noun(h.substr(begin, end + 1 - begin));
  for (char& c : noun) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return noun;
}

}  // namespace

struct NumberIndex::Impl {
  // A sentence of a source: its place, in 8 bytes (a source has as many
  // sentences as a tenth of its bytes). Its content words are only in
  // `postings`, which a claim's scoring reads anyway.
  struct Sentence {
    uint32_t block;       // over all sources (see SourceBlock)
    uint16_t begin, end;  // bytes from its block's start (kMaxBlockBytes)
  };
  static_assert(kMaxBlockBytes <= UINT16_MAX, "a block's offsets fit a Sentence");
  // Each source's first block in the numbering of Sentence::block; one extra.
  std::vector<uint32_t> first_block;
  struct Mention {
    int source;
    int block;
    int sentence;    // index into sentences (for a table cell: its headers)
    uint32_t index;  // its own index in mentions: ties go to the first
    QuantityMention m;
    int row_sentence = -1;  // a table cell's row, as a sentence
    // A table figure (a cell that is not a header), and the month its
    // column's period ends in (year * 12 + month; 0: none).
    bool figure = false;
    int period = 0;
    int cell = -1;  // a table cell's headers, in `cells`
  };
  // What a table cell's headers say, kept apart from its mention (most
  // numbers are in prose): the words of its row header and of its column
  // header (ids, sorted); and the numbers the column header gives, as
  // NumberLabels joins them ("35-54", "65" for "65 and over"), when it
  // names no period.
  struct CellHeaders {
    std::vector<uint32_t> row_words;
    std::vector<uint32_t> column_words;
    std::string label;
  };
  std::vector<CellHeaders> cells;
  const CellHeaders& HeadersOf(const Mention& m) const {
    static const CellHeaders kNone;
    return m.cell < 0 ? kNone : cells[m.cell];
  }
  // A table row's figures (mention indices, left to right), by the row's
  // sentence.
  std::unordered_map<int, std::vector<size_t>> row_mentions;
  // Table figures waiting for their header sentences.
  struct CellContext {
    size_t mention;
    std::string context;  // headers, caption and the cell
    std::string_view row;
    std::string column;
    bool figure;
  };
  std::vector<CellContext> cell_contexts;

  const std::vector<Document>& sources;
  const QuantityFinder& finder = SharedQuantityFinder();  // compiled once a process
  std::vector<std::vector<CivilDate>> own_dates;

  // Built on first use (a release without number claims never pays).
  std::once_flag built;
  // Deques: they grow without copying what they hold, so building never
  // holds them twice over, nor room a vector grows into.
  std::deque<Sentence> sentences;
  std::deque<Mention> mentions;
  // The mentions of each sentence, ascending: one list for all, not a
  // vector per sentence (most sentences state no number).
  struct Grouped {
    std::vector<uint32_t> start;  // sentence -> its first entry; one extra
    std::vector<uint32_t> items;
    std::span<const uint32_t> operator[](size_t i) const {
      return {items.data() + start[i], items.data() + start[i + 1]};
    }
  };
  Grouped sentence_mentions;
  std::unordered_map<std::string, uint32_t> word_ids;
  // Word id -> the sentences holding it, ascending: the sentences' words,
  // kept once, as gaps (a word's next sentence is mostly a few on).
  std::vector<GapList> postings;

  // A claim's score for each sentence sharing its words (their weight, as
  // a share of the claim's), and how many it shares; walked as pairs
  // (sentence, score) in sentence order, so that ties are settled by the
  // sources' order, not by the order a hash map happens to list them in.
  // Dense: five bytes a sentence of the sources (a float holds a share to
  // seven digits), where a hash map took some forty for each sentence
  // sharing a word, which a common word makes most.
  class SentenceScores {
   public:
    // `held` bounds how many sentences will be added (the claim words'
    // postings, counted), so the list of them is laid out once.
    SentenceScores(size_t sentences, size_t held)
        : score_(sentences, 0), shared_(sentences, 0) {
      held_.reserve(std::min(sentences, held));
    }

    // Adds a claim word's weight to sentence `s`, which holds it.
    // REQUIRES: s < sentences. Past 255 shared words, a count stays at 255.
    void Add(uint32_t s, double weight) {
      if (shared_[s] == 0) held_.push_back(s);
      if (shared_[s] < UINT8_MAX) ++shared_[s];
      score_[s] = static_cast<float>(score_[s] + weight);
    }
    // Turns the weights into shares of the claim's `total` (0 when it has
    // none) and orders the sentences. Call once, after every Add().
    void Finish(double total) {
      std::sort(held_.begin(), held_.end());
      for (uint32_t s : held_)
        score_[s] = total > 0 ? static_cast<float>(score_[s] / total) : 0.0f;
    }

    double Score(int s) const {
      return static_cast<size_t>(s) < score_.size() ? score_[s] : 0.0;
    }
    int Shared(int s) const {
      return static_cast<size_t>(s) < shared_.size() ? int{shared_[s]} : 0;
    }

    class Iterator {
     public:
      Iterator(const SentenceScores* scores, size_t i) : scores_(scores), i_(i) {}
      std::pair<uint32_t, double> operator*() const {
        uint32_t s = scores_->held_[i_];
        return {s, scores_->score_[s]};
      }
      Iterator& operator++() {
        ++i_;
        return *this;
      }
      bool operator==(const Iterator& other) const { return i_ == other.i_; }

     private:
      const SentenceScores* scores_;
      size_t i_;
    };
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, held_.size()); }

   private:
    std::vector<float> score_;
    std::vector<uint8_t> shared_;
    std::vector<uint32_t> held_;  // the sentences sharing a word
  };
  // Mentions by dimension, sorted by normalised value; and counts and
  // durations by their value as written, for a claim that names no unit.
  std::unordered_map<std::string, std::vector<std::pair<double, size_t>>> by_value;
  std::vector<std::pair<double, size_t>> by_raw_value;

  explicit Impl(const std::vector<Document>& s) : sources(s), own_dates(s.size()) {
    first_block.push_back(0);
    for (const Document& doc : sources)
      first_block.push_back(first_block.back() +
                            static_cast<uint32_t>(doc.blocks().size()));
    // The sources' own dates are needed for every release (CheckDates).
    for (size_t i = 0; i < sources.size(); ++i) {
      const Document& doc = sources[i];
      for (size_t b = 0; b < doc.blocks().size() && b < kFrontBlocks; ++b) {
        Range r = doc.blocks()[b].range;
        for (const QuantityMention& m : finder.Find(doc.Slice(r), r.begin)) {
          if (m.quantity.kind == QuantityKind::kDate && m.quantity.date.year &&
              m.quantity.date.month) {
            own_dates[i].push_back(m.quantity.date);
          }
        }
      }
    }
  }

  uint32_t WordId(const std::string& w) {
    auto [it, inserted] = word_ids.emplace(w, static_cast<uint32_t>(word_ids.size()));
    if (inserted) postings.emplace_back();
    return it->second;
  }

  // Sorted, distinct ids of a text's content words.
  std::vector<uint32_t> ContentIds(Tokenizer* tokenizer, std::string_view text) {
    std::vector<uint32_t> ids;
    for (const Token& t : tokenizer->Tokenize(text)) {
      if (IsContentWord(t.norm)) ids.push_back(WordId(Canonical(Stem(t.norm))));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  // Adds sentence `k` to the postings of word `id` (once per sentence:
  // sentences are added in order, so a repeat is the list's last entry).
  void Post(uint32_t id, uint32_t k) {
    GapList& list = postings[id];
    if (list.empty() || list.back() != k) list.Append(k);
  }

  // The source and block of Sentence::block `global`.
  std::pair<int, int> SourceBlock(uint32_t global) const {
    size_t source = std::upper_bound(first_block.begin(), first_block.end(), global) -
                    first_block.begin() - 1;
    return {static_cast<int>(source), static_cast<int>(global - first_block[source])};
  }
  Sentence MakeSentence(size_t source, size_t block, size_t begin, size_t end) const {
    return {first_block[source] + static_cast<uint32_t>(block),
            static_cast<uint16_t>(begin), static_cast<uint16_t>(end)};
  }
  Range SentenceRange(const Sentence& s) const {
    auto [source, block] = SourceBlock(s.block);
    size_t base = sources[source].blocks()[block].range.begin;
    return {base + s.begin, base + s.end};
  }

  void Build() {
    Tokenizer tokenizer;
    for (size_t i = 0; i < sources.size(); ++i) {
      const Document& doc = sources[i];
      size_t first_sentence = sentences.size();
      // A header is about every figure it heads: a year heading a column is
      // the period of each row, "Waiting under 18 weeks" heading a row
      // says what each column counts. The other axis's headers join its
      // context.
      std::unordered_map<int, std::string> row_heads, column_heads;  // by table
      for (const TableCell& cell : doc.cells()) {
        if (cell.header) {
          ((cell.names_row ? row_heads : column_heads)[cell.table] +=
           doc.Slice(cell.range)) += " \n ";
        }
      }
      // One block at a time: only its tokens are held, never the source's;
      // and only its own markup, so that a page of many tags costs linear
      // time.
      const std::vector<Range>& all_markup = doc.markup();
      auto mark = all_markup.begin();
      std::vector<Range> markup;
      for (size_t b = 0; b < doc.blocks().size(); ++b) {
        Range r = doc.blocks()[b].range;
        while (mark != all_markup.end() && mark->end <= r.begin) ++mark;
        markup.clear();
        for (auto m = mark; m != all_markup.end() && m->begin < r.end; ++m)
          markup.push_back(*m);
        std::vector<Token> tokens = tokenizer.Tokenize(doc.Slice(r), r.begin, &markup);
        for (size_t t = 0; t < tokens.size(); ++t) {
          const Token& tok = tokens[t];
          if (t == 0 || tok.sentence != tokens[t - 1].sentence) {
            sentences.push_back(MakeSentence(i, b, tok.range.begin - r.begin, 0));
          }
          Sentence& s = sentences.back();
          s.end = static_cast<uint16_t>(tok.range.end - r.begin);
          if (IsContentWord(tok.norm))
            Post(WordId(Canonical(Stem(tok.norm))),
                 static_cast<uint32_t>(sentences.size() - 1));
        }
      }
      // Mentions, each in its sentence.
      for (size_t b = 0; b < doc.blocks().size(); ++b) {
        Range r = doc.blocks()[b].range;
        for (QuantityMention& m : finder.Find(doc.Slice(r), r.begin)) {
          auto it = std::upper_bound(
              sentences.begin() + first_sentence, sentences.end(), m.number.begin,
              [&](size_t at, const Sentence& s) { return at < SentenceRange(s).begin; });
          int sentence = it == sentences.begin() + first_sentence
                             ? static_cast<int>(first_sentence)
                             : static_cast<int>(it - sentences.begin() - 1);
          if (sentence >= static_cast<int>(sentences.size())) continue;
          // A figure in a table is about its row and column: their headers
          // (and the caption) are its sentence, and say its unit and noun.
          if (const TableCell* cell = doc.CellAt(m.number.begin)) {
            std::string_view row = doc.Slice(cell->row_header);
            std::string_view lowest = doc.Slice(cell->column_header);
            // Under a head of several rows, the group above the lowest ("On
            // Time (%)" over "2024-25") heads the column too.
            std::string column(lowest);
            if (const TableCell* head = doc.CellAt(cell->column_header.begin);
                head && head != cell && !head->column_header.empty())
              column = std::string(doc.Slice(head->column_header)) + " " + column;
            Quantity& q = m.quantity;
            // Its own headers first, then the table's: the corner over the
            // row headers ("£m unless stated"), the caption.
            const TableCell* corner = doc.CellAt(cell->row_header.begin);
            bool stated = ApplyHeaderUnit(row, &q) | ApplyHeaderUnit(lowest, &q);
            if (!stated && column.size() > lowest.size())
              stated =
                  ApplyHeaderUnit(column.substr(0, column.size() - lowest.size()), &q);
            if (!stated && corner && !cell->header)
              stated = ApplyHeaderUnit(doc.Slice(corner->column_header), &q);
            if (!stated && !cell->header) ApplyHeaderUnit(doc.TableCaption(*cell), &q);
            if (q.kind == QuantityKind::kCount && q.counted.empty() && !cell->names_row) {
              std::string row_noun = HeaderNoun(row), column_noun = HeaderNoun(lowest);
              q.counted = IsPlural(row_noun)      ? row_noun
                          : IsPlural(column_noun) ? column_noun
                                                  : "";
            }
            std::string context = std::string(row) + " \n " + column + " \n " +
                                  std::string(doc.TableCaption(*cell)) + " \n " +
                                  std::string(doc.Slice(cell->range));
            if (cell->header)
              context +=
                  " \n " + (cell->names_row ? column_heads : row_heads)[cell->table];
            cell_contexts.push_back(
                {mentions.size(), std::move(context), row, column, !cell->header});
          }
          Mention& mention = mentions.emplace_back();
          mention.source = static_cast<int>(i);
          mention.block = static_cast<int>(b);
          mention.sentence = sentence;
          mention.index = static_cast<uint32_t>(mentions.size() - 1);
          mention.m = std::move(m);
        }
      }
      // Each figure of a table gets a sentence of its own: its headers.
      for (auto& [index, context, row, column, figure] : cell_contexts) {
        Mention& m = mentions[index];
        m.figure = figure;
        m.cell = static_cast<int>(cells.size());
        CellHeaders& headers = cells.emplace_back();
        headers.row_words = ContentIds(&tokenizer, row);
        headers.column_words = ContentIds(&tokenizer, column);
        std::vector<Period> periods = Periods(column);
        if (!periods.empty()) {
          m.period = periods.back().to_month;
        } else {
          std::vector<std::string> labels = NumberLabels(column);
          // The pair, if the header gives one ("35-54"), else the number.
          for (const std::string& l : labels)
            if (headers.label.empty() || l.find('-') != std::string::npos)
              headers.label = l;
        }
        std::vector<uint32_t> words = ContentIds(&tokenizer, context);
        for (const std::string& y : YearWords(context)) words.push_back(WordId(y));
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        m.row_sentence = m.sentence;
        row_mentions[m.row_sentence].push_back(index);
        m.sentence = static_cast<int>(sentences.size());
        size_t base = doc.blocks()[m.block].range.begin;
        sentences.push_back(
            MakeSentence(i, m.block, m.m.range.begin - base, m.m.range.end - base));
        for (uint32_t id : words) Post(id, static_cast<uint32_t>(m.sentence));
      }
      cell_contexts.clear();
    }
    for (GapList& list : postings) list.ShrinkToFit();
    cells.shrink_to_fit();
    // The mentions of each sentence by a counting sort: mention indices
    // ascend within a sentence.
    sentence_mentions.start.assign(sentences.size() + 1, 0);
    for (const Mention& m : mentions) ++sentence_mentions.start[m.sentence + 1];
    for (size_t k = 1; k < sentence_mentions.start.size(); ++k)
      sentence_mentions.start[k] += sentence_mentions.start[k - 1];
    sentence_mentions.items.resize(mentions.size());
    std::vector<uint32_t> filled(sentence_mentions.start.begin(),
                                 sentence_mentions.start.end() - 1);
    for (size_t i = 0; i < mentions.size(); ++i) {
      const Mention& m = mentions[i];
      sentence_mentions.items[filled[m.sentence]++] = static_cast<uint32_t>(i);
      const Quantity& q = m.m.quantity;
      Dimension d = DimensionOf(q);
      double key = IsTime(q) ? q.date.year : q.value * d.factor;
      by_value[d.name].emplace_back(key, i);
      if (q.kind == QuantityKind::kCount || q.kind == QuantityKind::kDuration)
        by_raw_value.emplace_back(q.value, i);
    }
    for (auto& [name, list] : by_value) std::sort(list.begin(), list.end());
    std::sort(by_raw_value.begin(), by_raw_value.end());
  }

  double Idf(uint32_t id) const {
    return std::log(1.0 + static_cast<double>(sentences.size()) /
                              (1.0 + static_cast<double>(postings[id].size())));
  }

  // Mentions whose value may support the claim.
  std::vector<size_t> Supporting(const Quantity& q) const {
    std::vector<size_t> out;
    Dimension d = DimensionOf(q);
    auto collect = [&](const std::vector<std::pair<double, size_t>>& list, double lo,
                       double hi) {
      auto first =
          std::lower_bound(list.begin(), list.end(), std::make_pair(lo, size_t{0}));
      for (auto i = first; i != list.end() && i->first <= hi; ++i)
        out.push_back(i->second);
    };
    if (auto it = by_value.find(d.name); it != by_value.end()) {
      if (IsTime(q)) {
        double y = q.date.year;
        if (y == 0) {
          collect(it->second, -kInf, kInf);  // "Jan. 23": any year
        } else {
          collect(it->second, y - 100, y + 1);  // year ranges start before
        }
      } else {
        // A bound may be met by a range, listed by its lower end: "up to
        // 16 feet" by "2 to 4.8 m" (Supports decides).
        std::pair<double, double> iv = SupportInterval(q, q.value);
        if (BoundOf(q.qualifier) == Bound::kAtMost) iv.first = -kInf;
        // A measure may be met by another unit's figure, rounded in its own
        // unit ("2 metres" for "6 feet"; Supports decides).
        if (CountedMeasure(q)) {
          double reach = 0.5 * std::max(std::fabs(iv.first), std::fabs(iv.second));
          iv = {iv.first - reach, iv.second + reach};
        }
        collect(it->second, iv.first, iv.second);
      }
    }
    // "under 65" for "less than 65 years", "3.57 times" for "3.57": a bare
    // count or multiple may be the value of a mention that names another
    // unit or none.
    if ((q.kind == QuantityKind::kCount ||
         (q.kind == QuantityKind::kMultiple && q.qualifier.empty())) &&
        q.counted.empty() && q.per.empty()) {
      std::pair<double, double> iv = SupportInterval(q, q.value);
      size_t before = out.size();
      collect(by_raw_value, iv.first, iv.second);
      for (size_t k = before; k < out.size(); ++k) out[k] |= kRawFlag;
    }
    return out;
  }
  static constexpr size_t kRawFlag = size_t{1} << (sizeof(size_t) * 8 - 1);

  Evidence MakeEvidence(const Mention& m) const {
    const Document& doc = sources[m.source];
    Evidence e;
    e.source = m.source;
    e.span = m.m.range;
    e.passage = SentenceRange(sentences[m.sentence]);
    e.passage.begin = std::min(e.passage.begin, e.span.begin);
    e.passage.end = std::max(e.passage.end, e.span.end);
    size_t block_end = doc.blocks()[m.block].range.end;
    while (e.passage.end < block_end && doc.text()[e.passage.end] != ' ' &&
           doc.text()[e.passage.end] != '\n')
      ++e.passage.end;
    const Block& blk = doc.blocks()[m.block];
    e.page = blk.page;
    e.label = doc.Slice(blk.label);
    e.section = PlainTitle(doc.SectionTitle(m.block));
    e.line = doc.Locate(e.span.begin).line;
    e.source_value = std::string(doc.Slice(m.m.range));
    return e;
  }

  // Whether a table figure comes before another in time: by the periods
  // their columns name (columns may run newest first), else left to right.
  static bool Earlier(const Mention& a, const Mention& b) {
    if (a.period && b.period && a.period != b.period) return a.period < b.period;
    return a.m.range.begin < b.m.range.begin;
  }

  // Content-word ids near a mention in its sentence (kNearWords each side).
  std::vector<uint32_t> NearWords(Tokenizer* tokenizer, const Mention& m) const {
    const Document& doc = sources[m.source];
    Range s = SentenceRange(sentences[m.sentence]);
    std::vector<Token> tokens = tokenizer->Tokenize(doc.Slice(s), s.begin);
    return NearIds(doc.text(), tokens, m.m.range);
  }

  // Evidence for a value stated by two mentions (a range's ends, a row's
  // latest two figures): the span and passage over both.
  Evidence MakePairEvidence(const Mention& a, const Mention& b) const {
    Evidence e = MakeEvidence(a);
    Evidence other = MakeEvidence(b);
    e.span = {std::min(e.span.begin, other.span.begin),
              std::max(e.span.end, other.span.end)};
    e.passage = {std::min(e.passage.begin, other.passage.begin),
                 std::max(e.passage.end, other.passage.end)};
    e.source_value += " … " + other.source_value;
    return e;
  }

  // The first kNearWords content words on each side of `at`, within its
  // sentence, as word ids.
  // Within its clause: the walk stops at a dash, a bracket or a semicolon.
  std::vector<uint32_t> NearIds(std::string_view text, const std::vector<Token>& tokens,
                                Range at) const {
    size_t first = 0;
    while (first < tokens.size() && tokens[first].range.end <= at.begin) ++first;
    size_t last = first;
    while (last < tokens.size() && tokens[last].range.begin < at.end) ++last;
    uint32_t sentence = first < tokens.size() ? tokens[first].sentence : 0;
    std::vector<uint32_t> out;
    auto take = [&](size_t i, size_t* taken) {
      if (tokens[i].sentence != sentence || !IsContentWord(tokens[i].norm)) return;
      ++*taken;
      auto it = word_ids.find(Canonical(Stem(tokens[i].norm)));
      if (it != word_ids.end()) out.push_back(it->second);
    };
    size_t taken = 0;
    for (size_t i = first; i-- > 0 && taken < kNearWords;) {
      size_t next_begin = i + 1 == first ? at.begin : tokens[i + 1].range.begin;
      if (ClauseBreak(text, tokens[i].range.end, next_begin, /*strong=*/true)) break;
      take(i, &taken);
    }
    taken = 0;
    for (size_t i = last; i < tokens.size() && taken < kNearWords; ++i) {
      if (ClauseBreak(text, i == last ? at.end : tokens[i - 1].range.end,
                      tokens[i].range.begin, /*strong=*/true))
        break;
      take(i, &taken);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Whether the reference a claim cites names this source (its title words).
  bool CitesThisSource(const Claim& claim, Tokenizer* tokenizer) const {
    std::vector<std::string> ref;
    for (const Token& t : tokenizer->Tokenize(claim.reference))
      if (IsContentWord(t.norm)) ref.push_back(Stem(t.norm));
    for (const Document& doc : sources) {
      for (const Block& b : doc.blocks()) {
        if (b.kind != BlockKind::kHeading) continue;
        size_t shared = 0, total = 0;
        for (const Token& t : tokenizer->Tokenize(doc.Slice(b.range))) {
          if (!IsContentWord(t.norm)) continue;
          ++total;
          shared += std::count(ref.begin(), ref.end(), Stem(t.norm)) > 0;
        }
        if (total && shared * 2 >= total) return true;
        break;  // the first heading is the title
      }
    }
    return false;
  }
};

NumberIndex::NumberIndex(const std::vector<Document>& sources)
    : impl_(std::make_unique<Impl>(sources)) {}
NumberIndex::~NumberIndex() = default;

Finding NumberIndex::Match(const Claim& claim, const Document& release) const {
  Impl& impl = *impl_;
  std::call_once(impl.built, [&] { impl.Build(); });
  Finding f;
  f.claim = claim;
  f.verdict = Verdict::kUntraced;
  Tokenizer tokenizer;
  if (!claim.cites.empty() && !impl.CitesThisSource(claim, &tokenizer)) {
    f.notes.push_back(
        fmt::format("cites reference {}: {}; that document is not among the sources",
                    claim.cites, claim.reference));
    return f;
  }
  const Quantity& q = claim.quantity;
  std::string counted = Thing(q);

  // The claim's words: those of its sentence near the number (a long
  // sentence of a release says several things), weighted by rarity in the
  // sources; and the few right next to it.
  std::vector<uint32_t> claim_words, claim_near;
  std::vector<double> claim_word_weight;  // idf times nearness
  double claim_weight = 0;
  std::vector<Period> claim_periods;      // the periods its sentence names
  std::vector<std::string> claim_labels;  // and the numbers it gives
  // The words of its clause (ids), each with its bytes from the claim.
  std::unordered_map<uint32_t, size_t> said;
  if (claim.block >= 0) {
    Range around = release.Around(claim.block, claim.span, kContextBytes);
    std::vector<Token> tokens = tokenizer.Tokenize(release.Slice(around), around.begin);
    size_t first = 0;
    while (first < tokens.size() && tokens[first].range.end <= claim.span.begin) ++first;
    size_t last = first;
    while (last < tokens.size() && tokens[last].range.begin < claim.span.end) ++last;
    uint32_t sentence = first < tokens.size() ? tokens[first].sentence : 0;
    size_t from = first > kContextWords ? first - kContextWords : 0;
    size_t to = std::min(tokens.size(), last + kContextWords);
    // Nearness: words next to the number weigh most; each word and each
    // clause boundary between them and the number lowers the weight.
    std::vector<double> nearness(tokens.size(), 0);
    double w_left = 1, w_right = 1;
    for (size_t i = first; i-- > from;) {
      size_t next_begin = i + 1 == first ? claim.span.begin : tokens[i + 1].range.begin;
      if (ClauseBreak(release.text(), tokens[i].range.end, next_begin))
        w_left *= kClauseDecay;
      nearness[i] = w_left;
      w_left *= kWordDecay;
    }
    for (size_t i = last; i < to; ++i) {
      size_t prev_end = i == last ? claim.span.end : tokens[i - 1].range.end;
      if (ClauseBreak(release.text(), prev_end, tokens[i].range.begin))
        w_right *= kClauseDecay;
      nearness[i] = w_right;
      w_right *= kWordDecay;
    }
    for (size_t i = from; i < to; ++i) {
      if ((i >= first && i < last) || tokens[i].sentence != sentence) continue;
      if (!IsContentWord(tokens[i].norm)) continue;
      std::string w = Canonical(Stem(tokens[i].norm));
      if (w == counted) continue;  // weighed on its own
      auto it = impl.word_ids.find(w);
      if (it == impl.word_ids.end()) {
        claim_weight +=
            nearness[i] * std::log(1.0 + static_cast<double>(impl.sentences.size()));
        continue;
      }
      auto seen = std::find(claim_words.begin(), claim_words.end(), it->second);
      if (seen != claim_words.end()) continue;
      claim_words.push_back(it->second);
      claim_word_weight.push_back(nearness[i] * impl.Idf(it->second));
      claim_weight += claim_word_weight.back();
    }
    claim_near = impl.NearIds(release.text(), tokens, claim.span);
    // The claim's sentence names its period; its clause (to a comma, a
    // semicolon, a colon or a dash, not a bracket: "half (48%) of those
    // aged 18-34"; "DENVER (AP) - Traffic deaths ...") names its row and
    // column.
    Range sentence_range = claim.span, clause = claim.span;
    auto breaks = [&](size_t from, size_t to) {
      std::string_view between = release.Slice({from, to});
      return between.find_first_of(",;:") != std::string_view::npos ||
             between.find("\xE2\x80\x94") != std::string_view::npos ||
             between.find(" - ") != std::string_view::npos ||
             between.find(" \xE2\x80\x93 ") != std::string_view::npos;
    };
    for (size_t i = first; i-- > 0 && tokens[i].sentence == sentence;) {
      if (breaks(tokens[i].range.end, clause.begin)) break;
      clause.begin = tokens[i].range.begin;
    }
    for (size_t i = last; i < tokens.size() && tokens[i].sentence == sentence; ++i) {
      if (breaks(clause.end, tokens[i].range.begin)) break;
      clause.end = tokens[i].range.end;
    }
    for (const Token& t : tokens) {
      if (t.sentence != sentence) continue;
      sentence_range.begin = std::min(sentence_range.begin, t.range.begin);
      sentence_range.end = std::max(sentence_range.end, t.range.end);
      if (!IsContentWord(t.norm) || t.range.begin < clause.begin ||
          t.range.end > clause.end)
        continue;
      auto it = impl.word_ids.find(Canonical(Stem(t.norm)));
      if (it == impl.word_ids.end()) continue;
      size_t apart = t.range.end <= claim.span.begin ? claim.span.begin - t.range.end
                                                     : t.range.begin - claim.span.end;
      auto [at, fresh] = said.emplace(it->second, apart);
      if (!fresh) at->second = std::min(at->second, apart);
    }
    for (Range part : {Range{sentence_range.begin, claim.span.begin},
                       Range{claim.span.end, sentence_range.end}}) {
      for (const Period& p : Periods(release.Slice(part))) claim_periods.push_back(p);
    }
    // Labels from the clause, else the sentence ("Among carers aged 65 and
    // over, 39% were ...").
    for (Range within : {clause, sentence_range}) {
      for (Range part :
           {Range{within.begin, claim.span.begin}, Range{claim.span.end, within.end}}) {
        for (std::string& l : NumberLabels(release.Slice(part)))
          claim_labels.push_back(std::move(l));
      }
      if (!claim_labels.empty()) break;
    }
    // The years around the claim ("in 2023/24") agree with a table column's.
    std::string window(release.Slice({around.begin, claim.span.begin}));
    window += " ";
    window += release.Slice({claim.span.end, around.end});
    for (const std::string& y : YearWords(window)) {
      auto it = impl.word_ids.find(y);
      if (it == impl.word_ids.end() || std::find(claim_words.begin(), claim_words.end(),
                                                 it->second) != claim_words.end())
        continue;
      claim_words.push_back(it->second);
      claim_word_weight.push_back(impl.Idf(it->second));
      claim_weight += claim_word_weight.back();
    }
  }
  // Score the sources' sentences by the claim's words they share.
  size_t postings = 0;
  for (uint32_t id : claim_words) postings += impl.postings[id].size();
  Impl::SentenceScores score(claim_words.empty() ? 0 : impl.sentences.size(), postings);
  for (size_t k = 0; k < claim_words.size(); ++k) {
    for (uint32_t s : impl.postings[claim_words[k]]) score.Add(s, claim_word_weight[k]);
  }
  score.Finish(claim_weight);
  uint32_t best = 0;
  double best_score = -1;
  for (const auto& [s, v] : score) {
    if (v > best_score || (v == best_score && s < best)) best_score = v, best = s;
  }
  auto score_of = [&](int s) { return score.Score(s); };
  auto shared_of = [&](int s) { return score.Shared(s); };
  // The passage (paragraph) the claim's sentence matches best: the block
  // holding the largest share of the claim's word weight.
  // Dense over the sources' blocks (numbered as Sentence::block): eight
  // bytes a block, where a hash map took some forty for each block holding
  // a claim word, which a common word makes most. Negative: holds none.
  std::vector<double> block_score(claim_words.empty() ? 0 : impl.first_block.back(), -1);
  std::vector<uint32_t> scored_blocks;
  for (size_t k = 0; k < claim_words.size(); ++k) {
    double idf = claim_word_weight[k];
    uint32_t last = UINT32_MAX;
    for (uint32_t s : impl.postings[claim_words[k]]) {
      uint32_t block = impl.sentences[s].block;
      if (block == last) continue;
      if (block_score[block] < 0) block_score[block] = 0, scored_blocks.push_back(block);
      block_score[block] += idf, last = block;
    }
  }
  // A block's score, when it holds a claim word.
  auto score_of_block = [&](uint32_t block) -> std::optional<double> {
    if (block >= block_score.size() || block_score[block] < 0) return std::nullopt;
    return block_score[block];
  };
  uint32_t best_block = UINT32_MAX;
  double best_block_score = 0;
  for (uint32_t block : scored_blocks) {
    double share = claim_weight > 0 ? block_score[block] / claim_weight : 0;
    if (share > best_block_score || (share == best_block_score && block < best_block))
      best_block_score = share, best_block = block;
  }
  auto block_key = [&](const Impl::Mention& m) {
    return impl.first_block[m.source] + static_cast<uint32_t>(m.block);
  };
  auto counted_in = [&](int s) {
    if (counted.empty()) return false;
    auto it = impl.word_ids.find(counted);
    if (it == impl.word_ids.end()) return false;
    return impl.postings[it->second].Contains(static_cast<uint32_t>(s));
  };

  // A table figure's coordinates against the claim: the share of its row
  // header's word weight the claim's clause holds (`said`), and its
  // column's: the period the claim names (another period is a conflict),
  // the numbers of its label, or when it names neither, the column header's
  // words, the latest period of a series first.
  auto share = [&](const std::vector<uint32_t>& words) {
    double all = 0, held = 0;
    for (uint32_t w : words) {
      all += impl.Idf(w);
      if (said.contains(w)) held += impl.Idf(w);
    }
    return all > 0 ? held / all : 0.0;
  };
  struct CellFit {
    double row = 0, column = 0;
    size_t row_apart = SIZE_MAX;  // bytes from the claim to a word of the row
    bool conflict = false;
    bool column_named = false;  // by its period or label
  };
  auto latest_in_row = [&](const Impl::Mention& m) {
    const Impl::Mention* last = nullptr;
    for (size_t index : impl.row_mentions.at(m.row_sentence)) {
      const Impl::Mention& other = impl.mentions[index];
      if (other.figure && other.period &&
          DimensionOf(other.m.quantity).name == DimensionOf(m.m.quantity).name &&
          (!last || last->period < other.period))
        last = &other;
    }
    return last && last->period == m.period;
  };
  auto cell_fit = [&](const Impl::Mention& m) {
    CellFit fit;
    const Impl::CellHeaders& headers = impl.HeadersOf(m);
    fit.row = share(headers.row_words);
    for (uint32_t w : headers.row_words) {
      if (auto it = said.find(w); it != said.end())
        fit.row_apart = std::min(fit.row_apart, it->second);
    }
    auto named = [&](const std::string& label) {
      return !label.empty() && std::find(claim_labels.begin(), claim_labels.end(),
                                         label) != claim_labels.end();
    };
    if (m.period && !claim_periods.empty()) {
      fit.conflict = std::none_of(claim_periods.begin(), claim_periods.end(),
                                  [&](const Period& p) { return p.Covers(m.period); });
      fit.column = fit.conflict ? 0 : 1;
      fit.column_named = !fit.conflict;
    } else if (named(headers.label)) {
      fit.column = 1;
      fit.column_named = true;
    } else {
      bool latest = m.period && latest_in_row(m);
      fit.column = share(headers.column_words) + (latest ? 0.5 : 0);
      // A claim naming no period gives a series' latest figure; one naming
      // another column's label is about that column.
      fit.conflict = m.period && !latest;
      for (size_t index : impl.row_mentions.at(m.row_sentence))
        fit.conflict = fit.conflict || named(impl.HeadersOf(impl.mentions[index]).label);
    }
    return fit;
  };
  // A claim names a figure's cell when it names its row, or names its
  // column exactly and shares a word of its row ("48% of those aged 18-34
  // were struggling" for row "Struggling to make ends meet", column 18-34).
  auto names_cell = [&](const CellFit& fit) {
    return (fit.row >= kNamesRow || (fit.row > 0 && fit.column_named)) && !fit.conflict;
  };

  auto names_thing = [&](const Quantity& s) {
    if (Thing(s).empty() || q.kind != QuantityKind::kCount) return false;
    auto it = impl.word_ids.find(Thing(s));
    return it != impl.word_ids.end() && said.contains(it->second);
  };

  // Supporting values about the same thing.
  bool trace_strong = false;
  const Impl::Mention* trace = nullptr;
  double trace_rank = -1;
  // The mentions whose value supports the claim's.
  struct Support {
    const Impl::Mention* m;
    bool raw;  // a bare count against a value with a unit
  };
  std::vector<Support> supporting;
  for (size_t entry : impl.Supporting(q)) {
    bool raw = entry & Impl::kRawFlag;
    const Impl::Mention& m = impl.mentions[entry & ~Impl::kRawFlag];
    const Quantity& s = m.m.quantity;
    if (raw ? (s.to.has_value() != q.to.has_value() || s.value != q.value ||
               !Thing(s).empty() || OppositeBounds(q, s))
            : (DimensionOf(s).name != DimensionOf(q).name || !Supports(q, s)))
      continue;
    if (!supporting.empty() && supporting.back().m == &m) continue;
    supporting.push_back({&m, raw});
  }
  Bound bound = BoundOf(q.qualifier);
  // "at least 60 students": a value equal to the bound is the one it gives.
  if (supporting.size() > 1 && !IsTime(q) &&
      (bound == Bound::kAtLeast || bound == Bound::kAtMost)) {
    double x = q.value * DimensionOf(q).factor;
    auto equal = [&](const Support& sup) {
      const Quantity& v = sup.m->m.quantity;
      return std::fabs(v.value * (sup.raw ? 1 : DimensionOf(v).factor) - x) <=
             1e-9 * std::max(1.0, std::fabs(x));
    };
    if (std::any_of(supporting.begin(), supporting.end(), equal))
      std::erase_if(supporting, [&](const Support& sup) { return !equal(sup); });
  }
  // "around 80%", "half": the value stated nearest the claim's is the one
  // it gives.
  if (supporting.size() > 1 && !IsTime(q) &&
      (bound == Bound::kApprox || bound == Bound::kBelowNear ||
       (bound == Bound::kExact && q.kind == QuantityKind::kFraction))) {
    double x = q.value * DimensionOf(q).factor;
    auto distance = [&](const Support& sup) {
      const Quantity& v = sup.m->m.quantity;
      return std::fabs(v.value * (sup.raw ? 1 : DimensionOf(v).factor) - x);
    };
    // Nearest within each passage: another passage may state a closer
    // figure about something else.
    std::unordered_map<uint64_t, double> nearest;
    for (const Support& sup : supporting) {
      auto [it, fresh] = nearest.emplace(block_key(*sup.m), distance(sup));
      if (!fresh) it->second = std::min(it->second, distance(sup));
    }
    std::erase_if(supporting, [&](const Support& sup) {
      return distance(sup) > nearest[block_key(*sup.m)] + 1e-9 * std::max(1.0, x);
    });
  }
  // How many supporting values the best passage states: one is the value
  // the claim took from it, whatever it counts. A value stated once in all
  // the sources, and not a small count, is as telling in a passage that
  // shares a few of the claim's words.
  // Among passages that match equally well, the one stating the value.
  for (const Support& sup : supporting) {
    std::optional<double> v = score_of_block(block_key(*sup.m));
    if (v && claim_weight > 0 && *v / claim_weight >= best_block_score - 1e-9) {
      best_block = block_key(*sup.m);
      break;
    }
  }
  // Values, not mentions: a figure a report repeats is still one value.
  auto value_of = [](const Support& sup) {
    const Quantity& v = sup.m->m.quantity;
    return std::make_pair(v.value, v.to.value_or(v.value));
  };
  std::vector<std::pair<double, double>> values, best_block_values;
  for (const Support& sup : supporting) {
    values.push_back(value_of(sup));
    if (block_key(*sup.m) == best_block) best_block_values.push_back(value_of(sup));
  }
  for (auto* list : {&values, &best_block_values}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  size_t in_best_block = best_block_values.size();
  // A bare count with a bound ("under 20") is met by many values: only a
  // close sentence traces it.
  bool open = (bound == Bound::kAtLeast || bound == Bound::kAtMost) &&
              q.kind == QuantityKind::kCount && counted.empty();
  bool distinctive =
      values.size() == 1 && !open && !(q.kind == QuantityKind::kCount && q.value <= 10);
  bool best_block_holds_one = in_best_block == 1 && best_block_score >= kTraceContext;
  // A value the sources state once, in a passage sharing any of the
  // claim's words, is the value the claim took, if it counts the same thing
  // (in the best passage, whatever it counts: above). A proportion's noun
  // is its population, which a release names in its own words ("two in
  // three trains" for "67.9% of station stops").
  auto shares_words = [&](const Impl::Mention& m) {
    std::optional<double> v = score_of_block(block_key(m));
    return v && *v > 0;
  };
  for (const Support& sup : supporting) {
    const Impl::Mention& m = *sup.m;
    const Quantity& s = m.m.quantity;
    bool raw = sup.raw;
    double sc = score_of(m.sentence);
    // "Attendances rose to more than 2.2 million" counts what "2,239,416
    // attendances" counts: a bare figure's clause may name its noun.
    bool same_thing = !counted.empty() ? Thing(s) == counted : names_thing(s);
    bool in_best =
        !open && ((sc >= best_score - 1e-9 && best_score >= kBestContext &&
                   shared_of(m.sentence) >= 1) ||
                  (best_block_holds_one && block_key(m) == best_block) ||
                  (distinctive && shares_words(m) &&
                   (counted.empty() || Thing(s) == counted || counted_in(m.sentence) ||
                    q.kind == QuantityKind::kFraction)));
    // "under 65" for "less than 65 years": the same bound, stated alike.
    bool same_bound = open && BoundOf(s.qualifier) == bound && s.value == q.value &&
                      block_key(m) == best_block &&
                      best_block_score >= kDistinctiveContext;
    // "waiting less than 18 weeks": a bound stated alike, next to a word the
    // claim has next to it, is the phrase the claim took.
    if (!same_bound && !raw && !IsTime(q) &&
        (bound == Bound::kAtLeast || bound == Bound::kAtMost) &&
        BoundOf(s.qualifier) == bound &&
        std::fabs(s.value * DimensionOf(s).factor - q.value * DimensionOf(q).factor) <=
            1e-9 * std::max(1.0, std::fabs(q.value * DimensionOf(q).factor))) {
      std::vector<uint32_t> near = impl.NearWords(&tokenizer, m);
      same_bound = std::any_of(claim_near.begin(), claim_near.end(), [&](uint32_t w) {
        return std::binary_search(near.begin(), near.end(), w);
      });
    }
    bool about_same;
    if (same_bound) {
      about_same = true;
    } else if (raw) {
      about_same = in_best || (sc >= kTraceContext && shared_of(m.sentence) >= 2);
    } else if (IsTime(q)) {
      about_same = in_best || (sc >= kTraceContext && shared_of(m.sentence) >= 2);
    } else {
      about_same = same_thing || in_best ||
                   (counted_in(m.sentence) && sc >= kTraceContext) ||
                   (sc >= kTraceContext && shared_of(m.sentence) >= 2);
    }
    if (!about_same) continue;
    double rank = sc + (same_thing ? 1 : 0) + (in_best ? 0.5 : 0) - (raw ? 0.25 : 0);
    if (rank > trace_rank) {
      trace_rank = rank, trace = &m;
      // Traced on the words of its own sentence, or only because the value
      // is where the claim's passage is (then a rival in a closer sentence
      // may say the claim changed it).
      trace_strong =
          same_thing || same_bound || (sc >= kTraceContext && shared_of(m.sentence) >= 2);
    }
  }
  // A table figure is about its row and its column: a claim that does not
  // name both took the value from elsewhere, or changed another figure
  // (below).
  if (trace && trace->figure && !IsTime(q) && !names_cell(cell_fit(*trace)))
    trace_strong = false;
  auto traced = [&] {
    f.verdict = Verdict::kTraced;
    f.evidence = impl.MakeEvidence(*trace);
    f.evidence.coverage = score_of(trace->sentence);
    if (Digits(claim.text) != Digits(f.evidence.source_value)) {
      f.notes.push_back(fmt::format("the source states \"{}\"", f.evidence.source_value));
    }
    return f;
  };
  auto mismatch = [&](const Impl::Mention& m) {
    f.verdict = Verdict::kMismatch;
    f.evidence = impl.MakeEvidence(m);
    f.evidence.coverage = score_of(m.sentence);
    f.notes.push_back(fmt::format("the release says \"{}\"; the source says \"{}\"",
                                  claim.text, f.evidence.source_value));
    return f;
  };
  if (trace && (trace_strong || IsTime(q) || claim.block < 0)) return traced();

  // A range or change ("from 33% to 9%", "2.49% to 4.16%") stated as two
  // values of one sentence, in any order, with words between them.
  if (q.to && !IsTime(q)) {
    Quantity low = q, high = q;
    low.to.reset(), high.to.reset();
    high.value = *q.to;
    const Impl::Mention* low_at = nullptr;
    const Impl::Mention* high_at = nullptr;
    double pair_score = -1;
    // The values stating each end, in the sentences the claim matches; a
    // pair is two of one sentence, or of one table row (the earlier column
    // first, for a change), scored by the better of its sentences.
    auto ends = [&](const Quantity& end) {
      std::vector<const Impl::Mention*> out;
      for (size_t entry : impl.Supporting(end)) {
        if (entry & Impl::kRawFlag) continue;
        const Impl::Mention& m = impl.mentions[entry];
        const Quantity& v = m.m.quantity;
        if (v.to || DimensionOf(v).name != DimensionOf(q).name || !Supports(end, v))
          continue;
        out.push_back(&m);
      }
      return out;
    };
    std::vector<const Impl::Mention*> lows = ends(low), highs = ends(high);
    if (lows.size() * highs.size() > kMaxPairs) lows.clear();
    for (const Impl::Mention* lo : lows) {
      for (const Impl::Mention* hi : highs) {
        if (lo == hi || lo->source != hi->source) continue;
        bool same_row = lo->row_sentence >= 0 && lo->row_sentence == hi->row_sentence;
        if (lo->sentence != hi->sentence && !same_row) continue;
        if (same_row && q.is_change && !Impl::Earlier(*lo, *hi)) continue;
        double sc = std::max({score_of(lo->sentence), score_of(hi->sentence),
                              same_row ? score_of(lo->row_sentence) : 0.0});
        if (sc < kPairContext && lo->sentence != static_cast<int>(best)) continue;
        if (sc > pair_score) pair_score = sc, low_at = lo, high_at = hi;
      }
    }
    if (low_at) {
      f.verdict = Verdict::kTraced;
      f.evidence = impl.MakePairEvidence(*low_at, *high_at);
      f.evidence.coverage = pair_score;
      f.notes.push_back(
          fmt::format("the source states both values: \"{}\"", f.evidence.source_value));
      return f;
    }
  }

  // "a 25% reduction on the previous year" against a table: the change
  // between the two latest figures of the row the claim matches best.
  if (!trace && q.kind == QuantityKind::kPercent && !q.to && claim.block >= 0) {
    // A change named next to the figure ("a 25% reduction", "fell by 5%").
    Range near = release.Around(claim.block, claim.span, kChangeWordBytes);
    std::string around(release.Slice(near));
    for (char& c : around)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool change_word = false;
    for (const char* w :
         {"reduction", "decrease", "fall", "fell", "increase", "rise", "rose", "drop",
          "cut", "growth", "grew", "higher", "lower", "down", "up "}) {
      change_word = change_word || around.find(w) != std::string::npos;
    }
    // The row: that of the table figure in the best-matching sentence; of
    // sentences matching alike (cells whose headers hold the same words of
    // the claim), the last: a table's header rows come before its figures.
    const Impl::Mention* row_best = nullptr;
    double row_score = kRivalContext;
    for (const auto& [sentence, sc] : score) {
      for (size_t index : impl.sentence_mentions[sentence]) {
        const Impl::Mention& m = impl.mentions[index];
        if (m.row_sentence >= 0 && sc > kRivalContext && sc >= row_score)
          row_score = sc, row_best = &m;
      }
    }
    if (change_word && row_best) {
      // The row's figures, left to right (earliest to latest).
      std::vector<const Impl::Mention*> row;
      for (size_t index : impl.row_mentions.at(row_best->row_sentence)) {
        const Impl::Mention& m = impl.mentions[index];
        if (!m.m.quantity.to && !IsTime(m.m.quantity) &&
            DimensionOf(m.m.quantity).name == DimensionOf(row_best->m.quantity).name)
          row.push_back(&m);
      }
      std::stable_sort(row.begin(), row.end(),
                       [](const Impl::Mention* a, const Impl::Mention* b) {
                         return Impl::Earlier(*a, *b);
                       });
      if (row.size() >= 2) {
        const Impl::Mention* before = row[row.size() - 2];
        const Impl::Mention* latest = row.back();
        double from = before->m.quantity.value, to = latest->m.quantity.value;
        if (from != 0) {
          double change = std::fabs((to - from) / from * 100);
          Quantity derived;
          derived.kind = QuantityKind::kPercent;
          derived.value = change;
          bool same = Supports(q, derived);
          f.verdict = same ? Verdict::kTraced : Verdict::kMismatch;
          f.evidence = impl.MakePairEvidence(*before, *latest);
          f.evidence.source_value =
              fmt::format("{} -> {}", before->m.quantity.value, latest->m.quantity.value);
          f.evidence.coverage = row_score;
          f.notes.push_back(fmt::format(
              "the source's figures go from \"{}\" to \"{}\": a change of {:.1f}%",
              impl.sources[before->source].Slice(before->m.range),
              impl.sources[latest->source].Slice(latest->m.range), change));
          return f;
        }
      }
    }
  }

  // A different value for the same thing, in a sentence that matches well.
  if (IsTime(q) || claim.block < 0) return f;
  const Impl::Mention* rival = nullptr;
  double rival_rank = -1;
  std::string dim = DimensionOf(q).name;
  // The few best sentences, best first (ties to the first): a rival must
  // be in one of them. A heap of the best so far, its worst on top.
  std::vector<std::pair<double, uint32_t>> ranked;
  ranked.reserve(kRivalSentences);
  for (const auto& [s, sc] : score) {
    if (sc < kRivalContext) continue;
    std::pair<double, uint32_t> entry(-sc, s);
    if (ranked.size() == kRivalSentences) {
      if (!(entry < ranked.front())) continue;
      std::pop_heap(ranked.begin(), ranked.end());
      ranked.back() = entry;
    } else {
      ranked.push_back(entry);
    }
    std::push_heap(ranked.begin(), ranked.end());
  }
  std::sort_heap(ranked.begin(), ranked.end());
  auto comparable = [&](const Quantity& v) {
    // The same sum in another currency ("$38m" for "£38m") is the figure
    // with its currency changed; other sums in other currencies are not
    // comparable.
    if (q.kind == QuantityKind::kMoney && v.kind == QuantityKind::kMoney &&
        v.unit != q.unit && v.per == q.per && !v.to && !q.to) {
      return std::fabs(v.value - q.value) <=
             std::max(q.precision, 1e-9 * std::max(1.0, std::fabs(q.value)));
    }
    if (DimensionOf(v).name != dim || v.to.has_value() != q.to.has_value()) return false;
    if (v.kind != q.kind && dim != "ratio") return false;
    // "five years ago" is a point in time, "three years" a length.
    if (q.kind == QuantityKind::kDuration && v.relation != q.relation) return false;
    // "under 20" and "over 70" bound different groups.
    Bound a = BoundOf(q.qualifier), b = BoundOf(v.qualifier);
    bool a_open = a == Bound::kAtLeast || a == Bound::kAtMost;
    bool b_open = b == Bound::kAtLeast || b == Bound::kAtMost;
    if (a_open && b_open && a != b) return false;
    // Counts of different things never contradict each other.
    return q.kind != QuantityKind::kCount || Thing(v) == counted;
  };
  // The table figure the claim names by its row and column: when its value
  // is another, the claim changed it, whatever else states the claim's.
  // Of rows named alike ("Weld County deaths fell to 79 and Jefferson
  // County had 51"), the one named nearer the figure.
  const Impl::Mention* addressed = nullptr;
  double addressed_fit = -1;
  size_t addressed_apart = SIZE_MAX;
  bool ambiguous = false;
  for (const auto& [s, sc] : score) {
    for (size_t index : impl.sentence_mentions[s]) {
      const Impl::Mention& m = impl.mentions[index];
      if (!m.figure || !comparable(m.m.quantity)) continue;
      CellFit fit = cell_fit(m);
      if (!names_cell(fit)) continue;
      double total = fit.row + fit.column;
      bool tie = total > addressed_fit - 1e-9 && total < addressed_fit + 1e-9;
      if (total > addressed_fit + 1e-9 || (tie && fit.row_apart < addressed_apart)) {
        addressed = &m, addressed_fit = total, addressed_apart = fit.row_apart;
        ambiguous = false;
      } else if (tie && fit.row_apart == addressed_apart) {
        if (m.m.quantity.value != addressed->m.quantity.value) ambiguous = true;
        if (m.index < addressed->index) addressed = &m;
      }
    }
  }
  if (addressed && !ambiguous) {
    if (Supports(q, addressed->m.quantity)) {
      trace = addressed;
      return traced();
    }
    if (!trace || (trace->figure && !names_cell(cell_fit(*trace)))) {
      return mismatch(*addressed);
    }
  }
  for (const auto& [negative, s] : ranked) {
    double sc = -negative;
    // The best sentence stating a single value of the claim's kind: the
    // value the claim changed.
    size_t kin = 0;
    for (size_t index : impl.sentence_mentions[s])
      kin += comparable(impl.mentions[index].m.quantity);
    bool sole = sc >= std::max(kBestContext, kNearBest * best_score) && kin == 1;
    for (size_t index : impl.sentence_mentions[s]) {
      const Impl::Mention& m = impl.mentions[index];
      const Quantity& v = m.m.quantity;
      if (!comparable(v)) continue;
      bool same_thing = !counted.empty() && Thing(v) == counted;
      // The words next to both numbers: the same measure shares them.
      size_t common = 0;
      if (same_thing || counted.empty() || Thing(v).empty()) {
        std::vector<uint32_t> near = impl.NearWords(&tokenizer, m);
        for (uint32_t w : claim_near)
          common += std::binary_search(near.begin(), near.end(), w);
      }
      bool about_same = (same_thing && sc >= kMismatchContext) ||
                        (common >= 2 && (s == best || sc >= kTraceContext)) ||
                        (sole && (common >= 1 || sc >= kMismatchContext));
      if (!about_same) continue;
      // Among rivals, the one that shares most words next to it, then the
      // nearest in value (a changed figure usually stays close).
      double x = q.value * DimensionOf(q).factor, y = v.value * DimensionOf(v).factor;
      double apart = x > 0 && y > 0 ? std::fabs(std::log(x / y)) : 1;
      double rank = sc + (same_thing ? 1 : 0) + 0.2 * static_cast<double>(common) -
                    0.05 * std::min(apart, 4.0);
      if (rank > rival_rank) rival_rank = rank, rival = &m;
    }
  }
  // A value found only by where it sits loses to a rival in a sentence
  // that matches the claim clearly better: the claim changed that one.
  if (trace &&
      !(rival && score_of(rival->sentence) >= score_of(trace->sentence) + kRivalMargin))
    return traced();
  return rival ? mismatch(*rival) : f;
}

std::vector<Warning> NumberIndex::CheckDates(const ReleaseInfo& release) const {
  std::vector<Warning> out;
  if (!release.date) return out;
  for (size_t i = 0; i < impl_->sources.size(); ++i) {
    const std::vector<CivilDate>& dates = impl_->own_dates[i];
    if (dates.empty()) continue;
    bool all_after = std::all_of(dates.begin(), dates.end(), [&](const CivilDate& d) {
      return After(d, *release.date);
    });
    if (all_after) {
      CivilDate earliest = *std::min_element(dates.begin(), dates.end());
      out.push_back(
          {"source-postdates-release",
           fmt::format("{} is dated {}, after the release ({}): the wrong report may "
                       "have been given",
                       impl_->sources[i].path(), DateString(earliest),
                       DateString(*release.date))});
    }
  }
  return out;
}

}  // namespace claimtrace
