#!/usr/bin/env bash
# The run step of the GitHub Action (action.yml): workflow annotations on the
# drafts, a job summary in Markdown, and optionally a SARIF file, from one
# set of inputs. Inputs arrive as INPUT_* variables; CLAIMTRACE names the
# binary. Exit code: claimtrace's (0 clean, 1 claims fail, 2 error).
set -uo pipefail
shopt -s nullglob globstar
bin=${CLAIMTRACE:-claimtrace}

common=()
for source in ${INPUT_SOURCES:-}; do common+=(--source "$source"); done
[[ -n ${INPUT_CONFIG:-} ]] && common+=(--config "$INPUT_CONFIG")
[[ -n ${INPUT_FAIL_ON:-} ]] && common+=(--fail-on "$INPUT_FAIL_ON")
# Globs expand here (globstar: drafts/**/*.md); one that matches nothing is
# dropped, so a team without Word drafts can keep drafts/**/*.docx listed.
drafts=(${INPUT_DRAFTS:-})
if [[ ${#common[@]} -eq 0 ]]; then
  echo "::error title=claimtrace::the action needs 'sources': the report(s) the drafts cite"
  exit 2
fi
if [[ ${#drafts[@]} -eq 0 ]]; then
  echo "::error title=claimtrace::no draft matches '${INPUT_DRAFTS:-}'"
  exit 2
fi

annotate=()
[[ ${INPUT_SHOW_ACCEPTED:-false} == true ]] && annotate+=(--show-accepted)
"$bin" check --format github "${annotate[@]}" "${common[@]}" "${drafts[@]}"
code=$?
# A later step's failure to write must not hide the check's own result,
# but an error (2) wins over a failing claim (1).
worst() { [[ $1 -eq 2 ]] && code=2; }
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  "$bin" check --format markdown "${common[@]}" "${drafts[@]}" >>"$GITHUB_STEP_SUMMARY"
  worst $?
fi
if [[ -n ${INPUT_SARIF:-} ]]; then
  "$bin" check --format sarif --output "$INPUT_SARIF" "${common[@]}" "${drafts[@]}"
  worst $?
fi
[[ -n ${GITHUB_OUTPUT:-} ]] && echo "exit-code=$code" >>"$GITHUB_OUTPUT"
exit "$code"
