"""Exact and near-duplicate detection of articles.

Exact: the content fingerprint (unique on Article). Near: MinHash LSH with the band keys stored
in an indexed table, so finding candidates is one index lookup on 16 keys however many articles
are stored; candidates are then confirmed on their signatures.
"""

from __future__ import annotations

from django.db import transaction
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


def article_find_near_duplicate(*, text: str, exclude_id: int | None = None):
    """The most similar stored article above the threshold, with its estimated similarity."""
    values = minhash.signature(text)
    keys = minhash.band_keys(values)
    candidate_ids = set(
        ArticleBand.objects.filter(key__in=keys).values_list("article_id", flat=True)[:200]
    )
    candidate_ids.discard(exclude_id)
    best = None
    best_sim = 0.0
    for sig in ArticleSignature.objects.filter(article_id__in=candidate_ids):
        sim = minhash.similarity(values, minhash.from_bytes(sig.minhash))
        if sim >= minhash.THRESHOLD and sim > best_sim:
            best, best_sim = sig.article_id, sim
    return best, best_sim, values


@transaction.atomic(savepoint=False)
def article_signature_store(*, article: Article, values=None, new: bool = False) -> None:
    if values is None:
        values = minhash.signature(article.text)
    if new:
        ArticleSignature.objects.create(article=article, minhash=minhash.to_bytes(values))
    else:
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
    if original.story_id is None:
        story = Story.objects.create(
            title=original.title or article.title or f"story of article #{original.pk}",
            first_published_at=original.published_at,
        )
        original.story = story
        original.save(update_fields=["story", "updated_at"])
    article.story_id = original.story_id
    article.save(update_fields=["story", "updated_at"])
    return original.story
