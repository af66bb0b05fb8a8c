# SQL here is assembled from constants of this file and requests go to 127.0.0.1 only:
# ruff: noqa: S608, S310
"""API latency against bare SQL, on 100,000 articles and 300,000 statements in PostgreSQL.

Run by hand (not in the test suite), from the project root:

    .venv/bin/python bench/api_latency.py            # build tracker_bench_api, measure
    .venv/bin/python bench/api_latency.py --reuse    # measure again on the data already there

It (1) creates the database ``tracker_bench_api`` on 127.0.0.1 (dropping an old one), migrates
it and loads generated data with COPY: article texts and statements are recombined sentences of the
seeds (seeds/) and of the extraction corpus (/work/shared/corpora/article-extraction-benchmark/);
(2) serves the project with gunicorn on 127.0.0.1; (3) times each endpoint (p50/p95 over N
sequential requests) taking turns with the bare SQL that returns the same rows (the page's rows
and their nested rows, through psycopg2), run plainly and as prepared statements, and prints the
ratios; (4) measures requests per second at a fixed concurrency. Figures go to
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("BENCH_CORPUS", "/work/shared/corpora/article-extraction-benchmark"))
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
TOKEN = "b" * 40
SENTENCE = re.compile(r"(?<=[.!?])\s+")

# --- Data -----------------------------------------------------------------------------------------

N_PARTIES = 30
N_OFFICIALS = 300  # one position each, with a party
N_OUTLETS = 80  # the first N_AGENCIES are agencies (the wires)
N_AGENCIES = 8
N_TRACKS = 12  # one participant each; 100 status changes each
CHANGES_PER_TRACK = 100
LANGUAGES = ["en", "en", "en", "ru", "uk", "fr", "de"]
KINDS = ["direct_quote", "paraphrase"]
CHANNELS = ["telegram", "interview", "press_briefing", "told_journalists", "speech"]
STATUSES = ["proposed", "announced", "scheduled", "talks_under_way", "agreed", "signed"]
PUBLISHED_FROM = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)  # articles: four years from here
SAID_FROM = dt.date(2022, 1, 1)  # statements and status changes likewise
REVIEW = ("approved",) * 9 + ("pending",)  # one statement in ten waits for review
# origin, analyser_version, reviewed_by_id, reviewed_at, review_note
REVIEW_META = ("curated", "", None, None, "")
REVIEWABLE = [
    "review_state",
    "origin",
    "analyser_version",
    "reviewed_by_id",
    "reviewed_at",
    "review_note",
]
STAMPS = ["created_at", "updated_at"]
# Given sequences, once the load is done (the rows were copied with their ids).
TABLES = [
    "party",
    "official",
    "position",
    "outlet",
    "track",
    "trackparticipant",
    "story",
    "article",
    "statement",
    "statementtrack",
    "statementreport",
    "statuschange",
    "evidence",
]


def sentences() -> list[str]:
    texts = [p.read_text(errors="replace") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    truth = CORPUS / "ground-truth.json"
    if truth.exists():
        texts += [item.get("articleBody", "") for item in json.loads(truth.read_text()).values()]
    else:  # the HTML pages alone: crude text is enough to recombine
        for page in sorted((CORPUS / "html").glob("*.gz"))[:50]:
            html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
            texts.append(re.sub(r"<[^>]+>", " ", html))
    found = []
    for text in texts:
        for sentence in SENTENCE.split(" ".join(text.split())):
            if 40 <= len(sentence) <= 300 and sentence[0].isupper():
                found.append(sentence)
    return found


def copy(cursor, table: str, columns: list[str], rows) -> int:
    """COPY rows in batches of 20,000 (csv format; None is NULL).

    Text columns the model gained since this script listed its columns (NOT NULL, no database
    default: Django fills them) are loaded empty, as a blank form field would be."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
        " AND is_nullable = 'NO' AND column_default IS NULL"
        " AND data_type IN ('text', 'character varying') ORDER BY ordinal_position",
        [table],
    )
    blank = [name for (name,) in cursor.fetchall() if name not in columns]
    if blank:
        columns = [*columns, *blank]
        rows = ((*row, *[""] * len(blank)) for row in rows)
    count = 0
    batch = io.StringIO()
    writer = csv.writer(batch)

    def flush() -> None:
        batch.seek(0)
        cursor.copy_expert(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
            batch,
        )
        batch.seek(0)
        batch.truncate()

    for row in rows:
        writer.writerow(["\\N" if value is None else value for value in row])
        count += 1
        if count % 20000 == 0:
            flush()
    flush()
    return count


