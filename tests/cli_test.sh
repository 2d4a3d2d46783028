#!/usr/bin/env bash
# The command-line contract, case by case: each case runs the binary and
# states the exit code and a part of stderr (or stdout) it must show.
# Usage: cli_test.sh BINARY DATA_DIR [MAKE_HOSTILE_PY]
set -u
bin=$1
data=$2
make_hostile=${3:-$(dirname "$0")/make_hostile.py}
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
  out=$(timeout 120 "$bin" "$@" 2>&1 >"$tmp/stdout" <"${stdin_file:-/dev/null}")
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
expect "invalid UTF-8 is replaced and reported with the byte offset" 0 "latin1.txt: invalid UTF-8 at byte offset 3" -- check --format json "$tmp/latin1.txt" "$report"
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

# `-` reads a release (or a source) from standard input, named "<stdin>".
stdin_file=$release expect "'-' reads the release from standard input" 1 '"path": "<stdin>"' -- check --format json - "$report"
stdin_file=$release expect "'-' as the release finds the same untraced claims" 1 "untraced" -- check - "$report"
stdin_file=$report expect "'-' reads a source from standard input" 1 "<stdin>" -- check --format json "$release" -
stdin_file=$tmp/empty.txt expect "empty standard input is refused" 2 "<stdin>: empty file" -- check - "$report"
stdin_file=$report expect "standard input over --max-input-size is refused" 2 "<stdin>: the file" -- check --max-input-size 1K "$tmp/plain.txt" -
stdin_file=$release expect "'-' twice is a usage error" 2 "only once" -- check - -
stdin_file=$release expect "extract reads '-'" 0 "Outstanding" -- extract -
mkdir -p "$tmp/desk"
stdin_file=$release expect "baseline reads '-', writing the working folder's policy" 0 "claims accepted" -- baseline --output "$tmp/desk/claimtrace.toml" - "$report"
stdin_file=$release expect "check - then passes under that policy" 0 "" -- check --config "$tmp/desk/claimtrace.toml" - "$report"

# The web app's flags; it cannot listen on an address not of this machine.
expect "serve --help names its flags" 0 "--max-upload-size" -- serve --help
expect "serve refuses a port out of range" 2 "--port must be 0 to 65535" -- serve --port 70000
expect "serve refuses a bad upload size" 2 "--max-upload-size 'lots' is not a size" -- serve --max-upload-size lots
expect "serve refuses a bad kept size" 2 "--max-kept-size 'lots' is not a size" -- serve --max-kept-size lots
expect "serve names an address it cannot listen on" 2 "cannot listen on 203.0.113.1:0" -- serve --host 203.0.113.1 --port 0

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

