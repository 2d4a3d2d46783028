// Fuzzes the policy file reader: any bytes give a policy or an error naming
// the file, and a policy read back from FormatPolicy() is the same policy.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "claimtrace/options.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace claimtrace;
  static const std::string path =
      "/tmp/claimtrace-fuzz-policy-" + std::to_string(getpid());
  auto write = [](const std::string& text) {
    FILE* f = std::fopen(path.c_str(), "wb");
    fuzz::Require(f != nullptr, "temporary policy file opens");
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  };
  write(std::string(reinterpret_cast<const char*>(data), size));
  Result<Policy> policy = LoadPolicy(path);
  if (!policy.ok()) {
    fuzz::Require(policy.status().message().rfind(path, 0) == 0, "error names the file");
    return 0;
  }
  write(FormatPolicy(*policy));
  Result<Policy> again = LoadPolicy(path);
  fuzz::Require(again.ok(), "a formatted policy reads back");
  fuzz::Require(again->fail_on == policy->fail_on, "fail_on round-trips");
  fuzz::Require(again->accepted.size() == policy->accepted.size(),
                "accepted round-trips");
  return 0;
}
