#!/usr/bin/env bash
# The archive on a real PostgreSQL server: initdb in a temporary folder, a
# loopback port, run as an unprivileged user. Checks that `index add` is
# incremental there too, that checks run concurrently against one index give
# the same results as run one by one, and the same as on SQLite (one schema,
# one set of statements). Exits 77 (skipped) without the server binaries.
# Usage: postgres_test.sh CLAIMTRACE DATA_DIR
set -eu
bin=$1
data=$2
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$pgbin" || ! -x "$pgbin/initdb" ]]; then
  echo "skipped: no PostgreSQL server binaries (apt-get install postgresql)"
  exit 77
fi
tmp=$(mktemp -d)
as_user=()
if [[ $(id -u) -eq 0 ]]; then  # the server refuses to run as root
  chown nobody "$tmp"
  as_user=(runuser -u nobody --)
fi
stop() {
  "${as_user[@]}" "$pgbin/pg_ctl" -D "$tmp/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_user[@]}" "$pgbin/initdb" -D "$tmp/db" -U claimtrace --auth=trust >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log"; exit 1; }
"${as_user[@]}" "$pgbin/pg_ctl" -D "$tmp/db" -l "$tmp/db/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp" start >/dev/null ||
  { cat "$tmp/db/server.log"; exit 1; }
uri="postgresql://claimtrace@127.0.0.1:$port/postgres"
out=$(mktemp -d)
trap 'stop; rm -rf "$out"' EXIT

fails=0
check() {  # NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok: $name"; else echo "FAILED: $name"; fails=$((fails + 1)); fi
}

reports=("$data/reports/ofsted-tower-hamlets-ilacs-2024.txt"
         "$data/releases/tower-hamlets-2019-04-monitoring-visit.txt")
"$bin" index add "$uri" "${reports[@]}" >"$out/add1"
"$bin" index add "$uri" "${reports[@]}" >"$out/add2"
check "first add indexes" grep -q "^added " "$out/add1"
check "second add changes nothing" bash -c "! grep -vq '^unchanged ' '$out/add2'"
"$bin" index add "$out/index.db" "${reports[@]}" >/dev/null

releases=("$data"/releases/*.txt)
for i in "${!releases[@]}"; do  # one by one
  "$bin" check --corpus "$uri" --format json "${releases[$i]}" >"$out/seq.$i" || [ $? -eq 1 ]
  "$bin" check --corpus "$out/index.db" --format json "${releases[$i]}" >"$out/sqlite.$i" ||
    [ $? -eq 1 ]
done
pids=()
for round in 1 2 3; do  # all at once, three times over
  for i in "${!releases[@]}"; do
    ( "$bin" check --corpus "$uri" --format json "${releases[$i]}" >"$out/par.$round.$i" ||
      [ $? -eq 1 ] ) &
    pids+=($!)
  done
done
for p in "${pids[@]}"; do wait "$p" || { echo "FAILED: a concurrent check exited with an error"; fails=$((fails + 1)); }; done
for i in "${!releases[@]}"; do
  name=$(basename "${releases[$i]}")
  check "$name: ranked and traced" grep -q '"sources"' "$out/seq.$i"
  check "$name: PostgreSQL gives SQLite's results" cmp -s "$out/seq.$i" "$out/sqlite.$i"
  for round in 1 2 3; do
    check "$name: concurrent run $round gives the one-by-one results" \
      cmp -s "$out/seq.$i" "$out/par.$round.$i"
  done
done
"$bin" index remove "$uri" "${reports[1]}"
check "remove" bash -c "[ \$('$bin' index list '$uri' | wc -l) -eq 1 ]"
echo "$fails failed"
[ "$fails" -eq 0 ]
