"""The curated record: parties, people, outlets, articles, tracks, statements, commitments.

Natural keys (slugs, fingerprints) let fixtures reference rows without fixed primary keys, so the
seed record loads idempotently into a database that already holds machine-made rows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from negotiations.models.base import (
    Changeable,
    Reviewable,
    ReviewState,
    TimeStampedModel,
    amount_field,
    pending_queue_index,
    precision_field,
)
from negotiations.text.normalize import content_fingerprint, normalize_name


def verbatim_errors(text: str, quoted: str, start: int | None, end: int | None, field: str) -> dict:
    """What is wrong with quoted words and their span in an article's ``text``: the words must
    appear verbatim; offsets, when given, come as a pair inside the text and hold those words."""
    if not quoted:
        return {}
    if quoted not in text:
        return {field: f"The {field} must appear verbatim in the article."}
    if start is None and end is None:
        return {}
    if start is None or end is None:
        return {"char_end" if end is None else "char_start": "Give both char_start and char_end."}
    if end > len(text):
        return {"char_end": f"char_end lies beyond the article's end ({len(text)} characters)."}
    if text[start:end] != quoted:
        return {
            "char_start": f"char_start..char_end ({start}..{end}) must hold the {field} exactly; "
            f"the article has {text[start:end][:60]!r} there."
        }
    return {}


class QuotedSpan(models.Model):
    """Words quoted from an article (the field ``quoted_field`` names) and, when known, where
    they stand in its text. Validated by :func:`verbatim_errors` whenever the article is set."""

    # Each model declares these fields itself, in its own order (forms and exports follow it).
    quoted_field: ClassVar[str]
    article: Any
    article_id: int | None
    char_start: int | None
    char_end: int | None

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.article_id:
            quoted = getattr(self, self.quoted_field)
            errors = verbatim_errors(
                self.article.text, quoted, self.char_start, self.char_end, self.quoted_field
            )
            if errors:
                raise ValidationError(errors)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class SlugKeyed(models.Model):
    """A row that fixtures reference by its slug, its natural key (each model declares ``slug``
    among its own fields)."""

    slug: str

    objects = SlugManager()

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


# --- Parties and coalitions ---------------------------------------------------------------------


class NormalizedName(models.Model):
    """A model whose ``normalized`` is the matching key of its ``name`` (``normalize_name``).

    The key is derived, never typed: forms leave it out as non-editable, which would skip its
    uniqueness and end in an IntegrityError instead of a form error. Whenever the name is
    validated, so is its key; every save derives it again.
    """

    name: str  # each model declares its own field; the key is derived from it
    normalized: str

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.normalized = normalize_name(self.name)

    def validate_constraints(self, exclude=None) -> None:
        if exclude and "name" not in exclude:
            self.normalized = normalize_name(self.name)
            exclude = set(exclude) - {"normalized"}
        super().validate_constraints(exclude=exclude)


class Party(SlugKeyed, Changeable, TimeStampedModel):
    """A state, bloc, organisation or coalition that takes part in negotiations."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        BLOC = "bloc", "Bloc or union"
        ORGANISATION = "organisation", "International organisation"
        COALITION = "coalition", "Coalition or group"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    short_name = models.CharField(max_length=50, blank=True, help_text="e.g. US, UK, EU")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    iso_code = models.CharField(
        max_length=3,
        blank=True,
        help_text="ISO 3166-1 alpha-3 for states (UKR, USA); blank where none exists",
    )
    wikidata_id = models.CharField(max_length=20, blank=True)
    description = models.TextField(blank=True)
    members: models.ManyToManyField[Party, PartyMembership] = models.ManyToManyField(
        "self",
        through="PartyMembership",
        through_fields=("group", "member"),
        symmetrical=False,
        related_name="member_of",
        blank=True,
    )

    class Meta:
        verbose_name_plural = "parties"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"], condition=~Q(iso_code=""), name="party_iso_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(iso_code="") | Q(iso_code__regex=r"^[A-Z]{3}$"),
                name="party_iso_code_alpha3",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartyMembership(TimeStampedModel):
    """A party's membership of a coalition, bloc or organisation over time."""

    group = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="group_memberships")
    joined_on = models.DateField(null=True, blank=True)
    joined_precision = precision_field()
    left_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["group_id", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "member", "joined_on"], name="membership_unique_period"
            ),
            models.CheckConstraint(condition=~Q(group=F("member")), name="membership_not_self"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"membership #{self.pk}"


# --- People and their roles ---------------------------------------------------------------------


class Official(SlugKeyed, Changeable, TimeStampedModel):
    """A person who speaks or acts for a party. What they speak for is in their positions."""

    full_name = models.CharField(max_length=200, help_text="House spelling (English, BGN/PCGN)")
    slug = models.SlugField(max_length=100, unique=True)
    native_name = models.CharField(max_length=200, blank=True, help_text="e.g. Андрій Єрмак")
    wikidata_id = models.CharField(max_length=20, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["full_name"]
        indexes = [
            # Admin and API search by name.
            models.Index(Lower("full_name"), name="official_full_name_lower"),
        ]

    def __str__(self) -> str:
        return self.full_name


class Position(TimeStampedModel):
    """A role held by an official for a party between two dates (end open while in office)."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=200)
    start_date = models.DateField(null=True, blank=True)
    start_precision = precision_field()
    end_date = models.DateField(null=True, blank=True)
    end_precision = precision_field()

    class Meta:
        ordering = ["official_id", "-start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "party", "title", "start_date"], name="position_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="position_dates_ordered",
            ),
        ]
        indexes = [
            # "Which role did this person hold on day D?" (statement attribution).
            models.Index(fields=["official", "start_date"], name="position_official_start"),
        ]

    def __str__(self) -> str:
        # The years tell two holders of one title apart in pickers (no relation is touched).
        if self.start_date is None and self.end_date is None:
            return self.title
        start = f"{self.start_date:%Y}" if self.start_date else "?"
        end = f"{self.end_date:%Y}" if self.end_date else "now"
        return f"{self.title} ({start}–{end})"

    def held_on(self, day) -> bool:
        """Whether this position was held on ``day`` (open ends count as held)."""
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )


class Place(SlugKeyed, TimeStampedModel):
    """A place named in the news (capitals stand for governments: "Kiev and Washington")."""

    class Kind(models.TextChoices):
        CITY = "city", "City"
        REGION = "region", "Region"
        COUNTRY = "country", "Country"
        VENUE = "venue", "Venue"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CITY)
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        help_text="The party the place stands for in reporting (Kyiv for Ukraine)",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# --- Outlets and articles -----------------------------------------------------------------------


class Outlet(SlugKeyed, Changeable, TimeStampedModel):
    """A publisher or news agency."""

    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency / wire"
        NEWSPAPER = "newspaper", "Newspaper or news site"
        BROADCASTER = "broadcaster", "Broadcaster"
        AGGREGATOR = "aggregator", "Aggregator / republisher"
        GOVERNMENT = "government", "Government source"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NEWSPAPER)
    country_code = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 of the outlet's home country"
    )
    language = models.CharField(max_length=8, blank=True, help_text="Main language (ISO 639-1)")
    state_affiliated = models.BooleanField(default=False)
    affiliation_note = models.CharField(max_length=300, blank=True)
    first_followed_on = models.DateField(
        null=True, blank=True, help_text="When the tracker started reading this outlet"
    )
    review_state = models.CharField(
        max_length=16,
        choices=ReviewState.choices,
        default=ReviewState.APPROVED,
        help_text="Pending: created by ingestion from a record's outlet name or a new domain",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutletDomain(models.Model):
    """A web domain an outlet publishes on; used to attribute fetched URLs."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, help_text="e.g. rt.com (no scheme)")

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = self.domain.strip().lower().removeprefix("www.")
        if "/" in self.domain or ":" in self.domain or " " in self.domain:
            raise ValidationError({"domain": "Enter a bare host name such as rt.com."})


class Story(TimeStampedModel):
    """One story as carried by many articles: syndicated copies and rewrites grouped together."""

    title = models.CharField(max_length=500)
    first_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-first_published_at"]

    def __str__(self) -> str:
        return self.title


class ArticleManager(models.Manager):
    def get_by_natural_key(self, fingerprint: str):
        return self.get(fingerprint=fingerprint)


class Article(Changeable, TimeStampedModel):
    """A news article: its text, where it was published and where the tracker got it."""

    class SourceKind(models.TextChoices):
        SEED = "seed", "Seed file"
        FEED = "feed", "Feed"
        URL = "url", "Submitted URL"
        UPLOAD = "upload", "Uploaded file"
        API = "api", "API"

    url = models.URLField(max_length=2000, blank=True, help_text="As found")
    canonical_url = models.URLField(
        max_length=2000, blank=True, help_text="Tracking parameters stripped; unique when known"
    )
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    wire_outlet = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="syndicated_articles",
        help_text="The agency whose copy this is (e.g. Reuters), if republished",
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    title = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_precision = precision_field()
    dateline_utc_offset = models.SmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-12 * 60), MaxValueValidator(14 * 60)],
        help_text="Minutes east of UTC of the dateline's time (+180 for Moscow time), when the "
        "dateline gives a time; empty when only the date is known",
    )
    language = models.CharField(max_length=8, blank=True)
    text = models.TextField()
    text_note = models.CharField(
        max_length=300, blank=True, help_text="Why the stored text differs from the source"
    )
    fingerprint = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the normalised text"
    )
    source_kind = models.CharField(max_length=16, choices=SourceKind.choices)
    source_ref = models.CharField(
        max_length=500, blank=True, help_text="Seed file name, feed id or upload name"
    )

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~Q(canonical_url=""),
                name="article_canonical_url_unique",
            ),
        ]
        indexes = [
            # Outlet pages and API filters: an outlet's articles newest first.
            models.Index(fields=["outlet", "-published_at"], name="article_outlet_published"),
            # Timelines and date-range filters across all outlets.
            models.Index(fields=["-published_at"], name="article_published"),
        ]

    def __str__(self) -> str:
        return self.title or self.canonical_url or f"article #{self.pk}"

    def natural_key(self) -> tuple[str]:
        return (self.fingerprint,)

    def save(self, *args, **kwargs) -> None:
        self.fingerprint = content_fingerprint(self.text)
        super().save(*args, **kwargs)