@dataclass
class Load:
    """What the tables being loaded share: the cursor, one random source (the tables are loaded
    in a fixed order, so a seed gives the same data), the sentences, and what later tables refer
    to."""

    cur: Any
    rng: random.Random
    pool: list[str]
    n_articles: int
    n_statements: int
    stamp: tuple[str, str]
    party_of: dict[int, int] = field(default_factory=dict)  # official -> party
    outlet_language: dict[int, str] = field(default_factory=dict)
    first_sentence: dict[int, str] = field(default_factory=dict)  # article -> its first sentence

    @property
    def n_stories(self) -> int:
        return self.n_articles // 5


def load_people(load: Load) -> None:
    """Parties, officials, and one position per official (for a party drawn at random)."""
    copy(
        load.cur,
        "negotiations_party",
        [
            "id",
            "name",
            "slug",
            "short_name",
            "kind",
            "iso_code",
            "wikidata_id",
            "description",
            *STAMPS,
        ],
        (
            (i, f"Party {i}", f"party-{i}", "", "state", "", "", "", *load.stamp)
            for i in range(1, N_PARTIES + 1)
        ),
    )
    copy(
        load.cur,
        "negotiations_official",
        ["id", "full_name", "slug", "native_name", "wikidata_id", "notes", *STAMPS],
        (
            (i, f"Official {i}", f"official-{i}", "", "", "", *load.stamp)
            for i in range(1, N_OFFICIALS + 1)
        ),
    )
    load.party_of = {i: load.rng.randint(1, N_PARTIES) for i in range(1, N_OFFICIALS + 1)}
    copy(
        load.cur,
        "negotiations_position",
        [
            "id",
            "official_id",
            "party_id",
            "title",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            *STAMPS,
        ],
        (
            (i, i, load.party_of[i], "Minister", "2020-01-01", "day", None, "day", *load.stamp)
            for i in range(1, N_OFFICIALS + 1)
        ),
    )


def load_outlets(load: Load) -> None:
    """Outlets in a language drawn at random; every seventh is state-affiliated."""
    rows = []
    for i in range(1, N_OUTLETS + 1):
        kind = "agency" if i <= N_AGENCIES else "newspaper"
        load.outlet_language[i] = load.rng.choice(LANGUAGES)
        rows.append(
            (
                i,
                f"Outlet {i}",
                f"outlet-{i}",
                kind,
                "",
                load.outlet_language[i],
                i % 7 == 0,
                "",
                None,
                "approved",
                *load.stamp,
            )
        )
    copy(
        load.cur,
        "negotiations_outlet",
        [
            "id",
            "name",
            "slug",
            "kind",
            "country_code",
            "language",
            "state_affiliated",
            "affiliation_note",
            "first_followed_on",
            "review_state",
            *STAMPS,
        ],
        rows,
    )


def load_tracks(load: Load) -> None:
    """Bilateral tracks, each with one guarantor."""
    copy(
        load.cur,
        "negotiations_track",
        ["id", "name", "slug", "kind", "parent_id", "description", "keywords", *STAMPS],
        (
            (i, f"Track {i}", f"track-{i}", "bilateral", None, "", "", *load.stamp)
            for i in range(1, N_TRACKS + 1)
        ),
    )
    copy(
        load.cur,
        "negotiations_trackparticipant",
        ["id", "track_id", "party_id", "role", "joined_on", "note", *STAMPS],
        ((i, i, i, "guarantor", None, "", *load.stamp) for i in range(1, N_TRACKS + 1)),
    )


