#!/usr/bin/python3
"""SARIF output validated against the official SARIF 2.1.0 JSON schema, and
checked against the rules GitHub code scanning applies on upload.

The schema is not in this repository: `fetch` takes it from the npm registry
(@microsoft/jest-sarif ships the 2.1.0 schema, rtm.5, which the OASIS
standard published unchanged), as the ctest fixture sarif_schema_fetch does.
The validator is Debian's python3-jsonschema.

Usage:
  sarif_schema_test.py fetch DIR
  sarif_schema_test.py check DIR BINARY SOURCE_DIR
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"
SKIP = 77  # ctest SKIP_RETURN_CODE


def fetch(folder):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    schema = folder / "sarif-schema-2.1.0.json"
    if schema.exists():
        return 0
    npm = shutil.which("npm")
    if not npm:
        print("npm not installed: cannot fetch the SARIF schema")
        return SKIP
    out = subprocess.run([npm, "pack", PACKAGE, "--pack-destination", str(folder)],
                         capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        print(out.stderr)
        return 1
    tgz = folder / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as archive:
        schema.write_bytes(archive.extractfile(MEMBER).read())
    tgz.unlink()
    return 0


def github_rules(log, source_dir):
    """The rules GitHub code scanning (and Microsoft's validator with
    --rule-kinds Gh) applies, as far as a file can show them."""
    errors = []
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    if not driver.get("informationUri"):
        errors.append("driver without informationUri")
    if run.get("columnKind") != "unicodeCodePoints":
        errors.append("columnKind missing")
    invocation = run["invocations"][0]
    for key in ("commandLine", "startTimeUtc", "endTimeUtc", "exitCode",
                "executionSuccessful"):
        if key not in invocation:
            errors.append(f"invocation without {key}")
    for rule in driver["rules"]:
        if not rule.get("help", {}).get("text") or not rule.get("helpUri"):
            errors.append(f"rule {rule['id']} without help")
        page = source_dir / "docs" / "rules" / f"{rule['id']}.md"
        if not rule["helpUri"].endswith(f"docs/rules/{rule['id']}.md") or not page.exists():
            errors.append(f"rule {rule['id']}: no page {page}")
    bases = run.get("originalUriBaseIds", {})
    for result in run["results"]:
        if not result["message"]["text"].endswith("."):
            errors.append("a message does not end with a period")
        for location in result["locations"]:
            artifact = location["physicalLocation"]["artifactLocation"]
            if artifact["uri"].startswith("/") or ("uriBaseId" in artifact
                                                  and artifact["uriBaseId"] not in bases):
                errors.append(f"location not relative to a base: {artifact}")
    return errors


def check(folder, binary, source_dir):
    import jsonschema  # Debian's python3-jsonschema

    schema = json.loads((pathlib.Path(folder) / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.Draft4Validator(schema)
    source_dir = pathlib.Path(source_dir).resolve()
    data = source_dir / "data"
    report = data / "reports" / "ofsted-tower-hamlets-ilacs-2024.txt"
    fixtures = source_dir / "tests" / "data"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        subprocess.run(["git", "init", "-q", str(tmp)], check=True)
        (tmp / "drafts").mkdir()
        spaced = tmp / "drafts" / "a draft, 50%.md"
        shutil.copy(data / "releases" / "tower-hamlets-2025-01-outstanding.txt", spaced)
        shutil.copy(fixtures / "report.pdf", tmp / "report.pdf")
        policy = tmp / "policy.toml"
        policy.write_text('[[accept]]\nfingerprint = "ffffffffffffffff"\nreason = "gone"\n')
        cases = {
            "one release": [str(data / "releases" / "tower-hamlets-2025-01-outstanding.txt"),
                            str(report)],
            "several releases, warnings, an unused acceptance":
                ["--config", str(policy), "--source", str(report)] +
                [str(p) for p in sorted((data / "releases").iterdir())],
            "Word and HTML drafts, a PDF source":
                ["--source", "report.pdf", str(fixtures / "release.docx"),
                 str(fixtures / "release.html")],
            "a file name with a space, comma and percent": ["--source", "report.pdf",
                                                           "drafts/a draft, 50%.md"],
            "quiet": ["--quiet", "--source", "report.pdf", "drafts/a draft, 50%.md"],
        }
        failures = 0
        for name, args in cases.items():
            out = subprocess.run([binary, "check", "--format", "sarif"] + args, cwd=tmp,
                                 capture_output=True, text=True)
            if out.returncode not in (0, 1):
                print(f"FAIL {name}: exit {out.returncode}: {out.stderr}")
                failures += 1
                continue
            log = json.loads(out.stdout)
            errors = [f"{list(e.path)}: {e.message[:200]}"
                      for e in validator.iter_errors(log)]
            errors += github_rules(log, source_dir)
            if not log["runs"][0]["results"]:
                errors.append("no results")
            for error in errors[:10]:
                print(f"FAIL {name}: {error}")
            failures += bool(errors)
            if name.startswith("a file name"):
                uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
                    "artifactLocation"]["uri"]
                if uri != "drafts/a%20draft%2C%2050%25.md":
                    print(f"FAIL {name}: uri {uri}")
                    failures += 1
            if name.startswith("several"):
                codes = {r["ruleId"] for r in log["runs"][0]["results"]}
                if not {"source-postdates-release", "unused-acceptance"} <= codes:
                    print(f"FAIL {name}: warnings missing from results: {codes}")
                    failures += 1
        print(f"{len(cases) - failures} passed, {failures} failed")
        return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "fetch":
        sys.exit(fetch(sys.argv[2]))
    sys.exit(check(sys.argv[2], os.path.abspath(sys.argv[3]), sys.argv[4]))
