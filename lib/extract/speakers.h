// SpeakerFinder: who a quotation is attributed to, from the words around it.
//
// A speaker is a named person: two to four capitalised words, or a title and
// a surname (`Cllr Smith`), standing as the subject of a verb of speech
// (`X said:`, `X, Title, added: "..."`, `"...", said X`). Institutions are
// not speakers (`Ofsted said`, `The council added`): a name whose words
// include a generic institution noun, or a single word, is not a person; nor
// is a name an organisation noun introduces (`the group Bike Denver said`).
// A single word is a person when an age follows it (`Janet, 58, said`) or
// when it is the surname of a person named before (`Castillo called`); the
// name returned is then the full one. Offices, titles and an organisation's
// acronym before a name are not part of it (`CDOT Executive Director Miriam
// Castillo` is `Miriam Castillo`), nor are post-nominal letters after it.
// A person in apposition to an office or a body is the speaker (`The
// Secretary of State for Health, Wes Streeting, said`).
#ifndef CLAIMTRACE_EXTRACT_SPEAKERS_H_
#define CLAIMTRACE_EXTRACT_SPEAKERS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
  // `known` holds the people named before, in full, for a surname alone.
  std::string Before(std::string_view lead_in,
                     const std::vector<std::string>& known = {}) const;

  // Returns the person named as speaker in `tail`, the words right after a
  // quotation closes (`, said Jane Doe.`, ` Jane Doe said.`), or "".
  std::string After(std::string_view tail,
                    const std::vector<std::string>& known = {}) const;

  // Returns true when the last sentence of `lead_in` has a pronoun speak
  // (`She added: `), or `tail` starts with one (`, she said.`): the
  // quotation is the last named speaker's.
  bool Pronoun(std::string_view lead_in, std::string_view tail = {}) const;

  // Returns true when `between`, the words from one quotation's closing mark
  // to the next one's opening mark, are only a speech tag interrupting a
  // sentence (`, she said, `, `, said Jane Doe, `): the two parts are one
  // speaker's.
  bool Interrupts(std::string_view between) const;

  // A person named as speaking in a text, with the byte offset of the name.
  struct Named {
    size_t offset;
    std::string name;
  };
  // Returns the people named as the subject of a verb of speech in `text`,
  // with or without a quotation (`Sarah Quinn said the force had ...`), in
  // text order. `known` as for Before().
  std::vector<Named> Speaking(std::string_view text,
                              const std::vector<std::string>& known = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_EXTRACT_SPEAKERS_H_