def load_articles(load: Load) -> None:
    """Stories (one per five articles), then articles of 5 to 10 sentences over four years, one
    in five through a wire and three in ten in a story."""
    copy(
        load.cur,
        "negotiations_story",
        ["id", "title", "first_published_at", *STAMPS],
        ((i, f"Story {i}", None, *load.stamp) for i in range(1, load.n_stories + 1)),
    )
    rng = load.rng

    def rows():
        for i in range(1, load.n_articles + 1):
            body = [rng.choice(load.pool) for _ in range(rng.randint(5, 10))]
            text = " ".join(body) + f" (ref {i})"
            load.first_sentence[i] = body[0]
            outlet = rng.randint(1, N_OUTLETS)
            wire = rng.randint(1, N_AGENCIES) if rng.random() < 0.2 else None
            story = rng.randint(1, load.n_stories) if rng.random() < 0.3 else None
            published = PUBLISHED_FROM + dt.timedelta(minutes=rng.randint(0, 4 * 365 * 24 * 60))
            yield (
                i,
                f"https://news.example.org/{i}",
                "",
                outlet,
                wire,
                story,
                body[0][:200],
                "",
                published.isoformat(),
                "day",
                load.outlet_language[outlet],
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                "seed",
                "",
                *load.stamp,
            )

    copy(
        load.cur,
        "negotiations_article",
        [
            "id",
            "url",
            "canonical_url",
            "outlet_id",
            "wire_outlet_id",
            "story_id",
            "title",
            "byline",
            "published_at",
            "published_precision",
            "language",
            "text",
            "fingerprint",
            "source_kind",
            "source_ref",
            *STAMPS,
        ],
        rows(),
    )


def load_statements(load: Load) -> None:
    """Statements of one or two sentences, four in five by a known official, one in twenty
    undated; each on one track drawn at random."""
    rng = load.rng

    def rows():
        for i in range(1, load.n_statements + 1):
            speaker = rng.randint(1, N_OFFICIALS) if rng.random() < 0.8 else None
            text = " ".join(rng.choice(load.pool) for _ in range(rng.randint(1, 2)))
            said = (
                SAID_FROM + dt.timedelta(days=rng.randint(0, 4 * 365))
                if rng.random() < 0.95
                else None
            )
            # Drawn in this order (the seed's data): review, party, kind, channel.
            review = rng.choice(REVIEW)
            party = load.party_of[speaker] if speaker else rng.randint(1, N_PARTIES)
            kind = rng.choice(KINDS)
            channel = rng.choice(CHANNELS)
            yield (
                i,
                review,
                *REVIEW_META,
                speaker,
                party,
                speaker,
                "" if speaker else "a senior official",
                text,
                kind,
                said.isoformat() if said else None,
                "day",
                "",
                channel,
                "",
                *load.stamp,
            )

    copy(
        load.cur,
        "negotiations_statement",
        [
            "id",
            *REVIEWABLE,
            "speaker_id",
            "speaker_party_id",
            "speaker_position_id",
            "speaker_description",
            "text",
            "kind",
            "said_on",
            "said_precision",
            "said_phrase",
            "channel",
            "channel_detail",
            *STAMPS,
        ],
        rows(),
    )
    copy(
        load.cur,
        "negotiations_statementtrack",
        ["id", *REVIEWABLE, "statement_id", "track_id", "matched", "score", *STAMPS],
        (  # curated links: no matched words, score 0 (as the model's defaults)
            (i, "approved", *REVIEW_META, i, rng.randint(1, N_TRACKS), "", 0, *load.stamp)
            for i in range(1, load.n_statements + 1)
        ),
    )


def load_reports(load: Load) -> int:
    """One or two reports per statement, in articles drawn at random (the wording is the
    article's first sentence); returns how many."""
    rng = load.rng

    def rows():
        rid = 0
        for i in range(1, load.n_statements + 1):
            for article in rng.sample(range(1, load.n_articles + 1), rng.randint(1, 2)):
                rid += 1
                yield (
                    rid,
                    "approved",
                    *REVIEW_META,
                    i,
                    article,
                    load.first_sentence[article],
                    rng.choice(KINDS),
                    None,
                    None,
                    *load.stamp,
                )

    return copy(
        load.cur,
        "negotiations_statementreport",
        [
            "id",
            *REVIEWABLE,
            "statement_id",
            "article_id",
            "wording",
            "kind",
            "char_start",
            "char_end",
            *STAMPS,
        ],
        rows(),
    )


