"""Who said what: statements found in news text by attribution patterns.

Handles direct quotes ("“...,” Yermak said"), quotes split around the attribution, reported
speech ("X said (that) ...", "X told journalists ...", "X wrote on Telegram ...", "according to
X, ..."), a quote-only sentence continuing the previous speaker's quote, and references to a
person named earlier: pronouns ("he added") and titles ("the presidential aide", "the minister").
The caller supplies the people found in the text (``PersonRef``) and the publication date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Hashable
from dataclasses import dataclass, field

from negotiations.text.dates import ResolvedDate, find_dates
from negotiations.text.sentences import split_sentences

REPORTING_VERBS = (
    "said|says|say|told|tells|added|adding|wrote|writes|posted|stated|stating|claimed|"
    "claims|described|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|highlighted|mentioned|implied|"
    "urged|warned|reiterated|announced|clarified|revealed|confirmed|noted|insisted|argued|"
    "explained|restated|declared|pledged|promised|suggested|acknowledged|admitted|denied|"
    "expressed|assured|predicted|vowed|asserted|maintained|maintain|maintains"
)
_VERB_RE = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
_NEGATION_RE = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|would not|declined to|refused to|without)\s+$", re.I
)
_PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+$", re.I)
_FILLER = (
    r"(?:(?:also|then|later|previously|again|further|had|has|have|repeatedly|once|however,?|"
    r"earlier|separately|[a-z]+ly),?\s+)*"
)
_PRONOUN_RE = re.compile(rf"\b(he|she|He|She)\s+{_FILLER}$")
ROLE_NOUNS = (
    "aide|minister|president|spokesman|spokeswoman|spokesperson|adviser|advisor|official|"
    "diplomat|envoy|secretary|chancellor|premier|ambassador|chief of staff|chief|leader|head|"
    "negotiator|general|commander|prime minister|foreign minister"
)
_TITLE_RE = re.compile(rf"\b[Tt]he\s+((?:[\w-]+\s+){{0,3}}?)({ROLE_NOUNS})\s+{_FILLER}$")
_DESCRIPTION_RE = re.compile(
    rf"(?:^|,\s+|[”\"]\s*)((?:a|an|the|(?:[A-Z][\w-]*\s+){{0,3}}[A-Z][\w-]*['’]s)\s+"
    rf"(?:[\w’'-]+\s+){{0,5}}?"
    rf"(?:{ROLE_NOUNS}|source|sources|officials|department|ministry|office|kremlin|government))"
    rf"\s+{_FILLER}$",
    re.I,
)
_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\s+")
_CUE_RE = re.compile(rf"\b(?:{REPORTING_VERBS})\b|\b[Aa]ccording to\b|\b[Tt]elegram\b|\binterview")
_QUOTE_RE = re.compile(r"“[^“”]{2,}?(?:”|$)|\"[^\"]{2,}?\"|«[^«»]{2,}?»", re.M)

CHANNEL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("telegram", re.compile(r"\bTelegram\b[\w\s-]{0,30}")),
    (
        "told_journalists",
        re.compile(r"\btold (?:journalists|reporters|the press|media|a news conference)\b", re.I),
    ),
    ("interview", re.compile(r"\binterview(?: with [A-Z][\w.-]*(?: [A-Z][\w.-]*)*)?", re.I)),
    ("press_briefing", re.compile(r"\b(?:press |news )?briefing\b", re.I)),
    ("press_conference", re.compile(r"\b(?:press|news) conference\b", re.I)),
    ("speech", re.compile(r"\b(?:in a|his|her|a) speech\b|\baddress(?:ing)? (?:to )?\b", re.I)),
    (
        "social_media",
        re.compile(r"\b(?:on|in a post on) (?:X|Twitter|Facebook|Instagram)\b|\btweet(?:ed)?\b"),
    ),
    (
        "official_statement",
        re.compile(r"\b(?:in a statement|statement (?:published|posted|issued)|website)\b", re.I),
    ),
]


@dataclass(frozen=True)
class PersonRef:
    start: int
    end: int
    target: Hashable
    possessive: bool = False
    is_party: bool = False


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
    attribution: str = ""  # how the speaker was found: name, pronoun, title, description
    quotes: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Unit:
    start: int
    end: int
    paragraph: int


def _units(text: str) -> list[_Unit]:
    """Sentences, merged where a sentence boundary falls inside a quotation."""
    quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
    units: list[_Unit] = []
    for s in split_sentences(text):
        if units:
            prev = units[-1]
            inside = any(q0 < s.start < q1 and q0 >= prev.start for q0, q1 in quotes)
            if inside and prev.paragraph == s.paragraph:
                prev.end = s.end
                continue
        units.append(_Unit(s.start, s.end, s.paragraph))
    return units


def _mask(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(a - offset, 0), min(b - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _clean(value: str) -> str:
    value = value.strip().strip('“”"«»').strip()
    value = re.sub(r"\s+", " ", value)
    return value.rstrip(",;:–— ").strip()


def _trim_speaker_phrase(lead: str) -> int:
    """End of the content before a post-posed speaker: drop appositives like ', an aide to X,'."""
    end = len(lead.rstrip(",–— "))
    while True:
        cut = lead.rfind(", ", 0, end)
        if cut == -1:
            return end
        segment = lead[cut + 2 : end]
        if re.match(r"(?:a|an|the)\s", segment) and len(segment.split()) <= 8:
            end = cut
            continue
        return end


def _context(text: str, ref: PersonRef, lo: int) -> str:
    before = text[max(lo, ref.start - 90) : ref.start]
    after = text[ref.end : ref.end + 70]
    m = re.match(r"(?:['’]s)?,\s+([^,.;“\"]{3,60}),", after)
    return (before + " " + (m.group(1) if m else "")).lower()


class _People:
    """People mentioned so far, for pronoun and title references."""

    def __init__(self, text: str, refs: list[PersonRef], unit_bounds: list[_Unit], roles):
        self.refs = sorted((r for r in refs if not r.is_party), key=lambda r: r.start)
        self.contexts = {}
        starts = [u.start for u in unit_bounds]
        for r in self.refs:
            i = bisect.bisect_right(starts, r.start) - 1
            lo = starts[i] if i >= 0 else 0
            self.contexts[r] = _context(text, r, lo) + " " + " ".join(roles.get(r.target, ()))
        self.resolved: list[tuple[int, Hashable]] = []  # (position, target) of speakers
        self.reported: list[tuple[int, int]] = []  # spans of what was said: not antecedents

    def before(self, pos: int) -> list[tuple[int, Hashable, str]]:
        items = [(r.start, r.target, self.contexts[r]) for r in self.refs if r.end <= pos]
        items += [(p, t, "") for p, t in self.resolved if p <= pos]
        return sorted(items, key=lambda x: x[0])

    def last(self, pos: int) -> Hashable | None:
        for r in reversed(self.refs):
            if r.end <= pos and not r.possessive:
                if any(a <= r.start < b for a, b in self.reported):
                    continue
                return r.target
        items = self.before(pos)
        return items[-1][1] if items else None

    def by_title(self, pos: int, title: str) -> Hashable | None:
        head = title.split()[-1]
        for _, target, ctx in reversed(self.before(pos)):
            if head in ctx:
                return target
        return None


def _channel(segment: str) -> tuple[str, str]:
    for name, pattern in CHANNEL_PATTERNS:
        m = pattern.search(segment)
        if m:
            return name, m.group(0).strip()
    return "unknown", ""


def extract_statements(
    text: str,
    refs: list[PersonRef],
    published: dt.date | None,
    roles: dict[Hashable, list[str]] | None = None,
) -> list[Candidate]:
    units = _units(text)
    people = _People(text, refs, units, roles or {})
    quotes_all = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
    out: list[Candidate] = []
    speaker_channel: dict[Hashable, tuple[str, str]] = {}
    speaker_date: dict[Hashable, ResolvedDate] = {}
    for unit in units:
        u_text = text[unit.start : unit.end]
        quotes = [(a, b) for a, b in quotes_all if a >= unit.start and b <= unit.end]
        if not quotes and not _CUE_RE.search(u_text):
            continue  # no quotation, no reporting verb, no "according to": nothing said here
        masked = _mask(u_text, quotes, unit.start)
        cand = _attribute(text, unit, u_text, masked, quotes, refs, people)
        if cand is None:
            _continuation(out, unit, u_text, quotes, text)
            # A channel named around a person ("In an interview with Reuters, ... X") holds for
            # that person's later statements in the article.
            channel = _channel(masked)
            if channel[0] != "unknown":
                for r in refs:
                    if unit.start <= r.start < unit.end and not r.is_party:
                        speaker_channel.setdefault(r.target, channel)
            continue
        people.reported.append(
            (unit.start + cand._content_span[0], unit.start + cand._content_span[1])
        )
        key = cand.speaker or cand.speaker_party or cand.speaker_description
        # Channel and date from the attribution, not from what was said.
        content_masked = _mask(masked, [(cand._content_span[0], cand._content_span[1])], 0)
        channel, detail = _channel(content_masked)
        if channel == "unknown" and key in speaker_channel:
            channel, detail = speaker_channel[key]
        elif channel != "unknown":
            speaker_channel[key] = (channel, detail)
        cand.channel, cand.channel_detail = channel, detail
        if published is not None:
            dates = find_dates(content_masked, published)
            if dates:
                d = dates[0]
                cand.date = ResolvedDate(
                    d.date, d.precision, d.phrase, d.start + unit.start, d.end + unit.start
                )
                speaker_date[key] = cand.date
            elif key in speaker_date:
                cand.date = speaker_date[key]
        if cand.speaker is not None:
            people.resolved.append((unit.start, cand.speaker))
        if cand.text:
            out.append(cand)
    return out


def _continuation(out, unit, u_text, quotes, text) -> Candidate | None:
    """A sentence that is only a quotation continues the previous speaker's quotation."""
    if not out or not quotes:
        return None
    quoted = sum(b - a for a, b in quotes)
    if quoted < 0.85 * len(u_text.strip()):
        return None
    prev = out[-1]
    if prev.kind != "direct_quote" or unit.start - prev.end > 400:
        return None
    if text[prev.end : unit.start].count("\n") > 2:
        return None
    prev.text = _clean(prev.text) + " " + " ".join(_clean(text[a:b]) for a, b in quotes)
    prev.end = unit.end
    prev.quotes.extend(quotes)
    return prev


