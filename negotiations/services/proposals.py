"""New officials and new tracks proposed from the news: nothing the articles describe is dropped.

When the reading pipeline meets a statement by a named person whom no official matches, the
statement is kept under the name as written (``Statement.speaker_description``) and the person is
proposed as a new official: one ``OfficialProposal`` per person (per normalised name), gathering
every article and statement where that name was seen.

A reviewer then either approves the proposal as a new official (with a canonical or
transliteration alias and, when role and party are known, a position) or links it to an existing
official written another way (the name becomes that official's alias). Either way the
proposal's statements are attributed to the official.

Likewise, when articles describe an agreement or a format that is not on record, the machine
proposes a new track (``TrackProposal``, one per normalised name) under the parent it belongs to
instead of forcing the article onto an existing track. A reviewer approves it as a new track
(under that parent, with a bilateral agreement's partner as guarantor) or links it to an existing
track known under another name.

Rejecting either kind goes through the review service (``review_reject``) like any other
reviewable record; a rejected name is not proposed again.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from negotiations.models import (
    Alias,
    Article,
    Official,
    OfficialProposal,
    Origin,
    Position,
    ReviewState,
    Statement,
    Track,
    TrackParticipant,
    TrackProposal,
)
from negotiations.permissions import require_review
from negotiations.services.review import review_approve
from negotiations.text.normalize import normalize_name

P = TypeVar("P", OfficialProposal, TrackProposal)


def _official_named(normalized: str) -> int | None:
    """The id of an official this normalised name already names, if any (two queries).

    An alias counts unless it was rejected (a rejected alias says the name is *not* that person);
    official names are compared in Python, since case and diacritics fold only there.
    """
    alias_of = (
        Alias.objects.filter(normalized=normalized, official__isnull=False)
        .exclude(review_state=ReviewState.REJECTED)
        .values_list("official_id", flat=True)
        .first()
    )
    if alias_of is not None:
        return alias_of
    for pk, full_name, native_name in Official.objects.values_list(
        "id", "full_name", "native_name"
    ):
        if normalize_name(full_name) == normalized or (
            native_name and normalize_name(native_name) == normalized
        ):
            return pk
    return None


def _script(name: str) -> str:
    """ISO 15924 code of the name's letters when they are all Latin or all Cyrillic."""
    scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in name if ch.isalpha()}
    if scripts == {"LATIN"}:
        return "Latn"
    if scripts == {"CYRILLIC"}:
        return "Cyrl"
    return ""


def _unique_slug(model: type[Official] | type[Track], name: str) -> str:
    """A slug for ``name`` that no row of ``model`` has yet (``-2``, ``-3``... when taken)."""
    base = slugify(anyascii(name))[:90].strip("-") or model._meta.model_name or "row"
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _proposal_get_or_create(model: type[P], normalized: str, **values) -> P:
    """The proposal under ``normalized``, else a new pending machine proposal of ``values``
    (another worker proposing the same name meanwhile wins: its row is returned)."""
    proposal = model._default_manager.filter(normalized=normalized).first()
    if proposal is not None:
        return proposal
    try:
        with transaction.atomic():
            return model._default_manager.create(
                origin=Origin.MACHINE, review_state=ReviewState.PENDING, **values
            )
    except IntegrityError:
        return model._default_manager.get(normalized=normalized)


def _fill_blank(proposal: OfficialProposal | TrackProposal, blank: dict, **values) -> None:
    if type(proposal).objects.filter(pk=proposal.pk, **blank).update(**values):
        for name, value in values.items():
            setattr(proposal, name, value)


def official_proposal_record(
    *,
    name: str,
    role: str,
    party_id: int | None,
    article: Article,
    statement: Statement | None,
    analyser_version: str,
) -> OfficialProposal | None:
    """Propose the person named ``name`` as a new official, or add this sighting to the proposal.

    Returns None for a name that is not a person's full name (fewer than two words) or that
    already names an official or an official's alias. A proposal already decided is returned as
    it is, with nothing added: the analyst's decision stands.
    """
    name = " ".join(name.split())[:200]
    normalized = normalize_name(name)
    if len(normalized.split()) < 2 or _official_named(normalized) is not None:
        return None
    role = " ".join(role.split())[:200]
    proposal = _proposal_get_or_create(
        OfficialProposal,
        normalized,
        name=name,
        role=role,
        party_id=party_id,
        analyser_version=analyser_version,
    )
    if proposal.review_state != ReviewState.PENDING:
        return proposal
    # A later article may say what the first one did not; conditional, so a concurrent sighting
    # or an analyst's edit is never overwritten.
    if role and not proposal.role:
        _fill_blank(proposal, {"role": ""}, role=role)
    if party_id and proposal.party_id is None:
        _fill_blank(proposal, {"party__isnull": True}, party_id=party_id)
    proposal.articles.add(article)
    if statement is not None:
        proposal.statements.add(statement)
    return proposal