# Hostile and broken input (issue 15): made here, never committed.
tr '\n' '\r' <"$release" >"$tmp/cr-release.txt"
expect "CR-only line endings give the same 35 claims" 1 "35 claims:" -- check "$tmp/cr-release.txt" "$report"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$release"; } >"$tmp/utf16-release.txt"
expect "a UTF-16 release with a byte-order mark gives the same 35 claims" 1 "35 claims:" -- check "$tmp/utf16-release.txt" "$report"
printf '<!DOCTYPE html>' >"$tmp/doctype.html"
expect "a page holding only a doctype is refused" 2 "doctype.html: no text in the HTML page" -- check "$tmp/doctype.html" "$report"
printf '<!-- <html> -->' >"$tmp/comment.html"
expect "a page holding only a comment is refused" 2 "comment.html: no text in the HTML page" -- check "$tmp/comment.html" "$report"
printf '<html><body><p>caf\xe9 \xe2\x80\x9cThe service is \x1b]0;owned\x07\x1b[2Jexcellent\xe2\x80\x9d in its summary.</p></body></html>' >"$tmp/hostile.html"
expect "extract --format json of a page with a bad byte works" 0 '"text"' -- extract --format json "$tmp/hostile.html"
# Limits: each refusal names the file, the limit and the option raising it.
expect "a file over --max-input-size is refused" 2 "over the 1 KiB limit; raise it with --max-input-size" -- check --max-input-size 1K "$release" "$report"
expect "a release over --max-release-size is refused" 2 "its text (5358 bytes) is over the 2 KiB limit; raise it with --max-release-size" -- check --max-release-size 2K "$release" "$report"
expect "a release over --max-claims is refused" 2 "35 claims, over the limit of 34 claims in one release; raise it with --max-claims" -- check --max-claims 34 "$release" "$report"
expect "extract honours --max-claims" 2 "raise it with --max-claims" -- extract --max-claims 10 "$release"
expect "a size that is not one is a usage error" 2 "--max-input-size '12Q' is not a size" -- check --max-input-size 12Q "$release" "$report"
python3 "$make_hostile" pdf-pages "$tmp/pages-5000.pdf" 5000
expect "a 5,000-page PDF release is refused at once" 2 "pages-5000.pdf: the PDF has 5000 pages, over the 50-page limit; raise it with --max-release-pages" -- check "$tmp/pages-5000.pdf" "$report"
python3 "$make_hostile" pdf-pages "$tmp/pages-3.pdf" 3
expect "a PDF source over --max-pages is refused" 2 "pages-3.pdf: the PDF has 3 pages, over the 2-page limit; raise it with --max-pages" -- check --max-pages 2 "$release" "$tmp/pages-3.pdf"
python3 "$make_hostile" docx-bomb "$tmp/bomb.docx"
expect "an XML entity bomb in a Word file is refused" 2 "bomb.docx: word/document.xml declares a DTD" -- check "$tmp/bomb.docx" "$report"
python3 "$make_hostile" docx-big "$tmp/big.docx" 3000000
expect "a Word part over --max-input-size uncompressed is refused before inflating" 2 "big.docx: word/document.xml (2.9 MiB uncompressed) is over the 2 MiB limit; raise it with --max-input-size" -- check --max-input-size 2M "$tmp/big.docx" "$report"
python3 "$make_hostile" docx-deep "$tmp/deep.docx" 200000
expect "a Word file nested 400,000 deep is refused, not crashed on" 2 "deep.docx: word/document.xml nests elements 400005 deep" -- extract "$tmp/deep.docx"

