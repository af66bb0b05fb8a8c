"""The curated seed record: the seed articles (``seeds/``) and the analyst's record (``fixtures/``).

``seed_record_read`` reads and checks everything without touching the database: every reference
resolves, every report wording and evidence excerpt is the article's text at its recorded offsets,
every alias said to come from the seeds occurs in them, every speaker held the cited position when
the statement was made. ``seed_record_load`` then writes it in one transaction.

Loading is idempotent and safe next to machine-made rows: rows are matched by natural identity
(slugs, ISO codes, domains, the article fingerprint, a statement's speaker + date + wording, the
models' unique constraints), never by primary key, and the loader never deletes anything.
fixtures/README.md documents the format.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from negotiations.models import (
    Alias,
    Article,
    Channel,
    Commitment,
    CommitmentStage,
    DatePrecision,
    Evidence,
    Official,
    Origin,
    Outlet,
    OutletDomain,
    Party,
    PartyMembership,
    Place,
    Position,
    ReviewState,
    Statement,
    StatementReport,
    StatementTrack,
    StatusChange,
    Track,
    TrackParticipant,
)
from negotiations.text.normalize import content_fingerprint, normalize_name
from negotiations.text.periods import period_end, periods_overlap

SEEDS_DIR: Path = Path(settings.BASE_DIR) / "seeds"
FIXTURES_DIR: Path = Path(settings.BASE_DIR) / "fixtures"
KNOWLEDGE_DIR: Path = FIXTURES_DIR / "knowledge"
MANIFEST_NAME = "manifest.json"
# Loaded in this order: later sections refer to earlier ones.
SECTIONS = ("outlets", "parties", "places", "officials", "tracks", "statements", "commitments")

_CURATED = {"review_state": ReviewState.APPROVED, "origin": Origin.CURATED}
_UTC_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


class SeedRecordError(Exception):
    """The seed record is inconsistent. ``problems`` lists each one, naming its file and fact."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The seed record is inconsistent ({len(problems)} problem(s)):\n{lines}")


@dataclass
class SeedArticle:
    file: str
    text: str
    entry: dict[str, Any]


@dataclass
class SeedRecord:
    """The seed record as read from disk and checked; nothing here touches the database."""

    articles: dict[str, SeedArticle]
    sections: dict[str, list[dict[str, Any]]]


@dataclass
class SeedLoadResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            for name in names
        ]

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


# --- Reading and checking -----------------------------------------------------------------------


def seed_record_read(
    *, seeds_dir: Path = SEEDS_DIR, fixtures_dir: Path = FIXTURES_DIR
) -> SeedRecord:
    """Read the manifest, the seed texts and the fixtures, and check that they agree.

    Raises ``SeedRecordError`` listing every problem found; touches no database.
    """
    problems: list[str] = []
    manifest_path = seeds_dir / MANIFEST_NAME
    manifest = _read_json(manifest_path, problems)
    sections: dict[str, list[dict[str, Any]]] = {}
    for name in SECTIONS:
        data = _read_json(fixtures_dir / f"{name}.json", problems)
        items = data.get(name) if isinstance(data, dict) else None
        if data is not None and not isinstance(items, list):
            problems.append(f"{fixtures_dir.name}/{name}.json: no {name!r} list at the top level")
        sections[name] = items if isinstance(items, list) else []
    if problems:
        raise SeedRecordError(problems)

    articles = _read_articles(seeds_dir, manifest, problems)
    _Checker(articles, sections, fixtures_dir.name, problems).check_all()
    if problems:
        raise SeedRecordError(problems)
    return SeedRecord(articles=articles, sections=sections)


def knowledge_base_read(*, knowledge_dir: Path = KNOWLEDGE_DIR) -> SeedRecord:
    """Read the reference knowledge base: every ``*.json`` of the folder, merged by section.

    Same format and checks as the seed record (fixtures/README.md), without articles: people with
    dated positions, parties, places and tracks. Raises ``SeedRecordError`` listing every problem.
    """
    problems: list[str] = []
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    paths = sorted(knowledge_dir.glob("*.json"))
    if not paths:
        raise SeedRecordError([f"{knowledge_dir}: no knowledge base files"])
    for path in paths:
        data = _read_json(path, problems)
        name = data.get("section") if isinstance(data, dict) else None
        if data is None:
            continue
        if name not in SECTIONS or name in {"statements", "commitments"}:
            problems.append(f"{knowledge_dir.name}/{path.name}: unknown section {name!r}")
            continue
        items = data.get(name)
        if not isinstance(items, list):
            problems.append(f"{knowledge_dir.name}/{path.name}: no {name!r} list at the top level")
            continue
        sections[name].extend(items)
    if problems:
        raise SeedRecordError(problems)
    _Checker({}, sections, knowledge_dir.name, problems, sourced_steps=True).check_all()
    if problems:
        raise SeedRecordError(problems)
    return SeedRecord(articles={}, sections=sections)


