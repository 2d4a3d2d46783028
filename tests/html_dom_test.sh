#!/usr/bin/env bash
# Loads the HTML report of a hostile release in headless Chromium and checks
# the DOM it builds: the release's markup stays text (no <img>, no event
# handler, only the report's own script), and the page loads nothing from
# outside (Chromium runs with networking off; any external URL in a src or
# href attribute fails the test).
# Usage: html_dom_test.sh BINARY CHROMIUM REPORT
set -u
bin=$1
chromium=$2
report=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'Hi <script>alert(1)</script> and <img src=x onerror=alert(1)> with “<b>bold</b> words quoted from nowhere at all”.\n' >"$tmp/hostile.txt"
"$bin" check --format html --output "$tmp/report.html" "$tmp/hostile.txt" "$report"
[[ -s $tmp/report.html ]] || { echo "no report written"; echo "0 passed, 1 failed"; exit 1; }
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>/dev/null

passed=0
failed=0
check() {  # check NAME COMMAND...
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
check "the browser built a DOM" test -s "$tmp/dom.html"
check "no <img> element from the release" bash -c "! grep -qi '<img' '$tmp/dom.html'"
check "no event-handler attribute" bash -c "! grep -Eqi '<[^>]* on[a-z]+=' '$tmp/dom.html'"
check "only the report's own script" test "$(grep -o '<script' "$tmp/dom.html" | wc -l)" -eq 1
check "the release's markup is shown as text" grep -q '&lt;script&gt;alert(' "$tmp/dom.html"
check "no external resource" bash -c "! grep -Eqi '(src|href)=\"(https?:)?//' '$tmp/dom.html'"
check "claims are highlighted by verdict" grep -q 'class="v-untraced' "$tmp/dom.html"

# The printed audit report (Chromium's print to PDF): several pages, each
# with its number and the running header naming the release.
"$bin" check --format html --output "$tmp/example.html" "$(dirname "$report")/../releases/tower-hamlets-2025-01-outstanding.txt" "$report"
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
  --user-data-dir="$tmp/profile" --print-to-pdf="$tmp/example.pdf" "file://$tmp/example.html" 2>/dev/null
if command -v pdftotext >/dev/null; then
  pdftotext "$tmp/example.pdf" "$tmp/example.txt"
  pages=$(grep -c '^Page [0-9]* of [0-9]*$' "$tmp/example.txt")
  check "the printed report has several numbered pages" test "$pages" -ge 2
  check "every printed page names the release" \
    test "$(grep -c 'claimtrace audit: .*tower-hamlets-2025-01-outstanding.txt (sha256' "$tmp/example.txt")" -eq "$pages"
  check "the record gives the policy" grep -q 'policy: fail on' "$tmp/example.txt"
else
  echo "print checks skipped: no pdftotext (apt-get install poppler-utils)"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
