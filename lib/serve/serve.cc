// Serve: cpp-httplib routes over CheckUploads. A check's release is
// forgotten with its request; its sources are kept in a SourceStore for the
// evidence links, which the source routes answer.
#include "claimtrace/serve.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "claimtrace/check.h"
#include "claimtrace/fetch.h"
#include "claimtrace/report.h"
#include "serve/source_store.h"

namespace claimtrace {
namespace {

std::string Escape(std::string_view text) { return HtmlEscape(text); }

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// The policy for a page: nothing from outside, no script but the one whose
// hash is given (the report's own filter script), forms only to this server.
std::string SecurityPolicy(std::string_view script) {
  std::string policy =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
      "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  if (!script.empty()) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(script.data()), script.size(), digest);
    policy += "; script-src 'sha256-" +
              Base64(std::string_view(reinterpret_cast<char*>(digest), sizeof digest)) +
              "'";
  }
  return policy;
}

// The report's own script: the last <script> element (the release's text is
// escaped, so none of it can open one).
std::string_view ReportScript(std::string_view html) {
  size_t open = html.rfind("<script>");
  if (open == std::string_view::npos) return {};
  open += 8;
  size_t close = html.find("</script>", open);
  if (close == std::string_view::npos) return {};
  return html.substr(open, close - open);
}

void Send(httplib::Response& res, int status, std::string html) {
  res.status = status;
  res.set_header("Content-Security-Policy", SecurityPolicy(ReportScript(html)));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");  // "no-referrer" makes Origin null
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(html), "text/html; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  Send(res, status,
       "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
       "charset=\"utf-8\"><title>claimtrace: "
       "cannot check</title></head><body><h1>Cannot check</h1><p class=\"error\">" +
           Escape(message) + "</p><p><a href=\"/\">Back</a></p></body></html>\n");
}

// The downloads, as data: links, so the server keeps nothing after answering.
std::string DownloadBar(const std::string& html, const std::string& json,
                        const std::string& markdown) {
  auto link = [](std::string_view type, std::string_view file, std::string_view label,
                 const std::string& body) {
    return fmt::format("<a download=\"{}\" href=\"data:{};base64,{}\">{}</a>", file, type,
                       Base64(body), label);
  };
  return "<nav class=\"desk\" style=\"padding:.5rem 1rem;background:#eef\">Download: " +
         link("text/html", "claimtrace-report.html", "HTML", html) + " · " +
         link("application/json", "claimtrace-report.json", "JSON", json) + " · " +
         link("text/markdown", "claimtrace-report.md", "Markdown", markdown) +
         " · <a href=\"/\">Check another release</a></nav>\n";
}

// Loads an upload, or fetches it; `bytes`, when given, receives what was
// read (the upload's bytes, or the body fetched).
Result<Document> Load(const Upload& upload, DocumentFormat format,
                      const LoadLimits& limits, const FetchOptions& fetch,
                      std::string* bytes = nullptr) {
  if (!upload.url.empty()) return FetchDocument(upload.url, format, limits, fetch, bytes);
  if (bytes) *bytes = upload.bytes;
  return ParseText(upload.name, upload.bytes, format, limits);
}

// Checks the uploads; `source_bytes`, when given, receives each source's
// bytes in the result's order.
Result<CheckResult> CheckInMemory(const Upload& release,
                                  const std::vector<Upload>& sources,
                                  const ServeOptions& options,
                                  std::vector<std::string>* source_bytes = nullptr) {
  const CheckOptions& check = options.check;
  if (sources.empty()) {
    return Status::InvalidArgument(
        "no report given: choose the report the release cites");
  }
  Result<Document> document =
      Load(release, check.release_format, check.limits.ForRelease(), options.fetch);
  if (!document.ok()) return document.status();
  std::vector<Document> loaded;
  for (const Upload& source : sources) {
    std::string bytes;
    Result<Document> doc = Load(source, check.source_format, check.limits.ForSource(),
                                options.fetch, source_bytes ? &bytes : nullptr);
    if (!doc.ok()) return doc.status();
    loaded.push_back(std::move(doc).value());
    if (source_bytes) source_bytes->push_back(std::move(bytes));
  }
  return Check(std::move(document).value(), std::move(loaded), check);
}

