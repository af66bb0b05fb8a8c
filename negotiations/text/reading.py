"""Who said what, in any language that has a pack (``negotiations.text.lang``).

The engine reads an article sentence by sentence (sentences merged where a quotation spans them)
on lemmas, so it reads a language through its pack and nothing else:

- a verb of saying outside quotation marks ("said", "заявил", "sagte", "a déclaré"), not negated;
- its speaker: the nearest subject in the same clause, before or after the verb (English puts it
  before, Russian and Ukrainian often after: «…», — заявил Песков). A subject is a known person
  or party (the caller's ``PersonRef``), an institution ("the Kremlin", "Госдеп"), a role ("the
  foreign minister", "пресс-секретарь"), a joint speaker ("the two leaders"), a pronoun ("he
  added", resolved to the last speaker) or an unknown name ("Jan Nowak said"), kept as written;
- what was said: the quotations of the sentence (direct), else the reported clause after the
  complementiser ("that", "что", "dass"), the words before a final attribution ("..., he said"),
  or, for "Об этом заявил X" / "This was said by X", the sentence before (reported);
- attribution frames: "according to X, ...", "по словам X", "laut X", "selon X";
- a sentence that is only a quotation continues the previous speaker's quotation;
- channel and date from the attribution's words (the pack's channel phrases, month and weekday
  names), else the speaker's last ones in the article, else the publication date.

Only sentences about the talks (the pack's negotiation words in the sentence or next to it) give
statements. The caller supplies the people and parties found in the text and the publication date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import lru_cache

from negotiations.text.dates import DAY, ResolvedDate, find_dates
from negotiations.text.lang import LanguagePack, Phrase, PhraseSet, pack_for
from negotiations.text.morph import (
    PYMORPHY_LANGS,
    WORD_RE,
    cases,
    is_lemma,
    lemmas,
    name_cases,
    name_parses,
    nominative_genders,
    past_genders,
    tokenise,
)
from negotiations.text.normalize import strip_diacritics
from negotiations.text.sentences import split_sentences

_QUOTE_RE = re.compile(
    r"“[^“”\n]{2,}?(?:”|$)"
    r"|\"[^\"\n]{2,}?\""
    r"|«[^«»\n]*(?:«[^«»\n]*»[^«»\n]*)*»"
    r"|„[^„“”\n]{2,}?[“”]"
    r"|»[^»«\n]{2,}?«"
    r"|‹[^‹›\n]{2,}?›"
    r"|[“«][^“”«»\n]{2,}?[”»]",  # mismatched pairs, as some outlets type them: “…» «…”
    re.M,
)
_DASHES = "–—-"
# a quotation in guillemets or German marks over a few paragraphs, no other opening inside
# (the « opens: at a line's start or after a space, not after a word as German »…« closes)
_LONG_QUOTE_RE = re.compile(
    r"(?:^|(?<=[\s(\[–—-]))«(?=\S)[^«»]{2,1500}?(?<=\S)»|„[^„“”]{2,1500}?[“”]", re.M
)
# "«… – ha affermato – …»": an attribution between dashes inside a quotation (group 1 starts it)
_DASH_ASIDE_RE = re.compile(r"\s[–—-]\s+(\w[^–—\n]{0,60}?)\s[–—-](?=[\s.,;:])")
# the dialogue dash: at a paragraph's start or after a sentence's end, before the words said
_DASH_OPEN_RE = re.compile(r"(?:^[ \t]*|(?<=[.!?…])[ \t]+)[–—-][ \t]+(?=\w)", re.M)
# where the words said end: a dash (after a comma or not) before the attribution
_DASH_CLOSE_RE = re.compile(r",?[ \t]+[–—-][ \t]+(?=\w)")
_QUOTE_CHARS = '“”"«»„‚‘’‹› '  # characters stripped from the ends
MIN_WORDS = 3
# where people stand in a photo: "(R)", "(L)", "(2nd L)", "(C)", "(links)", "(à droite)"
_CAPTION_RE = re.compile(
    r"\((?:\d\w{0,2} )?(?:L|R|C|l\.|r\.|left|right|centre|center|links|rechts|Mitte|à gauche|"
    r"à droite|a sinistra|a destra|a la izquierda|a la derecha|z lewej|z prawej|зліва|справа|"
    r"слева|справа)\)"
)


@dataclass(frozen=True)
class PersonRef:
    start: int
    end: int
    target: Hashable
    possessive: bool = False
    is_party: bool = False
    inflected: bool = False  # the name in another case than its own (gazetteer.Mention)


@dataclass
class Candidate:
    speaker: Hashable | None
    speaker_party: Hashable | None
    speaker_description: str
    text: str
    kind: str  # "direct_quote" | "paraphrase"
    start: int
    end: int
    channel: str = "unknown"
    channel_detail: str = ""
    date: ResolvedDate | None = None
    # name, party, pronoun, role, institution, group, document, unknown, frame
    attribution: str = ""
    quotes: list[tuple[int, int]] = field(default_factory=list)
    role: str = ""  # role key when the speaker was given by role
    role_text: str = ""  # the role as written
    party_hint: Hashable | None = None  # a party named with the role or institution
    party_slug: str = ""  # the party an institution belongs to ("the Kremlin": russia)
    role_owner: Hashable | None = None  # whose role it is ("Zelensky's chief of staff")
    unknown_name: str = ""  # a person not in the knowledge base, as written


@dataclass
class _Token:
    start: int
    end: int
    text: str
    keys: frozenset[str]
    quoted: bool


@dataclass
class _Subject:
    kind: str  # person, party, institution, role, group, document, pronoun, unknown
    first: int  # token indexes, inclusive
    last: int
    value: object
    text: str


@dataclass
class _Unit:
    start: int
    end: int
    paragraph: int
    first: int = 0  # token range
    stop: int = 0


# Subjects that speak only right next to the verb: (before, after) distance in words.
_CLOSE_ONLY = {
    "party": (4, 2),
    "unknown": (3, 3),
    "group": (4, 2),
    "joint": (6, 3),
    "document": (6, 3),
}

_KIND_PENALTY = {
    "continued": 3,
    "person": 0,
    "unknown": 1,
    "institution": 1,
    "role": 1,
    "group": 1,
    "joint": 1,
    "document": 1,
    "pronoun": 2,
    "party": 4,
}


class Reader:
    """Reads one article's text with one language pack."""

    def __init__(self, text: str, pack: LanguagePack, refs: list[PersonRef]):
        self.text = text
        self.pack = pack
        self.lang = pack.code
        self.refs = sorted(refs, key=lambda r: r.start)
        self._ref_starts = [r.start for r in self.refs]
        # Sorted and non-overlapping: the quotations of a span are found by bisection.
        self.quotes = self._quotations()
        self._quote_starts = [q0 for q0, _q1 in self.quotes]
        self.tokens = self._tokenise()
        self.keys = [t.keys for t in self.tokens]
        self.starts = [t.start for t in self.tokens]
        self.units = self._units()
        self._unit_starts = [u.start for u in self.units]
        self._unit_ends = [u.end for u in self.units]
        self.talk = self._talk_units()
        self._pronouns = {p.lower() for p in pack.pronouns}
        self._before_forms = {w.lower() for w in (*pack.passives, *pack.infinitives)}
        self._agents = {w.lower() for w in pack.agents}
        self._relatives = {k for w in pack.relatives for k in lemmas(w, pack.code)}
        self._obliques = {_plain(w) for w in pack.obliques}
        self._articles = {_plain(w) for w in pack.articles}
        self._groups = {" ".join(w.lower().split()) for w in pack.groups}
        self._conjunctions = {w.lower() for w in pack.conjunctions}
        self._possessives = {w.lower() for w in pack.possessives}
        self._determiners = {w.lower() for w in pack.determiners}
        self._particles: dict[int, int] = {}  # a separable verb's word -> its particle's word

    # --- preparation ---------------------------------------------------------------------

    def _quotations(self) -> list[tuple[int, int]]:
        """Quotation spans: the marked ones, split where an attribution between dashes interrupts
        them ("«A tal fine – ha affermato – è necessario»"), and the dialogue dash's quotations
        ("- Jesteśmy gotowi - oświadczył Zełenski.", "— Мы готовы, — сказал он."): a dash that
        opens a paragraph or follows a sentence's end, up to the dash before a verb of saying."""
        words, keys = tokenise(self.text, self.lang)
        starts = [w[0] for w in words]

        def says_at(pos: int) -> bool:
            """A verb of saying among the first three words from ``pos``."""
            i = bisect.bisect_left(starts, pos)
            return any(
                self.pack.verb_set.match_at(keys, k) for k in range(i, min(i + 3, len(words)))
            )

        marked = []
        # «…» and „…“ that run over several paragraphs (a quotation of a few paragraphs)
        for m in _LONG_QUOTE_RE.finditer(self.text):
            if "\n" in m.group(0):
                marked.append((m.start(), m.end()))
        for m in _QUOTE_RE.finditer(self.text):
            if any(a < m.start() < b for a, b in marked):
                continue
            a, b = m.start(), m.end()
            for inner in _DASH_ASIDE_RE.finditer(self.text, a, b):
                if says_at(inner.start(1)):
                    marked.append((a, inner.start()))
                    a = inner.end()
            marked.append((a, b))
        dashed = []
        for m in _DASH_OPEN_RE.finditer(self.text):
            line_end = self.text.find("\n", m.end())
            line_end = len(self.text) if line_end == -1 else line_end
            for close in _DASH_CLOSE_RE.finditer(self.text, m.end(), line_end):
                if says_at(close.end()):
                    span = (m.end(), close.start())
                    if not any(a < span[1] and span[0] < b for a, b in dashed):
                        dashed.append(span)
                    break
        # a marked quotation inside a dash quotation is part of it; one that straddles its end
        # leaves the dash reading out
        dashed = [
            (a, b) for a, b in dashed if not any(qa < b < qb or qa < a < qb for qa, qb in marked)
        ]
        marked.sort()
        inside = [q for q in marked if any(a <= q[0] and q[1] <= b for a, b in dashed)]
        return sorted([q for q in marked if q not in inside] + dashed)

    def _tokenise(self) -> list[_Token]:
        out = []
        qi = 0
        words, keys = tokenise(self.text, self.lang)
        for (start, end, word), word_keys in zip(words, keys, strict=True):
            while qi < len(self.quotes) and self.quotes[qi][1] <= start:
                qi += 1
            quoted = qi < len(self.quotes) and self.quotes[qi][0] < start
            out.append(_Token(start, end, word, word_keys, quoted))
        return out

    def _units(self) -> list[_Unit]:
        units: list[_Unit] = []
        for s in split_sentences(self.text, self.lang):
            if units:
                prev = units[-1]
                # the one quotation that can hold the sentence's start: the last one before it
                k = bisect.bisect_left(self._quote_starts, s.start) - 1
                inside = k >= 0 and prev.start <= self.quotes[k][0] and s.start < self.quotes[k][1]
                if inside:  # a quotation of several sentences (or paragraphs) is one unit
                    prev.end = s.end
                    continue
            units.append(_Unit(s.start, s.end, s.paragraph))
        for u in units:
            u.first = bisect.bisect_left(self.starts, u.start)
            u.stop = bisect.bisect_left(self.starts, u.end)
        return units

    def _talk_units(self) -> list[bool]:
        talk = talk_positions(self.text, self.lang)
        return [any(i in talk for i in range(u.first, u.stop)) for u in self.units]

    def _quotes_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations inside [start, end]."""
        out = []
        for k in range(bisect.bisect_left(self._quote_starts, start), len(self.quotes)):
            q0, q1 = self.quotes[k]
            if q0 > end:
                break
            if q1 <= end:
                out.append((q0, q1))
        return out

    def _refs_before(self, pos: int):
        """The refs that start before ``pos``, last first."""
        for k in range(bisect.bisect_left(self._ref_starts, pos) - 1, -1, -1):
            yield self.refs[k]

    def _match(self, phrases, i: int) -> Phrase | None:
        return phrases.match_at(self.keys, i) if phrases else None

    def _accents_as_written(self, phrase: Phrase, i: int) -> bool:
        """A word of the phrase written with the same letters as the text's word differs from it
        only in its accents when it is another word ("el" / "él", "si" / "sì"): such words must
        match as written. Other words match on their lemmas ("jak zaznaczyła" / "jak zaznaczył")."""
        written = [m.group(0).lower() for m in WORD_RE.finditer(phrase.text)]
        for k, word in enumerate(written):
            if i + k >= len(self.tokens):
                return False
            tok = self.tokens[i + k].text.lower()
            if tok != word and strip_diacritics(tok) == strip_diacritics(word):
                return False
        return True

    # --- subjects ------------------------------------------------------------------------

    def _subjects(self, u: _Unit) -> list[_Subject]:
        """Everything in the unit, outside quotations, that can be a speaker."""
        found: list[_Subject] = []
        taken: set[int] = set()

        def token_range(start: int, end: int) -> tuple[int, int] | None:
            first = bisect.bisect_left(self.starts, start)
            last = bisect.bisect_left(self.starts, end) - 1
            if first > last or first < u.first or last >= u.stop:
                return None
            return first, last

        # An institution is read as one ("the Kremlin said": the Kremlin, for Russia), before the
        # party its name may also stand for.
        for i in range(u.first, u.stop):
            p = (
                None
                if self.tokens[i].quoted or i in taken
                else self._match(self.pack.institution_set, i)
            )
            if p is not None:
                last = i + len(p.words) - 1
                found.append(_Subject("institution", i, last, p.value, self._span(i, last)))
                taken.update(range(i, last + 1))
        for k in range(bisect.bisect_left(self._ref_starts, u.start), len(self.refs)):
            r = self.refs[k]
            if r.start > u.end:
                break
            if r.end > u.end:
                continue
            rng = token_range(r.start, r.end)
            if rng is None or self.tokens[rng[0]].quoted or rng[0] in taken:
                continue
            kind = "party" if r.is_party else "person"
            found.append(_Subject(kind, rng[0], rng[1], r, self.text[r.start : r.end]))
            taken.update(range(rng[0], rng[1] + 1))
        pack = self.pack
        i = u.first
        while i < u.stop:
            tok = self.tokens[i]
            if tok.quoted or i in taken:
                i += 1
                continue
            through = self._role_through_demonym(i, u) if pack.adjectives_follow else None
            if through is not None:
                p, last, adj = through
                found.append(_Subject("role", i, last, p.value, self._span(i, last)))
                found.append(adj)  # the role's party: "ministre russe" is Russia's
                taken.update(range(i, last + 1))
                i = last + 1
                continue
            for kind, phrases in (
                ("institution", pack.institution_set),
                ("role", pack.role_set),
                ("demonym", pack.demonym_set),
                ("group", pack.group_set),
                ("pronoun", pack.pronoun_set),
            ):
                p = self._match(phrases, i)
                if p is None:
                    continue
                last = i + len(p.words) - 1
                if kind == "pronoun" and tok.text.lower() not in self._pronouns:
                    continue  # "el" is not "él": pronouns are matched with their accents
                if (
                    kind == "group"
                    and self.lang not in PYMORPHY_LANGS
                    and " ".join(self._span(i, last).lower().split()) not in self._groups
                ):
                    continue  # "il leader ucraino" is one leader, not "i leader"
                found.append(_Subject(kind, i, last, p.value, self._span(i, last)))
                taken.update(range(i, last + 1))
                i = last
                break
            i += 1
        found.extend(self._documents(u, taken))
        found.extend(self._unknown_names(u, taken))
        ordered = self._owned_groups(sorted(found, key=lambda s: s.first))
        return self._joint_roles(self._joined(ordered))

    def _joint_roles(self, found: list[_Subject]) -> list[_Subject]:
        """Two parties or nationalities joined by a conjunction before a role noun are one joint
        speaker: "U.S. and Ukrainian representatives said", "Russian and Ukrainian negotiators",
        "US and Ukraine officials". Not when the role is a title before a name ("the US and
        Ukrainian President Zelensky"): the named holder speaks."""
        owners = {"party", "demonym"}
        out: list[_Subject] = []
        for n, s in enumerate(found):
            prev = out[-1] if out else None
            if (
                prev is not None
                and s.kind == "role"
                and s.first == prev.last + 1
                and not self._gap_has(prev.last, s.first, ",;:()\n" + _DASHES)
                and self._joint_owners(prev, out[:-1], owners)
                and not any(
                    o.kind in {"person", "unknown"} and 0 < o.first - s.last <= 2
                    for o in found[n + 1 :]
                )
            ):
                members = prev.value if prev.kind == "joint" else (prev,)
                if prev.kind != "joint":
                    members = (out[-2], prev)
                    out.pop()
                out[-1] = _Subject(
                    "joint",
                    out[-1].first,
                    s.last,
                    (*members, s),
                    self._span(out[-1].first, s.last),
                )
                continue
            out.append(s)
        return out

    def _joint_owners(self, last: _Subject, before: list[_Subject], owners: set[str]) -> bool:
        """Whether ``last`` ends "A and B" of parties or nationalities: a joint of parties, or a
        party or nationality after another one and a conjunction."""
        if last.kind == "joint":
            return all(m.kind in owners for m in last.value)
        if last.kind not in owners or not before:
            return False
        first = before[-1]
        return (
            first.kind in owners
            and last.first - first.last == 2
            and self.tokens[first.last + 1].text.lower() in self._conjunctions
            and not self._gap_has(first.last, last.first, ",;:()\n" + _DASHES)
        )

    def _joined(self, found: list[_Subject]) -> list[_Subject]:
        """Speakers joined by a conjunction are one joint speaker: "Rubio and Waltz told
        reporters", "Russia and Ukraine said", "Macron et Zelensky ont annoncé"."""
        kinds = {"person", "party", "institution", "unknown", "joint"}
        out: list[_Subject] = []
        skip_to = -1
        for n, s in enumerate(found):
            if n <= skip_to:
                continue
            prev = out[-1] if out else None
            holder = self._titled_member(prev, found, n) if prev is not None else None
            if holder is not None:
                # "Рубио и советник президента США по нацбезопасности Майк Уолтц пояснили",
                # "Rubio and national security adviser Mike Waltz said": the second member is
                # named with the title before the name
                k, member = holder
                members = prev.value if prev.kind == "joint" else (prev,)
                out[-1] = _Subject(
                    "joint",
                    prev.first,
                    member.last,
                    (*members, member),
                    self._span(prev.first, member.last),
                )
                skip_to = k
                continue
            if (
                prev is not None
                and prev.kind in kinds
                and s.kind in kinds - {"joint"}
                and s.first - prev.last == 2
                and self.tokens[prev.last + 1].text.lower() in self._conjunctions
                and not self.tokens[prev.last + 1].quoted
                and not self._gap_has(prev.last, s.first, ",;:()\n" + _DASHES)
                and not (s.kind == "person" and s.value.possessive)
            ):
                members = prev.value if prev.kind == "joint" else (prev,)
                out[-1] = _Subject(
                    "joint", prev.first, s.last, (*members, s), self._span(prev.first, s.last)
                )
                continue
            out.append(s)
        return out

    def _titled_member(self, prev: _Subject, found: list[_Subject], n: int):
        """After a person and a conjunction, a title and its holder's name: (index, person)."""
        role = found[n]
        if (
            prev.kind not in {"person", "joint"}
            or role.kind != "role"
            or role.first - prev.last != 2
            or self.tokens[prev.last + 1].text.lower() not in self._conjunctions
            or self._gap_has(prev.last, role.first, ",;:()\n" + _DASHES)
            or (prev.kind == "person" and prev.value.possessive)
        ):
            return None
        for k in range(n + 1, len(found)):
            o = found[k]
            if o.first - role.last > 6 or self._gap_has(role.last, o.first, ",;:()\n" + _DASHES):
                return None
            if o.kind == "person":
                return k, o
            if o.kind not in {"role", "party", "demonym"}:
                return None
        return None

    def _unknown_names(self, u: _Unit, taken: set[int]):
        """Capitalised two- or three-word names that match nobody known: people as written."""
        out = []
        i = u.first
        while i < u.stop:
            if i in taken or self.tokens[i].quoted or not self._capitalised(i, u):
                i += 1
                continue
            j = i
            while (
                j + 1 < u.stop
                and j + 1 not in taken
                and self._capitalised(j + 1, u)
                and self.text[self.tokens[j].end : self.tokens[j + 1].start] == " "
                and j - i < 2
            ):
                j += 1
            if j > i and self._looks_like_person(i, j):
                out.append(_Subject("unknown", i, j, None, self._span(i, j)))
            i = j + 1
        return out

    def _capitalised(self, i: int, u: _Unit) -> bool:
        tok = self.tokens[i]
        return tok.text[:1].isupper() and not tok.text.isupper() and len(tok.text) > 1

    def _looks_like_person(self, i: int, j: int) -> bool:
        pack = self.pack
        if any(self.tokens[k].text.lower() in pack.media_words for k in range(i, j + 1)):
            return False  # "Nachrichtenagentur Tass": an outlet reports, it does not speak
        for k in range(i, j + 1):
            for phrases in (pack.role_set, pack.institution_set, pack.talk_set, pack.verb_set):
                if self._match(phrases, k):
                    return False
            if self.keys[k] & self.pack.calendar_keys:
                return False
        if self.lang in {"ru", "uk"}:
            # a name, and one that can be a subject ("у Верховній Раді" is neither)
            return any(
                name_parses(self.tokens[k].text, self.lang) for k in range(i, j + 1)
            ) and not _genitive_only(self.tokens[j].text, self.lang)
        return True

    def _span(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[j].end]

    # --- statements ----------------------------------------------------------------------

    def read(self, published: dt.date | None) -> list[Candidate]:
        out: list[Candidate] = []
        last_speaker: list[Hashable] = []
        speaker_channel: dict[Hashable, tuple[str, str]] = {}
        speaker_date: dict[Hashable, ResolvedDate] = {}
        self._last = None  # (unit index, resolved speaker) of the last statement
        self._said = []  # (start, end, text) of the statements read so far, sorted
        self._said_reach = 0  # the longest span a statement's words may cover from its start
        self._read_ahead = -1  # the end of a sentence read as the words of the one before it
        for n, u in enumerate(self.units):
            if u.start < self._read_ahead:
                continue  # "X declaró:" took this sentence as its words
            quotes = self._quotes_in(u.start, u.end)
            cand = self._read_unit(n, u, quotes, last_speaker)
            if cand is None:
                self._continuation(out, u, quotes)
                continue
            self._last = (n, _speaker_of(cand))
            # the sentences of the statement (it may be the paragraph before) and their neighbours
            first = min(bisect.bisect_right(self._unit_ends, cand.start), n)
            near_talk = any(self.talk[max(0, min(first, n) - 2) : n + 2])
            if not near_talk:
                continue
            key = cand.speaker or cand.speaker_party or cand.speaker_description
            channel, detail = self._channel(u, cand)
            if channel == "unknown" and cand.attribution == "document":
                channel = "document"  # "the joint declaration states": the text's own words
            if channel == "unknown" and key in speaker_channel:
                channel, detail = speaker_channel[key]
            elif channel != "unknown":
                speaker_channel[key] = (channel, detail)
            cand.channel, cand.channel_detail = channel, detail
            if published is not None:
                date = self._date(u, cand, published)
                if date is not None:
                    cand.date = date
                    speaker_date[key] = date
                elif key in speaker_date:
                    cand.date = speaker_date[key]
            if cand.speaker is not None:
                last_speaker.append((u.end, cand.speaker))
            bisect.insort(self._said, (cand.start, cand.end, cand.text))
            self._said_reach = max(self._said_reach, cand.end - cand.start + len(cand.text))
            out.append(cand)
        return out

    def _read_unit(self, n: int, u: _Unit, quotes, last_speaker) -> Candidate | None:
        if u.stop - u.first < 3 and self.text[u.start : u.end][:1] not in _DASHES:
            return None  # too short to say anything, unless it is "– заявив президент."
        if _CAPTION_RE.search(self.text, u.start, u.end):
            return None  # "Marco Rubio (R) and Andriy Yermak ... talk to the press": a photo
        pack = self.pack
        subjects = None
        # "according to X, ..." / "по словам X, ..."
        for i in range(u.first, u.stop):
            if self.tokens[i].quoted:
                continue
            frame = self._match(pack.frame_set, i)
            if frame is not None and frame.text in pack.verb_frames and not self._frame_verb(i, u):
                frame = None  # "wie das Gespräch … verlaufe": "how", not "as X said"
            if frame is None and i == u.first:
                frame = self._lead_frame(i, u)
            after = []
            if frame is not None:
                subjects = subjects if subjects is not None else self._subjects(u)
                end = i + len(frame.words) - 1
                # the speaker comes before the comma that ends the frame ("según el texto, la
                # ayuda del G7 …": the G7 is in what was said)
                after = [
                    s
                    for s in subjects
                    if end < s.first <= end + 6
                    and s.kind not in {"pronoun", "demonym"}
                    and not self._gap_has(end, s.first, ",;:")
                    # "según la declaración": a text right after the frame, not one in what
                    # was said ("Według "The Washington Post", porozumienie mówi …")
                    and (s.kind != "document" or s.first - end <= 2)
                ]
                after = self._named_after_pronoun_frame(i, end, after)
            if after:
                subject = min(after, key=lambda s: (s.first - end) + _KIND_PENALTY[s.kind])
                subject = self._holder_in_frame(subject, after)
            else:
                # "Selon lui, …", "…, по его словам.", "Jak zaznaczył, …": the last speaker
                frame = self._pronoun_frame(i)
                if frame is None:
                    continue
                end = i + len(frame.words) - 1
                subject = _Subject("pronoun", end, end, None, self._span(i, end))
            cand = self._frame_candidate(u, quotes, i, subject, last_speaker)
            if cand is not None:
                return cand
        for v in range(u.first, u.stop):
            if self.tokens[v].quoted or self.tokens[v].text.lower() in pack.writer_forms:
                continue  # "Нагадаємо, …": the writer reminds, nobody is reported
            verb = (
                self._separable(v, u)
                or self._match(pack.verb_set, v)
                or self._complement_verb(v, u)
            )
            document_only = verb is None
            if verb is None:  # "le texte prévoit que …": a text's verb, no person's
                verb = self._complement_verb(v, u, pack.document_verb_set)
            if verb is None or self._not_a_report(v, v + len(verb.words) - 1, u):
                continue
            if self._noun_of_saying(v, u):
                continue  # "rejected the claim that …", "his call for …": a noun
            subjects = subjects if subjects is not None else self._subjects(u)
            if any(s.first <= v <= s.last for s in subjects):
                continue  # "Secretary of State", "State Department": a title's word, no verb
            if self._agent_before(v, u, subjects):
                continue  # "die von Macron im Februar 2024 angekündigte »Friedenstruppe«"
            v_last = v + len(verb.words) - 1
            subject = self._subject_of(v, v_last, u, subjects)
            if document_only and (subject is None or subject.kind != "document"):
                continue
            if subject is None:
                if self._match(pack.frame_set, v) is not None:
                    continue  # "Según el plan, …", "según ha explicado …": a frame names its own
                # "Explicó que …", "…», señaló.", "Добавил, что …": the subject is dropped,
                # the speaker is the one of the statement just before.
                resolved = None
                if self.pack.drops_subjects:
                    resolved = self._recent(n) or self._topic(n)
                if resolved is None or not self._subjectless(v, v_last, u, quotes):
                    continue
                subject = _Subject("continued", v, v_last, None, "")
            else:
                resolved = self._resolve(subject, subjects, last_speaker)
            cand = self._verb_candidate(n, u, quotes, v, v_last, subject, subjects, resolved)
            if cand is not None:
                return cand
        return (
            self._colon_quote(u, quotes, subjects, last_speaker)
            or self._opened(n, u, subjects, last_speaker)
            or self._headline(u, quotes, subjects, last_speaker)
            or self._signed_heading(u, quotes, subjects, last_speaker)
            or self._reported_mood(n, u)
        )

    def _complement_verb(self, v: int, u: _Unit, verbs: PhraseSet | None = None) -> Phrase | None:
        """A verb that reports only with its clause opened right after it: "exigió que …",
        "a demandé que …", "advirtió de que …" (a preposition may come first), or a colon."""
        verb = self._match(verbs or self.pack.complement_verb_set, v)
        if verb is None:
            return None
        nxt = v + len(verb.words)
        if self._attribution_after(nxt, u):
            return None  # "США надеются, что …, заявил Рубио": the hope is what Rubio said
        if nxt < u.stop and self._gap_has(nxt - 1, nxt, ":"):
            return verb
        if self._incise(v, nxt, u):
            return verb
        for k in (nxt, nxt + 1):
            if k >= u.stop or self.tokens[k].quoted:
                return None
            if self._match(self.pack.complementiser_set, k):
                return verb
            if _plain(self.tokens[k].text) not in self._obliques:
                return None
        return None

    def _attribution_after(self, lo: int, u: _Unit) -> bool:
        """A verb of saying after word ``lo`` set off by a comma or a dash and opening no clause
        of its own ("…, заявил во вторник Рубио", "…, – powiedział premier"): it attributes the
        words before it, a weaker verb among them included."""
        for k in range(lo, u.stop):
            if self.tokens[k].quoted or not self._gap_has(k - 1, k, "," + _DASHES):
                continue
            verb = self._match(self.pack.verb_set, k)
            if verb is None:
                continue
            after = k + len(verb.words)
            if after < u.stop and (
                self._match(self.pack.complementiser_set, after)
                or self._gap_has(after - 1, after, ":")
            ):
                continue
            return True
        return False

    def _incise(self, v: int, nxt: int, u: _Unit) -> bool:
        """ "…, lanzó el ministro ruso", "…», a lâché Zelensky": the verb after a comma or a
        closing quotation mark with its subject after it (a name, or a definite article) closes
        what was said before it."""
        if v - 1 < u.first + 3 or nxt >= u.stop:
            return False
        aux = v - 1 if self._auxiliary_before(v, u) else v
        if not self._gap_has(aux - 1, aux, ',»”"' + _DASHES):
            return False
        word = self.tokens[nxt].text
        return word[:1].isupper() or _plain(word) in {
            _plain(a) for a in self.pack.articles[:4] if not a.startswith("un")
        }

    def _frame_verb(self, i: int, u: _Unit) -> bool:
        """A verb of saying closes the clause the frame at word i opens ("Wie Selenskyj am
        Abend mitteilte, …")."""
        for k in range(i + 1, u.stop):
            if self.tokens[k].quoted or self._gap_has(k - 1, k, ",;:()" + _DASHES):
                return False
            if self._match(self.pack.verb_set, k):
                return True
        return False

    def _lead_frame(self, i: int, u: _Unit) -> Phrase | None:
        """ "Para Zelenski, …", "Pour le Kremlin, …": a preposition that opens the sentence, a
        person, role or institution, and a comma: an opinion attributed. Elsewhere it is none."""
        frame = self._match(self.pack.lead_frame_set, i)
        if frame is None:
            return None
        end = i + len(frame.words) - 1
        for s in self._subjects(u):
            if s.first <= end:
                continue
            if s.first > end + 3 or s.kind not in {"person", "role", "institution"}:
                return None
            comma = self.text[self.tokens[s.last].end : self.tokens[s.last].end + 1]
            return frame if comma == "," and s.last + 1 < u.stop else None
        return None

    def _role_through_demonym(self, i: int, u: _Unit) -> tuple[Phrase, int, _Subject] | None:
        """ "le ministre russe des Affaires étrangères", "el ministro ruso de Exteriores": the
        role phrase read with the nationality adjective after its noun left out; (phrase, last
        token) when it is longer than what the words before the adjective make alone."""
        pack = self.pack
        if self.tokens[i].quoted or i + 2 >= u.stop:
            return None
        head = self._match(pack.role_set, i)
        if head is None:
            return None
        k = i + len(head.words)
        adj = self._match(pack.demonym_set, k)
        if adj is None or self._gap_has(k - 1, k, ",;:()"):
            return None
        skip = len(adj.words)
        keys = [*self.keys[i:k], *self.keys[k + skip : u.stop]]
        longer = pack.role_set.match_at(keys, 0)
        if longer is None or len(longer.words) <= len(head.words):
            return None
        last = i + len(longer.words) - 1 + skip
        if any(self.tokens[j].quoted for j in range(i, last + 1)):
            return None
        adj_last = k + skip - 1
        return longer, last, _Subject("demonym", k, adj_last, adj.value, self._span(k, adj_last))

    def _holder_in_frame(self, role: _Subject, after: list[_Subject]) -> _Subject:
        """The named holder of a frame's role ("по словам пресс-секретаря президента России
        Дмитрия Пескова", "według rzecznika Kremla Dmitrija Pieskowa"): the frame puts the role
        and the name alike in the genitive, so a full name after the role is its holder. A
        surname alone right after the role is whose role it is ("по словам помощника
        Зеленского"; "спецпосланника Трампа Стива Уиткоффа": the holder comes after it)."""
        if role.kind != "role":
            return role
        for s in after:
            if s.kind != "person" or not 0 < s.first - role.last <= 4:
                continue
            if self._gap_has(role.last, s.first, ",;:()" + _DASHES):
                break
            if s.first == role.last + 1 and s.first == s.last:
                continue  # the owner: "помощника Зеленского"
            return s
        return role

    def _named_after_pronoun_frame(self, i: int, end: int, after: list[_Subject]):
        """Where a frame also reads as one with its speaker dropped ("Jak podkreślił, …", "як
        зазначив, …"), it names its speaker only when the speaker is its next word ("Jak
        podkreślił szef MSZ Radosław Sikorski, …"); else ("Jak zaznaczył w rozmowie z Trumpem,
        …", "Selon lui, …") the speaker is the last one."""
        if not after or self._pronoun_frame(i) is None:
            return after
        return [s for s in after if s.first == end + 1]

    def _separable(self, v: int, u: _Unit) -> Phrase | None:
        """A verb whose particle closes its clause ("Der Kreml wies die Berichte zurück.",
        "Selenskyj kündigte am Montag an, dass …"): the verb at v, its particle a later word of
        the same clause, outside quotations, with the clause's end (punctuation, a quotation
        mark, a dash or the sentence's end) right after it."""
        if not self.pack.separable_set:
            return None
        phrases = {p.value: p for p in self.pack.separable_set.all_at(self.keys, v)}
        for k in range(v + 1, min(v + 15, u.stop)):
            tok = self.tokens[k]
            if tok.quoted or self._gap_has(k - 1, k, ",;:" + _DASHES):
                return None
            phrase = phrases.get(tok.text.lower())
            if phrase is None:
                continue
            after = self.text[tok.end : self.tokens[k + 1].start if k + 1 < u.stop else u.end]
            if k + 1 == u.stop or any(ch in after for ch in ',.;:!?"«»„“”' + _DASHES):
                self._particles[v] = k
                return phrase
        return None

    def _pronoun_frame(self, i: int) -> Phrase | None:
        """ "según él", "selon lui" at word i; an article is no pronoun, though its lemma may be
        the pronoun's ("según las filtraciones": "las" and "él" share the key "el")."""
        frame = self._match(self.pack.pronoun_frame_set, i)
        if frame is None or any(
            _plain(self.tokens[k].text) in self._articles for k in range(i, i + len(frame.words))
        ):
            return None
        if not self._accents_as_written(frame, i):
            return None  # "según el texto" is not "según él", "si" is not "sì"
        return frame

    def _recent(self, n: int, within: int = 2) -> dict | None:
        if self._last is None or n - self._last[0] > within:
            return None
        return {**self._last[1], "attribution": "continued"}

    def _topic(self, n: int) -> dict | None:
        """Who the sentence before was about, when it reported nothing: its first subject
        ("Witkoff nie ukrywał optymizmu. Podczas panelu w Davos mówił, że …")."""
        if n == 0:
            return None
        prev = self.units[n - 1]
        subjects = self._subjects(prev)
        for s in subjects:
            if s.kind not in {"person", "role", "institution"}:
                continue
            if self._oblique(s.first, prev) or (s.kind == "person" and s.value.possessive):
                continue
            if not self._nominative(s) or (s.kind == "person" and self._owner_of_role(s, subjects)):
                continue  # "визита президента Зеленского": not who the sentence is about
            resolved = self._resolve(s, subjects, [])
            if resolved is not None:
                return {**resolved, "attribution": "continued"}
            return None
        return None

    def _subjectless(self, v: int, v_last: int, u: _Unit, quotes) -> bool:
        """A verb with no subject that still reports speech: first in its sentence, or all the
        sentence says besides a quotation."""
        lead = [k for k in range(u.first, v) if not self.tokens[k].quoted]
        if any(self.tokens[k].text.lower() in self.pack.media_words for k in lead[-2:]):
            return False  # "Bloomberg publicó …": an outlet is the subject, none is dropped
        if self._noun_subject_before(v, u):
            return False  # "La declaración señaló que …": a subject stands there, none dropped
        if len(lead) <= 1:
            return True
        nxt = v_last + 1
        if nxt < u.stop and (
            self._match(self.pack.complementiser_set, nxt) or self._gap_has(v_last, nxt, ":")
        ):
            return True  # "Podczas panelu w Davos mówił, że …": reported speech, subject dropped
        if self._final_after_comma(v, u, self._subjects(u)):
            return True  # "…, dijo.": what came before is what was said
        rest = [k for k in range(u.first, u.stop) if not self.tokens[k].quoted]
        return bool(quotes) and len(rest) - (v_last - v + 1) <= 3

    def _noun_subject_before(self, v: int, u: _Unit) -> bool:
        """An article and a document's noun right before the verb (its auxiliary between): "La
        declaración señaló", "il documento ha precisato". The sentence names its subject, a
        text, so it continues no speaker ("il tycoon ha aggiunto" still does)."""
        k = v - 1
        if k >= u.first and self._auxiliary_before(v, u):
            k -= 1
        if k - 1 < u.first or self._gap_has(k - 1, v, ',;:()«»"“”' + _DASHES):
            return False
        noun, article = self.tokens[k], self.tokens[k - 1]
        if noun.quoted or not noun.keys & self.pack.document_keys:
            return False
        return _plain(article.text) in self._articles

    def _colon_quote(self, u: _Unit, quotes, subjects, last_speaker) -> Candidate | None:
        """ "Jermak zeigte sich optimistisch: «…»", "Зеленський: «…»": a named speaker, a colon,
        a quotation."""
        if not quotes:
            return None
        q0 = quotes[0][0]
        if not self.text[u.start : q0].rstrip().endswith(":"):
            return None
        subjects = subjects if subjects is not None else self._subjects(u)
        colon_tok = bisect.bisect_left(self.starts, q0) - 1
        before = [
            s
            for s in subjects
            if s.last <= colon_tok
            and colon_tok - s.last <= 10
            and s.kind in {"person", "institution", "role", "unknown"}
            and not self._oblique(s.first, u)  # "die Botschaft an Putin: «…»": who was told
        ]
        if not before:
            return None
        nearest = max(before, key=lambda s: (s.last, -_KIND_PENALTY[s.kind]))
        resolved = self._resolve(nearest, subjects, last_speaker)
        if resolved is None:
            return None
        body = self._quoted_body(quotes)
        return self._make(u, body, "direct_quote", resolved, quotes) if body else None

    def _opened(self, n: int, u: _Unit, subjects, last_speaker) -> Candidate | None:
        """ "«…». Così il ministro degli Esteri Antonio Tajani a margine del vertice.": an opener
        and a speaker, no verb; what was said is the sentence before."""
        p = self._match(self.pack.opener_set, u.first) if n > 0 else None
        if p is None:
            return None
        subjects = subjects if subjects is not None else self._subjects(u)
        end = u.first + len(p.words) - 1
        near = [
            s
            for s in subjects
            if end < s.first <= end + 8 and s.kind in {"person", "role", "institution", "unknown"}
        ]
        if not near:
            return None
        speaker = near[0]
        if speaker.kind in {"role", "institution"}:
            # "il ministro degli Esteri Antonio Tajani": the named holder of the role
            speaker = next((s for s in near[1:] if s.kind == "person"), speaker)
        resolved = self._resolve(speaker, subjects, last_speaker)
        return None if resolved is None else self._previous(n, u, resolved)

    def _headline(self, u: _Unit, quotes, subjects, last_speaker) -> Candidate | None:
        """The headline form "Песков: Москва не готова …", "Постпред при НАТО Уитакер: США и
        Украина …": a speaker, a colon, and what was said (no verb of saying before the colon)."""
        colon = self.text.find(": ", u.start, u.end)
        if colon == -1:
            return None
        last = bisect.bisect_left(self.starts, colon) - 1
        if not u.first <= last < u.first + 6 or self.text[self.tokens[last].end : colon].strip():
            return None  # the name ends at the colon ("Песков:", French "Macron :")
        if any(
            self.tokens[k].quoted or self._match(self.pack.verb_set, k)
            for k in range(u.first, last + 1)
        ):
            return None
        subjects = subjects if subjects is not None else self._subjects(u)
        speaker = next(
            (
                s
                for s in subjects
                if s.last == last and s.kind in {"person", "institution", "role", "unknown"}
            ),
            None,
        )
        if speaker is None or (speaker.kind == "person" and not self._nominative(speaker)):
            return None
        if self._oblique(speaker.first, u):
            return None  # "Dabei sei die Botschaft an Putin: …": who was told
        resolved = self._resolve(speaker, subjects, last_speaker)
        if resolved is None:
            return None
        start = self.tokens[last + 1].start if last + 1 < u.stop else u.end
        if start < colon:
            return None
        body = self._quoted_body(quotes) or self.text[colon + 1 : u.end]
        kind = "direct_quote" if self._quoted_body(quotes) else "paraphrase"
        return self._make(u, body, kind, resolved, quotes)

    def _signed_heading(self, u: _Unit, quotes, subjects, last_speaker) -> Candidate | None:
        """A headline signed by its speaker after a dash, with no verb: "Ініціатива щодо прямих
        переговорів має виходити від Києва, — Пєсков", "Є сигнали, що команда Трампа чує нас, –
        Зеленський про перемовини у Швейцарії" (a line of its own, no final full stop)."""
        text = self.text[u.start : u.end].rstrip()
        alone = all(
            o.paragraph != u.paragraph
            for o in self.units
            if o is not u and abs(o.start - u.start) < 2000
        )
        if not alone or text[-1:] in ".!?…:;":
            return None
        dash = None
        for m in _DASH_CLOSE_RE.finditer(text):
            dash = m
        if dash is None or len(WORD_RE.findall(text[: dash.start()])) < MIN_WORDS:
            return None
        first = bisect.bisect_left(self.starts, u.start + dash.end())
        subjects = subjects if subjects is not None else self._subjects(u)
        speaker = next(
            (
                s
                for s in subjects
                if s.first == first and s.kind in {"person", "institution", "role", "unknown"}
            ),
            None,
        )
        if speaker is None or any(self._match(self.pack.verb_set, k) for k in range(first, u.stop)):
            return None
        resolved = self._resolve(speaker, subjects, last_speaker)
        if resolved is None:
            return None
        body = text[: dash.start()]
        kind = "direct_quote" if self._quoted_body(quotes) == _clean(body) else "paraphrase"
        return self._make(u, body, kind, resolved, quotes)

    def _reported_mood(self, n: int, u: _Unit) -> Candidate | None:
        """Reported speech runs on without a verb of saying, marked by the words themselves:
        German by its subjunctive ("Es seien mehrere Treffen geplant."), Polish by the speaker's
        first person ("Rozumiemy, że …"): such a sentence within two of a statement continues
        it."""
        marks = self.pack.marks_reported
        resolved = self._recent(n, within=2)
        if marks is None or resolved is None:
            return None
        if self._last[0] < n - 1:
            # "Auch Selenskyj sprach von einem guten Treffen. Dabei sei es …": the sentence
            # between names whom the reported speech that follows is about
            resolved = self._topic(n) or resolved
        words = [t for t in self.tokens[u.first : u.stop] if not t.quoted]
        if any(t.text.lower() in self.pack.writer_forms for t in words):
            return None  # "Przypomnijmy, że …": the writer's first person, not the speaker's
        if not any(marks(t.text, t.keys) for t in words):
            return None
        if self._own_noun_subject(u):
            return None  # "Die Runde verkündete, sie wolle …": a speaker of its own
        text = self.text[u.start : u.end]
        return self._make(u, text, "paraphrase", resolved, [])

    def _own_noun_subject(self, u: _Unit) -> bool:
        """A verb of saying of the sentence with a noun phrase (article and noun) right before
        it: "Die Runde verkündete", "La Coalition a confirmé". The sentence names who speaks,
        though not as a name the reading knows; it continues no one."""
        for v in range(u.first + 2, u.stop):
            if self.tokens[v].quoted or not self._match(self.pack.verb_set, v):
                continue
            k = v - 1
            if self._auxiliary_before(v, u):
                k -= 1
            if k - 1 < u.first or self._gap_has(k - 1, v, ',;:()«»"“”' + _DASHES):
                continue
            noun, article = self.tokens[k], self.tokens[k - 1]
            if noun.quoted or _plain(article.text) not in self._articles:
                continue
            if noun.text[:1].isalpha() and not self._match(self.pack.verb_set, k):
                return True
        return False

    def _not_a_report(self, v: int, v_last: int, u: _Unit) -> bool:
        """ "did not say", "sagte nicht"; "was told", "announced by"; "to announce"."""
        pack = self.pack
        for k in (v - 1, v - 2, v_last + 1):
            if k < v and self._gap_has(k, v, ",;:"):
                continue  # "… non plus, juge que …": the negation is in another clause
            if u.first <= k < u.stop and self._match(pack.negation_set, k):
                return True
        if (
            v - 1 >= u.first
            and self.tokens[v - 1].text.lower() in self._before_forms
            and not self._gap_has(v - 1, v, ",;:" + _DASHES)
        ):
            return True  # "was told", "to announce" ("…fortgesetzt werden, sagte er" says)
        if pack.capitalises_nouns and v > u.first and self.tokens[v].text[:1].isupper():
            return True  # "Der Kreml wies die Berichte … zurück": a noun (Bericht), no verb
        if pack.modals and v == v_last and self._after_modal(v, u):
            return True  # "EU und USA müssten gemeinsam klarmachen, dass …": an infinitive
        if v == v_last and self._infinitive(v) and not self._after_infinitive_head(v, u):
            # "gotowych zapewnić", "готовы заявить": the infinitive reports nothing
            return True
        if self._refuses(v, v_last, u):
            return True  # "se negó a comentar", "lehnte es ab, … zu kommentieren"
        if pack.impersonal is not None and pack.impersonal(self.tokens[v_last].text):
            return True  # "Zapowiadano, że …", "Заявлено, що …": no one is named, no one reports
        if v == v_last and self._attributive_participle(v, u):
            return True  # "Le document publié lundi montre …": the participle qualifies a noun
        return v_last + 1 < u.stop and self.tokens[v_last + 1].text.lower() in self._agents

    def _infinitive(self, k: int) -> bool:
        """Word k is an infinitive, where the pack says the infinitive is the dictionary form
        ("juge", "dicho" are their own lemmas for simplemma, but no infinitive ends so)."""
        pack = self.pack
        word = self.tokens[k].text.lower()
        return (
            pack.infinitive_is_lemma
            and is_lemma(word, self.lang)
            and (not pack.infinitive_endings or word.endswith(pack.infinitive_endings))
        )

    def _refuses(self, v: int, v_last: int, u: _Unit) -> bool:
        """The verb with the words around it refuses to speak (the pack's ``refusals``): a
        phrase over its last word, followed by an infinitive where the phrase asks for one."""
        phrases = self.pack.refusal_set
        if not phrases:
            return False
        for start in range(max(u.first, v - 2), v_last + 1):
            for phrase in phrases.all_at(self.keys, start):
                end = start + len(phrase.words)
                if v_last >= end or end > u.stop:
                    continue
                if not phrase.value or (end < u.stop and self._infinitive(end)):
                    return True
        return False

    def _after_infinitive_head(self, v: int, u: _Unit) -> bool:
        """A verb that reports with the infinitive ends right before it ("a tenu à préciser",
        "ha voluto sottolineare", "volvió a insistir"; the pack's ``infinitive_heads``)."""
        heads = self.pack.infinitive_head_set
        for k in range(v - 1, max(u.first, v - 3) - 1, -1):
            if self.tokens[k].quoted or self._gap_has(k, k + 1, ",;:()–—"):
                return False
            head = self._match(heads, k)
            if head is not None:  # "n'a pas voulu commenter": a refusal, nothing said
                negated = any(
                    j >= u.first and self._match(self.pack.negation_set, j) for j in (k - 1, k - 2)
                )
                return k + len(head.words) == v and not negated
        return False

    def _document_speaks(self, v: int) -> bool:
        """The verb is one a text speaks with (the pack's ``document_verbs``; any verb of saying
        where the pack lists none)."""
        pack = self.pack
        return not pack.document_verbs or self._match(pack.document_verb_set, v) is not None

    def _attributive_participle(self, v: int, u: _Unit) -> bool:
        """A regular past participle of the verb ("publié", "firmata", "publicados") with no
        auxiliary among the three words before it in its clause: it qualifies a noun ("le
        document publié lundi"), it is no verb of its own ("a également déclaré" is one)."""
        pack = self.pack
        if pack.participles is None or not pack.participle_auxiliary_keys:
            return False
        word = self.tokens[v].text.lower()
        # the verbs as the pack writes them (accents kept: "publié" is a participle, "publie"
        # a present tense; the matching keys fold both alike)
        verbs = {
            p.text
            for phrases in (pack.verb_set, pack.complement_verb_set, pack.document_verb_set)
            for p in phrases.all_at(self.keys, v)
        }
        if not any(word in _participle_forms(p) for verb in verbs for p in pack.participles(verb)):
            return False
        for k in range(v + 1, min(u.stop, v + 5)):
            if self.tokens[k].quoted:
                # "un colloquio definito dal Cremlino “utile”", "qualifié de « … »": the
                # participle gives the quoted words their author
                return False
            if self._gap_has(k - 1, k, ",;:()–—"):
                break
        for k in range(v - 1, max(u.first, v - 4) - 1, -1):
            if self._gap_has(k, k + 1, ",;:()–—"):  # "a-t-il insisté": a hyphen joins
                break
            if self.keys[k] & pack.participle_auxiliary_keys:
                return False
        return True

    def _noun_of_saying(self, v: int, u: _Unit) -> bool:
        """A word of saying right after a determiner or a nationality adjective is a noun ("the
        claim that", "their promise", "rejects Ukrainian claim that"), not the verb; the pack's
        determiners are words that stand before nouns only."""
        k = v - 1
        if k < u.first or self.tokens[k].quoted or self._gap_has(k, v, ",;:()" + _DASHES):
            return False
        if self.tokens[k].text.lower() in self._determiners:
            return True
        return bool(self._determiners) and self._match(self.pack.demonym_set, k) is not None

    def _addressee_end(self, v: int, v_last: int, u: _Unit, subjects) -> int:
        """The last word of who was spoken to after a verb that names them ("told CNN the talks
        …", "told Umerov the plan …", "told the BBC"): a name, a party, an outlet in capitals,
        with its article; ``v_last`` when the verb names nobody so."""
        if not self._match(self.pack.addressee_set, v):
            return v_last
        channel = self._match(self.pack.channel_set, v)  # "told reporters", "told the press"
        if channel is not None:
            v_last = max(v_last, v + len(channel.words) - 1)
        k = v_last + 1
        if k < u.stop and _plain(self.tokens[k].text) in self._articles:
            k += 1
        end = v_last
        while k < u.stop and k - v_last <= 4 and not self.tokens[k].quoted:
            if self._gap_has(k - 1, k, ",;:()" + _DASHES):
                break
            held = next((s for s in subjects if s.first == k), None)
            if held is not None and held.kind in {"person", "party", "institution", "unknown"}:
                end = k = held.last
            elif self.tokens[k].text[:1].isupper():
                end = k
            else:
                break
            k += 1
        return end

    def _after_modal(self, v: int, u: _Unit) -> bool:
        """The verb is in its dictionary form and a modal verb comes before it in its clause."""
        if not is_lemma(self.tokens[v].text, self.lang):
            return False
        for k in range(v - 1, max(u.first, v - 8) - 1, -1):
            if self.tokens[k].quoted or self._gap_has(k, k + 1, ",;:" + _DASHES):
                return False
            if self.keys[k] & self.pack.modal_keys:
                return True
        return False

    def _relative_clause_end(self, last: int, v: int) -> int:
        """The last word of a relative clause set off by commas right after token ``last`` and
        closed before the verb ``v`` (", qui …,", ", który …,"); ``last`` when there is none."""
        first = last + 1
        if first >= v or not self._gap_has(last, first, ","):
            return last
        if not self.tokens[first].keys & self._relatives:
            return last
        for j in range(first, v):
            if self._gap_has(j, j + 1, ","):
                return j
        return last

    def _subject_of(
        self, v: int, v_last: int, u: _Unit, subjects: list[_Subject]
    ) -> _Subject | None:
        """The nearest subject in the verb's clause (no quotation or other verb in between)."""
        best = None
        best_score = None
        # "…, – ocenił … Scott Bessent", "…», — заявил Песков": after a dash or comma the
        # attribution follows what was said, and the names before it belong to what was said.
        postposed = v > u.first and (
            self._gap_has(v - 1, v, "-–—")
            or (
                self._gap_has(v - 1, v, ",")
                and any(
                    0 < s.first - v <= 6
                    and s.kind not in {"demonym", "pronoun", "party"}
                    and not self._opens_clause(s, u)
                    # "…, juge que la délégation russe envoyée …": in the reported clause
                    and not any(
                        self._match(self.pack.complementiser_set, k) for k in range(v + 1, s.first)
                    )
                    for s in subjects
                )
            )
        )
        if not postposed and self._final_after_comma(v, u, subjects):
            postposed = True  # "…, dijo.", "…, ha poi aggiunto.": the names before were said
        for s in subjects:
            if s.kind == "demonym":
                continue  # a hint for a role's party, never a speaker itself
            if s.kind != "pronoun" and self._oblique(s.first, u):
                continue  # "w Białym Domu powiedział", "con il presidente": not the subject
            if s.kind in {"role", "joint", "unknown"} and self._oblique_qualified(s, u, subjects):
                continue  # "talks with Ukrainian delegates, said": the delegates are an object
            if s.last < v:
                if postposed:
                    continue
                lo, hi = s.last + 1, v
                # "Zelensky, qui a finalement décidé de ne pas participer, juge que …": the
                # relative clause between the subject and its verb does not part them
                dist = v - self._relative_clause_end(s.last, v)
                limit = 12
                if self._gap_has(s.last, s.last + 1, ",") and self._comma_before_verb(s, v):
                    # "Rubio, speaking in Jeddah after more than eight hours of talks with
                    # Ukrainian delegates, said": a clause set off by commas runs long
                    limit = 20
            elif s.first > v:
                if self._gap_has(v_last, v_last + 1, ","):
                    continue  # "Die Runde verkündete, sie wolle …": the comma opens what was said
                lo, hi = v + 1, s.first
                dist = s.first - v
                limit = 12 if postposed else 6
                if s.kind == "person" and not self._gap_has(v, s.first, ",;:()–—"):
                    # "повідомила перша віцепрем'єр-міністерка та міністерка економіки Юлія
                    # Свириденко": the titles before a name run long
                    limit = max(limit, 9)
            else:
                continue
            if dist > limit or (s.kind in _CLOSE_ONLY and dist > _CLOSE_ONLY[s.kind][s.first > v]):
                continue
            if any(self.tokens[k].quoted for k in range(lo, hi)):
                continue
            if self._quote_between(self.tokens[lo - 1].end, self.tokens[hi].start):
                continue
            if s.kind == "person" and self._owner_of_role(s, subjects):
                continue
            if s.kind == "person" and self._inner_appositive(s, subjects) is not None:
                continue  # "el secretario de prensa del presidente ruso, Vladímir Putin, añadió"
            if self._served_role(s, subjects) is not None:
                continue  # "A spokesperson for Ukraine's lead negotiator, Rustem Umerov, told"
            if s.first > v and not postposed and self._opens_clause(s, u):
                continue  # "said Vladimir Putin wants a deal": Putin is in what was said
            if s.last < v and self._in_agent_phrase(s, u, subjects):
                continue  # "The agreement signed ... by Zelenskyy and ..., Rishi Sunak, declares"
            if s.kind == "document" and not self._document_speaks(v):
                continue  # "le texte … a ironisé": a person's verb, the text is no subject
            if s.kind == "document" and s.last < v and self._gap_has(s.last, v, ",;:()"):
                continue  # "Dokument, który Londyn nazwał …": the text is what was spoken of
            if s.kind == "document" and s.first > v and self._speaker_after(s, subjects):
                continue  # "ocenił porozumienie … sekretarz skarbu Scott Bessent": its object
            if s.kind == "institution" and self._role_before(s, subjects) is not None:
                continue  # "Rzecznik Kremla", "portavoce del Cremlino": the role speaks
            if s.kind == "role" and self._role_of_role(s, subjects):
                continue  # "Прес-секретар російського лідера вважає": the first role speaks
            if self._in_relative_clause(s, v, u):
                continue  # "Witkoff, który spotykał się z Putinem, zapowiedział"
            if s.kind != "pronoun" and self._in_appositive(s, v, u, subjects):
                continue  # "Medinsky, also an advisor to President Vladimir Putin, said"
            if s.kind == "institution" and self._whose_unsaid(s, subjects):
                continue  # "до уряду ... повідомила X": a government, whose unsaid, is no speaker
            if s.kind == "party" and not self._party_nominative(s):
                continue  # "у Верховній Раді України повідомила": a genitive is no subject
            if s.kind == "institution" and self._names_whose(s, subjects):
                continue  # "глава Госдепа Марко Рубио": Rubio speaks, the Department is his
            if s.kind == "joint" and not all(self._nominative(m) for m in s.value):
                continue  # "переговоры Путина и Трампа": the names are not the subject
            if s.kind == "person" and not (self._nominative(s) and self._agrees(s, v)):
                continue  # "подтвердил заявление Умерова": a name in another case is no subject
            if s.first > v and any(
                self._match(self.pack.complementiser_set, k) for k in range(lo, hi)
            ):
                continue  # "said that X ...": X is in the reported clause
            score = dist + _KIND_PENALTY[s.kind]
            if s.first > v and best is not None and not postposed and self._pronoun_before(best, v):
                continue  # "He said both sides would …": the subject pronoun stands before
            if best_score is None or score < best_score:
                best, best_score = s, score
        return best

    def _comma_before_verb(self, s: _Subject, v: int) -> bool:
        """A comma closes the clause set off after the subject right before the verb, or before
        the one word of its verb group or adverb ("Rustem Umerov, capo del Consiglio …, ha
        affermato", "Rubio, in Jeddah, also said")."""
        return self._gap_has(max(s.last, v - 2), v, ",")

    def _agent_before(self, v: int, u: _Unit, subjects) -> bool:
        """The nearest name before the verb is the agent of a participle ("die von Macron …
        angekündigte Friedenstruppe", "le plan présenté par Trump"): an agent word ("von",
        "by", "par", "przez") right before it, nothing but words up to the verb. The verb is
        that participle; it reports nothing."""
        before = [s for s in subjects if s.last < v and s.kind != "demonym"]
        if not before:
            return False
        s = max(before, key=lambda o: o.last)
        if self._gap_has(s.last, v, ",;:()" + _DASHES) or any(
            self.tokens[k].quoted for k in range(s.last + 1, v)
        ):
            return False
        k = s.first - 1
        if k >= u.first and _plain(self.tokens[k].text) in self._articles:
            k -= 1
        return k >= u.first and self.tokens[k].text.lower() in self._agents

    def _in_agent_phrase(self, s: _Subject, u: _Unit, subjects) -> bool:
        """A name in the agent phrase of a participle ("The agreement signed on 12 January by
        Ukraine's President Volodymyr Zelenskyy and the Prime Minister of the UK, Rishi Sunak,
        declares"): back from it, only names, titles, articles, conjunctions and prepositions
        up to an agent word ("by"). A comma between two names parts clauses ("the plan
        presented by Trump, Zelensky said"), a comma after a title sets off its holder."""
        covered: dict[int, _Subject] = {}
        for o in subjects:
            for k in range(o.first, o.last + 1):
                covered[k] = o
        k = s.first - 1
        while k >= u.first:
            tok = self.tokens[k]
            if tok.quoted:
                return False
            if self._gap_has(k, k + 1, ";:()\n" + _DASHES):
                return False
            if self._gap_has(k, k + 1, ","):
                before = covered.get(k)
                after = covered.get(k + 1)
                if before is None or before.kind not in {"role", "party", "institution"}:
                    return False
                if after is None or after.kind not in {"person", "unknown"}:
                    return False
            word = tok.text.lower()
            if word in self._agents:
                return True
            if k in covered:
                k = covered[k].first - 1
                continue
            if (
                _plain(word) in self._articles
                or word in self._conjunctions
                or _plain(word) in self._obliques
            ):
                k -= 1
                continue
            return False
        return False

    def _pronoun_before(self, s: _Subject, v: int) -> bool:
        """A subject pronoun right before the verb ("He said", "Она заявила"): a pronoun in
        the nominative is the verb's subject, whatever names follow the verb (a name or a
        party right before the verb may end a fronted phrase instead: "Zu den Gesprächen der
        USA mit der Ukraine erklärte er")."""
        return (
            s.kind == "pronoun"
            and v - s.last <= 2
            and not self._gap_has(s.last, v, ",;:()" + _DASHES)
        )

    def _oblique_between(self, a: int, b: int) -> bool:
        """A preposition among the words between tokens a and b ("il consigliere diplomatico di
        Putin Ushakov": Putin is whose adviser, not the adviser), unless a comma sets the name
        apart."""
        if b - 1 > a and self._gap_has(b - 1, b, ","):
            return False  # "el portavoz del Kremlin, Dmitri Peskov": the name is in apposition
        return any(_plain(self.tokens[k].text) in self._obliques for k in range(a + 1, b))

    def _oblique(self, first: int, u: _Unit) -> bool:
        """A preposition (or an oblique article) right before the words, an article between."""

        def word(k: int) -> str:
            """The word k if only spaces part it from the next one and it is not quoted."""
            if k < u.first or self.tokens[k].quoted:
                return ""
            gap = self.text[self.tokens[k].end : self.tokens[k + 1].start]
            return _plain(self.tokens[k].text) if not gap.strip() else ""

        k = first - 1
        if (
            word(k)
            and self._match(self.pack.demonym_set, k)
            and self._match(self.pack.role_set, first)
        ):
            k -= 1  # "des russischen Präsidenten", "του Ρώσου προέδρου": a title's nationality
        if word(k) in self._obliques:
            return True
        if word(k) in self._articles:
            k -= 1
        return word(k) in self._obliques

    def _oblique_qualified(self, s: _Subject, u: _Unit, subjects) -> bool:
        """A preposition before the nationality or the party that qualifies the words ("with
        Ukrainian delegates", "with U.S. and Ukrainian officials", "to Ukraine's lead
        negotiator"): they are a complement, not the subject."""
        k = s.first - 1
        if s.kind == "joint":
            k = s.value[0].first - 1 if s.value[0].kind in {"party", "demonym"} else k
        qualifiers = 0
        while k >= u.first and qualifiers < 3:
            q = next(
                (
                    o
                    for o in subjects
                    if o.first <= k <= o.last
                    and (
                        o.kind in {"party", "demonym"}
                        or (o.kind == "person" and o.value.possessive)
                    )
                ),
                None,
            )
            if q is None or self._gap_has(q.last, q.last + 1, ",;:()\n" + _DASHES):
                break
            k = q.first - 1
            qualifiers += 1
        return qualifiers > 0 and self._oblique(k + 1, u)

    def _final_after_comma(self, v: int, u: _Unit, subjects) -> bool:
        """A verb of saying that closes its sentence after a comma, with no subject of its own
        between ("…, dijo.", "…, ha poi aggiunto in conferenza stampa."): what came before the
        comma is what was said."""
        if not self.pack.drops_subjects:
            return False  # English, German, French name the subject: "…, he said."
        comma = next(
            (j for j in range(v, max(u.first, v - 2) - 1, -1) if self._gap_has(j - 1, j, ",")),
            None,
        )
        if comma is None or comma - 1 < u.first:
            return False
        if any(comma <= s.last and s.first < v for s in subjects if s.kind != "demonym"):
            return False
        if any(0 < s.first - v <= 6 and s.kind not in {"demonym"} for s in subjects):
            return False  # "…, dijo Zelenski en Kiev": the subject follows
        rest = [k for k in range(v + 1, u.stop) if not self.tokens[k].quoted]
        if rest and not self._circumstance(rest[0]):
            return False  # "…, ya han anunciado su intención": an object, not a closing verb
        if len(rest) > 8:
            return False
        # "X, che si trova a Istanbul, ha detto ...": the comma closes a clause about X
        opened = next(
            (
                j
                for j in range(comma - 1, max(u.first, comma - 12), -1)
                if self._gap_has(j - 1, j, ",")
            ),
            None,
        )
        if opened is None:
            return True
        if self.tokens[opened].keys & self._relatives:
            return False
        if any(self._name_between(s, opened, comma) for s in subjects):
            return False  # "El líder de la delegación rusa, Vladímir Medinski, declaró:"
        # "Ihor Zhovkva, Zelensky's chief diplomatic adviser, said": a speaker, then an appositive
        return not any(
            s.kind in {"role", "institution"} and opened <= s.first < comma for s in subjects
        ) or not any(s.kind in {"person", "unknown"} and s.last == opened - 1 for s in subjects)

    def _title_of(self, subject: _Subject, subjects) -> int:
        """Where the title of a name set off by commas starts ("También el presidente ucraniano,
        Volodimir Zelensky, calificó …": the title is the attribution's, not what was said);
        the name's own first word when it has none."""
        if subject.kind not in {"person", "unknown"} or subject.first == 0:
            return subject.first
        if not self._gap_has(subject.first - 1, subject.first, ","):
            return subject.first
        if not self._titled_apposition(subject.first, subject.last + 1, subjects):
            return subject.first
        role = max(
            (r for r in subjects if r.kind == "role" and r.last < subject.first),
            key=lambda r: r.last,
        )
        return role.first

    def _titled_apposition(self, opened: int, comma: int, subjects) -> bool:
        """The words between two commas are only a name, and a title stands before the first
        comma ("El líder de la delegación rusa, Vladímir Medinski, declaró", "el presidente
        ucraniano, Volodimir Zelensky, calificó"): the name is the title's holder, the subject."""
        if not any(self._name_between(s, opened, comma) for s in subjects):
            return False
        return any(
            r.kind == "role"
            and r.last < opened
            and opened - r.last <= 5
            and not self._gap_has(r.last, opened - 1, ",;:()" + _DASHES)
            for r in subjects
        )

    def _name_between(self, s: _Subject, opened: int, comma: int) -> bool:
        """The words from ``opened`` up to the comma are the name ``s`` alone, a first name
        written otherwise than the one known before it ("Volodimir Zelensky")."""
        return (
            s.kind in {"person", "unknown"}
            and opened <= s.first <= opened + 1
            and s.last == comma - 1
            and all(self.tokens[k].text[:1].isupper() for k in range(opened, s.first))
        )

    def _circumstance(self, k: int) -> bool:
        """Words that open a circumstance after a verb: a preposition, a date (with its
        article)."""
        word = _plain(self.tokens[k].text)
        if word in self._articles and k + 1 < len(self.tokens):
            # "…, dijo el viernes" is a date; "…, ha riferito un rappresentante" a subject
            return bool(self.keys[k + 1] & self.pack.calendar_keys)
        return word in self._obliques or bool(self.keys[k] & self.pack.calendar_keys)

    def _gap_has(self, i: int, j: int, chars: str) -> bool:
        """Whether the text between tokens i and j holds one of the characters."""
        gap = self.text[self.tokens[i].end : self.tokens[j].start]
        return any(ch in gap for ch in chars)

    def _in_appositive(self, s: _Subject, v: int, u: _Unit, subjects) -> bool:
        """A name inside ", also an advisor to President X," between the subject and its verb:
        a role before it in a segment opened by a comma, and a speaker before that comma."""
        if s.last >= v or not self._gap_has(s.last, v, ","):
            return False
        for k in range(s.first - 1, max(u.first, s.first - 10) - 1, -1):
            if self._gap_has(k, k + 1, ","):
                opened = k + 1
                has_role = any(r.kind == "role" and opened <= r.first <= s.first for r in subjects)
                before = any(
                    o.kind in {"person", "role", "unknown"} and o.last <= k for o in subjects
                )
                return has_role and before
        return False

    def _nominative(self, s: _Subject) -> bool:
        """Russian and Ukrainian mark the subject's case: Умеров can speak, Умерова cannot;
        where the pack says names decline (Polish), a name matched in another form than its
        own is in another case (Macrona, Zełenskiego): no subject."""
        if self.pack.names_decline and s.kind == "person":
            return not s.value.inflected
        if self.lang not in {"ru", "uk"}:
            return True
        return any(
            not _genitive_only(self.tokens[k].text, self.lang) for k in range(s.first, s.last + 1)
        )

    def _inner_appositive(self, s: _Subject, subjects) -> _Subject | None:
        """The role that a name set off by a comma completes when that role is itself the
        complement of another ("the spokesman of the Russian president, Vladimir Putin,"): the
        name is whose the outer role is, not its holder. Returns the outer role."""
        inner = next(
            (
                r
                for r in subjects
                if r.kind == "role"
                and 0 < s.first - r.last <= 3
                and self._gap_has(s.first - 1, s.first, ",")
            ),
            None,
        )
        if inner is None or not self._oblique(inner.first, self._unit_of(inner.first)):
            return None
        if not any(
            d.kind in {"demonym", "party"}
            and (0 < d.first - inner.last <= 2 or d.last == inner.first - 1)
            for d in subjects
        ):
            return None  # "an aide to the president, Andriy Yermak": the name may be the aide's
        return next(
            (
                o
                for o in subjects
                if o.kind in {"role", "institution"} and 0 < inner.first - o.last <= 3
            ),
            None,
        )

    def _role_complement(self, o: _Subject, subjects) -> _Subject | None:
        """The role that a role or an office serves, named with its party or nationality (so one
        person): "a spokesperson for Ukraine's lead negotiator", "an aide to the Russian
        president". Returns that inner role."""
        if o.kind not in {"role", "institution"} or not self.pack.subject_first:
            return None  # English: elsewhere an aide's genitive owner is read by _role_of_role
        k = o.last + 1
        if k >= len(self.tokens) or _plain(self.tokens[k].text) not in self._obliques:
            return None
        j = k + 1
        if j < len(self.tokens) and _plain(self.tokens[j].text) in self._articles:
            j += 1
        inner = next(
            (r for r in subjects if r.kind == "role" and j <= r.first <= j + 3),
            None,
        )
        if inner is None or self._gap_has(o.last, inner.first, ",;:()\n" + _DASHES):
            return None
        qualified = any(
            (q.kind in {"party", "demonym"} or (q.kind == "person" and q.value.possessive))
            and j <= q.first
            and q.last < inner.first
            for q in subjects
        )
        return inner if qualified else None

    def _served_role(self, s: _Subject, subjects) -> _Subject | None:
        """The outer role when ``s`` is the role another role serves or that role's holder in
        apposition: in "a spokesperson for Ukraine's lead negotiator, Rustem Umerov, told", the
        spokesperson speaks, not the negotiator nor Umerov."""
        if s.kind == "person":
            inner = next(
                (
                    r
                    for r in subjects
                    if r.kind == "role"
                    and 0 < s.first - r.last <= 1
                    and self._gap_has(r.last, s.first, ",")
                ),
                None,
            )
        elif s.kind == "role":
            inner = s
        else:
            return None
        if inner is None:
            return None
        return next(
            (
                o
                for o in subjects
                if o.last < inner.first and self._role_complement(o, subjects) is inner
            ),
            None,
        )

    def _unit_of(self, i: int) -> _Unit:
        return self.units[bisect.bisect_right(self._unit_starts, self.tokens[i].start) - 1]

    def _whose_unsaid(self, s: _Subject, subjects) -> bool:
        """ "the government", "the ministry": an institution in lower case that names no party
        and has none next to it cannot be resolved to a speaker."""
        _name, party = s.value
        return (
            not party
            and s.text[:1].islower()
            and self._party_near(s, subjects) is None
            and self._possessor(s, subjects) is None
        )

    def _possessor(self, s: _Subject, subjects) -> _Subject | None:
        """The person whose office or government it is, right before it: "Zelenskyy's
        office", "Putin's government"; or, after a possessive, the person named last before it
        in the sentence ("Hakan Fidan rencontrera …, a annoncé son ministère")."""
        if s.first > 0 and self.tokens[s.first - 1].text.lower() in self._possessives:
            named = [o for o in subjects if o.kind == "person" and o.last < s.first - 1]
            return named[-1] if named else None
        return next(
            (
                o
                for o in subjects
                if o.kind == "person"
                and o.value.possessive
                and 0 < s.first - o.last <= 2
                and not self._gap_has(o.last, s.first, ",;:()" + _DASHES)
            ),
            None,
        )

    def _names_whose(self, s: _Subject, subjects) -> bool:
        """An institution in the genitive right before a person's name says whose office the
        person holds ("глава Госдепа Марко Рубио", "Глава офісу президента Андрій Єрмак")."""
        return not self._party_nominative(s) and any(
            o.kind == "person" and o.first == s.last + 1 for o in subjects
        )

    def _party_nominative(self, s: _Subject) -> bool:
        """A state's or an institution's name in Russian or Ukrainian speaks only in the
        nominative (or when its case is not known)."""
        if self.lang not in {"ru", "uk"}:
            return True
        for k in range(s.first, s.last + 1):
            found = name_cases(self.tokens[k].text, self.lang)
            if not found or "nomn" in found:
                return True
        return False

    def _agrees(self, s: _Subject, v: int) -> bool:
        """A past-tense verb agrees with its subject in gender: "подтвердил ... Умерова" reads
        Умерова as Umerov's genitive, not a woman's name in the nominative."""
        verb = past_genders(self.tokens[v].text, self.lang)
        if not verb:
            return True
        name = nominative_genders(self.tokens[s.last].text, self.lang)
        return not name or bool(name & verb)

    def _role_before(self, s: _Subject, subjects) -> _Subject | None:
        for r in subjects:
            if r.kind == "role" and 0 < s.first - r.last <= 2:
                return r
        return None

    def _role_of_role(self, s: _Subject, subjects) -> bool:
        """A role in the genitive right after another role is whose role that is ("прес-секретар
        російського лідера", "пресс-секретарь президента"): it does not speak (Russian and
        Ukrainian, where the case shows it)."""
        if self.lang not in PYMORPHY_LANGS or not _genitive_only(
            self.tokens[s.last].text, self.lang
        ):
            return False
        return self._role_before(s, subjects) is not None

    def _in_relative_clause(self, s: _Subject, v: int, u: _Unit) -> bool:
        """Between a relative pronoun and the comma that closes its clause, before the verb."""
        if s.last >= v:
            return False
        for k in range(s.first - 1, max(u.first, s.first - 12) - 1, -1):
            if self._gap_has(k, k + 1, ",;:") and k + 1 <= s.first:
                # the clause opened after a comma: is it a relative one, closed before the verb?
                if self.tokens[k + 1].keys & self._relatives:
                    return any(self._gap_has(j, j + 1, ",") for j in range(s.last, v))
                return False
        return False

    def _quote_between(self, a: int, b: int) -> bool:
        return bool(self._quotes_in(a, b))

    def _owner_of_role(self, s: _Subject, subjects: list[_Subject]) -> bool:
        """A name that completes a role ("Zelensky's chief of staff", "помощник Путина")."""
        ref: PersonRef = s.value
        roles = [r for r in subjects if r.kind in {"role", "institution"}]
        for r in roles:
            if ref.possessive and 0 < r.first - s.last <= 4:
                return True
            if r.last < s.first and s.first - r.last <= 2 and self.lang in {"ru", "uk"}:
                word = self.tokens[s.last].text
                if r.kind == "institution":  # "глава Госдепа Марко Рубио": an indeclinable
                    return _genitive_only(word, self.lang)  # name after an office holds it
                return _genitive(word, self.lang)
        return False

    def _resolve(self, subject: _Subject, subjects, last_speaker) -> dict | None:
        kind = subject.kind
        if kind == "person":
            return {"speaker": subject.value.target, "attribution": "name"}
        if kind == "party":
            return {"speaker_party": subject.value.target, "attribution": "party"}
        if kind == "pronoun":
            unnamed = self._unnamed_antecedent(subject, last_speaker)
            if unnamed is not None:
                return unnamed
            target = self._antecedent(subject, last_speaker)
            if target is None:
                return None
            return {"speaker": target, "attribution": "pronoun"}
        if kind == "institution":
            name, party = subject.value
            hint = self._party_near(subject, subjects)
            owner = self._possessor(subject, subjects) if not party and hint is None else None
            if owner is not None:  # "Zelenskyy's office said": his office, his state's
                whose = owner.first if subject.first - owner.last <= 2 else subject.first - 1
                return {
                    "speaker_description": self._span(whose, subject.last),
                    "role_owner": owner.value.target,
                    "attribution": "institution",
                }
            if not party and hint is None and subject.text[:1].islower():
                return None  # "the government", "the ministry": whose is not said
            return {
                "speaker_description": name,
                "party_hint": hint,
                "party_slug": party,
                "attribution": "institution",
            }
        if kind == "role" and self._role_complement(subject, subjects) is not None:
            return self._resolve_serving(subject, subjects)
        if kind == "role":
            owner = self._person_near(subject, subjects)
            if owner is not None:
                return {"speaker": owner, "attribution": "name"}
            party = self._party_near(subject, subjects)
            if party is None:
                owner = next(
                    (
                        i
                        for i in subjects
                        if i.kind == "institution" and 0 < i.first - subject.last <= 2
                    ),
                    None,
                )
                if owner is not None and owner.value[1]:
                    party = ("slug", owner.value[1])  # "пресс-секретарь Кремля": Russia's
            earlier = self._by_title(subject) if party is None else None
            if earlier is not None:
                return {"speaker": earlier, "attribution": "title"}
            phrase = self._role_phrase(subject, subjects)
            owner = self._role_owner(subject, subjects)
            return {
                "role": subject.value,
                "role_text": phrase,
                "role_owner": owner,
                "party_hint": party,
                "speaker_description": phrase,
                "attribution": "role",
            }
        if kind == "group":
            return self._resolve_group(subject, subjects)
        if kind == "document":
            return self._resolve_document(subject, subjects, last_speaker)
        if kind == "joint":
            return {"speaker_description": subject.text, "attribution": "group"}
        if kind == "unknown":
            role = [r for r in subjects if r.kind == "role" and abs(r.last - subject.first) <= 3]
            return {
                "unknown_name": subject.text,
                "speaker_description": subject.text,
                "role": role[0].value if role else "",
                "role_text": role[0].text if role else "",
                "party_hint": self._party_near(subject, subjects),
                "attribution": "unknown",
            }
        return None

    # --- groups and documents as speakers ----------------------------------------------

    def _documents(self, u: _Unit, taken: set[int]) -> list[_Subject]:
        """Texts that say things: "la declaración señaló", "Il documento specifica", "the joint
        statement said", "deklaracja państw G7". In a language with articles the noun needs its
        article (one adjective may stand between: "the joint statement"), so "una bozza di
        dichiarazione" is one text, not two."""
        keys = self.pack.speaking_document_keys
        out: list[_Subject] = []
        for k in range(u.first, u.stop):
            tok = self.tokens[k]
            if tok.quoted or k in taken or not tok.keys & keys or not tok.text[:1].isalpha():
                continue
            first = k
            if self._articles:
                first = next(
                    (
                        j
                        for j in range(k - 1, max(u.first, k - 3) - 1, -1)
                        if _plain(self.tokens[j].text) in self._articles
                    ),
                    -1,
                )
                if first < 0 or self._gap_has(first, k, ",;:()" + _DASHES + '"«»“”„'):
                    continue
                if any(
                    j in taken or _plain(self.tokens[j].text) in self._obliques
                    for j in range(first, k)
                ):
                    continue  # "l'importanza del documento": the text is no subject
            if self.pack.capitalises_nouns and not tok.text[:1].isupper():
                continue  # "erklärung" inside a compound is no noun of its own
            out.append(_Subject("document", first, k, None, self._span(first, k)))
            taken.update(range(first, k + 1))
        return out

    def _issuer(self, subject: _Subject, subjects) -> _Subject | None:
        """Whose text or group it is: the speaker right after it, in the genitive or after "of"
        ("la declaración del G7", "заявления МИД ОАЭ", "les membres de la Coalition"), else one
        right before it ("the G7 leaders", "Українська сторона")."""
        kinds = {"person", "party", "institution", "joint", "group"}
        after = [
            s
            for s in subjects
            if s.kind in kinds
            and 0 < s.first - subject.last <= 3
            and all(
                _plain(self.tokens[j].text) in self._obliques | self._articles
                for j in range(subject.last + 1, s.first)
            )
            and not self._gap_has(subject.last, s.first, ",;:()" + _DASHES)
        ]
        if after:
            return min(after, key=lambda s: s.first)
        opener = self.tokens[subject.first].text
        if opener[:1].isupper() and _plain(opener) in self._articles:
            return None  # "… l'Ukraine Les participants": a sentence the page did not end
        return next(
            (
                s
                for s in subjects
                if s.kind in kinds
                and s.last == subject.first - 1
                and not self._gap_has(s.last, subject.first, ",;:()" + _DASHES)
            ),
            None,
        )

    def _owned_groups(self, found: list[_Subject]) -> list[_Subject]:
        """A group and the party it is of, after it, are one subject ("Les membres de la
        Coalition ont souligné", "I paesi del G7"): its value is that party."""
        out: list[_Subject] = []
        for s in found:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.kind == "group"
                and s.kind == "party"
                and s.first > prev.last
                and self._issuer(prev, [s]) is s
            ):
                out[-1] = _Subject("group", prev.first, s.last, s, self._span(prev.first, s.last))
                continue
            out.append(s)
        return out

    def _speaker_after(self, s: _Subject, subjects) -> bool:
        """A person, role or institution after a text that follows the verb: the text is the
        verb's object, the one after it speaks."""
        return any(
            o.first > s.last and o.kind in {"person", "role", "institution", "unknown"}
            for o in subjects
        )

    def _resolve_group(self, subject: _Subject, subjects) -> dict:
        """A group speaks for the one party it is of ("the G7 leaders", "les membres de la
        Coalition des volontaires", "I paesi del G7"): that party, with the group's words as
        the description. A group of no one party ("the two leaders") is its description."""
        owner = subject.value if isinstance(subject.value, _Subject) else None
        owner = owner or self._issuer(subject, subjects)
        if owner is not None and owner.kind == "party":
            first, last = min(subject.first, owner.first), max(subject.last, owner.last)
            return {
                "speaker_description": self._span(first, last),
                "party_hint": owner.value.target,
                "attribution": "group",
            }
        pair = self._pair_before(subject, subjects)
        if pair is not None:
            return {"speaker_description": f"{subject.text} ({pair.text})", "attribution": "group"}
        return {"speaker_description": subject.text, "attribution": "group"}

    def _pair_before(self, subject: _Subject, subjects) -> _Subject | None:
        """The pair a group of two stands for ("The two leaders", "обидва лідери"): the last
        joint speaker named before it, in its sentence or the three before."""
        duals = {w.lower() for w in self.pack.duals}
        first = max(subject.first - 1, 0)  # "Обидві сторони": the numeral before the noun
        if not any(self.tokens[k].text.lower() in duals for k in range(first, subject.last + 1)):
            return None
        n = bisect.bisect_right(self._unit_starts, self.tokens[subject.first].start) - 1
        for m in range(n, max(-1, n - 4), -1):
            found = subjects if m == n else self._subjects(self.units[m])
            pairs = [s for s in found if s.kind == "joint" and s.last < subject.first]
            if pairs:
                return pairs[-1]
        return None

    def _resolve_document(self, subject: _Subject, subjects, last_speaker) -> dict | None:
        """A text speaks for whoever issued it, when the sentence names them ("la declaración del
        G7": the G7; "заявление МИД ОАЭ": the ministry; "Zelensky's letter": Zelensky), else it
        is described as written ("the joint declaration"), for the analyst to attribute."""
        owner = self._issuer(subject, subjects)
        if owner is not None and owner.kind == "party" and owner.value.target[0] == "place":
            owner = None  # "la Déclaration de Paris", "the Istanbul communiqué": the venue's name
        if owner is not None and owner.kind != "group":
            resolved = self._resolve(owner, subjects, last_speaker)
            if resolved is not None:
                if owner.kind == "party":
                    first = min(subject.first, owner.first)
                    last = max(subject.last, owner.last)
                    resolved = {
                        "speaker_description": self._span(first, last),
                        "party_hint": owner.value.target,
                    }
                return {**resolved, "attribution": "document"}
        # "Der Ukraine solle geholfen werden …, heißt es darin", "según la declaración": the text
        # the statement just before spoke through
        n = bisect.bisect_right(self._unit_starts, self.tokens[subject.first].start) - 1
        recent = self._recent(n, within=4)  # a paragraph may come between it and the text
        if recent is not None and recent.get("speaker") is None:  # a person's text is named so
            return {**recent, "attribution": "document"}
        return {"speaker_description": subject.text, "attribution": "document"}

    def _resolve_serving(self, role: _Subject, subjects) -> dict:
        """A role that serves another ("a spokesperson for Ukraine's lead negotiator"): the
        speaker is described, not looked up as the party's own spokesperson."""
        inner = self._role_complement(role, subjects)
        phrase = self._role_phrase(role, subjects)
        start = self.text.find(phrase, max(0, self.tokens[role.first].start - len(phrase)))
        start = start if start != -1 else self.tokens[role.first].start
        phrase = self.text[start : self.tokens[inner.last].end]
        return {
            "role": "",
            "role_text": phrase,
            "party_hint": self._party_near(role, subjects),
            "speaker_description": phrase,
            "attribution": "role",
        }

    def _role_owner(self, role: _Subject, subjects) -> Hashable | None:
        """Whose role it is: "Zelensky's chief of staff", "помощник Путина", "il consigliere
        diplomatico di Putin"."""
        for s in subjects:
            if s.kind != "person":
                continue
            if 0 < s.first - role.last <= 3 and self._oblique_between(role.last, s.first):
                return s.value.target
            if s.value.possessive and 0 < role.first - s.last <= 4:
                return s.value.target
            genitive = self.lang in {"ru", "uk"} and _genitive_only(
                self.tokens[s.last].text, self.lang
            )
            if genitive and 0 < s.first - role.last <= 2:
                return s.value.target
        return None

    def _role_phrase(self, role: _Subject, subjects=()) -> str:
        """The role with the words that qualify it before it: "a senior Ukrainian official",
        "Putin's spokesman" (up to four words, within the clause), and the state it serves
        after it: "un diplomatico di Mosca", "an official from Kyiv", or its nationality
        adjective where the adjective follows the noun: "un haut responsable américain"."""
        last = role.last
        for s in subjects:
            if (
                s.kind == "demonym"
                and s.first == role.last + 1
                and not self._gap_has(role.last, s.first, ",;:()–—\n")
            ):
                last = s.last
                break
            if (
                s.kind == "party"
                and 2 <= s.first - role.last <= 3
                and _plain(self.tokens[role.last + 1].text) in self._obliques
                and not self._gap_has(role.last, s.first, ",;:()–—\n")
            ):
                last = s.last
                break
        first = role.first
        while first - 1 >= 0 and role.first - first < 4:
            prev = self.tokens[first - 1]
            gap = self.text[prev.end : self.tokens[first].start]
            if prev.quoted or "\n" in gap or any(ch in gap for ch in ',.;:!?«»"“”—–()'):
                break
            if self._match(self.pack.verb_set, first - 1):
                break
            if self.keys[first - 1] & self.pack.calendar_keys:
                break  # "dijo el lunes un funcionario": the day is not the role's
            first -= 1
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def _by_title(self, role: _Subject) -> Hashable | None:
        """ "The president said": the last person named earlier with that title next to the name
        ("President Vladimir Putin", "Lavrov, the foreign minister")."""
        pos = self.tokens[role.first].start
        for r in self._refs_before(pos):
            if r.end > pos or r.is_party:
                continue
            first = bisect.bisect_left(self.starts, r.start)
            last = bisect.bisect_left(self.starts, r.end) - 1
            for k in range(max(0, first - 4), min(len(self.tokens), last + 7)):
                if first <= k <= last or role.first <= k <= role.last:
                    continue
                p = self._match(self.pack.role_set, k)
                if p is not None and (p.value == role.value or role.value in p.value.split()):
                    return r.target
        return None

    def _person_near(self, role: _Subject, subjects) -> Hashable | None:
        """'Foreign Minister Sergey Lavrov', 'Lavrov, the foreign minister': the named holder."""
        for s in subjects:
            if s.kind != "person":
                continue
            gap_after = s.first - role.last
            gap_before = role.first - s.last
            if gap_after > 0 and self._inner_appositive(s, subjects) is role:
                continue  # the name is the inner role's ("del presidente ruso, Vladímir Putin")
            if (
                0 < gap_after <= 4
                and not (
                    self.lang in {"ru", "uk"}
                    and _genitive_only(self.tokens[s.last].text, self.lang)
                )
                and not self._oblique_between(role.last, s.first)
                # "I funzionari hanno affermato che Trump …": a name past the verb of saying
                # or its complementiser is in what was said, no holder of the role
                and not any(
                    self._match(phrases, k)
                    for k in range(role.last + 1, s.first)
                    for phrases in (self.pack.verb_set, self.pack.complementiser_set)
                )
            ):
                return s.value.target
            if 0 < gap_before <= 2 and not s.value.possessive:
                between = self.text[self.tokens[s.last].end : self.tokens[role.first].start]
                if "," in between:
                    return s.value.target
        return None

    def _party_near(self, subject: _Subject, subjects) -> Hashable | None:
        """A party named with a role: "Ukraine's foreign minister", "глава МИД России",
        "le président français" (a demonym gives the party's slug: ("slug", "france"))."""
        for s in subjects:
            if s.kind in {"party", "demonym"} and (
                0 < subject.first - s.last <= 3
                or 0 < s.first - subject.last <= 3
                or subject.first < s.first <= s.last < subject.last  # "ministre russe des …"
            ):
                return s.value.target if s.kind == "party" else ("slug", s.value)
        return None

    def _antecedent(self, subject: _Subject, last_speaker) -> Hashable | None:
        """ "He added": the last speaker, unless a person was named after that statement's
        sentence outside what was said ("..., Nuland said. ... In May, she revealed ..."). A
        name in the attribution's own sentence is not the speaker's successor ("Он также
        подтвердил заявление Умерова, что … По его словам, …": he is still the speaker)."""
        pos = self.tokens[subject.first].start
        spoke_at, speaker = last_speaker[-1] if last_speaker else (-1, None)
        for r in self._refs_before(pos):
            if r.end > pos or r.is_party or r.possessive:
                continue
            if r.start < spoke_at:
                break
            if self._quoted_at(r.start):
                continue  # "«Президент Володимир Зеленський … дав завдання …», — сказала вона"
            if any(
                self._inside_words(r.start, start, end, said)
                for start, end, said in self._said_around(r.start)
            ):
                continue
            if self._in_heading(r.start):
                continue  # "Європа, Зеленський і компроміс": a subheading names, it does not act
            if self.lang in PYMORPHY_LANGS and all(
                _genitive_only(self.tokens[k].text, self.lang)
                for k in range(
                    bisect.bisect_left(self.starts, r.start),
                    bisect.bisect_left(self.starts, r.end),
                )
            ):
                continue  # "з боку президента Володимира Зеленського": not who speaks next
            target = self._sentence_subject(r, pos)
            if target is None:
                continue  # "Zelensky's discussion with Macron …": Macron is no one's "he"
            return target
        return speaker

    def _sentence_subject(self, r: PersonRef, pos: int) -> Hashable | None:
        """Where the subject comes first, "he" in the next sentence is who the sentence of the
        last name was about, its first person outside a prepositional phrase, not the last one
        named ("Witkoff met Putin for five hours. “…,” he said.": Witkoff); None when the last
        name is itself after a preposition ("Zelensky's discussion with Macron focused on …")."""
        if not self.pack.subject_first:
            return r.target
        n = bisect.bisect_right(self._unit_starts, r.start) - 1
        u = self.units[n]
        if pos < u.end:
            return r.target  # the pronoun's own sentence
        if self._oblique(bisect.bisect_left(self.starts, r.start), u):
            return None
        for k in range(bisect.bisect_left(self._ref_starts, u.start), len(self.refs)):
            o = self.refs[k]
            if o.start >= r.start:
                break
            if o.is_party or o.possessive:
                continue
            first = bisect.bisect_left(self.starts, o.start)
            if self.tokens[first].quoted or self._oblique(first, u):
                continue
            if any(
                self._inside_words(o.start, start, end, said)
                for start, end, said in self._said_around(o.start)
            ):
                continue
            return o.target
        return r.target

    def _unnamed_antecedent(self, subject: _Subject, last_speaker) -> dict | None:
        """ "…, a dit un haut responsable américain. «…», a-t-il insisté": he is the unnamed
        official of the sentence before, not a person named before him, unless someone was
        named (outside what was said) since that statement."""
        if self._last is None:
            return None
        n_last, speaker = self._last
        if speaker["speaker"] is not None or not speaker["role"]:
            return None
        end = self.units[n_last].end
        pos = self.tokens[subject.first].start
        n = bisect.bisect_left(self._unit_ends, pos)
        if pos < end or n - n_last > 2:
            return None
        if last_speaker and last_speaker[-1][0] >= end:
            return None
        for r in self._refs_before(pos):
            if r.start < end:
                break
            if r.is_party or r.possessive or r.end > pos:
                continue
            if not any(
                self._inside_words(r.start, start, e, said)
                for start, e, said in self._said_around(r.start)
            ):
                return None
        return {**speaker, "attribution": "pronoun"}

    def _quoted_at(self, pos: int) -> bool:
        """Whether the word at ``pos`` is inside quotation marks: what was said, not who."""
        i = bisect.bisect_left(self.starts, pos)
        return i < len(self.tokens) and self.tokens[i].start == pos and self.tokens[i].quoted

    def _said_around(self, pos: int) -> list[tuple[int, int, str]]:
        """The statements read so far whose words can cover ``pos`` (they start before it, at
        most the longest reach away)."""
        lo = bisect.bisect_left(self._said, (pos - self._said_reach,))
        hi = bisect.bisect_left(self._said, (pos + 1,))
        return self._said[lo:hi]

    def _in_heading(self, pos: int) -> bool:
        """Whether the position is in a heading: a short paragraph of its own without a
        sentence's final punctuation."""
        i = bisect.bisect_right(self._unit_starts, pos) - 1
        if i < 0:
            return False
        u = self.units[i]
        alone = all(
            o.paragraph != u.paragraph for o in self.units[max(0, i - 1) : i + 2] if o is not u
        )
        text = self.text[u.start : u.end].rstrip()
        return alone and u.stop - u.first <= 8 and text[-1:] not in '.!?…:;"»”“'

    def _inside_words(self, pos: int, start: int, end: int, said: str) -> bool:
        at = self.text.find(said[:40], start, end) if said else -1
        return at != -1 and at <= pos < at + len(said)

    def _make(self, u, body, kind, resolved, quotes, start=None) -> Candidate | None:
        body = _clean(body)
        if len(body.split()) < MIN_WORDS:
            return None
        return Candidate(
            speaker=resolved.get("speaker"),
            speaker_party=resolved.get("speaker_party"),
            speaker_description=resolved.get("speaker_description", ""),
            text=body,
            kind=kind,
            start=u.start if start is None else start,
            end=u.end,
            attribution=resolved.get("attribution", ""),
            quotes=list(quotes),
            role=resolved.get("role", ""),
            role_text=resolved.get("role_text", ""),
            party_hint=resolved.get("party_hint"),
            party_slug=resolved.get("party_slug", ""),
            role_owner=resolved.get("role_owner"),
            unknown_name=resolved.get("unknown_name", ""),
        )

    def _quoted_body(self, quotes) -> str:
        long = [(a, b) for a, b in quotes if len(self.text[a:b].split()) >= MIN_WORDS]
        return " ".join(_clean(self.text[a:b]) for a, b in long)

    def _frame_candidate(self, u, quotes, i, subject, last_speaker) -> Candidate | None:
        resolved = self._resolve(subject, self._subjects(u), last_speaker)
        if resolved is None:
            return None
        frame_start = self.tokens[i].start
        if self._quoted_body(quotes) and self._mostly_quoted(
            u, quotes, frame_start, self.tokens[subject.last].end
        ):
            return self._make(u, self._quoted_body(quotes), "direct_quote", resolved, quotes)
        subj_end = self.tokens[subject.last].end
        lead = self.text[u.start : frame_start]
        # "According to X, ...", and after a connective: "Також, за словами Віткоффа, ...",
        # "Inoltre, secondo X, ...": words too few to be what was said
        if frame_start - u.start < 3 or (
            len(WORD_RE.findall(lead)) < MIN_WORDS and lead.rstrip().endswith(",")
        ):
            body = self._after_frame_speaker(u, subject, subj_end)
        else:  # "..., according to X."
            body = self.text[u.start : frame_start]
        resolved["attribution"] = resolved.get("attribution", "") or "frame"
        return self._make(u, body, "paraphrase", resolved, quotes)

    def _after_frame_speaker(self, u: _Unit, subject: _Subject, subj_end: int) -> str:
        """What a frame at the sentence's start introduces: after the comma that closes its
        speaker ("По словам Пескова, …"), or, where no comma follows the speaker's words (a
        role, an institution, a name next to one another), the rest of the sentence after them
        ("Zdaniem ministra należy …", "Według niego dopiero wtedy możliwe będą negocjacje, …")."""
        last = subject.last
        for s in self._subjects(u):
            if last < s.first <= last + 2 and not self._gap_has(last, s.first, ",;:()"):
                last = s.last
        comma = self.text.find(",", subj_end, u.end)
        if comma != -1 and self._closes_frame(last, comma):
            return self.text[comma + 1 : u.end]
        return self.text[self.tokens[last].end : u.end] if last + 1 < u.stop else ""

    def _closes_frame(self, last: int, comma: int) -> bool:
        """Whether the comma after a frame's speaker (token ``last``) closes the frame: nothing in
        between, a name not known ("Zdaniem … Scotta Besenta,"), the frame's own verb ("Wie
        Selenskyj am Abend mitteilte,") or a circumstance opened by a preposition ("Jak
        podkreślił X w rozmowie z RMF,", "По словам Пескова в интервью,"); not the words said
        ("Zdaniem ministra należy zmusić Rosję, aby …")."""
        lo = last + 1
        hi = bisect.bisect_left(self.starts, comma)
        if lo >= hi:
            return True
        words = [self.tokens[k].text for k in range(lo, hi)]
        if len(words) <= 3 and all(w[:1].isupper() for w in words):
            return True
        if any(self._match(self.pack.verb_set, k) for k in range(lo, hi)):
            return True
        first = words[0]
        if self._match(self.pack.negation_set, lo):
            return False
        return _plain(first) in self._obliques or (first.islower() and len(first) <= 3)

    def _verb_candidate(self, n, u, quotes, v, v_last, subject, subjects, resolved):
        if resolved is None:
            return None
        group_first = min(v, subject.first)
        # "teilte am Abend mit, …": the particle closes the attribution
        group_last = max(v_last, subject.last, self._particles.get(v, v))
        # words of the attribution that belong to it: channel phrases, roles next to it
        for s in subjects:
            if (
                s is not subject
                and (
                    (
                        0 < group_first - s.last <= 2
                        and not self._gap_has(s.last, group_first, ",;:" + _DASHES)
                    )
                    or (
                        0 < s.first - group_last <= 2
                        and (
                            s.kind in {"role", "demonym"}
                            or not self._gap_has(group_last, s.first, ",;:" + _DASHES)
                        )
                    )
                )
                and s.kind in {"role", "party", "person", "institution", "demonym"}
                and not any(
                    self._match(self.pack.complementiser_set, k)
                    for k in range(min(group_last, s.last), max(group_first, s.first))
                )
                and not (s.first > group_last and self._opens_clause(s, u))
            ):
                group_first, group_last = min(group_first, s.first), max(group_last, s.last)
        group_last = max(group_last, self._addressee_end(v, v_last, u, subjects))
        body_q = self._quoted_body(quotes)
        if body_q and self._mostly_quoted(
            u, quotes, self.tokens[group_first].start, self.tokens[group_last].end
        ):
            return self._make(u, body_q, "direct_quote", resolved, quotes)
        text = self.text
        # reported clause after a complementiser close to the verb ("said that", "expressed
        # optimism, stating that")
        for k in range(
            group_last + 1, min(group_last + self._complement_reach(group_last, u), u.stop)
        ):
            if self.tokens[k].quoted:
                break
            if self._match(self.pack.complementiser_set, k):
                return self._make(
                    u, text[self.tokens[k].end : u.end], "paraphrase", resolved, quotes
                )
        group_start = self.tokens[group_first].start
        group_end = self.tokens[group_last].end
        if n > 0 and self._points_back(u, group_first, group_last):
            # "Lo ha detto il presidente ... al termine dell'incontro", "Про це заявив X під час
            # ...", "– заявив президент.": the words said are the sentences before
            return self._previous(n, u, resolved)
        group_start = min(group_start, self.tokens[self._title_of(subject, subjects)].start)
        after = text[group_end : u.end]
        if (
            after.rstrip().endswith(":")
            and len(WORD_RE.findall(after)) <= 5
            and not self._quotes_in(self.tokens[group_last].end, u.end)
            and n + 1 < len(self.units)
        ):  # "declaró:", "ha dichiarato ai giornalisti:": the words said come next
            return self._following(n, u, resolved)
        before = text[u.start : group_start]
        if group_first == v and self._auxiliary_before(v, u):
            # "…, ha riferito un rappresentante …": the auxiliary is the verb's, not what was said
            before = text[u.start : self.tokens[v - 1].start]
        words_after = len(WORD_RE.findall(after))
        words_before = len(WORD_RE.findall(before))
        colon = after.lstrip(" ,")[:1] == ":"
        if colon and words_after >= MIN_WORDS:
            return self._make(u, after.lstrip(" ,:"), "paraphrase", resolved, quotes)
        before = self._trim_appositive(before, u, subjects)
        words_before = len(WORD_RE.findall(before))
        lead_in = (
            subject.first < v
            and words_before <= 8
            and words_after >= 6
            and not quotes
            and self._circumstance(u.first)
        )  # "In a sign of warming relations, Trump said he intends to ...": a lead-in, not words
        lead_in = lead_in or self._lead_in(u, subject, v, group_last, quotes)
        if (
            words_before >= 4
            and not lead_in
            and (words_after <= 3 or before.rstrip()[-1:] in ",:" + _DASHES)
        ):
            return self._make(u, _strip_tail(before), "paraphrase", resolved, quotes)
        if words_before <= 3 and words_after <= 4 and n > 0:
            # "Об этом заявил Песков." / "This was said by ...": the sentence before
            if any(self._anaphor_at(k) for k in range(u.first, u.stop)):
                return self._previous(n, u, resolved)
            return None
        if words_after >= 4:
            return self._make(u, after.lstrip(" ,:" + _DASHES), "paraphrase", resolved, quotes)
        if words_before >= 4:
            return self._make(u, _strip_tail(before), "paraphrase", resolved, quotes)
        return None

    def _complement_reach(self, group_last: int, u: _Unit) -> int:
        """How far after the attribution its complementiser may come: ten words, or up to
        eighteen while no punctuation parts them ("told reporters just before 5 p.m. Abu Dhabi
        time (1300 GMT) that ...": a time, a place, a channel, all in the one clause)."""
        reach = 10
        for k in range(group_last + 1, min(group_last + 18, u.stop)):
            if self._gap_has(k - 1, k, ",;:\n" + _DASHES) or self._match(self.pack.verb_set, k):
                break
            reach = k - group_last + 1
        return max(reach, 10)

    def _opens_clause(self, s: _Subject, u: _Unit) -> bool:
        """In a language whose subject comes first, a name after the verb that its own words
        follow ("said Vladimir Putin wants a deal", "said Putin's demands were …") is the
        reported clause's subject; one that ends the clause or is followed by a circumstance
        ("said Rubio.", "said Rubio on Sunday", "said Rubio, the secretary of state") is the
        verb's."""
        if not self.pack.subject_first:
            return False
        if s.kind == "person" and s.value.possessive:
            return True
        k = s.last + 1
        if k >= u.stop or self.tokens[k].quoted:
            return False
        if self._gap_has(s.last, k, ',.;:()"“”«»' + _DASHES):
            return False
        return not self._circumstance(k)

    def _lead_in(self, u: _Unit, subject: _Subject, v: int, group_last: int, quotes) -> bool:
        """ "Speaking to Trump, Umerov said the deal was close.", "In a call with Trump on
        Sunday, Umerov said …": where the subject comes first, the words before the subject's
        comma are a circumstance when the verb goes on with what was said (not with a
        circumstance: "The talks were productive, Umerov said on Sunday in Geneva.")."""
        if not self.pack.subject_first or quotes or subject.first > v:
            return False
        nxt = group_last + 1
        if subject.first == u.first or nxt >= u.stop or self._circumstance(nxt):
            return False
        if self._gap_has(group_last, nxt, ",;:" + _DASHES):
            return False
        return self._gap_has(subject.first - 1, subject.first, ",") and u.stop - nxt >= 3

    def _anaphor_at(self, k: int) -> Phrase | None:
        """An anaphor at word k; one of a single word is matched as written, since its lemma may
        be an article's ("el" and "lo" share the lemma "el": "También el presidente" points to
        nothing before)."""
        p = self._match(self.pack.anaphor_set, k)
        if p is None or len(p.words) > 1:
            return p
        return p if self.tokens[k].text.lower() == p.text.lower() else None

    def _auxiliary_before(self, v: int, u: _Unit) -> bool:
        """The perfect's auxiliary right before the verb ("ha riferito", "a ajouté", "ha
        señalado"), so the attribution starts with it and the words said end before it."""
        aux = self.pack.auxiliary
        if not aux or v - 1 < u.first or self.tokens[v - 1].quoted:
            return False
        if self._gap_has(v - 1, v, ",;:" + _DASHES):
            return False
        return bool(self.keys[v - 1] & frozenset(lemmas(aux, self.lang)))

    def _anaphor_after(self, u: _Unit, group_last: int) -> bool:
        """ "Peskov declaró esto hoy en respuesta a …", "l'ha detto questo": the object of the
        verb of saying is an anaphor, so what was said is before (a colon or a complementiser
        after it points forward, checked by the caller)."""
        k = group_last + 1
        if k >= u.stop or self.tokens[k].quoted or self._gap_has(group_last, k, ",;:"):
            return False
        p = self._match(self.pack.anaphor_set, k)
        if p is None:
            return False
        nxt = k + len(p.words)
        written = self.text[self.tokens[k].start : self.tokens[nxt - 1].end]
        if written.lower() != p.text.lower():
            return False  # as written: "este acuerdo" is a determiner, not the pronoun "esto"
        return nxt >= u.stop or not self._gap_has(nxt - 1, nxt, ":")

    def _points_back(self, u: _Unit, group_first: int, group_last: int) -> bool:
        """The attribution opens its sentence and points to what was said before: an anaphor
        just before it ("Lo ha detto", "Про це заявив", "Das sagte"; after a lead such as "Як
        передає RegioNews,"), or a dialogue dash and nothing else ("– заявив президент.")."""
        for k in range(group_last + 1, min(group_last + 3, u.stop)):
            if self._match(self.pack.complementiser_set, k) or self._gap_has(k - 1, k, ":"):
                return False  # "Об этом заявил X, добавив, что ...": what follows is said
        lead = self.text[u.start : self.tokens[group_first].start]
        if lead.strip() in _DASHES and u.stop - group_last <= 4:
            return True
        if self._anaphor_after(u, group_last):
            return True
        for k in range(max(u.first, group_first - 3), group_first):
            p = self._anaphor_at(k)
            if p is None or k + len(p.words) != group_first:
                continue
            before = self.text[u.start : self.tokens[k].start]
            return len(WORD_RE.findall(before)) <= 1 or before.rstrip().endswith(",")
        # "Про це під час Години запитань до уряду ... повідомила X.": the anaphor opens the
        # sentence, circumstances come between, and the attribution closes it
        # (no comma in between: "Estas serían esenciales …, dijo." says its own words)
        return (
            self._anaphor_at(u.first) is not None
            and u.stop - group_last <= 3
            and not self._gap_has(u.first, group_last, ",;:")
        )

    def _previous(self, n: int, u: _Unit, resolved) -> Candidate | None:
        """The statement of the sentence before (its quotations, else its words); the whole
        paragraph before when the attribution opens a new one."""
        prev = self.units[n - 1]
        if any(start == prev.start for start, _end, _said in self._said_around(prev.start)):
            return None  # "Об этом он сказал в эфире Fox News": already read
        first = n - 1
        if prev.paragraph != u.paragraph:
            while (
                first > 0
                and self.units[first - 1].paragraph == prev.paragraph
                and not any(
                    start == self.units[first - 1].start
                    for start, _e, _s in self._said_around(self.units[first - 1].start)
                )
            ):
                first -= 1
            if (
                first > 0
                and self.units[first - 1].paragraph == prev.paragraph
                and self._last is not None
                and self._last[0] == first - 1
                and self._last[1]["speaker"] is not None
                and self._last[1]["speaker"] == resolved.get("speaker")
            ):
                # "Зеленський сказав, що … До складу коаліції входять 30 країн.\n\nПро це
                # глава держави сказав …": the paragraph's statement, read already, is what the
                # anaphor points to; the sentence after it is the writer's
                return None
        start = self.units[first].start
        prev_quotes = self._quotes_in(start, prev.end)
        body = self._quoted_body(prev_quotes) or self.text[start : prev.end]
        kind = "direct_quote" if self._quoted_body(prev_quotes) else "paraphrase"
        return self._make(u, body, kind, resolved, prev_quotes, start=start)

    def _following(self, n: int, u: _Unit, resolved) -> Candidate | None:
        """ "El líder de la delegación rusa, Vladímir Medinski, declaró:" ends its sentence with
        a colon: the words said are the next sentence (its quotations, else its words)."""
        nxt = self.units[n + 1]
        quotes = self._quotes_in(nxt.start, nxt.end)
        body = self._quoted_body(quotes) or self.text[nxt.start : nxt.end]
        kind = "direct_quote" if self._quoted_body(quotes) else "paraphrase"
        cand = self._make(u, body, kind, resolved, quotes)
        if cand is not None:
            cand.end = nxt.end
            self._read_ahead = nxt.end
        return cand

    def _mostly_quoted(self, u: _Unit, quotes, attr_start: int, attr_end: int) -> bool:
        """The sentence is a quotation plus its attribution: at most six other words (else it
        is reported speech that quotes a phrase, and the whole clause is what was said)."""
        for a, b in quotes:  # «…», — заявил X / X said: “…”: the quotation touches the attribution
            if 0 <= attr_start - b <= 4 or 0 <= a - attr_end <= 3:
                return True
            gap = self.text[b:attr_start]
            if 0 <= len(gap) <= 16 and len(WORD_RE.findall(gap)) <= 2 and gap.lstrip()[:1] == ",":
                return True  # "“…”, ha poi aggiunto Zelensky": an auxiliary in between
        spans = [*list(quotes), (attr_start, attr_end)]
        other = [
            t for t in self.tokens[u.first : u.stop] if not any(a <= t.start < b for a, b in spans)
        ]
        return len(other) <= 6

    def _trim_appositive(self, before: str, u: _Unit, subjects) -> str:
        """Drop a trailing ", an aide to the president," that belongs to the speaker."""
        while True:
            stripped = before.rstrip().rstrip(",")
            cut = stripped.rfind(", ")
            if cut == -1:
                return self._leading_role(before, u, subjects)
            segment = stripped[cut + 2 :]
            lo = u.start + cut + 2
            hi = u.start + len(stripped)
            has_role = any(
                s.kind in {"role", "institution"} and lo <= self.tokens[s.first].start < hi
                for s in subjects
            )
            if not has_role or len(segment.split()) > 8:
                return before
            before = stripped[:cut]

    def _leading_role(self, before: str, u: _Unit, subjects) -> str:
        """ "El presidente de Rusia, Vladimir Putin, ha prometido …": a role that opens the
        sentence as the speaker's appositive is not what was said ("" then)."""
        words = WORD_RE.findall(before)
        if not words or len(words) > 8 or not before.rstrip().endswith(","):
            return before
        hi = u.start + len(before.rstrip().rstrip(","))
        inside = [s for s in subjects if self.tokens[s.first].start < hi]
        starts_role = bool(inside) and inside[0].kind in {"role", "institution"}
        if not starts_role or inside[0].first > u.first + 1:
            return before
        # the rest of the segment qualifies the role: "de Rusia", "ruso", "del Kremlin"
        rest = {s.kind for s in inside[1:]}
        return "" if rest <= {"party", "demonym", "institution"} else before

    def _continuation(self, out: list[Candidate], u: _Unit, quotes) -> None:
        """A sentence that is only a quotation continues the previous speaker's quotation."""
        if not out or not quotes:
            return
        u_text = self.text[u.start : u.end]
        quoted = sum(b - a for a, b in quotes)
        if quoted < 0.85 * len(u_text.strip()):
            return
        prev = out[-1]
        if prev.kind != "direct_quote" or u.start - prev.end > 400:
            return
        if self.text[prev.end : u.start].count("\n") > 2:
            return
        prev.text = prev.text + " " + " ".join(_clean(self.text[a:b]) for a, b in quotes)
        prev.end = u.end
        prev.quotes.extend(quotes)

    # --- channel and date ----------------------------------------------------------------

    def _outside(self, u: _Unit, cand: Candidate):
        """Token indexes of the unit outside the quotations and outside the reported words."""
        body = cand.text
        pos = self.text.find(body[:40], u.start, u.end) if body else -1
        lo, hi = (pos, pos + len(body)) if pos != -1 and cand.kind == "paraphrase" else (0, 0)
        for i in range(u.first, u.stop):
            t = self.tokens[i]
            if t.quoted or lo <= t.start < hi:
                continue
            yield i

    def _channel(self, u: _Unit, cand: Candidate) -> tuple[str, str]:
        for i in self._outside(u, cand):
            p = self._match(self.pack.channel_set, i)
            if p is not None:
                last = i + len(p.words) - 1
                return p.value, self._span(i, last)
        return "unknown", ""

    def _date(self, u: _Unit, cand: Candidate, published: dt.date) -> ResolvedDate | None:
        outside = list(self._outside(u, cand))
        if not outside:
            return None
        if self.lang == "en":
            lo, hi = self.tokens[outside[0]].start, self.tokens[outside[-1]].end
            masked = _mask_spans(self.text, lo, hi, self._inside_spans(u, cand))
            for d in find_dates(masked, published):
                return ResolvedDate(d.date, d.precision, d.phrase, d.start + lo, d.end + lo)
            return None
        return self._pack_date(outside, published)

    def _inside_spans(self, u: _Unit, cand: Candidate) -> list[tuple[int, int]]:
        spans = self._quotes_in(u.start, u.end)
        if cand.kind == "paraphrase" and cand.text:
            pos = self.text.find(cand.text[:40], u.start, u.end)
            if pos != -1:
                spans.append((pos, pos + len(cand.text)))
        return spans

    def _pack_date(self, outside: list[int], published: dt.date) -> ResolvedDate | None:
        months = self.pack.month_keys
        weekdays = self.pack.weekday_keys
        allowed = set(outside)
        for i in outside:
            month = next((months[k] for k in self.keys[i] if k in months), None)
            if month is not None and i - 1 in allowed and self.tokens[i - 1].text.isdigit():
                day = int(self.tokens[i - 1].text)
                year = published.year
                if i + 1 < len(self.tokens) and re.fullmatch(
                    r"(19|20)\d\d", self.tokens[i + 1].text
                ):
                    year = int(self.tokens[i + 1].text)
                elif (month, day) > (published.month, published.day):
                    year -= 1
                try:
                    day_date = dt.date(year, month, day)
                except ValueError:
                    continue
                t0, t1 = self.tokens[i - 1].start, self.tokens[i].end
                return ResolvedDate(day_date, DAY, self.text[t0:t1], t0, t1)
            weekday = next((weekdays[k] for k in self.keys[i] if k in weekdays), None)
            if weekday is not None:
                back = (published.weekday() - weekday) % 7
                t = self.tokens[i]
                return ResolvedDate(
                    published - dt.timedelta(days=back), DAY, t.text, t.start, t.end
                )
        return None


