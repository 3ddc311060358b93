"""A Toy variant with a setting list, a fact asked only in one setting, and first contact on
the referral form (the shape of VIP's intake, declared by Toy's definition alone)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from programmes.intake import IntakeField
from programmes.vocabulary import Term
from tests.casework.referrals.conftest import date_parts, london_now
from tests.casework.toy.conftest import latest_referral, new_person, submit, text, toy_referral
from tests.toy_programme import INTAKE, PROGRAMME, VERSION_2024_1

SETTINGS = (Term("park", "Park"), Term("shop_floor", "Toy shop floor"))
SWING = IntakeField("swing_height", "Swing height in metres (optional)", "whole_number", "Swing height",
                    "Swing height", minimum=0, maximum=5, only_for_settings=("park",),
                    only_for_settings_message="Swing height is only recorded for referrals from a park.")
# A version of its own: the app keeps one referral form class per programme and version, as a
# version, once in force, never changes.
WITH_SETTINGS = dataclasses.replace(PROGRAMME, versions=(dataclasses.replace(
    VERSION_2024_1,
    version="2024.2",
    settings=SETTINGS,
    eligibility=dataclasses.replace(VERSION_2024_1.eligibility, settings=("park",)),
    intake=dataclasses.replace(INTAKE, fields=(*INTAKE.fields, SWING), asks_first_contact=True,
                               setting_question="Where was the young person playing?",
                               setting_missing="Select where the young person was playing"),
),))

pytestmark = pytest.mark.parametrize("toy_programme", [WITH_SETTINGS])


def test_the_form_asks_the_setting_and_first_contact(signed_in, world):
    client, _ = signed_in(user=world.worker)
    html = text(client.get("/referrals/new/person"))
    assert "Where was the young person playing?" in html and "Toy shop floor" in html
    assert 'name="swing_height"' in html and 'name="first_contact_time"' in html


def test_a_park_referral_keeps_the_setting_fact_and_first_contact(signed_in, world):
    client, _ = signed_in(user=world.worker)
    contact = (london_now() - timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    response = submit(client, "/referrals/new/person", {
        **new_person(), **toy_referral(world.team, setting="park", swing_height="2"),
        **date_parts("first_contact_on", contact.date()), "first_contact_time": "12:00"})
    assert response.status_code == 302, text(response)[:3000]
    referral = latest_referral()
    assert (referral.setting, referral.details["swing_height"]) == ("park", 2)
    assert referral.first_contact_at == contact
    assert referral.eligibility["outcome"] == "eligible"
    page = text(client.get(response.headers["Location"]))
    assert "Park" in page and "Swing height" in page


def test_the_setting_rules_are_the_definitions(signed_in, world):
    client, _ = signed_in(user=world.worker)
    for setting in ("", "custody"):
        missing = submit(client, "/referrals/new/person", {**new_person(), **toy_referral(world.team, setting=setting)})
        assert missing.status_code == 400 and "Select where the young person was playing" in text(missing)
    refused = submit(client, "/referrals/new/person",
                     {**new_person(), **toy_referral(world.team, setting="shop_floor", swing_height="2")})
    assert refused.status_code == 400
    assert "Swing height is only recorded for referrals from a park." in text(refused)
    response = submit(client, "/referrals/new/person",
                      {**new_person(), **toy_referral(world.team, setting="shop_floor")})
    assert response.status_code == 302, text(response)[:3000]
    referral = latest_referral()
    assert referral.eligibility["outcome"] == "not_eligible"
    assert "swing_height" not in referral.details
