#!/usr/bin/env bash
# The test suite and the fuzz targets under AddressSanitizer and
# UndefinedBehaviorSanitizer, from the ordinary ctest run, so CI runs them
# with the README's two commands. One clang build tree serves both: the
# library is compiled with -fsanitize=fuzzer-no-link,address,undefined
# (CLAIMTRACE_BUILD_FUZZ), the tests and the tool link it with ASan and UBSan,
# the fuzz targets with libFuzzer. In that tree this runs every test (the fuzz
# targets replay tests/fuzz/regressions/ and fuzz for FUZZ_SECONDS each) but:
# - python_test: the module is not built (CLAIMTRACE_BUILD_PYTHON=OFF), as an
#   ASan-instrumented extension cannot load into Debian's uninstrumented
#   python3 without the ASan runtime preloaded (LD_PRELOAD) into it;
# - format_test (label lint): clang-format, no code of ours runs;
# - growth_test (label cost): it compares CPU time and peak memory at N and
#   2N, costs that ASan's shadow memory and allocator quarantine change, and
#   was the slowest test under ASan (over 25 minutes on the shared machine);
#   the loaders and stages it feeds are fuzzed here.
# Those two run in the ordinary tree.
# The tree is BUILD_DIR (kept between runs: only what changed is rebuilt).
# Usage: sanitize_test.sh SOURCE_DIR BUILD_DIR FUZZ_SECONDS EVAL_DIR
set -eu
src=$1
build=$2
seconds=$3
eval_dir=${4:-}
jobs=${CMAKE_BUILD_PARALLEL_LEVEL:-2}

if ! command -v clang++ >/dev/null; then
  echo "skipped: no clang++ (apt-get install clang libclang-rt-14-dev)"
  exit 77
fi

# The asan preset (CMakePresets.json) in BUILD_DIR: clang, -O1 and line
# tables only, so a cold build takes minutes and stack traces name lines.
cd "$src"
cmake --preset asan -B "$build" -DCLAIMTRACE_FUZZ_SECONDS="$seconds" \
  -DCLAIMTRACE_EVAL_DIR="$eval_dir" >/dev/null
if ! cmake --build "$build" -j"$jobs" >"$build/build.log" 2>&1; then
  tail -n 40 "$build/build.log"
  echo "FAIL: the sanitizer build (log: $build/build.log)"
  exit 1
fi

# The asan test preset's environment (ctest --preset cannot take another
# build directory): any report fails a test (UBSan stops at the first,
# LeakSanitizer checks at exit); find_package_test's consumer of the
# instrumented library is compiled and linked with the same sanitizers.
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export CXX=clang++ CXXFLAGS="-fsanitize=address,undefined" LDFLAGS="-fsanitize=address,undefined"
exec ctest --test-dir "$build" -j"$jobs" --output-on-failure --label-exclude "lint|cost"