def load_status_changes(load: Load) -> int:
    """A status history per track (on distinct days), each change with one piece of evidence;
    returns how many changes."""
    rng = load.rng

    def rows():
        cid = 0
        for track in range(1, N_TRACKS + 1):
            for day in rng.sample(range(4 * 365), CHANGES_PER_TRACK):
                cid += 1
                effective = (SAID_FROM + dt.timedelta(days=day)).isoformat()
                yield (
                    cid,
                    "approved",
                    *REVIEW_META,
                    track,
                    rng.choice(STATUSES),
                    effective,
                    "day",
                    "",
                    "",
                    *load.stamp,
                )

    n_changes = copy(
        load.cur,
        "negotiations_statuschange",
        [
            "id",
            *REVIEWABLE,
            "track_id",
            "status",
            "effective_date",
            "date_precision",
            "date_phrase",
            "summary",
            *STAMPS,
        ],
        rows(),
    )
    evidence = ((i, rng.randint(1, load.n_articles)) for i in range(1, n_changes + 1))
    copy(
        load.cur,
        "negotiations_evidence",
        [
            "id",
            "article_id",
            "excerpt",
            "char_start",
            "char_end",
            "status_change_id",
            "commitment_id",
            *STAMPS,
        ],
        (
            (i, article, load.first_sentence[article], None, None, i, None, *load.stamp)
            for i, article in evidence
        ),
    )
    return n_changes


def finish(conn, cur) -> None:
    """Commit (the deferred foreign-key checks run here), move the id sequences past the copied
    ids, rebuild the search indexes, and analyse."""
    conn.commit()
    for table in TABLES:
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('negotiations_{table}', 'id'), "
            f"(SELECT max(id) FROM negotiations_{table}))"
        )
    cur.execute(
        "CREATE INDEX article_search_vector_gin ON negotiations_article USING gin (search_vector)"
    )
    cur.execute(
        "CREATE INDEX statement_search_vector_gin ON negotiations_statement USING gin "
        "(search_vector)"
    )
    conn.commit()
    conn.autocommit = True
    cur.execute("VACUUM ANALYZE")


def generate(conn, *, n_articles: int, n_statements: int, seed: int = 7) -> dict[str, int]:
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC).isoformat()
    cur = conn.cursor()
    load = Load(cur, random.Random(seed), sentences(), n_articles, n_statements, (now, now))
    t0 = time.monotonic()
    # The search indexes are rebuilt once after the load (faster than maintaining them per row).
    cur.execute("DROP INDEX IF EXISTS article_search_vector_gin, statement_search_vector_gin")
    load_people(load)
    load_outlets(load)
    load_tracks(load)
    load_articles(load)
    t_articles = time.monotonic() - t0
    load_statements(load)
    n_reports = load_reports(load)
    n_changes = load_status_changes(load)
    finish(conn, cur)
    print(
        f"  loaded in {time.monotonic() - t0:.0f} s (articles {t_articles:.0f} s): "
        f"{n_articles} articles, {n_statements} statements, {n_reports} reports, "
        f"{n_changes} status changes"
    )
    return {"reports": n_reports}


# --- Measurement ----------------------------------------------------------------------------------

PAGE = 50
STATEMENT_COLUMNS = """s.id, s.review_state, s.origin, s.reviewed_at, s.review_note, s.speaker_id,
    s.speaker_party_id, s.speaker_position_id, s.speaker_description, s.text, s.kind, s.said_on,
    s.said_precision, s.said_phrase, s.channel, s.channel_detail, s.created_at, s.updated_at,
    o.id, o.slug, o.full_name, p.id, p.slug, p.name, p.short_name, pos.id, pos.title,
    pos.party_id, pos.start_date, pos.end_date"""
