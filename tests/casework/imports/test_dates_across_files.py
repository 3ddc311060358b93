"""Rules that join one file's dates to records another file brought in: a closure is not dated
before the case's later records, an onward referral is not dated while its case was closed, and
two cases of one person on one programme never overlap in time, whatever their status says."""

from __future__ import annotations

from datetime import date, datetime, timezone

import sqlalchemy as sa

from casework.cases.models import Case, Closure
from casework.db import db
from casework.imports.operations import import_file
from casework.imports.schemas import header_for
from tests.casework.imports.conftest import csv_bytes, session_row


def _import(kind, rows, user):
    return import_file(kind, f"{kind}.csv", csv_bytes(header_for(kind), rows), user=user)


def _problems(result):
    return [(p.row, p.column, p.reason) for p in result.problems]


def _closure(**values):
    return {
        "provider_reference": "X1",
        "case_reference": "C1",
        "closed_on": "2024-06-01",
        "reason": "disengaged",
        **values,
    }


def _onward(**values):
    return {
        "provider_reference": "O1",
        "case_reference": "C1",
        "referred_on": "2024-06-20",
        "service_type": "housing",
        "agency": "Housing Options",
        **values,
    }


def test_a_closure_dated_before_an_onward_referral_already_imported_is_refused(world, vip_case):
    assert _import("onward_referrals", [_onward()], world.manager).ok
    result = _import("closures", [_closure()], world.manager)
    assert _problems(result) == [
        (
            2,
            "closed_on",
            "The case has an onward referral dated 20 June 2024, after this "
            "closure date: close it on or after that day, or correct that "
            "record first.",
        )
    ]
    assert db.session.scalars(sa.select(Closure)).all() == [] and vip_case.status == "open"
    # on the day of the last record it closes
    assert _import("closures", [_closure(closed_on="2024-06-20")], world.manager).ok


def test_a_closure_dated_before_a_later_session_is_refused_naming_the_latest_record(world, vip_case):
    sessions = [session_row("S1", held_on="2024-05-10"), session_row("S2", held_on="2024-06-12")]
    assert _import("sessions", sessions, world.manager).ok
    assert _import("onward_referrals", [_onward(referred_on="2024-06-05")], world.manager).ok
    assert _problems(_import("closures", [_closure()], world.manager)) == [
        (
            2,
            "closed_on",
            "The case has a session dated 12 June 2024, after this closure date: close it on or after "
            "that day, or correct that record first.",
        )
    ]
    assert _import("closures", [_closure(closed_on="2024-06-12")], world.manager).ok


def test_an_onward_referral_dated_while_the_case_was_closed_and_later_reopened_is_refused(world, vip_case):
    db.session.add(
        Closure(
            case_id=vip_case.id,
            reason="disengaged",
            closed_on=date(2024, 6, 1),
            check_passed=True,
            check_trace=[],
            definition_version="2024.1",
            closed_by_id=world.manager.id,
            reopened_at=datetime(2024, 7, 1, 9, 0, tzinfo=timezone.utc),
            reopened_by_id=world.manager.id,
            reopen_reason="Came back to the service",
        )
    )
    db.session.flush()
    result = _import(
        "onward_referrals",
        [
            _onward(),
            _onward(provider_reference="O2", referred_on="2024-07-02"),
            _onward(provider_reference="O3", referred_on="2024-05-20"),
        ],
        world.manager,
    )
    assert _problems(result) == [
        (
            2,
            "referred_on",
            "Date of the referral falls while the case was closed, from 1 June 2024 until it was "
            "reopened on 1 July 2024",
        )
    ]


def test_an_onward_referral_after_the_closure_already_imported_is_refused(world, vip_case):
    assert _import("closures", [_closure()], world.manager).ok
    assert _problems(_import("onward_referrals", [_onward()], world.manager)) == [
        (2, "referred_on", "Date of the referral must be on or before 1 June 2024, when the case closed")
    ]


def _second_referral(world, create_referral, person):
    return create_referral(
        world.team,
        person=person,
        status="accepted",
        provider_reference="R2",
        received_at=datetime(2024, 5, 15, 10, 0, tzinfo=timezone.utc),
    )


def test_a_case_overlapping_a_closed_case_of_the_same_person_is_refused_by_its_dates(
    world, vip_case, create_referral
):
    vip_case.status, vip_case.closed_on = "closed", date(2024, 6, 30)
    _second_referral(world, create_referral, vip_case.person)
    result = _import(
        "cases",
        [{"provider_reference": "C2", "referral_reference": "R2", "started_on": "2024-06-10"}],
        world.manager,
    )
    assert _problems(result) == [
        (
            2,
            "started_on",
            "The person's VIP case from 2 May 2024 was open until 30 June 2024: a new case cannot "
            "start before that case closed.",
        )
    ]
    # starting the day the first one closed does not overlap
    assert _import(
        "cases",
        [{"provider_reference": "C2", "referral_reference": "R2", "started_on": "2024-06-30"}],
        world.manager,
    ).ok
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 2


def test_a_case_beside_an_open_case_of_the_same_person_is_refused(world, vip_case, create_referral):
    _second_referral(world, create_referral, vip_case.person)
    for started in ("2024-06-10", ""):
        result = _import(
            "cases",
            [{"provider_reference": "C2", "referral_reference": "R2", "started_on": started}],
            world.manager,
        )
        assert _problems(result) == [(2, "referral_reference", "The person already has an open VIP case.")]


def test_two_cases_of_one_person_in_one_file_are_refused(world, create_person, create_referral):
    person = create_person()
    create_referral(world.team, person=person, status="accepted", provider_reference="R1")
    _second_referral(world, create_referral, person)
    rows = [
        {"provider_reference": "C1", "referral_reference": "R1", "started_on": "2024-05-02"},
        {"provider_reference": "C2", "referral_reference": "R2", "started_on": "2024-06-30"},
    ]
    assert _problems(_import("cases", rows, world.manager)) == [
        (3, "referral_reference", "The person already has an open VIP case (row 2).")
    ]
