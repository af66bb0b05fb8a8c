"""Validating the seed record before anything is written: every reference resolves, every report
wording and evidence excerpt is the article's text at its recorded offsets, every alias said to
come from the seeds occurs in them, every speaker held the cited position when the statement was
made. Each problem is one message naming its file and entry; nothing here touches the database.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from negotiations.models import (
    Alias,
    Channel,
    Commitment,
    CommitmentStage,
    DatePrecision,
    Outlet,
    Party,
    Place,
    Statement,
    StatusChange,
    Track,
    TrackParticipant,
)
from negotiations.services.seed.format import MANIFEST_NAME, UTC_OFFSET, SeedArticle, parse_date
from negotiations.text.normalize import normalize_name
from negotiations.text.periods import period_end, periods_overlap


class Checker:
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
        if not isinstance(value, dict) or parse_date(value.get("date")) is None:
            self.fail(where, f"{what} needs a 'date' in YYYY-MM-DD form, got {value!r}")
            return
        self.check_choice(where, f"{what} precision", value.get("precision"), DatePrecision)
        if phrase and not isinstance(value.get("phrase", ""), str):
            self.fail(where, f"{what} phrase must be text")

    def check_span(self, where: str, item: dict[str, Any], text_key: str) -> None:
        """The words must be the article's text at the recorded offsets, verbatim."""
        name = item.get("article")
        article = self.articles.get(name) if isinstance(name, str) else None
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
                if alias.get(bound) is not None and parse_date(alias.get(bound)) is None:
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
                if offset is not None and not UTC_OFFSET.match(str(offset)):
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
        said_on = parse_date(said.get("date"))
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
    start = parse_date(start_spec.get("date"))
    end = parse_date(end_spec.get("date"))
    if end is not None and end_spec.get("precision") in DatePrecision.values:
        end = period_end(end, end_spec["precision"])
    return start, end
