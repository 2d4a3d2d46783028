// SpeakerFinder: who a quotation is attributed to, from the words around it.
//
// A speaker is a named person: two to four capitalised words, or a title and
// a surname (`Cllr Smith`), standing as the subject of a verb of speech
// (`X said:`, `X, Title, added: "..."`, `"...", said X`). Institutions are
// not speakers (`Ofsted said`, `The council added`): a name whose words
// include a generic institution noun, or a single word, is not a person.
#ifndef CLAIMTRACE_EXTRACT_SPEAKERS_H_
#define CLAIMTRACE_EXTRACT_SPEAKERS_H_

#include <memory>
#include <string>
#include <string_view>

namespace claimtrace {

// Thread safety: const methods are thread-safe. Not copyable.
class SpeakerFinder {
 public:
  SpeakerFinder();
  ~SpeakerFinder();
  SpeakerFinder(const SpeakerFinder&) = delete;
  SpeakerFinder& operator=(const SpeakerFinder&) = delete;

  // Returns the person who speaks in `lead_in`, the words of a sentence
  // before a quotation opens (`Lutfur Rahman, Executive Mayor, said: `), or
  // "" if no person does. Only the last sentence of `lead_in` counts.
  std::string Before(std::string_view lead_in) const;

  // Returns the person named as speaker in `tail`, the words right after a
  // quotation closes (`, said Jane Doe.`, ` Jane Doe said.`), or "".
  std::string After(std::string_view tail) const;

  // Returns true when the last sentence of `lead_in` has a pronoun speak
  // (`She added: `): the quotation is the last named speaker's.
  bool Pronoun(std::string_view lead_in) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_SPEAKERS_H_
