// Matcher: decides a quotation's verdict against the indexed sources and
// delegates number claims to the NumberIndex.
//
// Quotations, in order:
// 1. Exact: the quotation's word runs occur in a source in order, each run
//    contiguous; an ellipsis between runs allows a gap within the passage,
//    bracketed words allow a few source words or none. -> verbatim.
// 2. Short quotations (terms) not found exactly -> untraced.
// 3. Otherwise the best local alignment over candidate windows from the
//    index; if it covers at least MatchOptions::min_coverage of the
//    quotation's content words -> altered, with the word diff; else untraced.
// 4. A named speaker's words that neither 1 nor 3 finds -> attributed (the
//    source does not have them: they are the speaker's own).
// Content words (not function words) measure coverage so that a quotation
// sharing only "and", "the", "of" with a passage does not count as traced,
// and the same threshold serves short and long quotations.
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include "claimtrace/match.h"
#include "claimtrace/tokens.h"
#include "extract/quotes.h"
#include "match/align.h"
#include "match/number_match.h"
#include "match/source_index.h"
#include "match/words.h"
#include "parallel.h"

namespace claimtrace {
namespace {

// Bytes on each side of a quotation whose words tell which of several
// identical passages it comes from.
constexpr size_t kContextBytes = 400;

// Source words an ellipsis may stand for: within a passage, not a report.
constexpr size_t kMaxEllipsisGap = 400;
// Source words a bracketed insertion may stand for.
constexpr size_t kMaxEditorialGap = 8;
// Candidate windows aligned per source. Every bigram of the quotation votes,
// however common (see SourceIndex::Candidates), so this is the only bound.
constexpr size_t kCandidates = 32;
// Quotation words at either end of an alignment shown against the source's
// neighbouring words, as changed.
constexpr size_t kMaxEdgeWords = 3;
// Shortest run of words a splice is made of.
constexpr size_t kMinChainRun = 3;
// Exact occurrences weighed against each other by context.
constexpr size_t kMaxExactMatches = 64;

// A quotation as word runs and the gaps its marks allow between them.
struct Pattern {
  std::vector<std::vector<std::string>> runs;
  std::vector<size_t> gap_before;  // allowed source words before runs[i]
  std::vector<std::string> words;  // all words, in order
  std::vector<Range> ranges;       // each word's range in the release
};

Pattern MakePattern(const Claim& claim, const Document& release, Tokenizer* tokenizer) {
  Pattern p;
  size_t gap = 0;
  for (const QuotePart& part : claim.parts) {
    if (part.kind == QuotePart::Kind::kEllipsis) {
      gap = std::max(gap, kMaxEllipsisGap);
      continue;
    }
    if (part.kind == QuotePart::Kind::kEditorial) {
      gap = std::max(gap, kMaxEditorialGap);
      continue;
    }
    std::vector<std::string> run;
    for (Token& t : tokenizer->Tokenize(release.Slice(part.range), part.range.begin,
                                        &release.markup())) {
      run.push_back(t.norm);
      p.words.push_back(t.norm);
      p.ranges.push_back(t.range);
    }
    if (run.empty()) continue;
    p.runs.push_back(std::move(run));
    p.gap_before.push_back(p.runs.size() == 1 ? 0 : gap);
    gap = 0;
  }
  return p;
}

// Returns [first, last) source tokens of every exact match of `p`, up to
// `limit` of them. Each run of words lies within one block: a verbatim match
// never runs on from one paragraph into the next. Only an ellipsis or
// brackets, which say words were left out, may bridge paragraphs.
std::vector<std::pair<size_t, size_t>> MatchExact(const SourceIndex& index,
                                                  const Pattern& p, size_t limit) {
  std::vector<std::pair<size_t, size_t>> found;
  if (p.runs.empty()) return found;
  std::vector<std::vector<uint32_t>> runs;
  for (const std::vector<std::string>& run : p.runs) {
    runs.push_back(index.Lookup(run));
    if (std::find(runs.back().begin(), runs.back().end(), SourceIndex::kUnknown) !=
        runs.back().end())
      return found;
  }
  auto run_at = [&](const std::vector<uint32_t>& run, size_t at) {
    if (at + run.size() > index.size()) return false;
    for (size_t k = 0; k < run.size(); ++k) {
      if (index.id(at + k) != run[k] || (k > 0 && index.StartsBlock(at + k)))
        return false;
    }
    return true;
  };
  for (uint32_t start : index.FindPhrase(runs[0])) {
    size_t pos = start + runs[0].size();
    bool ok = true;
    for (size_t r = 1; r < runs.size() && ok; ++r) {
      ok = false;
      size_t limit = std::min(index.size(), pos + p.gap_before[r] + 1);
      for (size_t at = pos; at < limit; ++at) {
        if (run_at(runs[r], at)) {
          pos = at + runs[r].size();
          ok = true;
          break;
        }
      }
    }
    if (ok) found.emplace_back(static_cast<size_t>(start), pos);
    if (found.size() >= limit) break;
  }
  return found;
}

const RE2& WeaknessHeading() {
  static const RE2* re = new RE2(
      R"((?i)\b(improve|improvement|improvements|weakness|weaknesses|concerns?|shortcomings?|areas? for development|requires? improvement|inadequate|recommendations?)\b)");
  return *re;
}

}  // namespace

struct Matcher::Impl {
  const std::vector<Document>& sources;
  MatchOptions options;
  // Built on the first quotation (IndexSources), as the number index is on
  // the first number: a release of numbers only never indexes the words, and
  // when it has both, the two indexes are built at once on two cores by the
  // first two claims matched.
  mutable std::once_flag indexed;
  mutable std::vector<std::unique_ptr<SourceIndex>> indexes;
  NumberIndex numbers;

