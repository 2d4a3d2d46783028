// Check(): the pipeline in one call (load, extract, match, apply the policy)
// and the claim fingerprint that lets a team accept a claim on purpose
// (in the policy file, or inline next to the paragraph).
#include "claimtrace/check.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <new>
#include <optional>
#include <set>
#include <thread>

#include "claimtrace/tokens.h"
#include "inline_accept.h"
#include "parallel.h"

namespace claimtrace {
namespace {

// A release this much longer than all its sources together, and at least
// this long, looks like a report given as the release.
constexpr size_t kSwappedRatio = 4;
constexpr size_t kSwappedMinBytes = 20000;
// The check the other way round (the sources' claims traced in the release)
// runs only when few of the release's claims traced (under this share, with
// at least this many claims) and its sources are at most this many times
// longer than it (a swapped release is rarely longer than the report), on
// at most this many of the sources' claims: a release that traces costs
// nothing more, and one that does not a second check no larger than the
// first (the sources' claims against the release, not the release's
// against the sources).
constexpr double kReverseBelowShare = 1.0 / 3;
constexpr size_t kReverseMinClaims = 5;
constexpr size_t kReverseSourceRatio = 2;
constexpr size_t kReverseMaxClaims = 500;
// The inputs look swapped when, the other way round, at least this share
// traced, and this many times the ordinary check's share and its count. The
// count tells a swap from a short source that the release repeats whole:
// there each claim repeated traces both ways, while a release's quotations
// trace in the report but the report's words, unquoted, are no claims.
constexpr double kReverseAboveShare = 0.25;
constexpr size_t kReverseRatio = 2;

std::string HexDigest(std::string_view data, size_t hex_chars) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size && out.size() < hex_chars; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

// True when the other document has the claim: its words (most of them, for
// an altered quotation) or its value.
bool Traced(Verdict verdict) {
  return verdict == Verdict::kVerbatim || verdict == Verdict::kAltered ||
         verdict == Verdict::kTraced;
}

// A claim count and how many of them traced.
struct Share {
  size_t traced = 0;
  size_t claims = 0;
  double Value() const { return claims ? static_cast<double>(traced) / claims : 0; }
};

// The check the other way round: the sources' claims (the first
// kReverseMaxClaims) traced in the release. Returns nothing when the sources
// together are much longer than the release: then it is the release.
std::optional<Share> ReverseShare(const Document& release,
                                  const std::vector<Document>& sources,
                                  const CheckOptions& options) {
  size_t source_bytes = 0;
  for (const Document& doc : sources) source_bytes += doc.text().size();
  if (source_bytes > kReverseSourceRatio * release.text().size()) return std::nullopt;
  std::vector<Document> reversed = {release};
  Matcher matcher(reversed, options.match);
  Share share;
  for (const Document& doc : sources) {
    for (const Claim& claim : ExtractClaims(doc).claims) {
      if (share.claims == kReverseMaxClaims) return share;
      ++share.claims;
      share.traced += Traced(matcher.Match(claim, doc).verdict);
    }
  }
  return share;
}

}  // namespace

bool CheckResult::Fails() const {
  return std::any_of(claims.begin(), claims.end(),
                     [](const CheckedClaim& c) { return c.fails; });
}

std::vector<std::string> Fingerprints(const std::vector<Claim>& claims,
                                      const Document& release) {
  Tokenizer tokenizer;
  std::map<std::string, int> seen;  // kind and words -> claims so far
  std::vector<std::string> out;
  for (const Claim& claim : claims) {
    // Words, not characters: typographic quotes, case and spacing may change
    // without the claim changing.
    std::string key(ClaimKindName(claim.kind));
    key += '\x1f';
    for (const Token& t : tokenizer.Tokenize(release.Slice(claim.span))) {
      key += t.norm;
      key += ' ';
    }
    int occurrence = seen[key]++;
    out.push_back(HexDigest(fmt::format("{}\x1f{}", key, occurrence), 16));
  }
  return out;
}

Extraction ExtractClaims(const Document& release) {
  // Built once per process: compiling its patterns costs more than checking
  // a release, and Extract() is const and thread-safe.
  static const Extractor* extractor = new Extractor;
  Extraction extraction = extractor->Extract(release);
  std::vector<Range> comments = CommentRanges(release);
  std::erase_if(extraction.claims, [&](const Claim& c) {
    return std::any_of(comments.begin(), comments.end(),
                       [&](const Range& r) { return r.Contains(c.span.begin); });
  });
  return extraction;
}

LoadLimits Limits::ForRelease() const {
  LoadLimits l;
  l.max_input_bytes = max_input_bytes;
  l.max_text_bytes = max_release_bytes;
  l.text_option = "--max-release-size";
  l.max_pages = max_release_pages;
  l.pages_option = "--max-release-pages";
  return l;
}

LoadLimits Limits::ForSource() const {
  LoadLimits l;
  l.max_input_bytes = max_input_bytes;
  l.max_text_bytes = max_input_bytes;
  l.max_pages = max_pages;
  return l;
}

namespace {

// The pipeline proper; Check() names the release if memory runs out.
Result<CheckResult> RunPipeline(Document release, std::vector<Document> sources,
                                const CheckOptions& options) {
  CheckResult result;
  result.release = std::move(release);
  result.sources = std::move(sources);
  result.policy = options.policy;

  Extraction extraction = ExtractClaims(result.release);
  result.release_info = extraction.info;
  if (extraction.claims.size() > options.limits.max_claims) {
    return Status::InvalidInput(fmt::format(
        "{}: {} claims, over the limit of {} claims in one release; raise it with "
        "--max-claims if the file is genuine",
        result.release.path(), extraction.claims.size(), options.limits.max_claims));
  }

  // The matcher keeps references to result.sources, which no longer moves.
  Matcher matcher(result.sources, options.match);
  result.warnings = matcher.CheckDates(extraction.info);
  for (size_t i = 0; i < result.warnings.size(); ++i) {
    result.warning_places.push_back({result.release.path(), 0});
  }
  auto warn = [&](std::string code, std::string message, std::string path, int line) {
    result.warnings.push_back({std::move(code), std::move(message)});
    result.warning_places.push_back({std::move(path), line});
  };
  // What the loaders changed or guessed (encodings, replaced bytes, tracked
  // changes) is shown with the findings, so a reader knows what was read.
  auto add_notes = [&](const Document& doc) {
    for (const std::string& note : doc.notes())
      warn("input-note", doc.path() + ": " + note, doc.path(), 0);
  };
  add_notes(result.release);
  for (const Document& doc : result.sources) add_notes(doc);
  // A "release" many times longer than its sources is probably the report,
  // given in the wrong place: say so before the bogus failures.
  size_t source_bytes = 0;
  for (const Document& doc : result.sources) source_bytes += doc.text().size();
  bool swapped_by_length = result.release.text().size() > kSwappedMinBytes &&
                           result.release.text().size() > kSwappedRatio * source_bytes;
  if (swapped_by_length) {
    warn("inputs-swapped",
         fmt::format("{} ({} KB of text) is {} times longer than its sources: were the "
                     "release and the report given the other way round? (check RELEASE "
                     "SOURCE..., or --source REPORT RELEASE)",
                     result.release.path(), result.release.text().size() / 1024,
                     result.release.text().size() / std::max<size_t>(source_bytes, 1)),
         result.release.path(), 0);
  }

  std::map<std::string, const Acceptance*> accepted;
  for (const Acceptance& a : options.policy.accepted) accepted[a.fingerprint] = &a;
  std::set<std::string> used;
  std::vector<std::string> fingerprints = Fingerprints(extraction.claims, result.release);

  // Each claim moves into its result before matching, so that it is held
  // once (not in the extraction, a finding and the result) and the results
  // are laid out once rather than grown.
  result.claims.resize(extraction.claims.size());
  for (size_t i = 0; i < extraction.claims.size(); ++i) {
    CheckedClaim& checked = result.claims[i];
    checked.finding.claim = std::move(extraction.claims[i]);
    checked.fingerprint = std::move(fingerprints[i]);
    if (auto it = accepted.find(checked.fingerprint); it != accepted.end()) {
      checked.accepted = true;
      checked.accepted_reason = it->second->reason;
      used.insert(checked.fingerprint);
    }
  }
  std::vector<Claim>().swap(extraction.claims);
  std::vector<std::string>().swap(fingerprints);

  // Claims are independent and Match() is const: they are matched on every
  // core, each finding in its own slot, so the output does not depend on
  // the schedule. Match() returns a copy of the claim, dropped at once.
  // The first quotation and the first number go first: each builds its
  // index (the sources' words, their quantities) on first use, so the two
  // are built at once.
  std::vector<size_t> order;
  for (ClaimKind kind : {ClaimKind::kQuote, ClaimKind::kNumber}) {
    auto first =
        std::find_if(result.claims.begin(), result.claims.end(),
                     [&](const CheckedClaim& c) { return c.finding.claim.kind == kind; });
    if (first != result.claims.end()) order.push_back(first - result.claims.begin());
  }
  for (size_t i = 0; i < result.claims.size(); ++i) {
    if (std::find(order.begin(), order.end(), i) == order.end()) order.push_back(i);
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k = next++; k < result.claims.size(); k = next++) {
      Finding& slot = result.claims[order[k]].finding;
      Finding found = matcher.Match(slot.claim, result.release);
      slot.verdict = found.verdict;
      slot.evidence = std::move(found.evidence);
      slot.also = std::move(found.also);
      slot.notes = std::move(found.notes);
    }
  };
  RunOnThreads(
      std::min<size_t>(std::thread::hardware_concurrency(), result.claims.size()), work);

