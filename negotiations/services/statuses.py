"""Track classification of articles and statements, and status-change proposals with evidence."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max, Min

from negotiations.models import (
    Article,
    ArticleTrack,
    DatePrecision,
    Evidence,
    Origin,
    Party,
    ReviewState,
    StatusChange,
    Track,
    TrackParticipant,
    machine_made,
)
from negotiations.services.proposals import track_proposal_record
from negotiations.text.dates import find_dates
from negotiations.text.lang import PhraseSet, classify_status, pack_for
from negotiations.text.morph import tokenise
from negotiations.text.reading import talk_positions, talk_score
from negotiations.text.sentences import split_sentences


@dataclass
class _TrackRule:
    track_id: int
    parent_id: int | None
    lines: list[str]  # "phrase", "xx: phrase" (language xx only), "+xx: phrase" (qualifier)
    # The track's recorded status history (first and last effective date), when it has one.
    season: tuple[dt.date, dt.date] | None = None
    partners: frozenset[int] = frozenset()  # a bilateral agreement's guarantor parties


# A track is current at a date that falls in its recorded history, widened by these margins: a
# report announces talks before their first recorded step and recalls them for months after.
SEASON_BEFORE = dt.timedelta(days=60)
SEASON_AFTER = dt.timedelta(days=180)


def _in_season(season: tuple[dt.date, dt.date] | None, day: dt.date | None) -> bool | None:
    """Whether a track with this recorded ``season`` is current at ``day``: None when either is
    unknown."""
    if day is None or season is None:
        return None
    first, last = season
    return first - SEASON_BEFORE <= day <= last + SEASON_AFTER


def _days_from(season: tuple[dt.date, dt.date] | None, day: dt.date | None) -> int | None:
    """How many days ``day`` lies outside the recorded ``season`` (0 inside it)."""
    if day is None or season is None:
        return None
    first, last = season
    return max((first - day).days, (day - last).days, 0)


class TrackMatcher:
    """Track keywords, matched on lemmas in the article's language.

    A keyword line is a phrase for every language, or ``xx: phrase`` for language ``xx`` alone. A
    track whose lines include qualifiers (``+xx: Deutschland``: a bilateral agreement's partner)
    counts a sentence only when a qualifier and one of its own or its parent's keywords meet in
    it, so "Germany" alone never files an article under the German agreement. The partner also
    counts when the sentence names it otherwise: an alias, a place of it, one of its officials
    ("Macron and Zelensky will sign the security agreement"), through ``parties_of(target, day)``.
    """

    def __init__(
        self,
        rules: list[_TrackRule],
        entity_of=None,
        participants: dict[int, set[int]] | None = None,
        states: set[int] | None = None,
        parties_of=None,
    ) -> None:
        self.rules = rules
        self.parties_of = parties_of
        self._compiled: dict[str, tuple[PhraseSet, PhraseSet, set[int]]] = {}
        self.participants = participants or {}
        self.states = states or set()
        # Keywords that name a person or place ("Witkoff", "Jeddah") count every mention of it,
        # in any script and form the gazetteer knows (Уиткофф, Джидде).
        # A place named inside a keyword ("Istanbul talks": Istanbul) counts in a sentence that
        # also speaks of negotiation (the pack's talk terms): "переговоры в Стамбуле".
        self.entities: dict[int, set] = {}
        self.venues: dict[int, set] = {}
        self._named: dict[str, object] = {}  # a keyword that names a person or place -> it
        if entity_of is not None:
            for rule in rules:
                for phrase in _phrases(rule.lines, "", qualifiers=False, any_language=True):
                    found = entity_of(phrase)
                    if found is None:
                        continue
                    target, whole = found
                    bucket = self.entities if whole else self.venues
                    bucket.setdefault(rule.track_id, set()).add(target)
                    if whole:
                        self._named[phrase] = target
        # A bilateral agreement under a framework (a track with partner qualifiers) is
        # negotiated from the framework's first step on, though the record dates only its
        # signing: Ukraine opened its consultations with Italy in November 2023 under the
        # July 2023 G7 declaration and signed in February 2024.
        own = {r.track_id: r.season for r in rules}
        self.own_seasons = own
        self.seasons: dict[int, tuple[dt.date, dt.date] | None] = {}
        for rule in rules:
            season = rule.season
            framework = own.get(rule.parent_id) if rule.parent_id is not None else None
            if season and framework and rule.partners and framework[0] < season[0]:
                season = (framework[0], season[1])
            self.seasons[rule.track_id] = season

    def _for(self, lang: str):
        """The keywords of every track in one phrase set (phrase -> the tracks that own it), and
        the partner qualifiers in another: one pass over an article reads all tracks."""
        if lang not in self._compiled:
            own: dict[str, set[int]] = {}
            quals: dict[str, set[int]] = {}
            for rule in self.rules:
                for phrase in _phrases(rule.lines, lang, qualifiers=False):
                    own.setdefault(phrase, set()).add(rule.track_id)
                for phrase in _phrases(rule.lines, lang, qualifiers=True):
                    quals.setdefault(phrase, set()).add(rule.track_id)
            self._compiled[lang] = (
                PhraseSet(lang, [(p, frozenset(ids)) for p, ids in own.items()], gap=KEYWORD_GAP),
                PhraseSet(lang, [(p, frozenset(ids)) for p, ids in quals.items()]),
                {r.track_id for r in self.rules if any(x.startswith("+") for x in r.lines)},
            )
        return self._compiled[lang]

    def _partner_mentions(self, mentions, day) -> list[tuple[int, str, set[int]]]:
        """(start, text, tracks) of the mentions that name a bilateral agreement's partner."""
        partners: dict[int, set[int]] = {}
        for rule in self.rules:
            for party in rule.partners:
                partners.setdefault(party, set()).add(rule.track_id)
        if not partners or self.parties_of is None:
            return []
        found = []
        for m in mentions:
            if m.target[0] == "place":
                continue  # a venue (Vilnius) is not its state's agreement
            parties = self.parties_of(m.target, day)
            tracks = set().union(*(partners.get(p, set()) for p in parties))
            if tracks:
                found.append((m.start, m.text, tracks))
        return found

    def scores(
        self, text: str, lang: str = "en", mentions=(), day: dt.date | None = None
    ) -> dict[int, tuple[int, list[str]]]:
        own_set, qual_set, qualified = self._for(lang)
        parent_of = {r.track_id: r.parent_id for r in self.rules}
        partner_mentions = self._partner_mentions(mentions, day)
        words, keys = tokenise(text, lang)
        talk = talk_positions(text, lang)
        hits: dict[int, list[str]] = {}
        talk_sentences = []
        for lo, hi in _sentence_bounds(text, lang):
            own_here: dict[int, str] = {}
            qual_here: dict[int, str] = {}
            for i in range(lo, hi):
                for phrase in own_set.all_at(keys, i):
                    for track_id in phrase.value:
                        if phrase.text not in self._named:
                            # a framework's place or person ("Vilnius") is not the words of an
                            # agreement: Sunak at the Vilnius summit is not the UK's agreement
                            own_here.setdefault(track_id, phrase.text)
                        if track_id not in qualified:
                            hits.setdefault(track_id, []).append(phrase.text)
                for phrase in qual_set.all_at(keys, i):
                    for track_id in phrase.value:
                        qual_here.setdefault(track_id, phrase.text)
            if hi > lo:
                start, end = words[lo][0], words[hi - 1][1]
                for at, name, tracks in partner_mentions:
                    if start <= at < end:
                        for track_id in tracks:
                            qual_here.setdefault(track_id, name)
            if len(qual_here) > PARTNERS_LISTED_MAX:
                # a list of countries: of those only the agreements current at the day by their
                # own record ("agreements with six states: Britain, Germany, France, ..." in
                # March 2024), not the states that joined the declaration in 2023 ("Greece
                # joins Belgium, Czechia, ...") long before their agreements
                listed = qual_here
                qual_here = {
                    t: q for t, q in listed.items() if _in_season(self.own_seasons.get(t), day)
                }
                # a list of agreements speaks of their framework as a whole: its partners are
                # the framework's evidence too, so it does not yield to any one of them
                for track_id in qual_here:
                    parent = parent_of.get(track_id)
                    if parent is not None and own_here.get(parent):
                        hits.setdefault(parent, []).extend(listed.values())
            for track_id, qualifier in qual_here.items():
                # a partner counts with a keyword of its agreement or of the agreement's parent
                parent = parent_of.get(track_id)
                context = own_here.get(track_id) or (own_here.get(parent) if parent else None)
                if context:
                    hits.setdefault(track_id, []).extend((qualifier, context))
            if hi > lo and any(i in talk for i in range(lo, hi)):
                talk_sentences.append((words[lo][0], words[hi - 1][1]))
        for track_id, targets in self.entities.items():
            if track_id not in qualified:
                found = [m.text for m in mentions if m.target in targets]
                if found:
                    hits.setdefault(track_id, []).extend(found)
        for track_id, venues in self.venues.items():
            if track_id not in qualified:
                found = [
                    m.text
                    for m in mentions
                    if m.target in venues and any(a <= m.start < b for a, b in talk_sentences)
                ]
                if found:
                    hits.setdefault(track_id, []).extend(found)
        return {track_id: (len(found), found) for track_id, found in hits.items() if found}

    def unrecorded_partners(self, text: str, lang: str, mentions) -> list[tuple[int, int, str]]:
        """Bilateral agreements the record lacks: (parent track, partner party, sentence).

        A framework whose children are bilateral agreements (tracks with partner qualifiers)
        names, in a sentence that carries one of its keywords, a state that is neither one of
        its children's partners nor one of its own participants ("Bulgaria signed its security
        agreement under the G7 declaration").
        """
        parents = {
            r.parent_id
            for r in self.rules
            if r.parent_id is not None and any(x.startswith("+") for x in r.lines)
        }
        if not parents:
            return []
        by_id = {r.track_id: r for r in self.rules}
        words, keys = tokenise(text, lang)
        starts = [w[0] for w in words]
        mentions = sorted(mentions, key=lambda m: m.start)
        mention_starts = [m.start for m in mentions]
        found: list[tuple[int, int, str]] = []
        for parent_id in parents:
            rule = by_id.get(parent_id)
            if rule is None:
                continue
            context = PhraseSet(
                lang, [(p, True) for p in _phrases(rule.lines, lang, qualifiers=False)], gap=3
            )
            covered = set(self.participants.get(parent_id, ()))
            for child in self.rules:
                if child.parent_id == parent_id:
                    covered |= self.participants.get(child.track_id, set())
            for sentence in split_sentences(text, lang):
                lo = bisect.bisect_left(starts, sentence.start)
                hi = bisect.bisect_left(starts, sentence.end)
                if not any(context.match_at(keys, i) for i in range(lo, hi)):
                    continue
                first = bisect.bisect_left(mention_starts, sentence.start)
                last = bisect.bisect_left(mention_starts, sentence.end)
                for m in mentions[first:last]:  # the mentions in this sentence
                    kind, pk = m.target
                    if kind != "party" or pk in covered or pk not in self.states:
                        continue
                    if (parent_id, pk) not in {(f[0], f[1]) for f in found}:
                        found.append((parent_id, pk, sentence.text))
        return found

    def _lineage(self, track_id: int | None) -> set[int]:
        """The track and its ancestors."""
        parent_of = {r.track_id: r.parent_id for r in self.rules}
        seen: set[int] = set()
        while track_id is not None and track_id not in seen:
            seen.add(track_id)
            track_id = parent_of.get(track_id)
        return seen

    def select(
        self,
        scores: dict[int, tuple[int, list[str]]],
        *,
        day: dt.date | None,
        talk: int,
        mentions=(),
    ) -> list[tuple[int, tuple[int, list[str]]]]:
        """The tracks an article is filed under, best first, from its ``scores``.

        - A track the record places elsewhere in time (its status history far from ``day``)
          yields to any current one: a 2025 report that recalls the 2023 declaration or Yermak's
          2023 talks is filed under the 2025 talks.
        - A track counts with TRACK_HITS_MIN hits (one in an article that speaks of talks) and a
          TRACK_SHARE_MIN share of the leader's.
        - A track needs evidence of its own: one whose hits are a strict part of another
          track's (other than its framework's) is dropped, and so is one whose hits are the same
          as a current track's when it is not current. The 2025 Istanbul talks take "Istanbul"
          and "Medinsky" from the 2022 talks; Umerov at an Istanbul round does not file the
          report under every track he took part in; a framework whose every hit is its
          partner's agreement yields to the agreement.
        - Hits are compared by what they name: "Rustem Umérov" and "Umerov" are one person.
        - Tracks whose hits are the same (a negotiator who sat in several rounds, and nothing
          else) go to the one whose recorded history lies nearest the report's date: Umerov in
          December 2025 is at the US-Ukraine talks, not at the Istanbul round of the summer.
        - Tracks that score the same are ordered narrower first (a round of talks before the
          process it belongs to): a status step the article reports is the round's.
        - An agreement under a framework is measured against the tracks outside its framework
          for the share: its hits are its partner beside its framework's words, so the
          framework always outscores it ("Selenskyj signed agreements with France and
          Germany; Denmark and Norway are ready to sign").
        """
        by_id = {r.track_id: r for r in self.rules}
        current = {t: _in_season(self.seasons.get(t), day) for t in scores}
        if any(current[t] is not False for t in scores):
            scores = {t: v for t, v in scores.items() if current[t] is not False}

        def rivals_top(track_id: int) -> int:
            rule = by_id.get(track_id)
            lineage = self._lineage(track_id) if rule is not None and rule.partners else set()
            return max(c for t, (c, _h) in scores.items() if t == track_id or t not in lineage)

        scores = {
            t: (count, found)
            for t, (count, found) in scores.items()
            if (count >= TRACK_HITS_MIN or talk >= TALK_TERMS_MIN)
            and count >= TRACK_SHARE_MIN * rivals_top(t)
        }
        named = {**self._named, **{m.text: m.target for m in mentions}}
        hits = {t: {named.get(h, h) for h in found} for t, (_count, found) in scores.items()}
        distance = {t: _days_from(self.seasons.get(t), day) for t in scores}

        kept = set(scores)
        for track_id in list(kept):
            for other in kept:
                if other == track_id or other in self._lineage(track_id):
                    continue  # a child shares its framework's words
                if not hits[track_id] <= hits[other]:
                    continue
                if (
                    hits[track_id] != hits[other]
                    or (current[other] and current[track_id] is False)
                    or (  # siblings, not a framework and its child: the nearer in time
                        track_id not in self._lineage(other)
                        and _farther(distance[track_id], distance[other])
                    )
                ):
                    kept.discard(track_id)
                    break
        # On a tie the narrower track first (a round before the process it belongs to), then the
        # older record: the order is the record's, not the order the tracks were scored in.
        return sorted(
            ((t, scores[t]) for t in kept),
            key=lambda kv: (-kv[1][0], -len(self._lineage(kv[0])), kv[0]),
        )

    def by_participants(self, mentions, day: dt.date | None) -> tuple[int, list[str]] | None:
        """The current track whose participants the article names most (at least
        PARTICIPANTS_MIN of them), for a report on the talks that names no track's words: the
        broader track on a tie. (track, the names that matched) or None."""
        if day is None or self.parties_of is None:
            return None
        named: dict[int, str] = {}
        for m in mentions:
            for party in self.parties_of(m.target, day):
                named.setdefault(party, m.text)
        best = None
        for rule in self.rules:
            if not _in_season(self.seasons.get(rule.track_id), day):
                continue
            found = sorted(
                {named[p] for p in self.participants.get(rule.track_id, ()) if p in named}
            )
            if len(found) < PARTICIPANTS_MIN:
                continue
            key = (len(found), -len(self._lineage(rule.track_id)))
            if best is None or key > best[0]:
                best = (key, rule.track_id, found)
        return (best[1], best[2]) if best else None

    def best(self, text: str, lang: str = "en", among: list[int] | None = None) -> int | None:
        """The track a sentence names most; with ``among`` (an article's tracks, best first),
        only one of those, the article's order breaking ties: a sentence of a report on the
        2025 Istanbul round that names Medinsky is not filed under another track he sat in."""
        match = self.best_match(text, lang, among)
        return match[0] if match else None

    def best_match(
        self, text: str, lang: str = "en", among: list[int] | None = None
    ) -> tuple[int, list[str]] | None:
        """``best``'s track with the words of ``text`` that named it (why it was chosen)."""
        scores = self.scores(text, lang)
        if among is not None:
            rank = {track_id: n for n, track_id in enumerate(among)}
            scores = {t: v for t, v in scores.items() if t in rank}
            chosen = max(scores, key=lambda t: (scores[t][0], -rank[t]), default=None)
        else:
            chosen = max(scores, key=lambda t: scores[t][0], default=None)
        return None if chosen is None else (chosen, scores[chosen][1])


def _farther(days: int | None, other: int | None) -> bool:
    """Whether a date is farther from one track's history (``days``) than from another's."""
    return days is not None and other is not None and days > other


KEYWORD_GAP = 3
# A sentence that names more partners than this lists countries; it files none of their
# agreements.
PARTNERS_LISTED_MAX = 2


def _phrases(
    lines: list[str], lang: str, *, qualifiers: bool, any_language: bool = False
) -> list[str]:
    out = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("+") != qualifiers:
            continue
        line = line.lstrip("+").strip()
        code, sep, phrase = line.partition(":")
        if sep and len(code) == 2 and code.isalpha() and code.islower():
            if code == lang or any_language:
                out.append(phrase.strip())
        else:
            out.append(line)
    return out


def _sentence_bounds(text: str, lang: str) -> list[tuple[int, int]]:
    """Word index ranges of the text's sentences."""
    words, _keys = tokenise(text, lang)
    starts = [w[0] for w in words]
    return [
        (bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end))
        for s in split_sentences(text, lang)
    ]


