# End-to-end tests: the real binary on the shipped data.
set(CLAIMTRACE_BIN $<TARGET_FILE:claimtrace_cli>)

# The command-line contract: exit codes and error messages for bad input.
add_test(NAME cli_test
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli_test.sh ${CLAIMTRACE_BIN}
          ${PROJECT_SOURCE_DIR}/data)
set_tests_properties(cli_test PROPERTIES LABELS e2e)

# Another CMake project can find_package(claimtrace) from an install.
add_test(NAME find_package_test
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/find_package_test.sh ${PROJECT_BINARY_DIR}
          ${PROJECT_SOURCE_DIR})
set_tests_properties(find_package_test PROPERTIES LABELS "e2e;install")

# PDF, HTML and Word inputs give the same claims and verdicts as text.
find_package(Python3 COMPONENTS Interpreter)

# Hostile inputs made at size N and 2N cost about twice as much, not four
# times (time and memory ratios, never wall-clock limits).
if(Python3_FOUND)
  add_test(NAME growth_test
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/growth_test.py ${CLAIMTRACE_BIN})
  set_tests_properties(growth_test PROPERTIES LABELS "e2e;cost" RUN_SERIAL ON)
endif()
# URL inputs against an HTTP server the test starts on 127.0.0.1.
if(Python3_FOUND)
  add_test(NAME fetch_test
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/fetch_test.py ${CLAIMTRACE_BIN}
            ${PROJECT_SOURCE_DIR}/data ${CMAKE_CURRENT_SOURCE_DIR}/data)
  set_tests_properties(fetch_test PROPERTIES LABELS e2e)
endif()
# The web app: a check posted as a browser's form, on a free loopback port.
if(Python3_FOUND)
  add_test(NAME serve_test
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/serve_test.py ${CLAIMTRACE_BIN}
            ${PROJECT_SOURCE_DIR}/data ${CMAKE_CURRENT_SOURCE_DIR}/data)
  set_tests_properties(serve_test PROPERTIES LABELS e2e)
endif()
if(Python3_FOUND)
  add_test(NAME parity_test
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/parity_test.py ${CLAIMTRACE_BIN}
            ${PROJECT_SOURCE_DIR}/data ${CMAKE_CURRENT_SOURCE_DIR}/data)
  set_tests_properties(parity_test PROPERTIES LABELS e2e)
endif()