STATEMENT_FROM = """negotiations_statement s
    LEFT JOIN negotiations_official o ON o.id = s.speaker_id
    LEFT JOIN negotiations_party p ON p.id = s.speaker_party_id
    LEFT JOIN negotiations_position pos ON pos.id = s.speaker_position_id"""
REPORTS_SQL = """SELECT r.id, r.statement_id, r.wording, r.kind, r.char_start, r.char_end,
    r.review_state, a.id, a.title, a.url, a.published_at, a.language, a.story_id,
    ao.id, ao.slug, ao.name, ao.state_affiliated, w.id, w.slug, w.name, w.state_affiliated
    FROM negotiations_statementreport r JOIN negotiations_article a ON a.id = r.article_id
    LEFT JOIN negotiations_outlet ao ON ao.id = a.outlet_id
    LEFT JOIN negotiations_outlet w ON w.id = a.wire_outlet_id
    WHERE r.review_state = 'approved' AND r.statement_id = ANY(%s)
    ORDER BY a.published_at, r.id"""
# The timeline and search show statements without their reports' details or tracks
# (TimelineStatementSerializer): the baseline selects what they show.
BRIEF_STATEMENT_COLUMNS = """s.id, s.speaker_id, s.speaker_party_id, s.speaker_description, s.text,
    s.kind, s.said_on, s.said_precision, s.channel, s.channel_detail, o.id, o.slug, o.full_name,
    p.id, p.slug, p.name, p.short_name"""
BRIEF_STATEMENT_FROM = """negotiations_statement s
    LEFT JOIN negotiations_official o ON o.id = s.speaker_id
    LEFT JOIN negotiations_party p ON p.id = s.speaker_party_id"""
TIMELINE_REPORTS_SQL = """SELECT r.id, r.statement_id, r.wording, a.id, a.title, a.url,
    a.published_at, a.language, ao.id, ao.slug, ao.name, ao.state_affiliated
    FROM negotiations_statementreport r JOIN negotiations_article a ON a.id = r.article_id
    LEFT JOIN negotiations_outlet ao ON ao.id = a.outlet_id
    WHERE r.review_state = 'approved' AND r.statement_id = ANY(%s)
    ORDER BY a.published_at, r.id"""
LINKS_SQL = """SELECT l.id, l.statement_id, l.review_state, t.id, t.slug, t.name
    FROM negotiations_statementtrack l JOIN negotiations_track t ON t.id = l.track_id
    WHERE l.review_state = 'approved' AND l.statement_id = ANY(%s)"""


def statements_sql(
    where: str = "TRUE",
    order: str = "COALESCE(s.said_on, '0001-01-01'::date) DESC, s.id DESC",
    select_extra: str = "",
    params=(),
):
    def run(cur):
        cur.execute(
            f"SELECT {STATEMENT_COLUMNS}{select_extra} FROM {STATEMENT_FROM} "
            f"WHERE s.review_state = 'approved' AND {where} ORDER BY {order} LIMIT {PAGE + 1}",
            params,
        )
        rows = cur.fetchall()
        ids = [row[0] for row in rows]
        cur.execute(REPORTS_SQL, (ids,))
        cur.fetchall()
        cur.execute(LINKS_SQL, (ids,))
        cur.fetchall()
        return len(rows)

    return run


ARTICLE_COLUMNS = """a.id, a.url, a.canonical_url, a.outlet_id, a.wire_outlet_id, a.story_id,
    a.title, a.byline, a.published_at, a.published_precision, a.language, a.source_kind,
    a.source_ref, a.fingerprint, a.created_at, a.updated_at, o.id, o.slug, o.name,
    o.state_affiliated, w.id, w.slug, w.name, w.state_affiliated"""
ARTICLE_FROM = """negotiations_article a LEFT JOIN negotiations_outlet o ON o.id = a.outlet_id
    LEFT JOIN negotiations_outlet w ON w.id = a.wire_outlet_id"""


def articles_sql(cur):
    cur.execute(
        f"""SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM}
        ORDER BY COALESCE(a.published_at, '0001-01-01 00:00:00+00:00'::timestamptz) DESC,
        a.id DESC LIMIT {PAGE + 1}"""
    )
    return len(cur.fetchall())