def track_seasons() -> dict[int, tuple[dt.date, dt.date]]:
    """Each track's recorded season (first and last date) from the curated record alone: its
    approved status changes and the dates its participants joined. Pending machine proposals
    wait for review: were they counted, a report's tracks would depend on which reports were
    read before it (a proposal from one widens the window another is read in)."""
    dates: dict[int, list[dt.date]] = {}
    for row in (
        StatusChange.objects.filter(review_state=ReviewState.APPROVED)
        .values("track_id")
        .annotate(first=Min("effective_date"), last=Max("effective_date"))
    ):
        dates.setdefault(row["track_id"], []).extend((row["first"], row["last"]))
    for row in (
        TrackParticipant.objects.filter(joined_on__isnull=False)
        .values("track_id")
        .annotate(first=Min("joined_on"), last=Max("joined_on"))
    ):
        dates.setdefault(row["track_id"], []).extend((row["first"], row["last"]))
    return {track_id: (min(days), max(days)) for track_id, days in dates.items()}


def track_matcher_build(entity_of=None, parties_of=None) -> TrackMatcher:
    """The matcher of every track's keywords; ``entity_of(name)`` resolves a keyword that names
    one person or place (the gazetteer's exact match), so its every form counts; ``parties_of``
    (a mention's target -> the parties it stands for) lets a partner's officials and places
    qualify its agreement."""
    participants: dict[int, set[int]] = {}
    guarantors: dict[int, set[int]] = {}
    for track_id, party_id, role in TrackParticipant.objects.values_list(
        "track_id", "party_id", "role"
    ):
        participants.setdefault(track_id, set()).add(party_id)
        if role == TrackParticipant.Role.GUARANTOR:
            guarantors.setdefault(track_id, set()).add(party_id)
    seasons = track_seasons()
    rules = []
    for track in Track.objects.only("id", "parent_id", "keywords"):
        lines = track.keywords.splitlines()
        qualified = any(line.strip().startswith("+") for line in lines)
        partners = frozenset(guarantors.get(track.pk, ())) if qualified else frozenset()
        rules.append(_TrackRule(track.pk, track.parent_id, lines, seasons.get(track.pk), partners))
    states = set(Party.objects.filter(kind=Party.Kind.STATE).values_list("pk", flat=True))
    return TrackMatcher(rules, entity_of, participants, states, parties_of)


