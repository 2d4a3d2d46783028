// Check(): the pipeline in one call (load, extract, match, apply the policy)
// and the claim fingerprint that lets a team accept a claim on purpose.
#include "claimtrace/check.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

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

CheckResult Check(Document release, std::vector<Document> sources,
                  const CheckOptions& options) {
  CheckResult result;
  result.release = std::move(release);
  result.sources = std::move(sources);
  result.policy = options.policy;

  Extractor extractor;
  Extraction extraction = extractor.Extract(result.release);
  result.release_info = extraction.info;

  // The matcher keeps references to result.sources, which no longer moves.
  Matcher matcher(result.sources, options.match);
  result.warnings = matcher.CheckDates(extraction.info);

  std::map<std::string, const Acceptance*> accepted;
  for (const Acceptance& a : options.policy.accepted) accepted[a.fingerprint] = &a;
  std::map<std::string, int> used;

  // Claims are independent and Match() is const: they are matched on every
  // core, each finding in its own slot, so the output does not depend on
  // the schedule.
  const std::vector<Claim>& claims = extraction.claims;
  std::vector<Finding> findings(claims.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < claims.size(); i = next++)
      findings[i] = matcher.Match(claims[i], result.release);
  };
  std::vector<std::thread> pool;
  const size_t threads =
      std::min<size_t>(std::thread::hardware_concurrency(), claims.size());
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();

  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& claim = claims[i];
    CheckedClaim checked;
    checked.finding = std::move(findings[i]);
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

Result<CheckResult> Check(const std::string& release_path,
                          const std::vector<std::string>& source_paths,
                          const CheckOptions& options) {
  if (source_paths.empty()) {
    return Status::InvalidArgument("no source given: name the report the release cites");
  }
  Result<Document> release = LoadDocument(release_path, options.release_format);
  if (!release.ok()) return release.status();
  std::vector<Document> sources;
  for (const std::string& path : source_paths) {
    Result<Document> source = LoadDocument(path, options.source_format);
    if (!source.ok()) return source.status();
    sources.push_back(std::move(source).value());
  }
  return Check(std::move(release).value(), std::move(sources), options);
}

}  // namespace claimtrace
