// The Python objects a check returns: CheckResult and Extraction, which
// keep the library's result for rendering, and the plain claims, values,
// evidence and warnings they hand out (see convert.h). All immutable.
#ifndef CLAIMTRACE_PYTHON_OBJECTS_H_
#define CLAIMTRACE_PYTHON_OBJECTS_H_

#include <pybind11/pybind11.h>

#include <memory>

#include "claimtrace/check.h"
#include "claimtrace/extract.h"
#include "claimtrace/report.h"

namespace claimtrace::python {

namespace py = pybind11;

// check()'s result: the library's (immutable and shared, so it renders
// without the GIL) and the Claim objects built from it once.
struct PyCheckResult {
  std::shared_ptr<const CheckResult> result;
  py::list claims;
  py::list warnings;

  // Returns the report, rendered with the GIL released.
  py::str Render(ReportFormat format, ReportOptions options) const;
};

// extract()'s result: the release and its claims.
struct ExtractState {
  Document release;
  Extraction extraction;
};

struct PyExtraction {
  std::shared_ptr<const ExtractState> state;
  py::list claims;

  // Returns the listing, rendered with the GIL released.
  py::str Render(ReportFormat format) const;
};

// Binds Value, Evidence, DiffOp, Claim, CheckWarning, CheckResult and
// Extraction in `m`.
void BindResults(py::module_& m);

// Shows a bound class as claimtrace.Name (in help() and repr), not as the
// extension module's claimtrace._core.Name.
template <typename T>
void Rename(py::class_<T>& cls) {
  cls.attr("__module__") = "claimtrace";
}

}  // namespace claimtrace::python

#endif  // CLAIMTRACE_PYTHON_OBJECTS_H_