  Impl(const std::vector<Document>& s, MatchOptions o)
      : sources(s), options(o), numbers(s) {}

  // Indexes every source, each on its own core (sources are independent).
  void IndexSources() const {
    std::call_once(indexed, [this] {
      std::vector<std::unique_ptr<SourceIndex>> built(sources.size());
      std::atomic<size_t> next{0};
      RunOnThreads(std::min<size_t>(std::thread::hardware_concurrency(), sources.size()),
                   [&] {
                     for (size_t i = next++; i < sources.size(); i = next++)
                       built[i] = std::make_unique<SourceIndex>(sources[i]);
                   });
      indexes = std::move(built);
    });
  }

  // Fills location fields for source tokens [first, last).
  Evidence MakeEvidence(int source, size_t first, size_t last) const {
    const SourceIndex& index = *indexes[source];
    const Document& doc = index.doc();
    Evidence e;
    e.source = source;
    // The passage: whole sentences around the span, with their punctuation.
    size_t pf = first, pl = last - 1;
    while (pf > 0 && index.Sentence(pf - 1) == index.Sentence(first)) --pf;
    while (pl + 1 < index.size() && index.Sentence(pl + 1) == index.Sentence(last - 1))
      ++pl;
    std::vector<Range> ranges = index.Ranges(pf, pl + 1);
    e.span = {ranges[first - pf].begin, ranges[last - 1 - pf].end};
    size_t end = ranges.back().end;
    int block = index.Block(pl);
    size_t block_end = block >= 0 ? doc.blocks()[block].range.end : doc.text().size();
    while (end < block_end && doc.text()[end] != ' ' && doc.text()[end] != '\n') ++end;
    e.passage = {ranges.front().begin, end};
    int b = index.Block(first);
    if (b >= 0) {
      const Block& blk = doc.blocks()[b];
      e.page = blk.page;
      e.label = doc.Slice(blk.label);
      e.section = PlainTitle(doc.SectionTitle(b));
    }
    e.line = doc.Locate(e.span.begin).line;
    return e;
  }

  // Merges alignment steps into diff operations with the words as written.
  std::vector<DiffOp> MakeDiff(const Alignment& a, const Pattern& p,
                               const Document& release, const SourceIndex& index) const {
    std::vector<DiffOp> ops;
    // Byte ranges of the source words the steps name.
    size_t lo = SIZE_MAX, hi = 0;
    for (const AlignStep& step : a.steps) {
      if (step.source < 0) continue;
      lo = std::min(lo, static_cast<size_t>(step.source));
      hi = std::max(hi, static_cast<size_t>(step.source) + 1);
    }
    std::vector<Range> ranges = lo < hi ? index.Ranges(lo, hi) : std::vector<Range>();
    auto quote_text = [&](int from, int to) {  // words [from, to]
      return std::string(release.Slice({p.ranges[from].begin, p.ranges[to].end}));
    };
    auto source_text = [&](int from, int to) {
      return std::string(
          index.doc().Slice({ranges[from - lo].begin, ranges[to - lo].end}));
    };
    auto kind_of = [](AlignStep::Kind k) {
      switch (k) {
        case AlignStep::Kind::kSame:
          return DiffOp::Kind::kSame;
        case AlignStep::Kind::kChanged:
          return DiffOp::Kind::kChanged;
        case AlignStep::Kind::kAdded:
          return DiffOp::Kind::kAdded;
        default:
          return DiffOp::Kind::kDropped;
      }
    };
    if (a.quote_begin > 0)
      ops.push_back({DiffOp::Kind::kAdded, quote_text(0, a.quote_begin - 1), ""});
    for (size_t i = 0; i < a.steps.size();) {
      size_t j = i;
      while (j < a.steps.size() && a.steps[j].kind == a.steps[i].kind) ++j;
      DiffOp op;
      op.kind = kind_of(a.steps[i].kind);
      int q0 = -1, q1 = -1, s0 = -1, s1 = -1;
      for (size_t k = i; k < j; ++k) {
        if (a.steps[k].quote >= 0)
          (q0 < 0 ? q0 : q1) = a.steps[k].quote, q1 = a.steps[k].quote;
        if (a.steps[k].source >= 0)
          (s0 < 0 ? s0 : s1) = a.steps[k].source, s1 = a.steps[k].source;
      }
      if (q0 >= 0) op.quote_words = quote_text(q0, q1);
      if (s0 >= 0) op.source_words = source_text(s0, s1);
      ops.push_back(std::move(op));
      i = j;
    }
    int n = static_cast<int>(p.words.size());
    if (a.quote_end < n)
      ops.push_back({DiffOp::Kind::kAdded, quote_text(a.quote_end, n - 1), ""});
    return ops;
  }

