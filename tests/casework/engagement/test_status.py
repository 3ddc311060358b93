"""Engagement status: each change is dated and kept; the case shows the newest; no-change and
back-dated changes are refused; two people moving it at once: the second is refused."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from casework.db import db
from casework.engagement.models import EngagementStatusChange
from tests.casework.engagement.conftest import day_month_year, hidden_fields, submit, today
from tests.conftest import audit_events


def _history(case):
    return [(c.status, c.changed_on) for c in db.session.scalars(
        sa.select(EngagementStatusChange).where(EngagementStatusChange.case_id == case.id)
        .order_by(EngagementStatusChange.id))]


def _move(client, case, status, on):
    return submit(client, f"/cases/{case.public_id}/engagement-status",
                  {"status": status, "changed_on": day_month_year(on)})


def test_moving_the_status_keeps_the_history_and_updates_the_case(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    earlier = today() - timedelta(days=10)
    assert _move(client, phoenix.case, "contacted", earlier).status_code == 302
    response = _move(client, phoenix.case, "engaged", today())
    assert response.status_code == 302
    db.session.refresh(phoenix.case)
    assert phoenix.case.engagement_status == "engaged"
    assert _history(phoenix.case) == [("contacted", earlier), ("engaged", today())]

    page = client.get(f"/cases/{phoenix.case.public_id}/engagement").get_data(as_text=True)
    assert "Status history, newest first" in page
    assert page.index(earlier.strftime("%-d %B %Y")) > page.index("Status history")
    assert [(e.details["status"], e.details["previous"]) for e in audit_events("engagement_status.change")] == [
        ("contacted", None), ("engaged", "contacted")]


def test_no_change_and_a_date_before_the_last_change_are_refused(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    _move(client, phoenix.case, "refused", today() - timedelta(days=2))
    same = _move(client, phoenix.case, "refused", today())
    assert same.status_code == 400
    assert "Select a status different from the current one" in same.get_data(as_text=True)
    backdated = _move(client, phoenix.case, "engaged", today() - timedelta(days=5))
    assert backdated.status_code == 400
    assert "Date of the change must be on or after the last change" in backdated.get_data(as_text=True)
    assert len(_history(phoenix.case)) == 1


def test_two_people_moving_the_status_at_once(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    url = f"/cases/{phoenix.case.public_id}/engagement-status"
    first = hidden_fields(client.get(url).get_data(as_text=True))
    second = hidden_fields(client.get(url).get_data(as_text=True))
    assert client.post(url, data={**first, "status": "engaged", "changed_on": day_month_year(today())}).status_code == 302
    stale = client.post(url, data={**second, "status": "disengaged", "changed_on": day_month_year(today())})
    assert stale.status_code == 409
    assert "Someone else changed this record after you opened it" in stale.get_data(as_text=True)
    db.session.refresh(phoenix.case)
    assert phoenix.case.engagement_status == "engaged"
    # the same form posted again is recognised, not applied twice
    again = client.post(url, data={**first, "status": "engaged", "changed_on": day_month_year(today())})
    assert again.status_code == 302
    assert _history(phoenix.case) == [("engaged", today())]


def test_posting_a_status_the_form_does_not_offer_saves_nothing(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    response = _move(client, phoenix.case, "promoted", today())
    assert response.status_code == 400
    assert "Select the new engagement status" in response.get_data(as_text=True)
    db.session.refresh(phoenix.case)
    assert phoenix.case.engagement_status is None and _history(phoenix.case) == []
