"""A statement's speaker as lists name it: a person, an institution of a party, a group."""

from __future__ import annotations

import pytest

from tests.factories import CoalitionFactory, OfficialFactory, PartyFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_an_official_is_named():
    statement = StatementFactory(speaker=OfficialFactory(full_name="Andriy Yermak"))
    assert statement.speaker_label() == "Andriy Yermak"


def test_an_institution_is_named_with_its_party():
    russia = PartyFactory(name="Russia")
    statement = StatementFactory(speaker=None, speaker_party=russia, speaker_description="Kremlin")
    assert statement.speaker_label() == "Kremlin (Russia)"


def test_a_coalition_speaking_as_a_party_is_named_by_the_party():
    g7 = CoalitionFactory(name="G7")
    statement = StatementFactory(speaker=None, speaker_party=g7, speaker_description="")
    assert statement.speaker_label() == "G7"


def test_a_group_of_no_one_party_is_its_description():
    statement = StatementFactory(
        speaker=None, speaker_party=None, speaker_description="the two leaders"
    )
    assert statement.speaker_label() == "the two leaders"
