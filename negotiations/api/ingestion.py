"""Ingestion over the API: submit a URL and poll its job; read the feeds being followed."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse

from negotiations.api.filters import (
    BaseFilterSet,
    IdFilter,
    StrictBooleanFilter,
    UpdatedSinceFilterSet,
)
from negotiations.api.serializers import CHANGE_FIELDS, ChangeableSerializer, OutletRefSerializer
from negotiations.api.views import ReadViewSet
from negotiations.models import Feed, IngestionJob
from negotiations.services import queue
from negotiations.services.ingest import submit_url


class FeedSerializer(ChangeableSerializer):
    outlet = OutletRefSerializer(allow_null=True)
    url = serializers.CharField()

    class Meta:
        model = Feed
        fields = [
            "id",
            "url",
            "title",
            "outlet",
            "active",
            "poll_interval_minutes",
            "next_poll_at",
            "last_polled_at",
            "last_success_at",
            "consecutive_failures",
            "last_error",
            *CHANGE_FIELDS,
        ]


class IngestionJobSerializer(serializers.ModelSerializer):
    url = serializers.CharField()
    canonical_url = serializers.CharField()
    is_finished = serializers.BooleanField(read_only=True)

    class Meta:
        model = IngestionJob
        fields = [
            "id",
            "kind",
            "status",
            "is_finished",
            "url",
            "canonical_url",
            "feed",
            "article",
            "attempts",
            "next_attempt_at",
            "error_kind",
            "error",
            "result",
            "created_at",
            "updated_at",
            "finished_at",
        ]


class IngestSubmitSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=2000, help_text="An http(s) URL of a news article")


class FeedFilter(BaseFilterSet):
    outlet = IdFilter(field_name="outlet_id")
    active = StrictBooleanFilter()

    class Meta:
        model = Feed
        fields = []


class JobFilter(UpdatedSinceFilterSet):
    status = django_filters.ChoiceFilter(choices=IngestionJob.Status.choices)
    kind = django_filters.ChoiceFilter(choices=IngestionJob.Kind.choices)

    class Meta:
        model = IngestionJob
        fields = []


class FeedViewSet(ReadViewSet):
    """RSS / Atom feeds the tracker polls, with their health."""

    queryset = Feed.objects.select_related("outlet")
    serializer_class = FeedSerializer
    filterset_class = FeedFilter
    ordering_fields = {"id": "id", "updated_at": "updated_at"}
    ordering = "id"


class IngestionJobViewSet(ReadViewSet):
    """Ingestion jobs: POST a URL to queue it, then poll the job until ``is_finished``."""

    queryset = IngestionJob.objects.all()
    serializer_class = IngestionJobSerializer
    filterset_class = JobFilter
    http_method_names = ["get", "post", "head", "options"]
    ordering_fields = {"id": "id", "updated_at": "updated_at"}
    ordering = "-id"

    @property
    def throttle_scope(self) -> str | None:
        return "ingest" if self.action == "create" else None

    @extend_schema(
        request=IngestSubmitSerializer,
        responses={202: IngestionJobSerializer},
        summary="Submit a URL for ingestion; poll the returned job",
    )
    def create(self, request):
        submission = IngestSubmitSerializer(data=request.data)
        submission.is_valid(raise_exception=True)
        try:
            with queue.background():  # never fetch inside the request
                job = submit_url(url=submission.validated_data["url"], submitted_by=request.user)
        except DjangoValidationError as exc:  # the service checks the URL; say which field
            raise ValidationError({"url": exc.messages}) from None
        location = reverse("api:ingestionjob-detail", args=[job.pk], request=request)
        return Response(
            IngestionJobSerializer(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": location},
        )