# --- Aliases ------------------------------------------------------------------------------------


class Alias(NormalizedName, Reviewable, Changeable, TimeStampedModel):
    """A name variant of exactly one party, official or place, as outlets write it."""

    class Kind(models.TextChoices):
        CANONICAL = "canonical", "Canonical name"
        TRANSLITERATION = "transliteration", "Transliteration variant"
        SHORT = "short", "Short form or surname"
        ABBREVIATION = "abbreviation", "Abbreviation"
        NATIVE = "native", "Native script"
        DESCRIPTION = "description", "Descriptive reference (e.g. 'the presidential aide')"
        METONYM = "metonym", "Metonym (a capital for its government)"

    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TRANSLITERATION)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1, e.g. en, uk, ru")
    script = models.CharField(max_length=4, blank=True, help_text="ISO 15924, e.g. Latn, Cyrl")
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    official = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )
    outlets = models.ManyToManyField(
        Outlet, blank=True, related_name="aliases_used", help_text="Outlets seen using it"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["normalized"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(party__isnull=False, official__isnull=True, place__isnull=True)
                    | Q(party__isnull=True, official__isnull=False, place__isnull=True)
                    | Q(party__isnull=True, official__isnull=True, place__isnull=False)
                ),
                name="alias_exactly_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["normalized", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"alias_unique_per_{target}",
                    violation_error_message=f"This {target} already has this name variant.",
                )
                for target in ("party", "official", "place")
            ),
        ]
        indexes = [
            # Review queue: pending alias suggestions.
            pending_queue_index("alias_pending_queue"),
        ]

    def clean(self) -> None:
        super().clean()  # derives the key read below
        # ``self.party`` (not only ``party_id``) counts a parent not saved yet, as when an admin
        # inline adds a party and its aliases in one save; neither form queries the database.
        targets = [
            t
            for t in (
                self.party_id or self.party,
                self.official_id or self.official,
                self.place_id or self.place,
            )
            if t
        ]
        if len(targets) != 1:
            raise ValidationError("An alias names exactly one party, official or place.")
        if not self.normalized:
            raise ValidationError({"name": "A name variant needs at least one letter or digit."})

    @property
    def target(self):
        return self.party or self.official or self.place