def timeline_sql(track: int):
    def run(cur):
        cur.execute(  # the page names the track and its current status
            """SELECT t.id, t.slug, t.name, (SELECT c.status FROM negotiations_statuschange c
            WHERE c.track_id = t.id AND c.review_state = 'approved'
            ORDER BY c.effective_date DESC, c.id DESC LIMIT 1)
            FROM negotiations_track t WHERE t.id = %s""",
            (track,),
        )
        cur.fetchall()
        cur.execute(
            """SELECT c.id, c.status, c.effective_date, c.date_precision, c.date_phrase, c.summary
            FROM negotiations_statuschange c WHERE c.review_state = 'approved' AND c.track_id = %s
            ORDER BY c.effective_date, c.id LIMIT %s""",
            (track, PAGE + 1),
        )
        changes = [row[0] for row in cur.fetchall()]
        cur.execute(
            """SELECT e.id, e.status_change_id, e.excerpt, a.id, a.title, a.url, a.published_at,
            a.language, o.id, o.slug, o.name, o.state_affiliated FROM negotiations_evidence e
            JOIN negotiations_article a ON a.id = e.article_id
            LEFT JOIN negotiations_outlet o ON o.id = a.outlet_id
            WHERE e.status_change_id = ANY(%s) ORDER BY e.id""",
            (changes,),
        )
        cur.fetchall()
        cur.execute(
            f"""SELECT {BRIEF_STATEMENT_COLUMNS} FROM {BRIEF_STATEMENT_FROM}
            WHERE s.review_state = 'approved' AND s.said_on IS NOT NULL AND EXISTS (SELECT 1
            FROM negotiations_statementtrack l WHERE l.statement_id = s.id AND l.track_id = %s
            AND l.review_state = 'approved') ORDER BY s.said_on, s.id LIMIT %s""",
            (track, PAGE + 1),
        )
        ids = [row[0] for row in cur.fetchall()]
        cur.execute(TIMELINE_REPORTS_SQL, (ids,))
        return len(cur.fetchall())

    return run


def search_sql(words: str):
    def run(cur):
        cur.execute(
            f"""SELECT {ARTICLE_COLUMNS}, ts_rank(a.search_vector, q) AS rank
            FROM {ARTICLE_FROM}, websearch_to_tsquery('english', %s) q WHERE a.search_vector @@ q
            ORDER BY rank DESC, a.id DESC LIMIT 20""",
            (words,),
        )
        cur.fetchall()
        cur.execute(
            f"""SELECT {BRIEF_STATEMENT_COLUMNS}, ts_rank(s.search_vector, q) AS rank
            FROM {BRIEF_STATEMENT_FROM}, websearch_to_tsquery('english', %s) q
            WHERE s.review_state = 'approved' AND s.search_vector @@ q
            ORDER BY rank DESC, s.id DESC LIMIT 20""",
            (words,),
        )
        return len(cur.fetchall())

    return run


class PreparingCursor:
    """The bench's cursor, running each distinct SQL as a prepared statement (as the service does
    with DATABASE_PREPARED_STATEMENTS=1): the second baseline, without planning."""

    def __init__(self, cur) -> None:
        self.cur = cur
        self.names: dict[str, str] = {}

    def execute(self, sql: str, params=()) -> None:
        name = self.names.get(sql)
        if name is None:
            name = self.names[sql] = f"bench_{len(self.names)}"
            numbered = iter(range(1, 1000))
            body = re.sub(r"%[s%]", lambda m: "%" if m[0] == "%%" else f"${next(numbered)}", sql)
            self.cur.execute(f"PREPARE {name} AS {body}")
        if params:
            self.cur.execute(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)
        else:
            self.cur.execute(f"EXECUTE {name}")

    def fetchall(self):
        return self.cur.fetchall()


def timed(fn, n: int) -> list[float]:
    return interleaved([fn], n)[0]


