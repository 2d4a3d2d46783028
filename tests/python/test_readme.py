"""The README's Python examples run as written, from the repository root."""
import contextlib
import io
import re

from conftest import DATA, RELEASES

ROOT = DATA.parent


def test_the_readme_examples_run(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    monkeypatch.chdir(ROOT)
    for block in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), {})
        if "ThreadPoolExecutor" in block:
            headers = [line for line in out.getvalue().splitlines()
                       if not line.startswith(" ")]
            assert [h.split(":")[0] for h in headers] == [
                str(p.relative_to(ROOT)) for p in map(type(ROOT), RELEASES)]
            assert all(re.search(r": \d+ of \d+ claims fail$", h) for h in headers)
