"""Errors are Python exceptions carrying the command line's exit-2 message,
never a crash of the interpreter."""
import pathlib

import pytest

import claimtrace
from conftest import RELEASE, REPORT, run_cli

# (description, file names in the bad_inputs folder or plain arguments, as
# check(release, sources, **kwargs), the command line's arguments, class).
# "{d}" stands for the folder.
CASES = [
    ("a missing release", "{d}/nope.txt", ["{r}"], {}, [], claimtrace.InputError),
    ("a missing source", "{R}", ["{d}/gone.txt"], {}, [], claimtrace.InputError),
    ("a directory", "{d}", ["{r}"], {}, [], claimtrace.InputError),
    ("an empty file", "{d}/empty.txt", ["{r}"], {}, [], claimtrace.InputError),
    ("a binary file", "{d}/binary.txt", ["{r}"], {}, [], claimtrace.InputError),
    ("a broken PDF", "{R}", ["{d}/broken.pdf"], {}, [], claimtrace.InputError),
    ("a broken policy file", "{R}", ["{r}"], {"config": "{d}/bad.toml"},
     ["--config", "{d}/bad.toml"], claimtrace.InputError),
    ("a missing policy file", "{R}", ["{r}"], {"config": "{d}/none.toml"},
     ["--config", "{d}/none.toml"], claimtrace.InputError),
    ("an unknown verdict in a policy file", "{R}", ["{r}"],
     {"config": "{d}/wrong-verdict.toml"}, ["--config", "{d}/wrong-verdict.toml"],
     claimtrace.InputError),
    ("an unknown release format", "{R}", ["{r}"], {"release_format": "yaml"},
     ["--release-format", "yaml"], claimtrace.UsageError),
]


def fill(s, folder):
    return s.replace("{d}", str(folder)).replace("{R}", RELEASE).replace("{r}", REPORT)


@pytest.mark.parametrize("name,release,sources,kwargs,flags,cls", CASES,
                         ids=[c[0] for c in CASES])
def test_errors_carry_the_command_lines_message(bad_inputs, name, release, sources,
                                                 kwargs, flags, cls):
    release = fill(release, bad_inputs)
    sources = [fill(s, bad_inputs) for s in sources]
    kwargs = {k: fill(v, bad_inputs) for k, v in kwargs.items()}
    flags = [fill(f, bad_inputs) for f in flags]
    with pytest.raises(cls) as caught:
        claimtrace.check(release, sources, **kwargs)
    assert isinstance(caught.value, claimtrace.Error)
    code, _, stderr = run_cli("check", *flags, release, *sources)
    if cls is claimtrace.UsageError:
        # The command line names its flag, the module its argument.
        assert code == 2 and "'yaml'" in str(caught.value) and "'yaml'" in stderr
    else:
        assert code == 2 and stderr == f"claimtrace: {caught.value}\n"


# Usage errors the command line's flag parser catches first; here they are
# UsageError, a ValueError too, with a message naming the argument.
USAGE = [
    ("no source", lambda: claimtrace.check(RELEASE, []), "no source given"),
    ("an unknown verdict in fail_on",
     lambda: claimtrace.check(RELEASE, REPORT, fail_on="altered,wrong"),
     "unknown verdict 'wrong' in fail_on"),
    ("an unknown verdict in a fail_on list",
     lambda: claimtrace.check(RELEASE, REPORT, fail_on=["wrong"]),
     "unknown verdict 'wrong'"),
    ("an unknown Text format", lambda: claimtrace.Text("x", format="yaml"),
     "unknown format 'yaml'"),
    ("an unknown extract format", lambda: claimtrace.extract(RELEASE, format="yaml"),
     "unknown format 'yaml'"),
    ("min_coverage out of range",
     lambda: claimtrace.check(RELEASE, REPORT, min_coverage=1.5), "min_coverage"),
]


@pytest.mark.parametrize("name,call,message", USAGE, ids=[u[0] for u in USAGE])
def test_usage_errors_are_usage_errors(name, call, message):
    with pytest.raises(claimtrace.UsageError, match=message) as caught:
        call()
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, claimtrace.Error)


