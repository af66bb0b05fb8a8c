"""Near-duplicate lookup cost per article with 1,000 and with 50,000 articles stored.

    .venv/bin/python bench/dedup_lookup.py     (DATABASE_URL: default tracker_bench_dedup)

The 181 ground-truth bodies of the article-extraction benchmark are stored with their real
signatures; the rest of the N stored articles get random signatures (the lookup cost depends on
the size of the band index, not on the texts). Each query is a lightly edited copy of a stored
body (a sentence appended), so every lookup also fetches and confirms its true candidate.
Printed: mean lookup time per article (signature + band query + confirmation) at each size, and
the ratio of the two (flat = about 1).
"""

from __future__ import annotations

import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import CORPUS, setup


def fill(total: int, bodies: list[str]) -> None:
    import numpy as np

    from negotiations.models import Article, ArticleBand, ArticleSignature
    from negotiations.services.dedup import article_signature_store
    from negotiations.text import minhash

    have = Article.objects.count()
    if have == 0:
        for i, body in enumerate(bodies):
            article = Article.objects.create(text=body, source_kind="upload", source_ref=f"b{i}")
            article_signature_store(article=article, new=True)
        have = len(bodies)
    rng = np.random.default_rng(have)
    batch = 2000
    while have < total:
        n = min(batch, total - have)
        articles = [
            Article(
                text=f"synthetic {have + i}",
                fingerprint=hashlib.sha256(f"synthetic {have + i}".encode()).hexdigest(),
                source_kind="upload",
            )
            for i in range(n)
        ]
        Article.objects.bulk_create(articles)
        sigs, bands = [], []
        for article in articles:
            values = rng.integers(0, 2**32, size=minhash.NUM_PERM, dtype=np.uint64).astype(
                np.uint32
            )
            sigs.append(ArticleSignature(article=article, minhash=minhash.to_bytes(values)))
            bands += [ArticleBand(article=article, key=k) for k in minhash.band_keys(values)]
        ArticleSignature.objects.bulk_create(sigs)
        ArticleBand.objects.bulk_create(bands, batch_size=10000)
        have += n
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE negotiations_articleband")
        cur.execute("VACUUM ANALYZE negotiations_articlesignature")


def measure(queries: list[str], expected: list[int]) -> tuple[float, float, float]:
    from django.db import connection

    from negotiations.services.dedup import article_find_near_duplicate

    times, db_times = [], []
    hits = 0

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            db_times[-1] += time.perf_counter() - start

    with connection.execute_wrapper(timed):
        for text, want in zip(queries, expected, strict=True):
            db_times.append(0.0)
            start = time.perf_counter()
            found, _, _ = article_find_near_duplicate(text=text)
            times.append(time.perf_counter() - start)
            hits += found == want
    return statistics.mean(times) * 1000, statistics.mean(db_times) * 1000, hits / len(queries)


def main() -> None:
    setup("tracker_bench_dedup")
    from negotiations.models import Article

    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = sorted({v["articleBody"] for v in truth.values() if len(v["articleBody"]) > 500})
    fill(len(bodies), bodies)
    ids = [Article.objects.get(source_ref=f"b{i}").pk for i in range(len(bodies))]
    queries = [b + " This report was updated with reaction from officials." for b in bodies]
    measure(queries[:20], ids[:20])  # warm up
    results = {}
    for size in (1_000, 50_000):
        fill(size, bodies)
        runs = [measure(queries, ids) for _ in range(5)]
        ms, db = min(r[0] for r in runs), min(r[1] for r in runs)
        results[size] = (ms, db)
        print(
            f"{size:>6} articles stored: {ms:6.2f} ms per lookup "
            f"(database {db:5.2f} ms), found {runs[0][2]:.0%}"
        )
    (a, a_db), (b, b_db) = results[1_000], results[50_000]
    print(f"ratio 50,000 / 1,000: {b / a:.2f} per lookup, {b_db / a_db:.2f} database  (flat = 1.0)")


if __name__ == "__main__":
    main()