def knowledge_base_load(*, knowledge_dir: Path = KNOWLEDGE_DIR) -> SeedLoadResult:
    """Load the knowledge base; idempotent (rows found by natural identity), all or nothing."""
    record = knowledge_base_read(knowledge_dir=knowledge_dir)
    loader = _Loader(record, knowledge_dir.name)
    with transaction.atomic():
        loader.load()
    return loader.result


def _read_json(path: Path, problems: list[str]) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.parent.name}/{path.name}: file not found")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(f"{path.parent.name}/{path.name}: not valid UTF-8 JSON ({exc})")
    return None


def seed_text(path: Path) -> str:
    """An article's text as stored: the file decoded as UTF-8, stripped, nothing else.

    The ingestion pipeline stores uploaded .txt files the same way, so both meet on the fingerprint.
    """
    return path.read_bytes().decode("utf-8").strip()


def _read_articles(
    seeds_dir: Path, manifest: dict[str, Any], problems: list[str]
) -> dict[str, SeedArticle]:
    where = f"{seeds_dir.name}/{MANIFEST_NAME}"
    entries = manifest.get("articles") if isinstance(manifest, dict) else None
    if not isinstance(entries, list):
        problems.append(f"{where}: no 'articles' list")
        return {}
    articles: dict[str, SeedArticle] = {}
    for entry in entries:
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or "/" in name:
            problems.append(f"{where}: an entry has no valid 'file' name: {entry!r}")
            continue
        if name in articles:
            problems.append(f"{where}: {name} is listed twice")
            continue
        path = seeds_dir / name
        if not path.is_file():
            problems.append(f"{where}: {name} does not exist in {seeds_dir.name}/")
            continue
        try:
            text = seed_text(path)
        except UnicodeDecodeError:
            problems.append(f"{where}: {name} is not UTF-8")
            continue
        articles[name] = SeedArticle(file=name, text=text, entry=entry)
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.name not in articles and all(e.get("file") != path.name for e in entries):
            problems.append(f"{where}: seed file {path.name} has no manifest entry")
    return articles


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class _Checker:
    """Checks the record for consistency, appending one message per problem."""

    def __init__(
        self,
        articles: dict[str, SeedArticle],
        sections: dict[str, list[dict[str, Any]]],
        fixtures_label: str,
        problems: list[str],
        *,
        sourced_steps: bool = False,
    ) -> None:
        self.articles = articles
        self.sections = sections
        # The knowledge base dates a track's steps from the public record (``basis``), not from
        # seed articles: a step there needs a basis or evidence.
        self.sourced_steps = sourced_steps
        self.label = fixtures_label
        self.problems = problems
        self.outlets = {o.get("slug") for o in sections["outlets"]}
        self.parties = {p.get("slug") for p in sections["parties"]}
        self.tracks = {t.get("slug") for t in sections["tracks"]}
        self.officials = {o.get("slug"): o for o in sections["officials"]}

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def check_all(self) -> None:
        self.check_manifest()
        self.check_outlets()
        self.check_parties()
        self.check_places()
        self.check_officials()
        self.check_tracks()
        self.check_statements()
        self.check_commitments()

    # -- shared checks

    def check_unique(self, items: list[dict[str, Any]], key: str, where: str) -> None:
        seen: set[Any] = set()
        for item in items:
            value = item.get(key)
            if not value:
                self.fail(where, f"an entry has no {key!r}: {item!r:.120}")
            elif value in seen:
                self.fail(where, f"{key} {value!r} is used twice")
            seen.add(value)

    def check_choice(self, where: str, what: str, value: Any, choices: Any) -> None:
        if value not in choices.values:
            self.fail(where, f"{what} {value!r} is not one of {', '.join(choices.values)}")

    def check_ref(self, where: str, what: str, value: Any, known: set[Any], *, null=False) -> None:
        if value is None and null:
            return
        if value not in known:
            self.fail(where, f"{what} {value!r} is not defined in the fixtures")

    def check_dated(self, where: str, what: str, value: Any, *, phrase=False) -> None:
        if not isinstance(value, dict) or _parse_date(value.get("date")) is None:
            self.fail(where, f"{what} needs a 'date' in YYYY-MM-DD form, got {value!r}")
            return
        self.check_choice(where, f"{what} precision", value.get("precision"), DatePrecision)
        if phrase and not isinstance(value.get("phrase", ""), str):
            self.fail(where, f"{what} phrase must be text")

    def check_span(self, where: str, item: dict[str, Any], text_key: str) -> None:
        """The words must be the article's text at the recorded offsets, verbatim."""
        name = item.get("article")
        article = self.articles.get(name)
        if article is None:
            self.fail(where, f"article {name!r} is not a seed file listed in the manifest")
            return
        words, start, end = item.get(text_key), item.get("char_start"), item.get("char_end")
        if not isinstance(words, str) or not words:
            self.fail(where, f"{name}: empty {text_key}")
            return
        if not isinstance(start, int) or not isinstance(end, int):
            self.fail(where, f"{name}: char_start and char_end must be integers")
            return
        if article.text[start:end] == words:
            return
        found = article.text.find(words)
        if found < 0:
            self.fail(
                where, f"{name}: {text_key} {words[:60]!r}... not found verbatim in the article"
            )
        else:
            self.fail(
                where,
                f"{name}: {text_key} {words[:60]!r}... is not at {start}-{end} "
                f"(it is at {found}-{found + len(words)})",
            )

    def check_aliases(self, where: str, aliases: Any) -> None:
        if not isinstance(aliases, list):
            self.fail(where, "aliases must be a list")
            return
        keys: set[str] = set()
        for alias in aliases:
            name = alias.get("name")
            here = f"{where}: alias {name!r}"
            key = normalize_name(name) if isinstance(name, str) else ""
            if not key:
                self.fail(here, "needs a name with at least one letter or digit")
                continue
            if key in keys:
                self.fail(here, f"duplicates another alias of the same target (key {key!r})")
            keys.add(key)
            self.check_choice(here, "kind", alias.get("kind"), Alias.Kind)
            for bound in ("valid_from", "valid_to"):
                if alias.get(bound) is not None and _parse_date(alias.get(bound)) is None:
                    self.fail(here, f"{bound} must be YYYY-MM-DD")
            seen_in = alias.get("seen_in", [])
            if alias.get("from_seeds"):
                if not seen_in:
                    self.fail(here, "from_seeds is true but seen_in lists no seed file")
                for file in seen_in:
                    article = self.articles.get(file)
                    if article is None:
                        self.fail(here, f"seen_in names {file!r}, which is not a seed file")
                    elif not alias_occurs(name, article.text):
                        self.fail(here, f"does not occur in {file}")
            elif seen_in:
                self.fail(here, "seen_in lists seed files but from_seeds is false")

    # -- sections

    def check_manifest(self) -> None:
        for name, article in self.articles.items():
            where, entry = f"seeds/{MANIFEST_NAME}: {name}", article.entry
            self.check_ref(where, "outlet", entry.get("outlet"), self.outlets, null=True)
            self.check_ref(where, "wire", entry.get("wire"), self.outlets, null=True)
            for cited in entry.get("cites", []):
                if cited.get("outlet") is not None:
                    self.check_ref(where, "cited outlet", cited["outlet"], self.outlets)
                if cited.get("party") is not None:
                    self.check_ref(where, "cited party", cited["party"], self.parties)
            attribution = entry.get("outlet_attribution")
            if attribution not in ("stated", "inferred", "none"):
                self.fail(where, "outlet_attribution must be 'stated', 'inferred' or 'none'")
            elif (attribution == "none") != (entry.get("outlet") is None):
                self.fail(where, "outlet must be null exactly when outlet_attribution is 'none'")
            if not entry.get("basis"):
                self.fail(where, "needs a 'basis' note saying what supports the attribution")
            for key in ("title", "url", "byline"):
                value = entry.get(key)
                if value is not None and value not in article.text:
                    # Never invented: a title, URL or byline must be shown by the text itself.
                    self.fail(where, f"{key} {value!r} does not appear in the text")
            published = entry.get("published")
            self.check_dated(where, "published", published)
            if isinstance(published, dict):
                clock = published.get("time")
                if clock is not None and not re.fullmatch(r"\d{2}:\d{2}", str(clock)):
                    self.fail(where, f"published time {clock!r} must be HH:MM")
                offset = published.get("utc_offset")
                if offset is not None and not _UTC_OFFSET.match(str(offset)):
                    self.fail(where, f"published utc_offset {offset!r} must be like +03:00")
            if not isinstance(entry.get("language"), str):
                self.fail(where, "needs a language code")

    def check_outlets(self) -> None:
        where = f"{self.label}/outlets.json"
        items = self.sections["outlets"]
        self.check_unique(items, "slug", where)
        self.check_unique(items, "name", where)
        domains: set[str] = set()
        for outlet in items:
            here = f"{where}: outlet {outlet.get('slug')!r}"
            self.check_choice(here, "kind", outlet.get("kind"), Outlet.Kind)
            for domain in outlet.get("domains", []):
                if domain in domains:
                    self.fail(here, f"domain {domain!r} is listed for two outlets")
                domains.add(domain)

    def check_parties(self) -> None:
        where = f"{self.label}/parties.json"
        items = self.sections["parties"]
        self.check_unique(items, "slug", where)
        self.check_unique(items, "name", where)
        codes = [p.get("iso_code") for p in items if p.get("iso_code")]
        for code in {c for c in codes if codes.count(c) > 1}:
            self.fail(where, f"ISO code {code!r} is used twice")
        for party in items:
            here = f"{where}: party {party.get('slug')!r}"
            self.check_choice(here, "kind", party.get("kind"), Party.Kind)
            code = party.get("iso_code", "")
            if code and not re.fullmatch(r"[A-Z]{3}", code):
                self.fail(here, f"ISO code {code!r} is not ISO 3166-1 alpha-3")
            self.check_aliases(here, party.get("aliases", []))
            for member in party.get("members", []):
                self.check_ref(here, "member", member.get("party"), self.parties)
                if member.get("joined") is not None:
                    self.check_dated(here, "member joined", member["joined"])

    def check_places(self) -> None:
        where = f"{self.label}/places.json"
        items = self.sections["places"]
        self.check_unique(items, "slug", where)
        for place in items:
            here = f"{where}: place {place.get('slug')!r}"
            self.check_choice(here, "kind", place.get("kind"), Place.Kind)
            self.check_ref(here, "party", place.get("party"), self.parties, null=True)
            self.check_aliases(here, place.get("aliases", []))

    def check_officials(self) -> None:
        where = f"{self.label}/officials.json"
        items = self.sections["officials"]
        self.check_unique(items, "slug", where)
        for official in items:
            here = f"{where}: official {official.get('slug')!r}"
            positions = official.get("positions", [])
            self.check_unique(positions, "key", f"{here}: positions")
            for position in positions:
                there = f"{here}: position {position.get('key')!r}"
                self.check_ref(there, "party", position.get("party"), self.parties)
                self.check_dated(there, "start", position.get("start"))
                if position.get("end") is not None:
                    self.check_dated(there, "end", position["end"])
                start, end = _position_period(position)
                if start and end and end < start:
                    self.fail(there, "ends before it starts")
            self.check_aliases(here, official.get("aliases", []))

    def check_tracks(self) -> None:
        where = f"{self.label}/tracks.json"
        items = self.sections["tracks"]
        self.check_unique(items, "slug", where)
        self.check_unique(items, "name", where)
        parents = {t.get("slug"): t.get("parent") for t in items}
        for track in items:
            here = f"{where}: track {track.get('slug')!r}"
            self.check_choice(here, "kind", track.get("kind"), Track.Kind)
            self.check_ref(here, "parent", track.get("parent"), self.tracks, null=True)
            seen, node = {track.get("slug")}, track.get("parent")
            while node is not None:
                if node in seen:
                    self.fail(here, "parent chain loops")
                    break
                seen.add(node)
                node = parents.get(node)
            roles = set()
            for participant in track.get("participants", []):
                self.check_ref(here, "participant", participant.get("party"), self.parties)
                self.check_choice(here, "role", participant.get("role"), TrackParticipant.Role)
                role = (participant.get("party"), participant.get("role"))
                if role in roles:
                    self.fail(here, f"participant {role} is listed twice")
                roles.add(role)
            steps = set()
            for step in track.get("status_history", []):
                there = f"{here}: status {step.get('status')!r}"
                self.check_choice(there, "status", step.get("status"), StatusChange.Status)
                self.check_dated(there, "effective", step.get("effective"), phrase=True)
                identity = (step.get("status"), (step.get("effective") or {}).get("date"))
                if identity in steps:
                    self.fail(there, "this status is listed twice for the same date")
                steps.add(identity)
                if self.sourced_steps and not step.get("evidence"):
                    if not str(step.get("basis") or step.get("summary") or "").strip():
                        self.fail(there, "needs evidence or a basis (where its date comes from)")
                    continue
                self.check_evidence(there, step.get("evidence", []))

    def check_evidence(self, where: str, evidence: Any) -> None:
        if not isinstance(evidence, list) or not evidence:
            self.fail(where, "needs at least one piece of evidence")
            return
        files = [e.get("article") for e in evidence]
        for file in {f for f in files if files.count(f) > 1}:
            self.fail(where, f"two excerpts from {file}: keep one per article")
        for item in evidence:
            self.check_span(f"{where}: evidence", item, "excerpt")

    def check_statements(self) -> None:
        where = f"{self.label}/statements.json"
        items = self.sections["statements"]
        self.check_unique(items, "key", where)
        identities: set[tuple[Any, ...]] = set()
        for statement in items:
            here = f"{where}: statement {statement.get('key')!r}"
            speaker, party = statement.get("speaker"), statement.get("speaker_party")
            self.check_ref(here, "speaker", speaker, set(self.officials), null=True)
            self.check_ref(here, "speaker_party", party, self.parties, null=True)
            if not (speaker or party or statement.get("speaker_description")):
                self.fail(here, "needs a speaker, a speaker_party or a speaker_description")
            if not statement.get("text"):
                self.fail(here, "needs a canonical text")
            self.check_choice(here, "kind", statement.get("kind"), Statement.Kind)
            self.check_choice(here, "channel", statement.get("channel"), Channel)
            said = statement.get("said")
            if isinstance(said, dict) and said.get("date") is None:
                # Undated ("has repeatedly warned"): the phrase or basis says why.
                if not (said.get("phrase") or said.get("basis")):
                    self.fail(here, "an undated statement needs a said phrase or basis")
            else:
                self.check_dated(here, "said", said, phrase=True)
            identity = (
                speaker,
                party,
                (statement.get("said") or {}).get("date"),
                statement.get("text"),
            )
            if identity in identities:
                self.fail(here, "another statement has the same speaker, date and text")
            identities.add(identity)
            self.check_position(here, statement)
            tracks = statement.get("tracks", [])
            for track in tracks:
                self.check_ref(here, "track", track, self.tracks)
            if len(set(tracks)) != len(tracks):
                self.fail(here, "a track is listed twice")
            reports = statement.get("reports", [])
            if not reports:
                self.fail(here, "needs at least one report")
            files = [r.get("article") for r in reports]
            for file in {f for f in files if files.count(f) > 1}:
                self.fail(here, f"two reports in {file}: keep one rendering per article")
            for report in reports:
                self.check_choice(f"{here}: report", "kind", report.get("kind"), Statement.Kind)
                self.check_span(f"{here}: report", report, "wording")

    def check_position(self, where: str, statement: dict[str, Any]) -> None:
        """The cited position is the speaker's, for the speaker party, and held when it was said."""
        key = statement.get("speaker_position")
        if key is None:
            return
        official = self.officials.get(statement.get("speaker"))
        if official is None:
            self.fail(where, f"speaker_position {key!r} needs a speaker")
            return
        position = next((p for p in official.get("positions", []) if p.get("key") == key), None)
        if position is None:
            self.fail(where, f"{official['slug']} has no position {key!r}")
            return
        if position.get("party") != statement.get("speaker_party"):
            self.fail(
                where,
                f"position {key!r} is held for {position.get('party')!r}, "
                f"not for the speaker party {statement.get('speaker_party')!r}",
            )
        said = statement.get("said") or {}
        said_on = _parse_date(said.get("date"))
        if said_on is None:
            self.fail(where, f"speaker_position {key!r} cannot be checked without a said date")
            return
        if said.get("precision") not in DatePrecision.values:
            return
        said_period = (said_on, period_end(said_on, said["precision"]))
        if not periods_overlap(_position_period(position), said_period):
            self.fail(
                where,
                f"{official['slug']} did not hold {key!r} on {said_on} "
                f"({said['precision']} precision)",
            )

    def check_commitments(self) -> None:
        where = f"{self.label}/commitments.json"
        items = self.sections["commitments"]
        self.check_unique(items, "key", where)
        identities: set[tuple[Any, ...]] = set()
        for commitment in items:
            here = f"{where}: commitment {commitment.get('key')!r}"
            self.check_ref(here, "track", commitment.get("track"), self.tracks)
            self.check_ref(here, "party", commitment.get("party"), self.parties)
            self.check_ref(
                here, "beneficiary", commitment.get("beneficiary"), self.parties, null=True
            )
            self.check_choice(here, "category", commitment.get("category"), Commitment.Category)
            self.check_choice(here, "direction", commitment.get("direction"), Commitment.Direction)
            identity = tuple(commitment.get(k) for k in ("track", "party", "category", "direction"))
            if identity in identities:
                self.fail(
                    here, "another commitment has the same track, party, category and direction"
                )
            identities.add(identity)
            stages = set()
            for stage in commitment.get("stages", []):
                self.check_choice(here, "stage", stage.get("stage"), CommitmentStage.Stage)
                if stage.get("stage") in stages:
                    self.fail(here, f"stage {stage.get('stage')!r} is listed twice")
                stages.add(stage.get("stage"))
                if stage.get("date") is not None:
                    self.check_dated(here, "stage", stage)
            self.check_evidence(here, commitment.get("evidence", []))


