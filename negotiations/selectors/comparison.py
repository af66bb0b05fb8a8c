"""Cross-outlet comparison: outlets' wordings of a statement compared with each other (one chosen
as the reference), or each article of a story with the earliest one.

Each outlet's words stay as it wrote them; the differences from the reference are marked, names
matched through the alias table and loaded words through the language packs. Reports are grouped
by independent source with the one rule of ``negotiations.selectors.coverage`` (wire copies under
their wire), so the page counts independent outlets exactly as the statements list and the API's
``statements/{id}/coverage/`` do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from negotiations.models import Alias, Article, Outlet, Statement, StatementReport, StatementTrack
from negotiations.selectors.coverage import independent_groups, statement_coverage
from negotiations.text.compare import Token, compare_words, mark_loaded, summarize
from negotiations.text.lang import PACKS
from negotiations.text.normalize import normalize_name

# How each kind of difference is counted in words: (one, many).
DIFFERENCE_LABELS = {
    "translit": ("transliteration", "transliterations"),
    "quote": ("change of quotation marks", "changes of quotation marks"),
    "framing": ("loaded word", "loaded words"),
    "added": ("word added", "words added"),
    "changed": ("word changed", "words changed"),
    "omitted": ("word left out", "words left out"),
}


@dataclass
class Rendering:
    article: Article
    wording: str
    tokens: list[Token]
    differences: dict[str, int]
    kind_label: str = ""
    report: StatementReport | None = None
    lang: str = ""
    is_reference: bool = False
    # False: written in another language than the reference, so only its loaded words are marked
    compared: bool = True

    @property
    def omissions(self) -> list[str]:
        """The reference's words this rendering leaves out, passage by passage."""
        return [t.base for t in self.tokens if t.kind == "omitted"]

    @property
    def difference_lines(self) -> list[str]:
        """The differences counted, in words: "2 loaded words", "6 words left out"."""
        return [
            f"{n} {DIFFERENCE_LABELS.get(kind, (kind, kind))[n != 1]}"
            for kind, n in self.differences.items()
        ]

    @property
    def wire(self) -> Outlet | None:
        """The wire agency whose copy the article runs, if it is one."""
        return self.article.wire_outlet if self.article.wire_outlet_id else None

    @property
    def language_name(self) -> str:
        pack = PACKS.get(self.lang)
        return pack.name if pack else self.lang or "unknown language"


@dataclass
class SourceGroup:
    """Reports that count as one independent source (the coverage rule): a wire and its copies,
    or the copies and rewrites of one story."""

    number: int
    sources: list[str]  # the source outlets' names (the wire for a copy)
    renderings: list[Rendering] = field(default_factory=list)


@dataclass
class StatementComparison:
    statement: Statement
    tracks: list[StatementTrack]
    reference: Rendering | None
    groups: list[SourceGroup]
    independent_count: int  # every report on file: the statements list's column
    published_independent_count: int  # approved reports only: the API's coverage


def alias_equivalence(words: set[str]) -> Any:
    """A predicate telling whether two words are names of the same target per the alias table.

    One query for all the words the comparison will meet.
    """
    normalized = {normalize_name(w) for w in words if w[:1].isupper()} - {""}
    targets: dict[str, set[tuple[str, int]]] = {}
    for name, party, official, place in Alias.objects.filter(normalized__in=normalized).values_list(
        "normalized", "party_id", "official_id", "place_id"
    ):
        target = (
            ("party", party) if party else ("official", official) if official else ("place", place)
        )
        targets.setdefault(name, set()).add(target)

    def equivalent(a: str, b: str) -> bool:
        return bool(targets.get(normalize_name(a), set()) & targets.get(normalize_name(b), set()))

    return equivalent


def _words(*texts: str) -> set[str]:
    return {w.strip("\"'“”„«»‘’,.;:!?()") for t in texts for w in t.split()}


def _language(article: Article) -> str:
    outlet_language = article.outlet.language if article.outlet is not None else ""
    return (article.language or outlet_language or "en").split("-")[0].lower()


def _rendering(
    article: Article,
    wording: str,
    reference: Rendering | None,
    equivalent,
    **extra: Any,
) -> Rendering:
    lang = _language(article)
    if reference is None:  # this is the reference: its loaded words only
        tokens = mark_loaded(wording, lang=lang)
        return Rendering(article, wording, tokens, summarize(tokens), lang=lang, **extra)
    if reference.lang != lang:
        tokens = mark_loaded(wording, lang=lang)
        return Rendering(
            article, wording, tokens, summarize(tokens), lang=lang, compared=False, **extra
        )
    tokens = compare_words(reference.wording, wording, lang=lang, equivalent=equivalent)
    return Rendering(article, wording, tokens, summarize(tokens), lang=lang, **extra)


def statement_comparison(
    statement: Statement, *, reference_id: int | None = None
) -> StatementComparison:
    """The reports of ``statement`` compared with the reference report (``reference_id``, else
    the earliest), grouped by independent source, earliest first."""
    coverage = statement_coverage(statement=statement, include_unreviewed=True)
    reports = coverage.reports
    published = independent_groups(r for r in reports if r.review_state == "approved")
    tracks = list(
        StatementTrack.objects.filter(statement=statement)
        .select_related("track")
        .order_by("track__name")
    )
    chosen = next((r for r in reports if r.pk == reference_id), reports[0] if reports else None)
    equivalent = alias_equivalence(_words(*(r.wording for r in reports)))
    reference = None
    if chosen is not None:
        reference = _rendering(
            chosen.article,
            chosen.wording,
            None,
            equivalent,
            kind_label=chosen.get_kind_display(),
            report=chosen,
            is_reference=True,
        )
    groups: dict[int, SourceGroup] = {}
    for report in reports:
        number = coverage.groups[report.pk]
        group = groups.setdefault(number, SourceGroup(number=number, sources=[]))
        article = report.article
        source = article.wire_outlet if article.wire_outlet_id else article.outlet
        name = source.name if source is not None else "Unknown outlet"
        if name not in group.sources:
            group.sources.append(name)
        if report is chosen:
            group.renderings.append(reference)  # type: ignore[arg-type]
            continue
        group.renderings.append(
            _rendering(
                article,
                report.wording,
                reference,
                equivalent,
                kind_label=report.get_kind_display(),
                report=report,
            )
        )
    return StatementComparison(
        statement=statement,
        tracks=tracks,
        reference=reference,
        groups=list(groups.values()),
        independent_count=coverage.independent_count,
        published_independent_count=published.count,
    )


def _lead(text: str, words: int = 60) -> str:
    return " ".join(text.split()[:words])


def story_comparison(story) -> tuple[Rendering | None, list[Rendering]]:
    """Each article of a story (title and lead) compared with the earliest article's."""
    articles = list(
        story.articles.select_related("outlet", "wire_outlet").order_by("published_at", "id")
    )
    if not articles:
        return None, []
    texts = [f"{a.title} — {_lead(a.text)}" for a in articles]
    equivalent = alias_equivalence(_words(*texts))
    reference = _rendering(articles[0], texts[0], None, equivalent, is_reference=True)
    renderings = [reference]
    for article, text in zip(articles[1:], texts[1:], strict=True):
        renderings.append(_rendering(article, text, reference, equivalent))
    return reference, renderings
