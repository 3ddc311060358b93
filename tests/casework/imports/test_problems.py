"""A file with any problem imports nothing, and every problem names its file, row, column and reason;
rows outside the manager's programmes and rows that break the programme rules are refused."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from casework.cases.models import Closure
from casework.db import db
from casework.imports.operations import import_file
from casework.imports.schemas import header_for
from casework.referrals.models import Referral
from casework.sessions.models import Session
from tests.casework.imports.conftest import csv_bytes, session_row
from tests.casework.imports.files import answers
from tests.conftest import audit_events


def _sessions():
    return db.session.scalars(sa.select(Session).order_by(Session.provider_reference)).all()


def _import(kind, rows, user, **options):
    return import_file(kind, f"{kind}.csv", csv_bytes(header_for(kind), rows), user=user, **options)


def _messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_one_bad_row_imports_nothing_and_names_file_row_column_and_reason(world, vip_case, write_csv, run_import):
    path = write_csv("sessions.csv", [session_row("S1"), session_row("S2", held_on="2024-02-31"),
                                      session_row("S3")], list(header_for("sessions")))
    result = run_import("sessions", path, world.manager)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "sessions.csv, row 3, column held_on: Date of the session must be a real date (got “2024-02-31”)"]
    assert "Nothing was imported." in result.stderr
    assert _sessions() == []
    (event,) = audit_events("import.file")
    assert (event.outcome, event.record_type, event.details["problems"], event.details["added"]) == (
        "failed", "sessions", 1, 0)


def test_the_same_file_twice_imports_once(world, vip_case, write_csv, run_import):
    path = write_csv("sessions.csv", [session_row("S1"), session_row("S2", held_on="2024-05-17")])
    first = run_import("sessions", path, world.manager)
    second = run_import("sessions", path, world.manager)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "(2 new, 0 already imported and unchanged)" in first.stdout
    assert "(0 new, 2 already imported and unchanged)" in second.stdout
    assert [s.provider_reference for s in _sessions()] == ["S1", "S2"]


def test_every_problem_in_the_file_is_reported(world, vip_case):
    rows = [
        session_row("S1", case="NOPE"),
        session_row("S2", held_on="2999-01-01"),
        session_row("S3", components="VIP-C99"),
        session_row("S4", components=""),
        session_row("S5", attendance="cancelled", behaviour_concern="yes", behaviour_note="Shouting"),
        session_row("S6", held_on="2024-04-01"),
        session_row("S1"),
        session_row("S7", mode="telepathy", duration_minutes="ten"),
    ]
    result = _import("sessions", rows, world.manager)
    assert _messages(result) == [
        "sessions.csv, row 2, column case_reference: No case with the provider reference “NOPE” in your "
        "programmes. Import the cases file first, or check the reference.",
        "sessions.csv, row 3, column held_on: Date of the session must be today or in the past: log a session after "
        "it has happened",
        "sessions.csv, row 4, column components: Choose only from the list of what this programme's sessions cover",
        "sessions.csv, row 5, column components: Choose at least one thing the session covered",
        "sessions.csv, row 6, column components: Only a session that was attended can cover components: untick "
        "them, or choose Attended",
        "sessions.csv, row 6, column behaviour_concern: A behaviour concern can only be recorded for a session that "
        "was attended",
        "sessions.csv, row 7, column held_on: Date of the session must be on or after 2 May 2024, when the case "
        "started",
        "sessions.csv, row 8, column provider_reference: The reference “S1” is used twice in this file (first on "
        "row 2).",
        "sessions.csv, row 9, column duration_minutes: Length must be a whole number of minutes, like 45 (got “ten”)",
        "sessions.csv, row 9, column mode: “telepathy” is not a session mode; use one of: face_to_face, phone, "
        "video, messaging",
    ]
    assert _sessions() == []


def test_a_row_imported_before_with_other_values_is_refused(world, vip_case):
    assert _import("sessions", [session_row("S1")], world.manager).ok
    result = _import("sessions", [session_row("S1", duration_minutes="90", notes="Changed"), session_row("S2")],
                     world.manager)
    assert _messages(result) == [
        "sessions.csv, row 2, column provider_reference: Already imported with different values in "
        "duration_minutes, notes. Corrections are not made by import: change the record in the service, or leave "
        "this row out."]
    assert [(s.provider_reference, s.duration_minutes) for s in _sessions()] == [("S1", 60)]


def test_a_case_outside_the_managers_programmes_is_refused(world, vip_case, create_team, create_case):
    reach_case = create_case(create_team(programme="REACH"), provider_reference="RC1")
    result = _import("sessions", [session_row("S1"), session_row("S2", case="RC1", components="RCH-C1")],
                     world.manager)
    assert _messages(result) == [
        "sessions.csv, row 3, column case_reference: No case with the provider reference “RC1” in your programmes. "
        "Import the cases file first, or check the reference."]
    assert _sessions() == [] and reach_case.status == "open"


def test_a_reference_used_by_another_programme_is_refused(world, vip_case, create_team, create_case, create_user):
    reach_team = create_team(programme="REACH")
    create_case(reach_team, provider_reference="RC1")
    reach_manager = create_user("manager", teams=[reach_team])
    assert _import("sessions", [session_row("S1", case="RC1", components="RCH-C1")], reach_manager).ok
    result = _import("sessions", [session_row("S1")], world.manager)
    assert _messages(result) == [
        "sessions.csv, row 2, column provider_reference: The reference “S1” is already used by a record outside "
        "your programmes."]


def test_a_referral_for_a_team_of_another_programme_is_refused(world, create_team, create_person):
    create_team(name="Reach City", programme="REACH")
    create_person(provider_reference="P1")
    row = {"provider_reference": "R1", "person_reference": "P1", "team": "Reach City", "received_on": "2024-05-01",
           "source": "school", "school": "City Academy"}
    result = _import("referrals", [row], world.manager)
    assert _messages(result) == [
        "referrals.csv, row 2, column team: “Reach City” is not a team of your programmes; use the team's name "
        "exactly as the service shows it."]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 0


def test_a_referral_before_any_programme_definition_is_refused(world, create_person):
    create_person(provider_reference="P1")
    row = {"provider_reference": "R1", "person_reference": "P1", "team": "vip leicester", "received_on": "2024-01-01",
           "source": "police_custody", "setting": "custody"}
    result = _import("referrals", [row], world.manager)
    assert _messages(result) == [
        "referrals.csv, row 2, column received_on: No VIP definition is in force on 1 January 2024; the earliest "
        "version (2024.1) takes effect on 31 January 2024."]


def test_accepting_an_ineligible_referral_needs_a_written_reason(world, create_person):
    create_person(provider_reference="P1", local_authority="outside_llr")
    row = {"provider_reference": "R1", "person_reference": "P1", "team": "VIP Leicester", "received_on": "2024-05-01",
           "source": "police_custody", "setting": "custody", "status": "accepted", "decided_on": "2024-05-02",
           "violence_related": "yes"}
    result = _import("referrals", [row], world.manager)
    assert [(p.row, p.column) for p in result.problems] == [(2, "accept_override_reason")]
    assert result.problems[0].reason.startswith("This referral is not eligible: Lives outside Leicester")
    result = _import("referrals", [{**row, "accept_override_reason": "Moving back to Leicester next month"}],
                     world.manager)
    assert result.ok, _messages(result)
    referral = db.session.scalars(sa.select(Referral)).one()
    assert referral.eligibility["outcome"] == "not_eligible" and referral.status == "accepted"
    assert referral.details["accept_override_reason"] == "Moving back to Leicester next month"


def test_a_planned_completion_the_closure_check_refuses_is_not_imported(world, vip_case):
    row = {"provider_reference": "X1", "case_reference": "C1", "closed_on": "2024-06-01",
           "reason": "planned_completion"}
    result = _import("closures", [row], world.manager)
    (problem,) = result.problems
    assert (problem.row, problem.column) == (2, "override_reason")
    assert problem.reason.startswith("Cannot close as a planned completion: ")
    assert "No post assessment yet" in problem.reason
    assert db.session.scalars(sa.select(Closure)).all() == [] and vip_case.status == "open"

    short = _import("closures", [{**row, "override_reason": "ok"}], world.manager)
    assert _messages(short) == [
        "closures.csv, row 2, column override_reason: Write at least 10 characters to explain the override"]

    allowed = _import("closures", [{**row, "override_reason": "Completed the work; moved to college"}], world.manager)
    assert allowed.ok, _messages(allowed)
    closure = db.session.scalars(sa.select(Closure)).one()
    assert (closure.check_passed, closure.override_reason) == (False, "Completed the work; moved to college")
    db.session.refresh(vip_case)
    assert (vip_case.status, vip_case.closed_on) == ("closed", date(2024, 6, 1))


def test_other_closure_reasons_need_no_check_but_a_closed_case_cannot_close_again(world, vip_case):
    row = {"provider_reference": "X1", "case_reference": "C1", "closed_on": "2024-06-01", "reason": "disengaged"}
    assert _import("closures", [row], world.manager).ok
    result = _import("closures", [{**row, "provider_reference": "X2"}], world.manager)
    assert _messages(result) == [
        "closures.csv, row 2, column case_reference: This case is already closed on 1 June 2024"]
    assert _messages(_import("sessions", [session_row("S1")], world.manager)) == [
        "sessions.csv, row 2, column case_reference: Sessions can only be logged on open cases. This case was "
        "closed on 1 June 2024."]


def test_sessions_need_consent_in_place(world, create_case):
    create_case(world.team, provider_reference="C9", status="awaiting_consent", started_on=None)
    result = _import("sessions", [session_row("S1", case="C9")], world.manager)
    assert _messages(result) == [
        "sessions.csv, row 2, column case_reference: Sessions can only be logged once consent is in place. This "
        "case is still awaiting consent."]


def test_assessments_are_checked_and_scored_like_typed_ones(world, vip_case):
    base = {"case_reference": "C1", "instrument": "VIP-PC", "timepoint": "pre", "completed_on": "2024-05-10"}
    rows = [
        {**base, "provider_reference": "A1", "responses": "VIP-PC-01=4;VIP-PC-02=9"},
        {**base, "provider_reference": "A2", "instrument": "SDQ", "sdq_emotional": "3"},
        {**base, "provider_reference": "A3", "instrument": "RCH-PC", "responses": answers(3)},
    ]
    result = _import("assessments", rows, world.manager)
    messages = _messages(result)
    assert messages[0] == "assessments.csv, row 2, column responses: Question 2 has the answer 9; answers go from " \
                          "1 (Not at all true) to 5 (Completely true)."
    assert "assessments.csv, row 3, column informant: Enter who completed the SDQ: self, parent or teacher." in messages
    assert "assessments.csv, row 3, column sdq_conduct: Enter this SDQ score (0 to 10)." in messages
    assert messages[-1] == "assessments.csv, row 4, column instrument: Select one of the assessments this " \
                           "programme uses: VIP-PC, SWEMWBS or SDQ"
    good = [{**base, "provider_reference": "A1", "responses": answers(2)},
            {**base, "provider_reference": "A2", "responses": answers(3)}]
    assert _messages(_import("assessments", good, world.manager)) == [
        "assessments.csv, row 3, column timepoint: Row 2 already gives this case's pre VIP progress check."]


def test_a_dry_run_checks_and_imports_nothing(world, vip_case, write_csv, run_import):
    path = write_csv("sessions.csv", [session_row("S1")])
    result = run_import("sessions", path, world.manager, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "can be imported: 1 row (1 new, 0 already imported and unchanged). Nothing was imported" in result.stdout
    assert _sessions() == []
    (event,) = audit_events("import.file")
    assert event.details["dry_run"] is True and event.details["added"] == 0


def test_the_command_needs_an_active_manager(world, write_csv, run_import):
    path = write_csv("sessions.csv", [session_row("S1")])
    result = run_import("sessions", path, world.worker)
    assert result.exit_code == 2
    assert "--user must be the email address of an active manager" in result.stderr


def test_a_clash_with_an_import_running_at_the_same_moment_imports_nothing(world, vip_case, monkeypatch):
    from casework.imports.checks import SessionsImporter

    assert _import("sessions", [session_row("S1")], world.manager).ok
    # As if another import had written S1 after this one looked for it.
    monkeypatch.setattr(SessionsImporter, "stored", lambda self, references: {})
    result = _import("sessions", [session_row("S2"), session_row("S1")], world.manager)
    assert _messages(result) == [
        "sessions.csv, row 1: Another import added some of these records while this file was being checked, so "
        "nothing from it was imported. Import the file again."]
    assert [s.provider_reference for s in _sessions()] == ["S1"]
