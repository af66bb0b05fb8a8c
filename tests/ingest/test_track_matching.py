"""Which tracks an article is filed under: words, partners, time, evidence of its own.

The matcher is built from plain rules here (no database): each test is one rule of
``TrackMatcher.select`` / ``scores`` on sentences of real reports (sources in each test).
"""

from __future__ import annotations

import datetime as dt

from negotiations.services.statuses import TrackMatcher, _TrackRule
from negotiations.text.gazetteer import Mention

D = dt.date
ISTANBUL_2022, ISTANBUL_2025, G7, FRANCE, GERMANY, NORWAY, US_TALKS = 1, 2, 3, 4, 5, 6, 7
UKRAINE, FRANCE_P, GERMANY_P, NORWAY_P, NATO_P, US_P, RUSSIA_P = 11, 12, 13, 14, 15, 16, 17
MACRON, STOLTENBERG = 21, 22


def _rules() -> list[_TrackRule]:
    return [
        _TrackRule(ISTANBUL_2022, None, ["Istanbul talks"], (D(2022, 2, 28), D(2022, 5, 17))),
        _TrackRule(ISTANBUL_2025, None, ["Istanbul talks"], (D(2025, 5, 11), D(2025, 7, 23))),
        _TrackRule(US_TALKS, None, ["peace talks"], (D(2025, 2, 12), D(2026, 2, 17))),
        _TrackRule(G7, None, ["security agreement", "joint declaration"], (D(2023, 7, 12),) * 2),
        _TrackRule(FRANCE, G7, ["+en: France"], (D(2024, 2, 16),) * 2, frozenset({FRANCE_P})),
        _TrackRule(GERMANY, G7, ["+en: Germany"], (D(2024, 2, 16),) * 2, frozenset({GERMANY_P})),
        _TrackRule(NORWAY, G7, ["+en: Norway"], (D(2024, 5, 31),) * 2, frozenset({NORWAY_P})),
    ]


def _parties_of(target, day=None) -> set[int]:
    kind, pk = target
    if kind == "party":
        return {pk}
    if kind == "official" and pk == MACRON:
        return {FRANCE_P}
    if kind == "official" and pk == STOLTENBERG:  # Norway's prime minister until 2014
        return {NATO_P} if day and day >= D(2014, 10, 1) else {NATO_P, NORWAY_P}
    return set()


def _matcher() -> TrackMatcher:
    participants = {US_TALKS: {US_P, RUSSIA_P, UKRAINE}, G7: {UKRAINE}}
    return TrackMatcher(_rules(), participants=participants, parties_of=_parties_of)


def _mention(text: str, name: str, target) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, target, "name")


def _filed(text: str, day, mentions=(), talk: int = 0) -> set[int]:
    matcher = _matcher()
    scores = matcher.scores(text, "en", mentions, day)
    return {track for track, _ in matcher.select(scores, day=day, talk=talk)}


def test_shared_words_go_to_the_track_current_at_the_report_date() -> None:
    # A News, 16 May 2025: "Moscow satisfied with results of peace talks in Istanbul".
    text = (
        "The Istanbul talks ended after two hours. Medinsky said the Istanbul talks would continue."
    )
    assert _filed(text, D(2025, 5, 16)) == {ISTANBUL_2025}
    assert _filed(text, D(2022, 3, 29)) == {ISTANBUL_2022}
    assert _filed(text, None) == {ISTANBUL_2022, ISTANBUL_2025}  # no date: both, for review


def test_a_partners_official_qualifies_its_agreement_on_the_day() -> None:
    # Yevropeiska Pravda, 15 Feb 2024: "Zelensky and Macron will sign the security agreement".
    text = "Zelensky and Macron will sign the security agreement in Paris on Friday."
    macron = [_mention(text, "Macron", ("official", MACRON))]
    assert _filed(text, D(2024, 2, 15), macron) == {FRANCE}  # the framework yields to it
    # Adnkronos, 12 Jul 2023: Stoltenberg at the Vilnius summit speaks for NATO, not Norway.
    text = "Stoltenberg welcomed the joint declaration and the security agreement talks."
    stoltenberg = [_mention(text, "Stoltenberg", ("official", STOLTENBERG))]
    assert _filed(text, D(2023, 7, 12), stoltenberg) == {G7}


def test_a_list_of_partners_files_none_of_their_agreements() -> None:
    # Liberal.gr, 13 Aug 2023: Greece joins the countries that back the G7 declaration.
    text = "France, Germany and Norway have signed the joint declaration on security agreements."
    assert _filed(text, D(2023, 8, 13)) == {G7}
    text = "France and Ukraine signed the security agreement."
    assert _filed(text, D(2024, 2, 16)) == {FRANCE}


def test_a_track_of_another_time_yields_to_a_current_one() -> None:
    # CGTN, 24 Nov 2025: a 2025 report on the peace talks that recalls the security agreement.
    text = (
        "The peace talks in Geneva resumed. The peace talks follow the security agreement "
        "signed last year, and the joint declaration, and the security agreement again."
    )
    assert _filed(text, D(2025, 11, 24), talk=3) == {US_TALKS}


def test_a_report_on_the_talks_without_track_words_goes_to_the_track_of_its_parties() -> None:
    # Boursorama, 20 Aug 2025: Lavrov on security guarantees "without Russia".
    text = "Lavrov said Russia would not accept guarantees agreed by the United States alone."
    mentions = [
        _mention(text, "Russia", ("party", RUSSIA_P)),
        _mention(text, "United States", ("party", US_P)),
    ]
    matcher = _matcher()
    assert matcher.by_participants(mentions, D(2025, 8, 20)) == (
        US_TALKS,
        ["Russia", "United States"],
    )
    assert matcher.by_participants(mentions[:1], D(2025, 8, 20)) is None  # one party: too weak
    assert matcher.by_participants(mentions, D(2021, 1, 1)) is None  # no current track


def test_a_sentence_is_filed_under_one_of_its_articles_tracks() -> None:
    # A News, 16 May 2025: "the parties agreed to exchange 1,000 prisoners" in a report on the
    # 2025 round; "Istanbul talks" also names the 2022 track, which the article is not under.
    matcher = _matcher()
    sentence = "After the Istanbul talks the parties agreed to exchange 1,000 prisoners."
    assert matcher.best(sentence, "en", among=[ISTANBUL_2025]) == ISTANBUL_2025
    assert matcher.best(sentence, "en", among=[ISTANBUL_2022, ISTANBUL_2025]) == ISTANBUL_2022
    assert matcher.best("The parties agreed.", "en", among=[ISTANBUL_2025]) is None
    # best_match says why: the words of the chosen track found in the sentence.
    track_id, words = matcher.best_match(sentence, "en", among=[ISTANBUL_2025]) or (None, [])
    assert track_id == ISTANBUL_2025
    assert words
    assert all(word.lower() in sentence.lower() for word in words)
