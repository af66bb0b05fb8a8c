"""API views: parse input, call one selector or service, shape output."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from negotiations.api import export, filters, rows
from negotiations.api import serializers as s
from negotiations.api.permissions import CanReadModels, CanReview, can_review
from negotiations.models import (
    Alias,
    Article,
    Commitment,
    Deletion,
    ReviewState,
    Statement,
    StatusChange,
)
from negotiations.selectors import (
    commitments,
    coverage,
    records,
    reference,
    search,
    timeline,
    tracks,
)
from negotiations.selectors.common import review_filter
from negotiations.services import four_eyes, record, review

ID_PATTERN = r"[0-9]{1,18}"


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Base for the read endpoints: numeric ids, an ordering allow-list, cursor pages."""

    lookup_value_regex = ID_PATTERN
    # Public ordering name -> a non-null field or annotation of the queryset.
    ordering_fields: dict[str, str] = {"id": "id", "updated_at": "updated_at"}
    ordering = "id"
    export_actions: frozenset[str] = frozenset()
    # True: the list renders from rows (negotiations/api/rows.py) planned from the list's
    # serializer. The system check negotiations.api.E001 fails at start-up if it cannot be planned.
    list_from_rows = False

    def get_row_children(self) -> dict[str, QuerySet]:
        """The querysets of the list serializer's nested lists, by relation name, as the
        selector declares them (its list prefetches the same); none by default."""
        return {}

    @property
    def throttle_scope(self) -> str | None:
        return "export" if self.action in self.export_actions else None

    # A page of the filtered list, rendered from rows if the view opts in. (A comment:
    # drf-spectacular would show a docstring here as every list's description.)
    def list(self, request, *args, **kwargs):
        if not self.list_from_rows:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        plan = rows.plan_for(self.get_serializer_class())
        # The ordering columns too: the cursor reads its position from the page's last row.
        values = plan.values(queryset, extra=self.ordering_fields.values())
        page = self.paginate_queryset(values)
        data = plan.render(values if page is None else page, self.get_row_children())
        return Response(data) if page is None else self.get_paginated_response(data)

    def export_list(self, request, filename: str, columns, to_row):
        """The filtered list, streamed as CSV or JSON Lines (``?format=``) in server-side chunks,
        each row a projection of what the list's serializer renders."""
        fmt = _export_format(request)
        items = export.serialized_rows(
            self.serializer_class,
            self.filter_queryset(self.get_queryset()),
            chunk_size=settings.API_EXPORT_CHUNK_SIZE,
            children=self.get_row_children(),
        )
        return export.streamed_export(
            fmt=fmt, filename=filename, columns=columns, items=items, to_row=to_row
        )

    def perform_content_negotiation(self, request, force=False):
        if getattr(self, "action", None) in self.export_actions:
            renderer = self.get_renderers()[0]
            return (renderer, renderer.media_type)
        return super().perform_content_negotiation(request, force)


