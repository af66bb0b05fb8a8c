"""The orjson renderer writes the bytes DRF's JSONRenderer writes."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from negotiations.api.renderers import FastJSONRenderer
from negotiations.models import ReviewState

PAYLOADS = [
    {"results": [], "next": None, "previous": None},
    {"text": "Єрмак said «гарантії безпеки» — 安全保障 🇺🇦", "quote": 'He said "no"\n\t\\'},
    {"separators": "line\u2028paragraph\u2029end", "control": "\x00\x1f\x7f"},
    {"when": dt.datetime(2023, 7, 30, 12, 5, 1, tzinfo=dt.UTC)},
    {"when": dt.datetime(2023, 7, 30, 12, 5, 1, 120, tzinfo=dt.timezone(dt.timedelta(hours=3)))},
    {"day": dt.date(2023, 7, 30), "time": dt.time(9, 30), "span": dt.timedelta(hours=2)},
    {"amount": decimal.Decimal("12.50"), "id": uuid.UUID(int=7), "state": ReviewState.APPROVED},
    {"rank": 0.0607927, "one": 1.0, "int": 2**62, "neg": -3, "flag": True},
    {"lazy": gettext_lazy("This field is required."), 3: "int key"},
    ReturnDict({"nested": ReturnList([{"a": 1}], serializer=None)}, serializer=None),
    {"huge": 2**70},
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_fast_renderer_writes_what_drf_writes(payload) -> None:
    assert FastJSONRenderer().render(payload) == JSONRenderer().render(payload)


def test_floats_in_exponent_notation_are_the_same_numbers() -> None:
    # Python writes 1e-07, orjson 1e-7: the same JSON number.
    payload = {"tiny": 1e-7, "big": 1.5e300}
    fast = FastJSONRenderer().render(payload)
    assert fast == b'{"tiny":1e-7,"big":1.5e+300}'
    assert json.loads(fast) == json.loads(JSONRenderer().render(payload)) == payload


def test_indented_output_is_drfs() -> None:
    payload = {"a": [1, {"b": None}]}
    media_type = "application/json; indent=2"
    assert FastJSONRenderer().render(payload, media_type) == JSONRenderer().render(
        payload, media_type
    )
    assert b"\n  " in FastJSONRenderer().render(payload, media_type)


def test_nothing_renders_as_nothing() -> None:
    assert FastJSONRenderer().render(None) == b""
