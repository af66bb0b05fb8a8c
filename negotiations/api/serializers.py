"""Output serializers (what clients read) and input serializers (what views hand to services)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, models
from rest_framework import serializers

from negotiations.models import (
    Alias,
    Article,
    Commitment,
    CommitmentCorrection,
    CommitmentStage,
    Deletion,
    Evidence,
    Official,
    Outlet,
    Party,
    Place,
    Position,
    Statement,
    StatementReport,
    StatusChange,
    Track,
    TrackParticipant,
)
from negotiations.selectors import timeline

REVIEW_FIELDS = ["review_state", "origin", "reviewed_at", "review_note"]
# What the JSON of a row that sync clients follow ends with: its times and its change marker.
CHANGE_FIELDS = ["created_at", "updated_at", "seq"]
# What a record's JSON adds to what clients write: its review, its times and its change marker.
RECORD_STATE_FIELDS = [*REVIEW_FIELDS, *CHANGE_FIELDS]

# A record's fields as clients read and write them (one list each, for the read and the input
# serializer; the timeline reads a status change's too).
STATEMENT_FIELDS = [
    "speaker",
    "speaker_party",
    "speaker_position",
    "speaker_description",
    "text",
    "kind",
    "said_on",
    "said_precision",
    "said_phrase",
    "channel",
    "channel_detail",
    "tracks",
    "reports",
]
# A statement in brief (the timeline's, coverage's and search's): who said what, when and how.
STATEMENT_BRIEF_FIELDS = [
    name
    for name in STATEMENT_FIELDS
    if name not in {"speaker_position", "said_phrase", "tracks", "reports"}
]
STATUS_CHANGE_FIELDS = [
    "track",
    "status",
    "effective_date",
    "date_precision",
    "date_phrase",
    "summary",
]


# --- Compact references -------------------------------------------------------------------------


# A row that sync clients follow: its JSON carries its change marker, ``seq`` (no docstring: the
# schema would give it to every subclass without one as its description).
class ChangeableSerializer(serializers.ModelSerializer):
    # Page on ``?changed_since=`` (negotiations.services.changes).
    seq = serializers.IntegerField(
        source="change_seq",
        read_only=True,
        help_text="Change marker: moves whenever this JSON changes; pass the highest you hold "
        "as ?changed_since= to get what changed since",
    )


class PlainRefSerializer(serializers.ModelSerializer):
    """A reference made of plain attributes (ids, strings, booleans), rendered without DRF's
    per-field machinery: lists render thousands of these, and that machinery dominated the time.
    The declared fields still drive the schema; tests compare the output with the generic path."""

    def to_representation(self, instance):
        return {name: getattr(instance, name) for name in self.Meta.fields}


class PartyRefSerializer(PlainRefSerializer):
    class Meta:
        model = Party
        fields = ["id", "slug", "name", "short_name"]


class OfficialRefSerializer(PlainRefSerializer):
    class Meta:
        model = Official
        fields = ["id", "slug", "full_name"]


class PlaceRefSerializer(PlainRefSerializer):
    class Meta:
        model = Place
        fields = ["id", "slug", "name"]


class OutletRefSerializer(PlainRefSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "slug", "name", "state_affiliated"]


class TrackRefSerializer(PlainRefSerializer):
    class Meta:
        model = Track
        fields = ["id", "slug", "name"]


class ArticleRefSerializer(serializers.ModelSerializer):
    outlet = OutletRefSerializer(allow_null=True)
    url = serializers.CharField(help_text="As found; may be empty (seed files, uploads)")

    class Meta:
        model = Article
        fields = ["id", "title", "url", "published_at", "language", "outlet"]


# --- Reference data -----------------------------------------------------------------------------


class PartySerializer(ChangeableSerializer):
    class Meta:
        model = Party
        fields = [
            "id",
            "name",
            "slug",
            "short_name",
            "kind",
            "iso_code",
            "wikidata_id",
            "description",
            *CHANGE_FIELDS,
        ]


class PositionSerializer(serializers.ModelSerializer):
    party = PartyRefSerializer()

    class Meta:
        model = Position
        fields = [
            "id",
            "party",
            "title",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
        ]


class OfficialSerializer(ChangeableSerializer):
    positions = PositionSerializer(many=True)

    class Meta:
        model = Official
        fields = [
            "id",
            "full_name",
            "slug",
            "native_name",
            "wikidata_id",
            "notes",
            "positions",
            *CHANGE_FIELDS,
        ]


class AliasSerializer(ChangeableSerializer):
    party = PartyRefSerializer(allow_null=True)
    official = OfficialRefSerializer(allow_null=True)
    place = PlaceRefSerializer(allow_null=True)
    outlets = OutletRefSerializer(many=True)

    class Meta:
        model = Alias
        fields = [
            "id",
            "name",
            "normalized",
            "kind",
            "language",
            "script",
            "party",
            "official",
            "place",
            "outlets",
            "valid_from",
            "valid_to",
            *RECORD_STATE_FIELDS,
        ]


class OutletSerializer(ChangeableSerializer):
    class Meta:
        model = Outlet
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "country_code",
            "language",
            "state_affiliated",
            "affiliation_note",
            "first_followed_on",
            *CHANGE_FIELDS,
        ]


class ArticleSerializer(ChangeableSerializer):
    outlet = OutletRefSerializer(allow_null=True)
    wire_outlet = OutletRefSerializer(allow_null=True)
    # Blank when unknown, so plain strings rather than format: uri.
    url = serializers.CharField(help_text="As found; may be empty")
    canonical_url = serializers.CharField(help_text="Tracking parameters stripped; may be empty")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "canonical_url",
            "outlet",
            "wire_outlet",
            "story",
            "title",
            "byline",
            "published_at",
            "published_precision",
            "language",
            "source_kind",
            "source_ref",
            "fingerprint",
            *CHANGE_FIELDS,
        ]


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]


# --- Tracks, status history, statements, commitments --------------------------------------------


class TrackParticipantSerializer(serializers.ModelSerializer):
    party = PartyRefSerializer()

    class Meta:
        model = TrackParticipant
        fields = ["party", "role", "joined_on", "note"]


def _current_status_field() -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=StatusChange.Status.choices,
        allow_null=True,
        read_only=True,
        help_text="Status of the latest approved status change (by effective date)",
    )


class TrackChildSerializer(serializers.ModelSerializer):
    current_status = _current_status_field()
    current_status_date = serializers.DateField(allow_null=True, read_only=True)

    class Meta:
        model = Track
        fields = ["id", "slug", "name", "kind", "current_status", "current_status_date"]


class TrackSerializer(ChangeableSerializer):
    parent = TrackRefSerializer(allow_null=True)
    children = TrackChildSerializer(
        many=True, read_only=True, help_text="The tracks under this one (a framework's)"
    )
    participants = TrackParticipantSerializer(many=True, source="participations")
    current_status = _current_status_field()
    current_status_date = serializers.DateField(allow_null=True, read_only=True)

    class Meta:
        model = Track
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "parent",
            "children",
            "description",
            "participants",
            "current_status",
            "current_status_date",
            *CHANGE_FIELDS,
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer()

    class Meta:
        model = Evidence
        fields = ["id", "article", "excerpt", "char_start", "char_end"]


class StatusChangeSerializer(ChangeableSerializer):
    track = TrackRefSerializer()
    evidence = EvidenceSerializer(many=True)

    class Meta:
        model = StatusChange
        fields = ["id", *STATUS_CHANGE_FIELDS, "evidence", *RECORD_STATE_FIELDS]


class ReportArticleSerializer(ArticleRefSerializer):
    wire_outlet = OutletRefSerializer(allow_null=True)

    class Meta(ArticleRefSerializer.Meta):
        fields = [*ArticleRefSerializer.Meta.fields, "wire_outlet", "story"]


class StatementReportSerializer(serializers.ModelSerializer):
    article = ReportArticleSerializer()

    class Meta:
        model = StatementReport
        fields = ["id", "article", "wording", "kind", "char_start", "char_end", "review_state"]


class PositionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = ["id", "title", "party", "start_date", "end_date"]


class StatementTrackLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="track.id")
    slug = serializers.CharField(source="track.slug")
    name = serializers.CharField(source="track.name")
    review_state = serializers.CharField(help_text="State of the assignment to the track")


class StatementSerializer(ChangeableSerializer):
    speaker = OfficialRefSerializer(allow_null=True)
    speaker_party = PartyRefSerializer(allow_null=True)
    speaker_position = PositionRefSerializer(allow_null=True)
    tracks = StatementTrackLinkSerializer(many=True, source="track_links")
    reports = StatementReportSerializer(many=True)

    class Meta:
        model = Statement
        fields = ["id", *STATEMENT_FIELDS, *RECORD_STATE_FIELDS]


class CommitmentStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitmentStage
        fields = ["id", "stage", "effective_date", "date_precision", "review_state"]


class CommitmentEvidenceSerializer(EvidenceSerializer):
    stage = serializers.PrimaryKeyRelatedField(
        source="commitment_stage",
        read_only=True,
        allow_null=True,
        help_text="The id of the stage (in stages) these words report; null: the commitment",
    )

    class Meta(EvidenceSerializer.Meta):
        fields = [*EvidenceSerializer.Meta.fields, "stage"]


class CommitmentCorrectionSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(allow_null=True)

    class Meta:
        model = CommitmentCorrection
        fields = [
            "id",
            "stage",
            "old_amount",
            "old_currency",
            "old_amount_low",
            "new_amount",
            "new_currency",
            "reported_on",
            "article",
            "excerpt",
            "char_start",
            "char_end",
            "note",
            *REVIEW_FIELDS,
        ]


COMMITMENT_AMOUNT_FIELDS = [
    "amount",
    "amount_low",
    "amount_up_to",
    "currency",
    "per_year",
    "period_start_year",
    "period_end_year",
    "period_phrase",
]
# A commitment's fields as clients read and write it (the read adds its id, corrections and state).
COMMITMENT_FIELDS = [
    "track",
    "party",
    "beneficiary",
    "category",
    "direction",
    "description",
    *COMMITMENT_AMOUNT_FIELDS,
    "stages",
    "evidence",
]


class CommitmentSerializer(ChangeableSerializer):
    track = TrackRefSerializer()
    party = PartyRefSerializer()
    beneficiary = PartyRefSerializer(allow_null=True)
    stages = CommitmentStageSerializer(many=True)
    evidence = CommitmentEvidenceSerializer(many=True)
    corrections = CommitmentCorrectionSerializer(
        many=True, help_text="The log of other amounts reported later (applied once approved)"
    )

    class Meta:
        model = Commitment
        fields = ["id", *COMMITMENT_FIELDS, "corrections", *RECORD_STATE_FIELDS]


class DeletionSerializer(ChangeableSerializer):
    class Meta:
        model = Deletion
        fields = ["id", "resource", "object_id", "reason", "replaced_by", "deleted_at", "seq"]


# --- Timeline, coverage, search -----------------------------------------------------------------


class TimelineEvidenceSerializer(serializers.Serializer):
    """A report of a statement, or the excerpt that supports a status change (its ``wording``
    annotated from ``excerpt``: ``selectors.timeline.timeline_evidence``)."""

    article = ArticleRefSerializer()
    outlet = OutletRefSerializer(source="article.outlet", allow_null=True)
    wording = serializers.CharField(help_text="The article's exact words")


class TimelineStatusSerializer(serializers.ModelSerializer):
    track = TrackRefSerializer(help_text="The track it moved (a child's, with include_children)")

    class Meta:
        model = StatusChange
        fields = ["id", *STATUS_CHANGE_FIELDS]


class TimelineStatementSerializer(serializers.ModelSerializer):
    speaker = OfficialRefSerializer(allow_null=True)
    speaker_party = PartyRefSerializer(allow_null=True)

    class Meta:
        model = Statement
        fields = ["id", *STATEMENT_BRIEF_FIELDS]


# The timeline page is rendered from rows (negotiations/api/rows.py) with these serializers: the
# entry's item by its kind's, the evidence beside it by TimelineEvidenceSerializer.
class TimelineEntrySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["status_change", "statement"])
    date = serializers.DateField()
    status_change = TimelineStatusSerializer(allow_null=True)
    statement = TimelineStatementSerializer(allow_null=True)
    evidence = TimelineEvidenceSerializer(many=True)


class TimelinePageSerializer(serializers.Serializer):
    track = TrackRefSerializer()
    current_status = serializers.ChoiceField(choices=StatusChange.Status.choices, allow_null=True)
    next = serializers.URLField(allow_null=True)
    results = TimelineEntrySerializer(many=True)


class CoverageItemSerializer(serializers.Serializer):
    report_id = serializers.IntegerField()
    outlet = OutletRefSerializer(allow_null=True)
    wire_outlet = OutletRefSerializer(allow_null=True)
    article = ArticleRefSerializer()
    story = serializers.IntegerField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    wording = serializers.CharField()
    kind = serializers.ChoiceField(choices=Statement.Kind.choices)
    independent_group = serializers.IntegerField(
        help_text="Reports with the same number are copies of one source (wire, story, outlet)"
    )


class CoverageSerializer(serializers.Serializer):
    statement = TimelineStatementSerializer()
    reports_count = serializers.IntegerField()
    outlets_count = serializers.IntegerField()
    independent_outlets_count = serializers.IntegerField(
        help_text="Sources after wire copies and same-story articles are counted once"
    )
    coverage = CoverageItemSerializer(many=True)


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["article", "statement"])
    id = serializers.IntegerField()
    rank = serializers.FloatField()
    article = ArticleSerializer(allow_null=True)
    statement = TimelineStatementSerializer(allow_null=True)


class SearchResultSerializer(serializers.Serializer):
    q = serializers.CharField()
    results = SearchHitSerializer(many=True)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200, help_text="Words to find (web-search syntax)")
    kind = serializers.ChoiceField(
        choices=["all", "articles", "statements"], default="all", required=False
    )
    limit = serializers.IntegerField(min_value=1, max_value=100, default=20, required=False)


class TimelineQuerySerializer(serializers.Serializer):
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    limit = serializers.IntegerField(
        min_value=1,
        max_value=settings.API_MAX_PAGE_SIZE,
        required=False,
        help_text="Entries per page (API_PAGE_SIZE by default, at most API_MAX_PAGE_SIZE)",
    )
    after = serializers.RegexField(
        timeline.CURSOR_PATTERN,
        required=False,
        help_text="Position to continue after, as given in the previous page's next link",
    )
    include_children = serializers.BooleanField(
        default=False,
        required=False,
        help_text="true: also the status changes and statements of the tracks under this one "
        "(a framework's agreements)",
    )


class ExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["csv", "jsonl"], default="csv", required=False)


# --- Commitment totals ----------------------------------------------------------------------------

AMOUNT = {"max_digits": 24, "decimal_places": 2}


class CommitmentTotalSerializer(serializers.Serializer):
    original = serializers.DictField(
        child=serializers.DecimalField(**AMOUNT),
        help_text="Sums per original currency (ISO 4217 code -> amount)",
    )
    converted = serializers.DecimalField(
        **AMOUNT,
        allow_null=True,
        help_text="The sum in the chosen currency at each stage's date; null when no currency "
        "was chosen or a rate is missing (see missing_rates)",
    )
    commitments = serializers.IntegerField(help_text="Commitments counted")


class CommitmentSummaryRowSerializer(serializers.Serializer):
    party = PartyRefSerializer(allow_null=True)
    track = TrackRefSerializer(allow_null=True)
    kind = serializers.ChoiceField(choices=Commitment.Category.choices, allow_null=True)
    committed = CommitmentTotalSerializer(source="totals.committed")
    allocated = CommitmentTotalSerializer(source="totals.allocated")
    delivered = CommitmentTotalSerializer(source="totals.delivered")


class MissingRateSerializer(serializers.Serializer):
    commitment_id = serializers.IntegerField()
    stage = serializers.ChoiceField(choices=CommitmentStage.Stage.choices)
    currency = serializers.CharField(help_text="The currency without a rate on or before date")
    date = serializers.DateField(allow_null=True, help_text="The stage's date (null: undated)")


class CommitmentSummarySerializer(serializers.Serializer):
    currency = serializers.CharField(allow_null=True)
    group_by = serializers.ListField(child=serializers.CharField())
    results = CommitmentSummaryRowSerializer(many=True, source="rows")
    committed = CommitmentTotalSerializer(source="totals.committed")
    allocated = CommitmentTotalSerializer(source="totals.allocated")
    delivered = CommitmentTotalSerializer(source="totals.delivered")
    missing_rates = MissingRateSerializer(many=True)
    withdrawn = serializers.IntegerField(help_text="Withdrawn commitments (counted in no total)")
    unquantified = serializers.IntegerField(help_text="Commitments without an amount")


class OptionalMultipleChoiceField(serializers.MultipleChoiceField):
    """A repeatable query parameter: an empty value is the same as leaving it out, as for every
    other optional query parameter of the API (the schema says ``allowEmptyValue``)."""

    def to_internal_value(self, data):
        return super().to_internal_value([item for item in data if item != ""])


class CommitmentSummaryQuerySerializer(serializers.Serializer):
    track = serializers.IntegerField(min_value=1, required=False)
    party = serializers.IntegerField(min_value=1, required=False)
    kind = serializers.ChoiceField(choices=Commitment.Category.choices, required=False)
    currency = serializers.RegexField(
        r"^[A-Z]{3}$",
        required=False,
        help_text="Also total in this currency (ISO 4217) at the rate of each stage's date",
    )
    group_by = OptionalMultipleChoiceField(
        choices=["party", "track", "kind"],
        required=False,
        help_text="Dimensions of the rows (repeat the parameter); all three by default",
    )


# --- Input ---------------------------------------------------------------------------------------


class StrictCharField(serializers.CharField):
    """Text in a body is a JSON string: DRF's CharField takes ``0`` or ``1.5`` too and stores
    ``"0"``, so a client's type error would pass unnoticed (and the schema says string)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class InputModelSerializer(serializers.ModelSerializer):
    """A write serializer: the model's text columns take JSON strings only."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }


class ReviewDecisionSerializer(serializers.Serializer):
    note = StrictCharField(required=False, allow_blank=True, max_length=2000, default="")


def _article_key(value) -> int | None:
    """An article reference as a key of ``in_bulk``; None for what no article can have (the
    field then answers as a plain PrimaryKeyRelatedField does)."""
    if isinstance(value, bool):
        return None
    field = Article._meta.pk
    try:
        key = field.to_python(value)
    except (DjangoValidationError, OverflowError):  # OverflowError: an infinite float
        return None
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    if key is None or (low is not None and key < low) or (high is not None and key > high):
        return None
    return key


class ArticleListSerializer(serializers.ListSerializer):
    """Nested items that name an article: all their articles in one query (text included, for
    the verbatim check), not one per item."""

    def to_internal_value(self, data):
        keys = set()
        if isinstance(data, list):
            for item in data[: getattr(self, "max_length", None) or None]:
                if isinstance(item, dict):
                    key = _article_key(item.get("article"))
                    if key is not None:
                        keys.add(key)
        self.articles = Article.objects.in_bulk(keys) if keys else {}
        try:
            return super().to_internal_value(data)
        finally:
            del self.articles


class BulkArticleField(serializers.PrimaryKeyRelatedField):
    """An article of a nested item, taken from its list's bulk fetch (ArticleListSerializer)."""

    def to_internal_value(self, data):
        fetched = getattr(getattr(self.parent, "parent", None), "articles", None)
        key = _article_key(data)
        if fetched is None or key is None:  # alone, or a malformed value: the plain field's answer
            return super().to_internal_value(data)
        if key not in fetched:
            self.fail("does_not_exist", pk_value=data)
        return fetched[key]


