"""Closing a case: the rule check decides a planned completion, a manager may override with a
reason, the closure keeps the trace and version, and a manager can reopen."""

from __future__ import annotations

from datetime import timedelta

from casework.cases.models import Case, Closure
from casework.db import db
from casework.timezone import london_today
from tests.conftest import audit_events, csrf_token_from


def _close(client, case, **data):
    page = client.get(f"/cases/{case.public_id}/close")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    version = html.split('name="version" type="hidden" value="')[1].split('"')[0]
    today = london_today()
    form = {"csrf_token": csrf_token_from(html), "version": version, "reason": "planned_completion",
            "closed_on": [today.day, today.month, today.year]}
    form.update(data)
    return client.post(f"/cases/{case.public_id}/close", data=form)


def _reload(case) -> Case:
    db.session.expire_all()
    return db.session.get(Case, case.id)


def test_a_worker_closes_a_ready_case_as_planned_completion(signed_in, ready_vip_case):
    case, worker, _ = ready_vip_case
    client, _ = signed_in(user=worker)
    response = _close(client, case)
    assert response.status_code == 302
    case = _reload(case)
    assert (case.status, case.closed_on) == ("closed", london_today())
    closure = db.session.query(Closure).filter_by(case_id=case.id).one()
    assert closure.check_passed is True and closure.definition_version == case.definition_version
    assert all(c["met"] for c in closure.check_trace["conditions"])
    assert audit_events("case.close")


def test_a_blocked_planned_completion_is_refused_for_a_worker_with_the_reasons(signed_in, vip_case):
    case, worker, _ = vip_case
    client, _ = signed_in(user=worker)
    response = _close(client, case, override_reason="I think it is fine really")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Only a manager can override the closure check" in html
    response = _close(client, case)
    assert "Cannot close as a planned completion" in response.get_data(as_text=True)
    assert _reload(case).status == "open"


def test_a_worker_can_close_for_another_reason_any_time(signed_in, vip_case):
    case, worker, _ = vip_case
    client, _ = signed_in(user=worker)
    assert _close(client, case, reason="moved_out_of_area").status_code == 302
    assert _reload(case).status == "closed"


def test_a_manager_overrides_a_blocked_closure_with_a_written_reason(signed_in, vip_case, create_user):
    case, _worker, team = vip_case
    client, manager = signed_in("manager", teams=[team])
    response = _close(client, case, override_reason="")
    assert response.status_code == 400
    response = _close(client, case, override_reason="Completed the work early; moving to college in another city.")
    assert response.status_code == 302
    closure = db.session.query(Closure).filter_by(case_id=case.id).one()
    assert closure.check_passed is False
    assert closure.override_reason.startswith("Completed the work early")
    assert closure.closed_by_id == manager.id
    event = audit_events("case.close")[-1]
    assert event.details["overridden"] is True and "Completed" not in str(event.details)


def test_future_and_pre_start_closure_dates_are_refused(signed_in, vip_case):
    case, worker, _ = vip_case
    client, _ = signed_in(user=worker)
    future = london_today() + timedelta(days=2)
    html = _close(client, case, reason="disengaged", closed_on=[future.day, future.month, future.year]).get_data(as_text=True)
    assert "cannot be in the future" in html
    html = _close(client, case, reason="disengaged", closed_on=[31, 2, 2025]).get_data(as_text=True)
    assert "Closure date must be a real date" in html
    for broken in ([], ["12"], ["x", "y", "z"], ["", "", ""]):
        response = _close(client, case, reason="disengaged", closed_on=broken)
        assert response.status_code == 400, broken
    assert _reload(case).status == "open"


def test_a_worker_asks_a_manager_to_approve_and_the_manager_reopens(signed_in, client, vip_case, create_user):
    case, worker, team = vip_case
    signed_in(user=worker)
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    version = html.split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"/cases/{case.public_id}/request-closure",
                           data={"csrf_token": csrf_token_from(html), "version": version})
    assert response.status_code == 302
    assert _reload(case).closure_requested_at is not None

    manager = create_user("manager", teams=[team])
    signed_in(user=manager)
    assert _close(client, case, reason="disengaged").status_code == 302
    case = _reload(case)
    assert case.closure_requested_at is None
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    version = html.split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"/cases/{case.public_id}/reopen", data={
        "csrf_token": csrf_token_from(html), "version": version, "reason": "Young person asked to come back."})
    assert response.status_code == 302
    case = _reload(case)
    assert (case.status, case.closed_on) == ("open", None)
    closure = db.session.query(Closure).filter_by(case_id=case.id).one()
    assert closure.reopened_by_id == manager.id and closure.reopen_reason.startswith("Young person")


def test_a_stale_closure_form_is_refused(signed_in, vip_case):
    case, worker, _ = vip_case
    client, _ = signed_in(user=worker)
    response = _close(client, case, reason="disengaged", version=str(case.version - 1))
    assert response.status_code == 409
    assert "Someone else changed this record" in response.get_data(as_text=True)
    assert _reload(case).status == "open"


def test_a_team_member_not_allocated_cannot_close(signed_in, vip_case, create_user):
    case, _worker, team = vip_case
    client, _ = signed_in("youth_worker", teams=[team])
    assert client.get(f"/cases/{case.public_id}/close").status_code == 403
