"""How well the pipeline reads real news: statements, speakers, tracks, relevance, names.

    .venv/bin/python bench/reading_accuracy.py [--split test|tune|all] [-v] [--lang uk ...]
        [--batch NAME]
    (DATABASE_URL: default tracker_bench_reading, created and emptied)

Loads the seed record and the knowledge base (as ``make run`` does), ingests the articles of
``bench/reading_set/`` as a user would (``manage.py ingest`` of JSON records) and compares what
was read with the hand annotations, per language:

- statements with the right speaker: an annotated statement is found (recall) when a machine
  report of the same article overlaps its words (character spans intersect) and names the same
  speaker (the official by name or alias; an unknown person by the name as written; an
  institution by its party or name); a machine report is correct (precision) when it matches an
  annotated statement that way. Distractor articles count in precision.
- tracks per article: F1 over (article, track) pairs.
- relevance: the share of articles about the talks that get at least one track, and the number
  of statements read from articles that are not about the talks.
- names: each annotated name variant is resolved when the reading finds it (a mention overlapping
  one of its occurrences) with the right person, party or place.
- commitments (articles with a ``"commitments"`` key only; the others are skipped): what the
  analysis of an article proposed is one machine commitment per stage it gave evidence for (a
  new commitment, or a stage added to one the record had) and per correction it logged. A machine
  commitment matches an annotated one of the same article when the committing party (slug), the
  kind, the stage and the amount are right: amounts agree within the tolerance the service
  merges reports with (``services.commitments.AMOUNT_TOLERANCE``, 5 %) in the same currency, and
  two missing amounts are equal (one missing is not). Each side is matched at most once; recall
  is annotated commitments matched, precision machine commitments matched (distractors, annotated
  ``[]``, count in precision).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, setup

SET_DIR = ROOT / "bench" / "reading_set" / "articles"
TARGETS = {
    "recall": 0.75,
    "recall_lang": 0.6,
    "precision": 0.85,
    "tracks_f1": 0.8,
    "relevance": 0.95,
    "names": 0.9,
    "commitments_recall": 0.7,
    "commitments_precision": 0.85,
}


def load_set(split: str, langs: list[str] | None, batch: str | None = None) -> list[dict]:
    """The articles of one half (or both), optionally of some languages or of one collection
    batch (an article's optional ``"batch"``: which round of collection added it)."""
    articles = []
    for path in sorted(SET_DIR.glob("*/*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        if split != "all" and art["split"] != split:
            continue
        if langs and art["language"] not in langs:
            continue
        if batch and art.get("batch") != batch:
            continue
        articles.append(art)
    return articles


def ingest(articles: list[dict]) -> dict[str, int]:
    """Ingest the articles as JSON records; returns article id -> Article pk."""
    from django.core.management import call_command

    from negotiations.models import Article

    with tempfile.TemporaryDirectory() as tmp:
        for art in articles:
            record = {
                "url": art["url"],
                "title": art.get("title", ""),
                "published": _iso_day(art["published"]),
                "language": art["language"],
                "text": art["text"],
            }
            (Path(tmp) / f"{art['id']}.json").write_text(json.dumps(record), encoding="utf-8")
        call_command("ingest", tmp, stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_ref = dict(Article.objects.values_list("source_ref", "pk"))
    return {a["id"]: by_ref.get(f"{a['id']}.json") for a in articles}


def _iso_day(value: str | None) -> str | None:
    """Pages that show only a month ("2025-03") are stored on its first day."""
    if value and len(value) == 7:
        return value + "-01"
    return value


def _norm(value: str) -> str:
    from negotiations.text.normalize import normalize_name

    return normalize_name(value or "")


class Scorer:
    def __init__(self) -> None:
        from negotiations.models import Alias, Official, Party, Place

        self.official_names: dict[int, set[str]] = defaultdict(set)
        for o in Official.objects.all():
            self.official_names[o.pk].add(_norm(o.full_name))
        for a in Alias.objects.filter(official__isnull=False):
            self.official_names[a.official_id].add(_norm(a.name))
        self.party_slug = dict(Party.objects.values_list("pk", "slug"))
        self.place_slug = dict(Place.objects.values_list("pk", "slug"))
        self.place_party = {
            p.pk: self.party_slug.get(p.party_id) for p in Place.objects.all() if p.party_id
        }

    def same_speaker(self, gold: dict, statement) -> bool:
        name = _norm(gold["speaker"])
        if statement.speaker_id:
            names = self.official_names.get(statement.speaker_id, set())
            return name in names or _norm(gold.get("speaker_as_written", "")) in names
        desc = _norm(statement.speaker_description)
        party = self.party_slug.get(statement.speaker_party_id)
        if gold["speaker_type"] == "person":
            written = _norm(gold.get("speaker_as_written", ""))
            if not desc:
                return False
            last = written.split(" ")[-1] if written else ""
            return desc in (name, written) or (bool(last) and last in desc.split(" "))
        if gold["speaker_type"] == "institution":
            return (party is not None and party == gold.get("speaker_party")) or (
                bool(desc) and (desc == name or desc in name or name in desc)
            )
        return party == gold.get("speaker_party") or bool(desc)

    def name_hit(self, gold: dict, mention) -> bool:
        kind, pk = mention.target
        target = gold["target"]
        if gold["type"] == "person":
            return kind == "official" and _norm(target) in self.official_names.get(pk, set())
        if kind == "party":
            return self.party_slug.get(pk) == target
        if kind == "place":
            return self.place_slug.get(pk) == target or self.place_party.get(pk) == target
        return False


def spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while needle:
        i = text.find(needle, start)
        if i == -1:
            break
        out.append((i, i + len(needle)))
        start = i + 1
    return out


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def commitment_matches(gold: dict, machine: dict) -> bool:
    """Whether a machine commitment is the annotated one: same party, kind and stage, and the
    same amount (within the service's merge tolerance, same currency; both missing is equal)."""
    from negotiations.services.commitments import amounts_agree

    if (gold["party"], gold["kind"], gold["stage"]) != (
        machine["party"],
        machine["kind"],
        machine["stage"],
    ):
        return False
    ours, theirs = _decimal(gold.get("amount")), _decimal(machine.get("amount"))
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return gold.get("currency", "") == machine.get("currency", "") and amounts_agree(ours, theirs)


def commitments_matched(golds: list[dict], machines: list[dict]) -> tuple[list[bool], list[bool]]:
    """One-to-one matching of an article's annotated and machine commitments: whether each
    annotated one was found, whether each machine one is right."""
    found = [False] * len(golds)
    right = [False] * len(machines)
    for i, gold in enumerate(golds):
        for j, machine in enumerate(machines):
            if not right[j] and commitment_matches(gold, machine):
                found[i] = right[j] = True
                break
    return found, right


def machine_commitments(article) -> list[dict[str, Any]]:
    """What the analysis of ``article`` proposed: one entry per commitment stage it gave
    evidence for and per correction it logged (see the module's docstring)."""
    from negotiations.models import CommitmentCorrection, Evidence, Origin

    out: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    rows = Evidence.objects.filter(article=article, commitment_stage__isnull=False).select_related(
        "commitment__party", "commitment_stage"
    )
    for ev in rows.order_by("id"):
        key = (ev.commitment_id, ev.commitment_stage.stage)
        if key in seen:
            continue
        seen.add(key)
        c = ev.commitment
        out.append(
            {
                "party": c.party.slug,
                "kind": c.category,
                "amount": c.amount,
                "currency": c.currency,
                "stage": ev.commitment_stage.stage,
                "evidence": ev.excerpt,
            }
        )
    corrections = CommitmentCorrection.objects.filter(
        article=article, origin=Origin.MACHINE
    ).select_related("commitment__party")
    for corr in corrections.order_by("id"):
        out.append(
            {
                "party": corr.commitment.party.slug,
                "kind": corr.commitment.category,
                "amount": corr.new_amount,
                "currency": corr.new_currency,
                "stage": corr.stage,
                "evidence": corr.excerpt,
            }
        )
    return out


def _commitment_line(c: dict) -> str:
    amount = f"{c['amount']} {c.get('currency', '')}" if c.get("amount") is not None else "-"
    return f"{c['party']} {c['kind']} {amount} {c['stage']}: {c.get('evidence', '')[:80]}"


def score(articles, ids, verbose=False) -> dict[str, dict]:
    from negotiations.models import Article, ArticleTrack, Evidence, StatementReport
    from negotiations.services.entities import entity_index_get, mentions_find

    scorer = Scorer()
    index = entity_index_get()
    rows: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for art in articles:
        pk = ids.get(art["id"])
        lang = art["language"]
        row = rows[lang]
        row["articles"] += 1
        if pk is None:
            row["not_ingested"] += 1
            continue
        article = Article.objects.get(pk=pk)
        text = article.text
        reports = list(
            StatementReport.objects.filter(article=article, origin="machine").select_related(
                "statement"
            )
        )
        golds = []
        for g in art["statements"]:
            spans = spans_of(text, g["text"])
            golds.append((g, spans))

        def match(g, spans, r) -> bool:
            return any(r.char_start < b and a < r.char_end for a, b in spans) and (
                scorer.same_speaker(g, r.statement)
            )

        for g, spans in golds:
            row["gold_statements"] += 1
            if any(match(g, spans, r) for r in reports):
                row["found"] += 1
            elif verbose:
                print(f"MISSED [{art['id']}] {g['speaker']}: {g['text'][:90]}")
        for r in reports:
            row["machine_statements"] += 1
            if any(match(g, spans, r) for g, spans in golds):
                row["correct"] += 1
            else:
                if not art["relevant"]:
                    row["statements_in_distractors"] += 1
                if verbose:
                    st = r.statement
                    who = (
                        st.speaker.full_name
                        if st.speaker_id
                        else (st.speaker_description or f"party {st.speaker_party_id}")
                    )
                    print(f"EXTRA  [{art['id']}] {who}: {st.text[:90]}")
        claims = {(c["track"], c["status"]) for c in art["status_claims"]}
        proposed = set(
            Evidence.objects.filter(article=article, status_change__origin="machine").values_list(
                "status_change__track__slug", "status_change__status"
            )
        )
        row["status_claims"] += len(claims)
        row["status_found"] += len(claims & proposed)
        row["status_proposed"] += len(proposed)
        row["status_correct"] += len(proposed & claims)
        matched = dict(
            ArticleTrack.objects.filter(article=article).values_list("track__slug", "matched")
        )
        predicted = set(matched)
        gold_tracks = set(art["tracks"])
        row["track_tp"] += len(predicted & gold_tracks)
        row["track_fp"] += len(predicted - gold_tracks)
        row["track_fn"] += len(gold_tracks - predicted)
        if verbose:
            # a missed track, and a false one with the words that filed the article under it
            for slug in sorted(gold_tracks - predicted):
                print(f"TRACK- [{art['id']}] {slug} (ours: {', '.join(sorted(predicted)) or '-'})")
            for slug in sorted(predicted - gold_tracks):
                print(f"TRACK+ [{art['id']}] {slug}: {matched[slug][:120]}")
        if art["relevant"]:
            row["relevant"] += 1
            row["relevant_with_track"] += bool(predicted)
        mentions = mentions_find(text=text, index=index, language=article.language)
        for g in art["names"]:
            row["names"] += 1
            spans = spans_of(text, g["text"])
            if any(
                m.start < b and a < m.end and scorer.name_hit(g, m)
                for a, b in spans
                for m in mentions
            ):
                row["names_resolved"] += 1
            elif verbose:
                print(f"NAME   [{art['id']}] {g['text']!r} -> {g['type']} {g['target']}")
        if "commitments" in art:
            golds_c, machines_c = art["commitments"], machine_commitments(article)
            found, right = commitments_matched(golds_c, machines_c)
            row["commitment_articles"] += 1
            row["gold_commitments"] += len(golds_c)
            row["commitments_found"] += sum(found)
            row["machine_commitments"] += len(machines_c)
            row["commitments_correct"] += sum(right)
            if verbose:
                for g, hit in zip(golds_c, found, strict=True):
                    if not hit:
                        print(f"COMM-  [{art['id']}] {_commitment_line(g)}")
                for m, hit in zip(machines_c, right, strict=True):
                    if not hit:
                        print(f"COMM+  [{art['id']}] {_commitment_line(m)}")
    return rows


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def summarise(row) -> dict[str, float | None]:
    tp, fp, fn = row["track_tp"], row["track_fp"], row["track_fn"]
    p = _ratio(tp, tp + fp)
    r = _ratio(tp, tp + fn)
    f1 = 1.0 if tp + fp + fn == 0 else 2 * p * r / (p + r) if p and r else 0.0
    return {
        "recall": _ratio(row["found"], row["gold_statements"]),
        "precision": _ratio(row["correct"], row["machine_statements"]),
        "tracks_f1": f1,
        "relevance": _ratio(row["relevant_with_track"], row["relevant"]),
        "names": _ratio(row["names_resolved"], row["names"]),
        "status_recall": _ratio(row["status_found"], row["status_claims"]),
        "status_precision": _ratio(row["status_correct"], row["status_proposed"]),
        "commitments_recall": _ratio(row["commitments_found"], row["gold_commitments"]),
        "commitments_precision": _ratio(row["commitments_correct"], row["machine_commitments"]),
    }


def _fmt(value) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def report(rows, split: str) -> None:
    total = defaultdict(int)
    for row in rows.values():
        for k, v in row.items():
            total[k] += v
    print(
        f"Reading accuracy on the {split} half of bench/reading_set "
        f"({total['articles']} articles, {total['gold_statements']} annotated statements)"
    )
    head = f"{'language':<9}{'arts':>5}{'stmts':>6}{'recall':>8}{'prec':>7}{'trkF1':>7}"
    print(
        head + f"{'relev':>7}{'names':>7}{'distr.stmts':>12}{'statR':>7}{'statP':>7}"
        f"{'comms':>6}{'commR':>7}{'commP':>7}"
    )
    for lang in [*sorted(rows), "all"]:
        row = total if lang == "all" else rows[lang]
        s = summarise(row)
        print(
            f"{lang:<9}{row['articles']:>5}{row['gold_statements']:>6}{_fmt(s['recall']):>8}"
            f"{_fmt(s['precision']):>7}{_fmt(s['tracks_f1']):>7}{_fmt(s['relevance']):>7}"
            f"{_fmt(s['names']):>7}{row['statements_in_distractors']:>12}"
            f"{_fmt(s['status_recall']):>7}{_fmt(s['status_precision']):>7}"
            f"{row['gold_commitments']:>6}{_fmt(s['commitments_recall']):>7}"
            f"{_fmt(s['commitments_precision']):>7}"
        )
    s = summarise(total)
    print()
    print("| measured | now | target |")
    print("|---|---|---|")
    worst = min(
        (summarise(r)["recall"] for r in rows.values() if r["gold_statements"]), default=None
    )
    print(
        f"| statements with the right speaker: recall | {_fmt(s['recall'])} (lowest language "
        f"{_fmt(worst)}) | >= 0.75 overall, >= 0.6 in every language |"
    )
    print(f"| statements with the right speaker: precision | {_fmt(s['precision'])} | >= 0.85 |")
    print(f"| tracks per article, F1 | {_fmt(s['tracks_f1'])} | >= 0.8 |")
    print(
        f"| relevance: a report on the talks gets >= 1 track | {_fmt(s['relevance'])} | >= 0.95, "
        f"no statement from a distractor ({total['statements_in_distractors']} now) |"
    )
    print(f"| name variants resolved | {_fmt(s['names'])} | >= 0.9 |")
    print(
        f"| status claims (track and status) found: recall {_fmt(s['status_recall'])}, "
        f"precision {_fmt(s['status_precision'])} | (not a target of issue 11) |"
    )
    worst_c = min(
        (summarise(r)["commitments_recall"] for r in rows.values() if r["gold_commitments"]),
        default=None,
    )
    worst_cp = min(
        (summarise(r)["commitments_precision"] for r in rows.values() if r["machine_commitments"]),
        default=None,
    )
    print(
        f"| commitments (party, kind, amount, stage; {total['commitment_articles']} annotated "
        f"articles): recall {_fmt(s['commitments_recall'])} (lowest language {_fmt(worst_c)}), "
        f"precision {_fmt(s['commitments_precision'])} (lowest language {_fmt(worst_cp)}) | "
        f"recall >= 0.7, precision >= 0.85, in every language |"
    )


def timings(articles, ids) -> dict[str, float]:
    """Median milliseconds to analyse one article again (names, tracks, statements, statuses),
    per language: the reading's cost, without fetching and extraction."""
    import statistics
    import time

    from negotiations.models import Article
    from negotiations.services.analysis import article_analyse

    per_lang: dict[str, list[float]] = defaultdict(list)
    for art in articles:
        pk = ids.get(art["id"])
        if pk is None:
            continue
        article = Article.objects.get(pk=pk)
        article_analyse(article=article)  # warm: caches and the entity index
        start = time.perf_counter()
        article_analyse(article=article)
        per_lang[art["language"]].append((time.perf_counter() - start) * 1000)
    return {lang: statistics.median(v) for lang, v in sorted(per_lang.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["test", "tune", "all"], default="test")
    parser.add_argument("--lang", nargs="*")
    parser.add_argument("--batch", help="only the articles of this collection batch")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--timings", action="store_true", help="time the analysis per language")
    args = parser.parse_args()
    setup("tracker_bench_reading")
    from django.core.management import call_command

    null = open("/dev/null", "w")  # noqa: SIM115
    call_command("load_seed_record", verbosity=0, stdout=null)
    call_command("load_knowledge_base", verbosity=0, stdout=null)
    articles = load_set(args.split, args.lang, args.batch)
    ids = ingest(articles)
    rows = score(articles, ids, verbose=args.verbose)
    report(rows, args.split)
    if args.timings:
        print()
        print(
            "analysis per article, median ms: "
            + ", ".join(f"{lang} {ms:.0f}" for lang, ms in timings(articles, ids).items())
        )


if __name__ == "__main__":
    main()
