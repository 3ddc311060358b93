"""Whatever is posted to any engagement form, the answer is never a server error, nothing is
half-saved, and anything echoed back is escaped."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from casework.db import Base, db
from tests.casework.engagement.conftest import hidden_fields, today

NASTY = [
    "", " ", "\x00", "0", "-1", "99999999999999999999", "31", "2.5", "<script>alert(1)</script>",
    "' OR 1=1 --", "é" * 300, "x" * 6000, "=SUM(A1)", "\u202e", "25:99", "13pm", "2024-05-01",
]
DATE_VALUES = [[], ["1"], ["1", "2"], ["1", "2", "2024", "9"], ["31", "2", "2024"], ["a", "b", "c"],
               ["1", "1", "0"], ["1", "1", "99999"], ["", "3", "2024"]]
_TABLES = ("engagement_contacts", "engagement_status_changes", "notifications", "escalations",
           "enforcement_events", "programme_activities")


def _counts():
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    return {name: db.session.scalar(sa.select(sa.func.count()).select_from(tables[name])) for name in _TABLES}


def _forms(phoenix, escalation, event, contact, notification):
    case = phoenix.case.public_id
    return {
        f"/cases/{case}/contacts/new": ("method", "result", "contacted_on", "contacted_time", "notes"),
        f"/contacts/{contact}/edit": ("method", "result", "contacted_on", "contacted_time", "notes"),
        f"/cases/{case}/engagement-status": ("status", "changed_on"),
        f"/notifications/{notification}/edit": ("method", "notified_on", "attended", "notes"),
        f"/cases/{case}/escalations/new": ("reason", "raised_on"),
        f"/escalations/{escalation}/outcome": ("outcome", "outcome_on"),
        f"/cases/{case}/enforcement/events/new": ("kind", "occurred_on", "escalation", "summary"),
        f"/enforcement-events/{event}/edit": ("kind", "occurred_on", "escalation", "summary"),
        "/programme-activities": ("team", "kind", "occurred_on", "description", "attendees"),
    }


@pytest.fixture
def records(phoenix):
    from datetime import datetime, timezone

    from casework.engagement.models import EnforcementEvent, EngagementContact, Escalation, Notification

    escalation = Escalation(case_id=phoenix.case.id, reason="risk_persists", raised_on=today())
    contact = EngagementContact(case_id=phoenix.case.id, contacted_at=datetime.now(timezone.utc),
                                contacted_on=today(), method="phone", result="no_answer")
    notification = Notification(case_id=phoenix.case.id, method="call_in", notified_on=today())
    db.session.add_all([escalation, contact, notification])
    db.session.flush()
    event = EnforcementEvent(case_id=phoenix.case.id, escalation_id=escalation.id, kind="other", occurred_on=today())
    db.session.add(event)
    db.session.flush()
    return _forms(phoenix, escalation.public_id, event.public_id, contact.public_id, notification.public_id)


def test_no_input_gives_a_server_error_or_saves_anything(signed_in, phoenix, records):
    client, _ = signed_in("manager", teams=[phoenix.team])
    before = _counts()
    for url, fields in records.items():
        page = client.get(url)
        assert page.status_code == 200, url
        hidden = hidden_fields(page.get_data(as_text=True))
        for index, value in enumerate(NASTY):
            data = {**hidden, **{name: value for name in fields}}
            for name in fields:
                if name.endswith("_on"):
                    data[name] = DATE_VALUES[index % len(DATE_VALUES)]
            data.update({"recorded_by_id": "1", "case_id": "2", "version": hidden.get("version", value)})
            response = client.post(url, data=data)
            assert response.status_code < 500, (url, value, response.status_code)
            assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert _counts() == before


def test_unknown_ids_are_not_found(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    for url in ("/cases/not-a-uuid/engagement", "/contacts/00000000-0000-0000-0000-000000000000/edit",
                "/notifications/%00/edit", "/cases/../engagement"):
        assert client.get(url).status_code == 404, url