ReportOptions Reporting() {
  ReportOptions report;
  report.tool_version = std::string(Version());
  report.timestamp =
      fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
  return report;
}

// A text field of the form, or "".
std::string Field(const httplib::Request& req, const std::string& name) {
  return req.has_file(name) ? req.get_file_value(name).content : "";
}

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  return std::string(text.substr(begin, text.find_last_not_of(" \t\r\n") + 1 - begin));
}

// The app's URLs of a check's sources: their bytes and their text page.
std::string SourceUrl(const std::string& id, size_t index) {
  return fmt::format("/checks/{}/sources/{}", id, index);
}

void HandleCheck(const httplib::Request& req, httplib::Response& res,
                 const ServeOptions& options, SourceStore& store) {
  Upload release;
  std::string release_url = Trim(Field(req, "release_url"));
  bool has_file =
      req.has_file("release") && !req.get_file_value("release").content.empty();
  bool has_text = !Trim(Field(req, "release_text")).empty();
  // Two releases given would check one silently: say so instead.
  if (has_file + has_text + !release_url.empty() > 1) {
    return SendError(res, 400,
                     "two releases given: paste its text, choose its file or give its "
                     "URL, only one of them");
  }
  if (has_file) {
    const auto& file = req.get_file_value("release");
    release = {file.filename.empty() ? "release" : file.filename, file.content, ""};
  } else if (has_text) {
    release = {"pasted release", Field(req, "release_text"), ""};
  } else if (!release_url.empty()) {
    release = {release_url, "", release_url};
  }
  if (release.bytes.empty() && release.url.empty()) {
    return SendError(res, 400,
                     "no release given: paste its text, choose its file or give its URL");
  }
  std::vector<Upload> sources;
  auto [begin, end] = req.files.equal_range("report");
  for (auto it = begin; it != end; ++it) {
    if (it->second.content.empty() && it->second.filename.empty()) continue;
    std::string name = it->second.filename.empty()
                           ? fmt::format("report {}", sources.size() + 1)
                           : it->second.filename;
    sources.push_back({std::move(name), it->second.content, ""});
  }
  std::istringstream urls(Field(req, "report_urls"));
  for (std::string line; std::getline(urls, line);) {
    if (std::string url = Trim(line); !url.empty()) sources.push_back({url, "", url});
  }
  if (sources.empty()) {
    return SendError(res, 400, "no report given: choose the report the release cites");
  }
  std::vector<std::string> bytes;
  Result<CheckResult> result = CheckInMemory(release, sources, options, &bytes);
  if (!result.ok()) return SendError(res, 422, result.status().message());
  ReportOptions reporting = Reporting();
  // The downloads link the sources by name, as the command line's report
  // does; the page links them here, where they are kept.
  std::string html = RenderReport(*result, ReportFormat::kHtml, reporting);
  std::string id = SourceStore::NewId();
  ReportOptions in_app = reporting;
  for (size_t i = 0; i < result->sources.size(); ++i) {
    in_app.source_links.push_back({SourceUrl(id, i), SourceUrl(id, i) + "/text"});
  }
  std::string page = RenderReport(*result, ReportFormat::kHtml, in_app);
  size_t body = page.find("<body>");
  if (body != std::string::npos) {
    page.insert(
        body + 6,
        "\n" + DownloadBar(html, RenderReport(*result, ReportFormat::kJson, reporting),
                           RenderReport(*result, ReportFormat::kMarkdown, reporting)));
  }
  // Rendered: the sources move to the store (no copy of a large report).
  SourceStore::Sources kept;
  for (size_t i = 0; i < result->sources.size(); ++i) {
    kept.push_back({std::move(bytes[i]), std::move(result->sources[i])});
  }
  store.Put(std::move(id), std::move(kept));
  Send(res, 200, std::move(page));
}

// The page of a kept source's text with the span `from`-`to` (offsets in
// its text, as the report's links give them) marked.
void HandleText(const httplib::Request& req, httplib::Response& res,
                const StoredSource& source, const std::string& url) {
  auto offset = [&req](const char* name) -> std::optional<size_t> {
    std::string value = req.get_param_value(name);
    if (value.empty() || value.size() > 12 ||
        value.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return std::stoull(value);
  };
  std::optional<size_t> from = offset("from"), to = offset("to");
  const Document& doc = source.document;
  if (!from || !to || *from > *to || *to > doc.text().size()) {
    return SendError(res, 400, "no such passage in this report");
  }
  // The original, a PDF at the passage's page.
  std::string original = url;
  if (doc.format() == DocumentFormat::kPdf) {
    original += fmt::format("#page={}", doc.Locate(*from).page);
  }
  Send(res, 200, PassagePage(doc, {*from, *to}, original));
}

}  // namespace