  // The content words of the claim's sentence outside the claim itself.
  static std::vector<std::string> ContextWords(const Claim& claim,
                                               const Document& release,
                                               Tokenizer* tokenizer) {
    std::vector<std::string> out;
    if (claim.block < 0) return out;
    Range around = release.Around(claim.block, claim.span, kContextBytes);
    for (const Token& t : tokenizer->Tokenize(release.Slice(around), around.begin)) {
      if (t.range.begin >= claim.span.begin && t.range.end <= claim.span.end) continue;
      if (!IsFunctionWord(t.norm)) out.push_back(t.norm);
    }
    return out;
  }

  // How many of `context` occur in the sentence(s) of source tokens `hit`.
  static size_t SharedContext(const SourceIndex& index, std::pair<size_t, size_t> hit,
                              const std::vector<uint32_t>& context) {
    size_t first = hit.first, last = hit.second;
    while (first > 0 && index.Sentence(first - 1) == index.Sentence(hit.first)) --first;
    while (last < index.size() && index.Sentence(last) == index.Sentence(hit.second - 1))
      ++last;
    size_t shared = 0;
    for (uint32_t w : context) {
      for (size_t i = first; i < last && w != SourceIndex::kUnknown; ++i) {
        if ((i < hit.first || i >= hit.second) && index.id(i) == w) {
          ++shared;
          break;
        }
      }
    }
    return shared;
  }

  double ContentCoverage(const Alignment& a, const Pattern& p) const {
    int content = 0, same = 0;
    for (const std::string& w : p.words) content += !IsFunctionWord(w);
    for (const AlignStep& s : a.steps) {
      if (s.kind == AlignStep::Kind::kSame && !IsFunctionWord(p.words[s.quote])) ++same;
    }
    if (content == 0) {
      return p.words.empty() ? 0 : static_cast<double>(a.same) / p.words.size();
    }
    return static_cast<double>(same) / content;
  }

  void NoteWeakSection(Finding* f) const {
    if (f->claim.role == QuoteRole::kSpeaker) return;
    if (!f->evidence.section.empty() &&
        RE2::PartialMatch(f->evidence.section, WeaknessHeading())) {
      f->notes.push_back(
          "the passage sits under \"" + f->evidence.section +
          "\": the source presents it as something to improve, not as praise");
    }
  }

