// CheckResult, Extraction and the claims they hold, as Python classes.
#include "python/objects.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <pybind11/stl.h>

#include <cstdlib>
#include <ctime>

#include "python/convert.h"
#include "python/docstrings.h"
#include "report/report_internal.h"

namespace claimtrace::python {
namespace {

using namespace pybind11::literals;

// Returns a report as a str. The loaders guarantee UTF-8 text, so the
// replacement character should never appear; if a bug lets a stray byte
// through, a reader still gets the report rather than a UnicodeDecodeError.
py::str Utf8(const std::string& s) {
  PyObject* str =
      PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!str) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(str);
}

// Returns a path as os.fsdecode() would: bytes that are not UTF-8 become
// lone surrogates, so the str opens the same file again.
py::str FsPath(const std::string& path) {
  PyObject* str =
      PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size()));
  if (!str) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(str);
}

// The HTML report's time of the check, as the command line records it.
std::string Now() {
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) now = std::atoll(epoch);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
}

std::string Shorten(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

py::object OptionalStr(const std::optional<std::string>& s) {
  return s ? py::object(py::str(*s)) : py::object(py::none());
}

// One row of to_pandas(): the claim flattened, None where it has no value.
py::dict Row(const std::string& release, const PyClaim& c) {
  py::dict row;
  row["release"] = FsPath(release);
  row["kind"] = c.kind;
  row["text"] = c.text;
  row["line"] = c.line;
  row["column"] = c.column;
  row["start"] = c.start;
  row["end"] = c.end;
  row["verdict"] = OptionalStr(c.verdict);
  row["role"] = OptionalStr(c.role);
  row["speaker"] = OptionalStr(c.speaker);
  row["value"] = c.value ? py::object(py::float_(c.value->value)) : py::none();
  row["unit"] = c.value ? py::object(py::str(c.value->unit)) : py::none();
  row["counted"] = c.value ? py::object(py::str(c.value->counted)) : py::none();
  const std::optional<PyEvidence>& e = c.evidence;
  row["source"] = e ? py::object(FsPath(e->source_name)) : py::none();
  row["source_line"] = e ? py::object(py::int_(e->line)) : py::none();
  row["label"] = e ? py::object(py::str(e->label)) : py::none();
  row["section"] = e ? py::object(py::str(e->section)) : py::none();
  row["passage"] = e ? py::object(py::str(e->passage)) : py::none();
  row["fingerprint"] = c.fingerprint;
  row["accepted"] = c.accepted;
  row["fails"] = c.fails;
  return row;
}

constexpr const char* kColumns[] = {
    "release",     "kind",  "text",    "line",    "column",      "start",    "end",
    "verdict",     "role",  "speaker", "value",   "unit",        "counted",  "source",
    "source_line", "label", "section", "passage", "fingerprint", "accepted", "fails"};

}  // namespace

py::str PyCheckResult::Render(ReportFormat format, ReportOptions options) const {
  options.tool_version = std::string(Version());
  std::string out;
  {
    py::gil_scoped_release nogil;
    out = RenderReport(*result, format, options);
  }
  return Utf8(out);
}

py::str PyExtraction::Render(ReportFormat format) const {
  std::string out;
  {
    py::gil_scoped_release nogil;
    out = RenderClaims(state->release, state->extraction, format);
  }
  return Utf8(out);
}

