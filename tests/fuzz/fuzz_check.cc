// Fuzzes a whole check: the input is a release and a source separated by
// the first NUL byte (or the release checked against itself). Every report
// format renders, and the terminal formats are clean UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "claimtrace/check.h"
#include "claimtrace/report.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace claimtrace;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string_view release_bytes = input.substr(0, nul);
  std::string_view source_bytes =
      nul == std::string_view::npos ? release_bytes : input.substr(nul + 1);
  Result<Document> release =
      ParseText("release.txt", std::string(release_bytes), DocumentFormat::kAuto);
  Result<Document> source =
      ParseText("source.txt", std::string(source_bytes), DocumentFormat::kAuto);
  if (!release.ok() || !source.ok()) return 0;
  std::vector<Document> sources;
  sources.push_back(std::move(source).value());
  Result<CheckResult> result = Check(std::move(release).value(), std::move(sources), {});
  if (!result.ok()) return 0;
  ReportOptions options;
  for (ReportFormat format :
       {ReportFormat::kText, ReportFormat::kJson, ReportFormat::kHtml,
        ReportFormat::kMarkdown, ReportFormat::kSarif, ReportFormat::kGithub}) {
    std::string out = RenderReport(*result, format, options);
    fuzz::Require(fuzz::Clean(out, "\t\n"), "report is clean UTF-8");
  }
  return 0;
}
