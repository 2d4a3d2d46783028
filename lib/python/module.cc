// claimtrace._core: the library for Python (pybind11). The package
// claimtrace/ re-exports it; claimtrace/__init__.pyi documents its types.
//
// Arguments become plain C++ values while the GIL is held; loading, checking
// and rendering then run with the GIL released, so a thread pool checks
// releases in parallel. A library failure (a Status) is raised as
// claimtrace.InputError (bad file or text), claimtrace.UsageError (bad
// argument) or claimtrace.Error (anything else) with the library's message,
// which is the command line's exit-2 message without its "claimtrace: ". A
// C++ exception from below becomes claimtrace.Error, never a crash.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>

#include "claimtrace/report.h"
#include "python/convert.h"
#include "python/docstrings.h"
#include "report/report_internal.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace claimtrace::python {
namespace {

// The exception classes, created once at import and never freed.
PyObject* g_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_usage_error = nullptr;

[[noreturn]] void Raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

[[noreturn]] void RaiseStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidInput:
    case Status::Code::kIoError:
      Raise(g_input_error, status.message());
    case Status::Code::kInvalidArgument:
      Raise(g_usage_error, status.message());
    default:
      Raise(g_error, status.message());
  }
}

// Runs `work` (with the GIL released by the caller) so that nothing it
// throws escapes as a C++ exception.
template <typename T>
Result<T> Guarded(const std::function<Result<T>()>& work) {
  try {
    return work();
  } catch (const std::exception& e) {
    return Status::Internal(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    return Status::Internal("internal error");
  }
}

DocumentFormat FormatArg(const std::string& name, const char* argument) {
  DocumentFormat format;
  if (!ParseFormatName(name, &format)) {
    Raise(g_usage_error,
          fmt::format("unknown {} '{}' (auto, text, markdown, html, pdf, docx)", argument,
                      name));
  }
  return format;
}

// Returns a report as a str. The loaders guarantee UTF-8 text, so the
// replacement character should never appear; if a bug lets a stray byte
// through, a reader still gets the report rather than a UnicodeDecodeError.
py::str Utf8(const std::string& s) {
  PyObject* str =
      PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!str) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(str);
}

// Text held in memory, with the format to read it in and a name for
// messages and reports. Plain bytes are Text with the defaults.
struct Text {
  std::string content;
  std::string format = "auto";
  std::optional<std::string> name;
};

// The GIL-free half of a Python-side result: the check and its rendering.
struct PyCheckResult {
  std::shared_ptr<const CheckResult> result;
  py::list claims;
  py::list warnings;

  py::str Render(ReportFormat format, ReportOptions options) const {
    options.tool_version = std::string(Version());
    std::string out;
    {
      py::gil_scoped_release nogil;
      out = RenderReport(*result, format, options);
    }
    return Utf8(out);
  }
};

struct ExtractState {
  Document release;
  Extraction extraction;
};

struct PyExtraction {
  std::shared_ptr<const ExtractState> state;
  py::list claims;

  py::str Render(ReportFormat format) const {
    std::string out;
    {
      py::gil_scoped_release nogil;
      out = RenderClaims(state->release, state->extraction, format);
    }
    return Utf8(out);
  }
};

bool IsPath(py::handle obj) {
  return py::isinstance<py::str>(obj) || py::hasattr(obj, "__fspath__");
}

bool IsSingleInput(py::handle obj) {
  return IsPath(obj) || py::isinstance<py::bytes>(obj) ||
         py::isinstance<py::bytearray>(obj) || py::isinstance<Text>(obj);
}

// Returns the input `obj` stands for; `name` is the name bytes go by.
Input ToInput(py::handle obj, const std::string& name, const char* what) {
  Input input;
  if (py::isinstance<Text>(obj)) {
    const Text& text = obj.cast<const Text&>();
    input.is_path = false;
    input.bytes = text.content;
    input.name = text.name.value_or(name);
    input.format = FormatArg(text.format, "format");
  } else if (py::isinstance<py::bytes>(obj) || py::isinstance<py::bytearray>(obj)) {
    input.is_path = false;
    input.bytes = py::isinstance<py::bytes>(obj)
                      ? obj.cast<std::string>()
                      : std::string(py::reinterpret_borrow<py::bytearray>(obj));
    input.name = name;
  } else if (IsPath(obj)) {
    // fsencode: the file system's bytes, undoing surrogateescape.
    input.name = py::module_::import("os").attr("fsencode")(obj).cast<std::string>();
  } else {
    throw py::type_error(fmt::format(
        "{} must be a path (str or os.PathLike), bytes or claimtrace.Text, not {}", what,
        std::string(py::str(obj.get_type().attr("__name__")))));
  }
  return input;
}

