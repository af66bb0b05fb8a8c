"""The deletion log's admin: read-only, open to whoever may view the log."""

from __future__ import annotations

import pytest
from django.test import Client

from negotiations.models import Deletion
from tests import factories as f
from tests.admin.test_record_admin import result_pks, url

pytestmark = pytest.mark.django_db


def test_viewer_sees_what_the_signal_logged(viewer_client: Client) -> None:
    party = f.PartyFactory()
    party_id = party.pk
    party.delete()
    response = viewer_client.get(url(Deletion, "changelist"))
    assert response.status_code == 200
    (entry,) = response.context["cl"].result_list
    assert (entry.resource, entry.object_id, entry.replaced_by) == ("parties", party_id, None)
    assert f'<td class="field-object_id">{party_id}</td>' in response.content.decode()


def test_staff_without_view_permission_is_refused(staff_client: Client) -> None:
    entry = f.DeletionFactory(resource="statements", object_id=1)
    assert staff_client.get(url(Deletion, "changelist")).status_code == 403
    assert staff_client.get(url(Deletion, "change", entry.pk)).status_code == 403


def test_filter_by_resource(viewer_client: Client) -> None:
    article = f.DeletionFactory(resource="articles", object_id=1)
    f.DeletionFactory(resource="statements", object_id=2)
    response = viewer_client.get(url(Deletion, "changelist"), {"resource": "articles"})
    assert response.status_code == 200
    assert result_pks(response) == {article.pk}


def test_search_by_object_id_is_exact(viewer_client: Client) -> None:
    wanted = f.DeletionFactory(resource="statements", object_id=12)
    f.DeletionFactory(resource="statements", object_id=123)
    response = viewer_client.get(url(Deletion, "changelist"), {"q": "12"})
    assert result_pks(response) == {wanted.pk}
    response = viewer_client.get(url(Deletion, "changelist"), {"q": "twelve"})
    assert response.status_code == 200
    assert result_pks(response) == set()


def test_nobody_adds_changes_or_deletes_entries(superuser_client: Client) -> None:
    entry = f.DeletionFactory(resource="statements", object_id=7, replaced_by=3)
    edited = {"resource": "tracks", "object_id": 8, "replaced_by": ""}
    assert superuser_client.get(url(Deletion, "add")).status_code == 403
    assert superuser_client.post(url(Deletion, "add"), edited).status_code == 403
    # The change page only shows the entry; saving it is refused.
    page = superuser_client.get(url(Deletion, "change", entry.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert superuser_client.post(url(Deletion, "change", entry.pk), edited).status_code == 403
    assert superuser_client.get(url(Deletion, "delete", entry.pk)).status_code == 403
    response = superuser_client.post(url(Deletion, "delete", entry.pk), {"post": "yes"})
    assert response.status_code == 403
    # Nor in bulk: the changelist offers no action (delete_selected is the only one there'd be).
    changelist = url(Deletion, "changelist")
    assert superuser_client.get(changelist).context["action_form"] is None
    superuser_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert list(Deletion.objects.values_list("resource", "object_id", "replaced_by")) == [
        ("statements", 7, 3)
    ]


def test_changelist_query_count_is_fixed(viewer_client: Client, django_assert_num_queries) -> None:
    Deletion.objects.bulk_create(Deletion(resource="statements", object_id=i) for i in range(1, 31))
    changelist = url(Deletion, "changelist")
    viewer_client.get(changelist)  # warm per-process caches (content types)
    # Session, user, its own and its groups' permissions, the count, the rows, the date
    # hierarchy's range and its days, the resource filter's values: nothing per row.
    with django_assert_num_queries(9):
        response = viewer_client.get(changelist)
    assert len(response.context["cl"].result_list) == 30
    # Filtered, the same: the table's full count is not taken (show_full_result_count).
    with django_assert_num_queries(9):
        response = viewer_client.get(changelist, {"resource": "statements", "q": "7"})
    assert len(response.context["cl"].result_list) == 1