class Proposal(NormalizedName, Reviewable, TimeStampedModel):
    """Something the news describes that is not on record (a person, a track), proposed as a new
    row: one proposal per normalised name, whatever the number of articles. A reviewer approves
    it as a new row or links it to an existing one; either way the row it names is set."""

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


def proposal_rules(
    prefix: str, *, names: str, noun: str
) -> tuple[list[models.BaseConstraint], list[models.Index]]:
    """A proposal's constraints and index, named ``<prefix>_...``: one proposal per name, and an
    approved one ``names`` its row (the foreign key set on approval or linking)."""
    constraints: list[models.BaseConstraint] = [
        models.UniqueConstraint(
            fields=["normalized"],
            name=f"{prefix}_unique_name",
            violation_error_message=f"This {noun} is already proposed.",
        ),
        models.CheckConstraint(
            condition=~Q(review_state=ReviewState.APPROVED) | Q(**{f"{names}__isnull": False}),
            name=f"{prefix}_approved_has_{names}",
            violation_error_message=f"An approved proposal names its {names}.",
        ),
    ]
    indexes = [
        # Review: pending proposals, oldest first.
        pending_queue_index(f"{prefix}_pending"),
    ]
    return constraints, indexes


class OfficialProposal(Proposal):
    """A person the news quotes who is not in the knowledge base, proposed as a new official.

    One proposal per person (per normalised name), whatever the number of articles: it gathers
    the articles that quoted the person and the statements kept under the name as written. A
    reviewer approves it as a new official or links it to an existing one (another spelling);
    either way ``official`` is set and the statements are attributed to that official.
    """

    name = models.CharField(max_length=200, help_text="As first written in the news")
    normalized = models.CharField(max_length=200, editable=False)
    role = models.CharField(max_length=200, blank=True, help_text="The role as written")
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="official_proposals",
        help_text="The party the person spoke for, when the article says",
    )
    articles = models.ManyToManyField(
        Article,
        blank=True,
        related_name="official_proposals",
        help_text="Where the person was seen speaking",
    )
    statements: models.ManyToManyField[Statement, Any] = models.ManyToManyField(
        "Statement",
        blank=True,
        related_name="official_proposals",
        help_text="Statements kept under the name as written",
    )
    official = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text="The official this person is, once approved or linked",
    )

    class Meta(Proposal.Meta):
        constraints, indexes = proposal_rules("official_proposal", names="official", noun="person")

    def clean(self) -> None:
        super().clean()  # derives the key read below
        if len(self.normalized.split()) < 2:
            raise ValidationError({"name": "Give at least a first name and a surname."})