def _attribute(text, unit, u_text, masked, quotes, refs, people: _People) -> Candidate | None:
    unit_refs = [r for r in refs if r.start >= unit.start and r.end <= unit.end]

    def ref_ending_near(pos_abs: int, window: str) -> PersonRef | None:
        # The named person nearest before the verb, the possessor of a title skipped.
        best = None
        for r in unit_refs:
            if r.end <= pos_abs and r.start >= pos_abs - len(window):
                between = text[r.end : pos_abs]
                if r.possessive and re.match(r"^['’]?s?\s+[a-z]", between):
                    continue
                if any(a < pos_abs and b > r.end for a, b in quotes if a >= r.end):
                    continue
                best = r
        return best

    # "according to X, ..." / "..., according to X."
    m = _ACCORDING_RE.search(masked)
    if m:
        after_abs = unit.start + m.end()
        tail = masked[m.end() :]
        target = None
        how = ""
        for r in unit_refs:
            if after_abs <= r.start <= after_abs + 25 and not r.is_party:
                target, how = r.target, "name"
                break
        if target is None:
            tm = re.match(rf"[Tt]he\s+((?:[\w-]+\s+){{0,3}}?)({ROLE_NOUNS})\b", tail)
            if tm:
                target = people.by_title(after_abs, tm.group(0)) or people.last(after_abs)
                how = "title"
        if target is not None:
            comma = masked.find(",", m.end())
            leading = (
                m.start() < 3 and comma != -1
            )  # "According to X, ..." or "..., according to X"
            content = (comma + 1, len(u_text)) if leading else (0, m.start())
            body = _clean(u_text[content[0] : content[1]])
            if len(body.split()) >= 4:
                cand = Candidate(
                    target, None, "", body, "paraphrase", unit.start, unit.end, attribution=how
                )
                cand._content_span = content
                return cand

    for vm in _VERB_RE.finditer(masked):
        v0, v1 = vm.start(), vm.end()
        before = masked[:v0]
        if _NEGATION_RE.search(before) or _PASSIVE_RE.search(before):
            continue
        if re.match(r"\s+by\b", masked[v1:]):
            continue
        clause_start = max([0] + [b - unit.start for a, b in quotes if b - unit.start <= v0])
        window = before[clause_start:]
        speaker = party = None
        description = ""
        how = ""
        pm = _PRONOUN_RE.search(window)
        tm = _TITLE_RE.search(window)
        ref = ref_ending_near(unit.start + v0, window)
        if ref is not None and re.fullmatch(
            rf"[\s,]*(?:[^,“\"]{{0,60}},\s*|and (?:its|their|other) (?:allies|partners)\s+)?"
            rf"{_FILLER}",
            text[ref.end : unit.start + v0],
        ):
            if ref.is_party:
                party, how = ref.target, "party"
            else:
                speaker, how = ref.target, "name"
        elif pm:
            speaker, how = people.last(unit.start + clause_start + pm.start()), "pronoun"
        elif tm:
            pos = unit.start + clause_start + tm.start()
            speaker = people.by_title(pos, tm.group(2)) or people.last(pos)
            how = "title"
        else:
            dm = _DESCRIPTION_RE.search(window)
            if dm:
                description, how = _clean(dm.group(1)), "description"
            else:
                # Inverted: "..., said Yermak."
                for r in unit_refs:
                    gap = text[unit.start + v1 : r.start]
                    if r.start >= unit.start + v1 and len(gap) <= 3 and not r.is_party:
                        speaker, how = r.target, "name"
                        break
        if speaker is None and party is None and not description:
            continue
        # Where is the content? After the speaker and verb, or before them ("..., X said").
        subject_start = {
            "name": (ref.start - unit.start) if ref is not None else v0,
            "party": (ref.start - unit.start) if ref is not None else v0,
            "pronoun": clause_start + pm.start() if pm else v0,
            "title": clause_start + tm.start() if tm else v0,
            "description": clause_start + dm.start(1) if how == "description" else v0,
        }.get(how, v0)
        if how == "name" and ref is not None and ref.start > unit.start + v1:
            subject_start = v0
        lead = u_text[:subject_start].rstrip()
        rest = masked[v1:]
        after_quote = lead.rstrip(",").endswith(("”", '"', "»"))
        post_posed = after_quote or (
            lead.endswith((",", "–", "—"))
            and (len(rest.split()) <= 8 or re.match(r"\s*[,–—]", rest) is not None)
        )
        if post_posed:
            lead_end = _trim_speaker_phrase(lead)
            content = (0, lead_end)
            if quotes:
                body = " ".join(_clean(text[a:b]) for a, b in quotes)
                kind = "direct_quote"
            else:
                body = _clean(u_text[:lead_end])
                kind = "paraphrase"
        else:
            tm2 = re.match(r"(?:[^.;“\"]{0,120}?\bthat\s+|\s*,?\s*(?:on \w+\s+)?)", rest)
            offset = v1 + (tm2.end() if tm2 else 0)
            content = (offset, len(u_text))
            in_quotes = [(a, b) for a, b in quotes if a - unit.start >= content[0] - 1]
            unquoted = _mask(u_text[content[0] :], in_quotes, unit.start + content[0])
            if in_quotes and len(unquoted.split()) <= 6:
                body = " ".join(_clean(text[a:b]) for a, b in in_quotes)
                kind = "direct_quote"
            else:
                body = _clean(u_text[content[0] :])
                kind = "paraphrase"
        if len(body.split()) < 3:
            continue
        cand = Candidate(
            speaker,
            party,
            description if speaker is None and party is None else "",
            body,
            kind,
            unit.start,
            unit.end,
            attribution=how,
            quotes=list(quotes),
        )
        cand._content_span = content
        return cand
    return None
