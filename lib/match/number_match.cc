// NumberIndex: compares a release's quantities with those its sources state.
//
// A claim is `traced` by a source quantity of the same kind and value
// (qualifiers respected: "more than 2,350" is supported by 2,400) about the
// same thing: the counted nouns agree, or, when the claim counts nothing,
// the two sentences share enough content words. It is a `mismatch` when the
// source gives another value for the same thing (same counted noun and a
// closely matching sentence). Otherwise `untraced`.
#include "match/number_match.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "claimtrace/tokens.h"
#include "extract/quantity.h"
#include "match/words.h"

namespace claimtrace {
namespace {

// The blocks at the start of a source that carry its own dates (title page,
// "Inspection dates", "Published").
constexpr int kFrontBlocks = 15;
// Shares of the claim's content words a source sentence must contain.
constexpr double kTraceContext = 0.3;
constexpr double kMismatchContext = 0.5;
// A rival value with nothing counted (no noun, no unit) must share even more.
constexpr double kBareMismatchContext = 0.6;
// Words on each side of a number that say what it is about.
constexpr size_t kContextWords = 10;

std::string Stem(std::string w) {
  if (w.size() > 3 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 3 && w.back() == 's' && !w.ends_with("ss")) w.pop_back();
  return w;
}

// The sentence of `block` around `at`: from the previous ". " to the next.
Range SentenceAround(const Document& doc, int block, Range at) {
  Range b = doc.blocks()[block].range;
  std::string_view t = doc.text();
  size_t begin = at.begin;
  while (begin > b.begin &&
         !(begin >= b.begin + 2 && t[begin - 1] == ' ' &&
           (t[begin - 2] == '.' || t[begin - 2] == '!' || t[begin - 2] == '?'))) {
    --begin;
  }
  size_t end = at.end;
  while (end < b.end && !((t[end] == '.' || t[end] == '!' || t[end] == '?') &&
                          (end + 1 == b.end || t[end + 1] == ' '))) {
    ++end;
  }
  return {begin, std::min(b.end, end + 1)};
}

std::set<std::string> ContentWords(Tokenizer* tokenizer, std::string_view text) {
  std::set<std::string> out;
  for (const Token& t : tokenizer->Tokenize(text)) {
    if (IsFunctionWord(t.norm) || std::isdigit(static_cast<unsigned char>(t.norm[0])))
      continue;
    out.insert(Stem(t.norm));
  }
  return out;
}

// What a quantity counts: its counted noun, or for a duration its unit
// ("weeks"), so that "after four weeks" and "after six weeks" compare.
std::string Thing(const Quantity& q) {
  if (!q.counted.empty()) return Stem(q.counted);
  if (q.kind == QuantityKind::kDuration) return Stem(q.unit);
  return "";
}

// Whether `text` contains, ignoring ASCII case, any of `words`.
bool MentionsAny(std::string_view text, const std::set<std::string>& words) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const std::string& w : words) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

bool SameValue(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a));
}

// Whether a source value supports the claim's, given the claim's qualifier.
bool Supports(const Quantity& claim, const Quantity& source) {
  double c = claim.value, s = source.value;
  if (claim.to.has_value() != source.to.has_value()) return false;
  if (claim.to && !SameValue(*claim.to, *source.to)) return false;
  const std::string& q = claim.qualifier;
  if (q == "more than" || q == "over" || q == "at least" || q == "just over" ||
      q == "well over")
    return s >= c;
  if (q == "less than" || q == "fewer than" || q == "under" || q == "up to" ||
      q == "at most" || q == "just under")
    return s <= c;
  if (q == "almost" || q == "nearly") return s >= 0.9 * c && s <= c;
  if (q == "around" || q == "about" || q == "approximately" || q == "roughly")
    return std::fabs(s - c) <= 0.1 * std::fabs(c);
  return SameValue(c, s);
}

bool SameDate(const CivilDate& a, const CivilDate& b) {
  if (a.year && b.year && a.year != b.year) return false;
  if (a.month && b.month && a.month != b.month) return false;
  if (a.day && b.day && a.day != b.day) return false;
  return (a.year == b.year || !a.year || !b.year) &&
         (a.month || b.month ? a.month == b.month : true);
}

bool Comparable(const Quantity& a, const Quantity& b) {
  if (a.kind != b.kind) {
    return (a.kind == QuantityKind::kYear && b.kind == QuantityKind::kDate) ||
           (a.kind == QuantityKind::kDate && b.kind == QuantityKind::kYear);
  }
  return a.unit == b.unit;
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

}  // namespace