def alias_occurs(name: str, text: str) -> bool:
    """Whether a name variant occurs in a text as whole words, after name normalisation."""
    return f" {normalize_name(name)} " in f" {normalize_name(text)} "


def _position_period(position: dict[str, Any]) -> tuple[date | None, date | None]:
    start_spec, end_spec = position.get("start") or {}, position.get("end") or {}
    start = _parse_date(start_spec.get("date"))
    end = _parse_date(end_spec.get("date"))
    if end is not None and end_spec.get("precision") in DatePrecision.values:
        end = period_end(end, end_spec["precision"])
    return start, end


# --- Loading ------------------------------------------------------------------------------------


def seed_record_load(
    *, seeds_dir: Path = SEEDS_DIR, fixtures_dir: Path = FIXTURES_DIR
) -> SeedLoadResult:
    """Store the seed articles and the curated record; idempotent, all or nothing.

    Raises ``SeedRecordError`` (and writes nothing) when the record is inconsistent or clashes
    with rows already in the database.
    """
    record = seed_record_read(seeds_dir=seeds_dir, fixtures_dir=fixtures_dir)
    loader = _Loader(record, fixtures_dir.name)
    with transaction.atomic():
        loader.load()
    return loader.result


def _published_at(published: dict[str, Any]) -> datetime:
    day = date.fromisoformat(published["date"])
    clock = time.fromisoformat(published["time"]) if published.get("time") else time(0, 0)
    tz = UTC
    match = _UTC_OFFSET.match(published.get("utc_offset") or "")
    if match and published.get("time"):
        sign = -1 if match.group(1) == "-" else 1
        tz = timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
    return datetime.combine(day, clock, tzinfo=tz)