INPUT = [
    ("empty bytes", lambda: claimtrace.check(b"", REPORT), "<release>: empty file"),
    ("empty Text named", lambda: claimtrace.check(claimtrace.Text("", name="draft"),
                                                  REPORT), "draft: empty file"),
    ("text given as a str is a path, with a hint",
     lambda: claimtrace.check("The report found “excellent support”.\nMore.", REPORT),
     r"no such file \(a str is read as a path: pass claimtrace.Text"),
    ("extract of a missing file", lambda: claimtrace.extract("/nonexistent/x.txt"),
     "/nonexistent/x.txt: no such file"),
    ("a file name that is not UTF-8 is shown escaped",
     lambda: claimtrace.check("/nonexistent/\udcff.txt", REPORT),
     r"^/nonexistent/\\xff.txt: no such file$"),
    ("a path holding a NUL byte keeps its whole message",
     lambda: claimtrace.check("/nonexistent/a\x00b.txt", REPORT),
     "^/nonexistent/a\x00b.txt: no such file$"),
]


@pytest.mark.parametrize("name,call,message", INPUT, ids=[i[0] for i in INPUT])
def test_input_errors_name_the_input(name, call, message):
    with pytest.raises(claimtrace.InputError, match=message):
        call()


TYPES = [
    ("a number as the release", lambda: claimtrace.check(3, REPORT)),
    ("None as a source", lambda: claimtrace.check(RELEASE, [None])),
    ("a number as sources", lambda: claimtrace.check(RELEASE, 3)),
    ("a list as Text", lambda: claimtrace.Text(["x"])),
    ("a number as config", lambda: claimtrace.check(RELEASE, REPORT, config=3)),
]

# Values of the right type that are not what they must be: Python's own errors.
VALUES = [
    ("a str that is not Unicode text", lambda: claimtrace.Text("a\udcff b"),
     UnicodeEncodeError),
]


@pytest.mark.parametrize("name,call,cls", VALUES, ids=[v[0] for v in VALUES])
def test_wrong_values_are_pythons_errors(name, call, cls):
    with pytest.raises(cls):
        call()


@pytest.mark.parametrize("name,call", TYPES, ids=[t[0] for t in TYPES])
def test_wrong_types_are_type_errors(name, call):
    with pytest.raises(TypeError):
        call()


def test_the_classes_form_one_hierarchy():
    assert issubclass(claimtrace.InputError, claimtrace.Error)
    assert issubclass(claimtrace.UsageError, claimtrace.Error)
    assert issubclass(claimtrace.UsageError, ValueError)
    assert issubclass(claimtrace.Error, Exception)
    assert not issubclass(claimtrace.InputError, claimtrace.UsageError)
    for cls in (claimtrace.Error, claimtrace.InputError, claimtrace.UsageError):
        assert cls.__module__ == "claimtrace" and cls.__doc__


def test_bad_pdf_and_word_bytes_are_input_errors(tmp_path):
    for content, fmt in [(b"%PDF-1.4\nbroken", "pdf"), (b"PK\x03\x04nope", "docx"),
                         (pathlib.Path(RELEASE).read_bytes(), "pdf")]:
        with pytest.raises(claimtrace.InputError, match="<release>"):
            claimtrace.check(claimtrace.Text(content, format=fmt), REPORT)


def test_a_malformed_inline_acceptance_is_refused_as_by_the_command_line(tmp_path):
    draft = tmp_path / "noreason.md"
    draft.write_text("<!-- claimtrace: accept -->\nStaff are “wonderful beyond compare”.\n")
    code, _, stderr = run_cli("check", draft.as_posix(), REPORT)
    for release in (draft, claimtrace.Text(draft.read_bytes(), name=str(draft))):
        with pytest.raises(claimtrace.InputError) as caught:
            claimtrace.check(release, REPORT)
        assert code == 2 and stderr == f"claimtrace: {caught.value}\n"
    # With its reason, the paragraph's failing claim is accepted.
    draft.write_text('<!-- claimtrace: accept "agreed with the press office" -->\n'
                     "Staff are “wonderful beyond compare”.\n")
    claims = claimtrace.check(claimtrace.Text(draft.read_text()), REPORT).claims
    assert [(c.verdict, c.accepted, c.accepted_reason, c.fails) for c in claims] == [
        ("untraced", True, "agreed with the press office", False)]


def test_invalid_utf8_is_replaced_and_noted_as_on_the_command_line():
    # Bytes that are not UTF-8 are replaced (U+FFFD) and reported as an
    # input note, as the command line does, rather than refusing the file.
    result = claimtrace.check(RELEASE, [REPORT, b"caf\xe9 figures\n"])
    notes = [w for w in result.warnings if w.code == "input-note"]
    assert notes and "<source 2>" in notes[0].message
