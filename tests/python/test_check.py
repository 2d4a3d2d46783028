"""check() and extract() give what the command line gives: the same claims
and verdicts, the same report bytes; from paths, bytes and text alike."""
import functools
import json
import os
import pathlib
import subprocess

import pytest

import claimtrace
from conftest import BIN, DATA, RELEASE, RELEASES, REPORT, TEST_DATA, run_cli

POLICIES = {
    "default policy": [],
    "fail on altered only": ["--fail-on", "altered"],
    "fail on nothing": ["--fail-on", "none"],
}
FAIL_ON = {"default policy": None, "fail on altered only": ["altered"],
           "fail on nothing": "none"}


def claim_fields(c):
    """A claim of the Python result as the JSON report writes it."""
    out = {"kind": c.kind, "span": {"start": c.span[0], "end": c.span[1]},
           "line": c.line, "column": c.column, "text": c.text, "verdict": c.verdict}
    if c.kind == "quote":
        out["role"], out["speaker"] = c.role, c.speaker
    else:
        out["value_kind"] = c.value.kind
        out["value"] = c.value.value
    if c.evidence:
        e = c.evidence
        out["match"] = {"source": e.source, "start": e.span[0], "end": e.span[1],
                        "line": e.line, "label": e.label, "section": e.section,
                        "passage": e.passage, "also": e.also}
    out["diff"] = [{"op": d.op, "quote": d.quote, "source": d.source} for d in c.diff]
    out["notes"] = c.notes
    out["fingerprint"], out["accepted"], out["fails"] = c.fingerprint, c.accepted, c.fails
    return out


def json_fields(j):
    """The same fields of a claim of the command line's JSON."""
    out = {k: j[k] for k in ("kind", "span", "line", "column", "text", "verdict")}
    if j["kind"] == "quote":
        out["role"], out["speaker"] = j["role"], j["speaker"]
    else:
        out["value_kind"] = j["value"]["kind"]
        out["value"] = j["value"]["value"]
    if "match" in j:
        out["match"] = {k: j["match"][k] for k in
                        ("source", "start", "end", "line", "label", "section", "passage")}
        out["match"]["also"] = j["match"].get("also", [])
    out["diff"] = j.get("diff", [])
    out["notes"] = j["notes"]
    out["fingerprint"], out["accepted"], out["fails"] = (
        j["fingerprint"], j["accepted"], j["fails"])
    return out


def verdicts(result):
    return [(c.kind, c.text, c.line, c.column, c.verdict, c.fails) for c in result.claims]


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: pathlib.Path(p).stem)
@pytest.mark.parametrize("policy", POLICIES)
def test_seeds_give_the_command_lines_claims_and_report(release, policy):
    code, out, _ = run_cli("check", "--format", "json", *POLICIES[policy], release, REPORT)
    result = claimtrace.check(release, [REPORT], fail_on=FAIL_ON[policy])
    cli = json.loads(out)
    assert [claim_fields(c) for c in result.claims] == [
        json_fields(j) for j in cli["claims"]]
    assert [(w.code, w.message) for w in result.warnings] == [
        (w["code"], w["message"]) for w in cli["warnings"]]
    assert result.fails == (code == 1)
    assert result.to_json().encode() == out


def test_a_quotation_two_sources_hold_names_the_other(tmp_path):
    copy = tmp_path / "summary.txt"
    copy.write_bytes(pathlib.Path(REPORT).read_bytes())
    _, out, _ = run_cli("check", "--format", "json", RELEASE, REPORT, str(copy))
    result = claimtrace.check(RELEASE, [REPORT, str(copy)])
    assert [claim_fields(c) for c in result.claims] == [
        json_fields(j) for j in json.loads(out)["claims"]]
    alsos = [c.evidence.also for c in result.claims if c.evidence and c.kind == "quote"]
    assert alsos and all(a == [1 - e] for a, e in zip(
        alsos, [c.evidence.source for c in result.claims if c.evidence and c.kind == "quote"]))