std::set<Verdict> FailOnArg(py::handle fail_on) {
  std::vector<std::string> names;
  if (py::isinstance<py::str>(fail_on)) {
    // As --fail-on: comma-separated, or "none".
    std::string s = fail_on.cast<std::string>();
    if (s == "none") return {};
    for (size_t start = 0;;) {
      size_t comma = s.find(',', start);
      names.push_back(
          s.substr(start, comma == std::string::npos ? comma : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else {
    for (py::handle name : fail_on) names.push_back(py::str(name).cast<std::string>());
  }
  std::set<Verdict> out;
  for (const std::string& name : names) {
    Verdict v;
    if (!ParseVerdictName(name, &v)) {
      Raise(g_usage_error, fmt::format("unknown verdict '{}' in fail_on", name));
    }
    out.insert(v);
  }
  return out;
}

// The options, checked in the command line's order.
CheckOptions OptionsArg(py::handle fail_on, py::handle config,
                        const std::string& release_format,
                        const std::string& source_format, double min_coverage) {
  CheckOptions options;
  options.release_format = FormatArg(release_format, "release_format");
  options.source_format = FormatArg(source_format, "source_format");
  if (!(min_coverage > 0 && min_coverage <= 1)) {
    Raise(g_usage_error, "min_coverage must be in (0, 1]");
  }
  options.match.min_coverage = min_coverage;
  if (!config.is_none()) {
    if (!IsPath(config)) throw py::type_error("config must be a path or None");
    std::string path =
        py::module_::import("os").attr("fsencode")(config).cast<std::string>();
    Result<Policy> policy = LoadPolicy(path);
    if (!policy.ok()) RaiseStatus(policy.status());
    options.policy = std::move(policy).value();
  }
  if (!fail_on.is_none()) options.policy.fail_on = FailOnArg(fail_on);
  return options;
}

[[noreturn]] void RaiseLoadError(const Status& status, const std::vector<Input>& inputs) {
  for (const Input& input : inputs) {
    if (input.is_path && input.name.find('\n') != std::string::npos &&
        status.code() == Status::Code::kIoError) {
      RaiseStatus(Status::IoError(
          status.message() +
          " (a str is read as a path: pass claimtrace.Text(s) to check the text)"));
    }
  }
  RaiseStatus(status);
}

py::list ClaimList(std::vector<PyClaim> claims) {
  py::list out;
  for (PyClaim& c : claims) out.append(py::cast(std::move(c)));
  return out;
}

PyCheckResult CheckFn(py::handle release, py::handle sources, py::handle fail_on,
                      py::handle config, const std::string& release_format,
                      const std::string& source_format, double min_coverage) {
  std::vector<Input> inputs = {ToInput(release, "<release>", "release")};
  if (IsSingleInput(sources)) {
    inputs.push_back(ToInput(sources, "<source>", "a source"));
  } else {
    int n = 0;
    for (py::handle s : sources) {
      inputs.push_back(ToInput(s, fmt::format("<source {}>", ++n), "a source"));
    }
  }
  CheckOptions options =
      OptionsArg(fail_on, config, release_format, source_format, min_coverage);

  Result<CheckResult> result = Status::Internal("not run");
  std::vector<PyClaim> claims;
  {
    py::gil_scoped_release nogil;
    result = Guarded<CheckResult>([&]() -> Result<CheckResult> {
      std::vector<Input> sources_only(inputs.begin() + 1, inputs.end());
      Result<CheckResult> r = CheckInputs(inputs[0], sources_only, options);
      if (r.ok()) claims = CheckedClaims(*r);
      return r;
    });
  }
  if (!result.ok()) RaiseLoadError(result.status(), inputs);

  PyCheckResult out;
  out.result = std::make_shared<const CheckResult>(std::move(result).value());
  out.claims = ClaimList(std::move(claims));
  for (const Warning& w : out.result->warnings) {
    out.warnings.append(py::cast(PyWarning{w.code, w.message}));
  }
  return out;
}

PyExtraction ExtractFn(py::handle release, const std::string& format) {
  Input input = ToInput(release, "<release>", "release");
  DocumentFormat f = FormatArg(format, "format");
  Result<std::shared_ptr<const ExtractState>> state = Status::Internal("not run");
  std::vector<PyClaim> claims;
  {
    py::gil_scoped_release nogil;
    state = Guarded<std::shared_ptr<const ExtractState>>(
        [&]() -> Result<std::shared_ptr<const ExtractState>> {
          Result<Document> doc = Load(input, f);
          if (!doc.ok()) return doc.status();
          auto s = std::make_shared<ExtractState>();
          s->release = std::move(doc).value();
          s->extraction = Extractor().Extract(s->release);
          claims = ExtractedClaims(s->release, s->extraction);
          return std::shared_ptr<const ExtractState>(std::move(s));
        });
  }
  if (!state.ok()) RaiseLoadError(state.status(), {input});
  return PyExtraction{std::move(state).value(), ClaimList(std::move(claims))};
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
  row["release"] = release;
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
  row["source"] = e ? py::object(py::str(e->source_name)) : py::none();
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

template <typename T>
void Rename(py::class_<T>& cls) {
  cls.attr("__module__") = "claimtrace";
}

void Bind(py::module_& m) {
  py::options options;
  options.disable_function_signatures();  // the docstrings carry readable ones
  m.doc() = kModuleDoc;
  m.attr("__version__") = std::string(Version());

  g_error = PyErr_NewExceptionWithDoc("claimtrace.Error", kErrorDoc, nullptr, nullptr);
  g_input_error = PyErr_NewExceptionWithDoc("claimtrace.InputError", kInputErrorDoc,
                                            g_error, nullptr);
  py::tuple usage_bases =
      py::make_tuple(py::handle(g_error), py::handle(PyExc_ValueError));
  g_usage_error = PyErr_NewExceptionWithDoc("claimtrace.UsageError", kUsageErrorDoc,
                                            usage_bases.ptr(), nullptr);
  if (!g_error || !g_input_error || !g_usage_error) throw py::error_already_set();
  m.attr("Error") = py::handle(g_error);
  m.attr("InputError") = py::handle(g_input_error);
  m.attr("UsageError") = py::handle(g_usage_error);

  py::class_<Text> text(m, "Text", kTextDoc);
  text.def(py::init([](py::object content, std::string format,
                       std::optional<std::string> name) {
             Text t;
             if (py::isinstance<py::str>(content)) {
               t.content = content.cast<std::string>();
             } else if (py::isinstance<py::bytes>(content)) {
               t.content = content.cast<std::string>();
             } else if (py::isinstance<py::bytearray>(content)) {
               t.content = std::string(py::reinterpret_borrow<py::bytearray>(content));
             } else {
               throw py::type_error("Text content must be str or bytes");
             }
             FormatArg(format, "format");
             t.format = std::move(format);
             t.name = std::move(name);
             return t;
           }),
           "content"_a, "format"_a = "auto", "name"_a = py::none())
      .def_property_readonly(
          "content", [](const Text& t) { return py::bytes(t.content); },
          "The text as UTF-8 bytes.")
      .def_readonly("format", &Text::format, "How to read it: auto, text, markdown...")
      .def_readonly("name", &Text::name, "The name used in messages, or None.")
      .def("__repr__", [](const Text& t) {
        return fmt::format("Text({} bytes, format='{}')", t.content.size(), t.format);
      });
  Rename(text);

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
        return fmt::format("Value({}, {}{}{})", v.kind, v.value,
                           v.unit.empty() ? "" : " " + v.unit,
                           v.counted.empty() ? "" : " " + v.counted);
      });
  Rename(value);

  py::class_<PyEvidence> evidence(m, "Evidence", kEvidenceDoc);
  evidence.def_readonly("source", &PyEvidence::source)
      .def_readonly("source_name", &PyEvidence::source_name)
      .def_property_readonly(
          "span", [](const PyEvidence& e) { return py::make_tuple(e.start, e.end); })
      .def_readonly("line", &PyEvidence::line)
      .def_readonly("page", &PyEvidence::page)
      .def_readonly("label", &PyEvidence::label)
      .def_readonly("section", &PyEvidence::section)
      .def_readonly("passage", &PyEvidence::passage)
      .def_readonly("coverage", &PyEvidence::coverage)
      .def_readonly("source_value", &PyEvidence::source_value)
      .def("__repr__", [](const PyEvidence& e) {
        return fmt::format("Evidence({} line {}{})", e.source_name, e.line,
                           e.label.empty() ? "" : " ¶" + e.label);
      });
  Rename(evidence);

  py::class_<PyDiffOp> diff(m, "DiffOp", kDiffOpDoc);
  diff.def_readonly("op", &PyDiffOp::op)
      .def_readonly("quote", &PyDiffOp::quote)
      .def_readonly("source", &PyDiffOp::source)
      .def("__repr__", [](const PyDiffOp& d) {
        return fmt::format("DiffOp({}, quote='{}', source='{}')", d.op, d.quote,
                           d.source);
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
        return fmt::format("<Claim {} {}:{}{}{} “{}”>", c.kind, c.line, c.column,
                           c.verdict ? " " + *c.verdict : "", c.fails ? " FAILS" : "",
                           Shorten(c.text, 60));
      });
  Rename(claim);

  py::class_<PyWarning> warning(m, "CheckWarning", kWarningDoc);
  warning.def_readonly("code", &PyWarning::code)
      .def_readonly("message", &PyWarning::message)
      .def("__repr__", [](const PyWarning& w) {
        return fmt::format("CheckWarning({}: {})", w.code, w.message);
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
          "release", [](const PyCheckResult& r) { return r.result->release.path(); },
          "The release's path, or the name its text goes by.")
      .def_property_readonly(
          "sources",
          [](const PyCheckResult& r) {
            py::list out;
            for (const Document& d : r.result->sources) out.append(d.path());
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
          [](const PyCheckResult& r, std::optional<std::string> timestamp) {
            ReportOptions o;
            o.timestamp = timestamp ? *timestamp : Now();
            return r.Render(ReportFormat::kHtml, o);
          },
          "timestamp"_a = py::none(), kToHtmlDoc)
      .def(
          "to_markdown",
          [](const PyCheckResult& r) { return r.Render(ReportFormat::kMarkdown, {}); },
          kToMarkdownDoc)
      .def(
          "to_sarif",
          [](const PyCheckResult& r) { return r.Render(ReportFormat::kSarif, {}); },
          kToSarifDoc)
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
        return fmt::format("<CheckResult {}: {} claims, {} failing>",
                           r.result->release.path(), r.result->claims.size(), failing);
      });
  Rename(result);

  py::class_<PyExtraction> extraction(m, "Extraction", kExtractionDoc);
  extraction
      .def_property_readonly(
          "claims", [](const PyExtraction& e) { return py::list(e.claims); },
          "The claims in release order (no verdicts).")
      .def_property_readonly(
          "release", [](const PyExtraction& e) { return e.state->release.path(); },
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
        return fmt::format("<Extraction {}: {} claims>", e.state->release.path(),
                           e.state->extraction.claims.size());
      });
  Rename(extraction);

  m.def("check", &CheckFn, "release"_a, "sources"_a, py::kw_only(),
        "fail_on"_a = py::none(), "config"_a = py::none(), "release_format"_a = "auto",
        "source_format"_a = "auto", "min_coverage"_a = MatchOptions().min_coverage,
        kCheckDoc);
  m.def("extract", &ExtractFn, "release"_a, py::kw_only(), "format"_a = "auto",
        kExtractDoc);
}

}  // namespace
}  // namespace claimtrace::python

PYBIND11_MODULE(_core, m) { claimtrace::python::Bind(m); }
