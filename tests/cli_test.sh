#!/usr/bin/env bash
# The command-line contract, case by case: each case runs the binary and
# states the exit code and a part of stderr (or stdout) it must show.
# Usage: cli_test.sh BINARY DATA_DIR
set -u
bin=$1
data=$2
release=$data/releases/tower-hamlets-2025-01-outstanding.txt
report=$data/reports/ofsted-tower-hamlets-ilacs-2024.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '' >"$tmp/empty.txt"
printf 'caf\xe9\n' >"$tmp/latin1.txt"
printf 'PK\x03\x04\x00\x00binary' >"$tmp/binary.txt"
printf '%%PDF-1.4\nbroken' >"$tmp/broken.pdf"
printf 'Just text.\n' >"$tmp/plain.txt"
printf 'fail_on = [\n' >"$tmp/bad.toml"
printf 'fail-on = ["altered"]\n' >"$tmp/typo.toml"
release2=$data/releases/tower-hamlets-2025-01-recruitment.txt

passed=0
failed=0
# expect NAME WANT_CODE WANT_TEXT -- ARGS...
expect() {
  local name=$1 want_code=$2 want_text=$3
  shift 4
  local out code
  out=$("$bin" "$@" 2>&1 >"$tmp/stdout")
  code=$?
  out="$out$(cat "$tmp/stdout")"
  if [[ $code -eq $want_code && $out == *"$want_text"* ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name: exit $code (want $want_code), output lacks '$want_text':"
    echo "$out" | head -5
  fi
}

expect "missing release names the file" 2 "nope.txt: no such file" -- check "$tmp/nope.txt" "$report"
expect "missing source names the file" 2 "gone.txt: no such file" -- check "$release" "$tmp/gone.txt"
expect "a directory is refused" 2 "is a directory" -- check "$tmp" "$report"
expect "an empty file is refused" 2 "empty.txt: empty file" -- check "$tmp/empty.txt" "$report"
expect "invalid UTF-8 gives the byte offset" 2 "invalid UTF-8 at byte offset 3" -- check "$tmp/latin1.txt" "$report"
expect "a binary file is refused" 2 "binary.txt" -- check "$tmp/binary.txt" "$report"
expect "a broken PDF is refused" 2 "broken.pdf" -- check "$release" "$tmp/broken.pdf"
expect "no source is a usage error" 2 "SOURCE" -- check "$release"
expect "an unknown format is a usage error" 2 "unknown --format" -- check --format yaml "$release" "$report"
expect "an unknown verdict in --fail-on is a usage error" 2 "unknown verdict 'wrong'" -- check --fail-on wrong "$release" "$report"
expect "--version prints the version" 0 "." -- --version
expect "--help shows examples" 0 "Examples:" -- --help
expect "flagged claims exit 1" 1 "untraced" -- check "$release" "$report"
expect "--fail-on none exits 0" 0 "" -- check --fail-on none "$release" "$report"
expect "json output has the claims array" 1 '"claims"' -- check --format json "$release" "$report"
expect "extract lists claims and exits 0" 0 "Outstanding" -- extract "$release"

# Several drafts in one run: the report named by --source, anywhere.
expect "--source checks several drafts in one run" 1 "2 releases:" -- check --source "$report" "$release" "$release2"
expect "--source may follow the drafts" 1 "2 releases:" -- check "$release" "$release2" --source "$report"
expect "--source=REPORT works too" 1 "2 releases:" -- check --source="$report" "$release" "$release2"
expect "--source without a draft is a usage error" 2 "no release given" -- check --source "$report"
expect "json of several drafts has releases" 1 '"releases"' -- check --format json --source "$report" "$release" "$release2"
expect "jsonl gives one claim a line" 1 '{"type":"claim","release":' -- check --format jsonl --source "$report" "$release"
expect "an unknown policy key is exit 2 with a suggestion" 2 "did you mean 'fail_on'?" -- check --config "$tmp/typo.toml" "$release" "$report"
expect "a policy path that is a folder is exit 2" 2 "is a directory" -- check --config "$tmp" "$release" "$report"
quiet=$("$bin" check --quiet --source "$report" "$release")
if [[ $quiet != *FAILS* || $quiet == *"  verbatim  "* || $quiet != *"fail the policy"* ]]; then
  failed=$((failed + 1)); echo "FAIL: --quiet shows failing claims and the summary only"
else
  passed=$((passed + 1))
fi

printf '<!-- claimtrace: accept "agreed with the press office" -->\nStaff are “wonderful beyond compare”.\n' >"$tmp/inline.md"
extracted=$("$bin" extract "$tmp/inline.md")
if [[ $extracted == *"wonderful beyond compare"* && $extracted != *"press office"* ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL: extract lists an inline acceptance's reason as a claim"
fi
printf '<!-- claimtrace: accept -->\nStaff are “wonderful beyond compare”.\n' >"$tmp/noreason.md"
expect "an inline acceptance without a reason is exit 2" 2 "noreason.md:1: an inline acceptance reads" -- check --source "$report" "$tmp/noreason.md"

# Output files are written whole or not at all.
expect "--output writes the file" 1 "" -- check --format json --output "$tmp/out.json" "$release" "$report"
if [[ -s $tmp/out.json ]] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out.json"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL: --output file is not whole JSON"
fi
expect "an unwritable --output is an error" 2 "cannot create" -- check --output /nonexistent/dir/out.json "$release" "$report"

# A baseline accepts today's failures on purpose; checking with it passes,
# and the accepted claims are still reported, marked accepted.
expect "baseline writes a policy file and says so" 0 " claims accepted, 0 pruned" -- baseline --output "$tmp/policy.toml" --source "$report" "$release"
expect "a check under the baseline passes" 0 "accepted" -- check --config "$tmp/policy.toml" "$release" "$report"
expect "a broken policy file is an input error" 2 "bad.toml" -- check --config "$tmp/bad.toml" "$release" "$report"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