def article_language(article: Article) -> str:
    """The pack language an article is read in (English for a language without a pack)."""
    return pack_for(article.language).code


# An article is filed under a track when the track's keywords occur this often, or once in an
# article that speaks of negotiations (the pack's talk terms) at least TALK_TERMS_MIN times.
TRACK_HITS_MIN = 2
TALK_TERMS_MIN = 3
# ... and when it has at least this share of the hits of the article's leading track: a name
# that belongs to several tracks (Witkoff) does not file the article under all of them.
TRACK_SHARE_MIN = 0.4
# An article no track claims is still about the talks when it speaks of negotiation this often;
# it is filed under the current track that has at least this many of its participants named.
RELEVANT_TALK_TERMS_MIN = 4
PARTICIPANTS_MIN = 2


def article_about_talks(*, article: Article) -> bool:
    pack = pack_for(article.language)
    return talk_score(article.text, pack) >= RELEVANT_TALK_TERMS_MIN


def article_tracks_select(
    *, article: Article, matcher: TrackMatcher, mentions=()
) -> list[tuple[int, tuple[int, list[str]]]]:
    """The tracks the article reports on, best first, with their scores and matched words
    (nothing written: ``article`` may be unsaved); none when it is not about the talks."""
    lang = article_language(article)
    day = article.published_at.date() if article.published_at else None
    scores = matcher.scores(article.text, lang, mentions, day)
    talk = talk_score(article.text, pack_for(lang))
    ranked = matcher.select(scores, day=day, talk=talk, mentions=mentions) if scores else []
    if not ranked and talk >= RELEVANT_TALK_TERMS_MIN:
        found = matcher.by_participants(mentions, day)
        if found is not None:
            ranked = [(found[0], (len(found[1]), found[1]))]
    return ranked


