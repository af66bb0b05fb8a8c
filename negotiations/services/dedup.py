"""Exact and near-duplicate detection of articles.

Exact: the content fingerprint (unique on Article). Near: MinHash LSH with the band keys stored
in an indexed table, so finding candidates is one index lookup on 16 keys however many articles
are stored; candidates are then confirmed on their signatures.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Q

from negotiations.models import Article, ArticleBand, ArticleSignature, Story
from negotiations.text import minhash
from negotiations.text.normalize import content_fingerprint


def article_find_exact(*, text: str, canonical_url: str = "") -> Article | None:
    """The stored article with this text (or, when given, this canonical URL)."""
    condition = Q(fingerprint=content_fingerprint(text))
    if canonical_url:
        condition |= Q(canonical_url=canonical_url)
    return Article.objects.filter(condition).first()


_LOOKUP_SQL = """
(SELECT 'exact', id FROM negotiations_article
  WHERE fingerprint = %s OR (%s <> '' AND canonical_url = %s) LIMIT 1)
UNION ALL
(SELECT 'band', article_id FROM negotiations_articleband WHERE key = ANY(%s) LIMIT 200)
"""


def article_lookup(*, text: str, canonical_url: str = ""):
    """Exact copy and near-duplicate candidates of a text, in one round trip.

    Returns (exact article or None, near-duplicate id or None, similarity, signature values).
    """
    values = minhash.signature(text)
    keys = minhash.band_keys(values)
    if connection.vendor != "postgresql":  # the embedded SQLite default: two plain queries
        exact = article_find_exact(text=text, canonical_url=canonical_url)
        if exact is not None:
            return exact, None, 1.0, values
        near, sim = _best_candidate(values, _band_candidates(keys))
        return None, near, sim, values
    with connection.cursor() as cursor:
        cursor.execute(_LOOKUP_SQL, [content_fingerprint(text), canonical_url, canonical_url, keys])
        rows = cursor.fetchall()
    exact_ids = [pk for kind, pk in rows if kind == "exact"]
    if exact_ids:
        return Article.objects.get(pk=exact_ids[0]), None, 1.0, values
    near, sim = _best_candidate(values, {pk for kind, pk in rows if kind == "band"})
    return None, near, sim, values


def _band_candidates(keys) -> set[int]:
    return set(ArticleBand.objects.filter(key__in=keys).values_list("article_id", flat=True)[:200])


def article_find_near_duplicate(*, text: str, exclude_id: int | None = None):
    """The most similar stored article above the threshold, with its estimated similarity."""
    values = minhash.signature(text)
    candidate_ids = _band_candidates(minhash.band_keys(values))
    if exclude_id is not None:
        candidate_ids.discard(exclude_id)
    best, best_sim = _best_candidate(values, candidate_ids)
    return best, best_sim, values


def _best_candidate(values, candidate_ids) -> tuple[int | None, float]:
    if not candidate_ids:
        return None, 0.0
    best = None
    best_sim = 0.0
    for sig in ArticleSignature.objects.filter(article_id__in=candidate_ids):
        sim = minhash.similarity(values, minhash.from_bytes(sig.minhash))
        if sim >= minhash.THRESHOLD and sim > best_sim:
            best, best_sim = sig.article_id, sim
    return best, best_sim


@transaction.atomic(savepoint=False)
def article_signature_store(*, article: Article, values=None, new: bool = False) -> None:
    if values is None:
        values = minhash.signature(article.text)
    if new and connection.vendor == "postgresql":
        # Signature and bands in one round trip.
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH sig AS (INSERT INTO negotiations_articlesignature (article_id, minhash) "
                "VALUES (%s, %s)) INSERT INTO negotiations_articleband (article_id, key) "
                "SELECT %s, unnest(%s::bigint[]) ON CONFLICT DO NOTHING",
                [
                    article.pk,
                    minhash.to_bytes(values),
                    article.pk,
                    list(set(minhash.band_keys(values))),
                ],
            )
        return
    ArticleSignature.objects.update_or_create(
        article=article, defaults={"minhash": minhash.to_bytes(values)}
    )
    ArticleBand.objects.filter(article=article).delete()
    ArticleBand.objects.bulk_create(
        [ArticleBand(article=article, key=k) for k in set(minhash.band_keys(values))],
        ignore_conflicts=True,
    )


@transaction.atomic
def article_join_story(*, article: Article, original_id: int) -> Story:
    """Group a near-duplicate with the article it copies: one story, many outlets."""
    original = Article.objects.select_for_update().get(pk=original_id)
    story = original.story
    if story is None:
        story = Story.objects.create(
            title=original.title or article.title or f"story of article #{original.pk}",
            first_published_at=original.published_at,
        )
        original.story = story
        original.save(update_fields=["story", "updated_at"])
    article.story = story
    article.save(update_fields=["story", "updated_at"])
    return story
