#!/usr/bin/env bash
# The CI path as a comms team meets it, run with the real tools on a
# temporary git repository of drafts: the README's pre-commit recipe with this
# repository's hook definition (pre-commit appends the staged drafts), the
# README's GitHub Action recipe through the action's run script, the README's
# shell recipe, baseline round trips on a commented policy file, policy
# discovery, output files under umask 022, and write failures.
# Usage: ci_test.sh BINARY SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
py=/usr/bin/python3  # Debian's, with python3-yaml (a pre-commit dependency)
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "tmp=$tmp"
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
umask 022
export PATH="$(dirname "$bin"):$PATH" PRE_COMMIT_HOME="$tmp/pre-commit-home"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
unset NO_COLOR

passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL: $*"
}
# check NAME CONDITION...: runs the condition, counts the result.
check() {
  local name=$1
  shift
  if "$@"; then ok; else bad "$name"; fi
}
has() { grep -q -- "$2" "$1"; }
mode_of() { stat -c %a "$1"; }

# The README's code block that follows `<!-- ci-recipe: NAME -->`.
recipe() {
  awk -v name="$1" '
    $0 == "<!-- ci-recipe: " name " -->" { want = 1; next }
    want && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$src/README.md"
}

# --- A repository of drafts, and the hook repository (this one's hooks file).
repo=$tmp/comms
mkdir -p "$repo/drafts" "$repo/reports" "$tmp/hooks"
cp "$src/data/releases/tower-hamlets-2025-01-outstanding.txt" "$repo/drafts/outstanding.md"
cp "$src/data/releases/tower-hamlets-2025-01-recruitment.txt" "$repo/drafts/recruitment.md"
cp "$src/tests/data/report.pdf" "$repo/reports/report.pdf"
cp "$src/docs/audit-report.png" "$repo/drafts/chart.png"  # not a draft
cp "$src/.pre-commit-hooks.yaml" "$tmp/hooks/"
git -C "$tmp/hooks" init -q && git -C "$tmp/hooks" add -A &&
  git -C "$tmp/hooks" commit -qm hooks
rev=$(git -C "$tmp/hooks" rev-parse HEAD)
git -C "$repo" init -q
recipe pre-commit | sed -e "s|repo: .*|repo: $tmp/hooks|" -e "s|rev: .*|rev: $rev|" \
  >"$repo/.pre-commit-config.yaml"
check "the README has a pre-commit recipe naming the report with --source" \
  has "$repo/.pre-commit-config.yaml" "args: \[--source, reports/report.pdf\]"
cd "$repo" || exit 1

# --- pre-commit on the staged drafts: both are releases, the PDF the source.
git add -A
pre-commit run >"$tmp/hook.out" 2>&1
code=$?
check "pre-commit fails on flagged claims (exit $code)" test $code -eq 1
check "pre-commit checks both staged drafts in one run" has "$tmp/hook.out" "2 releases:"
check "pre-commit reports the draft's failing claims" \
  has "$tmp/hook.out" "drafts/outstanding.md:[0-9]*:[0-9]*  altered"
check "pre-commit passes no image to the hook" \
  bash -c "! grep -q 'chart.png' '$tmp/hook.out'"
check "the report is never read as a release" \
  bash -c "! grep -q '^reports/report.pdf:[0-9]' '$tmp/hook.out'"
pre-commit install >/dev/null 2>&1
git commit -qm drafts >"$tmp/commit.out" 2>&1
check "the installed hook refuses the commit" test $? -ne 0