# --- Negotiation tracks -------------------------------------------------------------------------


class Track(SlugKeyed, Changeable, TimeStampedModel):
    """A negotiation track; bilateral agreements can sit under a framework (their parent)."""

    class Kind(models.TextChoices):
        BILATERAL = "bilateral", "Bilateral talks"
        MULTILATERAL = "multilateral", "Multilateral talks"
        FRAMEWORK = "framework", "Framework"
        PROCESS = "process", "Diplomatic process"

    name = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True, help_text="Phrases that assign articles to this track, one per line"
    )
    participants: models.ManyToManyField[Party, TrackParticipant] = models.ManyToManyField(
        Party, through="TrackParticipant", related_name="tracks"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="track_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class TrackParticipant(TimeStampedModel):
    class Role(models.TextChoices):
        GUARANTOR = "guarantor", "Guarantor"
        BENEFICIARY = "beneficiary", "Beneficiary"
        CONVENOR = "convenor", "Convenor"
        MEMBER = "member", "Member"
        MEDIATOR = "mediator", "Mediator"
        HOST = "host", "Host"
        OBSERVER = "observer", "Observer"

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="participations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=16, choices=Role.choices)
    joined_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["track_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "party", "role"],
                name="participant_unique_role",
                violation_error_message="This party already has this role in the track.",
            ),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class TrackProposal(Proposal):
    """An agreement or a format the news describes that is not on record, proposed as a new track.

    One proposal per track name (per normalised name), whatever the number of articles: it
    gathers the articles that described it, under the parent the machine found (the framework or
    process it belongs to) and, for a bilateral agreement, the partner state. A reviewer approves
    it as a new track or links it to an existing one (the same format under another name); either
    way ``track`` is set.
    """

    name = models.CharField(max_length=300, help_text="The proposed track name")
    normalized = models.CharField(max_length=300, editable=False)
    kind = models.CharField(max_length=16, choices=Track.Kind.choices)
    parent = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="child_proposals",
        help_text="The framework or process the track belongs under",
    )
    partner = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="track_proposals",
        help_text="For a bilateral agreement, the partner state",
    )
    evidence = models.TextField(blank=True, help_text="The sentence that described it")
    articles = models.ManyToManyField(
        Article,
        blank=True,
        related_name="track_proposals",
        help_text="Where the agreement or format was described",
    )
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text="The track this is, once approved or linked",
    )

    class Meta(Proposal.Meta):
        constraints, indexes = proposal_rules("track_proposal", names="track", noun="track")

    def clean(self) -> None:
        super().clean()  # derives the key read below
        if not self.normalized:
            raise ValidationError({"name": "Give the track's name."})


