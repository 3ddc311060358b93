"""Which definition version is in force on a date, including the switch on a new version's effective date."""

import dataclasses
from datetime import date

import pytest

import programmes
from programmes.rules import NoDefinitionInForce, version_in_force


def with_second_version():
    """VIP with a synthetic 2025.1 version (narrower ages) taking effect on 1 April 2025."""
    programme = programmes.get_programme("VIP")
    first = programme.versions[0]
    second = dataclasses.replace(
        first,
        version="2025.1",
        effective_on=date(2025, 4, 1),
        eligibility=dataclasses.replace(first.eligibility, max_age=24),
    )
    return dataclasses.replace(programme, versions=(first, second)), first, second


def test_the_old_version_applies_the_day_before_the_switch():
    programme, first, _ = with_second_version()
    assert version_in_force(programme, date(2025, 3, 31)) is first


def test_the_new_version_applies_on_its_effective_date():
    programme, _, second = with_second_version()
    assert version_in_force(programme, date(2025, 4, 1)) is second
    assert version_in_force(programme, date(2030, 1, 1)) is second


def test_the_order_of_the_version_list_does_not_matter():
    programme, first, second = with_second_version()
    reversed_programme = dataclasses.replace(programme, versions=(second, first))
    assert version_in_force(reversed_programme, date(2025, 3, 31)) is first
    assert version_in_force(reversed_programme, date(2025, 4, 1)) is second


def test_the_current_theory_of_change_starts_on_31_january_2024():
    assert programmes.definition_on("VIP", date(2024, 1, 31)).version == "2024.1"
    with pytest.raises(NoDefinitionInForce, match="No VIP definition is in force on 30 January 2024"):
        programmes.definition_on("VIP", date(2024, 1, 30))
    with pytest.raises(LookupError):
        programmes.definition_on("REACH", date(2023, 12, 1))


def test_current_definition_can_be_asked_for_a_date():
    assert programmes.current_definition("PHOENIX", date(2025, 6, 1)).version == "2024.1"


def test_a_definition_knows_its_label():
    assert programmes.current_definition("VIP").label == "VIP 2024.1 (in force from 31 January 2024)"
