// SourceStore: the sources of the app's latest checks, held in memory so
// that each evidence link of a report opens its source at the passage: the
// bytes as uploaded or fetched (a PDF in the browser's viewer at its page),
// and a page of the source's text with the passage marked.
//
// A check's sources are kept under an unguessable id (128 random bits), so
// another user of the machine cannot list them, and forgotten oldest first
// past a byte budget; nothing is written anywhere.
//
// Thread safety: Put and Find may be called from several threads at once.
#ifndef CLAIMTRACE_SERVE_SOURCE_STORE_H_
#define CLAIMTRACE_SERVE_SOURCE_STORE_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimtrace/document.h"

namespace claimtrace {

struct StoredSource {
  std::string bytes;  // as uploaded or fetched
  Document document;  // as checked: its text, blocks and pages
};

class SourceStore {
 public:
  using Sources = std::vector<StoredSource>;

  // Keeps checks while their bytes and text together stay under `max_bytes`;
  // the latest check is kept whatever its size.
  explicit SourceStore(uint64_t max_bytes) : max_bytes_(max_bytes) {}

  // Returns a new id (32 lower-case hex digits, from 128 random bits).
  static std::string NewId();

  // Keeps `sources` under `id`, forgetting the oldest checks past the
  // budget. (The id comes first so that the report linking to them is
  // rendered before the sources move here.)
  void Put(std::string id, Sources sources);

  // Returns the sources kept under `id`, or nullptr when unknown or
  // forgotten. A request holds them while it reads, whatever Put forgets.
  std::shared_ptr<const Sources> Find(std::string_view id) const;

 private:
  uint64_t max_bytes_;
  mutable std::mutex mutex_;
  uint64_t bytes_ = 0;  // guarded by mutex_
  std::deque<std::pair<std::string, std::shared_ptr<const Sources>>>
      checks_;  // guarded by mutex_; oldest first
};

// How a stored source's bytes are answered: a content type, a disposition
// and a Content-Security-Policy ("" for none).
struct ServedSource {
  std::string content_type;
  std::string disposition;
  std::string security_policy;
};

// Returns how to serve `source`, decided by the format it was read as, not
// by its name: a PDF inline for the browser's viewer; a web page sandboxed
// (no script, an origin of its own, nothing loaded from anywhere), so a
// hostile page cannot act as the app; text as plain text; Word and RTF as
// downloads.
ServedSource ServeAs(const StoredSource& source);

// Returns the app's page of `document`'s text around `span`, the span in
// <mark id="passage"> (the link's #passage scrolls to it): for a PDF the
// span's page, else the blocks around it. `original` links the source's
// bytes at the passage ("" for none). Every piece of text is escaped.
std::string PassagePage(const Document& document, Range span, std::string_view original);

}  // namespace claimtrace

#endif  // CLAIMTRACE_SERVE_SOURCE_STORE_H_