Result<std::string> CheckUploads(const Upload& release,
                                 const std::vector<Upload>& sources, ReportFormat format,
                                 const ServeOptions& options) {
  Result<CheckResult> result = CheckInMemory(release, sources, options);
  if (!result.ok()) return result.status();
  return RenderReport(*result, format, Reporting());
}

Status Serve(const ServeOptions& options) {
  httplib::Server server;
  server.set_payload_max_length(options.max_upload_bytes);
  int port = 0;
  // Only requests addressed to this server by the name it listens on: a page
  // on another site that rebinds its DNS name to 127.0.0.1 sends its own.
  server.set_pre_routing_handler([&port, &options](const httplib::Request& req,
                                                   httplib::Response& res) {
    std::string host = req.get_header_value("Host");
    std::string suffix = ":" + std::to_string(port);
    bool ok = host == options.host + suffix || host == "localhost" + suffix ||
              host == "127.0.0.1" + suffix || host == "[::1]" + suffix;
    // A form posted by a page of another site carries that site's Origin.
    std::string origin = req.get_header_value("Origin");
    if (ok && !origin.empty() && origin != "http://" + host) {
      SendError(res, 403, "this server accepts forms only from its own page");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (ok) return httplib::Server::HandlerResponse::Unhandled;
    SendError(res, 421,
              "this server answers only requests addressed to " + options.host + suffix);
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    Send(res, 200, DeskPage());
  });
  SourceStore store(options.max_kept_bytes);
  server.Post("/check",
              [&options, &store](const httplib::Request& req, httplib::Response& res) {
                try {
                  HandleCheck(req, res, options, store);
                } catch (const std::bad_alloc&) {
                  SendError(res, 507, "out of memory while checking these files");
                }
              });
  // A kept source: its bytes as given, or its text with a passage marked.
  server.Get(
      R"(/checks/([0-9a-f]{32})/sources/(\d{1,6})(/text)?)",
      [&store](const httplib::Request& req, httplib::Response& res) {
        std::shared_ptr<const SourceStore::Sources> sources =
            store.Find(req.matches[1].str());
        size_t index = std::stoul(req.matches[2].str());
        if (!sources || index >= sources->size()) {
          return SendError(res, 404,
                           "this check's reports are no longer kept: check the "
                           "release again");
        }
        const StoredSource& source = (*sources)[index];
        if (req.matches[3].length() > 0) {
          return HandleText(req, res, source, SourceUrl(req.matches[1].str(), index));
        }
        ServedSource served = ServeAs(source);
        res.status = 200;
        if (!served.security_policy.empty()) {
          res.set_header("Content-Security-Policy", served.security_policy);
        }
        res.set_header("Content-Disposition", served.disposition);
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_header("Cache-Control", "no-store");
        // Streamed from the store, not copied: the check is held
        // until sent, whatever newer checks make the store forget.
        res.set_content_provider(
            source.bytes.size(), served.content_type,
            [sources, index](size_t offset, size_t length, httplib::DataSink& sink) {
              const std::string& bytes = (*sources)[index].bytes;
              return sink.write(bytes.data() + offset,
                                std::min(length, bytes.size() - offset));
            });
      });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 413) {
      SendError(res, 413,
                "the files are larger than this server accepts (--max-upload-size)");
    } else if (res.body.empty()) {
      SendError(res, res.status, fmt::format("HTTP {}", res.status));
    }
  });
  if (options.port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (server.bind_to_port(options.host, options.port)) {
    port = options.port;
  }
  if (port <= 0) {
    return Status::IoError(
        fmt::format("cannot listen on {}:{}: in use, or not an address "
                    "of this machine",
                    options.host, options.port));
  }
  if (options.on_listening) options.on_listening(port);
  if (!server.listen_after_bind()) {
    return Status::IoError(fmt::format("{}:{}: the server stopped", options.host, port));
  }
  return Status();
}

}  // namespace claimtrace
