#include "text/stemmer.h"

#include <libstemmer.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace claimtrace {
namespace {

// Words whose stems a thread keeps (about 300 KB).
constexpr size_t kMaxKnownStems = 4096;

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

}  // namespace

std::string Stem(std::string_view word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  if (!stemmer || word.empty()) return std::string(word);
  // A text repeats its words: each is stemmed once per thread. Emptied when
  // full, so a text of endless distinct words costs no more than this.
  thread_local std::unordered_map<std::string, std::string> known;
  std::string key(word);
  if (auto it = known.find(key); it != known.end()) return it->second;
  if (known.size() >= kMaxKnownStems) known.clear();
  const sb_symbol* out =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  std::string stem =
      out == nullptr ? key
                     : std::string(reinterpret_cast<const char*>(out),
                                   static_cast<size_t>(sb_stemmer_length(stemmer.get())));
  known.emplace(std::move(key), stem);
  return stem;
}

}  // namespace claimtrace
