#!/usr/bin/env bash
# Installs the built library into a temporary prefix, builds the project in
# tests/find_package against it with find_package(claimtrace), and runs it.
# Usage: find_package_test.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$source/tests/find_package" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
set +e
"$tmp/consumer/consumer" "$source/data/releases/tower-hamlets-2025-01-recruitment.txt" \
  "$source/data/reports/ofsted-tower-hamlets-ilacs-2024.txt" >"$tmp/out.txt"
code=$?
set -e
if [[ $code -eq 1 ]] && grep -q "claims:" "$tmp/out.txt"; then
  echo "1 passed, 0 failed"
else
  echo "consumer exited $code:"; cat "$tmp/out.txt"; echo "0 passed, 1 failed"; exit 1
fi
