// The Python module's docstrings, what help() and notebooks show. Function
// docstrings start with their signature: pybind11's own would print the C++
// types. Keep them in step with claimtrace/__init__.pyi.
#ifndef CLAIMTRACE_PYTHON_DOCSTRINGS_H_
#define CLAIMTRACE_PYTHON_DOCSTRINGS_H_

namespace claimtrace::python {

inline constexpr const char* kModuleDoc =
    R"(Check a press release against the official report it cites.

claimtrace extracts every quotation and numeric claim of a release, traces
each to the passage of the report it came from, and flags what it cannot
trace. This module runs the same library as the `claimtrace` command line:

    >>> import claimtrace
    >>> result = claimtrace.check("release.txt", ["report.pdf"])
    >>> [c.text for c in result.claims if c.fails]
    >>> result.to_pandas()          # one row per claim

Inputs: a path (str or os.PathLike) is a file to read; bytes are a file's
content held in memory; claimtrace.Text("...", format="markdown") is text
held in a str. A str is always a path, never text, so that a mistyped file
name is an error rather than a one-line release.

Errors raise claimtrace.InputError (a file or text that cannot be read),
claimtrace.UsageError (an impossible argument), both claimtrace.Error.
Checking releases the GIL: a thread pool checks many releases at once.)";

inline constexpr const char* kErrorDoc =
    "Base class of claimtrace's errors. The message is what the command line\n"
    "prints before exiting 2, without its 'claimtrace: '.";
inline constexpr const char* kInputErrorDoc =
    "An input cannot be read: missing, a directory, empty, binary, not UTF-8, a\n"
    "broken or scanned PDF, a bad policy file. The message names the file (or\n"
    "the name given to text) and what is wrong with it.";
inline constexpr const char* kUsageErrorDoc =
    "An impossible argument: no source, an unknown verdict or format, a\n"
    "min_coverage outside (0, 1]. Also a ValueError.";

inline constexpr const char* kTextDoc = R"(Text(content, format='auto', name=None)

A release or source held in memory rather than in a file.

content: str (encoded as UTF-8) or bytes (a file's content: text, Markdown,
    HTML, .docx or PDF).
format: 'auto' (chosen from the content, then from the name's extension),
    'text', 'markdown', 'html', 'pdf' or 'docx'.
name: what messages and reports call it; default '<release>', '<source>'
    or '<source N>'.

Plain bytes passed to check() are Text(bytes).)";

inline constexpr const char* kValueDoc =
    "A numeric claim's quantity, normalised: kind ('count', 'percent', 'money',\n"
    "...), value (20 for 20%), to (a range's or change's second value, or None),\n"
    "is_change, unit ('%', 'GBP'...), per, qualifier ('more than'...), counted\n"
    "(the counted noun) and date ('YYYY-MM-DD', 'YYYY-MM', 'YYYY' or None).";
inline constexpr const char* kEvidenceDoc =
    "The source passage a claim was traced to: source (index into the sources),\n"
    "source_name, span (byte offsets in the source file; in the extracted text\n"
    "for PDF and .docx), line, page (PDF) or None, label (the paragraph's number),\n"
    "section (its heading), passage (the sentences around it), coverage (share\n"
    "of a quotation's words aligned), source_value (numbers: the value as the\n"
    "source states it, or None) and also (the other sources, by index, that hold\n"
    "the quotation too).";
inline constexpr const char* kDiffOpDoc =
    "One step of the word diff from the source passage to a quotation: op is\n"
    "'same', 'dropped', 'added', 'changed' or 'elided'; quote and source are the\n"
    "words as written in the release and in the source.";
inline constexpr const char* kClaimDoc = R"(One quotation or numeric claim of the release.

kind: 'quote' or 'number'.  text: the quotation (without its marks) or the
number phrase.  span: (start, end) byte offsets in the release file.
line, column: where it starts (1-based; column in characters).
verdict: 'verbatim', 'altered', 'untraced', 'attributed' (quotes), 'traced',
    'mismatch', 'untraced' (numbers); None from extract().
