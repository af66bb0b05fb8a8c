"""An agreement or a format the news describes that is not on record is proposed as a new track
under its parent, once per name, instead of being forced onto an existing track; a reviewer
approves it (a new track) or links it (an existing track under another name)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from negotiations.models import Origin, ReviewState, Track, TrackParticipant, TrackProposal
from negotiations.services.proposals import (
    track_proposal_approve,
    track_proposal_link,
    track_proposal_record,
)
from negotiations.services.review import review_reject
from tests.factories import (
    ArticleFactory,
    PartyFactory,
    TrackFactory,
    TrackParticipantFactory,
    TrackProposalFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:negotiations_trackproposal_changelist"
SENTENCE = "Japan and Ukraine signed a bilateral security agreement in Kyiv on Saturday."


@pytest.fixture
def g7() -> Track:
    return TrackFactory(name="G7 Joint Declaration", slug="g7", kind=Track.Kind.FRAMEWORK)


@pytest.fixture
def japan():
    return PartyFactory(name="Japan", slug="japan")


def _record(name: str, *, parent=None, partner=None, article=None, kind=Track.Kind.BILATERAL):
    return track_proposal_record(
        name=name,
        kind=kind,
        parent=parent,
        partner_id=partner.pk if partner else None,
        article=article or ArticleFactory(),
        evidence=SENTENCE,
        analyser_version="reading-9",
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Recording --------------------------------------------------------------------------------


def test_one_proposal_per_name_across_articles(g7, japan) -> None:
    first, second = ArticleFactory.create_batch(2)
    proposal = _record("Japan–Ukraine security agreement", parent=g7, partner=japan, article=first)
    # The same agreement, written in capitals and with other spacing, in another article.
    again = _record("JAPAN–UKRAINE  security agreement", parent=g7, partner=japan, article=second)
    assert again == proposal
    # The same article seen again (a re-run) adds nothing.
    assert _record("Japan–Ukraine security agreement", parent=g7, article=first) == proposal

    assert TrackProposal.objects.count() == 1
    proposal.refresh_from_db()
    assert proposal.name == "Japan–Ukraine security agreement"  # as first written
    assert proposal.normalized == "japan ukraine security agreement"
    assert (proposal.kind, proposal.parent, proposal.partner) == (Track.Kind.BILATERAL, g7, japan)
    assert proposal.evidence == SENTENCE
    assert (proposal.origin, proposal.review_state) == (Origin.MACHINE, ReviewState.PENDING)
    assert proposal.analyser_version == "reading-9"
    assert set(proposal.articles.all()) == {first, second}
    assert not Track.objects.filter(name__icontains="Japan").exists()


def test_a_later_article_fills_what_the_first_did_not_say(g7, japan) -> None:
    proposal = _record("Japan–Ukraine security agreement")
    _record("Japan–Ukraine security agreement", parent=g7, partner=japan)
    _record("Japan–Ukraine security agreement", parent=TrackFactory(), partner=PartyFactory())
    proposal.refresh_from_db()
    assert (proposal.parent, proposal.partner) == (g7, japan)


def test_no_proposal_for_a_track_on_record(g7) -> None:
    TrackFactory(name="Coalition of the Willing", slug="coalition-of-the-willing-talks")
    TrackFactory(name="Something else", slug="ramstein-format")
    assert _record("Coalition of the Willing", kind=Track.Kind.PROCESS) is None
    assert _record("COALITION OF THE WÍLLING", kind=Track.Kind.PROCESS) is None  # case, accents
    assert _record("Ramstein format", kind=Track.Kind.PROCESS) is None  # the slug is taken
    assert _record("G7 Joint Declaration", kind=Track.Kind.FRAMEWORK) is None
    assert _record("   ") is None
    assert not TrackProposal.objects.exists()


def test_no_proposal_when_the_parent_already_holds_a_track_with_the_partner(g7, japan) -> None:
    TrackParticipantFactory(track=TrackFactory(name="Japan agreement", parent=g7), party=japan)
    assert _record("Japan–Ukraine security agreement", parent=g7, partner=japan) is None
    # Under another framework, or with another partner, it is a new agreement.
    other = TrackFactory(kind=Track.Kind.FRAMEWORK)
    assert _record("Japan–Ukraine security agreement", parent=other, partner=japan) is not None
    assert _record("Canada–Ukraine agreement", parent=g7, partner=PartyFactory()) is not None
    assert TrackProposal.objects.count() == 2


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValidationError):
        _record("Some format", kind="summit")


# --- Approving --------------------------------------------------------------------------------


def test_approval_creates_the_track_under_the_parent_with_the_partner(
    g7, japan, staff_reviewer
) -> None:
    proposal = _record("Japan–Ukraine security agreement", parent=g7, partner=japan)

    track = track_proposal_approve(proposal=proposal, user=staff_reviewer)

    assert (track.name, track.slug) == (
        "Japan–Ukraine security agreement",
        "japan-ukraine-security-agreement",
    )
    assert (track.kind, track.parent, track.keywords) == (Track.Kind.BILATERAL, g7, "")
    assert track.description == SENTENCE
    participant = TrackParticipant.objects.get(track=track)
    assert (participant.party, participant.role) == (japan, TrackParticipant.Role.GUARANTOR)
    # The caller's instance is up to date, and the decision is recorded like any review.
    assert (proposal.review_state, proposal.track) == (ReviewState.APPROVED, track)
    assert proposal.reviewed_by == staff_reviewer
    assert proposal.reviewed_at is not None
    assert "new track" in proposal.review_note
    # The name now names a track: nothing more is proposed for it.
    assert _record("Japan–Ukraine security agreement", parent=g7, partner=japan) is None
    assert track.history.latest().history_user == staff_reviewer


def test_approval_of_a_format_adds_no_participant(staff_reviewer) -> None:
    proposal = TrackProposalFactory(
        name="Weimar  Triangle", kind=Track.Kind.PROCESS, parent=None, partner=None
    )
    track = track_proposal_approve(proposal=proposal, user=staff_reviewer)
    assert (track.name, track.slug, track.parent) == ("Weimar Triangle", "weimar-triangle", None)
    assert not track.participations.exists()


def test_approval_makes_a_unique_slug_for_a_long_name(staff_reviewer) -> None:
    # Slugs are cut to leave room for a suffix; the cut may meet another track's slug.
    name = (
        "Consultations of the Weimar Triangle on long-term security commitments to Ukraine "
        "and Moldova in 2025"
    )
    taken = (
        "consultations-of-the-weimar-triangle-on-long-term-security-commitments-to-ukraine-and-mold"
    )
    TrackFactory(name="Something else", slug=taken)
    track = track_proposal_approve(proposal=_record(name), user=staff_reviewer)
    assert (track.name, track.slug) == (name, f"{taken}-2")


def test_approval_refuses_a_name_already_on_record(staff_reviewer) -> None:
    proposal = _record("Japan–Ukraine security agreement")
    TrackFactory(name="Japan-Ukraine Security Agreement")  # added by hand meanwhile
    with pytest.raises(ValidationError, match="link the proposal"):
        track_proposal_approve(proposal=proposal, user=staff_reviewer)
    proposal.refresh_from_db()
    assert (proposal.review_state, proposal.track) == (ReviewState.PENDING, None)


def test_an_approved_proposal_is_not_approved_twice(staff_reviewer) -> None:
    proposal = _record("Japan–Ukraine security agreement")
    track_proposal_approve(proposal=proposal, user=staff_reviewer)
    with pytest.raises(ValidationError, match="already approved"):
        track_proposal_approve(proposal=proposal, user=staff_reviewer)
    with pytest.raises(ValidationError, match="already approved"):
        track_proposal_link(proposal=proposal, track=TrackFactory(), user=staff_reviewer)
    assert Track.objects.filter(proposals=proposal).count() == 1


def test_the_generic_approval_cannot_approve_without_a_track(staff_reviewer) -> None:
    from django.db import IntegrityError

    from negotiations.services.review import review_approve

    proposal = _record("Japan–Ukraine security agreement")
    with pytest.raises(IntegrityError):
        review_approve(obj=proposal, user=staff_reviewer)


# --- Linking ----------------------------------------------------------------------------------


def test_linking_to_an_existing_track(g7, japan, staff_reviewer) -> None:
    existing = TrackFactory(name="Japan agreement (2024)", parent=g7)
    proposal = _record("Accord between Tokyo and Kyiv", parent=g7, partner=japan)
    tracks = Track.objects.count()

    returned = track_proposal_link(proposal=proposal, track=existing, user=staff_reviewer)

    assert returned is proposal
    assert (proposal.review_state, proposal.track) == (ReviewState.APPROVED, existing)
    assert "existing track" in proposal.review_note
    assert Track.objects.count() == tracks  # no new track
    # Decided: a later article adds nothing to it.
    later = ArticleFactory()
    assert _record("Accord between Tokyo and Kyiv", parent=g7, article=later) == proposal
    assert not proposal.articles.filter(pk=later.pk).exists()


# --- Rejecting --------------------------------------------------------------------------------


def test_a_rejected_proposal_stays_rejected(g7, japan, staff_reviewer) -> None:
    first = ArticleFactory()
    proposal = _record("Japan–Ukraine security agreement", parent=g7, article=first)
    review_reject(obj=proposal, user=staff_reviewer, note="Not a separate agreement")

    again = _record("JAPAN–UKRAINE SECURITY AGREEMENT", parent=g7, partner=japan)

    assert again == proposal
    again.refresh_from_db()
    assert again.review_state == ReviewState.REJECTED
    assert again.partner is None  # nothing filled in after the decision
    assert list(again.articles.all()) == [first]  # nothing new recorded
    assert TrackProposal.objects.count() == 1


# --- Permissions ------------------------------------------------------------------------------


def test_approving_or_linking_needs_the_review_permission(staff_analyst, staff_reviewer) -> None:
    proposal = _record("Japan–Ukraine security agreement")
    with pytest.raises(PermissionDenied):
        track_proposal_approve(proposal=proposal, user=staff_analyst)
    with pytest.raises(PermissionDenied):
        track_proposal_link(proposal=proposal, track=TrackFactory(), user=staff_analyst)
    proposal.refresh_from_db()
    assert proposal.review_state == ReviewState.PENDING
    assert not Track.objects.filter(name="Japan–Ukraine security agreement").exists()
    # The reviewer role holds the permission (given by setup_roles).
    assert staff_reviewer.has_perm("negotiations.review_trackproposal")
    assert Permission.objects.filter(codename="review_trackproposal").exists()


# --- Admin --------------------------------------------------------------------------------------


def test_changelist_lists_proposals_with_their_article_count(
    g7, japan, staff_reviewer, django_assert_max_num_queries
) -> None:
    proposal = TrackProposalFactory(
        name="Japan–Ukraine security agreement",
        parent=g7,
        partner=japan,
        articles=ArticleFactory.create_batch(3),
    )
    TrackProposalFactory.create_batch(5, articles=ArticleFactory.create_batch(2))
    client = _client(staff_reviewer)
    client.get(reverse(CHANGELIST))  # warm per-process caches
    with django_assert_max_num_queries(10):
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Japan–Ukraine security agreement" in page
    assert "G7 Joint Declaration" in page
    row = next(r for r in response.context["cl"].result_list if r.pk == proposal.pk)
    assert row.article_count == 3
    assert "approve_as_new_track" in page

    found = client.get(reverse(CHANGELIST), {"q": "japan"})
    assert [r.pk for r in found.context["cl"].result_list] == [proposal.pk]
    for lookup, pk in (("parent__id__exact", g7.pk), ("partner__id__exact", japan.pk)):
        filtered = client.get(reverse(CHANGELIST), {lookup: pk})
        assert [r.pk for r in filtered.context["cl"].result_list] == [proposal.pk]


def test_change_page_shows_the_evidence_and_articles_read_only(staff_reviewer) -> None:
    article = ArticleFactory(title="Tokyo signs with Kyiv")
    proposal = TrackProposalFactory(evidence=SENTENCE, articles=[article])
    response = _client(staff_reviewer).get(
        reverse("admin:negotiations_trackproposal_change", args=[proposal.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert SENTENCE in page
    assert "Tokyo signs with Kyiv" in page
    assert reverse("admin:negotiations_article_change", args=[article.pk]) in page
    form = response.context["adminform"].form
    assert "evidence" not in form.fields
    assert "articles" not in form.fields
    assert "track" in form.fields  # a reviewer may link


def test_admin_action_approves_as_new_tracks(g7, japan, staff_reviewer) -> None:
    pending = TrackProposalFactory(
        name="Japan–Ukraine security agreement", parent=g7, partner=japan
    )
    decided = TrackProposalFactory(name="Canada–Ukraine agreement")
    review_reject(obj=decided, user=staff_reviewer)
    response = _client(staff_reviewer).post(
        reverse(CHANGELIST),
        {"action": "approve_as_new_track", "_selected_action": [pending.pk, decided.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Approved 1 new track(s)." in response.content.decode()
    pending.refresh_from_db()
    assert pending.review_state == ReviewState.APPROVED
    assert (pending.track.name, pending.track.parent) == ("Japan–Ukraine security agreement", g7)
    assert list(pending.track.participants.all()) == [japan]
    decided.refresh_from_db()
    assert (decided.review_state, decided.track) == (ReviewState.REJECTED, None)


def test_admin_action_is_not_offered_to_an_analyst(staff_analyst) -> None:
    proposal = TrackProposalFactory()
    staff_analyst.user_permissions.add(
        Permission.objects.get(codename="view_trackproposal"),
        Permission.objects.get(codename="change_trackproposal"),
    )
    client = _client(staff_analyst)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "approve_as_new_track" not in page
    client.post(
        reverse(CHANGELIST),
        {"action": "approve_as_new_track", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.review_state == ReviewState.PENDING
    assert not Track.objects.filter(name=proposal.name).exists()


def test_admin_links_a_proposal_by_choosing_the_track(g7, staff_reviewer) -> None:
    existing = TrackFactory(name="Japan agreement (2024)", parent=g7)
    proposal = TrackProposalFactory(name="Accord between Tokyo and Kyiv", parent=g7, partner=None)
    change = reverse("admin:negotiations_trackproposal_change", args=[proposal.pk])
    response = _client(staff_reviewer).post(
        change,
        {
            "name": proposal.name,
            "kind": proposal.kind,
            "parent": g7.pk,
            "track": existing.pk,
            "review_note": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Linked" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.review_state, proposal.track) == (ReviewState.APPROVED, existing)


# --- Merges -------------------------------------------------------------------------------------


def test_merging_parties_moves_the_partner(japan, staff_reviewer) -> None:
    from negotiations.services.merge import party_merge

    keep = PartyFactory(name="Japan (State of)")
    proposal = _record("Japan–Ukraine security agreement", partner=japan)
    party_merge(keep=keep, lose=japan, user=staff_reviewer)
    proposal.refresh_from_db()
    assert proposal.partner == keep