# Out of memory is a message naming the files, never bad_alloc. (Not under
# AddressSanitizer, which needs more address space than the limit allows.)
if ! grep -q __asan_init "$bin"; then
  python3 -c 'print(" ".join(f"{i} people" for i in range(2000000)))' >"$tmp/numbers.txt"
  out=$(ulimit -v 400000; "$bin" check "$release" "$tmp/numbers.txt" 2>&1 >/dev/null)
  code=$?
  if [[ $code -eq 2 && $out == *"against $tmp/numbers.txt: out of memory while checking; lower --max-input-size"* ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL: out of memory: exit $code: $out"
  fi
fi

# Paths the policy file cannot be, and a clock out of range.
mkfifo "$tmp/fifo.toml"
expect "--config naming a FIFO is refused without blocking" 2 "fifo.toml: not a regular file" -- check --config "$tmp/fifo.toml" "$release" "$report"
expect "--config naming a directory is refused" 2 "is a directory, not a policy file" -- check --config "$tmp" "$release" "$report"
SOURCE_DATE_EPOCH=99999999999999999 expect "a huge SOURCE_DATE_EPOCH is refused, naming the variable" 2 "SOURCE_DATE_EPOCH='99999999999999999' is not a time" -- check --format html "$release" "$report"
SOURCE_DATE_EPOCH=soon expect "a SOURCE_DATE_EPOCH that is no number is refused" 2 "SOURCE_DATE_EPOCH='soon'" -- check --format html "$release" "$report"

for format in text json html markdown sarif github; do
  "$bin" check --format "$format" --output "$tmp/out.$format" "$tmp/hostile.html" "$report" 2>"$tmp/err"
  code=$?
  if [[ $code -le 1 ]] && grep -q "␛" "$tmp/out.$format" && iconv -f UTF-8 -t UTF-8 "$tmp/out.$format" >/dev/null &&
    ! LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' "$tmp/out.$format"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: --format $format of a hostile page: exit $code, or invalid UTF-8 or a control character in the output"
  fi
done

# The archive commands.
db=$tmp/reports.db
expect "index add indexes a report" 0 "added" -- index add "$db" "$report"
expect "index add again leaves it" 0 "unchanged" -- index add "$db" "$report"
expect "index list shows it" 0 "ofsted-tower-hamlets-ilacs-2024.txt" -- index list "$db"
expect "sources ranks the report" 0 "ofsted-tower-hamlets-ilacs-2024.txt" -- sources --corpus "$db" "$release"
expect "check --corpus traces and flags" 1 "untraced" -- check --corpus "$db" "$release"
expect "check --corpus says when no report explains a claim" 1 "no report in the archive explains" -- check --corpus "$db" "$release"
expect "check --corpus ranks the reports it draws on" 1 "the reports it draws on" -- check --corpus "$db" "$release"
expect "check --corpus takes --source or --corpus, not both" 2 "not both" -- check --corpus "$db" --source "$report" "$release"
expect "check --corpus needs at least one source" 2 "--max-sources must be at least 1" -- check --corpus "$db" --max-sources 0 "$release"
stdin_file=$release expect "check --corpus reads standard input" 1 "no report in the archive explains" -- check --corpus "$db" -
# Every format of check, written by --output as check writes it: the same
# bytes as on standard output, the report drawn on and the archive's note.
# Where each format shows the ranking of the reports drawn on.
declare -A ranking_marker=([text]="the reports it draws on" [json]='"ranking": [' [jsonl]='{"type":"source"'
  [html]='<ul class="ranking">' [markdown]="The reports it draws on" [sarif]='"ranking": [' [github]="::notice file=")
for format in text json jsonl html markdown sarif github; do
  rm -f "$tmp/corpus.$format"
  SOURCE_DATE_EPOCH=1700000000 "$bin" check --corpus "$db" --format "$format" \
    --output "$tmp/corpus.$format" "$release" >"$tmp/stdout" 2>"$tmp/err"
  code=$?
  SOURCE_DATE_EPOCH=1700000000 "$bin" check --corpus "$db" --format "$format" \
    "$release" >"$tmp/corpus-stdout.$format" 2>>"$tmp/err"
  # (SARIF and the HTML record hold the command line, which differs by the
  # --output.)
  if [[ $code -eq 1 && ! -s $tmp/stdout ]] &&
    cmp -s <(sed -e 's|<li>command line <code>[^<]*</code></li>||' "$tmp/corpus.$format" |
      grep -v -e commandLine -e --output -e "corpus.$format") \
      <(sed -e 's|<li>command line <code>[^<]*</code></li>||' "$tmp/corpus-stdout.$format" |
        grep -v -e commandLine) &&
    grep -q "ofsted-tower-hamlets-ilacs-2024.txt" "$tmp/corpus.$format" &&
    grep -q "no report in the archive explains" "$tmp/corpus.$format" &&
    grep -qF "${ranking_marker[$format]}" "$tmp/corpus.$format"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: check --corpus --format $format --output: exit $code, or output differs from standard output's or lacks the report, the ranking or the archive's note"
    head -3 "$tmp/err"
  fi
done
expect "check without --corpus has no ranking" 1 '"sources": [' -- check --format json "$release" "$report"
if "$bin" check --format json "$release" "$report" | grep -q '"ranking"'; then
  failed=$((failed + 1))
  echo "FAIL: check without --corpus shows a ranking"
else
  passed=$((passed + 1))
fi
expect "sources --corpus --format json" 0 '"sources": [' -- sources --corpus "$db" --format json "$release"
expect "index add of a missing report names it" 2 "absent.txt: no such file" -- index add "$db" "$tmp/absent.txt"
expect "index remove of a report not in it names it" 2 "plain.txt: not in the index" -- index remove "$db" "$tmp/plain.txt"
expect "a file that is not an index is refused" 2 "not a claimtrace index" -- index list "$tmp/plain.txt"
expect "an unreachable index location is refused" 2 "cannot open the index" -- index add /nonexistent/dir/reports.db "$report"
expect "a query of a path with no index says so" 2 "reports.db: no such index" -- sources --corpus /nonexistent/dir/reports.db "$release"
expect "index remove removes it" 0 "" -- index remove "$db" "$report"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
