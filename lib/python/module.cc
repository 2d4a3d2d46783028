// claimtrace._core: the library for Python (pybind11): check(), extract(),
// Text and the exception classes here; the result classes in objects.cc. The
// package claimtrace/ re-exports it; claimtrace/__init__.pyi types it.
//
// Arguments become plain C++ values while the GIL is held; loading, checking
// and rendering then run with the GIL released, so a thread pool checks
// releases in parallel. A library failure (a Status) is raised as
// claimtrace.InputError (bad file or text), claimtrace.UsageError (bad
// argument) or claimtrace.Error (anything else) with the library's message,
// which is the command line's exit-2 message without its "claimtrace: ". A
// C++ exception from below becomes claimtrace.Error, never a crash.
#include <fmt/format.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <memory>

#include "claimtrace/report.h"
#include "python/convert.h"
#include "python/docstrings.h"
#include "python/objects.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace claimtrace::python {
namespace {

// The exception classes, created once at import and never freed.
PyObject* g_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_usage_error = nullptr;

[[noreturn]] void Raise(PyObject* type, const std::string& message) {
  // A message names a path, which may hold bytes that are not UTF-8 (shown
  // escaped, \xff, rather than losing the message) or a NUL (which must not
  // cut the message short).
  PyObject* text = PyUnicode_DecodeUTF8(
      message.data(), static_cast<Py_ssize_t>(message.size()), "backslashreplace");
  if (!text) throw py::error_already_set();
  PyErr_SetObject(type, text);
  Py_DECREF(text);
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

// Text held in memory, with the format to read it in and a name for
// messages and reports. Plain bytes are Text with the defaults.
struct Text {
  std::string content;
  std::string format = "auto";
  std::optional<std::string> name;
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
          s->extraction = ExtractClaims(s->release);
          claims = ExtractedClaims(s->release, s->extraction);
          return std::shared_ptr<const ExtractState>(std::move(s));
        });
  }
  if (!state.ok()) RaiseLoadError(state.status(), {input});
  return PyExtraction{std::move(state).value(), ClaimList(std::move(claims))};
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
               // encode(): a str that is not Unicode text (a lone surrogate)
               // raises UnicodeEncodeError, naming the position.
               t.content = content.attr("encode")("utf-8").cast<std::string>();
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

  BindResults(m);

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
