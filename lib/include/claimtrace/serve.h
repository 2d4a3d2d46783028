// Serve: the journalist's desk, a local web app over the library.
//
// One self-contained page (no external assets, no network calls from the
// page) takes a release (pasted, uploaded or a URL) and one or more reports
// (uploaded or URLs), runs Check on them in memory and answers with the HTML audit
// report, with links to download it as HTML, JSON or Markdown. Each evidence
// link opens its source at the passage: the report's bytes as given (a PDF at
// its page) and a page of its text with the passage marked, served from
// memory under an unguessable URL of the check. Nothing is written anywhere:
// the sources of the latest checks stay in memory up to `max_kept_bytes`,
// the release only for the one request. A web page given as a source is
// served sandboxed, so no script of it runs as the app.
//
// The server binds to loopback by default, refuses a request body over
// `max_upload_bytes`, and answers only requests addressed to the host it
// listens on (a web page elsewhere cannot reach it by DNS rebinding) and
// posts from its own page (no other site's form can make it fetch). Every
// response forbids script but the report's own (Content-Security-Policy).
//
// Thread safety: Serve blocks; requests are handled on a thread pool, each
// on its own documents.
#ifndef CLAIMTRACE_SERVE_H_
#define CLAIMTRACE_SERVE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "claimtrace/fetch.h"
#include "claimtrace/options.h"
#include "claimtrace/report.h"
#include "claimtrace/status.h"

namespace claimtrace {

struct ServeOptions {
  // Address to bind. Default: "127.0.0.1" (this machine only).
  std::string host = "127.0.0.1";
  // Port to listen on; 0 picks a free one (see `on_listening`).
  // Default: 8080
  int port = 8080;
  // Largest request body (all uploads together). Default: 64 MiB.
  uint64_t max_upload_bytes = uint64_t{64} << 20;
  // Memory kept for the evidence links of the latest checks (their sources'
  // bytes and text); the oldest checks are forgotten past it, the latest
  // never. Default: 256 MiB.
  uint64_t max_kept_bytes = uint64_t{256} << 20;
  // How each upload is checked: formats, limits, policy.
  CheckOptions check;
  // How a release or report given by URL is fetched (timeout, redirects).
  FetchOptions fetch;
  // Called once the socket is bound, with the port, before requests are
  // served (to print the address). May be empty.
  std::function<void(int port)> on_listening;
};

// One uploaded or pasted document: its name (the file name, shown in the
// report) and its bytes; or a URL the server fetches (FetchDocument).
struct Upload {
  std::string name;
  std::string bytes;
  std::string url;  // when set, the document is fetched from here instead
};

// The app's page: the form, as one self-contained HTML document.
std::string DeskPage();

// Checks a release against sources held in memory (or fetched from their
// URLs) and returns the report in `format`. The error names the upload or
// URL and what is wrong with it.
Result<std::string> CheckUploads(const Upload& release,
                                 const std::vector<Upload>& sources, ReportFormat format,
                                 const ServeOptions& options);

// Serves the app until the process ends. Fails when the address cannot be
// bound (in use, not this machine's).
Status Serve(const ServeOptions& options);

}  // namespace claimtrace

#endif  // CLAIMTRACE_SERVE_H_
