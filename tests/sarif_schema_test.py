#!/usr/bin/python3
"""SARIF output validated against the official SARIF 2.1.0 JSON schema, and
checked against the rules GitHub code scanning applies on upload; JSON output
(one release, several) against docs/schema.json.

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
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"
# Microsoft's SARIF validator (the Sarif.Multitool, a self-contained Linux
# binary), run with GitHub's rules as GitHub's documentation recommends.
VALIDATOR_PACKAGE = "@microsoft/sarif-multitool-linux@5.7.0"
VALIDATOR_MEMBER = "package/Sarif.Multitool"
SKIP = 77  # ctest SKIP_RETURN_CODE


def npm_member(npm, package, member, target):
    """Writes one file of an npm package to `target`; returns an error or ""."""
    folder = target.parent
    out = subprocess.run([npm, "pack", package, "--pack-destination", str(folder)],
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        return out.stderr
    tgz = folder / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as archive:
        target.write_bytes(archive.extractfile(member).read())
    tgz.unlink()
    return ""


def fetch(folder):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    npm = shutil.which("npm")
    wanted = [(PACKAGE, MEMBER, folder / "sarif-schema-2.1.0.json")]
    if platform.system() == "Linux" and platform.machine() == "x86_64":
        wanted.append((VALIDATOR_PACKAGE, VALIDATOR_MEMBER, folder / "Sarif.Multitool"))
    for package, member, target in wanted:
        if target.exists():
            continue
        if not npm:
            print("npm not installed: cannot fetch the SARIF schema")
            return SKIP
        error = npm_member(npm, package, member, target)
        if error:
            print(error)
            return 1
        target.chmod(0o755)
    return 0


def microsoft_validator(folder, logs):
    """Runs Microsoft's validator with the SARIF and GitHub rule sets on
    `logs`; returns its errors and warnings (its notes are advice)."""
    tool = pathlib.Path(folder) / "Sarif.Multitool"
    if not tool.exists():
        print("note: Microsoft's SARIF validator is not available on this platform")
        return []
    report = logs[0].parent / "validation.sarif"
    out = subprocess.run([str(tool), "validate", "--rule-kind", "Sarif;Gh", "--level",
                          "Error;Warning", "--output", str(report)] + [str(l) for l in logs],
                         capture_output=True, text=True, timeout=600,
                         env=dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1"))
    if not report.exists():
        return [f"the validator did not run: {out.stdout[-500:]} {out.stderr[-500:]}"]
    errors = []
    for run in json.loads(report.read_text())["runs"]:
        for result in run.get("results", []):
            if result.get("level", "warning") in ("error", "warning"):
                where = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                errors.append(f"{result['ruleId']} {where}: "
                              f"{result['message'].get('text', result['message'])}")
    return errors


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

    schema_file = pathlib.Path(folder) / "sarif-schema-2.1.0.json"
    if not schema_file.exists() and not shutil.which("npm"):
        return SKIP
    schema = json.loads(schema_file.read_text())
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
        logs = []
        (tmp / "logs").mkdir()
        for name, args in cases.items():
            out = subprocess.run([binary, "check", "--format", "sarif"] + args, cwd=tmp,
                                 capture_output=True, text=True)
            if out.returncode not in (0, 1):
                print(f"FAIL {name}: exit {out.returncode}: {out.stderr}")
                failures += 1
                continue
            log = json.loads(out.stdout)
            logs.append(tmp / "logs" / f"{len(logs)}.sarif")
            logs[-1].write_text(out.stdout)
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
        validator_errors = microsoft_validator(folder, logs)
        for error in validator_errors[:20]:
            print(f"FAIL Microsoft's validator: {error}")
        failures += bool(validator_errors)
        # The JSON of one and of several releases follows docs/schema.json.
        contract = json.loads((source_dir / "docs" / "schema.json").read_text())
        contract.pop("$id")  # relative; Debian's jsonschema cannot resolve it
        contract_validator = jsonschema.validators.validator_for(contract)(contract)
        json_cases = {"json, one release": cases["one release"],
                      "json, several releases": cases["several releases, warnings, an "
                                                      "unused acceptance"]}
        for name, args in json_cases.items():
            out = subprocess.run([binary, "check", "--format", "json"] + args, cwd=tmp,
                                 capture_output=True, text=True)
            errors = [e.message[:200] for e in
                      contract_validator.iter_errors(json.loads(out.stdout))]
            for error in errors[:10]:
                print(f"FAIL {name}: {error}")
            failures += bool(errors)
        total = len(cases) + len(json_cases) + 1
        print(f"{total - failures} passed, {failures} failed")
        return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "fetch":
        sys.exit(fetch(sys.argv[2]))
    sys.exit(check(sys.argv[2], os.path.abspath(sys.argv[3]), sys.argv[4]))
