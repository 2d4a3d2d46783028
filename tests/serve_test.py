#!/usr/bin/env python3
"""The web app (claimtrace serve): starts it on a free loopback port, loads
its page, posts the example release and report as a browser's form would
(multipart), and checks the claims and verdicts in the answer against the
command line's; a hostile release comes back escaped and under a policy that
runs no script but the report's own; bad requests get one message; the
server is stopped at the end.

Usage: serve_test.py BINARY DATA_DIR
"""
import base64
import functools
import http.server
import json
import pathlib
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid

binary, data = sys.argv[1], pathlib.Path(sys.argv[2])
RELEASE = data / "releases" / "tower-hamlets-2025-01-outstanding.txt"
REPORT = data / "reports" / "ofsted-tower-hamlets-ilacs-2024.txt"
# No proxy: the server is on this machine.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
failures = 0


def check(name, ok, detail=""):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL: {name}", str(detail)[:600])


def multipart(fields):
    """fields: (name, filename or None, bytes); returns (body, content type)."""
    boundary = uuid.uuid4().hex
    body = b""
    for name, filename, content in fields:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
        body += content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def request(url, fields=None, headers=None):
    body, content_type = multipart(fields) if fields is not None else (None, None)
    req = urllib.request.Request(url, data=body, headers=dict(headers or {}))
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with opener.open(req, timeout=120) as res:
            return res.status, dict(res.headers), res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def download(page, file):
    match = re.search(rf'download="{re.escape(file)}" href="data:[^;]+;base64,([^"]*)"', page)
    return base64.b64decode(match.group(1)).decode() if match else ""