class StatusChange(Reviewable, Changeable, TimeStampedModel):
    """One step in a track's status history. The current status is the latest approved step."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ANNOUNCED = "announced", "Announced"
        SCHEDULED = "scheduled", "Scheduled"
        TALKS_UNDER_WAY = "talks_under_way", "Talks under way"
        AGREED = "agreed", "Agreed in principle"
        SIGNED = "signed", "Signed"
        IN_FORCE = "in_force", "In force"
        STALLED = "stalled", "Stalled"
        SUSPENDED = "suspended", "Suspended"
        ABANDONED = "abandoned", "Abandoned"

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=Status.choices)
    effective_date = models.DateField()
    date_precision = precision_field()
    date_phrase = models.CharField(
        max_length=100, blank=True, help_text="The words the date came from ('early August')"
    )
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["track_id", "effective_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "status", "effective_date"],
                name="status_change_unique",
                violation_error_message="This track already has this status on this date.",
            ),
        ]
        indexes = [
            # Track timeline and current status: a track's changes in date order.
            models.Index(fields=["track", "effective_date"], name="status_track_date"),
            # Review queue.
            pending_queue_index("status_pending_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.effective_date:%Y-%m-%d})"


# --- Statements ---------------------------------------------------------------------------------


class Channel(models.TextChoices):
    TELEGRAM = "telegram", "Telegram post"
    SOCIAL_MEDIA = "social_media", "Other social media post"
    INTERVIEW = "interview", "Interview"
    PRESS_BRIEFING = "press_briefing", "Press briefing"
    PRESS_CONFERENCE = "press_conference", "Press conference"
    TOLD_JOURNALISTS = "told_journalists", "Remarks to journalists"
    SPEECH = "speech", "Speech"
    OFFICIAL_STATEMENT = "official_statement", "Official statement or website"
    DOCUMENT = "document", "Document or declaration text"
    UNKNOWN = "unknown", "Unknown"


class Statement(Reviewable, Changeable, TimeStampedModel):
    """Who said what, when and through which channel. One canonical wording, many reports.

    The speaker is a person, an institution, a group or a text, as event coders (PLOVER, ACLED)
    take organisations and collectives for actors, with no row of its own for each:

    - a person: ``speaker`` (the official; the role held that day in ``speaker_position``);
    - an institution: ``speaker_description`` names it ("Kremlin", "Ministry of Foreign
      Affairs") and ``speaker_party`` is the party it belongs to;
    - a group that is a party (a coalition or bloc: "the G7 leaders", "les membres de la
      Coalition des volontaires"): ``speaker_party`` is the group, the description its words;
      a group of no one party ("the two leaders", "Rubio and Waltz") is its description alone,
      and with one party when all of it speaks for one;
    - a text (a joint declaration, a communiqué): its issuer as above, ``channel`` "document";
      a text whose issuer the article does not name is described as written ("the joint
      declaration"), for the analyst to attribute.
    """

    class Kind(models.TextChoices):
        DIRECT_QUOTE = "direct_quote", "Direct quote"
        PARAPHRASE = "paraphrase", "Paraphrase / reported speech"

    speaker = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    speaker_party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="The party the speaker spoke for",
    )
    speaker_position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text="The role held on the day",
    )
    speaker_description = models.CharField(
        max_length=200, blank=True, help_text="When unnamed: 'a senior Ukrainian official'"
    )
    text = models.TextField(help_text="Canonical wording (English)")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    said_on = models.DateField(null=True, blank=True)
    said_precision = precision_field()
    said_phrase = models.CharField(max_length=100, blank=True, help_text="e.g. 'on Sunday'")
    channel = models.CharField(max_length=24, choices=Channel.choices, default=Channel.UNKNOWN)
    channel_detail = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'interview with Reuters'"
    )
    tracks: models.ManyToManyField[Track, StatementTrack] = models.ManyToManyField(
        Track, through="StatementTrack", related_name="statements"
    )

    class Meta:
        ordering = ["-said_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker__isnull=False)
                | Q(speaker_party__isnull=False)
                | ~Q(speaker_description=""),
                name="statement_has_speaker",
                violation_error_message="A statement needs a speaker, a party or a description.",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="statement_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["speaker", "-said_on"], name="statement_speaker_said"),
            models.Index(fields=["-said_on"], name="statement_said"),
            pending_queue_index("statement_pending_queue"),
        ]

    def __str__(self) -> str:
        words = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return words

    def speaker_label(self) -> str:
        """Who spoke, as a reader names them: the official; else the description with the
        party it spoke for ("Kremlin (Russia)", "the two leaders"); else the party ("G7").
        Queries: reads the speaker and the party unless they were selected with the statement.
        """
        if self.speaker_id is not None:
            return str(self.speaker)
        party = str(self.speaker_party) if self.speaker_party_id is not None else ""
        if self.speaker_description and party:
            return f"{self.speaker_description} ({party})"
        return self.speaker_description or party

    def clean(self) -> None:
        """The speaker's position must be the speaker's; a position alone names the speaker and
        the party they spoke for. Queries: reads the position (one query when not cached).

        In ``clean()`` rather than a constraint because it crosses a relation; every write path
        (the API, the admin's forms, imports) runs it through ``full_clean()``.
        """
        super().clean()
        if self.speaker_position_id is None:
            return
        position = self.speaker_position
        if position is None:  # for the type checker: a set id loads its position or raises
            return
        if self.speaker_id and position.official_id != self.speaker_id:
            raise ValidationError(
                {"speaker_position": "This position belongs to another official than the speaker."}
            )
        if self.speaker_id is None:
            self.speaker_id = position.official_id
        if self.speaker_party_id is None:
            self.speaker_party_id = position.party_id


class StatementTrack(Reviewable, TimeStampedModel):
    """A statement's assignment to a track (the classifier proposes, analysts confirm)."""

    review_parent = "statement"  # decided with its statement while pending

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="track_links")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="statement_links")
    # Why the machine proposed it: the track's words found in the statement, and their count
    # (the queue's "machine confidence"). Empty and 0 on links an analyst made.
    matched = models.CharField(max_length=500, blank=True)
    score = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "track"], name="statement_track_unique"),
        ]

    def __str__(self) -> str:
        return f"statement #{self.statement_id} → track #{self.track_id}"


