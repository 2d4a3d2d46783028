// Fuzzes the rtf loader: any bytes load or are refused with a message
// naming the file, never crash, hang or break the document's invariants.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  claimtrace::fuzz::LoadAndCheck(data, size, claimtrace::DocumentFormat::kRtf);
  return 0;
}