# The HTML report in a real browser (Debian's chromium), when installed.
find_program(CHROMIUM_EXECUTABLE NAMES chromium chromium-browser)
if(CHROMIUM_EXECUTABLE)
  add_test(NAME html_dom_test
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/html_dom_test.sh ${CLAIMTRACE_BIN}
            ${CHROMIUM_EXECUTABLE} ${PROJECT_SOURCE_DIR}/data/reports/ofsted-tower-hamlets-ilacs-2024.txt)
  set_tests_properties(html_dom_test PROPERTIES LABELS "e2e;browser")
  # The web app in the browser, driven over the DevTools protocol by Node's
  # own WebSocket (Node 20: --experimental-websocket; no npm package).
  # Debian 12's nodejs (18) has no WebSocket: the test needs Node 20.10 or later.
  find_program(NODE_EXECUTABLE NAMES node nodejs)
  if(NODE_EXECUTABLE)
    execute_process(COMMAND ${NODE_EXECUTABLE} --version OUTPUT_VARIABLE NODE_VERSION
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    string(REGEX REPLACE "^v" "" NODE_VERSION "${NODE_VERSION}")
  endif()
  if(NODE_EXECUTABLE AND NODE_VERSION VERSION_GREATER_EQUAL 20.10)
    add_test(NAME serve_browser_test
      COMMAND ${NODE_EXECUTABLE} --experimental-websocket --no-warnings
              ${CMAKE_CURRENT_SOURCE_DIR}/serve_browser_test.mjs ${CLAIMTRACE_BIN}
              ${CHROMIUM_EXECUTABLE} ${PROJECT_SOURCE_DIR}/data)
    set_tests_properties(serve_browser_test PROPERTIES LABELS "e2e;browser" TIMEOUT 300)
  else()
    message(STATUS "serve_browser_test disabled: needs Node 20.10 or later")
  endif()
else()
  message(STATUS "html_dom_test disabled: no chromium (apt-get install chromium)")
endif()

# Quality floor on the seed gold set, scored by the evaluation's own scorer.
# Raise these minimums as quality lands; a regression below them fails CI.
if(Python3_FOUND AND EXISTS "${CLAIMTRACE_EVAL_DIR}/score.py")
  add_test(NAME score_seeds
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/score_test.py
            ${CLAIMTRACE_EVAL_DIR}/score.py ${CLAIMTRACE_EVAL_DIR}/seeds.gold.json
            --min-kind-f1 0.98 --min-f1 0.98 --min-verdict 0.98 --min-flag-f1 0.98
            --min-location 0.95 --min-speaker 0.98 --min-warnings 1.0
            -- ${CLAIMTRACE_BIN} check --format json {release} {sources})
  set_tests_properties(score_seeds PROPERTIES LABELS e2e)
else()
  message(STATUS "score_seeds test disabled: no ${CLAIMTRACE_EVAL_DIR}/score.py "
                 "(set CLAIMTRACE_EVAL_DIR)")
endif()

# The repository's own gold sets, scored by its own scorer (tests/score.py,
# the evaluation's gold format and summary), so the suite stands alone:
# - tables: a statistics bulletin in five formats and releases citing it
#   (correct, wrong-row, wrong-year and wrong-unit figures);
# - fields: releases and reports from public health, economics, education,
#   crime statistics and company results (tests/data/fields);
# - wider: harder cases from ten more fields and every input format, with
#   grouped and space-aligned tables and two-column PDFs (tests/data/wider,
#   FINDINGS.md lists what was wrong when it was written).
# Floors a little under what the build achieves, so a regression fails.
if(Python3_FOUND)
  add_test(NAME score_tables
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/score_test.py
            ${CMAKE_CURRENT_SOURCE_DIR}/score.py
            ${CMAKE_CURRENT_SOURCE_DIR}/gold/tables.gold.json
            --min-kind-f1 0.98 --min-f1 0.98 --min-verdict 0.95 --min-flag-f1 0.95
            --min-location 0.95
            -- ${CLAIMTRACE_BIN} check --format json {release} {sources})
  set_tests_properties(score_tables PROPERTIES LABELS e2e)
  add_test(NAME score_fields
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/score_test.py
            ${CMAKE_CURRENT_SOURCE_DIR}/score.py
            ${CMAKE_CURRENT_SOURCE_DIR}/gold/fields.gold.json
            --min-kind-f1 0.95 --min-f1 0.95 --min-verdict 0.95 --min-flag-f1 0.95
            --min-location 0.9 --min-speaker 1.0
            -- ${CLAIMTRACE_BIN} check --format json {release} {sources})
  set_tests_properties(score_fields PROPERTIES LABELS e2e)
  add_test(NAME score_wider
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/score_test.py
            ${CMAKE_CURRENT_SOURCE_DIR}/score.py
            ${CMAKE_CURRENT_SOURCE_DIR}/gold/wider.gold.json
            --min-kind-f1 0.95 --min-f1 0.96 --min-verdict 0.92 --min-flag-f1 0.88
            --min-location 0.84 --min-speaker 0.97
            -- ${CLAIMTRACE_BIN} check --format json {release} {sources})
  set_tests_properties(score_wider PROPERTIES LABELS e2e)
endif()

# The CI path end to end: pre-commit with this repository's hook definition,
# the action's script, the README's recipes, baseline, output files.
find_program(PRE_COMMIT_EXECUTABLE NAMES pre-commit)
find_program(GIT_EXECUTABLE NAMES git)
if(PRE_COMMIT_EXECUTABLE AND GIT_EXECUTABLE)
  add_test(NAME ci_test
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ci_test.sh ${CLAIMTRACE_BIN} ${PROJECT_SOURCE_DIR})
  set_tests_properties(ci_test PROPERTIES LABELS e2e)
else()
  message(STATUS "ci_test disabled: no pre-commit or git (apt-get install pre-commit git)")
endif()

# SARIF against the official 2.1.0 schema with Debian's python3-jsonschema,
# and through Microsoft's validator with GitHub's rules; both fetched from the
# npm registry by the fixture, not kept here. Skipped (77) without npm.
if(EXISTS /usr/bin/python3)
  set(SARIF_SCHEMA_DIR ${PROJECT_BINARY_DIR}/sarif-schema)
  add_test(NAME sarif_schema_fetch
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/sarif_schema_test.py fetch
            ${SARIF_SCHEMA_DIR})
  set_tests_properties(sarif_schema_fetch PROPERTIES
    FIXTURES_SETUP sarif_schema SKIP_RETURN_CODE 77 LABELS "e2e;network")
  add_test(NAME sarif_schema_test
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/sarif_schema_test.py check
            ${SARIF_SCHEMA_DIR} ${CLAIMTRACE_BIN} ${PROJECT_SOURCE_DIR})
  set_tests_properties(sarif_schema_test PROPERTIES
    FIXTURES_REQUIRED sarif_schema SKIP_RETURN_CODE 77 LABELS e2e)
endif()

# The archive on a real PostgreSQL server the test starts (Debian
# `postgresql`); skipped where the server binaries are absent.
add_test(NAME postgres_test
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/postgres_test.sh ${CLAIMTRACE_BIN}
          ${PROJECT_SOURCE_DIR}/data)
set_tests_properties(postgres_test PROPERTIES LABELS "e2e;postgres" SKIP_RETURN_CODE 77)

# The Python module (lib/python) under pytest, against the binary's output.
if(TARGET claimtrace_python)
  execute_process(COMMAND ${Python3_EXECUTABLE} -c "import pytest"
                  RESULT_VARIABLE CLAIMTRACE_NO_PYTEST OUTPUT_QUIET ERROR_QUIET)
  if(CLAIMTRACE_NO_PYTEST EQUAL 0)
    add_test(NAME python_test
      COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider
              ${CMAKE_CURRENT_SOURCE_DIR}/python)
    set_tests_properties(python_test PROPERTIES LABELS "e2e;python" ENVIRONMENT
      "PYTHONPATH=${PROJECT_BINARY_DIR}/python;CLAIMTRACE_BIN=${CLAIMTRACE_BIN};CLAIMTRACE_DATA_DIR=${PROJECT_SOURCE_DIR}/data;CLAIMTRACE_TEST_DATA_DIR=${CMAKE_CURRENT_SOURCE_DIR}/data;CLAIMTRACE_BUILD_DIR=${PROJECT_BINARY_DIR}")
  else()
    message(STATUS "python_test disabled: no pytest (apt-get install python3-pytest)")
  endif()
endif()