def _optional_date(spec: dict[str, Any] | None) -> date | None:
    return date.fromisoformat(spec["date"]) if spec else None


class _Loader:
    def __init__(self, record: SeedRecord, fixtures_label: str) -> None:
        self.record = record
        self.label = fixtures_label
        self.result = SeedLoadResult()
        self.outlets: dict[str, Outlet] = {}
        self.parties: dict[str, Party] = {}
        self.officials: dict[str, Official] = {}
        self.positions: dict[tuple[str, str], Position] = {}
        self.tracks: dict[str, Track] = {}
        self.articles: dict[str, Article] = {}

    # -- the one write primitive

    def upsert(
        self,
        model: type[models.Model],
        where: str,
        *,
        found: models.Model | None = None,
        lookup: dict[str, Any] | None = None,
        values: dict[str, Any],
    ) -> Any:
        """Create the row, or update the fields that differ; validate with ``full_clean``."""
        name = model._meta.verbose_name_plural
        obj = found
        if obj is None and lookup is not None:
            obj = model.objects.filter(**lookup).order_by("pk").first()
        if obj is None:
            obj = model(**{**(lookup or {}), **values})
            outcome = self.result.created
        else:
            changed = [k for k, v in values.items() if not _same(obj, k, v)]
            if not changed:
                self.result.unchanged[name] += 1
                return obj
            for key in changed:
                setattr(obj, key, values[key])
            outcome = self.result.updated
        if isinstance(obj, Article):
            obj.fingerprint = content_fingerprint(obj.text)
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise SeedRecordError(
                [f"{where}: rejected by the database model: {_flatten(exc)}"]
            ) from exc
        obj.save()
        outcome[name] += 1
        return obj

    def load(self) -> None:
        sections = self.record.sections
        self.load_outlets(sections["outlets"])
        self.load_articles()  # before the aliases: an alias records the outlets seen using it
        self.load_parties(sections["parties"])
        self.load_places(sections["places"])
        self.load_officials(sections["officials"])
        self.load_tracks(sections["tracks"])
        self.load_statements(sections["statements"])
        self.load_commitments(sections["commitments"])

    # -- sections

    def load_outlets(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            where = f"{self.label}/outlets.json: outlet {item['slug']!r}"
            found = (
                Outlet.objects.filter(slug=item["slug"]).first()
                or Outlet.objects.filter(domains__domain__in=item.get("domains", [])).first()
                or Outlet.objects.filter(name__iexact=item["name"]).first()
            )
            outlet = self.upsert(
                Outlet,
                where,
                found=found,
                lookup=None if found else {"slug": item["slug"]},
                values={
                    "slug": item["slug"],
                    "name": item["name"],
                    "kind": item["kind"],
                    "country_code": item.get("country_code", ""),
                    "language": item.get("language", ""),
                    "state_affiliated": bool(item.get("state_affiliated")),
                    "affiliation_note": item.get("affiliation_note", ""),
                },
            )
            for domain in item.get("domains", []):
                owner = OutletDomain.objects.filter(domain=domain).select_related("outlet").first()
                if owner is not None and owner.outlet_id != outlet.pk:
                    raise SeedRecordError(
                        [
                            f"{where}: domain {domain!r} already belongs to outlet "
                            f"{owner.outlet.slug!r} in the database"
                        ]
                    )
                self.upsert(
                    OutletDomain,
                    f"{where}: domain {domain!r}",
                    found=owner,
                    lookup=None if owner else {"domain": domain},
                    values={"outlet": outlet},
                )
            self.outlets[item["slug"]] = outlet

    def load_parties(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            where = f"{self.label}/parties.json: party {item['slug']!r}"
            code = item.get("iso_code", "")
            found = (
                Party.objects.filter(slug=item["slug"]).first()
                or (Party.objects.filter(iso_code=code).first() if code else None)
                or Party.objects.filter(name__iexact=item["name"]).first()
            )
            self.parties[item["slug"]] = self.upsert(
                Party,
                where,
                found=found,
                lookup=None if found else {"slug": item["slug"]},
                values={
                    "slug": item["slug"],
                    "name": item["name"],
                    "short_name": item.get("short_name", ""),
                    "kind": item["kind"],
                    "iso_code": code,
                    "description": item.get("description", ""),
                },
            )
        for item in items:
            where = f"{self.label}/parties.json: party {item['slug']!r}"
            group = self.parties[item["slug"]]
            self.load_aliases(where, item.get("aliases", []), party=group)
            for member in item.get("members", []):
                joined = member.get("joined")
                self.upsert(
                    PartyMembership,
                    f"{where}: member {member['party']!r}",
                    lookup={
                        "group": group,
                        "member": self.parties[member["party"]],
                        "joined_on": _optional_date(joined),
                    },
                    values={
                        "joined_precision": joined["precision"] if joined else DatePrecision.DAY,
                        "left_on": _optional_date(member.get("left")),
                        "note": member.get("note", ""),
                    },
                )

    def load_articles(self) -> None:
        for name, seed in self.record.articles.items():
            entry = seed.entry
            where = f"seeds/{MANIFEST_NAME}: {name}"
            published = entry["published"]
            values: dict[str, Any] = {
                "text": seed.text,
                "outlet": self.outlets.get(entry.get("outlet")),
                "wire_outlet": self.outlets.get(entry.get("wire")),
                "title": entry.get("title") or "",
                "byline": entry.get("byline") or "",
                "published_at": _published_at(published),
                "published_precision": published["precision"],
                "language": entry.get("language", ""),
                "source_kind": Article.SourceKind.SEED,
                "source_ref": name,
            }
            if entry.get("url"):
                values["url"] = values["canonical_url"] = entry["url"]
            self.articles[name] = self.upsert(
                Article,
                where,
                lookup={"fingerprint": content_fingerprint(seed.text)},
                values=values,
            )

    def load_aliases(self, where: str, aliases: list[dict[str, Any]], **target: Any) -> None:
        for item in aliases:
            alias = self.upsert(
                Alias,
                f"{where}: alias {item['name']!r}",
                lookup={"normalized": normalize_name(item["name"]), **target},
                values={
                    "name": item["name"],
                    "kind": item["kind"],
                    "language": item.get("language", ""),
                    "script": item.get("script", ""),
                    "valid_from": _parse_date(item.get("valid_from")),
                    "valid_to": _parse_date(item.get("valid_to")),
                    **_CURATED,
                },
            )
            # Outlets seen using it: those of the seed articles that carry it (never removed).
            seen = {self.articles[f].outlet for f in item.get("seen_in", [])} - {None}
            missing = [o for o in seen if not alias.outlets.filter(pk=o.pk).exists()]
            if missing:
                alias.outlets.add(*missing)
            self.result.created["alias outlet links"] += len(missing)
            self.result.unchanged["alias outlet links"] += len(seen) - len(missing)

    def load_places(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            where = f"{self.label}/places.json: place {item['slug']!r}"
            place = self.upsert(
                Place,
                where,
                lookup={"slug": item["slug"]},
                values={
                    "name": item["name"],
                    "kind": item["kind"],
                    "party": self.parties.get(item.get("party")),
                },
            )
            self.load_aliases(where, item.get("aliases", []), place=place)

    def load_officials(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            where = f"{self.label}/officials.json: official {item['slug']!r}"
            notes = [item.get("notes", "")] + [
                f"{p['title']}: {p['basis']}" for p in item.get("positions", []) if p.get("basis")
            ]
            known = Official.objects.filter(slug=item["slug"]).values_list("notes", flat=True)
            official = self.upsert(
                Official,
                where,
                lookup={"slug": item["slug"]},
                values={
                    "full_name": item["full_name"],
                    "native_name": item.get("native_name", ""),
                    "notes": _merged_lines(next(iter(known), ""), notes),
                },
            )
            self.officials[item["slug"]] = official
            for spec in item.get("positions", []):
                start, end = spec["start"], spec.get("end")
                self.positions[(item["slug"], spec["key"])] = self.upsert(
                    Position,
                    f"{where}: position {spec['key']!r}",
                    lookup={
                        "official": official,
                        "party": self.parties[spec["party"]],
                        "title": spec["title"],
                        "start_date": date.fromisoformat(start["date"]),
                    },
                    values={
                        "start_precision": start["precision"],
                        "end_date": _optional_date(end),
                        "end_precision": end["precision"] if end else DatePrecision.DAY,
                    },
                )
            self.load_aliases(where, item.get("aliases", []), official=official)

    def load_tracks(self, items: list[dict[str, Any]]) -> None:
        pending = list(items)
        while pending:  # parents first; the checker has ruled out loops and unknown parents
            ready = [t for t in pending if t.get("parent") is None or t["parent"] in self.tracks]
            for item in ready:
                where = f"{self.label}/tracks.json: track {item['slug']!r}"
                found = (
                    Track.objects.filter(slug=item["slug"]).first()
                    or Track.objects.filter(name__iexact=item["name"]).first()
                )
                self.tracks[item["slug"]] = self.upsert(
                    Track,
                    where,
                    found=found,
                    lookup=None if found else {"slug": item["slug"]},
                    values={
                        "slug": item["slug"],
                        "name": item["name"],
                        "kind": item["kind"],
                        "parent": self.tracks.get(item.get("parent")),
                        "description": item.get("description", ""),
                        "keywords": _merged_lines(
                            found.keywords if found else "",
                            [*item.get("keywords", [])]
                            + [f"+{k}" for k in item.get("country_keywords", [])],
                        ),
                    },
                )
            pending = [t for t in pending if t not in ready]
        for item in items:
            where = f"{self.label}/tracks.json: track {item['slug']!r}"
            track = self.tracks[item["slug"]]
            for spec in item.get("participants", []):
                self.upsert(
                    TrackParticipant,
                    f"{where}: participant {spec['party']!r}",
                    lookup={
                        "track": track,
                        "party": self.parties[spec["party"]],
                        "role": spec["role"],
                    },
                    values={
                        "joined_on": _parse_date(spec.get("joined_on")),
                        "note": spec.get("note", ""),
                    },
                )
            for spec in item.get("status_history", []):
                effective = spec["effective"]
                there = f"{where}: status {spec['status']!r} {effective['date']}"
                change = self.upsert(
                    StatusChange,
                    there,
                    lookup={
                        "track": track,
                        "status": spec["status"],
                        "effective_date": date.fromisoformat(effective["date"]),
                    },
                    values={
                        "date_precision": effective["precision"],
                        "date_phrase": effective.get("phrase", ""),
                        "summary": spec.get("summary", ""),
                        **_CURATED,
                    },
                )
                self.load_evidence(there, spec["evidence"], status_change=change)

    def load_evidence(self, where: str, evidence: list[dict[str, Any]], **target: Any) -> None:
        for item in evidence:
            self.upsert(
                Evidence,
                f"{where}: evidence in {item['article']}",
                lookup={"article": self.articles[item["article"]], **target},
                values={
                    "excerpt": item["excerpt"],
                    "char_start": item["char_start"],
                    "char_end": item["char_end"],
                },
            )

    def load_statements(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            where = f"{self.label}/statements.json: statement {item['key']!r}"
            said = item["said"]
            speaker = self.officials.get(item.get("speaker"))
            position = (
                self.positions[(item["speaker"], item["speaker_position"])]
                if item.get("speaker_position")
                else None
            )
            statement = self.upsert(
                Statement,
                where,
                lookup={
                    "origin": Origin.CURATED,
                    "speaker": speaker,
                    "speaker_party": self.parties.get(item.get("speaker_party")),
                    "said_on": _parse_date(said.get("date")),
                    "text": item["text"],
                },
                values={
                    "speaker_position": position,
                    "speaker_description": item.get("speaker_description", ""),
                    "kind": item["kind"],
                    "said_precision": said.get("precision") or DatePrecision.DAY,
                    "said_phrase": said.get("phrase", ""),
                    "channel": item["channel"],
                    "channel_detail": item.get("channel_detail", ""),
                    "review_state": ReviewState.APPROVED,
                },
            )
            for slug in item.get("tracks", []):
                self.upsert(
                    StatementTrack,
                    f"{where}: track {slug!r}",
                    lookup={"statement": statement, "track": self.tracks[slug]},
                    values=dict(_CURATED),
                )
            for report in item["reports"]:
                self.upsert(
                    StatementReport,
                    f"{where}: report in {report['article']}",
                    lookup={"statement": statement, "article": self.articles[report["article"]]},
                    values={
                        "wording": report["wording"],
                        "kind": report["kind"],
                        "char_start": report["char_start"],
                        "char_end": report["char_end"],
                        **_CURATED,
                    },
                )

    def load_commitments(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            where = f"{self.label}/commitments.json: commitment {item['key']!r}"
            commitment = self.upsert(
                Commitment,
                where,
                lookup={
                    "track": self.tracks[item["track"]],
                    "party": self.parties[item["party"]],
                    "category": item["category"],
                    "direction": item["direction"],
                },
                values={
                    "beneficiary": self.parties.get(item.get("beneficiary")),
                    "description": item["description"],
                    **_CURATED,
                },
            )
            for stage in item.get("stages", []):
                self.upsert(
                    CommitmentStage,
                    f"{where}: stage {stage['stage']!r}",
                    lookup={"commitment": commitment, "stage": stage["stage"]},
                    values={
                        "effective_date": _parse_date(stage.get("date")),
                        "date_precision": stage.get("precision", DatePrecision.DAY),
                        **_CURATED,
                    },
                )
            self.load_evidence(where, item["evidence"], commitment=commitment)


def _merged_lines(existing: str, lines: list[str]) -> str:
    """Line lists (keywords, notes) only grow: the seed record and the knowledge base both add to
    a row they share, and neither takes away what the other wrote (nor what an analyst added)."""
    out = [line for line in existing.splitlines() if line]
    out += [line for line in lines if line and line not in out]
    return "\n".join(out)


def _same(obj: models.Model, key: str, value: Any) -> bool:
    field_ = obj._meta.get_field(key)
    if field_.is_relation:
        return getattr(obj, field_.attname) == (value.pk if value is not None else None)
    return getattr(obj, key) == value


def _flatten(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{k}: {' '.join(m for e in v for m in e.messages)}" for k, v in exc.error_dict.items()
        )
    return " ".join(exc.messages)