def _speaker_of(cand: Candidate) -> dict:
    """The speaker fields of a statement, to give to the next one that drops its subject."""
    return {
        "speaker": cand.speaker,
        "speaker_party": cand.speaker_party,
        "speaker_description": cand.speaker_description,
        "role": cand.role,
        "role_text": cand.role_text,
        "party_hint": cand.party_hint,
        "party_slug": cand.party_slug,
        "role_owner": cand.role_owner,
        "unknown_name": cand.unknown_name,
    }


def _mask_spans(text: str, lo: int, hi: int, spans) -> str:
    chars = list(text[lo:hi])
    for a, b in spans:
        for k in range(max(a - lo, 0), min(b - lo, len(chars))):
            chars[k] = " "
    return "".join(chars)


def _genitive(word: str, lang: str) -> bool:
    return "gent" in cases(word, lang)


def _genitive_only(word: str, lang: str) -> bool:
    found = cases(word, lang)
    return bool(found) and "nomn" not in found


def _participle_forms(participle: str) -> frozenset[str]:
    """A regular participle and its feminine and plural ("publié", "publiée", "publiés";
    "firmato", "firmata", "firmati"; "publicado", "publicadas")."""
    forms = {participle, participle + "e", participle + "s", participle + "es"}
    if participle.endswith("o"):
        forms |= {participle[:-1] + end for end in ("a", "i", "e", "os", "as")}
    return frozenset(forms)


def _plain(word: str) -> str:
    """A word as pack lists write it: lower case, straight apostrophe (sull’ -> sull')."""
    return word.lower().replace("’", "'")


def _clean(value: str) -> str:
    value = value.strip().strip(_QUOTE_CHARS).strip()
    value = re.sub(r"\s+", " ", value)
    return value.rstrip(",;:–— -").strip()


def _strip_tail(before: str) -> str:
    return before.rstrip().rstrip(",:;" + _DASHES).rstrip()


def extract_statements(
    text: str, pack: LanguagePack, refs: list[PersonRef], published: dt.date | None
) -> list[Candidate]:
    """The statements of an article's text, read with its language's pack."""
    return Reader(text, pack, refs).read(published)


def talk_score(text: str, pack: LanguagePack) -> int:
    """How many words of negotiation the text has (the pack's talk terms)."""
    return len(talk_positions(text, pack.code))


@lru_cache(maxsize=16)
def talk_positions(text: str, lang: str) -> frozenset[int]:
    """The word indexes (``morph.tokenise``) where a talk term of the language's pack starts."""
    _words, keys = tokenise(text, lang)
    talk_set = pack_for(lang).talk_set
    return frozenset(i for i in range(len(keys)) if talk_set.match_at(keys, i))