class ReviewableMixin:
    """Approved rows for everyone; reviewers may ask for ``?review_state=pending|rejected|all``."""

    write_actions = frozenset({"update", "partial_update", "approve", "reject"})

    def requested_review_state(self) -> str:
        raw = self.request.query_params.get("review_state") or ReviewState.APPROVED
        allowed = [value for value, _ in filters.REVIEW_STATE_CHOICES]
        if raw not in allowed:
            raise ValidationError(
                {"review_state": [f"Choose one of: {', '.join(allowed)}; got {raw[:40]!r}."]}
            )
        if raw != ReviewState.APPROVED and not can_review(self.request.user, self.model):
            raise PermissionDenied(
                f"Only reviewers may list review_state={raw}; others see approved records."
            )
        return raw

    def get_queryset(self):
        if self.action in self.write_actions:
            return self.writable(self.selector(review_state="all"))
        if getattr(self, "swagger_fake_view", False):
            return self.selector()
        return self.selector(review_state=self.requested_review_state())

    def writable(self, queryset):
        """What this user may write, and so read back through a write: reviewers every row;
        others the approved record and the rows they wrote themselves
        (``four_eyes.written_by``), never another's pending or rejected row."""
        user = self.request.user
        if can_review(user, self.model):
            return queryset
        if not user.is_authenticated:  # anonymous readers write nothing; the permission says so
            return queryset.filter(review_state=ReviewState.APPROVED)
        theirs = four_eyes.written_by(self.model, user)
        return queryset.filter(Q(review_state=ReviewState.APPROVED) | Q(pk__in=theirs))

    def _decide_child(self, request, decide, related: str, **lookup):
        """Decide one child of the record (a statement's report, a commitment's correction) on
        its own (404 if not the record's)."""
        parent = self.get_object()
        decision = s.ReviewDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        child = get_object_or_404(getattr(parent, related).all(), **lookup)
        decide(obj=child, user=request.user, note=decision.validated_data["note"])
        parent = self.selector(review_state="all").get(pk=parent.pk)
        return Response(self.get_serializer(parent).data)

    def _decide(self, request, decide):
        obj = self.get_object()
        decision = s.ReviewDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        decide(obj=obj, user=request.user, note=decision.validated_data["note"])
        return Response(self.get_serializer(self.selector(review_state="all").get(pk=obj.pk)).data)

    @extend_schema(request=s.ReviewDecisionSerializer, summary="Approve a pending record")
    @action(detail=True, methods=["post"], permission_classes=[CanReview])
    def approve(self, request, pk=None):
        return self._decide(request, review.review_approve)

    @extend_schema(request=s.ReviewDecisionSerializer, summary="Reject a pending record")
    @action(detail=True, methods=["post"], permission_classes=[CanReview])
    def reject(self, request, pk=None):
        return self._decide(request, review.review_reject)


def _export_format(request) -> str:
    query = s.ExportQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data["format"]


EXPORT_SCHEMA = {
    "parameters": [
        OpenApiParameter("format", str, enum=["csv", "jsonl"], description="csv (default) or jsonl")
    ],
    "responses": {
        (200, "text/csv"): OpenApiTypes.STR,
        (200, "application/x-ndjson"): OpenApiTypes.STR,
    },
}

REVIEW_STATE_PARAMETER = [
    OpenApiParameter(
        "review_state",
        str,
        enum=[value for value, _ in filters.REVIEW_STATE_CHOICES],
        description="approved (default) for everyone; pending, rejected or all for reviewers only",
    )
]

# --- Reference data -----------------------------------------------------------------------------


class PartyViewSet(ReadViewSet):
    """States, blocs, organisations and coalitions."""

    queryset = reference.party_list()
    serializer_class = s.PartySerializer
    filterset_class = filters.PartyFilter
    ordering_fields = {"id": "id", "name": "name", "updated_at": "updated_at"}
    ordering = "name"


class OfficialViewSet(ReadViewSet):
    """People who speak for parties, with the positions they held and when."""

    queryset = reference.official_list()
    serializer_class = s.OfficialSerializer
    filterset_class = filters.OfficialFilter
    ordering_fields = {"id": "id", "full_name": "full_name", "updated_at": "updated_at"}
    ordering = "full_name"


class AliasViewSet(ReviewableMixin, ReadViewSet):
    """Name variants (transliterations, short forms, native script) and who uses them."""

    model = Alias
    serializer_class = s.AliasSerializer
    filterset_class = filters.AliasFilter
    ordering_fields = {"id": "id", "normalized": "normalized", "updated_at": "updated_at"}
    ordering = "normalized"

    def selector(self, review_state=ReviewState.APPROVED):
        return reference.alias_list().filter(review_filter(review_state))


class OutletViewSet(ReadViewSet):
    queryset = reference.outlet_list()
    serializer_class = s.OutletSerializer
    filterset_class = filters.OutletFilter
    ordering_fields = {"id": "id", "name": "name", "updated_at": "updated_at"}
    ordering = "name"


class ArticleViewSet(ReadViewSet):
    """Articles without their text in lists; the detail has the text."""

    list_from_rows = True

    queryset = reference.article_list()
    filterset_class = filters.ArticleFilter
    ordering_fields = {
        "id": "id",
        "published_at": "published_sort",
        "updated_at": "updated_at",
    }
    ordering = "-published_at"

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return reference.article_list().defer(None)
        return reference.article_list()


# --- Tracks -------------------------------------------------------------------------------------