# --- baseline: creates claimtrace.toml at the repository root, 0644, says so.
claimtrace baseline --source reports/report.pdf drafts/*.md >"$tmp/baseline.out" 2>&1
check "baseline exits 0" test $? -eq 0
check "baseline says what it wrote" \
  has "$tmp/baseline.out" "^claimtrace.toml: [1-9][0-9]* claims accepted, 0 pruned$"
check "baseline's file honours umask 022" test "$(mode_of claimtrace.toml)" = 644
git add claimtrace.toml
git commit -qm "drafts, accepted" >"$tmp/commit.out" 2>&1
check "the hook passes once the claims are accepted" test $? -eq 0

# --- A team comments its policy; a draft changes; prune keeps the comments.
{
  echo "# Comms team policy: ask the press office before editing."
  sed '0,/^\[\[accept\]\]/s//# The first claim we agreed on.\n[[accept]]/' claimtrace.toml
} >policy.tmp && mv policy.tmp claimtrace.toml
accepts_before=$(grep -c '^\[\[accept\]\]' claimtrace.toml)
# Drop the lines (paragraphs) after the first four of one draft.
head -n 4 drafts/recruitment.md >r.tmp && mv r.tmp drafts/recruitment.md
claimtrace check --source reports/report.pdf drafts/*.md >"$tmp/unused.out" 2>&1
check "a stale acceptance is warned about" has "$tmp/unused.out" "unused-acceptance"
claimtrace baseline --prune --source reports/report.pdf drafts/*.md >"$tmp/prune.out" 2>&1
check "prune exits 0" test $? -eq 0
check "prune says what it removed" \
  has "$tmp/prune.out" "^claimtrace.toml: 0 claims accepted, [1-9][0-9]* pruned$"
check "prune keeps the team's top comment" \
  has claimtrace.toml "^# Comms team policy: ask the press office"
check "prune keeps the comment on a kept acceptance" \
  has claimtrace.toml "^# The first claim we agreed on."
check "prune removed some acceptances" \
  test "$(grep -c '^\[\[accept\]\]' claimtrace.toml)" -lt "$accepts_before"
claimtrace check --source reports/report.pdf drafts/*.md >"$tmp/clean.out" 2>&1
check "after prune the check passes without warnings" \
  bash -c "[ $? -eq 0 ] && ! grep -q unused-acceptance '$tmp/clean.out'"

# --- The policy is found from the draft's folder up, from any directory.
(cd drafts && claimtrace check --source ../reports/report.pdf outstanding.md >/dev/null)
check "the policy at the repository root applies from a subfolder" test $? -eq 0
printf 'fail-on = ["altered"]\n' >drafts/claimtrace.toml
claimtrace check --source reports/report.pdf drafts/outstanding.md >"$tmp/key.out" 2>&1
code=$?
check "an unknown key is exit 2 (got $code)" test $code -eq 2
check "an unknown key is named with a suggestion" \
  has "$tmp/key.out" "drafts/claimtrace.toml:1: unknown key 'fail-on' (did you mean 'fail_on'?"
rm drafts/claimtrace.toml

# --- The README's shell recipe, as any CI would run it.
recipe shell >"$tmp/recipe.sh"
bash -e "$tmp/recipe.sh" >"$tmp/recipe.out" 2>&1
check "the shell recipe runs" test $? -eq 0
check "the recipe's SARIF is 0644 under umask 022" test "$(mode_of claims.sarif)" = 644
rm -f claims.sarif

# --- The README's GitHub Action recipe, through the action's run script.
"$py" - "$src/README.md" "$src/action.yml" >"$tmp/action.env" <<'EOF'
import re, shlex, sys, yaml
readme = open(sys.argv[1]).read()
block = re.search(r"<!-- ci-recipe: github-action -->\n```yaml\n(.*?)```", readme, re.S)
steps = yaml.safe_load(block.group(1))["steps"]
step = next(s for s in steps if s.get("uses", "").startswith("claimtrace/"))
action = yaml.safe_load(open(sys.argv[2]))
run = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
assert "tools/github-action.sh" in run["run"], run["run"]
for name in action["inputs"]:
    env = "INPUT_" + name.upper().replace("-", "_")
    assert env in run["env"], env  # every input reaches the script
    value = step["with"].get(name, action["inputs"][name].get("default", ""))
    print(f"export {env}={shlex.quote(str(value))}")
EOF
check "the action recipe and action.yml agree" test $? -eq 0
# run_action NAME [VAR=VALUE...]: the action's script with the recipe's inputs.
run_action() {
  local name=$1
  shift
  (
    source "$tmp/action.env"
    export CLAIMTRACE=$bin GITHUB_STEP_SUMMARY=$tmp/$name.md GITHUB_OUTPUT=$tmp/$name.gh
    for assignment in "$@"; do export "${assignment?}"; done
    bash "$src/tools/github-action.sh" >"$tmp/$name.out" 2>&1
  )
}
printf '# no acceptances\n' >"$tmp/empty.toml"
run_action fresh INPUT_CONFIG="$tmp/empty.toml"
check "the action fails the job on failing claims" test $? -eq 1
check "the action records its exit code" has "$tmp/fresh.gh" "^exit-code=1$"
check "the action annotates the failing claims" \
  has "$tmp/fresh.out" "^::error file=drafts/outstanding.md,line=[0-9]*,col="
check "the action writes the Markdown job summary" has "$tmp/fresh.md" "^## claimtrace: drafts/"
check "the action writes SARIF" test -s claims.sarif
run_action accepted
check "the action passes under the team's policy" test $? -eq 0
check "accepted claims are not re-posted as notices" \
  bash -c "! grep -q '^::notice' '$tmp/accepted.out'"
run_action shown INPUT_SHOW_ACCEPTED=true
check "show-accepted posts them as notices" has "$tmp/shown.out" "^::notice file=drafts/"
run_action nothing INPUT_DRAFTS="nowhere/**/*.md"
check "the action refuses drafts that match nothing" test $? -eq 2
check "the action says which drafts matched nothing" \
  has "$tmp/nothing.out" "^::error title=claimtrace::no draft matches 'nowhere/\*\*/\*.md'"
