// FetchDocument: one libcurl transfer into memory, then ParseText, so that a
// URL is loaded exactly as a file with the same bytes would be.
#include "claimtrace/fetch.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace claimtrace {
namespace {

// What the transfer has received, and why the write callback stopped it.
struct Transfer {
  CURL* curl = nullptr;
  std::string body;
  uint64_t max_bytes = 0;
  bool too_large = false;
  long refused_status = 0;  // a non-2xx answer, stopped at its first byte
};

size_t Write(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  // The status is known once the body starts: do not read an error page.
  long status = 0;
  curl_easy_getinfo(transfer->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    transfer->refused_status = status;
    return 0;
  }
  size_t bytes = size * count;
  if (transfer->body.size() + bytes > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;
  }
  transfer->body.append(data, bytes);
  return bytes;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The loader the server's content type names, for bytes that do not name one
// themselves; kAuto leaves the choice to ParseText (bytes, then the URL's
// extension). Sets `refused` for types that are never a document.
DocumentFormat FormatFromContentType(std::string_view content_type, bool* refused) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  *refused = type.starts_with("image/") || type.starts_with("audio/") ||
             type.starts_with("video/") || type.starts_with("font/");
  if (type == "application/pdf") return DocumentFormat::kPdf;
  if (type == "text/html" || type == "application/xhtml+xml")
    return DocumentFormat::kHtml;
  if (type == "text/markdown") return DocumentFormat::kMarkdown;
  if (type == "application/rtf" || type == "text/rtf") return DocumentFormat::kRtf;
  if (type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document") {
    return DocumentFormat::kDocx;
  }
  return DocumentFormat::kAuto;
}

// True when the bytes carry a signature ParseText recognises whatever the
// server said (a PDF served as application/octet-stream or text/html).
bool SelfIdentifying(std::string_view bytes) {
  return bytes.starts_with("%PDF-") || bytes.starts_with("PK\x03\x04") ||
         bytes.starts_with("{\\rtf");
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

bool IsUrl(std::string_view input) {
  std::string head = Lower(input.substr(0, 8));
  return head.starts_with("http://") || head.starts_with("https://");
}

Result<Document> FetchDocument(const std::string& url, DocumentFormat format,
                               const LoadLimits& limits, const FetchOptions& options,
                               std::string* body) {
  if (!IsUrl(url)) {
    return Status::InvalidArgument(
        fmt::format("{}: not an http:// or https:// URL", url));
  }
  GlobalInit();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                           &curl_easy_cleanup);
  if (!curl) return Status::Internal(fmt::format("{}: cannot start libcurl", url));
  Transfer transfer;
  transfer.curl = curl.get();
  transfer.max_bytes = std::min<uint64_t>(limits.max_input_bytes, INT32_MAX);
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, options.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  // A declared Content-Length over the limit is refused before any byte.
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(transfer.max_bytes));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "claimtrace");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  CURLcode code = curl_easy_perform(c);

  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (transfer.refused_status != 0 ||
      (code == CURLE_OK && (status < 200 || status > 299))) {
    return Status::IoError(
        fmt::format("{}: the server answered HTTP {}, not the document", url,
                    transfer.refused_status ? transfer.refused_status : status));
  }
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return Status::InvalidInput(fmt::format(
        "{}: the download is over the {} limit; raise it with {} if the file is genuine",
        url, FormatSize(transfer.max_bytes), limits.input_option));
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return Status::IoError(
        fmt::format("{}: no complete answer within {} seconds; raise it with {} if the "
                    "server is slow",
                    url, options.timeout_seconds, options.timeout_option));
  }
  if (code == CURLE_TOO_MANY_REDIRECTS) {
    return Status::IoError(
        fmt::format("{}: more than {} redirects", url, options.max_redirects));
  }
  if (code != CURLE_OK) {
    return Status::IoError(fmt::format("{}: cannot fetch it: {}", url,
                                       *error ? error : curl_easy_strerror(code)));
  }
  const char* content_type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &content_type);
  if (format == DocumentFormat::kAuto && content_type &&
      !SelfIdentifying(transfer.body)) {
    bool refused = false;
    format = FormatFromContentType(content_type, &refused);
    if (refused) {
      return Status::InvalidInput(
          fmt::format("{}: the server sent {}, not a document", url, content_type));
    }
  }
  if (body) *body = transfer.body;
  return ParseText(url, std::move(transfer.body), format, limits);
}

}  // namespace claimtrace