  // Not much longer, but most of it traces the other way round (the sources'
  // claims are in the "release", not the release's in the sources): the
  // inputs are swapped all the same. Tried only when little traced.
  Share forward{0, result.claims.size()};
  for (const CheckedClaim& c : result.claims) forward.traced += Traced(c.finding.verdict);
  if (!swapped_by_length && forward.claims >= kReverseMinClaims &&
      forward.Value() < kReverseBelowShare) {
    std::optional<Share> reverse = ReverseShare(result.release, result.sources, options);
    if (reverse && reverse->claims >= kReverseMinClaims &&
        reverse->Value() >= kReverseAboveShare &&
        reverse->Value() >= kReverseRatio * forward.Value() &&
        reverse->traced >= kReverseRatio * forward.traced) {
      warn("inputs-swapped",
           fmt::format("{} of the sources' {} claims trace in {}, but only {} of its {} "
                       "in the sources: were the release and the report given the other "
                       "way round? (check RELEASE SOURCE..., or --source REPORT RELEASE)",
                       reverse->traced, reverse->claims, result.release.path(),
                       forward.traced, forward.claims),
           result.release.path(), 0);
    }
  }

  Result<std::vector<InlineAcceptance>> inline_accepts =
      FindInlineAcceptances(result.release);
  if (!inline_accepts.ok()) {
    // Check(paths) refuses such a release; documents given directly get a
    // warning rather than no result.
    warn("bad-inline-acceptance", inline_accepts.status().message(),
         result.release.path(), 0);
  }
  for (const InlineAcceptance& a :
       inline_accepts.ok() ? *inline_accepts : std::vector<InlineAcceptance>()) {
    int accepted_here = 0;
    for (CheckedClaim& c : result.claims) {
      if (c.finding.claim.block != a.block || c.accepted) continue;
      if (!options.policy.fail_on.count(c.finding.verdict)) continue;
      c.accepted = true;
      c.accepted_reason = a.reason;
      ++accepted_here;
    }
    if (accepted_here == 0) {
      warn("unused-acceptance",
           fmt::format("{}:{}: the inline acceptance accepts no failing claim in the "
                       "paragraph after it; remove it",
                       result.release.path(), a.line),
           result.release.path(), a.line);
    }
  }

