"""A Toy referral through the web app: its own intake facts on the form, the check's messages
for bad values, and the details stored and shown on the referral page."""

from __future__ import annotations

import sqlalchemy as sa

from casework.db import db
from casework.referrals.models import Referral
from tests.casework.toy.conftest import latest_referral, new_person, submit, text, toy_referral


def test_the_form_asks_the_toy_intake_facts(signed_in, world):
    client, _ = signed_in(user=world.worker)
    html = text(client.get("/referrals/new/person"))
    assert "Toy: favourite toy" in html
    assert 'name="favourite_toy"' in html and "Does the young person share their toys?" in html
    assert 'value="toy_shop"' in html and "Toy shop" in html


def test_bad_toy_facts_get_the_checks_messages_and_save_nothing(signed_in, world):
    client, _ = signed_in(user=world.worker)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Referral))
    missing = submit(client, "/referrals/new/person", {**new_person(), **toy_referral(world.team, favourite_toy="")})
    assert missing.status_code == 400
    assert "Enter the young person&#39;s favourite toy" in text(missing)
    too_long = submit(client, "/referrals/new/person",
                      {**new_person(), **toy_referral(world.team, favourite_toy="x" * 41)})
    assert too_long.status_code == 400
    assert "Favourite toy must be 40 characters or fewer" in text(too_long)
    bad_answer = submit(client, "/referrals/new/person",
                        {**new_person(), **toy_referral(world.team, shares_toys="sometimes")})
    assert bad_answer.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == before


def test_a_toy_referral_stores_and_shows_its_details(signed_in, world):
    client, _ = signed_in(user=world.worker)
    response = submit(client, "/referrals/new/person", {**new_person(), **toy_referral(world.team)})
    assert response.status_code == 302, text(response)[:3000]
    referral = latest_referral()
    assert (referral.programme, referral.source, referral.setting) == ("TOY", "toy_shop", None)
    assert referral.details == {"favourite_toy": "Spinning top", "shares_toys": True}
    assert referral.eligibility["outcome"] == "eligible"
    page = text(client.get(response.headers["Location"]))
    assert "Favourite toy" in page and "Spinning top" in page
    assert "Shares toys" in page
