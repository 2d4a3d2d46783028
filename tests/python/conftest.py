"""Shared fixtures of the Python module's tests: where the build put things,
and the command line run the same way, to compare with.

ctest sets the environment (tests/e2e.cmake): PYTHONPATH holds
build/python, CLAIMTRACE_BIN the command-line binary, CLAIMTRACE_DATA_DIR
data/, CLAIMTRACE_TEST_DATA_DIR tests/data/, CLAIMTRACE_BUILD_DIR the build.
"""
import os
import pathlib
import subprocess

import pytest

DATA = pathlib.Path(os.environ["CLAIMTRACE_DATA_DIR"]).resolve()
TEST_DATA = pathlib.Path(os.environ["CLAIMTRACE_TEST_DATA_DIR"]).resolve()
BIN = os.environ["CLAIMTRACE_BIN"]
REPORT = str(DATA / "reports" / "ofsted-tower-hamlets-ilacs-2024.txt")
RELEASES = sorted(str(p) for p in (DATA / "releases").glob("*.txt"))
RELEASE = str(DATA / "releases" / "tower-hamlets-2025-01-outstanding.txt")


def run_cli(*args, env=None):
    """Runs the command line; returns (exit code, stdout bytes, stderr text)."""
    out = subprocess.run([BIN, *args], capture_output=True, check=False,
                         env={**os.environ, **(env or {})})
    return out.returncode, out.stdout, out.stderr.decode()


@pytest.fixture
def bad_inputs(tmp_path):
    """Files the loaders refuse, as tests/cli_test.sh makes them."""
    files = {
        "empty.txt": b"",
        "latin1.txt": b"caf\xe9\n",
        "binary.txt": b"PK\x03\x04\x00\x00binary",
        "broken.pdf": b"%PDF-1.4\nbroken",
        "bad.toml": b"fail_on = [\n",
        "wrong-verdict.toml": b'fail_on = ["wrong"]\n',
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    return tmp_path
