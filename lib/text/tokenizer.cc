// Tokenizer: ICU word and sentence segmentation plus NFKC case folding, with
// every token keeping the exact byte range it came from.
//
// Each call converts its text to UTF-16 once, recording for every UTF-16
// unit the UTF-8 byte offset it came from; ICU's boundaries are then mapped
// back through that table, so ranges are exact whatever the text holds.
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "claimtrace/tokens.h"

namespace claimtrace {
namespace {

bool IsAsciiWord(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == '.' || c == ',' || c == '_';
  });
}

// Typographic apostrophes fold to ASCII so "children’s" == "children's".
bool IsApostrophe(UChar32 c) {
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07 || c == 0x2032;
}

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  const icu::Normalizer2* nfkc_cf = nullptr;
  bool ok = false;

  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(
        icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
    sentences.reset(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    ok = U_SUCCESS(status) && words && sentences && nfkc_cf;
  }

  std::string Normalize(std::string_view word, const icu::UnicodeString& utf16) {
    std::string out;
    if (IsAsciiWord(word)) {
      out.assign(word);
      for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkc_cf->normalize(utf16, status);
    if (U_FAILURE(status)) folded = utf16;
    icu::UnicodeString clean;
    for (int32_t i = 0; i < folded.length();) {
      UChar32 c = folded.char32At(i);
      clean.append(IsApostrophe(c) ? static_cast<UChar32>('\'') : c);
      i += U16_LENGTH(c);
    }
    clean.toUTF8String(out);
    return out;
  }

  // Appends the tokens of `text` to `out`; returns the number of sentences.
  uint32_t Tokenize(std::string_view text, size_t base, uint32_t first_sentence,
                    int32_t block, std::vector<Token>* out) {
    // UTF-8 -> UTF-16 with a map from each UTF-16 unit to its byte offset.
    // Written straight into the string's buffer: appending a code point at a
    // time cost as much as the word segmentation. UTF-16 never needs more
    // units than UTF-8 has bytes.
    icu::UnicodeString utf16;
    std::vector<uint32_t> byte_at;
    byte_at.reserve(text.size() + 1);
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t n = static_cast<int32_t>(text.size());
    UChar* units = utf16.getBuffer(std::max<int32_t>(n, 1));
    int32_t length = 0;
    for (int32_t i = 0; i < n;) {
      int32_t at = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0) c = 0xFFFD;
      if (U_IS_BMP(c)) {
        units[length++] = static_cast<UChar>(c);
      } else {
        units[length++] = U16_LEAD(c);
        units[length++] = U16_TRAIL(c);
        byte_at.push_back(static_cast<uint32_t>(at));
      }
      byte_at.push_back(static_cast<uint32_t>(at));
    }
    utf16.releaseBuffer(length);
    byte_at.push_back(static_cast<uint32_t>(text.size()));

    words->setText(utf16);
    // A line break before a lower-case letter wraps a sentence ("26.4\nper
    // cent of households"); ICU would end the sentence at every line break.
    icu::UnicodeString flowing;
    for (int32_t i = 0; i + 1 < length; ++i) {
      if (utf16[i] != u'\n' || !u_islower(utf16.char32At(i + 1))) continue;
      if (flowing.isEmpty()) flowing = utf16;
      flowing.setCharAt(i, u' ');
    }
    sentences->setText(flowing.isEmpty() ? utf16 : flowing);
    int32_t sentence_end = sentences->next();
    uint32_t sentence = first_sentence;
    uint32_t last_sentence_used = first_sentence;
    bool any = false;

    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      if (words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // space, punct
      while (sentence_end != icu::BreakIterator::DONE && start >= sentence_end) {
        sentence_end = sentences->next();
        ++sentence;
      }
      size_t b = byte_at[start];
      size_t e = byte_at[end];
      std::string_view word = text.substr(b, e - b);
      std::string norm = Normalize(word, utf16.tempSubStringBetween(start, end));
      if (norm.empty()) continue;
      out->push_back(Token{std::move(norm), {base + b, base + e}, sentence, block});
      last_sentence_used = sentence;
      any = true;
    }
    return any ? last_sentence_used - first_sentence + 1 : 0;
  }
};

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {}
Tokenizer::~Tokenizer() = default;

std::vector<Token> Tokenizer::Tokenize(std::string_view text, size_t base,
                                       const std::vector<Range>* markup) {
  std::vector<Token> out;
  if (!impl_->ok) return out;
  if (markup && !markup->empty()) {
    std::string blanked(text);
    for (const Range& r : *markup) {
      size_t b = std::max(r.begin, base), e = std::min(r.end, base + text.size());
      for (size_t i = b; i < e; ++i) blanked[i - base] = ' ';
    }
    impl_->Tokenize(blanked, base, 0, -1, &out);
    // Ranges are right; the words are the same bytes as in `text`.
    return out;
  }
  impl_->Tokenize(text, base, 0, -1, &out);
  return out;
}

std::vector<Token> Tokenizer::Tokenize(const Document& doc) {
  std::vector<Token> out;
  if (!impl_->ok) return out;
  const std::vector<Range>& markup = doc.markup();
  auto mark = markup.begin();
  uint32_t sentence = 0;
  std::string buffer;
  for (size_t i = 0; i < doc.blocks().size(); ++i) {
    const Range r = doc.blocks()[i].range;
    buffer.assign(doc.Slice(r));
    while (mark != markup.end() && mark->end <= r.begin) ++mark;
    for (auto m = mark; m != markup.end() && m->begin < r.end; ++m) {
      size_t b = std::max(m->begin, r.begin), e = std::min(m->end, r.end);
      for (size_t k = b; k < e; ++k) buffer[k - r.begin] = ' ';
    }
    sentence += impl_->Tokenize(buffer, r.begin, sentence, static_cast<int32_t>(i), &out);
  }
  return out;
}

std::string Tokenizer::NormalizeWord(std::string_view word) {
  std::vector<Token> tokens = Tokenize(word);
  std::string out;
  for (const Token& t : tokens) out += t.norm;
  return out;
}

}  // namespace claimtrace