class StatementReport(QuotedSpan, Reviewable, TimeStampedModel):
    """One article's rendering of a statement, in that outlet's exact words."""

    review_parent = "statement"  # decided with its statement while pending
    quoted_field = "wording"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="reports")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reports")
    wording = models.TextField(help_text="Verbatim from the article text")
    kind = models.CharField(max_length=16, choices=Statement.Kind.choices)
    char_start = models.PositiveIntegerField(null=True, blank=True)
    char_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["statement_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "article"],
                name="report_unique_per_article",
                violation_error_message="This article is already recorded as reporting it.",
            ),
            models.CheckConstraint(condition=~Q(wording=""), name="report_wording_not_empty"),
            models.CheckConstraint(
                condition=Q(char_start__isnull=True)
                | Q(char_end__isnull=True)
                | Q(char_end__gt=F("char_start")),
                name="report_span_ordered",
            ),
        ]
        indexes = [
            pending_queue_index("report_pending_queue"),
        ]

    def __str__(self) -> str:
        # The outlet's own words, shortened: readable in lists and breadcrumbs, no query.
        words = self.wording if len(self.wording) <= 80 else self.wording[:77] + "..."
        return f"“{words}”"


# --- Commitments --------------------------------------------------------------------------------


class Commitment(Reviewable, Changeable, TimeStampedModel):
    """What a party offers or demands under a track. Its stages carry dates and evidence.

    The amount is what the record holds now; a later report of another amount is a correction
    (``CommitmentCorrection``), logged with its source and applied only through
    ``services.record.commitment_correction_apply``, never written over the amount silently.
    """

    class Category(models.TextChoices):
        MILITARY_AID = "military_aid", "Military aid"
        FINANCIAL_AID = "financial_aid", "Financial aid"
        SANCTIONS = "sanctions", "Sanctions"
        TRAINING = "training", "Training"
        INTELLIGENCE = "intelligence", "Intelligence sharing"
        CYBER = "cyber", "Cyber defence"
        DEFENCE_INDUSTRY = "defence_industry", "Defence industry"
        TROOPS = "troops", "Troop deployment"
        AIR_SUPPORT = "air_support", "Air support"
        LOGISTICS = "logistics", "Logistics"
        RECONSTRUCTION = "reconstruction", "Reconstruction"
        SECURITY_GUARANTEE = "security_guarantee", "Security guarantee clause"
        NATO_PATH = "nato_path", "NATO membership path"
        EU_PATH = "eu_path", "EU membership path"
        REFORMS = "reforms", "Reforms"
        OTHER = "other", "Other"

    class Direction(models.TextChoices):
        OFFER = "offer", "Offered / pledged"
        DEMAND = "demand", "Demanded / expected"

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="commitments")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="commitments")
    beneficiary = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments_received",
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.OFFER)
    description = models.TextField()
    amount = amount_field(
        null=True,
        blank=True,
        help_text="In units of the currency (2.5 billion is 2500000000); a range's upper bound",
    )
    amount_low = amount_field(
        null=True,
        blank=True,
        help_text="A range's lower bound ('between 1 and 2 billion')",
    )
    amount_up_to = models.BooleanField(
        default=False, help_text="The amount is a ceiling ('up to $1.5 billion')"
    )
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 (EUR, USD, GBP)")
    per_year = models.BooleanField(default=False, help_text="The amount is per year")
    period_start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    period_end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    period_phrase = models.CharField(
        max_length=100, blank=True, help_text="The words the period came from ('over ten years')"
    )

    class Meta:
        ordering = ["track_id", "category", "id"]
        constraints = [
            # Two packages of one kind by one party differ by their amount or by the year they
            # start ("£2.3bn in 2022, another £2.3bn in 2023"): each is its own commitment;
            # without an amount, one commitment of a kind per party and track.
            models.UniqueConstraint(
                fields=["track", "party", "category", "direction", "currency", "amount"],
                condition=Q(amount__isnull=False, period_start_year__isnull=True),
                name="commitment_unique_amount",
                violation_error_message=(
                    "This party already has a commitment of this kind and amount in the track."
                ),
            ),
            models.UniqueConstraint(
                fields=[
                    "track",
                    "party",
                    "category",
                    "direction",
                    "currency",
                    "amount",
                    "period_start_year",
                ],
                condition=Q(amount__isnull=False, period_start_year__isnull=False),
                name="commitment_unique_amount_year",
                violation_error_message=(
                    "This party already has a commitment of this kind and amount for that year "
                    "in the track."
                ),
            ),
            models.UniqueConstraint(
                fields=["track", "party", "category", "direction"],
                condition=Q(amount__isnull=True),
                name="commitment_unique_unquantified",
                violation_error_message=(
                    "This party already has a commitment of this kind without an amount in the "
                    "track."
                ),
            ),
            models.CheckConstraint(
                condition=Q(currency="") | Q(currency__regex=r"^[A-Z]{3}$"),
                name="commitment_currency_iso",
                violation_error_message="Give the currency as its ISO 4217 code (EUR, USD).",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="commitment_amount_has_currency",
                violation_error_message="An amount needs its currency.",
            ),
            models.CheckConstraint(
                condition=Q(amount_low__isnull=True)
                | (Q(amount__isnull=False) & Q(amount_low__lte=F("amount"))),
                name="commitment_amount_range_ordered",
                violation_error_message="A range's lower bound is at most its amount.",
            ),
            models.CheckConstraint(
                condition=Q(period_start_year__isnull=True)
                | Q(period_end_year__isnull=True)
                | Q(period_end_year__gte=F("period_start_year")),
                name="commitment_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.get_category_display()

    def total_amount(self) -> Decimal | None:
        """The amount over the whole commitment: a yearly amount times the years of its period
        when both ends are known ("£2.5bn a year in 2024-2027" is £10bn), else the amount."""
        if self.amount is None:
            return None
        if self.per_year and self.period_start_year and self.period_end_year:
            return self.amount * (self.period_end_year - self.period_start_year + 1)
        return self.amount


class CommitmentStage(Reviewable, TimeStampedModel):
    """A dated stage of a commitment: announced, agreed, allocated, delivered or withdrawn.

    Each stage has its own evidence (``Evidence.commitment_stage``); a stage the analyser adds to
    a commitment waits for review like the commitment itself.
    """

    review_parent = "commitment"  # decided with its commitment while pending

    class Stage(models.TextChoices):
        ANNOUNCED = "announced", "Announced"
        AGREED = "agreed", "Agreed"
        ALLOCATED = "allocated", "Allocated"
        DELIVERED = "delivered", "Delivered"
        WITHDRAWN = "withdrawn", "Withdrawn"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    effective_date = models.DateField(null=True, blank=True)
    date_precision = precision_field()

    class Meta:
        ordering = ["commitment_id", "effective_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "stage"], name="commitment_stage_unique"),
        ]

    def __str__(self) -> str:
        return self.get_stage_display()


class CommitmentCorrection(QuotedSpan, Reviewable, TimeStampedModel):
    """A later report of another amount for a commitment: the log of its corrections.

    The old amount is the one the record held when the report came; the report's words are its
    source. Applied to the commitment (``services.record.commitment_correction_apply``) only
    once an analyst approves it.
    """

    # Rejected with its commitment; approving the commitment leaves it pending, since approving a
    # correction applies its amount (``commitment_correction_apply``), a reviewer's own step.
    review_parent = "commitment"
    review_follows = frozenset({ReviewState.REJECTED})
    quoted_field = "excerpt"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="corrections")
    stage = models.CharField(
        max_length=16,
        choices=CommitmentStage.Stage.choices,
        blank=True,
        help_text="The stage the report gives the amount for",
    )
    old_amount = amount_field(null=True, blank=True)
    old_currency = models.CharField(max_length=3, blank=True)
    old_amount_low = amount_field(
        null=True,
        blank=True,
        help_text="The lower bound of the range the applied correction cleared, if it did",
    )
    new_amount = amount_field()
    new_currency = models.CharField(max_length=3)
    reported_on = models.DateField(null=True, blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    excerpt = models.TextField(blank=True, help_text="Verbatim from the article text")
    char_start = models.PositiveIntegerField(null=True, blank=True)
    char_end = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["commitment_id", "reported_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "article", "new_amount", "new_currency"],
                condition=Q(article__isnull=False),
                name="correction_unique_per_article",
            ),
            models.CheckConstraint(
                condition=Q(new_currency__regex=r"^[A-Z]{3}$"),
                name="correction_currency_iso",
            ),
            models.CheckConstraint(
                condition=Q(article__isnull=True) | ~Q(excerpt=""),
                name="correction_source_has_excerpt",
            ),
        ]
        indexes = [
            # Review queue.
            pending_queue_index("correction_pending_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.old_amount} {self.old_currency} → {self.new_amount} {self.new_currency}"


# --- Evidence -----------------------------------------------------------------------------------


class Evidence(QuotedSpan, TimeStampedModel):
    """The exact words in one article that support a status change or a commitment."""

    quoted_field = "excerpt"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence")
    excerpt = models.TextField(help_text="Verbatim from the article text")
    char_start = models.PositiveIntegerField(null=True, blank=True)
    char_end = models.PositiveIntegerField(null=True, blank=True)
    status_change = models.ForeignKey(
        StatusChange, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    commitment_stage = models.ForeignKey(
        CommitmentStage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
        help_text="The stage of the commitment these words report, when they report one",
    )

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status_change__isnull=False, commitment__isnull=True)
                | Q(status_change__isnull=True, commitment__isnull=False),
                name="evidence_exactly_one_target",
            ),
            models.CheckConstraint(condition=~Q(excerpt=""), name="evidence_excerpt_not_empty"),
            models.UniqueConstraint(
                fields=["status_change", "article"],
                condition=Q(status_change__isnull=False),
                name="evidence_unique_status_article",
            ),
            models.UniqueConstraint(
                fields=["commitment", "article"],
                condition=Q(commitment__isnull=False, commitment_stage__isnull=True),
                name="evidence_unique_commitment_article",
            ),
            # One article may report several stages of a commitment, each once.
            models.UniqueConstraint(
                fields=["commitment_stage", "article"],
                condition=Q(commitment_stage__isnull=False),
                name="evidence_unique_stage_article",
            ),
            models.CheckConstraint(
                condition=Q(commitment_stage__isnull=True) | Q(commitment__isnull=False),
                name="evidence_stage_has_commitment",
            ),
        ]

    def __str__(self) -> str:
        words = self.excerpt if len(self.excerpt) <= 80 else self.excerpt[:77] + "..."
        return f"“{words}”"

    def clean(self) -> None:
        super().clean()
        stage = self.commitment_stage
        if stage is not None and self.commitment_id is None:
            self.commitment_id = stage.commitment_id
        if stage is not None and stage.commitment_id != self.commitment_id:
            raise ValidationError({"commitment_stage": "This stage belongs to another commitment."})
