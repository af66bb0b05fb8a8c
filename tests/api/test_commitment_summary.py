"""``GET /api/v1/commitments/summary/`` against a record whose totals are computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from negotiations import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/commitments/summary/"
APPROVED = m.ReviewState.APPROVED
PENDING = m.ReviewState.PENDING
Stage = m.CommitmentStage.Stage
Category = m.Commitment.Category


def _stage(commitment, stage, day, review_state=APPROVED):
    return f.CommitmentStageFactory(
        commitment=commitment, stage=stage, effective_date=day, review_state=review_state
    )


@pytest.fixture
def record(db):
    """Two tracks; rates 1 EUR = x: USD 1.10 from 2024-01-10, 1.08 from 2024-06-03; GBP 0.86
    from 2024-01-10, 0.85 from 2024-03-01; none for UAH, none before 2024 for USD."""
    for currency, day, rate in [
        ("USD", dt.date(2024, 1, 10), "1.1000"),
        ("USD", dt.date(2024, 6, 3), "1.0800"),
        ("GBP", dt.date(2024, 1, 10), "0.8600"),
        ("GBP", dt.date(2024, 3, 1), "0.8500"),
    ]:
        f.ExchangeRateFactory(currency=currency, date=day, rate=Decimal(rate))
    uk = f.PartyFactory(name="United Kingdom")
    us = f.PartyFactory(name="United States")
    germany = f.PartyFactory(name="Germany")
    poland = f.PartyFactory(name="Poland")
    t1 = f.TrackFactory(name="T1 UK-Ukraine")
    t2 = f.TrackFactory(name="T2 others")

    def commitment(party, track, category, amount=None, currency="", review_state=APPROVED):
        return f.CommitmentFactory(
            party=party,
            track=track,
            category=category,
            amount=None if amount is None else Decimal(amount),
            currency=currency,
            review_state=review_state,
        )

    uk_aid = commitment(uk, t1, Category.MILITARY_AID, "2500000000", "GBP")
    _stage(uk_aid, Stage.ANNOUNCED, dt.date(2024, 1, 12))  # at 0.86
    _stage(uk_aid, Stage.ALLOCATED, dt.date(2024, 3, 5))  # at 0.85
    _stage(uk_aid, Stage.DELIVERED, dt.date(2024, 7, 1), review_state=PENDING)  # not counted
    us_aid = commitment(us, t1, Category.FINANCIAL_AID, "1000000000", "USD")
    _stage(us_aid, Stage.ANNOUNCED, dt.date(2024, 1, 10))  # at 1.10
    _stage(us_aid, Stage.AGREED, dt.date(2024, 2, 1))  # committed once, at the announcement
    _stage(us_aid, Stage.DELIVERED, dt.date(2024, 6, 5))  # at 1.08
    us_withdrawn = commitment(us, t1, Category.MILITARY_AID, "300000000", "USD")
    _stage(us_withdrawn, Stage.ANNOUNCED, dt.date(2024, 2, 1))
    _stage(us_withdrawn, Stage.WITHDRAWN, dt.date(2024, 4, 1))
    pending = commitment(uk, t1, Category.TRAINING, "100000000", "GBP", review_state=PENDING)
    _stage(pending, Stage.ANNOUNCED, dt.date(2024, 2, 1), review_state=PENDING)
    clause = commitment(uk, t1, Category.SECURITY_GUARANTEE)
    _stage(clause, Stage.AGREED, dt.date(2024, 1, 12))
    german = commitment(germany, t2, Category.MILITARY_AID, "7000000000", "EUR")
    _stage(german, Stage.ANNOUNCED, dt.date(2023, 5, 1))
    polish = commitment(poland, t2, Category.FINANCIAL_AID, "100000000", "UAH")
    _stage(polish, Stage.ANNOUNCED, dt.date(2024, 2, 1))
    return {"t1": t1, "t2": t2, "uk": uk, "us": us, "poland": poland, "polish": polish}


def _total(original, converted, commitments):
    return {"original": original, "converted": converted, "commitments": commitments}


def test_totals_per_party_track_and_kind_in_euro(viewer, record, django_assert_num_queries):
    # The token and the two permission queries, then the commitments and their stages.
    with django_assert_num_queries(5):
        response = viewer.get(URL, {"track": record["t1"].pk, "currency": "EUR"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["currency"] == "EUR"
    assert body["group_by"] == ["party", "track", "kind"]
    assert [(row["party"]["name"], row["kind"]) for row in body["results"]] == [
        ("United Kingdom", "military_aid"),
        ("United States", "financial_aid"),
    ]
    uk, us = body["results"]
    assert uk["track"]["id"] == record["t1"].pk
    # 2.5bn GBP / 0.86 and / 0.85; the pending delivery is left out.
    assert uk["committed"] == _total({"GBP": "2500000000.00"}, "2906976744.19", 1)
    assert uk["allocated"] == _total({"GBP": "2500000000.00"}, "2941176470.59", 1)
    assert uk["delivered"] == _total({}, "0.00", 0)
    # 1bn USD / 1.10 (announced; the agreement does not count it again) and / 1.08 (delivered).
    assert us["committed"] == _total({"USD": "1000000000.00"}, "909090909.09", 1)
    assert us["delivered"] == _total({"USD": "1000000000.00"}, "925925925.93", 1)
    assert body["committed"] == _total(
        {"GBP": "2500000000.00", "USD": "1000000000.00"}, "3816067653.28", 2
    )
    assert body["allocated"] == _total({"GBP": "2500000000.00"}, "2941176470.59", 1)
    assert body["delivered"] == _total({"USD": "1000000000.00"}, "925925925.93", 1)
    assert body["missing_rates"] == []
    assert body["withdrawn"] == 1
    assert body["unquantified"] == 1  # the security guarantee clause has no amount


def test_cross_rate_at_the_stage_date(viewer, record):
    body = viewer.get(URL, {"track": record["t1"].pk, "currency": "USD"}).json()
    # 2.5bn GBP -> EUR at 0.86 -> USD at 1.10 (both rates of 2024-01-10, the latest before the
    # 12th); the US dollars stay as they are.
    assert body["committed"]["converted"] == "4197674418.60"


def test_a_missing_rate_is_reported_never_a_zero(viewer, record):
    body = viewer.get(URL, {"group_by": "party", "currency": "EUR"}).json()
    assert body["group_by"] == ["party"]
    rows = {row["party"]["name"]: row for row in body["results"]}
    assert rows["Poland"]["committed"] == _total({"UAH": "100000000.00"}, None, 1)
    assert rows["Germany"]["committed"] == _total({"EUR": "7000000000.00"}, "7000000000.00", 1)
    assert all(row["track"] is None and row["kind"] is None for row in body["results"])
    assert body["committed"]["converted"] is None  # one of its amounts could not be converted
    assert body["missing_rates"] == [
        {
            "commitment_id": record["polish"].pk,
            "stage": "announced",
            "currency": "UAH",
            "date": "2024-02-01",
        }
    ]
    # In dollars, the German euros of 2023 have no rate either (the table starts in 2024 here).
    body = viewer.get(URL, {"track": record["t2"].pk, "kind": "military_aid", "currency": "USD"})
    assert body.json()["missing_rates"] == [
        {
            "commitment_id": m.Commitment.objects.get(party__name="Germany").pk,
            "stage": "announced",
            "currency": "USD",
            "date": "2023-05-01",
        }
    ]


def test_without_a_currency_only_the_original_currencies(viewer, record):
    body = viewer.get(URL, {"party": record["us"].pk}).json()
    assert body["currency"] is None
    assert body["committed"] == _total({"USD": "1000000000.00"}, None, 1)
    assert body["missing_rates"] == []


def test_reviewers_may_count_pending_records(viewer, reviewer, record):
    query = {"track": record["t1"].pk, "kind": "training", "review_state": "all"}
    assert viewer.get(URL, query).status_code == 403
    body = reviewer.get(URL, query).json()
    assert body["committed"] == _total({"GBP": "100000000.00"}, None, 1)


def test_bad_parameters(viewer, record):
    assert viewer.get(URL, {"currency": "euro"}).status_code == 400
    assert viewer.get(URL, {"kind": "gifts"}).status_code == 400
    assert viewer.get(URL, {"group_by": "outlet"}).status_code == 400


def test_an_empty_group_by_is_the_default_grouping(viewer, record):
    assert viewer.get(URL, {"group_by": ""}).json() == viewer.get(URL).json()