server = subprocess.Popen([binary, "serve", "--port", "0", "--max-upload-size", "1M"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        sys.exit(f"the server did not say where it listens: {line!r} {server.stderr.read()}")
    base = f"http://127.0.0.1:{match.group(1)}"

    status, headers, page = request(base + "/")
    check("the page loads", status == 200 and 'action="/check"' in page, status)
    check("the page has no script and no external asset",
          "<script" not in page and not re.search(r'(src|href)="(https?:)?//', page))
    check("the page is under a policy with no script",
          "default-src 'none'" in headers.get("Content-Security-Policy", "")
          and "script-src" not in headers.get("Content-Security-Policy", ""), headers)

    # The example, uploaded: the same claims and verdicts as the command line.
    cli = subprocess.run([binary, "check", "--format", "json", str(RELEASE), str(REPORT)],
                         capture_output=True, text=True)
    want = [(c["text"], c["verdict"]) for c in json.loads(cli.stdout)["claims"]]
    status, headers, page = request(base + "/check", [
        ("release_text", None, b""),
        ("release", RELEASE.name, RELEASE.read_bytes()),
        ("report", REPORT.name, REPORT.read_bytes())])
    check("the check answers 200", status == 200, page[:300])
    got_json = download(page, "claimtrace-report.json")
    got = [(c["text"], c["verdict"]) for c in json.loads(got_json)["claims"]] if got_json else []
    check("the JSON download has the command line's claims and verdicts", got == want,
          f"{len(got)} vs {len(want)} claims")
    check("the page shows the summary", "35 claims: 16 verbatim, 3 altered, 10 untraced" in page,
          re.findall(r"\d+ claims[^<]*", page))
    for verdict in ("altered", "untraced", "verbatim", "attributed"):
        check(f"the page marks {verdict} claims", f'class="v-{verdict}' in page)
    check("the page names the uploads", RELEASE.name in page and REPORT.name in page)
    check("the Markdown download is the Markdown report",
          "35 claims" in download(page, "claimtrace-report.md"))
    check("the report's own script is allowed by hash, nothing else",
          re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'$",
                    headers.get("Content-Security-Policy", "")), headers)

    # Requests at once (the server's thread pool): each gets its own result.
    from concurrent.futures import ThreadPoolExecutor
    releases = sorted((data / "releases").glob("*.txt"))
    def verdicts_of(path):
        _, _, page = request(base + "/check", [
            ("release", path.name, path.read_bytes()), ("report", REPORT.name, REPORT.read_bytes())])
        text = download(page, "claimtrace-report.json")
        return [(c["text"], c["verdict"]) for c in json.loads(text)["claims"]] if text else None
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(verdicts_of, releases * 3))
    alone = [verdicts_of(path) for path in releases]
    check("requests at once get the results of requests one at a time",
          together == alone * 3 and all(alone), [len(v or []) for v in together])

    # Pasted text works as a release; a hostile one stays text.
    hostile = ('Hi <script>alert(1)</script> and <img src=x onerror=alert(1)> said '
               '\u201c<script>alert(2)</script> words quoted from nowhere at all\u201d.\n')
    status, headers, page = request(base + "/check", [
        ("release_text", None, hostile.encode()),
        ("report", REPORT.name, REPORT.read_bytes())])
    check("a pasted release is checked", status == 200 and "untraced" in page, status)
    check("the hostile quotation comes back escaped", "&lt;script&gt;alert(2)" in page)
    check("no script from the release", "<script>alert" not in page and "<img" not in page)

    # Bad requests: one message each, escaped.
    status, _, page = request(base + "/check", [("report", REPORT.name, REPORT.read_bytes())])
    check("no release is 400 with a message", status == 400 and "no release given" in page,
          status)
    status, _, page = request(base + "/check", [
        ("release_text", None, b"Pasted text.\n"), ("release", "r.txt", RELEASE.read_bytes()),
        ("report", REPORT.name, REPORT.read_bytes())])
    check("a release pasted and uploaded is 400, not one of them checked",
          status == 400 and "two releases given" in page, status)
    status, _, page = request(base + "/check", [("release", "r.txt", RELEASE.read_bytes())])
    check("no report is 400 with a message", status == 400 and "no report given" in page, status)
    status, _, page = request(base + "/check", [
        ("release", "<b>empty</b>.txt", b""), ("release_text", None, b""),
        ("report", REPORT.name, REPORT.read_bytes())])
    check("an empty release is refused", status == 400, status)
    status, _, page = request(base + "/check", [
        ("release", "r.txt", RELEASE.read_bytes()),
        ("report", "<i>x</i>.pdf", b"%PDF-1.4\nbroken")])
    check("a broken report is 422 naming it, escaped",
          status == 422 and "&lt;i&gt;x&lt;/i&gt;.pdf" in page and "<i>" not in page, (status, page))
    status, _, page = request(base + "/check", [
        ("release", "r.txt", b"word " * 300_000), ("report", REPORT.name, REPORT.read_bytes())])
    check("an upload over --max-upload-size is 413", status == 413, status)
    # Addresses instead of files, served from this machine.
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    files = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(data)))
    threading.Thread(target=files.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{files.server_address[1]}"
    release_url = f"{site}/releases/{RELEASE.name}"
    report_url = f"{site}/reports/{REPORT.name}"
    status, _, page = request(base + "/check", [
        ("release_url", None, release_url.encode()),
        ("report_urls", None, f"\n  {report_url}  \n".encode())])
    got_json = download(page, "claimtrace-report.json")
    got = [(c["text"], c["verdict"]) for c in json.loads(got_json)["claims"]] if got_json else []
    check("a release and a report given by URL: the command line's verdicts",
          status == 200 and got == want, (status, page[:300]))
    check("the report names the URLs", release_url in page and report_url in page)
    status, _, page = request(base + "/check", [
        ("release", RELEASE.name, RELEASE.read_bytes()),
        ("report_urls", None, f"{site}/reports/missing.pdf".encode())])
    check("a URL that answers 404 is 422 naming it",
          status == 422 and f"{site}/reports/missing.pdf: the server answered HTTP 404" in page,
          (status, page[:400]))
    files.shutdown()

    status, _, page = request(base + "/check", [("release", "r.txt", RELEASE.read_bytes()),
                                                ("report", REPORT.name, REPORT.read_bytes())],
                              headers={"Origin": "http://attacker.example"})
    check("a form posted from another site is refused", status == 403, status)
    status, _, _ = request(base + "/", headers={"Host": "attacker.example"})
    check("a request for another host is refused (DNS rebinding)", status == 421, status)
finally:
    server.terminate()
    server.wait(timeout=30)

check("the server stops", server.returncode is not None)
if failures:
    sys.exit(f"{failures} failed")
print("serve_test: all passed")