  for (CheckedClaim& c : result.claims) {
    c.fails = !c.accepted && options.policy.fail_on.count(c.finding.verdict) > 0;
  }
  for (const Acceptance& a : options.policy.accepted) {
    if (used.count(a.fingerprint) == 0) {
      std::string where = options.policy.path.empty()
                              ? ""
                              : fmt::format(" ({}:{})", options.policy.path, a.line);
      warn("unused-acceptance",
           fmt::format("accepted claim {}{} is not in this release any more; "
                       "remove it from the policy file (claimtrace baseline --prune)",
                       a.fingerprint, where),
           options.policy.path.empty() ? result.release.path() : options.policy.path,
           options.policy.path.empty() ? 0 : a.line);
    }
  }
  return result;
}

}  // namespace

Result<CheckResult> Check(Document release, std::vector<Document> sources,
                          const CheckOptions& options) {
  std::string paths = release.path();
  for (const Document& source : sources) paths += " against " + source.path();
  try {
    return RunPipeline(std::move(release), std::move(sources), options);
  } catch (const std::bad_alloc&) {
    return Status::InvalidInput(
        fmt::format("{}: out of memory while checking; lower --max-input-size, "
                    "--max-release-size or --max-claims to refuse such inputs early",
                    paths));
  }
}

void MergeUnusedAcceptances(std::vector<CheckResult>* results) {
  std::map<std::string, std::set<std::string>> used;  // policy file -> fingerprints
  for (const CheckResult& r : *results) {
    for (const CheckedClaim& c : r.claims) {
      if (c.accepted && !r.policy.path.empty()) used[r.policy.path].insert(c.fingerprint);
    }
  }
  std::set<std::pair<std::string, int>> reported;  // policy file, line
  for (CheckResult& r : *results) {
    std::vector<Warning> warnings;
    std::vector<CheckResult::Place> places;
    for (size_t i = 0; i < r.warnings.size(); ++i) {
      CheckResult::Place place = i < r.warning_places.size()
                                     ? r.warning_places[i]
                                     : CheckResult::Place{r.release.path(), 0};
      if (r.warnings[i].code == "unused-acceptance" && !r.policy.path.empty() &&
          place.path == r.policy.path) {
        auto a = std::find_if(r.policy.accepted.begin(), r.policy.accepted.end(),
                              [&](const Acceptance& a) { return a.line == place.line; });
        bool in_use =
            a != r.policy.accepted.end() && used[r.policy.path].count(a->fingerprint) > 0;
        if (in_use || !reported.insert({place.path, place.line}).second) continue;
      }
      warnings.push_back(std::move(r.warnings[i]));
      places.push_back(std::move(place));
    }
    r.warnings = std::move(warnings);
    r.warning_places = std::move(places);
  }
}

