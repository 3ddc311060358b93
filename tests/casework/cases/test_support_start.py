"""Recording when intensive support began: a worker who may edit a Phoenix case changes it on
the case page, the change is audited with both dates, bad dates are refused beside the field,
other programmes have no such page, and the support period then counts from the new date."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from casework.cases.models import Case
from casework.db import db
from casework.timezone import london_today
from programmes.text import long_date
from tests.conftest import audit_events, csrf_token_from


@pytest.fixture
def phoenix_case(create_team, create_user, create_case):
    """(case, lead, navigator, team): an open Phoenix case started 200 days ago, support from the start."""
    team = create_team(programme="PHOENIX")
    lead = create_user("youth_worker", teams=[team])
    navigator = create_user("navigator", teams=[team])
    started = london_today() - timedelta(days=200)
    case = create_case(team, lead_worker=lead, navigator_id=navigator.id, started_on=started,
                       support_started_on=started)
    return case, lead, navigator, team


def _url(case) -> str:
    return f"/cases/{case.public_id}/support-start"


def _post(client, case, on, **data):
    page = client.get(_url(case))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    version = html.split('name="version" type="hidden" value="')[1].split('"')[0]
    form = {"csrf_token": csrf_token_from(html), "version": version,
            "support_started_on": [on.day, on.month, on.year] if on is not None else ["", "", ""]}
    form.update(data)
    return client.post(_url(case), data=form)


def _reload(case) -> Case:
    db.session.expire_all()
    return db.session.get(Case, case.id)


@pytest.mark.parametrize("who", ["lead", "navigator"])
def test_a_lead_worker_or_navigator_changes_when_support_began_and_it_is_audited(signed_in, phoenix_case, who):
    case, lead, navigator, _team = phoenix_case
    client, user = signed_in(user=lead if who == "lead" else navigator)
    old = case.support_started_on
    new = case.started_on + timedelta(days=21)
    response = _post(client, case, new)
    assert response.status_code == 302
    assert _reload(case).support_started_on == new
    [event] = audit_events("case.support_start")
    assert event.user_id == user.id
    assert event.details == {"previous_support_started_on": old.isoformat(), "support_started_on": new.isoformat()}


def test_the_same_date_writes_nothing(signed_in, phoenix_case):
    case, lead, _navigator, _team = phoenix_case
    client, _ = signed_in(user=lead)
    assert _post(client, case, case.support_started_on).status_code == 302
    assert audit_events("case.support_start") == []


@pytest.mark.parametrize("offset,message", [
    (-1, "Support cannot start before the case started"),
    (None, "The date support started must not be in the future"),
])
def test_a_date_before_the_case_start_or_in_the_future_is_refused(signed_in, phoenix_case, offset, message):
    case, lead, _navigator, _team = phoenix_case
    client, _ = signed_in(user=lead)
    on = case.started_on + timedelta(days=offset) if offset is not None else london_today() + timedelta(days=1)
    response = _post(client, case, on)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and 'id="support_started_on-error"' in html
    assert _reload(case).support_started_on == case.started_on
    assert audit_events("case.support_start") == []


def test_an_empty_date_is_refused_by_the_form(signed_in, phoenix_case):
    case, lead, _navigator, _team = phoenix_case
    client, _ = signed_in(user=lead)
    response = _post(client, case, None)
    assert response.status_code == 400
    assert "Enter the date intensive support began" in response.get_data(as_text=True)


def test_a_stale_form_is_refused(signed_in, phoenix_case):
    case, lead, _navigator, _team = phoenix_case
    client, _ = signed_in(user=lead)
    response = _post(client, case, case.started_on + timedelta(days=7), version="0")
    assert response.status_code == 409
    assert _reload(case).support_started_on == case.started_on


def test_a_closed_case_is_refused(signed_in, phoenix_case):
    case, lead, _navigator, _team = phoenix_case
    case.status, case.closed_on = "closed", london_today()
    db.session.commit()
    client, _ = signed_in(user=lead)
    response = _post(client, case, case.started_on + timedelta(days=7))
    assert response.status_code == 400
    assert "This case is closed; reopen it before changing when support began" in response.get_data(as_text=True)
    assert _reload(case).support_started_on == case.started_on


def test_other_programmes_have_no_support_start_page(signed_in, vip_case):
    case, worker, _team = vip_case
    client, _ = signed_in(user=worker)
    assert client.get(_url(case)).status_code == 404
    page = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert "Intensive support began" not in page and _url(case) not in page


def test_a_worker_who_may_only_read_the_case_gets_no_change_link(signed_in, phoenix_case, create_user):
    case, _lead, _navigator, team = phoenix_case
    client, _ = signed_in(user=create_user("youth_worker", teams=[team]))
    page = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert "Intensive support began" in page and _url(case) not in page
    assert client.get(_url(case)).status_code == 403


def test_the_closure_panel_counts_the_weeks_from_the_new_date(signed_in, phoenix_case):
    case, lead, _navigator, _team = phoenix_case
    client, _ = signed_in(user=lead)
    page = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert _url(case) in page
    assert f"since support started on {long_date(case.started_on)}" in page
    new = london_today() - timedelta(weeks=10, days=3)
    assert _post(client, case, new).status_code == 302
    page = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert f"10 weeks since support started on {long_date(new)}" in page
    assert f"since support started on {long_date(case.started_on)}" not in page


def test_the_caseload_and_cases_list_name_the_programme_as_workers_say_it(signed_in, phoenix_case):
    _case, lead, _navigator, team = phoenix_case
    client, _ = signed_in(user=lead)
    caseload = client.get("/caseload").get_data(as_text=True)
    manager_client, _ = signed_in("manager", teams=[team])
    listing = manager_client.get("/cases?status=all").get_data(as_text=True)
    for html in (caseload, listing):
        assert "Phoenix" in html and not re.search(r">\s*PHOENIX\b", html)
