#!/usr/bin/env python3
"""The web app (claimtrace serve): starts it on a free loopback port, loads
its page, posts the example release and report as a browser's form would
(multipart), and checks the claims and verdicts in the answer against the
command line's; a hostile release comes back escaped and under a policy that
runs no script but the report's own; bad requests get one message; the
server is stopped at the end.

Each evidence link opens the report kept in memory: its bytes (a PDF at
its page, a web page sandboxed) and its text with the passage marked.

Usage: serve_test.py BINARY DATA_DIR TEST_DATA_DIR
"""
import base64
import functools
import html
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

binary, data, test_data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
PDF_REPORT = test_data / "report.pdf"
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


def request(url, fields=None, headers=None, raw=False):
    body, content_type = multipart(fields) if fields is not None else (None, None)
    req = urllib.request.Request(url, data=body, headers=dict(headers or {}))
    if content_type:
        req.add_header("Content-Type", content_type)
    decode = (lambda b: b) if raw else (lambda b: b.decode())
    try:
        with opener.open(req, timeout=120) as res:
            return res.status, dict(res.headers), decode(res.read())
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), decode(e.read())


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

    # Evidence links: the report's text with the passage marked, and its bytes.
    links = [html.unescape(u) for u in re.findall(
        r'<p class="where"><a href="(/checks/[0-9a-f]{32}/sources/0/text\?from=\d+&amp;to=\d+'
        r'#passage)">', page)]
    check("each evidence in a text report links to its text in the app",
          len(links) == sum(1 for c in json.loads(got_json or '{"claims":[]}')["claims"]
                            if "match" in c), len(links))
    marked = re.compile(r'<mark id="passage">[^<]*appropriately aspirational for children')
    altered = [u for u in links if marked.search(request(base + u)[2])]
    check("the altered quotation's link marks its passage", altered, links[:3])
    if altered:
        status, headers, text = request(base + altered[0])
        check("the text page is the app's: no script, passage marked",
              status == 200 and '<mark id="passage">' in text and "<script" not in text
              and "script-src" not in headers.get("Content-Security-Policy", "x script-src"),
              (status, headers))
        status, headers, body = request(base + altered[0].split("/text")[0], raw=True)
        check("the report's bytes are served as uploaded, as plain text, sandboxed",
              status == 200 and body == REPORT.read_bytes()
              and headers.get("Content-Type") == "text/plain; charset=utf-8"
              and headers.get("Content-Security-Policy", "").startswith("sandbox;"),
              (status, headers))
        status, _, _ = request(base + altered[0].split("?")[0] + "?from=5&to=999999999")
        check("a passage outside the report is 400", status == 400, status)
        status, _, _ = request(base + altered[0].replace("/sources/0/", "/sources/1/"))
        check("a report the check did not have is 404", status == 404, status)
        status, _, _ = request(base + "/checks/" + "0" * 32 + "/sources/0")
        check("an unknown check is 404", status == 404, status)

    # A PDF report: its page, the words to search for, and the page's text.
    status, _, page = request(base + "/check", [
        ("release", RELEASE.name, RELEASE.read_bytes()),
        ("report", PDF_REPORT.name, PDF_REPORT.read_bytes())])
    pdf_links = re.findall(
        r'<a href="(/checks/[0-9a-f]{32}/sources/0)#page=(\d+)&amp;search=%22([^"]+)%22">', page)
    check("PDF evidence links to the kept PDF at its page with its words",
          status == 200 and len(pdf_links) >= 16, (status, len(pdf_links)))
    if pdf_links:
        status, headers, body = request(base + pdf_links[0][0], raw=True)
        check("the PDF is served as uploaded, for the browser's viewer",
              status == 200 and body == PDF_REPORT.read_bytes()
              and headers.get("Content-Type") == "application/pdf"
              and "sandbox" not in headers.get("Content-Security-Policy", ""),
              (status, headers))
    page_texts = re.findall(r'<a href="([^"]+#passage)">the page&#39;s text</a>', page)
    check("PDF evidence links to the page's text too", len(page_texts) == len(pdf_links),
          (len(page_texts), len(pdf_links)))
    if page_texts:
        status, _, text = request(base + html.unescape(page_texts[0]))
        check("the page's text names its page and marks the passage",
              status == 200 and re.search(r"report\.pdf, page \d+</h1>", text)
              and '<mark id="passage">' in text, text[:300])

    # A hostile web page as the report: served sandboxed, never as the app.
    hostile_page = ("<html><body><p>Young people receive high-quality support and access "
                    "a wealth of services.<script>parent.pwned=1</script></p></body></html>")
    status, _, page = request(base + "/check", [
        ("release_text", None, "They \u201creceive high-quality support\u201d.\n".encode()),
        ("report", "page.pdf", hostile_page.encode())])
    page_links = re.findall(
        r'<a href="(/checks/[0-9a-f]{32}/sources/0)#:~:text=([^"]+)">', page)
    check("web-page evidence links to the kept page at its words",
          status == 200 and len(page_links) == 1, (status, page_links))
    if page_links:
        status, headers, body = request(base + page_links[0][0])
        policy = headers.get("Content-Security-Policy", "")
        check("the web page is served sandboxed: no script, its own origin, nothing loaded",
              status == 200 and body == hostile_page
              and headers.get("Content-Type") == "text/html"
              and policy.startswith("sandbox;") and "default-src 'none'" in policy
              and "allow-" not in policy and "script" not in policy, (status, headers))

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
    fetched = re.search(r'href="(/checks/[0-9a-f]{32}/sources/0)/text', page)
    status, _, body = request(base + fetched.group(1), raw=True) if fetched else (0, {}, b"")
    check("a report given by URL is served back as it was fetched",
          status == 200 and body == REPORT.read_bytes(), status)
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

# --max-kept-size: past it the oldest check's reports are forgotten, the
# latest's kept.
server = subprocess.Popen([binary, "serve", "--port", "0", "--max-kept-size", "1"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
try:
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline())
    base = f"http://127.0.0.1:{match.group(1)}"
    first, second = [re.search(r'href="(/checks/[0-9a-f]{32}/sources/0)/text', request(
        base + "/check", [("release", RELEASE.name, RELEASE.read_bytes()),
                          ("report", REPORT.name, REPORT.read_bytes())])[2]).group(1)
        for _ in range(2)]
    status, _, page = request(base + first)
    check("past --max-kept-size the older check's report is forgotten: 404 saying so",
          status == 404 and "no longer kept" in page, status)
    status, _, body = request(base + second, raw=True)
    check("the latest check's report is kept", status == 200 and body == REPORT.read_bytes(),
          status)
finally:
    server.terminate()
    server.wait(timeout=30)

check("the server stops", server.returncode is not None)
if failures:
    sys.exit(f"{failures} failed")
print("serve_test: all passed")
