#!/usr/bin/env python3
"""URL inputs: the binary fetches a release and a report from an HTTP server
this test starts on 127.0.0.1 (loopback only), and each failure is one
message naming the URL: redirects followed (and bounded), 404, a content type
that is no document, too large (declared and undeclared), slow.

Usage: fetch_test.py BINARY DATA_DIR TEST_DATA_DIR
"""
import http.server
import json
import pathlib
import subprocess
import sys
import threading
import time

binary, data, test_data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
RELEASE = data / "releases" / "tower-hamlets-2025-01-outstanding.txt"
REPORT = data / "reports" / "ofsted-tower-hamlets-ilacs-2024.txt"
PDF = test_data / "report.pdf"
HTML = test_data / "release.html"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, content_type, length=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not False:
            self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        path = self.path
        if path == "/release":  # no extension: the bytes decide
            self.send(200, RELEASE.read_bytes(), "text/plain; charset=utf-8")
        elif path == "/report":
            self.send(200, REPORT.read_bytes(), "text/plain")
        elif path == "/paper":  # a PDF served as a generic binary
            self.send(200, PDF.read_bytes(), "application/octet-stream")
        elif path == "/page":  # HTML known only from its content type
            self.send(200, b"<p>Ofsted said the service was \xe2\x80\x9coutstanding\xe2\x80\x9d.</p>",
                      "text/html; charset=utf-8")
        elif path == "/moved":
            self.redirect("/moved-again")
        elif path == "/moved-again":
            self.redirect("/report")
        elif path == "/loop":
            self.redirect("/loop")
        elif path == "/elsewhere":  # redirects leave http(s) for nothing
            self.redirect("file:///etc/passwd")
        elif path == "/picture":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        elif path == "/large":  # declared too large
            self.send(200, b"x" * 4096, "text/plain", length=4096)
        elif path == "/large-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                self.wfile.write(b"word " * 1000)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/slow":
            time.sleep(8)
            self.send(200, b"late\n", "text/plain")
        else:
            self.send(404, b"not here\n", "text/plain")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"

failures = 0


def run(*args):
    proc = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


def expect(name, want_code, want_text, *args):
    global failures
    code, out = run(*args)
    if code != want_code or want_text not in out:
        failures += 1
        print(f"FAIL: {name}: exit {code} (want {want_code}), output lacks {want_text!r}:")
        print(out[:600])


def verdicts(out):
    return [(c["text"], c["verdict"]) for c in json.loads(out)["claims"]]


# A release and a report from URLs give the claims and verdicts of the files,
# and the reports record the URLs.
code, from_files = run("check", "--format", "json", str(RELEASE), str(REPORT))
code_urls, from_urls = run("check", "--format", "json", base + "/release", base + "/report")
if code_urls != code or verdicts(from_urls) != verdicts(from_files):
    failures += 1
    print(f"FAIL: URL inputs differ from the same files (exit {code_urls} vs {code})")
    print(from_urls[:600])
else:
    doc = json.loads(from_urls)
    if doc["release"]["path"] != base + "/release" or doc["sources"][0]["path"] != base + "/report":
        failures += 1
        print("FAIL: the JSON report does not record the URLs:", doc["release"], doc["sources"])
    if doc["release"]["sha256"] != json.loads(from_files)["release"]["sha256"]:
        failures += 1
        print("FAIL: the fetched release's SHA-256 differs from the file's")

expect("redirects are followed", code, "untraced", "check", str(RELEASE), base + "/moved")
expect("a PDF served as octet-stream is read as PDF", 0, '"format": "pdf"',
       "check", "--format", "json", "--fail-on", "none", str(RELEASE), base + "/paper")
expect("text/html decides the loader when the bytes do not", 0, '"format": "html"',
       "check", "--format", "json", "--fail-on", "none", base + "/page", str(REPORT))
expect("404 names the URL and the status", 2, f"{base}/nothing: the server answered HTTP 404",
       "check", str(RELEASE), base + "/nothing")
expect("a redirect loop is bounded", 2, f"{base}/loop: more than 5 redirects",
       "check", str(RELEASE), base + "/loop")
expect("a redirect out of http(s) is refused", 2, f"{base}/elsewhere: cannot fetch it",
       "check", str(RELEASE), base + "/elsewhere")
expect("an image is refused", 2, f"{base}/picture: the server sent image/png, not a document",
       "check", str(RELEASE), base + "/picture")
expect("a declared length over the limit is refused", 2,
       f"{base}/large: the download is over the 1 KiB limit; raise it with --max-input-size",
       "check", "--max-input-size", "1K", str(RELEASE), base + "/large")
expect("an undeclared body over the limit is refused", 2,
       f"{base}/large-undeclared: the download is over the 1 KiB limit",
       "check", "--max-input-size", "1K", str(RELEASE), base + "/large-undeclared")
expect("a slow server times out, naming --timeout", 2,
       f"{base}/slow: no complete answer within 1 seconds; raise it with --timeout",
       "check", "--timeout", "1", str(RELEASE), base + "/slow")
expect("nothing listening names the URL", 2, "http://127.0.0.1:1/x: cannot fetch it",
       "check", str(RELEASE), "http://127.0.0.1:1/x")
expect("extract reads a URL", 0, "Outstanding", "extract", base + "/release")
expect("--timeout must be positive", 2, "--timeout must be at least 1", "check", "--timeout", "0",
       str(RELEASE), str(REPORT))

server.shutdown()
if failures:
    sys.exit(f"{failures} failed")
print("fetch_test: all passed")
