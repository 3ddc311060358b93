"""Reach and Phoenix referrals and cases: their own columns, their own rules, and a second
import of the same rows changes nothing."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from casework.cases.models import Allocation, Case
from casework.db import db
from casework.imports.operations import import_file
from casework.imports.schemas import header_for
from casework.referrals.models import Referral
from tests.casework.imports.conftest import csv_bytes


def _import(kind, rows, user):
    return import_file(kind, f"{kind}.csv", csv_bytes(header_for(kind), rows), user=user)


def _twice(kind, rows, user):
    first = _import(kind, rows, user)
    assert first.ok, [str(p) for p in first.problems]
    second = _import(kind, rows, user)
    assert second.ok and (second.added, second.unchanged) == (0, len(rows)), [str(p) for p in second.problems]


def test_reach_referrals_keep_their_school_details(create_team, create_user, create_person):
    team = create_team(name="Reach City", programme="REACH")
    manager = create_user("manager", teams=[team])
    create_person(provider_reference="P1", date_of_birth=date(2011, 3, 1))
    row = {"provider_reference": "R1", "person_reference": "P1", "team": "Reach City", "received_on": "2024-05-01",
           "source": "school", "school": "City Academy", "suspensions_before_referral": "2",
           "attendance_percent_at_referral": "87.5%", "at_risk_of_exclusion": "yes",
           "vulnerabilities": "send;young_carer;send"}
    _twice("referrals", [row], manager)
    referral = db.session.scalars(sa.select(Referral)).one()
    assert referral.details == {"school": "City Academy", "suspensions_before_referral": 2,
                                "attendance_percent_at_referral": 87.5, "at_risk_of_exclusion": True,
                                "vulnerabilities": ["send", "young_carer"]}
    assert (referral.setting, referral.eligibility["outcome"]) == (None, "eligible")

    wrong = {**row, "provider_reference": "R2", "school": "", "setting": "custody", "violence_related": "yes"}
    assert [(p.column, p.reason) for p in _import("referrals", [wrong], manager).problems] == [
        ("setting", "Reach referrals have no setting: leave it blank"),
        ("violence_related", "Only for VIP referrals: leave it blank for a Reach referral."),
        ("school", "Enter the name of the school"),
    ]


def test_phoenix_cases_get_a_navigator_and_support_start(create_team, create_user, create_person):
    team = create_team(name="Phoenix Police", programme="PHOENIX")
    manager = create_user("manager", teams=[team])
    navigator = create_user("navigator", teams=[team], email="phx.navigator@example.org")
    create_person(provider_reference="P1", date_of_birth=date(2004, 3, 1))
    referral = {"provider_reference": "R1", "person_reference": "P1", "team": "Phoenix Police",
                "received_on": "2024-05-01", "source": "police", "cohort_member": "yes",
                "cohort_tier": "network_member", "status": "accepted", "decided_on": "2024-05-03"}
    _twice("referrals", [referral], manager)
    stored = db.session.scalars(sa.select(Referral)).one()
    assert stored.details["nominating_agency"] == "police" and stored.eligibility["outcome"] == "eligible"

    case = {"provider_reference": "C1", "referral_reference": "R1", "started_on": "2024-05-06",
            "lead_worker": "PHX.Navigator@example.org", "navigator": "phx.navigator@example.org"}
    _twice("cases", [case], manager)
    stored = db.session.scalars(sa.select(Case)).one()
    assert (stored.programme, stored.status, stored.started_on, stored.support_started_on) == (
        "PHOENIX", "open", date(2024, 5, 6), date(2024, 5, 6))
    assert (stored.navigator_id, stored.engagement_status) == (navigator.id, "not_yet_contacted")
    assert sorted(a.role for a in db.session.scalars(sa.select(Allocation))) == ["lead_worker", "navigator"]

    again = {**case, "provider_reference": "C2"}
    assert [(p.column, p.reason) for p in _import("cases", [again], manager).problems] == [
        ("referral_reference", "The referral already has a case.")]


def test_a_case_needs_an_accepted_referral_and_a_worker_of_its_team(world, create_person, create_referral,
                                                                     create_user):
    pending = create_referral(world.team, provider_reference="R1")
    create_referral(world.team, provider_reference="R2", status="accepted")
    outsider = create_user("youth_worker", email="elsewhere@example.org")
    rows = [
        {"provider_reference": "C1", "referral_reference": "R1"},
        {"provider_reference": "C2", "referral_reference": "R2", "lead_worker": "elsewhere@example.org",
         "navigator": world.worker.email},
    ]
    assert [(p.row, p.column, p.reason) for p in _import("cases", rows, world.manager).problems] == [
        (2, "referral_reference", "The referral is pending; only an accepted referral has a case."),
        (3, "lead_worker", "Select a youth worker or navigator of the case's team"),
        (3, "navigator", "Only Phoenix cases have this: leave it blank for a VIP case"),
    ]
    assert pending.status == "pending" and outsider.role == "youth_worker"
    assert db.session.scalars(sa.select(Case)).all() == []
