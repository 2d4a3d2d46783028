// Stem: the English Snowball (Porter2) stem of a normalised word, so that
// "identifies" and "identify", "infections" and "infected" compare equal.
//
// Uses libstemmer (Snowball's own C library). Thread-safe: each thread has
// its own stemmer.
#ifndef CLAIMTRACE_TEXT_STEMMER_H_
#define CLAIMTRACE_TEXT_STEMMER_H_

#include <string>
#include <string_view>

namespace claimtrace {

// Returns the stem of `word` (lower-case UTF-8, as Tokenizer normalises it).
// Returns `word` unchanged if it is empty or the stemmer is unavailable.
std::string Stem(std::string_view word);

}  // namespace claimtrace

#endif  // CLAIMTRACE_TEXT_STEMMER_H_