def article_tracks_classify(
    *,
    article: Article,
    matcher: TrackMatcher,
    analyser_version: str,
    mentions=(),
    ranked: list[tuple[int, tuple[int, list[str]]]] | None = None,
) -> list[int]:
    """File the article under the tracks it reports on (``ranked``: already selected by
    ``article_tracks_select``); none when it is not about the talks."""
    lang = article_language(article)
    if ranked is None:
        ranked = article_tracks_select(article=article, matcher=matcher, mentions=mentions)
    for track_id, (count, hits) in ranked:
        ArticleTrack.objects.get_or_create(
            article=article,
            track_id=track_id,
            defaults={
                "score": float(count),
                "matched": ", ".join(sorted(set(hits)))[:500],
                "origin": Origin.MACHINE,
                "review_state": ReviewState.PENDING,
                "analyser_version": analyser_version,
            },
        )
    track_proposals_from(
        article=article,
        matcher=matcher,
        lang=lang,
        mentions=mentions,
        analyser_version=analyser_version,
    )
    return [track_id for track_id, _ in ranked]


def track_proposals_from(
    *, article: Article, matcher: TrackMatcher, lang: str, mentions, analyser_version: str
):
    """Propose the bilateral agreements the article describes and the record lacks (pending
    review, under their framework): "Bulgaria signed its agreement under the G7 declaration"."""
    found = matcher.unrecorded_partners(article.text, lang, mentions)
    if not found:
        return []
    parties = Party.objects.in_bulk({pk for _parent, pk, _sentence in found})
    tracks = Track.objects.in_bulk({parent for parent, _pk, _sentence in found})
    proposals = []
    for parent_id, party_id, sentence in found:
        parent = tracks[parent_id]
        beneficiary = (
            parent.participations.filter(role=TrackParticipant.Role.BENEFICIARY)
            .select_related("party")
            .first()
        )
        pair = parties[party_id].name + (f"–{beneficiary.party.name}" if beneficiary else "")
        proposal = track_proposal_record(
            name=f"{pair} security agreement",
            kind=Track.Kind.BILATERAL,
            parent=parent,
            partner_id=party_id,
            article=article,
            evidence=sentence,
            analyser_version=analyser_version,
        )
        if proposal is not None:
            proposals.append(proposal)
    return proposals