struct NumberIndex::Impl {
  struct Mention {
    int source;
    int block;
    QuantityMention m;
  };
  const std::vector<Document>& sources;
  QuantityFinder finder;
  std::vector<Mention> mentions;
  std::vector<std::vector<CivilDate>> own_dates;
  // Mentions by comparable class ("percent|%", "time" for dates and years),
  // sorted by value (the year for "time"), and by what they count; so a
  // claim looks at the few mentions that can support or contradict it.
  std::unordered_map<std::string, std::vector<std::pair<double, size_t>>> by_value;
  // Mentions that count something, by class, thing and each content word of
  // their sentence: a rival value must share the claim's thing and words.
  std::unordered_map<std::string, std::vector<size_t>> by_thing_word;

  static std::string ClassOf(const Quantity& q) {
    if (q.kind == QuantityKind::kDate || q.kind == QuantityKind::kYear) return "time";
    return std::string(QuantityKindName(q.kind)) + "|" + q.unit;
  }
  static double SortValue(const Quantity& q) {
    return ClassOf(q) == "time" ? q.date.year : q.value;
  }

  void BuildIndex() {
    Tokenizer tokenizer;
    for (size_t i = 0; i < mentions.size(); ++i) {
      const Mention& m = mentions[i];
      const Quantity& q = m.m.quantity;
      by_value[ClassOf(q)].emplace_back(SortValue(q), i);
      std::string thing = Thing(q);
      if (thing.empty() && ClassOf(q) == "time") continue;  // dates need a thing
      const Document& doc = sources[m.source];
      std::string key = ClassOf(q) + "|" + thing + "|";
      for (const std::string& w :
           ContentWords(&tokenizer, doc.Slice(SentenceAround(doc, m.block, m.m.range)))) {
        by_thing_word[key + w].push_back(i);
      }
    }
    for (auto& [key, list] : by_value) std::sort(list.begin(), list.end());
  }