class TrackViewSet(ReadViewSet):
    """Negotiation tracks with their current status (latest approved status change)."""

    queryset = tracks.track_list()
    serializer_class = s.TrackSerializer
    filterset_class = filters.TrackFilter
    ordering_fields = {"id": "id", "name": "name", "updated_at": "updated_at"}
    ordering = "name"
    export_actions = frozenset({"timeline_export"})

    def get_queryset(self):
        if self.action in {"timeline", "timeline_export"}:
            # The track and its current status; the timeline shows no participants or parent.
            return tracks.track_list_with_status_only()
        return super().get_queryset()

    def filter_queryset(self, queryset):
        if self.action in {"timeline", "timeline_export"}:
            return queryset  # the list filters do not apply to one track's timeline
        return super().filter_queryset(queryset)

    @extend_schema(
        parameters=[s.TimelineQuerySerializer],
        responses=s.TimelinePageSerializer,
        summary="The track's status changes and statements in date order, with evidence",
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def timeline(self, request, pk=None):
        track = self.get_object()
        query = s.TimelineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        limit = params.get("limit", settings.API_PAGE_SIZE)
        if limit > settings.API_MAX_PAGE_SIZE:
            raise ValidationError(
                {"limit": [f"limit must be at most {settings.API_MAX_PAGE_SIZE}; got {limit}."]}
            )
        after = None
        if "after" in params:
            try:
                after = timeline.Position.parse(params["after"])
            except timeline.BadCursor:
                raise ValidationError({"after": ["Not a valid timeline position."]}) from None
        entries, last = timeline.track_timeline_page(
            track=track,
            limit=limit,
            render=_timeline_page_rows,
            after=after,
            date_from=params.get("date_from"),
            date_to=params.get("date_to"),
            include_children=params["include_children"],
        )
        next_url = None
        if last is not None:
            query_params = request.query_params.copy()
            query_params["after"] = str(last)
            next_url = request.build_absolute_uri(f"{request.path}?{query_params.urlencode()}")
        return Response(
            {
                "track": s.TrackRefSerializer(track).data,
                "current_status": track.current_status,
                "next": next_url,
                "results": [_timeline_result(entry) for entry in entries],
            }
        )

    @extend_schema(
        parameters=[*EXPORT_SCHEMA["parameters"], s.TimelineQuerySerializer(partial=True)],
        responses=EXPORT_SCHEMA["responses"],
        summary="The whole timeline as CSV or JSON Lines (streamed)",
    )
    @action(
        detail=True,
        url_path="timeline/export",
        pagination_class=None,
        filterset_class=None,
    )
    def timeline_export(self, request, pk=None):
        track = self.get_object()
        fmt = _export_format(request)
        query = s.TimelineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        entries = timeline.track_timeline_iter(
            track=track,
            render=_timeline_export_rows,
            date_from=query.validated_data.get("date_from"),
            date_to=query.validated_data.get("date_to"),
            include_children=query.validated_data["include_children"],
        )
        return export.streamed_export(
            fmt=fmt,
            filename=f"timeline-{track.slug}",
            columns=export.TIMELINE_COLUMNS,
            items=entries,
            to_row=export.timeline_row,
        )


# Serializers the timeline and search render from rows (the list views declare theirs with
# list_from_rows); the system check negotiations.api.E001 plans each at start-up, and the
# timeline's evidence with its declared querysets (timeline_evidence_group).
TIMELINE_ITEM_SERIALIZERS = {
    timeline.STATUS_CHANGE: s.TimelineStatusSerializer,
    timeline.STATEMENT: s.TimelineStatementSerializer,
}
ROW_SERIALIZERS = (*TIMELINE_ITEM_SERIALIZERS.values(), s.ArticleSerializer)


def timeline_evidence_group(kind: str) -> tuple[rows.Grouped, QuerySet]:
    """A timeline kind's evidence: how it renders, and the queryset it renders from."""
    queryset, parent = timeline.timeline_evidence(kind)
    return rows.grouped_for(s.TimelineEvidenceSerializer, queryset.model, parent), queryset


def _with_evidence(kind: str, items: list[dict]) -> list[dict]:
    """The items with their evidence (one query for all of them)."""
    group, queryset = timeline_evidence_group(kind)
    evidence = group.render(queryset, [item["id"] for item in items])
    for item in items:
        item["evidence"] = evidence.get(item["id"], [])
    return items


def _timeline_page_rows(kind: str, queryset):
    """A page's rows of one kind, rendered from rows (one query, and one for their evidence)."""
    plan = rows.plan_for(TIMELINE_ITEM_SERIALIZERS[kind])
    return _with_evidence(kind, plan.render(plan.values(queryset), {}))


def _timeline_export_rows(kind: str, queryset):
    plan = rows.plan_for(TIMELINE_ITEM_SERIALIZERS[kind])
    for chunk in export.chunks(plan.values(queryset), settings.API_EXPORT_CHUNK_SIZE):
        yield from _with_evidence(kind, plan.render(chunk, {}))


def _timeline_result(entry: timeline.TimelineEntry) -> dict:
    """One entry as TimelineEntrySerializer documents it (its evidence beside the item)."""
    item = dict(entry.item)
    evidence = item.pop("evidence")
    return {
        "kind": entry.kind,
        "date": item[timeline.DATE_FIELDS[entry.kind]],
        "status_change": item if entry.kind == timeline.STATUS_CHANGE else None,
        "statement": item if entry.kind == timeline.STATEMENT else None,
        "evidence": evidence,
    }


# --- Reviewable records with writes -------------------------------------------------------------


class WritableMixin(mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Create / update through the model's service; respond with the read representation. The
    input serializer's fields are the service's keyword arguments (nested rows included)."""

    input_serializer_class: type[serializers.Serializer]

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return self.input_serializer_class
        return self.serializer_class

    def _read(self, obj, status_code=status.HTTP_200_OK) -> Response:
        fresh = self.selector(review_state="all").get(pk=obj.pk)
        return Response(
            self.serializer_class(fresh, context=self.get_serializer_context()).data,
            status=status_code,
        )

    def create(self, request, *args, **kwargs):
        serializer = self.input_serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.create_service(user=request.user, **serializer.validated_data)
        return self._read(obj, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        instance = self.get_object()
        serializer = self.input_serializer_class(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        obj = self.update_service(instance, user=request.user, **serializer.validated_data)
        return self._read(obj)


def _write_schema(input_serializer, output_serializer, noun: str):
    return extend_schema_view(
        create=extend_schema(
            request=input_serializer,
            responses={201: output_serializer},
            summary=f"Create a {noun} (saved pending review)",
        ),
        update=extend_schema(request=input_serializer, responses=output_serializer),
        partial_update=extend_schema(request=input_serializer, responses=output_serializer),
    )


@_write_schema(s.StatusChangeInputSerializer, s.StatusChangeSerializer, "status change")
class StatusChangeViewSet(ReviewableMixin, WritableMixin, ReadViewSet):
    """Steps in the tracks' status histories, each with its evidence."""

    list_from_rows = True

    model = StatusChange
    serializer_class = s.StatusChangeSerializer
    input_serializer_class = s.StatusChangeInputSerializer
    filterset_class = filters.StatusChangeFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    ordering_fields = {
        "id": "id",
        "effective_date": "effective_date",
        "updated_at": "updated_at",
    }
    ordering = "-effective_date"
    export_actions = frozenset({"export"})

    def selector(self, review_state=ReviewState.APPROVED):
        return records.status_change_list(review_state=review_state)

    def get_row_children(self):
        return records.status_change_children()

    def create_service(self, **values):
        return record.status_change_create(**values)

    def update_service(self, instance, **values):
        return record.status_change_update(status_change=instance, **values)

    @extend_schema(
        **EXPORT_SCHEMA, filters=True, summary="Status changes as CSV or JSON Lines (streamed)"
    )
    @action(detail=False, pagination_class=None)
    def export(self, request):
        return self.export_list(
            request, "status-changes", export.STATUS_CHANGE_COLUMNS, export.status_change_row
        )


def _child_decision(param: str, summary: str, responses=s.StatementSerializer) -> dict:
    """The schema of deciding one child of a record: the child's id is in the path."""
    return {
        "request": s.ReviewDecisionSerializer,
        "responses": responses,
        "parameters": [OpenApiParameter(param, int, OpenApiParameter.PATH)],
        "summary": summary,
    }


@_write_schema(s.StatementInputSerializer, s.StatementSerializer, "statement")
class StatementViewSet(ReviewableMixin, WritableMixin, ReadViewSet):
    """Who said what, when, through which channel, with every outlet's wording."""

    # Approving or rejecting a statement decides its pending reports and track links with it (the
    # review service); the reports/{report_id}/ and tracks/{track_id}/ actions decide one alone.
    list_from_rows = True
    write_actions = ReviewableMixin.write_actions | {
        "approve_report",
        "reject_report",
        "approve_track",
        "reject_track",
    }

    model = Statement
    serializer_class = s.StatementSerializer
    input_serializer_class = s.StatementInputSerializer
    filterset_class = filters.StatementFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    ordering_fields = {"id": "id", "said_on": "said_sort", "updated_at": "updated_at"}
    ordering = "-said_on"
    export_actions = frozenset({"export"})

    def selector(self, review_state=ReviewState.APPROVED):
        return records.statement_list(review_state=review_state)

    def get_row_children(self):
        # The start-up check builds the view without a request: the default list's children.
        if self.request is None:
            return records.statement_children()
        return records.statement_children(review_state=self.requested_review_state())

    def create_service(self, **values):
        return record.statement_create(**values)

    def update_service(self, instance, **values):
        return record.statement_update(statement=instance, **values)

    @extend_schema(**_child_decision("report_id", "Approve one report of a statement"))
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanReview],
        url_path=rf"reports/(?P<report_id>{ID_PATTERN})/approve",
    )
    def approve_report(self, request, pk=None, report_id=None):
        return self._decide_child(request, review.review_approve, "reports", pk=report_id)

    @extend_schema(**_child_decision("report_id", "Reject one report of a statement"))
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanReview],
        url_path=rf"reports/(?P<report_id>{ID_PATTERN})/reject",
    )
    def reject_report(self, request, pk=None, report_id=None):
        return self._decide_child(request, review.review_reject, "reports", pk=report_id)

    @extend_schema(**_child_decision("track_id", "Approve one track assignment of a statement"))
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanReview],
        url_path=rf"tracks/(?P<track_id>{ID_PATTERN})/approve",
    )
    def approve_track(self, request, pk=None, track_id=None):
        return self._decide_child(request, review.review_approve, "track_links", track_id=track_id)

    @extend_schema(**_child_decision("track_id", "Reject one track assignment of a statement"))
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanReview],
        url_path=rf"tracks/(?P<track_id>{ID_PATTERN})/reject",
    )
    def reject_track(self, request, pk=None, track_id=None):
        return self._decide_child(request, review.review_reject, "track_links", track_id=track_id)

    @extend_schema(
        responses=s.CoverageSerializer,
        summary="Every outlet that carried the statement, its wording, independent sources",
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def coverage(self, request, pk=None):
        statement = self.get_object()
        carried = coverage.statement_coverage(
            statement=statement,
            include_unreviewed=self.requested_review_state() != ReviewState.APPROVED,
        )
        items = [
            {
                "report_id": report.pk,
                "outlet": report.article.outlet,
                "wire_outlet": report.article.wire_outlet,
                "article": report.article,
                "story": report.article.story_id,
                "published_at": report.article.published_at,
                "wording": report.wording,
                "kind": report.kind,
                "independent_group": carried.groups[report.pk],
            }
            for report in carried.reports
        ]
        return Response(
            s.CoverageSerializer(
                {
                    "statement": statement,
                    "reports_count": len(carried.reports),
                    "outlets_count": carried.outlets_count,
                    "independent_outlets_count": carried.independent_count,
                    "coverage": items,
                }
            ).data
        )

    @extend_schema(
        **EXPORT_SCHEMA, filters=True, summary="Statements as CSV or JSON Lines (streamed)"
    )
    @action(detail=False, pagination_class=None)
    def export(self, request):
        return self.export_list(
            request, "statements", export.STATEMENT_COLUMNS, export.statement_row
        )


@_write_schema(s.CommitmentInputSerializer, s.CommitmentSerializer, "commitment")
class CommitmentViewSet(ReviewableMixin, WritableMixin, ReadViewSet):
    """What parties offer or demand under a track, stage by stage, with evidence."""

    # Approving a commitment leaves its corrections pending: corrections/{correction_id}/approve
    # applies one's amount (the review service routes it through services.record).
    list_from_rows = True
    write_actions = ReviewableMixin.write_actions | {"approve_correction", "reject_correction"}

    model = Commitment
    serializer_class = s.CommitmentSerializer
    input_serializer_class = s.CommitmentInputSerializer
    filterset_class = filters.CommitmentFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    ordering_fields = {"id": "id", "updated_at": "updated_at"}
    ordering = "id"

    def selector(self, review_state=ReviewState.APPROVED):
        return records.commitment_list(review_state=review_state)

    def get_row_children(self):
        if self.request is None:  # the start-up check: the default list's children
            return records.commitment_children()
        return records.commitment_children(review_state=self.requested_review_state())

    def create_service(self, **values):
        return record.commitment_create(**values)

    def update_service(self, instance, **values):
        return record.commitment_update(commitment=instance, **values)

    @extend_schema(
        **_child_decision(
            "correction_id",
            "Approve one correction of a commitment: the commitment takes its amount",
            s.CommitmentSerializer,
        )
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanReview],
        url_path=rf"corrections/(?P<correction_id>{ID_PATTERN})/approve",
    )
    def approve_correction(self, request, pk=None, correction_id=None):
        return self._decide_child(request, review.review_approve, "corrections", pk=correction_id)

    @extend_schema(
        **_child_decision(
            "correction_id",
            "Reject one correction of a commitment (an applied one gives back the amount it "
            "replaced)",
            s.CommitmentSerializer,
        )
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanReview],
        url_path=rf"corrections/(?P<correction_id>{ID_PATTERN})/reject",
    )
    def reject_correction(self, request, pk=None, correction_id=None):
        return self._decide_child(request, review.review_reject, "corrections", pk=correction_id)

    @extend_schema(
        parameters=[s.CommitmentSummaryQuerySerializer, *REVIEW_STATE_PARAMETER],
        responses=s.CommitmentSummarySerializer,
        summary="Committed, allocated and delivered totals per party, track and kind",
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def summary(self, request):
        query = s.CommitmentSummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        result = commitments.commitment_summary(
            review_state=self.requested_review_state(),
            track_id=params.get("track"),
            party_id=params.get("party"),
            kind=params.get("kind"),
            currency=params.get("currency"),
            group_by=params.get("group_by") or commitments.DIMENSIONS,
        )
        return Response(s.CommitmentSummarySerializer(result).data)


# --- Sync -----------------------------------------------------------------------------------------


class DeletionViewSet(ReadViewSet):
    """Withdrawals: records that left what a resource's list shows (deleted, merged into
    ``replaced_by``, rejected, or sent back to review), with the reason; only records that
    were once approved (a pending row was never in a list). With ``?changed_since=``
    on each list and here, what a client that keeps a copy needs to stay in step (README, "REST
    API"). Also served as ``deletions/``, its earlier documented name."""

    list_from_rows = True

    queryset = Deletion.objects.all()
    serializer_class = s.DeletionSerializer
    filterset_class = filters.DeletionFilter
    ordering_fields = {"id": "id", "deleted_at": "deleted_at"}
    ordering = "deleted_at"


# --- Search -------------------------------------------------------------------------------------


class SearchView(APIView):
    """Full-text search across articles and statements, best match first."""

    permission_classes = [CanReadModels]
    read_models = (Article, Statement)

    @extend_schema(parameters=[s.SearchQuerySerializer], responses=s.SearchResultSerializer)
    def get(self, request):
        query = s.SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        q, kind, limit = (query.validated_data[k] for k in ("q", "kind", "limit"))
        hits = []
        if kind in {"all", "articles"}:
            articles = search.article_search(q=q)
            hits += _search_hits("article", s.ArticleSerializer, articles, limit)
        if kind in {"all", "statements"}:
            hits += _search_hits(
                "statement", s.TimelineStatementSerializer, search.statement_search(q=q), limit
            )
        hits.sort(key=lambda hit: (-hit["rank"], hit["kind"], -hit["id"]))
        # SearchResultSerializer documents this shape; the hits are rendered from rows.
        return Response({"q": q, "results": hits[:limit]})


def _search_hits(kind: str, serializer_class, queryset, limit: int) -> list[dict]:
    plan = rows.plan_for(serializer_class)
    found = list(plan.values(queryset, extra=["rank"])[:limit])
    return [
        {
            "kind": kind,
            "id": row.id,
            "rank": float(row.rank),
            "article": item if kind == "article" else None,
            "statement": item if kind == "statement" else None,
        }
        for row, item in zip(found, plan.render(found, {}), strict=True)
    ]
