// Check(): the pipeline in one call (load, extract, match, apply the policy)
// and the claim fingerprint that lets a team accept a claim on purpose.
#include "claimtrace/check.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <new>

#include "claimtrace/tokens.h"

namespace claimtrace {
namespace {

// Number of words of context on each side that a fingerprint includes, so
// that two identical quotations in different sentences get different ids.
constexpr size_t kContextWords = 4;

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

}  // namespace

bool CheckResult::Fails() const {
  return std::any_of(claims.begin(), claims.end(),
                     [](const CheckedClaim& c) { return c.fails; });
}

std::string Fingerprint(const Claim& claim, const Document& release) {
  Tokenizer tokenizer;
  std::string key(ClaimKindName(claim.kind));
  key += '\x1f';
  for (const Token& t : tokenizer.Tokenize(release.Slice(claim.span))) {
    key += t.norm;
    key += ' ';
  }
  // Context: the words just before and after the claim in its block.
  if (claim.block >= 0 && claim.block < static_cast<int>(release.blocks().size())) {
    Range block = release.blocks()[claim.block].range;
    std::vector<Token> before = tokenizer.Tokenize(
        release.Slice({block.begin, std::max(block.begin, claim.span.begin)}));
    std::vector<Token> after = tokenizer.Tokenize(
        release.Slice({std::min(block.end, claim.span.end), block.end}));
    key += '\x1f';
    for (size_t i = before.size() > kContextWords ? before.size() - kContextWords : 0;
         i < before.size(); ++i) {
      key += before[i].norm + ' ';
    }
    key += '\x1f';
    for (size_t i = 0; i < after.size() && i < kContextWords; ++i) {
      key += after[i].norm + ' ';
    }
  }
  return HexDigest(key, 16);
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

// The pipeline proper; Check() adds the claim limit and names the release
// if memory runs out.
Result<CheckResult> CheckLoaded(Document release, std::vector<Document> sources,
                                const CheckOptions& options) {
  CheckResult result;
  result.release = std::move(release);
  result.sources = std::move(sources);
  result.policy = options.policy;

  // Built once per process: compiling its patterns costs more than checking
  // a release, and Extract() is const and thread-safe.
  static const Extractor* extractor = new Extractor;
  Extraction extraction = extractor->Extract(result.release);
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
  // What the loaders changed or guessed (encodings, replaced bytes, tracked
  // changes) is shown with the findings, so a reader knows what was read.
  auto add_notes = [&result](const Document& doc) {
    for (const std::string& note : doc.notes())
      result.warnings.push_back({"input-note", doc.path() + ": " + note});
  };
  add_notes(result.release);
  for (const Document& doc : result.sources) add_notes(doc);

  std::map<std::string, const Acceptance*> accepted;
  for (const Acceptance& a : options.policy.accepted) accepted[a.fingerprint] = &a;
  std::map<std::string, int> used;

  for (const Claim& claim : extraction.claims) {
    CheckedClaim checked;
    checked.finding = matcher.Match(claim, result.release);
    checked.fingerprint = Fingerprint(claim, result.release);
    if (auto it = accepted.find(checked.fingerprint); it != accepted.end()) {
      checked.accepted = true;
      checked.accepted_reason = it->second->reason;
      ++used[checked.fingerprint];
    }
    checked.fails =
        !checked.accepted && options.policy.fail_on.count(checked.finding.verdict) > 0;
    result.claims.push_back(std::move(checked));
  }
  for (const Acceptance& a : options.policy.accepted) {
    if (used.count(a.fingerprint) == 0) {
      result.warnings.push_back(
          {"unused-acceptance",
           fmt::format("accepted claim {} is not in this release any more; "
                       "remove it from the policy file",
                       a.fingerprint)});
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
    return CheckLoaded(std::move(release), std::move(sources), options);
  } catch (const std::bad_alloc&) {
    return Status::InvalidInput(
        fmt::format("{}: out of memory while checking; lower --max-input-size, "
                    "--max-release-size or --max-claims to refuse such inputs early",
                    paths));
  }
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
  return Check(std::move(release).value(), std::move(sources), options);
}

}  // namespace claimtrace
