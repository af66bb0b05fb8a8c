"""Cross-outlet comparison: each outlet's wording of a statement, or each article of a story,
compared word by word with a base text, names matched through the alias table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from negotiations.models import Alias, Article, ReviewState, Statement
from negotiations.text.compare import Token, compare_words, summarize
from negotiations.text.normalize import normalize_name


@dataclass
class Rendering:
    article: Article
    wording: str
    tokens: list[Token]
    differences: dict[str, int]
    kind_label: str = ""


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


def statement_comparison(statement: Statement) -> list[Rendering]:
    """Each report of ``statement`` compared word by word with the canonical wording."""
    reports = list(
        statement.reports.exclude(review_state=ReviewState.REJECTED)
        .select_related("article__outlet")
        .order_by("article__published_at", "id")
    )
    equivalent = alias_equivalence(_words(statement.text, *(r.wording for r in reports)))
    renderings = []
    for report in reports:
        tokens = compare_words(statement.text, report.wording, equivalent=equivalent)
        renderings.append(
            Rendering(
                report.article, report.wording, tokens, summarize(tokens), report.get_kind_display()
            )
        )
    return renderings


def _lead(text: str, words: int = 60) -> str:
    return " ".join(text.split()[:words])


def story_comparison(story) -> tuple[str, list[Rendering]]:
    """Each article of a story (title and lead) compared with the earliest article's."""
    articles = list(story.articles.select_related("outlet").order_by("published_at", "id"))
    if not articles:
        return "", []
    base = f"{articles[0].title} — {_lead(articles[0].text)}"
    texts = [f"{a.title} — {_lead(a.text)}" for a in articles]
    equivalent = alias_equivalence(_words(*texts))
    renderings = []
    for article, text in zip(articles, texts, strict=True):
        tokens = compare_words(base, text, equivalent=equivalent)
        renderings.append(Rendering(article, text, tokens, summarize(tokens)))
    return base, renderings