role: 'source', 'speaker' or 'term' (quotes; None for numbers).
speaker: the named person for role 'speaker' (quotes; None for numbers).
value: the Value of a number (None for quotes).
evidence: the Evidence it was traced to, or None.
diff: the word diff (list of DiffOp) from the source to an altered quote.
notes: short remarks for a reader.  fingerprint: the stable id a policy file
accepts it by.  accepted, accepted_reason: accepted on purpose by the policy.
fails: counts against the policy.  cites, reference: its footnote.)";
inline constexpr const char* kWarningDoc =
    "A document-level warning: code ('source-postdates-release', ...) and message.";

inline constexpr const char* kCheckResultDoc = R"(The outcome of check().

claims (list of Claim, release order), warnings (list of CheckWarning), fails
(bool), release, sources, release_date; the reports the command line
writes: to_text(), to_json(), to_html(), to_markdown(), to_sarif(),
to_github(); and to_pandas().)";
inline constexpr const char* kToTextDoc = R"(to_text(color=False, width=80) -> str

The terminal listing, as `claimtrace check` prints it.)";
inline constexpr const char* kToJsonDoc = R"(to_json() -> str

The JSON report (docs/schema.json): the same bytes, once encoded as UTF-8, as
`claimtrace check --format json` writes for the same inputs.)";
inline constexpr const char* kToHtmlDoc =
    R"(to_html(timestamp=None, command_line='') -> str

The self-contained HTML audit report, as `claimtrace check --format html`.
timestamp: the time of the check to record (ISO 8601); None: now, or
SOURCE_DATE_EPOCH when set, as the command line does; '': none.
command_line: how the check was run, recorded with the inputs (the command
    line records its own); '': none.)";
inline constexpr const char* kToMarkdownDoc = R"(to_markdown() -> str

The Markdown summary for a pull-request comment, as `--format markdown`.)";
inline constexpr const char* kToSarifDoc = R"(to_sarif(base_dir='') -> str

SARIF 2.1.0, as `--format sarif`, but its invocation names no command line.
base_dir: the absolute folder (a repository's root) that artifact paths are
    made relative to; '': paths as given.)";
inline constexpr const char* kToGithubDoc = R"(to_github() -> str

GitHub workflow annotations, as `--format github`.)";
inline constexpr const char* kToPandasDoc = R"(to_pandas() -> pandas.DataFrame

One row per claim, in release order, with the columns release, kind, text,
line, column, start, end, verdict, role, speaker, value, unit, counted,
source, source_line, label, section, passage, fingerprint, accepted, fails
(None where a claim has no such field). Needs pandas; raises ImportError
without it.)";
inline constexpr const char* kExtractionDoc = R"(The outcome of extract().

claims (list of Claim, without verdicts), release, release_date, and the
listings `claimtrace extract` writes: to_text(), to_json().)";

inline constexpr const char* kCheckDoc =
    R"(check(release, sources, *, fail_on=None, config=None, release_format='auto', source_format='auto', min_coverage=0.66) -> CheckResult

Check a release against the report(s) it cites, as `claimtrace check`.

release: a path (str or os.PathLike), bytes, or claimtrace.Text.
sources: one such input or a list of them.
fail_on: the verdicts that fail: a list of names, or a string as --fail-on
    takes it ('altered,mismatch' or 'none'); None: the policy's (default
    altered, mismatch, untraced).
config: a policy file (claimtrace.toml) to read, or None for none. Unlike
    the command line, ./claimtrace.toml is not read unless named here.
release_format, source_format: 'auto', 'text', 'markdown', 'html', 'pdf' or
    'docx', for inputs that do not name their own (Text(format=...)).
min_coverage: least share of a quotation's words one passage must align
    with for 'altered' rather than 'untraced'.

Raises InputError for an input that cannot be read (the message names it),
UsageError for an impossible argument, TypeError for an input of another
type. Runs without the GIL.)";
inline constexpr const char* kExtractDoc =
    R"(extract(release, *, format='auto') -> Extraction

List a release's claims without checking them, as `claimtrace extract`.
release: a path (str or os.PathLike), bytes, or claimtrace.Text.)";

}  // namespace claimtrace::python

#endif  // CLAIMTRACE_PYTHON_DOCSTRINGS_H_