def _lock_undecided(proposal: P) -> P:
    """Re-read the proposal under a row lock; an approved one is not decided again (queries)."""
    locked = type(proposal).objects.select_for_update().get(pk=proposal.pk)
    if locked.review_state == ReviewState.APPROVED:
        raise ValidationError(f"“{locked.name}” is already approved.")
    return locked


def _outlet_ids(proposal: OfficialProposal) -> list[int]:
    return list(
        proposal.articles.filter(outlet__isnull=False)
        .values_list("outlet_id", flat=True)
        .distinct()
    )


def _attribute(
    proposal: OfficialProposal, official: Official, position: Position | None, user
) -> None:
    """The proposal's statements still kept under the name as written now name ``official``.

    Statements an analyst has meanwhile attributed to someone are left alone. Saved one by one
    so the audit trail and ``updated_at`` (what API clients sync on) see each change.
    """
    for statement in proposal.statements.filter(speaker__isnull=True):
        statement.speaker = official
        statement.speaker_description = ""
        fields = ["speaker", "speaker_description", "updated_at"]
        if statement.speaker_party_id is None and proposal.party_id is not None:
            statement.speaker_party_id = proposal.party_id
            fields.append("speaker_party")
        if (
            position is not None
            and statement.speaker_position_id is None
            and statement.speaker_party_id == position.party_id
        ):
            statement.speaker_position = position
            fields.append("speaker_position")
        statement._history_user = user
        statement.save(update_fields=fields)


def _decide(proposal: P, locked: P, user, note: str, **decided) -> None:
    """Record what the proposal turned out to be (``official=`` or ``track=``) and approve it."""
    for name, value in decided.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*decided, "updated_at"])
    review_approve(obj=locked, user=user, note=note)
    proposal.refresh_from_db()