def interleaved(fns, n: int) -> list[list[float]]:
    """Times each function ``n`` times, taking turns (one call of each per round), so that all
    of them see the same minutes of a machine whose speed drifts (the same page was seen to take
    6.3 ms, then 8.1 ms a minute later)."""
    out: list[list[float]] = [[] for _ in fns]
    for _ in range(n):
        for fn, times in zip(fns, out, strict=True):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fetch(base: str, path: str) -> bytes:
    request = urllib.request.Request(base + path, headers={"Authorization": f"Token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200, path
        return response.read()


def start_gunicorn(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, str]:
    log = Path(tempfile.gettempdir()) / f"bench_gunicorn_{os.getpid()}.log"
    sink = log.open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "tracker.wsgi",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            str(workers),
            "--log-level",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=sink,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log.read_text())
        if found and log.read_text().count("Booting worker") >= workers:
            return server, found.group(1)
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start:\n{log.read_text()}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="tracker_bench_api")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--statements", type=int, default=300_000)
    parser.add_argument("--requests", type=int, default=100, help="per endpoint")
    parser.add_argument(
        "--warmup",
        type=int,
        default=20,
        help="untimed requests (and SQL runs) per endpoint first: every gunicorn worker's "
        "connection, caches and specialised bytecode warm, as in a server that has been up",
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15, help="throughput run length")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--reuse", action="store_true", help="keep the data already loaded")
    parser.add_argument(
        "--blocks",
        action="store_true",
        help="time each endpoint's requests, then its SQL, in blocks (the method before turns)",
    )
    args = parser.parse_args()
    assert re.fullmatch(r"[a-z_][a-z0-9_]*", args.db), "plain database names only"
    return args


def service_env(db: str) -> dict[str, str]:
    """The environment of the service under test (and of its manage.py commands)."""
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "API_THROTTLE_USER": "10000000/minute",
        "LOG_LEVEL": "WARNING",
    }


def build_database(args: argparse.Namespace, env: dict[str, str]) -> None:
    """A new database: created (an old one dropped), migrated, loaded, with the bench's user and
    its API token."""
    admin = psycopg2.connect(dbname="postgres", **PG)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {args.db}")
        cur.execute(f"CREATE DATABASE {args.db}")
    admin.close()
    print(f"database {args.db}: migrating")
    manage(env, "migrate", "-v0")
    conn = psycopg2.connect(dbname=args.db, **PG)
    print("generating data")
    generate(conn, n_articles=args.articles, n_statements=args.statements)
    conn.close()
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User;"
        "from rest_framework.authtoken.models import Token;"
        "u = User.objects.create(username='bench');"
        "u.groups.add(*Group.objects.filter(name__in=['viewer', 'reviewer']));"
        f"Token.objects.create(user=u, key='{TOKEN}')",
    )


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def scenarios(cur) -> list[tuple[str, str, Callable]]:
    """Each endpoint measured: its name, its path, and the bare SQL that returns its rows."""
    cur.execute("SELECT id FROM negotiations_track ORDER BY id LIMIT 1")
    track = cur.fetchone()[0]
    cur.execute("SELECT id FROM negotiations_official ORDER BY id LIMIT 1")
    speaker = cur.fetchone()[0]
    words = "security guarantees"
    return [
        ("statements list", "/api/v1/statements/", statements_sql()),
        ("articles list", "/api/v1/articles/", articles_sql),
        (
            "statements filter (track + date range)",
            f"/api/v1/statements/?track={track}&date_from=2023-01-01&date_to=2023-12-31",
            statements_sql(
                where="COALESCE(s.said_on, '0001-01-01'::date) BETWEEN '2023-01-01' AND "
                "'2023-12-31' AND s.said_on IS NOT NULL AND EXISTS (SELECT 1 "
                "FROM negotiations_statementtrack l WHERE l.statement_id = s.id AND "
                "l.track_id = %s AND l.review_state = 'approved')",
                params=(track,),
            ),
        ),
        (
            "statements filter (speaker)",
            f"/api/v1/statements/?speaker={speaker}",
            statements_sql(where="s.speaker_id = %s", params=(speaker,)),
        ),
        (
            "search (articles + statements)",
            f"/api/v1/search/?q={words.replace(' ', '+')}",
            search_sql(words),
        ),
        ("track timeline", f"/api/v1/tracks/{track}/timeline/?limit={PAGE}", timeline_sql(track)),
    ]


