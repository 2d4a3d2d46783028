#!/usr/bin/env bash
# Runs one fuzz target: its regression inputs once each, then fuzzing for a
# bounded time from the seeds. New inputs go to CORPUS (in the build tree);
# the seed folders are only read.
# Usage: run_fuzz.sh BINARY NAME SECONDS CORPUS SOURCE_DIR
set -eu
bin=$1
name=$2
seconds=$3
corpus=$4
root=$5
here=$root/tests/fuzz
mkdir -p "$corpus"

regressions=("$here/regressions/$name"/*)
if [[ -e ${regressions[0]} ]]; then
  "$bin" -timeout=30 "${regressions[@]}"
fi

seeds=("$root/data/releases" "$root/data/reports" "$root/tests/data")
[[ -d $here/seeds/$name ]] && seeds+=("$here/seeds/$name")
# Text-like inputs are fuzzed in pieces of at most 8 KiB (seeds are cut), so
# each run is quick; zip and PDF seeds need their whole structure.
max_len=()
[[ $name == load_docx || $name == load_pdf ]] || max_len=(-max_len=8192)
exec "$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
  "${max_len[@]}" "$corpus" "${seeds[@]}"