# Every line is a well-formed workflow command: properties escaped (no raw
# ':' or ',' inside a value), no raw CR, and the data after '::'.
check "every annotation line is a well-formed workflow command" "$py" -c '
import re, sys
ok = re.compile(r"::(error|warning|notice)( [a-zA-Z]+=[^,:\r\n]*(,[a-zA-Z]+=[^,:\r\n]*)*)?::[^\r]*")
lines = open(sys.argv[1], newline="").read().split("\n")[:-1]
sys.exit(0 if lines and all(ok.fullmatch(l) for l in lines) else 1)' "$tmp/fresh.out"

# --- Output files and standard output.
release=drafts/outstanding.md
claimtrace check --source reports/report.pdf "$release" >/dev/full 2>"$tmp/full.err"
code=$?
check "a full standard output is exit 2 (got $code)" test $code -eq 2
check "a full standard output is named" has "$tmp/full.err" "cannot write to standard output"
claimtrace check --format json --output /dev/null --source reports/report.pdf "$release"
check "--output /dev/null is written in place" test $? -ne 2 -a -c /dev/null
ln -s real.json link.json
claimtrace check --format json --output link.json --source reports/report.pdf "$release"
check "--output through a symlink keeps the link" test -L link.json -a -s real.json
check "the link's target is 0644" test "$(mode_of real.json)" = 644
mkdir -p out.dir
claimtrace check --output out.dir --source reports/report.pdf "$release" 2>"$tmp/dir.err"
check "--output to a folder is exit 2" test $? -eq 2
check "no temporary file is left behind" \
  bash -c "! ls -A . out.dir | grep -q '\.tmp\.'"

# --- The Dockerfile (no Docker engine needed): its image installs the
# package of every shared library the binary links, and builds from the
# README's packages.
runtime=$(awk '/^FROM/ { stage++ } stage == 2' "$src/Dockerfile")
build_stage=$(awk '/^FROM/ { stage++ } stage == 1' "$src/Dockerfile")
for so in $(readelf -d "$bin" | awk -F'[][]' '/NEEDED/ { print $2 }'); do
  lib=$(ldconfig -p | awk -v s="$so" '$1 == s { print $NF; exit }')
  package=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | cut -d: -f1 | head -1)
  case $package in "" | libc6 | libgcc-s1 | libstdc++6 | libasan* | libubsan*) continue ;; esac  # sanitizer runtimes: not in a release build
  check "the image installs $package (for $so)" grep -qw -- "$package" <<<"$runtime"
done
readme_packages=$(grep -m1 'apt-get install' "$src/README.md")
for package in $(grep -o 'lib[a-z0-9+.-]*-dev' <<<"$build_stage"); do
  check "the image's build package $package is one of the README's" \
    grep -qw -- "$package" <<<"$readme_packages"
done

# The action installs the README's build packages (less those only tests use).
action_packages=$(grep -A3 'apt-get install' "$src/action.yml")
for package in $(grep -o 'lib[a-z0-9+.-]*-dev\|nlohmann-json3-dev' <<<"$readme_packages"); do
  [[ $package == doctest-dev || $package == libclang-rt-14-dev ]] && continue  # tests only
  check "the action installs $package" grep -qw -- "$package" <<<"$action_packages"
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
