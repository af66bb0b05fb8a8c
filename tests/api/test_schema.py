from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings(tmp_path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    paths = schema["paths"]
    assert "/api/v1/tracks/{id}/timeline/" in paths
    assert "/api/v1/statements/{id}/coverage/" in paths
    assert "/api/v1/statements/export/" in paths
    assert "/api/v1/search/" in paths
    # Every operation documents the shared error shape.
    assert paths["/api/v1/statements/"]["get"]["responses"]["400"]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/Error"}
    # Each list is described by its resource's docstring, not by shared implementation code.
    from negotiations.api.views import ArticleViewSet, StatementViewSet

    for path, view in (
        ("/api/v1/statements/", StatementViewSet),
        ("/api/v1/articles/", ArticleViewSet),
    ):
        assert paths[path]["get"]["description"] == view.__doc__.strip()


def test_schema_and_docs_are_served(client) -> None:
    from django.contrib.staticfiles import finders

    assert client.get("/api/schema/").status_code == 200
    swagger = client.get("/api/docs/").content.decode()
    redoc = client.get("/api/redoc/").content.decode()
    # The UIs load their scripts from this service's static files, not from a CDN.
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in swagger
    assert "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in redoc
    assert "cdn.jsdelivr" not in swagger + redoc
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")


def test_plain_references_render_as_drf_would(sample) -> None:
    from rest_framework import serializers

    from negotiations.api import serializers as s

    for ref, obj in (
        (s.PartyRefSerializer, sample.ukraine),
        (s.OutletRefSerializer, sample.rt),
        (s.TrackRefSerializer, sample.track),
        (s.OfficialRefSerializer, sample.statement.speaker),
    ):
        generic = serializers.ModelSerializer.to_representation(ref(), obj)
        assert ref(obj).data == generic


def test_the_schema_states_the_limits_and_rules_the_api_enforces(client) -> None:
    schema = client.get("/api/schema/", {"format": "json"}).json()
    timeline = schema["paths"]["/api/v1/tracks/{id}/timeline/"]["get"]
    (limit,) = [p for p in timeline["parameters"] if p["name"] == "limit"]
    assert limit["schema"]["maximum"] > 0
    statement = schema["components"]["schemas"]["StatementInputRequest"]
    assert "needs a speaker" in statement["description"]
    assert statement["properties"]["speaker_description"]["maxLength"] == 200
    assert "at most" in statement["properties"]["reports"]["description"]
    responses = schema["paths"]["/api/v1/statements/"]["post"]["responses"]
    assert "413" not in responses  # an oversized body is a 400, as the 400 says
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in responses["400"]["description"]


def test_an_empty_optional_query_value_is_valid_and_filters_nothing(client, viewer) -> None:
    """The schema says what django-filter and DRF do: ``?kind=`` is ``kind`` left out; a required
    parameter (the search's ``q``) still refuses an empty value."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    statements = schema["paths"]["/api/v1/statements/"]["get"]["parameters"]
    optional = [p for p in statements if p["in"] == "query"]
    assert optional
    assert all(p["allowEmptyValue"] is True for p in optional)
    (q,) = [p for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"] if p["name"] == "q"]
    assert q["required"] is True
    assert "allowEmptyValue" not in q
    everything = viewer.get("/api/v1/statements/").json()["results"]
    assert (
        viewer.get("/api/v1/statements/", {"kind": "", "ordering": ""}).json()["results"]
        == everything
    )
    assert viewer.get("/api/v1/search/", {"q": ""}).status_code == 400
