"""The merge page: rows picked by name, a side-by-side preview of what moves, a confirmation,
undo from the flash message and the merge record; reverting an old version to a survivor."""

from __future__ import annotations

import factory
import pytest
from django.urls import reverse

from negotiations.models import MergeRecord, Official, Statement
from negotiations.services.merge import official_merge
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    OfficialFactory,
    PositionFactory,
    StatementFactory,
    report_for,
)

# The text the statements of these tests quote from.
JEDDAH = factory.Sequence(
    lambda n: f"Article {n}. Yermak said on Sunday that the talks in Jeddah were productive."
)

pytestmark = pytest.mark.django_db


def _pair():
    keep = OfficialFactory(full_name="Andriy Yermak", slug="andriy-yermak")
    lose = OfficialFactory(full_name="Andrey Ermak", slug="andrey-ermak")
    AliasFactory(machine=True, name="Ermak", official=lose)
    PositionFactory(official=lose)
    statement = StatementFactory(machine=True, speaker=lose)
    report_for(statement, ArticleFactory(text=JEDDAH), "talks in Jeddah")
    return keep, lose


def test_the_autocomplete_finds_officials_by_name(analyst_client) -> None:
    keep, _ = _pair()
    response = analyst_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "negotiations", "model_name": "statement", "field_name": "speaker"}
        | {"term": "Yerm"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(keep.pk), "text": "Andriy Yermak"}]


def test_choosing_two_rows_previews_both_side_by_side_and_merges_nothing(analyst_client) -> None:
    keep, lose = _pair()
    response = analyst_client.get(
        reverse("admin:workbench_merge"), {"kind": "official", "keep": keep.pk, "lose": lose.pk}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "“Andrey Ermak” will be merged into “Andriy Yermak”" in body
    lose_side = body[body.index('class="wb-merge-side wb-merge-lose"') :]
    lose_side = lose_side[: lose_side.index("</article>")]
    for line in [
        "<strong>1</strong> alias",
        "<strong>1</strong> position",
        "<strong>1</strong> statement",
        "<strong>1</strong> report of those statements",
    ]:
        assert line in lose_side
    assert f'name="keep" value="{keep.pk}"' in body  # the confirmation carries both rows
    assert f"keep={lose.pk}&amp;lose={keep.pk}" in body  # and offers to swap them
    assert Official.objects.filter(pk=lose.pk).exists()
    assert not MergeRecord.objects.exists()


def test_the_same_row_twice_is_refused(analyst_client) -> None:
    keep, _ = _pair()
    response = analyst_client.get(
        reverse("admin:workbench_merge"), {"kind": "official", "keep": keep.pk, "lose": keep.pk}
    )
    assert "Choose two different rows." in response.content.decode()
    assert "will be merged into" not in response.content.decode()


def test_confirming_merges_and_the_message_undoes_it(analyst_client, analyst) -> None:
    keep, lose = _pair()
    response = analyst_client.post(
        reverse("admin:workbench_merge"),
        {"kind": "official", "keep": keep.pk, "lose": lose.pk},
        follow=True,
    )
    body = response.content.decode()
    record = MergeRecord.objects.get()
    assert "Merged “Andrey Ermak”" in body
    undo_url = reverse("admin:workbench_merge_undo", args=[record.pk])
    assert f'action="{undo_url}"' in body
    assert Statement.objects.get().speaker == keep

    response = analyst_client.post(undo_url, follow=True)

    assert "Merge undone: “Andrey Ermak”" in response.content.decode()
    assert Statement.objects.get().speaker_id == lose.pk
    assert not MergeRecord.objects.exists()


def test_the_merge_record_page_offers_the_undo(analyst_client, analyst) -> None:
    keep, lose = _pair()
    official_merge(keep=keep, lose=lose, user=analyst)
    record = MergeRecord.objects.get()
    body = analyst_client.get(
        reverse("admin:negotiations_mergerecord_change", args=[record.pk])
    ).content.decode()
    assert reverse("admin:workbench_merge_undo", args=[record.pk]) in body
    assert "Undo this merge" in body


def test_reverting_an_old_version_points_to_the_survivor(analyst_client, analyst) -> None:
    keep, lose = _pair()
    statement = Statement.objects.get()
    old = statement.history.earliest("history_date")
    official_merge(keep=keep, lose=lose, user=analyst)

    url = reverse("admin:negotiations_statement_simple_history", args=[statement.pk, old.pk])
    body = analyst_client.get(url).content.decode()

    assert f'<option value="{keep.pk}" selected>Andriy Yermak</option>' in body
    assert "merged into “Andriy Yermak”; reverting points to it." in body


def test_the_queue_link_preselects_the_row_to_merge_away(analyst_client) -> None:
    statement = StatementFactory(machine=True, text="The talks were productive.")
    body = analyst_client.get(
        reverse("admin:workbench_merge"), {"kind": "statement", "lose": statement.pk}
    ).content.decode()
    assert f'<option value="{statement.pk}" selected>The talks were productive.</option>' in body


def test_an_analyst_without_the_delete_permission_may_look_but_not_merge(
    client, staff_analyst
) -> None:
    keep, lose = _pair()
    client.force_login(staff_analyst)
    url = reverse("admin:workbench_merge")
    body = client.get(url, {"kind": "official", "keep": keep.pk, "lose": lose.pk}).content.decode()
    assert "You may look but not merge officials." in body
    response = client.post(url, {"kind": "official", "keep": keep.pk, "lose": lose.pk})
    assert response.status_code == 403
    assert Official.objects.filter(pk=lose.pk).exists()