@pytest.mark.parametrize("fmt", ["markdown", "html", "text", "github"])
def test_every_report_format_is_the_command_lines_bytes(fmt, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    release = str(DATA / "releases" / "trade-press-2019-07-good-rating.txt")
    _, out, _ = run_cli("check", "--format", fmt, "--color", "never", release, REPORT)
    result = claimtrace.check(release, REPORT)
    # The HTML report records the command line that made it: told the same
    # one, the module writes the same bytes.
    command_line = f"claimtrace check --format {fmt} --color never {release} {REPORT}"
    html = functools.partial(result.to_html, command_line=command_line)
    render = {"markdown": result.to_markdown, "html": html,
              "text": result.to_text, "github": result.to_github}[fmt]
    assert render().encode() == out


def test_html_records_a_command_line_only_when_given():
    result = claimtrace.check(RELEASE, REPORT)
    assert "command line" not in result.to_html(timestamp="")
    recorded = result.to_html(timestamp="", command_line="check(release, [r'<report>'])")
    assert "<li>command line <code>check(release, [r&#39;&lt;report&gt;&#39;])</code></li>" in recorded


def test_sarif_is_the_command_lines_but_for_its_invocation():
    # The command line records how it was run (arguments, times); the module
    # was not run from one. Paths are relative to the repository's root.
    root = str(DATA.parent)
    release = str(DATA / "releases" / "tower-hamlets-2025-01-recruitment.txt")
    out = subprocess.run([BIN, "check", "--format", "sarif", release, REPORT],
                         capture_output=True, check=False, cwd=root).stdout
    cli = json.loads(out)
    got = json.loads(claimtrace.check(release, REPORT).to_sarif(base_dir=root))
    for run in cli["runs"] + got["runs"]:
        run.pop("invocations")
    assert got == cli
    assert len(got["runs"][0]["results"]) > 5


def test_a_policy_file_is_read_as_by_config(tmp_path):
    policy = tmp_path / "policy.toml"
    assert run_cli("baseline", "--output", str(policy), RELEASE, REPORT)[0] == 0
    code, out, _ = run_cli("check", "--format", "json", "--config", str(policy),
                           RELEASE, REPORT)
    result = claimtrace.check(RELEASE, [REPORT], config=policy)
    assert code == 0 and not result.fails
    assert any(c.accepted for c in result.claims)
    assert result.to_json().encode() == out


def test_extract_gives_the_command_lines_claims():
    _, out, _ = run_cli("extract", "--format", "json", RELEASE)
    extraction = claimtrace.extract(RELEASE)
    assert extraction.to_json().encode() == out
    assert extraction.to_text().encode() == run_cli("extract", RELEASE)[1]
    checked = claimtrace.check(RELEASE, REPORT)
    assert [(c.kind, c.text, c.span, c.fingerprint) for c in extraction.claims] == [
        (c.kind, c.text, c.span, c.fingerprint) for c in checked.claims]
    assert all(c.verdict is None and not c.fails for c in extraction.claims)


# Inputs held in memory: (description, release as given, sources as given,
# the same inputs as files).
REPORT_PDF = str(TEST_DATA / "report.pdf")
IN_MEMORY = [
    ("release as bytes", lambda: pathlib.Path(RELEASE).read_bytes(), [REPORT], RELEASE,
     [REPORT]),
    ("release as bytearray", lambda: bytearray(pathlib.Path(RELEASE).read_bytes()),
     [REPORT], RELEASE, [REPORT]),
    ("release as Text of a str",
     lambda: claimtrace.Text(pathlib.Path(RELEASE).read_text(encoding="utf-8")),
     [REPORT], RELEASE, [REPORT]),
    ("source as bytes", lambda: RELEASE, [pathlib.Path(REPORT).read_bytes()], RELEASE,
     [REPORT]),
    ("a PDF source as bytes", lambda: RELEASE, [pathlib.Path(REPORT_PDF).read_bytes()],
     RELEASE, [REPORT_PDF]),
    ("a web page release as bytes",
     lambda: (TEST_DATA / "release.html").read_bytes(), [REPORT],
     str(TEST_DATA / "release.html"), [REPORT]),
    ("a Word release as Text with its format",
     lambda: claimtrace.Text((TEST_DATA / "release.docx").read_bytes(), format="docx"),
     [REPORT], str(TEST_DATA / "release.docx"), [REPORT]),
    ("paths as pathlib.Path", lambda: pathlib.Path(RELEASE), [pathlib.Path(REPORT)],
     RELEASE, [REPORT]),
    ("one source not in a list", lambda: RELEASE, pathlib.Path(REPORT), RELEASE,
     [REPORT]),
]


@pytest.mark.parametrize("name,release,sources,release_file,source_files", IN_MEMORY,
                         ids=[case[0] for case in IN_MEMORY])
def test_inputs_in_memory_give_the_same_verdicts_as_files(name, release, sources,
                                                          release_file, source_files):
    got = claimtrace.check(release(), sources)
    want = claimtrace.check(release_file, source_files)
    assert verdicts(got) == verdicts(want)
    assert len(got.claims) > 10


def test_in_memory_inputs_are_named_in_reports():
    text = claimtrace.Text("The report found “excellent support”.\n", name="draft.md")
    result = claimtrace.check(text, [pathlib.Path(REPORT).read_bytes()])
    assert result.release == "draft.md"
    assert result.sources == ["<source 1>"]
    assert json.loads(result.to_json())["release"]["path"] == "draft.md"
    assert claimtrace.check(b"A 50% rise.\n", REPORT).release == "<release>"


# A Text's format decides how it is read: Markdown marks are markup.
FORMATS = [
    ("markdown emphasis is not part of the quotation", "markdown",
     "The report found **“excellent support”** for children.\n", "excellent support"),
    ("text is read as written", "text",
     "The report found “excellent support” for children.\n", "excellent support"),
    ("html is the page's text", "html",
     "<html><body><p>The report found “excellent support”.</p></body></html>",
     "excellent support"),
]


@pytest.mark.parametrize("name,fmt,content,quote", FORMATS, ids=[f[0] for f in FORMATS])
def test_text_is_read_in_its_format(name, fmt, content, quote):
    result = claimtrace.check(claimtrace.Text(content, format=fmt), REPORT)
    assert [c.text for c in result.claims if c.kind == "quote"] == [quote]
    assert result.claims[0].verdict == "verbatim"


def test_a_file_name_that_is_not_utf8_round_trips(tmp_path):
    # os.fsdecode's str (with a lone surrogate) reads the file, and the
    # result gives the same str back, so it opens the same file again.
    name = os.fsdecode(os.path.join(os.fsencode(str(tmp_path)), b"draft-\xff.txt"))
    pathlib.Path(name).write_bytes(pathlib.Path(RELEASE).read_bytes())
    for path in (name, pathlib.Path(name)):
        result = claimtrace.check(path, REPORT)
        assert result.release == name and "draft-" in repr(result)
        assert set(result.to_pandas()["release"]) == {name}
        assert json.loads(result.to_json())["claims"]
    assert verdicts(claimtrace.check(name, REPORT)) == verdicts(
        claimtrace.check(RELEASE, REPORT))
