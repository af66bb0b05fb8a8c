"""The knowledge base (fixtures/knowledge/) loads whole, idempotently, beside the seed record."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from negotiations.models import Alias, Official, Party, Place, Position, Track, TrackProposal
from negotiations.services.entities import entity_index_get, mentions_find
from negotiations.services.statements import official_for_role

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_knowledge_base", stdout=out)
    return out.getvalue()


def test_loads_at_least_200_people_with_dated_positions_and_loads_again_unchanged():
    call_command("load_seed_record", stdout=io.StringIO())
    first = _load()
    assert "created" in first
    assert Official.objects.count() >= 200
    assert Position.objects.filter(start_date__isnull=False).count() >= 200
    assert Track.objects.filter(parent__slug="g7-joint-declaration").count() >= 20
    counts = (Official.objects.count(), Alias.objects.count(), Party.objects.count())
    second = _load()
    assert "Knowledge base loaded: 0 created, 0 updated." in second
    assert counts == (Official.objects.count(), Alias.objects.count(), Party.objects.count())


def test_names_resolve_in_every_form_and_roles_through_the_date():
    call_command("load_seed_record", stdout=io.StringIO())
    _load()
    index = entity_index_get()
    yermak = Official.objects.get(slug="andriy-yermak")
    for lang, text in [
        ("uk", "Про це заявив Єрмака помічник"),  # genitive
        ("ru", "встреча с Ермаком"),  # instrumental
        ("de", "sagte Jermak"),
        ("en", "Yermak's office"),
    ]:
        targets = {m.target for m in mentions_find(text=text, index=index, language=lang)}
        assert ("official", yermak.pk) in targets, (lang, text)
    ukraine = Party.objects.get(slug="ukraine")
    found = {
        m.target for m in mentions_find(text="w Kijowie i Ukrainie", index=index, language="pl")
    }
    assert ("party", ukraine.pk) in found
    # the forms issue 11 lists, and those the third-session reports use (their ids noted)
    expected = [
        ("uk", "за словами Зеленського", "official", "volodymyr-zelensky"),
        ("de", "sagte Selenskyj", "official", "volodymyr-zelensky"),
        ("pl", "zdaniem Zełenskiego", "official", "volodymyr-zelensky"),
        ("uk", "до Києва", "place", "kyiv"),
        ("de", "in Kiew", "place", "kyiv"),
        ("pl", "w Kijowie", "place", "kyiv"),
        # pl-wpolityce-2026-01-08-zelenski-gwarancje-usa
        ("pl", "z prezydentem Stanów Zjednoczonych Donaldem Trumpem", "party", "united-states"),
        # pl-wgospodarce-2024-01-zelenski-sunak-umowa-bezpieczenstwo
        ("pl", "premier Wielkiej Brytanii Rishi Sunak", "party", "united-kingdom"),
        ("pl", "do ustaleń krajów G-7, dotyczących", "party", "g7"),
        # fr-blick-2025-12-berlin-garanties-tres-fortes
        (
            "fr",
            "dont le président Volodymyr Zelensky, les Etats-Unis ont offert",
            "party",
            "united-states",
        ),
        # it-liberoquotidiano-2025-11-24-ginevra-rubio-yermak
        ("it", "il segretario di Stato Usa Marco Rubio", "party", "united-states"),
        # it-upday-2026-01-06-parigi-volenterosi-garanzie
        ("it", "La presidente della Commissione europea", "party", "european-union"),
        # uk-unn-2025-09-01-makron-rutte
        ("uk", 'зустріч "коаліції рішучих" відбудеться', "party", "coalition-of-the-willing"),
        # pl-businessinsider-2025-10-10-atak-energetyka-kijow
        ("pl", "Z kolei mer Kijowa Witalij Kliczko poinformował", "official", "vitali-klitschko"),
        # ru-ura-2025-11-11-umerov-stambul-obmeny
        (
            "ru",
            "Уполномоченный по правам человека Татьяна Москалькова ранее проинформировала",
            "official",
            "tatyana-moskalkova",
        ),
        # fr-ukrinform-2025-11-bevz-plan-28-points
        ("fr", "n’est restée sans réponse », a précisé Bevz.", "official", "oleksandr-bevz"),
    ]
    models = {"official": Official, "party": Party, "place": Place}
    for lang, text, kind, slug in expected:
        pk = models[kind].objects.get(slug=slug).pk
        targets = {m.target for m in mentions_find(text=text, index=index, language=lang)}
        assert (kind, pk) in targets, (lang, text)
    # "the foreign minister" of Ukraine names Kuleba in 2023 and Sybiha in 2025
    kuleba = official_for_role(
        role="foreign minister", day=dt.date(2023, 8, 1), party_id=ukraine.pk, index=index
    )
    sybiha = official_for_role(
        role="foreign minister", day=dt.date(2025, 8, 1), party_id=ukraine.pk, index=index
    )
    assert Official.objects.get(pk=kuleba).slug == "dmytro-kuleba"
    assert Official.objects.get(pk=sybiha).slug == "andrii-sybiha"


def test_an_agreement_not_on_record_is_proposed_under_its_framework(tmp_path):
    call_command("load_seed_record", stdout=io.StringIO())
    _load()
    path = tmp_path / "bulgaria.txt"
    path.write_text(
        "Sofia, 2 December 2026\n"
        "Bulgaria and Ukraine signed a bilateral security agreement under the G7 Joint "
        "Declaration of Support for Ukraine, the Bulgarian prime minister said on Tuesday. "
        "Germany signed its agreement in 2024.\n",
        encoding="utf-8",
    )
    call_command("ingest", str(path), stdout=io.StringIO())
    (proposal,) = TrackProposal.objects.all()
    assert proposal.name == "Bulgaria–Ukraine security agreement"
    assert proposal.parent.slug == "g7-joint-declaration"
    assert proposal.partner.slug == "bulgaria"
    assert proposal.review_state == "pending"
    assert "Bulgaria and Ukraine signed" in proposal.evidence
    assert proposal.articles.count() == 1