class ReportInputSerializer(serializers.Serializer):
    article = BulkArticleField(queryset=Article.objects.all())
    wording = StrictCharField(max_length=20000)
    kind = serializers.ChoiceField(choices=Statement.Kind.choices)
    char_start = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    char_end = serializers.IntegerField(min_value=0, required=False, allow_null=True)

    class Meta:
        list_serializer_class = ArticleListSerializer


class EvidenceInputSerializer(serializers.Serializer):
    article = BulkArticleField(queryset=Article.objects.all())
    excerpt = StrictCharField(max_length=20000)
    char_start = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    char_end = serializers.IntegerField(min_value=0, required=False, allow_null=True)

    class Meta:
        list_serializer_class = ArticleListSerializer


class StageInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=CommitmentStage.Stage.choices)
    effective_date = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(
        choices=CommitmentStage._meta.get_field("date_precision").choices, required=False
    )
    evidence = EvidenceInputSerializer(
        many=True, required=False, help_text="Evidence of this stage to add"
    )


# Nested lists in one write are capped (API_MAX_NESTED_ITEMS): a longer list is a 400 naming the
# limit, so one request's cost is bounded.
MAX_NESTED = settings.API_MAX_NESTED_ITEMS


def _nested_input(
    serializer: type[serializers.Serializer], what: str
) -> serializers.BaseSerializer:
    """An optional list of nested rows in a write, capped at MAX_NESTED."""
    return serializer(
        many=True,
        required=False,
        max_length=MAX_NESTED,
        help_text=f"{what} (at most {MAX_NESTED})",
    )


class StatementInputSerializer(InputModelSerializer):
    """A statement as a client writes it. It needs a speaker (an official), a speaker party or a
    speaker description; a speaker position must be one of the speaker's. Report wordings (and
    their offsets, when given) must appear verbatim in their articles."""

    tracks = serializers.ListField(
        child=serializers.PrimaryKeyRelatedField(queryset=Track.objects.all()),
        required=False,
        max_length=MAX_NESTED,
        help_text=f"Tracks of the statement (replace its assignments; at most {MAX_NESTED})",
    )
    reports = _nested_input(ReportInputSerializer, "Articles to add")

    class Meta:
        model = Statement
        fields = STATEMENT_FIELDS


class StatusChangeInputSerializer(InputModelSerializer):
    evidence = _nested_input(EvidenceInputSerializer, "Evidence to add")

    class Meta:
        model = StatusChange
        fields = [*STATUS_CHANGE_FIELDS, "evidence"]
        # The service's full_clean reports duplicates (named constraint, clear message).
        validators = []


class CommitmentInputSerializer(InputModelSerializer):
    stages = _nested_input(StageInputSerializer, "Stages to add or replace")
    evidence = _nested_input(EvidenceInputSerializer, "Evidence to add")

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS
        validators = []
