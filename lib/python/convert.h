// The Python module's side of the library: inputs as the caller gave them
// (a file or bytes in memory), and the claims of a check as plain values
// copied out of a CheckResult for Python to read.
//
// Nothing here touches a Python object, so module.cc runs all of it with the
// GIL released. Field meanings and units follow the JSON report
// (docs/schema.json): spans are file byte offsets, lines 1-based.
#ifndef CLAIMTRACE_PYTHON_CONVERT_H_
#define CLAIMTRACE_PYTHON_CONVERT_H_

#include <optional>
#include <string>
#include <vector>

#include "claimtrace/check.h"
#include "claimtrace/extract.h"
#include "claimtrace/options.h"

namespace claimtrace::python {

// A release or source: a file to load, or bytes held in memory.
struct Input {
  bool is_path = true;
  // The path; for bytes, the name they go by in messages and reports.
  std::string name;
  std::string bytes;  // the content, when !is_path
  // This input's format, overriding the check's; nullopt: the check's.
  std::optional<DocumentFormat> format;
};

// Loads `input` as LoadDocument() or ParseText() would, with the same
// messages. `format` applies unless the input names its own.
Result<Document> Load(const Input& input, DocumentFormat format);

// Loads the sources and then the release, stopping at the first error, and
// checks them, as the command line does.
Result<CheckResult> CheckInputs(const Input& release, const std::vector<Input>& sources,
                                const CheckOptions& options);

// A quantity as the JSON report's "value".
struct PyValue {
  std::string kind;  // "count", "percent", ...
  double value = 0;
  std::optional<double> to;
  bool is_change = false;
  std::string unit, per, qualifier, counted;
  std::optional<std::string> date;  // "YYYY-MM-DD", "YYYY-MM" or "YYYY"
};

// The source passage a claim was traced to (the JSON report's "match").
struct PyEvidence {
  int source = 0;           // index into the sources
  std::string source_name;  // that source's path or name
  size_t start = 0, end = 0;
  int line = 0;
  std::optional<int> page;
  std::string label, section, passage;
  double coverage = 0;
  std::optional<std::string> source_value;
  std::vector<int> also;  // the other sources holding the quotation too
};

// One step of the word diff from the source passage to the quotation.
struct PyDiffOp {
  std::string op;  // "same", "dropped", "added", "changed", "elided"
  std::string quote, source;
};

struct PyClaim {
  std::string kind;  // "quote" or "number"
  std::string text;
  size_t start = 0, end = 0;  // file byte offsets in the release
  int line = 0, column = 0;
  std::optional<std::string> verdict;        // nullopt for extract()
  std::optional<std::string> role, speaker;  // quotes only
  std::optional<PyValue> value;              // numbers only
  std::optional<PyEvidence> evidence;        // when something matched
  std::vector<PyDiffOp> diff;
  std::vector<std::string> notes;
  std::string fingerprint;
  bool accepted = false;
  std::string accepted_reason;
  bool fails = false;
  std::string cites, reference;
};

struct PyWarning {
  std::string code, message;
};

// Returns the checked claims of `result`, in release order.
std::vector<PyClaim> CheckedClaims(const CheckResult& result);
// Returns the claims of an extraction (no verdicts), in release order.
std::vector<PyClaim> ExtractedClaims(const Document& release,
                                     const Extraction& extraction);

}  // namespace claimtrace::python

#endif  // CLAIMTRACE_PYTHON_CONVERT_H_
