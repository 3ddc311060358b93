"""Each kind of file imports its rows with the programme rules applied, and importing the same
files again changes nothing."""

from __future__ import annotations

from datetime import date, time

import sqlalchemy as sa

from casework.assessments.models import Assessment
from casework.cases.models import Allocation, Case, Closure, OnwardReferral
from casework.db import db
from casework.engagement.models import EngagementContact
from casework.imports.schemas import header_for
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.sessions.models import Session
from tests.casework.imports import files
from tests.conftest import audit_events


def _one(model, reference):
    return db.session.scalars(sa.select(model).where(model.provider_reference == reference)).one()


def test_every_kind_imports_and_a_second_run_changes_nothing(world, write_csv, run_import):
    for kind, rows in files.ALL:
        path = write_csv(f"{kind}.csv", rows, list(header_for(kind)))
        result = run_import(kind, path, world.manager)
        assert result.exit_code == 0, result.output
        assert f"({len(rows)} new, 0 already imported and unchanged)" in result.stdout

    aisha = _one(Person, "P1")
    assert (aisha.given_name, aisha.family_name, aisha.date_of_birth, aisha.postcode) == (
        "Aisha", "Khan", date(2008, 5, 1), "LE1 5WS")
    assert _one(Person, "P2").known_as == "Jord"

    accepted = _one(Referral, "R1")
    assert (accepted.programme, accepted.team_id, accepted.status, accepted.definition_version) == (
        "VIP", world.team.id, "accepted", "2024.1")
    assert accepted.eligibility["outcome"] == "eligible"
    assert accepted.details == {"violence_related": True, "offence_type": "Assault"}
    assert accepted.decided_by_id == world.manager.id and accepted.first_contact_on == date(2024, 5, 1)
    declined = _one(Referral, "R2")
    assert (declined.status, declined.decline_reason) == ("declined", "declined_by_young_person")

    case = _one(Case, "C1")
    assert (case.person_id, case.referral_id, case.started_on, case.lead_worker_id) == (
        aisha.id, accepted.id, date(2024, 5, 2), world.worker.id)
    allocations = db.session.scalars(sa.select(Allocation).where(Allocation.case_id == case.id)).all()
    assert [(a.role, a.user_id, a.allocated_by_id) for a in allocations] == [
        ("lead_worker", world.worker.id, world.manager.id)]

    first = _one(Session, "S1")
    assert (first.held_on, first.start_time, first.duration_minutes, first.component_codes) == (
        date(2024, 5, 10), time(14, 0), 60, ["VIP-C1", "VIP-C3"])
    assert first.notes == '=HYPERLINK("http://x","click")'  # a formula is text, stored as given
    missed = _one(Session, "S2")
    assert (missed.attendance, missed.duration_minutes, missed.component_codes) == ("did_not_attend", 0, [])

    pre = _one(Assessment, "A1")
    assert (pre.instrument, pre.timepoint, float(pre.score), len(pre.items)) == ("VIP-PC", "pre", 3.0, 19)
    sdq = _one(Assessment, "A3")
    assert (sdq.informant, float(sdq.score), sdq.items) == ("self", 10.0, [])
    assert sdq.subscores["subscales"] == {"emotional": 3, "conduct": 2, "hyperactivity": 4, "peer": 1,
                                          "prosocial": 8}

    contact = _one(EngagementContact, "E1")
    assert (contact.contacted_on, contact.method, contact.result) == (date(2024, 5, 1), "phone", "spoke_engaged")
    onward = _one(OnwardReferral, "O1")
    assert (onward.session_id, onward.status, onward.agency) == (
        _one(Session, "S3").id, "accepted", "Leicester Tigers Foundation")

    closure = _one(Closure, "X1")
    assert (closure.reason, closure.check_passed, closure.override_reason, closure.definition_version) == (
        "planned_completion", True, None, "2024.1")
    assert closure.check_trace["ok"] is True
    assert closure.outcomes_version == "2024.1"  # its outcome evaluation is kept, as on closing
    db.session.refresh(case)
    assert (case.status, case.closed_on, case.version) == ("closed", date(2024, 8, 5), 2)

    events = audit_events("import.file")
    assert [(e.record_type, e.details["added"], e.user_id, e.role) for e in events] == [
        (kind, len(rows), world.manager.id, "manager") for kind, rows in files.ALL]
    assert events[3].details["first_reference"] == "S1" and events[3].details["last_reference"] == "S7"

    counts = {model: db.session.scalar(sa.select(sa.func.count()).select_from(model))
              for model in (Person, Referral, Case, Session, Assessment, EngagementContact, OnwardReferral, Closure)}
    for kind, rows in files.ALL:
        result = run_import(kind, write_csv(f"again-{kind}.csv", rows, list(header_for(kind))), world.manager)
        assert result.exit_code == 0, result.output
        assert f"(0 new, {len(rows)} already imported and unchanged)" in result.stdout
    assert counts == {model: db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in counts}


def test_importing_a_record_of_a_closed_case_sets_its_kept_outcome_evaluation_aside(world, write_csv, run_import):
    for kind, rows in files.ALL:
        assert run_import(kind, write_csv(f"{kind}.csv", rows, list(header_for(kind))), world.manager).exit_code == 0
    assert _one(Closure, "X1").outcomes_version == "2024.1"
    late = [{**files.ONWARD_REFERRALS[0], "provider_reference": "O9", "session_reference": ""}]
    result = run_import("onward_referrals", write_csv("late.csv", late, list(header_for("onward_referrals"))),
                        world.manager)
    assert result.exit_code == 0, result.output
    assert _one(OnwardReferral, "O9").case_id == _one(Closure, "X1").case_id
    assert _one(Closure, "X1").outcomes_version is None