  // Indices of mentions that may support `q` (value within its qualifier's
  // bounds) or contradict it (same class and thing).
  std::vector<size_t> Candidates(const Quantity& q,
                                 const std::set<std::string>& context) const {
    std::vector<size_t> out;
    double v = SortValue(q);
    double lo = v, hi = v;
    const std::string& qual = q.qualifier;
    if (qual == "more than" || qual == "over" || qual == "at least" ||
        qual == "just over" || qual == "well over") {
      hi = std::numeric_limits<double>::infinity();
    } else if (qual == "less than" || qual == "fewer than" || qual == "under" ||
               qual == "up to" || qual == "at most" || qual == "just under") {
      lo = -std::numeric_limits<double>::infinity();
    } else if (qual == "almost" || qual == "nearly" || qual == "around" ||
               qual == "about" || qual == "approximately" || qual == "roughly") {
      lo = v - 0.1 * std::fabs(v), hi = v + 0.1 * std::fabs(v);
    }
    lo -= 1e-9 * std::max(1.0, std::fabs(lo));
    hi += 1e-9 * std::max(1.0, std::fabs(hi));
    if (auto it = by_value.find(ClassOf(q)); it != by_value.end()) {
      auto first = std::lower_bound(it->second.begin(), it->second.end(),
                                    std::make_pair(lo, size_t{0}));
      for (auto i = first; i != it->second.end() && i->first <= hi; ++i)
        out.push_back(i->second);
    }
    std::string thing = Thing(q);
    if (!thing.empty() || ClassOf(q) != "time") {
      std::string key = ClassOf(q) + "|" + thing + "|";
      for (const std::string& w : context) {
        if (auto it = by_thing_word.find(key + w); it != by_thing_word.end()) {
          out.insert(out.end(), it->second.begin(), it->second.end());
        }
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  explicit Impl(const std::vector<Document>& s) : sources(s), own_dates(s.size()) {
    for (size_t i = 0; i < sources.size(); ++i) {
      const Document& doc = sources[i];
      for (size_t b = 0; b < doc.blocks().size(); ++b) {
        Range r = doc.blocks()[b].range;
        for (QuantityMention& m : finder.Find(doc.Slice(r), r.begin)) {
          const Quantity& q = m.quantity;
          if (static_cast<int>(b) < kFrontBlocks && q.kind == QuantityKind::kDate &&
              q.date.year && q.date.month) {
            own_dates[i].push_back(q.date);
          }
          mentions.push_back({static_cast<int>(i), static_cast<int>(b), std::move(m)});
        }
      }
    }
    BuildIndex();
  }

  Evidence MakeEvidence(const Mention& m) const {
    const Document& doc = sources[m.source];
    Evidence e;
    e.source = m.source;
    e.span = m.m.range;
    e.passage = SentenceAround(doc, m.block, m.m.range);
    const Block& blk = doc.blocks()[m.block];
    e.page = blk.page;
    e.label = blk.label;
    e.section = PlainTitle(doc.SectionTitle(m.block));
    e.line = doc.Locate(e.span.begin).line;
    e.source_value = std::string(doc.Slice(m.m.range));
    return e;
  }

  // Whether the reference a claim cites names this source (its title words).
  bool CitesThisSource(const Claim& claim, Tokenizer* tokenizer) const {
    std::set<std::string> ref = ContentWords(tokenizer, claim.reference);
    for (const Document& doc : sources) {
      for (const Block& b : doc.blocks()) {
        if (b.kind != BlockKind::kHeading) continue;
        std::set<std::string> title = ContentWords(tokenizer, doc.Slice(b.range));
        size_t shared = 0;
        for (const std::string& w : title) shared += ref.count(w);
        if (!title.empty() && shared * 2 >= title.size()) return true;
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
  Finding f;
  f.claim = claim;
  f.verdict = Verdict::kUntraced;
  Tokenizer tokenizer;
  if (!claim.cites.empty() && !impl_->CitesThisSource(claim, &tokenizer)) {
    f.notes.push_back(
        fmt::format("cites reference {}: {}; that document is not among the sources",
                    claim.cites, claim.reference));
    return f;
  }
  const Quantity& q = claim.quantity;
  // The claim's context: the content words near it in its sentence (a long
  // sentence of a release says several things; only the nearby words are
  // about this number).
  std::set<std::string> claim_context;
  if (claim.block >= 0) {
    Range sentence = SentenceAround(release, claim.block, claim.span);
    std::vector<Token> tokens =
        tokenizer.Tokenize(release.Slice(sentence), sentence.begin);
    size_t first = 0;
    while (first < tokens.size() && tokens[first].range.end <= claim.span.begin) ++first;
    size_t last = first;
    while (last < tokens.size() && tokens[last].range.begin < claim.span.end) ++last;
    size_t from = first > kContextWords ? first - kContextWords : 0;
    size_t to = std::min(tokens.size(), last + kContextWords);
    for (size_t i = from; i < to; ++i) {
      if (i >= first && i < last) continue;
      const std::string& w = tokens[i].norm;
      if (!IsFunctionWord(w) && !std::isdigit(static_cast<unsigned char>(w[0]))) {
        claim_context.insert(Stem(w));
      }
    }
  }
  std::string counted = Thing(q);
  // The counted noun is what the claim is about; keep it out of the context
  // share so that it is weighed on its own.
  if (!counted.empty()) claim_context.erase(counted);

  double best_trace = -1, best_mismatch = -1;
  const Impl::Mention* trace = nullptr;
  const Impl::Mention* mismatch = nullptr;
  for (size_t index : impl_->Candidates(q, claim_context)) {
    const Impl::Mention& m = impl_->mentions[index];
    const Quantity& s = m.m.quantity;
    if (!Comparable(q, s)) continue;
    bool equal = (q.kind == QuantityKind::kDate || q.kind == QuantityKind::kYear)
                     ? SameDate(q.date, s.date) &&
                           (q.kind == s.kind || q.kind == QuantityKind::kYear)
                     : Supports(q, s);
    bool same_counted = !counted.empty() && Thing(s) == counted;
    bool bare = counted.empty() && Thing(s).empty();
    if (!equal && !same_counted && !bare) continue;  // neither support nor a rival
    const Document& doc = impl_->sources[m.source];
    Range sentence = SentenceAround(doc, m.block, m.m.range);
    // A rival value needs a sentence sharing the claim's words: skip, before
    // tokenizing, sentences that hold none of them.
    if (!equal && !MentionsAny(doc.Slice(sentence), claim_context)) continue;
    std::set<std::string> context = ContentWords(&tokenizer, doc.Slice(sentence));
    size_t shared = 0;
    for (const std::string& w : claim_context) shared += context.count(w);
    double share =
        claim_context.empty() ? 0 : static_cast<double>(shared) / claim_context.size();
    bool counted_nearby = !counted.empty() && context.count(counted) > 0;
    if (equal) {
      bool about_same =
          counted.empty() ? (shared >= 2 && share >= kTraceContext)
                          : (same_counted || (counted_nearby && share >= kTraceContext));
      if (about_same && share > best_trace) best_trace = share, trace = &m;
    } else if (share > best_mismatch &&
               ((same_counted && share >= kMismatchContext) ||
                (counted.empty() && Thing(s).empty() && q.kind != QuantityKind::kYear &&
                 q.kind != QuantityKind::kDate && q.to.has_value() == s.to.has_value() &&
                 share >= kBareMismatchContext))) {
      best_mismatch = share, mismatch = &m;
    }
  }
  if (trace) {
    f.verdict = Verdict::kTraced;
    f.evidence = impl_->MakeEvidence(*trace);
    f.evidence.coverage = best_trace;
  } else if (mismatch) {
    f.verdict = Verdict::kMismatch;
    f.evidence = impl_->MakeEvidence(*mismatch);
    f.evidence.coverage = best_mismatch;
    f.notes.push_back(fmt::format("the release says \"{}\"; the source says \"{}\"",
                                  claim.text, f.evidence.source_value));
  }
  return f;
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