def measure_latency(args: argparse.Namespace, base: str, cur, scenarios) -> list[tuple]:
    """Per endpoint: the API's times, the bare SQL's, and the SQL's as prepared statements."""
    results = []
    preparing = PreparingCursor(cur)
    for name, path, sql in scenarios:
        for _ in range(args.warmup):  # warm both sides (connections, caches, plans)
            fetch(base, path)
            sql(cur)
            sql(preparing)
        runs = [
            lambda path=path: fetch(base, path),
            lambda sql=sql: sql(cur),
            lambda sql=sql: sql(preparing),
        ]
        if args.blocks:
            api, bare, planned_once = (timed(run, args.requests) for run in runs)
        else:
            api, bare, planned_once = interleaved(runs, args.requests)
        results.append((name, path, api, bare, planned_once))
    return results


def measure_throughput(base: str, paths: list[str], concurrency: int, seconds: float) -> float:
    """Requests per second, ``concurrency`` clients taking the paths in turn for ``seconds``."""
    stop = time.monotonic() + seconds
    done = [0]
    lock = threading.Lock()

    def worker(index: int) -> None:
        i = index
        while time.monotonic() < stop:
            fetch(base, paths[i % len(paths)])
            i += 1
            with lock:
                done[0] += 1

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, range(concurrency)))
    return done[0] / (time.monotonic() - started)


def report(args, results, health: list[float], floor: list[float], rps: float) -> None:
    print()
    print(
        f"{'endpoint':40} {'API p50':>8} {'API p95':>8} {'SQL p50':>8} {'SQL p95':>8} {'ratio':>6}"
        f" {'prep p50':>8} {'ratio':>6}"
    )
    for name, _, api, bare, planned_once in results:
        ratio = statistics.median(api) / statistics.median(bare)
        against_prepared = statistics.median(api) / statistics.median(planned_once)
        print(
            f"{name:40} {pct(api, 0.5):8.1f} {pct(api, 0.95):8.1f} {pct(bare, 0.5):8.1f} "
            f"{pct(bare, 0.95):8.1f} {ratio:6.1f} {pct(planned_once, 0.5):8.1f} "
            f"{against_prepared:6.1f}"
        )
    print(
        f"{'/healthz (HTTP + WSGI floor, no DB)':40} "
        f"{pct(health, 0.5):8.1f} {pct(health, 0.95):8.1f}"
    )
    print(
        f"{'/api/v1/ (authenticated floor, no page)':40} "
        f"{pct(floor, 0.5):8.1f} {pct(floor, 0.95):8.1f}"
    )
    print(
        f"\nthroughput: {rps:.0f} requests/s at concurrency {args.concurrency} "
        f"(gunicorn {args.workers} workers, the six endpoints in rotation, {args.seconds:.0f} s)"
    )
    print(
        "times in ms; ratio = API p50 / SQL p50 (the target); prep = the same SQL as prepared "
        "statements, planned once; page size",
        PAGE,
    )


def main() -> None:
    args = parse_args()
    env = service_env(args.db)
    if not args.reuse:
        build_database(args, env)
    conn = psycopg2.connect(dbname=args.db, **PG)
    conn.autocommit = True
    cur = conn.cursor()
    measured = scenarios(cur)
    server, base = start_gunicorn(env, args.workers)
    try:
        results = measure_latency(args, base, cur, measured)
        health = timed(lambda: urllib.request.urlopen(base + "/healthz").read(), args.requests)
        # The least an authenticated API request costs: the token query and the permission check,
        # no page query (the root only lists the endpoints' URLs).
        floor = timed(lambda: fetch(base, "/api/v1/"), args.requests)
        paths = [path for _, path, _ in measured]
        rps = measure_throughput(base, paths, args.concurrency, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(args, results, health, floor, rps)


if __name__ == "__main__":
    main()
