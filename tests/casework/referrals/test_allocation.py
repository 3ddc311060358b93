"""Allocation through HTTP: a manager allocates a lead worker (and for Phoenix a community
navigator) from the case's team; reallocation ends one allocation and starts another."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from casework.cases.models import Allocation, Case
from casework.db import db
from tests.casework.referrals.conftest import hidden_fields, submit, text
from tests.conftest import audit_events


@pytest.fixture
def team(create_team):
    return create_team(programme="VIP")


def _allocations(case) -> list[Allocation]:
    return list(db.session.scalars(sa.select(Allocation).where(Allocation.case_id == case.id).order_by(Allocation.id)))


def test_allocating_and_reallocating_keeps_the_history(signed_in, team, create_case, create_user):
    first = create_user("youth_worker", teams=[team], name="Ash Worker")
    second = create_user("navigator", teams=[team], name="Bea Navigator")
    client, manager = signed_in("manager", teams=[team], name="Mo Manager")
    case = create_case(team, status="awaiting_consent", started_on=None)
    url = f"/cases/{case.public_id}/allocation"
    assert "No allocations recorded yet" in text(client.get(url))
    assert submit(client, url, {"lead_worker": str(first.public_id)}).status_code == 302
    assert db.session.get(Case, case.id).lead_worker_id == first.id
    response = submit(client, url, {"lead_worker": str(second.public_id)})
    assert response.status_code == 302
    assert db.session.get(Case, case.id).lead_worker_id == second.id
    old, new = _allocations(case)
    assert (old.user_id, old.role, old.allocated_by_id) == (first.id, "lead_worker", manager.id)
    assert old.ended_at is not None and old.ended_at == new.started_at and new.ended_at is None
    assert new.user_id == second.id
    page = text(client.get(url))
    assert "Allocation saved." in page
    assert "Ash Worker" in page and "Bea Navigator" in page and "Mo Manager" in page
    assert [e.details["role"] for e in audit_events("case.allocate")] == ["lead_worker", "lead_worker"]


def test_saving_the_same_allocation_changes_nothing(signed_in, team, create_case, create_user):
    worker = create_user("youth_worker", teams=[team])
    client, _ = signed_in("manager", teams=[team])
    case = create_case(team)
    url = f"/cases/{case.public_id}/allocation"
    submit(client, url, {"lead_worker": str(worker.public_id)})
    response = submit(client, url, {"lead_worker": str(worker.public_id)})
    assert response.status_code == 302 and "Nothing changed" in text(client.get(url))
    assert len(_allocations(case)) == 1


def test_phoenix_cases_get_a_community_navigator(signed_in, create_team, create_case, create_user):
    phoenix = create_team(programme="PHOENIX")
    lead = create_user("youth_worker", teams=[phoenix])
    navigator = create_user("navigator", teams=[phoenix])
    client, _ = signed_in("manager", teams=[phoenix])
    case = create_case(phoenix)
    url = f"/cases/{case.public_id}/allocation"
    refused = submit(client, url, {"lead_worker": str(lead.public_id), "navigator": str(lead.public_id)})
    assert refused.status_code == 400 and "Select a navigator of the case" in text(refused)
    response = submit(client, url, {"lead_worker": str(lead.public_id), "navigator": str(navigator.public_id)})
    assert response.status_code == 302
    stored = db.session.get(Case, case.id)
    assert (stored.lead_worker_id, stored.navigator_id) == (lead.id, navigator.id)
    assert sorted(a.role for a in _allocations(case)) == ["lead_worker", "navigator"]


def test_a_vip_case_has_no_navigator_field(signed_in, team, create_case, create_user):
    worker = create_user("navigator", teams=[team])
    client, _ = signed_in("manager", teams=[team])
    case = create_case(team)
    url = f"/cases/{case.public_id}/allocation"
    assert "Community navigator" not in text(client.get(url))
    assert submit(client, url, {"lead_worker": str(worker.public_id), "navigator": str(worker.public_id)}).status_code == 302
    assert db.session.get(Case, case.id).navigator_id is None


def test_only_workers_of_the_cases_team_can_be_allocated(signed_in, team, create_team, create_case, create_user):
    outsider = create_user("youth_worker", teams=[create_team(programme="VIP")])
    colleague_manager = create_user("manager", teams=[team])
    client, _ = signed_in("manager", teams=[team])
    case = create_case(team)
    url = f"/cases/{case.public_id}/allocation"
    for value in (str(outsider.public_id), str(colleague_manager.public_id), "", "not-a-user", str(outsider.id)):
        response = submit(client, url, {"lead_worker": value})
        assert response.status_code == 400, value
    assert _allocations(case) == []
    assert db.session.get(Case, case.id).lead_worker_id is None


def test_a_stale_allocation_is_refused(signed_in, team, create_case, create_user):
    first, second = create_user("youth_worker", teams=[team]), create_user("youth_worker", teams=[team])
    client, _ = signed_in("manager", teams=[team])
    case = create_case(team)
    url = f"/cases/{case.public_id}/allocation"
    stale = hidden_fields(text(client.get(url)))
    assert submit(client, url, {"lead_worker": str(first.public_id)}).status_code == 302
    response = client.post(url, data={**stale, "lead_worker": str(second.public_id)})
    assert response.status_code == 409 and "Someone else changed this record" in text(response)
    assert db.session.get(Case, case.id).lead_worker_id == first.id


def test_workers_and_other_programmes_cannot_allocate(signed_in, team, create_case, create_user):
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    client, _ = signed_in(user=worker)
    assert client.get(f"/cases/{case.public_id}/allocation").status_code == 403
    client, _ = signed_in("manager", programme="REACH")
    assert client.get(f"/cases/{case.public_id}/allocation").status_code == 404