def status_changes_propose(
    *,
    article: Article,
    matcher: TrackMatcher,
    article_tracks: list[int],
    analyser_version: str,
) -> list[StatusChange]:
    """One proposal per sentence that describes an event of a track, its sentence as evidence."""
    if not article_tracks:
        return []
    published = article.published_at.date() if article.published_at else None
    proposals = []
    seen: set[tuple[int, str]] = set()
    pack = pack_for(article.language)
    for sentence in split_sentences(article.text, pack.code):
        hit = classify_status(sentence.text, pack)
        if hit is None:
            continue
        track_id = matcher.best(sentence.text, article_language(article), among=article_tracks)
        track_id = track_id or article_tracks[0]
        if (track_id, hit.status) in seen:
            continue  # one proposal per track and status per article: its first evidence
        seen.add((track_id, hit.status))
        day, precision, phrase = published, str(DatePrecision.DAY), ""
        english = pack.code == "en"  # dates in other languages: the publication date for now
        dates = find_dates(sentence.text, published) if published and english else []
        if hit.past and dates and dates[0].date <= (published or dates[0].date):
            day, precision, phrase = dates[0].date, dates[0].precision, dates[0].phrase
        elif not hit.past and dates:
            phrase = dates[0].phrase
        if day is None:
            continue  # no publication date and no date in the sentence: nothing to anchor to
        change = _status_record(
            track_id=track_id,
            status=hit.status,
            day=day,
            precision=precision,
            phrase=phrase,
            summary=sentence.text[:1000],
            analyser_version=analyser_version,
        )
        Evidence.objects.get_or_create(
            status_change=change,
            article=article,
            defaults={
                "excerpt": sentence.text,
                "char_start": sentence.start,
                "char_end": sentence.end,
            },
        )
        proposals.append(change)
    return proposals


def _status_record(*, track_id, status, day: dt.date, precision, phrase, summary, analyser_version):
    existing = StatusChange.objects.filter(track_id=track_id, status=status, effective_date=day)
    change = existing.first()
    if change is not None:
        return change
    try:
        with transaction.atomic():
            return StatusChange.objects.create(
                track_id=track_id,
                status=status,
                effective_date=day,
                date_precision=precision,
                date_phrase=phrase[:100],
                summary=summary,
                **machine_made(analyser_version),
            )
    except IntegrityError:
        return existing.get()