namespace {

// Check() on loaded documents, refusing a malformed inline acceptance.
Result<CheckResult> CheckLoaded(Document release, std::vector<Document> sources,
                                const CheckOptions& options) {
  if (auto inline_accepts = FindInlineAcceptances(release); !inline_accepts.ok()) {
    return inline_accepts.status();
  }
  return Check(std::move(release), std::move(sources), options);
}

}  // namespace

Result<CheckResult> CheckRelease(const std::string& release_path,
                                 std::vector<Document> sources,
                                 const CheckOptions& options) {
  if (sources.empty()) {
    return Status::InvalidArgument("no source given: name the report the release cites");
  }
  Result<Document> release =
      LoadDocument(release_path, options.release_format, options.limits.ForRelease());
  if (!release.ok()) return release.status();
  return CheckLoaded(std::move(release).value(), std::move(sources), options);
}

Result<CheckResult> Check(const std::string& release_path,
                          const std::vector<std::string>& source_paths,
                          const CheckOptions& options) {
  if (source_paths.empty()) {
    return Status::InvalidArgument("no source given: name the report the release cites");
  }
  Result<Document> release =
      LoadDocument(release_path, options.release_format, options.limits.ForRelease());
  if (!release.ok()) return release.status();
  std::vector<Document> sources;
  for (const std::string& path : source_paths) {
    Result<Document> source =
        LoadDocument(path, options.source_format, options.limits.ForSource());
    if (!source.ok()) return source.status();
    sources.push_back(std::move(source).value());
  }
  return CheckLoaded(std::move(release).value(), std::move(sources), options);
}

}  // namespace claimtrace
