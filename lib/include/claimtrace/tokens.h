// Tokens: the normalised word stream every matcher works on, with an offset
// map back to the original text.
//
// A token is a word (letters, digits, and the apostrophes inside a word) in a
// normalised form, plus the byte range it came from. Normalisation is ICU's
// NFKC case fold (case, ligatures, full-width forms, no-break and other
// spaces, soft hyphens and other ignorables) followed by folding typographic
// variants: curly apostrophes become `'`. Hyphens and dashes separate words,
// so `high-quality` and `high quality` give the same tokens; all other
// punctuation is dropped. Word and sentence boundaries come from ICU's break
// iterators.
//
// Invariants: tokens are in text order and do not overlap; every token's
// range lies inside the text it was cut from (plus `base`); `norm` is never
// empty.
#ifndef CLAIMTRACE_TOKENS_H_
#define CLAIMTRACE_TOKENS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimtrace/document.h"

namespace claimtrace {

struct Token {
  std::string norm;       // The normalised word.
  Range range;            // Where it came from, in the tokenized text.
  uint32_t sentence = 0;  // Index of its sentence, counted over the input.
  int32_t block = -1;     // Index of its Document block; -1 for bare text.
};

// Cuts text into normalised tokens.
//
// Thread safety: not thread-safe (holds ICU break iterators); use one
// Tokenizer per thread. Not copyable.
class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Returns the tokens of `text`; ranges are offset by `base`. Bytes covered
  // by `markup` (ranges in the same coordinates as the returned tokens, so
  // already offset by `base`) are treated as spaces.
  std::vector<Token> Tokenize(std::string_view text, size_t base = 0,
                              const std::vector<Range>* markup = nullptr);

  // Returns the tokens of every block of `doc`, in order, with `block` set
  // and sentences counted over the whole document.
  std::vector<Token> Tokenize(const Document& doc);

  // Returns the normalised form of one word ("Children’s" -> "children's").
  std::string NormalizeWord(std::string_view word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_TOKENS_H_
