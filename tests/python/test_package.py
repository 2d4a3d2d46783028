"""The package as installed: type stubs in step with the module, docstrings
for help(), and `cmake --install` putting it where python3 finds it."""
import ast
import inspect
import os
import pathlib
import pydoc
import subprocess
import sys

import pytest

import claimtrace
from conftest import DATA, RELEASE, REPORT

PACKAGE = pathlib.Path(claimtrace.__file__).parent


def stub_names():
    """Returns {name: set of member names} of the classes and functions in
    __init__.pyi."""
    tree = ast.parse((PACKAGE / "__init__.pyi").read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.FunctionDef):
            out[node.name] = set()
    return out


def test_the_stubs_declare_every_public_name_and_member():
    stubs = stub_names()
    assert set(claimtrace.__all__) == set(stubs)
    for name in claimtrace.__all__:
        obj = getattr(claimtrace, name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            members = {m for m in vars(obj) if not m.startswith("_")}
            assert members == stubs[name] - {"__init__"}, name
    assert (PACKAGE / "py.typed").exists()


def test_help_reads_well():
    for name in claimtrace.__all__:
        obj = getattr(claimtrace, name)
        assert obj.__doc__ and len(obj.__doc__) > 40, name
        if inspect.isclass(obj):
            assert obj.__module__ == "claimtrace", name
    text = pydoc.render_doc(claimtrace.check, renderer=pydoc.plaintext)
    assert "check(release, sources, *, fail_on=None, config=None" in text
    assert "A str is always a path" in claimtrace.__doc__
    assert claimtrace.__version__.count(".") == 2
    result = claimtrace.check(RELEASE, REPORT)
    assert repr(result).startswith("<CheckResult ") and "claims" in repr(result)
    assert repr(result.claims[0]).startswith("<Claim quote 1:")


def test_cmake_install_puts_it_where_python3_finds_it(tmp_path):
    build = os.environ["CLAIMTRACE_BUILD_DIR"]
    cache = (pathlib.Path(build) / "CMakeCache.txt").read_text()
    site = next(line.split("=", 1)[1] for line in cache.splitlines()
                if line.startswith("CLAIMTRACE_PYTHON_INSTALL_DIR:"))
    # With the default prefix, the folder is on this interpreter's path.
    assert os.path.join("/usr/local", site) in sys.path
    subprocess.run(["cmake", "--install", build, "--prefix", str(tmp_path)],
                   check=True, capture_output=True)
    installed = tmp_path / site / "claimtrace"
    assert {p.name for p in installed.iterdir()} >= {"__init__.py", "__init__.pyi",
                                                     "py.typed"}
    out = subprocess.run(
        [sys.executable, "-c",
         "import claimtrace, sys; r = claimtrace.check(sys.argv[1], sys.argv[2]);"
         "print(claimtrace.__file__, len(r.claims))", RELEASE, REPORT],
        env={**os.environ, "PYTHONPATH": str(tmp_path / site)},
        capture_output=True, text=True, check=True, cwd=tmp_path)
    path, count = out.stdout.split()
    assert path.startswith(str(installed)) and int(count) > 10


def test_the_stubs_match_the_module_and_type_check_a_notebook(tmp_path):
    pytest.importorskip("mypy.stubtest")
    allowlist = DATA.parent / "lib" / "python" / "stubtest-allowlist.txt"
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "claimtrace", "--allowlist",
         str(allowlist)], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    # A user's code: mypy reads the package's stubs (py.typed) and catches a
    # wrong argument and an Optional left unchecked.
    (tmp_path / "use.py").write_text(
        "import claimtrace\n"
        "r = claimtrace.check('a.txt', ['b.txt'], fail_on=['altered'])\n"
        "line: int = r.claims[0].line\n"
        "value: float = r.claims[0].value.value\n"
        "claimtrace.check(3, [])\n")
    out = subprocess.run([sys.executable, "-m", "mypy", "use.py"], capture_output=True,
                         text=True, cwd=tmp_path)
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 2, out.stdout
    assert "use.py:4:" in errors[0] and "None" in errors[0]
    assert "use.py:5:" in errors[1] and 'Argument 1 to "check"' in errors[1]