@transaction.atomic
def official_proposal_approve(
    *, proposal: OfficialProposal, user, full_name: str | None = None
) -> Official:
    """Approve the proposal as a new official and attribute its statements to them.

    ``full_name`` is the house spelling when it differs from the name as written; the name as
    written becomes an alias (canonical when both are the same name, else a transliteration, or
    native for a Cyrillic name, which also becomes the official's native name). A position is
    added when the role and the party are known. Needs the review permission on proposals.
    """
    require_review(user, [OfficialProposal])
    locked = _lock_undecided(proposal)
    full_name = " ".join((full_name or locked.name).split())
    normalized = normalize_name(full_name)
    if not normalized:
        raise ValidationError({"full_name": "Give the official's name."})
    for key in {normalized, locked.normalized}:
        known = _official_named(key)
        if known is not None:
            raise ValidationError(
                f"“{full_name}” already names {Official.objects.get(pk=known)}: "
                "link the proposal to that official instead."
            )
    written_script = _script(locked.name)
    native = written_script == "Cyrl" and _script(full_name) != "Cyrl"
    official = Official(
        full_name=full_name[:200],
        slug=_unique_slug(Official, full_name),
        native_name=locked.name if native else "",
    )
    official.full_clean()
    official._history_user = user
    official.save()
    if normalize_name(locked.name) == normalized:
        kind = Alias.Kind.CANONICAL
    else:
        kind = Alias.Kind.NATIVE if native else Alias.Kind.TRANSLITERATION
    alias = Alias(
        name=locked.name,
        official=official,
        kind=kind,
        script=written_script,
        origin=Origin.CURATED,
        review_state=ReviewState.APPROVED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    alias.full_clean()
    alias._history_user = user
    alias.save()
    alias.outlets.add(*_outlet_ids(locked))
    position = None
    if locked.role and locked.party_id is not None:
        position = Position(official=official, party_id=locked.party_id, title=locked.role)
        position.full_clean()
        position._history_user = user
        position.save()
    _attribute(locked, official, position, user)
    _decide(proposal, locked, user, f"Approved as a new official: {official}.", official=official)
    return official


@transaction.atomic
def official_proposal_link(
    *, proposal: OfficialProposal, official: Official, user
) -> OfficialProposal:
    """The proposed person is ``official`` under another spelling: the name becomes an alias of
    that official, the statements are attributed to them and the proposal is approved.

    Needs the review permission on proposals.
    """
    require_review(user, [OfficialProposal])
    locked = _lock_undecided(proposal)
    known = _official_named(locked.normalized)
    if known is not None and known != official.pk:
        raise ValidationError(
            f"“{locked.name}” already names {Official.objects.get(pk=known)}, not {official}."
        )
    if locked.normalized != normalize_name(official.full_name):
        alias = (
            Alias.objects.select_for_update()
            .filter(normalized=locked.normalized, official=official)
            .first()
        )
        if alias is None:
            script = _script(locked.name)
            alias = Alias(
                name=locked.name,
                official=official,
                kind=Alias.Kind.NATIVE if script == "Cyrl" else Alias.Kind.TRANSLITERATION,
                script=script,
                origin=Origin.CURATED,
            )
        if alias.review_state != ReviewState.APPROVED or alias.pk is None:
            # Linking is the decision that this name is this person, also for an alias that was
            # suggested or rejected before.
            alias.review_state = ReviewState.APPROVED
            alias.reviewed_by = user
            alias.reviewed_at = timezone.now()
            alias.full_clean()
            alias._history_user = user
            alias.save()
        alias.outlets.add(*_outlet_ids(locked))
    _attribute(locked, official, None, user)
    _decide(
        proposal, locked, user, f"Linked to an existing official: {official}.", official=official
    )
    return proposal


# --- Tracks -------------------------------------------------------------------------------------


def _track_named(normalized: str, slug: str) -> Track | None:
    """The track this normalised name or slug already names, if any (one query).

    Names are compared in Python, since case and diacritics fold only there; tracks are few.
    """
    for track in Track.objects.only("id", "name", "slug"):
        if normalize_name(track.name) == normalized or (slug and track.slug == slug):
            return track
    return None


def _partner_has_track(parent: Track, partner_id: int) -> bool:
    """Does the parent already hold a track in which the partner takes part? (one query)"""
    return TrackParticipant.objects.filter(track__parent=parent, party_id=partner_id).exists()


def track_proposal_record(
    *,
    name: str,
    kind: str,
    parent: Track | None,
    partner_id: int | None,
    article: Article,
    evidence: str,
    analyser_version: str,
) -> TrackProposal | None:
    """Propose the agreement or format ``name`` as a new track, or add this article to the proposal.

    Returns None when a track already has that name (case and diacritics aside) or its slug, or,
    for a bilateral agreement, when the parent already holds a track the partner takes part in.
    A proposal already decided is returned as it is, with nothing added: the decision stands.
    """
    if kind not in Track.Kind.values:
        raise ValidationError({"kind": f"“{kind}” is not a kind of track."})
    name = " ".join(name.split())[:300]
    normalized = normalize_name(name)
    if not normalized or _track_named(normalized, slugify(anyascii(name))) is not None:
        return None
    bilateral = kind == Track.Kind.BILATERAL
    if bilateral and parent is not None and partner_id and _partner_has_track(parent, partner_id):
        return None
    evidence = evidence.strip()
    proposal = _proposal_get_or_create(
        TrackProposal,
        normalized,
        name=name,
        kind=kind,
        parent=parent,
        partner_id=partner_id,
        evidence=evidence,
        analyser_version=analyser_version,
    )
    if proposal.review_state != ReviewState.PENDING:
        return proposal
    # As for officials: a later article may say what the first did not, never overwriting.
    if parent is not None and proposal.parent_id is None:
        _fill_blank(proposal, {"parent__isnull": True}, parent=parent)
    if partner_id and proposal.partner_id is None:
        _fill_blank(proposal, {"partner__isnull": True}, partner_id=partner_id)
    if evidence and not proposal.evidence:
        _fill_blank(proposal, {"evidence": ""}, evidence=evidence)
    proposal.articles.add(article)
    return proposal


@transaction.atomic
def track_proposal_approve(*, proposal: TrackProposal, user) -> Track:
    """Approve the proposal as a new track under its parent.

    The track takes the proposal's name, kind and parent, a unique slug from the name, the
    evidence as its description and no keywords (an analyst adds them). A bilateral agreement's
    partner joins it as guarantor. Needs the review permission on track proposals.
    """
    require_review(user, [TrackProposal])
    locked = _lock_undecided(proposal)
    known = _track_named(locked.normalized, slugify(anyascii(locked.name)))
    if known is not None:
        raise ValidationError(
            f"“{locked.name}” already names the track {known}: link the proposal to it instead."
        )
    name = " ".join(locked.name.split())  # as an analyst may have retyped it
    track = Track(
        name=name,
        slug=_unique_slug(Track, name),
        kind=locked.kind,
        parent_id=locked.parent_id,
        description=locked.evidence,
        keywords="",
    )
    track.full_clean()
    track._history_user = user
    track.save()
    if locked.kind == Track.Kind.BILATERAL and locked.partner_id is not None:
        participant = TrackParticipant(
            track=track, party_id=locked.partner_id, role=TrackParticipant.Role.GUARANTOR
        )
        participant.full_clean()
        participant._history_user = user
        participant.save()
    _decide(proposal, locked, user, f"Approved as a new track: {track}.", track=track)
    return track


@transaction.atomic
def track_proposal_link(*, proposal: TrackProposal, track: Track, user) -> TrackProposal:
    """The proposed format is ``track`` under another name: the proposal is approved with it.

    Needs the review permission on track proposals.
    """
    require_review(user, [TrackProposal])
    locked = _lock_undecided(proposal)
    _decide(proposal, locked, user, f"Linked to an existing track: {track}.", track=track)
    return proposal


__all__ = [
    "official_proposal_approve",
    "official_proposal_link",
    "official_proposal_record",
    "track_proposal_approve",
    "track_proposal_link",
    "track_proposal_record",
]
