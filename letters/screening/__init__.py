"""Screen a letter's plain text for contact details and safeguarding concerns.

The package has one module per kind of finding (`phones`, `links`, `social`, `addresses`,
`safeguarding`, `blocked`), the shared folding helpers in `text`, and `engine`, which runs
them all; import `screen` and `Finding` from here.

`screen()` is a pure function: text in, a sorted list of `Finding` spans out. It runs on
every submit, so everything here is precompiled regular expressions and one pass of the
`phonenumbers` matcher; a 2,000-character letter takes 10–15 ms of CPU time
(`python -m bench.screening_speed`, docs/screening.md "Speed").

The approach, kind by kind:

* Every pattern that is about *words* runs on a folded copy of the text: lower-cased,
  with accents stripped (``Café`` → ``cafe``, ``på`` → ``pa``). The folding maps each
  character to exactly one character, so an offset into the folded text is the same
  offset into the original, and findings point at what the author wrote.
* Phone numbers come from two sources. `phonenumbers.PhoneNumberMatcher` finds the
  formats it knows (national for the program's region, and +xx international). Our own
  pass reads *runs* of number tokens — digit groups, number words in the letter's
  language ("tyve femogfyrre", "zéro six", "oh seven double one"), with spaces, dots,
  dashes and commas between them — into a digit string whose every digit remembers
  where it came from. A run is reported when the digit string is a possible phone number
  for the region (or internationally) and not a date or an ISBN. Numbers the library
  thinks invalid (fictional 555 numbers, numbers a child half-remembers) still count
  when the author spelled or spaced them out, or wrote a cue such as "my number".
* E-mail addresses and links are regular expressions whose "at" and "dot" can be
  spelled out in any of the four languages ("snabel-a", "krøllalfa", "arobase",
  "punktum", "point com"). A spelled-out domain must end in a known top-level domain or
  be a well-known mail provider, so "point de vue" or "at school" stay quiet.
* Social platforms are ordinary words too ("a snap decision", "discord between the
  brothers", "my sister is always on Snapchat"). We flag a platform only next to a
  contact cue ("add me on", "my insta is", "chat on", "følg mig på", "ajoute-moi sur") or
  when a handle follows it; an ``@handle`` or a ``name#1234`` tag is flagged on its own.
  This misses a bare "do you have whatsapp?" less often than it would flood coordinators
  with every letter that mentions TikTok; see docs/screening.md.
* Street addresses are a house number next to a street word of the language
  ("12 Oak Street", "Nørregade 14, 2. th", "Storgata 5", "15 rue de la Paix"), and
  postcodes with a town after a comma or next to such a street.
* Safeguarding phrases (self-harm, suicidal thoughts, abuse at home, grooming signals
  such as secrecy, photo requests and meeting in person) are first- and second-person
  phrases, so that a letter retelling what happens to a character in a book is less
  likely to trip them. They are urgent; everything else holds the letter for review.
* Blocked terms are the program's own list, matched as whole words on the folded text.

Findings of the same kind that overlap or touch are merged, and the list is sorted by
start offset. Safeguarding and English contact words are checked in every letter as
well as the letter's own language, because children mix English slang into their
letters; number words are read only in the letter's language, since "to" is 2 in
Norwegian and a preposition in English.
"""

from letters.screening.engine import EXCERPT_LENGTH, LANGUAGES, Finding, screen

__all__ = ["EXCERPT_LENGTH", "LANGUAGES", "Finding", "screen"]
