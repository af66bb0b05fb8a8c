"""Nobody dropped: a person the news quotes who is not in the knowledge base is proposed as a new
official, once per person, and a reviewer approves it (a new official) or links it (another
spelling of an existing one); either way the statements kept under the name as written move to
the official."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from negotiations.models import Alias, Official, OfficialProposal, Origin, Position, ReviewState
from negotiations.services.proposals import (
    official_proposal_approve,
    official_proposal_link,
    official_proposal_record,
)
from negotiations.services.review import review_reject
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    OfficialFactory,
    OfficialProposalFactory,
    PartyFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:negotiations_officialproposal_changelist"


def _unattributed(description: str = "Olena Kovalchuk, deputy foreign minister", **kwargs):
    values = {"speaker_party": None, "origin": Origin.MACHINE, "review_state": ReviewState.PENDING}
    return StatementFactory(speaker=None, speaker_description=description, **{**values, **kwargs})


def _record(name: str, *, article=None, statement=None, role="deputy foreign minister", party=None):
    return official_proposal_record(
        name=name,
        role=role,
        party_id=party.pk if party else None,
        article=article or ArticleFactory(),
        statement=statement,
        analyser_version="reading-9",
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Recording --------------------------------------------------------------------------------


def test_one_proposal_per_person_across_articles_and_spellings() -> None:
    party = PartyFactory()
    first, second, third = ArticleFactory.create_batch(3)
    said = [_unattributed() for _ in range(3)]
    proposal = _record("Olena Kovalchuk", article=first, statement=said[0], party=party)
    # The same person, written in capitals and with an accent, in two other articles.
    assert _record("OLENA KOVALCHUK", article=second, statement=said[1]) == proposal
    assert _record("Olena  Kovalchúk", article=third, statement=said[2]) == proposal
    # The same article seen again (a re-run) adds nothing.
    assert _record("Olena Kovalchuk", article=first, statement=said[0]) == proposal

    assert OfficialProposal.objects.count() == 1
    proposal.refresh_from_db()
    assert proposal.name == "Olena Kovalchuk"  # as first written
    assert proposal.normalized == "olena kovalchuk"
    assert proposal.role == "deputy foreign minister"
    assert proposal.party == party
    assert (proposal.origin, proposal.review_state) == (Origin.MACHINE, ReviewState.PENDING)
    assert proposal.analyser_version == "reading-9"
    assert set(proposal.articles.all()) == {first, second, third}
    assert set(proposal.statements.all()) == set(said)
    assert Official.objects.filter(full_name__icontains="Kovalchuk").count() == 0


def test_a_later_article_fills_what_the_first_did_not_say() -> None:
    party = PartyFactory()
    proposal = _record("Olena Kovalchuk", role="", party=None)
    _record("Olena Kovalchuk", role="deputy foreign minister", party=party)
    _record("Olena Kovalchuk", role="spokeswoman", party=PartyFactory())
    proposal.refresh_from_db()
    assert (proposal.role, proposal.party) == ("deputy foreign minister", party)


def test_no_proposal_for_a_known_official_an_alias_or_a_single_word() -> None:
    yermak = OfficialFactory(full_name="Andriy Yermak", native_name="Андрій Єрмак")
    AliasFactory(official=yermak, name="Andrii Iermak")
    assert _record("Andriy Yermak") is None
    assert _record("ANDRÍY YERMAK") is None  # case and diacritics do not count
    assert _record("Андрій Єрмак") is None  # the native name
    assert _record("Andrii Iermak") is None  # an alias
    assert _record("Kovalchuk") is None  # a surname alone is not a person to propose
    assert _record("  ") is None
    assert not OfficialProposal.objects.exists()


def test_a_rejected_alias_does_not_hide_the_person() -> None:
    # "Ermak" was rejected as a name of this official: a person so named may be someone else.
    AliasFactory(name="Ivan Ermak", review_state=ReviewState.REJECTED)
    assert _record("Ivan Ermak") is not None


# --- Approving --------------------------------------------------------------------------------


def test_approval_creates_the_official_alias_position_and_attributes_statements(
    staff_reviewer,
) -> None:
    party = PartyFactory()
    article = ArticleFactory()
    statement = _unattributed(speaker_party=party)
    proposal = _record("Olena Kovalchuk", article=article, statement=statement, party=party)
    other_hand = _unattributed()
    _record("Olena Kovalchuk", statement=other_hand)
    # An analyst meanwhile attributed this one to someone: it is left alone.
    somebody = OfficialFactory()
    other_hand.speaker = somebody
    other_hand.save()

    official = official_proposal_approve(proposal=proposal, user=staff_reviewer)

    assert (official.full_name, official.slug) == ("Olena Kovalchuk", "olena-kovalchuk")
    alias = Alias.objects.get(official=official)
    assert (alias.name, alias.kind, alias.script) == (
        "Olena Kovalchuk",
        Alias.Kind.CANONICAL,
        "Latn",
    )
    assert (alias.origin, alias.review_state, alias.reviewed_by) == (
        Origin.CURATED,
        ReviewState.APPROVED,
        staff_reviewer,
    )
    assert set(alias.outlets.all()) >= {article.outlet}
    position = Position.objects.get(official=official)
    assert (position.title, position.party, position.start_date) == (
        "deputy foreign minister",
        party,
        None,
    )
    statement.refresh_from_db()
    assert (statement.speaker, statement.speaker_description) == (official, "")
    assert statement.speaker_position == position
    assert statement.review_state == ReviewState.PENDING  # the statement is still reviewed apart
    other_hand.refresh_from_db()
    assert other_hand.speaker == somebody
    # The caller's instance is up to date, and the decision is recorded like any review.
    assert (proposal.review_state, proposal.official) == (ReviewState.APPROVED, official)
    assert proposal.reviewed_by == staff_reviewer
    assert proposal.reviewed_at is not None
    assert "new official" in proposal.review_note
    # The name now names an official: nothing more is proposed for it.
    assert _record("Olena Kovalchuk") is None
    # The audit trail credits the reviewer.
    assert official.history.latest().history_user == staff_reviewer


def test_approval_with_the_house_spelling(staff_reviewer) -> None:
    OfficialFactory(full_name="Someone Else", slug="olena-kovalchuk")
    proposal = _record("Олена Ковальчук", role="")
    official = official_proposal_approve(
        proposal=proposal, user=staff_reviewer, full_name="Olena Kovalchuk"
    )
    assert (official.full_name, official.native_name) == ("Olena Kovalchuk", "Олена Ковальчук")
    assert official.slug == "olena-kovalchuk-2"
    alias = Alias.objects.get(official=official)
    assert (alias.name, alias.kind, alias.script) == ("Олена Ковальчук", Alias.Kind.NATIVE, "Cyrl")
    assert not Position.objects.filter(official=official).exists()  # no role given


def test_approval_refuses_a_name_already_on_record(staff_reviewer) -> None:
    proposal = _record("Olena Kovalchuk")
    OfficialFactory(full_name="Olena Kovalchuk")  # added by hand meanwhile
    with pytest.raises(ValidationError, match="link the proposal"):
        official_proposal_approve(proposal=proposal, user=staff_reviewer)
    assert Official.objects.filter(full_name="Olena Kovalchuk").count() == 1
    proposal.refresh_from_db()
    assert proposal.review_state == ReviewState.PENDING


def test_an_approved_proposal_is_not_approved_twice(staff_reviewer) -> None:
    proposal = _record("Olena Kovalchuk")
    official_proposal_approve(proposal=proposal, user=staff_reviewer)
    with pytest.raises(ValidationError, match="already approved"):
        official_proposal_approve(proposal=proposal, user=staff_reviewer, full_name="O. K. Other")
    assert Official.objects.count() == 1


def test_the_generic_approval_cannot_approve_without_an_official(staff_reviewer) -> None:
    from django.db import IntegrityError

    from negotiations.services.review import review_approve

    proposal = _record("Olena Kovalchuk")
    with pytest.raises(IntegrityError):
        review_approve(obj=proposal, user=staff_reviewer)


# --- Linking ----------------------------------------------------------------------------------


def test_linking_to_an_existing_official(staff_reviewer) -> None:
    kyslytsya = OfficialFactory(full_name="Serhiy Kyslytsya")
    statements = [_unattributed("Sergei Kislitsa, the deputy minister") for _ in range(2)]
    proposal = _record("Sergei Kislitsa", statement=statements[0])
    _record("Sergei Kislitsa", statement=statements[1])

    returned = official_proposal_link(proposal=proposal, official=kyslytsya, user=staff_reviewer)

    assert returned is proposal
    assert (proposal.review_state, proposal.official) == (ReviewState.APPROVED, kyslytsya)
    alias = Alias.objects.get(official=kyslytsya, normalized="sergei kislitsa")
    assert (alias.kind, alias.review_state) == (Alias.Kind.TRANSLITERATION, ReviewState.APPROVED)
    for statement in statements:
        statement.refresh_from_db()
        assert (statement.speaker, statement.speaker_description) == (kyslytsya, "")
    assert Official.objects.count() == 1  # no new official
    assert _record("Sergei Kislitsa") is None


def test_linking_approves_an_alias_rejected_before(staff_reviewer) -> None:
    official = OfficialFactory(full_name="Serhiy Kyslytsya")
    proposal = _record("Sergei Kislitsa")
    rejected = AliasFactory(official=official, name="Sergei Kislitsa")
    rejected.review_state = ReviewState.REJECTED
    rejected.save()
    official_proposal_link(proposal=proposal, official=official, user=staff_reviewer)
    rejected.refresh_from_db()
    assert rejected.review_state == ReviewState.APPROVED
    assert Alias.objects.filter(official=official).count() == 1


def test_linking_refuses_a_name_of_another_official(staff_reviewer) -> None:
    proposal = _record("Sergei Kislitsa")
    AliasFactory(name="Sergei Kislitsa")  # meanwhile made a name of somebody else
    with pytest.raises(ValidationError, match="already names"):
        official_proposal_link(proposal=proposal, official=OfficialFactory(), user=staff_reviewer)


# --- Rejecting --------------------------------------------------------------------------------


def test_a_rejected_proposal_stays_rejected(staff_reviewer) -> None:
    first = ArticleFactory()
    proposal = _record("Olena Kovalchuk", article=first)
    review_reject(obj=proposal, user=staff_reviewer, note="A journalist, not an official")

    later = ArticleFactory()
    statement = _unattributed()
    again = _record("OLENA KOVALCHUK", article=later, statement=statement)

    assert again == proposal
    again.refresh_from_db()
    assert again.review_state == ReviewState.REJECTED
    assert list(again.articles.all()) == [first]  # nothing new recorded
    assert not again.statements.exists()
    assert OfficialProposal.objects.count() == 1
    statement.refresh_from_db()
    assert statement.speaker_description  # still kept, under the name as written


# --- Permissions ------------------------------------------------------------------------------


def test_approving_or_linking_needs_the_review_permission(staff_analyst, staff_reviewer) -> None:
    proposal = _record("Olena Kovalchuk", statement=_unattributed())
    with pytest.raises(PermissionDenied):
        official_proposal_approve(proposal=proposal, user=staff_analyst)
    with pytest.raises(PermissionDenied):
        official_proposal_link(proposal=proposal, official=OfficialFactory(), user=staff_analyst)
    proposal.refresh_from_db()
    assert proposal.review_state == ReviewState.PENDING
    assert not Official.objects.filter(full_name="Olena Kovalchuk").exists()
    assert not Alias.objects.filter(normalized="olena kovalchuk").exists()
    # The reviewer role holds the permission (given by setup_roles).
    assert staff_reviewer.has_perm("negotiations.review_officialproposal")
    assert Permission.objects.filter(codename="review_officialproposal").exists()


# --- Admin --------------------------------------------------------------------------------------


def test_changelist_lists_proposals_with_their_article_count(
    staff_reviewer, django_assert_max_num_queries
) -> None:
    party = PartyFactory(name="Republic of Testing")
    proposal = OfficialProposalFactory(
        name="Olena Kovalchuk", party=party, articles=ArticleFactory.create_batch(3)
    )
    OfficialProposalFactory.create_batch(5, articles=ArticleFactory.create_batch(2))
    client = _client(staff_reviewer)
    client.get(reverse(CHANGELIST))  # warm per-process caches
    with django_assert_max_num_queries(10):
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Olena Kovalchuk" in page
    assert "Republic of Testing" in page
    row = next(r for r in response.context["cl"].result_list if r.pk == proposal.pk)
    assert row.article_count == 3
    assert "approve_as_new_official" in page

    found = client.get(reverse(CHANGELIST), {"q": "kovalchuk"})
    assert [r.pk for r in found.context["cl"].result_list] == [proposal.pk]
    filtered = client.get(reverse(CHANGELIST), {"party__id__exact": party.pk})
    assert [r.pk for r in filtered.context["cl"].result_list] == [proposal.pk]


def test_change_page_shows_the_statements_and_articles(staff_reviewer) -> None:
    article = ArticleFactory(title="Kyiv talks resume")
    statement = _unattributed(text="We will not trade territory for promises.")
    proposal = OfficialProposalFactory(articles=[article], statements=[statement])
    response = _client(staff_reviewer).get(
        reverse("admin:negotiations_officialproposal_change", args=[proposal.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "We will not trade territory for promises." in page
    assert "Kyiv talks resume" in page
    assert reverse("admin:negotiations_statement_change", args=[statement.pk]) in page


def test_admin_action_approves_as_new_officials(staff_reviewer) -> None:
    statement = _unattributed()
    pending = OfficialProposalFactory(name="Olena Kovalchuk", statements=[statement])
    decided = OfficialProposalFactory(name="Ivan Ermak")
    review_reject(obj=decided, user=staff_reviewer)
    response = _client(staff_reviewer).post(
        reverse(CHANGELIST),
        {"action": "approve_as_new_official", "_selected_action": [pending.pk, decided.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Approved 1 new official(s)." in response.content.decode()
    pending.refresh_from_db()
    assert pending.review_state == ReviewState.APPROVED
    assert pending.official.full_name == "Olena Kovalchuk"
    statement.refresh_from_db()
    assert statement.speaker == pending.official
    decided.refresh_from_db()
    assert (decided.review_state, decided.official) == (ReviewState.REJECTED, None)


def test_admin_action_is_not_offered_to_an_analyst(staff_analyst) -> None:
    proposal = OfficialProposalFactory()
    staff_analyst.user_permissions.add(
        Permission.objects.get(codename="view_officialproposal"),
        Permission.objects.get(codename="change_officialproposal"),
    )
    client = _client(staff_analyst)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "approve_as_new_official" not in page
    client.post(
        reverse(CHANGELIST),
        {"action": "approve_as_new_official", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.review_state == ReviewState.PENDING
    assert not Official.objects.filter(full_name=proposal.name).exists()


def test_admin_links_a_proposal_by_choosing_the_official(staff_reviewer) -> None:
    official = OfficialFactory(full_name="Serhiy Kyslytsya")
    statement = _unattributed("Sergei Kislitsa, deputy minister")
    proposal = OfficialProposalFactory(name="Sergei Kislitsa", party=None, statements=[statement])
    change = reverse("admin:negotiations_officialproposal_change", args=[proposal.pk])
    response = _client(staff_reviewer).post(
        change,
        {"name": proposal.name, "role": proposal.role, "official": official.pk, "review_note": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "Linked" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.review_state, proposal.official) == (ReviewState.APPROVED, official)
    assert Alias.objects.filter(official=official, normalized="sergei kislitsa").exists()
    statement.refresh_from_db()
    assert statement.speaker == official


# --- Merges -------------------------------------------------------------------------------------


def test_merging_statements_keeps_the_proposal_link(staff_reviewer) -> None:
    from negotiations.services.merge import statement_merge

    keep, lose = _unattributed(), _unattributed()
    proposal = _record("Olena Kovalchuk", statement=lose)
    statement_merge(keep=keep, lose=lose, user=staff_reviewer)
    assert list(proposal.statements.all()) == [keep]


def test_merging_officials_moves_the_proposals(staff_reviewer) -> None:
    from negotiations.services.merge import official_merge

    proposal = _record("Olena Kovalchuk")
    duplicate = official_proposal_approve(proposal=proposal, user=staff_reviewer)
    keep = OfficialFactory(full_name="Olena Kovalchuk-Shevchenko")
    official_merge(keep=keep, lose=duplicate, user=staff_reviewer)
    proposal.refresh_from_db()
    assert proposal.official == keep