void BindResults(py::module_& m) {
  py::class_<PyValue> value(m, "Value", kValueDoc);
  value.def_readonly("kind", &PyValue::kind)
      .def_readonly("value", &PyValue::value)
      .def_readonly("to", &PyValue::to)
      .def_readonly("is_change", &PyValue::is_change)
      .def_readonly("unit", &PyValue::unit)
      .def_readonly("per", &PyValue::per)
      .def_readonly("qualifier", &PyValue::qualifier)
      .def_readonly("counted", &PyValue::counted)
      .def_readonly("date", &PyValue::date)
      .def("__repr__", [](const PyValue& v) {
        return Utf8(fmt::format("Value({}, {}{}{})", v.kind, v.value,
                                v.unit.empty() ? "" : " " + v.unit,
                                v.counted.empty() ? "" : " " + v.counted));
      });
  Rename(value);

  py::class_<PyEvidence> evidence(m, "Evidence", kEvidenceDoc);
  evidence.def_readonly("source", &PyEvidence::source)
      .def_property_readonly("source_name",
                             [](const PyEvidence& e) { return FsPath(e.source_name); })
      .def_property_readonly(
          "span", [](const PyEvidence& e) { return py::make_tuple(e.start, e.end); })
      .def_readonly("line", &PyEvidence::line)
      .def_readonly("page", &PyEvidence::page)
      .def_readonly("label", &PyEvidence::label)
      .def_readonly("section", &PyEvidence::section)
      .def_readonly("passage", &PyEvidence::passage)
      .def_readonly("coverage", &PyEvidence::coverage)
      .def_readonly("source_value", &PyEvidence::source_value)
      .def_readonly("also", &PyEvidence::also)
      .def("__repr__", [](const PyEvidence& e) {
        return Utf8(fmt::format("Evidence({} line {}{})", e.source_name, e.line,
                                e.label.empty() ? "" : " ¶" + e.label));
      });
  Rename(evidence);

  py::class_<PyDiffOp> diff(m, "DiffOp", kDiffOpDoc);
  diff.def_readonly("op", &PyDiffOp::op)
      .def_readonly("quote", &PyDiffOp::quote)
      .def_readonly("source", &PyDiffOp::source)
      .def("__repr__", [](const PyDiffOp& d) {
        return Utf8(
            fmt::format("DiffOp({}, quote='{}', source='{}')", d.op, d.quote, d.source));
      });
  Rename(diff);

  py::class_<PyClaim> claim(m, "Claim", kClaimDoc);
  claim.def_readonly("kind", &PyClaim::kind)
      .def_readonly("text", &PyClaim::text)
      .def_property_readonly(
          "span", [](const PyClaim& c) { return py::make_tuple(c.start, c.end); },
          "(start, end): byte offsets of the claim in the release file.")
      .def_readonly("line", &PyClaim::line)
      .def_readonly("column", &PyClaim::column)
      .def_readonly("verdict", &PyClaim::verdict)
      .def_readonly("role", &PyClaim::role)
      .def_readonly("speaker", &PyClaim::speaker)
      .def_readonly("value", &PyClaim::value)
      .def_readonly("evidence", &PyClaim::evidence)
      .def_readonly("diff", &PyClaim::diff)
      .def_readonly("notes", &PyClaim::notes)
      .def_readonly("fingerprint", &PyClaim::fingerprint)
      .def_readonly("accepted", &PyClaim::accepted)
      .def_readonly("accepted_reason", &PyClaim::accepted_reason)
      .def_readonly("fails", &PyClaim::fails)
      .def_readonly("cites", &PyClaim::cites)
      .def_readonly("reference", &PyClaim::reference)
      .def("__repr__", [](const PyClaim& c) {
        return Utf8(fmt::format("<Claim {} {}:{}{}{} “{}”>", c.kind, c.line, c.column,
                                c.verdict ? " " + *c.verdict : "",
                                c.fails ? " FAILS" : "", Shorten(c.text, 60)));
      });
  Rename(claim);

  py::class_<PyWarning> warning(m, "CheckWarning", kWarningDoc);
  warning
      .def_readonly("code", &PyWarning::code)
      // The message may name a path that is not UTF-8.
      .def_property_readonly("message",
                             [](const PyWarning& w) { return Utf8(w.message); })
      .def("__repr__", [](const PyWarning& w) {
        return Utf8(fmt::format("CheckWarning({}: {})", w.code, w.message));
      });
  Rename(warning);

  py::class_<PyCheckResult> result(m, "CheckResult", kCheckResultDoc);
  result
      .def_property_readonly(
          "claims", [](const PyCheckResult& r) { return py::list(r.claims); },
          "The claims in release order (a new list each time).")
      .def_property_readonly(
          "warnings", [](const PyCheckResult& r) { return py::list(r.warnings); },
          "Document-level warnings (e.g. source-postdates-release).")
      .def_property_readonly(
          "fails", [](const PyCheckResult& r) { return r.result->Fails(); },
          "True when some claim fails the policy (the command line exits 1).")
      .def_property_readonly(
          "release",
          [](const PyCheckResult& r) { return FsPath(r.result->release.path()); },
          "The release's path, or the name its text goes by.")
      .def_property_readonly(
          "sources",
          [](const PyCheckResult& r) {
            py::list out;
            for (const Document& d : r.result->sources) out.append(FsPath(d.path()));
            return out;
          },
          "The sources' paths or names, in the order given.")
      .def_property_readonly(
          "release_date",
          [](const PyCheckResult& r) -> std::optional<std::string> {
            if (!r.result->release_info.date) return std::nullopt;
            return DateString(*r.result->release_info.date);
          },
          "The release's own date (YYYY-MM-DD, YYYY-MM or YYYY), or None.")
      .def(
          "to_text",
          [](const PyCheckResult& r, bool color, int width) {
            ReportOptions o;
            o.color = color;
            o.width = width;
            return r.Render(ReportFormat::kText, o);
          },
          "color"_a = false, "width"_a = 80, kToTextDoc)
      .def(
          "to_json",
          [](const PyCheckResult& r) { return r.Render(ReportFormat::kJson, {}); },
          kToJsonDoc)
      .def(
          "to_html",
          [](const PyCheckResult& r, std::optional<std::string> timestamp,
             const std::string& command_line) {
            ReportOptions o;
            o.timestamp = timestamp ? *timestamp : Now();
            o.invocation.command_line = command_line;
            return r.Render(ReportFormat::kHtml, o);
          },
          "timestamp"_a = py::none(), "command_line"_a = "", kToHtmlDoc)
      .def(
          "to_markdown",
          [](const PyCheckResult& r) { return r.Render(ReportFormat::kMarkdown, {}); },
          kToMarkdownDoc)
      .def(
          "to_sarif",
          [](const PyCheckResult& r, const std::string& base_dir) {
            ReportOptions o;
            o.base_dir = base_dir;
            return r.Render(ReportFormat::kSarif, o);
          },
          "base_dir"_a = "", kToSarifDoc)
      .def(
          "to_github",
          [](const PyCheckResult& r) { return r.Render(ReportFormat::kGithub, {}); },
          kToGithubDoc)
      .def(
          "to_pandas",
          [](const PyCheckResult& r) {
            py::module_ pandas = py::module_::import("pandas");
            py::list rows;
            for (py::handle c : r.claims) {
              rows.append(Row(r.result->release.path(), c.cast<const PyClaim&>()));
            }
            py::list columns;
            for (const char* name : kColumns) columns.append(name);
            return pandas.attr("DataFrame")(rows, "columns"_a = columns);
          },
          kToPandasDoc)
      .def("__repr__", [](const PyCheckResult& r) {
        int failing = 0;
        for (const CheckedClaim& c : r.result->claims) failing += c.fails;
        return Utf8(fmt::format("<CheckResult {}: {} claims, {} failing>",
                                r.result->release.path(), r.result->claims.size(),
                                failing));
      });
  Rename(result);

  py::class_<PyExtraction> extraction(m, "Extraction", kExtractionDoc);
  extraction
      .def_property_readonly(
          "claims", [](const PyExtraction& e) { return py::list(e.claims); },
          "The claims in release order (no verdicts).")
      .def_property_readonly(
          "release",
          [](const PyExtraction& e) { return FsPath(e.state->release.path()); },
          "The release's path, or the name its text goes by.")
      .def_property_readonly(
          "release_date",
          [](const PyExtraction& e) -> std::optional<std::string> {
            if (!e.state->extraction.info.date) return std::nullopt;
            return DateString(*e.state->extraction.info.date);
          },
          "The release's own date, or None.")
      .def(
          "to_text", [](const PyExtraction& e) { return e.Render(ReportFormat::kText); },
          "to_text() -> str\n\nThe listing `claimtrace extract` prints.")
      .def(
          "to_json", [](const PyExtraction& e) { return e.Render(ReportFormat::kJson); },
          "to_json() -> str\n\nThe JSON `claimtrace extract --format json` prints.")
      .def("__repr__", [](const PyExtraction& e) {
        return Utf8(fmt::format("<Extraction {}: {} claims>", e.state->release.path(),
                                e.state->extraction.claims.size()));
      });
  Rename(extraction);
}

}  // namespace claimtrace::python
