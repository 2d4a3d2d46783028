// Fetch: loads a document from an http:// or https:// URL with libcurl.
//
// The bytes (and, when they do not say, the server's content type) decide
// the loader, as for a file; the URL is the document's path in every
// report. Redirects are followed up to a bound, only to http and https; the
// body is refused past the input size limit (while it arrives, not after);
// the transfer is abandoned after a timeout. Each failure is one message
// naming the URL: the HTTP status, the host that cannot be reached, the
// limit and the option that raises it.
//
// Thread safety: FetchDocument may be called from several threads at once.
#ifndef CLAIMTRACE_FETCH_H_
#define CLAIMTRACE_FETCH_H_

#include <string>
#include <string_view>

#include "claimtrace/document.h"
#include "claimtrace/status.h"

namespace claimtrace {

struct FetchOptions {
  // Seconds the whole transfer may take, redirects included.
  // Default: 60
  long timeout_seconds = 60;
  // Seconds to wait for a connection to each host.
  // Default: 15
  long connect_timeout_seconds = 15;
  // Most redirects followed.
  // Default: 5
  long max_redirects = 5;
  // The option that raises the timeout, for messages.
  // Default: "--timeout"
  std::string timeout_option = "--timeout";
};

// Returns true when `input` names a URL that FetchDocument reads: it starts
// with http:// or https:// (in any case).
bool IsUrl(std::string_view input);

// Fetches `url` and loads it as LoadDocument loads a file. `limits` bound
// the body (max_input_bytes) and the text, as for a file. `body`, when
// given, receives the bytes as they arrived (the web app serves them back).
Result<Document> FetchDocument(const std::string& url,
                               DocumentFormat format = DocumentFormat::kAuto,
                               const LoadLimits& limits = {},
                               const FetchOptions& options = {},
                               std::string* body = nullptr);

}  // namespace claimtrace

#endif  // CLAIMTRACE_FETCH_H_
