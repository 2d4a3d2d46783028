// Uses the installed library the way another project would.
#include <claimtrace/check.h>
#include <claimtrace/report.h>

#include <cstdio>
int main(int argc, char** argv) {
  auto r = claimtrace::Check(argv[1], {argv[2]}, {});
  if (!r.ok()) {
    std::puts(r.status().message().c_str());
    return 2;
  }
  std::printf("%s",
              claimtrace::RenderReport(*r, claimtrace::ReportFormat::kText, {}).c_str());
  return r->Fails() ? 1 : 0;
}
