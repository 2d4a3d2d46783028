// Benchmark: checking claims against large synthetic report-like sources.
//
// Builds sources of the given sizes (default 1 MB and 50 MB) from a fixed-
// seed word list: numbered paragraphs, headings, quantities. A release quotes
// sentences of the source verbatim, altered (a word changed or dropped) and
// invented, and states numbers. Reports, for each size, figures as ratios to
// a baseline measured in the same run (tokenizing the source once), so the
// numbers compare across machines:
//   index / baseline    cost of indexing the source, in "tokenize once" units
//   per claim           microseconds per claim, and the 50 MB : 1 MB ratio
// and the planted quotes' verdicts, as a sanity check. Usage:
//   claimtrace_bench [MEGABYTES...]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "claimtrace/check.h"
#include "claimtrace/tokens.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// A Zipf-distributed vocabulary, as in real text: a few function words are
// everywhere, most words are rare. Words are made from syllables.
class Vocabulary {
 public:
  explicit Vocabulary(std::mt19937* rng) {
    const char* const kFunction[] = {"the",  "and",  "of",   "to",   "in",
                                     "are",  "is",   "with", "for",  "their",
                                     "that", "have", "been", "this", "by"};
    for (const char* w : kFunction) words_.push_back(w);
    const char* const kSyllables[] = {
        "ca",   "re",   "chil", "dren", "fa",  "mi",    "lies", "so",   "cial",
        "lea",  "ders", "sup",  "port", "ef",  "fec",   "tive", "ti",   "me",
        "ly",   "prac", "ser",  "vi",   "ces", "coun",  "cil",  "plan", "as",
        "sess", "ment", "qua",  "li",   "ty",  "strong"};
    std::uniform_int_distribution<size_t> syl(0, std::size(kSyllables) - 1), n(2, 4);
    while (words_.size() < 20000) {
      std::string w;
      for (size_t k = n(*rng); k > 0; --k) w += kSyllables[syl(*rng)];
      words_.push_back(w);
    }
    std::vector<double> weights;
    for (size_t r = 1; r <= words_.size(); ++r) weights.push_back(1.0 / r);
    pick_ = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }
  const std::string& Next(std::mt19937* rng) { return words_[pick_(*rng)]; }

 private:
  std::vector<std::string> words_;
  std::discrete_distribution<size_t> pick_;
};

struct Corpus {
  std::string source;
  std::vector<std::string> sentences;  // some of the source's sentences
};

Corpus MakeSource(size_t bytes, std::mt19937* rng) {
  Corpus c;
  Vocabulary vocabulary(rng);
  std::uniform_int_distribution<size_t> len(8, 24), n(2, 900);
  int paragraph = 0;
  c.source = "# Synthetic inspection report\n\n";
  while (c.source.size() < bytes) {
    if (paragraph % 25 == 0)
      c.source += "## Section " + std::to_string(paragraph / 25 + 1) + "\n\n";
    std::string text = std::to_string(++paragraph) + ". ";
    for (int s = 0; s < 5; ++s) {
      std::string sentence;
      size_t words = len(*rng);
      for (size_t w = 0; w < words; ++w) {
        if (w) sentence += ' ';
        sentence += vocabulary.Next(rng);
        if (w == words / 2 && s == 2)
          sentence += " " + std::to_string(n(*rng)) + " cases";
      }
      sentence[0] = static_cast<char>(sentence[0] - 'a' + 'A');
      sentence += '.';
      if (paragraph % 97 == 0 && s == 1) c.sentences.push_back(sentence);
      text += sentence + ' ';
    }
    c.source += text + "\n\n";
  }
  return c;
}

std::string MakeRelease(const Corpus& c, size_t quotes, std::mt19937* rng,
                        size_t* planted) {
  std::string release = "Council welcomes the report\n";
  std::uniform_int_distribution<size_t> pick(0, c.sentences.size() - 1);
  *planted = 0;
  for (size_t i = 0; i < quotes && !c.sentences.empty(); ++i) {
    std::string s = c.sentences[pick(*rng)];
    switch (i % 3) {
      case 0:
        break;  // verbatim
      case 1:
        s.replace(s.find(' '), 1, " really ");
        break;  // altered: a word added
      case 2:
        s = "Everything here was invented by the press office today.";
        break;
    }
    release += "The report found that “" + s + "”\n";
    release += "It handled " + std::to_string(100 + i) + " cases last year.\n";
    ++*planted;
  }
  return release;
}

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::stoul(argv[i]));
  if (sizes.empty()) sizes = {1, 50};
  std::printf("%-6s %10s %10s %12s %12s %12s %10s %s\n", "MB", "tokenize", "index",
              "index/tok", "claims", "us/claim", "rss MB",
              "verdicts (verbatim/altered/untraced)");
  std::vector<double> per_claims, index_ratios;
  for (size_t mb : sizes) {
    std::mt19937 rng(20261123);
    Corpus corpus = MakeSource(mb << 20, &rng);
    size_t planted = 0;
    std::string release_text = MakeRelease(corpus, 60, &rng, &planted);
    auto source = claimtrace::ParseText("synthetic-report.md", corpus.source);
    auto release = claimtrace::ParseText("synthetic-release.txt", release_text);
    if (!source.ok() || !release.ok()) return 2;

    auto t0 = Clock::now();
    {
      claimtrace::Tokenizer tokenizer;
      volatile size_t n = tokenizer.Tokenize(*source).size();
      (void)n;
    }
    auto t1 = Clock::now();
    std::vector<claimtrace::Document> sources;
    sources.push_back(std::move(source).value());
    claimtrace::Matcher matcher(sources);
    auto t2 = Clock::now();
    claimtrace::Extractor extractor;
    claimtrace::Extraction extraction = extractor.Extract(*release);
    int counts[3] = {0, 0, 0};
    double quote_seconds = 0;
    auto t3 = Clock::now();
    for (const claimtrace::Claim& claim : extraction.claims) {
      auto c0 = Clock::now();
      claimtrace::Finding f = matcher.Match(claim, *release);
      if (claim.kind != claimtrace::ClaimKind::kQuote) continue;
      quote_seconds += Seconds(c0, Clock::now());
      counts[0] += f.verdict == claimtrace::Verdict::kVerbatim;
      counts[1] += f.verdict == claimtrace::Verdict::kAltered;
      counts[2] += f.verdict == claimtrace::Verdict::kUntraced;
    }
    auto t4 = Clock::now();
    double tokenize = Seconds(t0, t1), index = Seconds(t1, t2);
    double per_claim =
        Seconds(t3, t4) / std::max<size_t>(1, extraction.claims.size()) * 1e6;
    per_claims.push_back(per_claim);
    std::printf("       quotes take %.0f%% of the matching time\n",
                100 * quote_seconds / std::max(1e-9, Seconds(t3, t4)));
    index_ratios.push_back(index / tokenize);
    std::printf("%-6zu %9.2fs %9.2fs %12.2f %12zu %12.1f %10ld %d/%d/%d of %zu planted\n",
                mb, tokenize, index, index / tokenize, extraction.claims.size(),
                per_claim, PeakRssMb(), counts[0], counts[1], counts[2], planted);
  }
  if (per_claims.size() > 1) {
    std::printf(
        "from %zu MB to %zu MB: per-claim time x%.2f, index/tokenize ratio x%.2f\n",
        sizes.front(), sizes.back(), per_claims.back() / per_claims.front(),
        index_ratios.back() / index_ratios.front());
  }
  return 0;
}