  Finding MatchQuote(const Claim& claim, const Document& release) const {
    Finding f;
    f.claim = claim;
    f.verdict = Verdict::kUntraced;
    IndexSources();
    Tokenizer tokenizer;
    Pattern p = MakePattern(claim, release, &tokenizer);
    if (p.words.empty()) return f;

    // Where the words occur more than once (a term, a stock phrase), the
    // occurrence whose sentence shares most words with the claim's wins.
    std::vector<std::string> context = ContextWords(claim, release, &tokenizer);
    int exact_source = -1;
    std::pair<size_t, size_t> best_hit;
    size_t best_shared = 0;
    std::vector<int> holding;
    for (size_t s = 0; s < indexes.size(); ++s) {
      std::vector<uint32_t> context_ids = indexes[s]->Lookup(context);
      for (const auto& hit : MatchExact(*indexes[s], p, kMaxExactMatches)) {
        if (holding.empty() || holding.back() != static_cast<int>(s))
          holding.push_back(static_cast<int>(s));
        size_t shared = SharedContext(*indexes[s], hit, context_ids);
        if (exact_source < 0 || shared > best_shared) {
          exact_source = static_cast<int>(s), best_hit = hit, best_shared = shared;
        }
      }
    }
    // Each source's passages that may align with the quotation: the
    // candidates of its rarest bigrams, and its runs chained in order.
    std::vector<std::vector<uint32_t>> ids(indexes.size());  // p.words per source
    auto words_in = [&](size_t s) -> const std::vector<uint32_t>& {
      if (ids[s].empty()) ids[s] = indexes[s]->Lookup(p.words);
      return ids[s];
    };
    auto candidates = [&](size_t s) {
      std::vector<Alignment> out;
      const size_t n = p.words.size();
      for (uint32_t start : indexes[s]->Candidates(words_in(s), kCandidates)) {
        size_t begin = start > n ? start - n : 0;
        out.push_back(AlignLocal(words_in(s), *indexes[s], begin, start + 2 * n + 16));
      }
      return out;
    };
    auto chained = [&](size_t s) {
      return ChainRuns(words_in(s), *indexes[s], kMinChainRun, kMaxEllipsisGap);
    };
    // Whether an alignment traces the quotation (altered, at the least).
    auto traces = [&](const Alignment& a) {
      return !a.steps.empty() && ContentCoverage(a, p) >= options.min_coverage;
    };
    if (exact_source >= 0) {
      f.verdict = Verdict::kVerbatim;
      f.evidence = MakeEvidence(exact_source, best_hit.first, best_hit.second);
      f.evidence.coverage = 1;
      for (size_t s = 0; s < indexes.size(); ++s) {
        if (static_cast<int>(s) == exact_source) continue;
        bool exact = std::find(holding.begin(), holding.end(), s) != holding.end();
        bool altered = p.words.size() > static_cast<size_t>(kMaxTermWords) &&
                       (std::ranges::any_of(candidates(s), traces) || traces(chained(s)));
        if (exact || altered) f.also.push_back(static_cast<int>(s));
      }
      NoteWeakSection(&f);
      return f;
    }
    // A named person's words not found at all are theirs (attributed); found
    // with changes, they are altered like any quotation.
    auto not_found = [&] {
      if (claim.role == QuoteRole::kSpeaker) {
        f.verdict = Verdict::kAttributed;
        f.notes.push_back("words of " + claim.speaker + "; not found in the source");
      }
      return f;
    };
    if (p.words.size() <= static_cast<size_t>(kMaxTermWords)) return not_found();

    Alignment best;
    double best_coverage = 0;
    int best_source = -1;
    std::vector<bool> traced_in(indexes.size(), false);  // for `also`
    for (size_t s = 0; s < indexes.size(); ++s) {
      for (Alignment& a : candidates(s)) {
        double coverage = ContentCoverage(a, p);
        if (traces(a)) traced_in[s] = true;
        // Between equal passages, the one that aligns more of the quotation:
        // near-duplicates tie on score when one lacks a word at the edge.
        if (coverage > best_coverage ||
            (coverage == best_coverage &&
             (a.score > best.score ||
              (a.score == best.score &&
               a.quote_end - a.quote_begin > best.quote_end - best.quote_begin)))) {
          best = std::move(a);
          best_coverage = coverage;
          best_source = static_cast<int>(s);
        }
      }
    }
    for (size_t s = 0; s < indexes.size(); ++s) {
      Alignment a = chained(s);
      double coverage = ContentCoverage(a, p);
      if (traces(a)) traced_in[s] = true;
      if (coverage > best_coverage) {
        best = std::move(a);
        best_coverage = coverage;
        best_source = static_cast<int>(s);
      }
    }
    if (best_source < 0 || best_coverage < options.min_coverage || best.steps.empty())
      return not_found();
    ExtendEdges(words_in(best_source), *indexes[best_source], kMaxEdgeWords, &best);
    f.verdict = Verdict::kAltered;
    f.evidence = MakeEvidence(best_source, best.source_begin, best.source_end);
    f.evidence.coverage = best_coverage;
    f.evidence.diff = MakeDiff(best, p, release, *indexes[best_source]);
    for (size_t s = 0; s < indexes.size(); ++s) {
      if (static_cast<int>(s) != best_source && traced_in[s])
        f.also.push_back(static_cast<int>(s));
    }
    NoteWeakSection(&f);
    return f;
  }
};

Matcher::Matcher(const std::vector<Document>& sources, MatchOptions options)
    : impl_(std::make_unique<Impl>(sources, options)) {}
Matcher::~Matcher() = default;

Finding Matcher::Match(const Claim& claim, const Document& release) const {
  if (claim.kind == ClaimKind::kNumber) return impl_->numbers.Match(claim, release);
  return impl_->MatchQuote(claim, release);
}

std::vector<Warning> Matcher::CheckDates(const ReleaseInfo& release) const {
  return impl_->numbers.CheckDates(release);
}

}  // namespace claimtrace
