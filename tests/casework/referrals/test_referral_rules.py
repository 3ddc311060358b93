"""One person check, one referral check, one triage check and one case check: each bad value
reads the same beside the field on the page and against its column in the import report."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta

import pytest

from casework.cases.models import Case
from casework.db import db
from casework.imports.operations import import_file
from casework.imports.schemas import header_for
from casework.operations import RecordRefused
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.referrals.operations import allocate
from casework.timezone import LONDON, london_today
from tests.casework.imports.conftest import csv_bytes
from tests.casework.referrals.conftest import (
    aged,
    count,
    date_parts,
    hidden_fields,
    submit,
    text,
)

YESTERDAY = london_today() - timedelta(days=1)
TOMORROW = london_today() + timedelta(days=1)
TEAMS = {"VIP": "VIP Leicester", "REACH": "Reach City", "PHOENIX": "Phoenix Police"}

#: Each programme's referral as the form posts it and as a referrals file gives it.
FORM = {
    "VIP": {"source": "police_custody", "setting": "custody", "offence_type": "Assault", "injury_type": "",
            "violence_related": "yes"},
    "REACH": {"source": "school", "school": "City Academy", "suspensions_before_referral": "2",
              "attendance_percent_at_referral": "87.5", "at_risk_of_exclusion": "yes"},
    "PHOENIX": {"source": "probation", "cohort_member": "yes", "cohort_tier": "network_member",
                "notification_method": "call_in"},
}
FILE = {
    "VIP": {"source": "police_custody", "setting": "custody", "offence_type": "Assault", "violence_related": "yes"},
    "REACH": {"source": "school", "school": "City Academy", "suspensions_before_referral": "2",
              "attendance_percent_at_referral": "87.5", "at_risk_of_exclusion": "yes"},
    "PHOENIX": {"source": "probation", "cohort_member": "yes", "cohort_tier": "network_member",
                "notification_method": "call_in"},
}
AGES = {"VIP": 17, "REACH": 14, "PHOENIX": 20}

#: (name, programme, the file it is imported in, the form's values, the file's values,
#:  the form field, the file column, the message)
REFERRALS = [
    ("given name too long", "VIP", "people", {"given_name": "A" * 101}, {"given_name": "A" * 101},
     "given_name", "given_name", "Given name must be 100 characters or fewer"),
    ("date of birth in the future", "VIP", "people", date_parts("date_of_birth", TOMORROW),
     {"date_of_birth": TOMORROW.isoformat()}, "date_of_birth", "date_of_birth", "Date of birth must be in the past"),
    ("invalid postcode", "VIP", "people", {"postcode": "LE1 5W"}, {"postcode": "LE1 5W"},
     "postcode", "postcode", "Enter a real postcode, like LE1 5WS"),
    ("received in the future", "VIP", "referrals", date_parts("received_on", TOMORROW),
     {"received_on": TOMORROW.isoformat()}, "received_time", "received_on",
     "The date and time received must not be in the future"),
    ("injury for a custody referral", "VIP", "referrals", {"injury_type": "Stab wound"},
     {"injury_type": "Stab wound"}, "injury_type", "injury_type",
     "The injury is only recorded for referrals from A&E or another health setting."),
    ("school name too long", "REACH", "referrals", {"school": "S" * 121}, {"school": "S" * 121},
     "school", "school", "School must be 120 characters or fewer"),
    ("attendance over 100", "REACH", "referrals", {"attendance_percent_at_referral": "101"},
     {"attendance_percent_at_referral": "101"}, "attendance_percent_at_referral", "attendance_percent_at_referral",
     "Attendance must be between 0 and 100"),
    ("cohort tier for a non-member", "PHOENIX", "referrals", {"cohort_member": "no"}, {"cohort_member": "no"},
     "cohort_tier", "cohort_tier", "Leave the cohort tier blank: the person is not a cohort member."),
    ("first contact before the referral", "VIP", "referrals",
     {**date_parts("first_contact_on", YESTERDAY), "first_contact_time": "09:00"},
     {"first_contact_on": YESTERDAY.isoformat(), "first_contact_time": "09:00"}, "first_contact_time",
     "first_contact_on", "The time of first contact must be after the referral was received"),
]


#: Shape errors (a value that cannot be read at all): the import report quotes the cell back after
#: the same words, as it does for every cell it cannot read.
SHAPES = {"invalid postcode": "LE1 5W"}


def _beside(page: str, field: str) -> str:
    """The words of the error shown beside a form field, as a reader sees them."""
    marker = f'id="{field}-error"'
    assert marker in page, f"no error beside {field}"
    shown = page.split(marker, 1)[1].split(">", 1)[1].split("</p>", 1)[0]
    shown = re.sub(r"<span[^>]*>Error:</span>", "", shown)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", shown)).split())


def _reported(result) -> list[tuple[str, str]]:
    return [(p.column, p.reason) for p in result.problems]


def _import(kind: str, rows: list[dict], user):
    return import_file(kind, f"{kind}.csv", csv_bytes(header_for(kind), rows), user=user)


def _person_row(programme: str, **values) -> dict:
    return {"provider_reference": "P1", "given_name": "Jordan", "family_name": "Example",
            "date_of_birth": aged(AGES[programme]).isoformat(), "sex": "male", "ethnicity": "white_british",
            "local_authority": "leicester", "postcode": "LE1 5WS", **values}


@pytest.mark.parametrize("name,programme,kind,form,row,field,column,message", REFERRALS,
                         ids=[r[0] for r in REFERRALS])
def test_a_bad_person_or_referral_reads_the_same_on_the_form_and_in_the_import(
        signed_in, create_team, create_user, create_person,
        name, programme, kind, form, row, field, column, message):
    team = create_team(name=TEAMS[programme], programme=programme)
    client, _ = signed_in("youth_worker", teams=[team])
    people, referrals = count(Person), count(Referral)
    response = submit(client, "/referrals/new/person", {
        "given_name": "Jordan", "family_name": "Example", **date_parts("date_of_birth", aged(AGES[programme])),
        "sex": "male", "ethnicity": "white_british", "local_authority": "leicester", "postcode": "le1 5ws",
        "team": str(team.public_id), **date_parts("received_on", YESTERDAY), "received_time": "10:30",
        **FORM[programme], "action": "save", **form})
    assert response.status_code == 400
    assert _beside(text(response), field) == message
    assert (count(Person), count(Referral)) == (people, referrals)

    manager = create_user("manager", teams=[team])
    if kind == "people":
        result = _import("people", [_person_row(programme, **row)], manager)
    else:
        create_person(provider_reference="P1", date_of_birth=aged(AGES[programme]))
        result = _import("referrals", [{
            "provider_reference": "R1", "person_reference": "P1", "team": TEAMS[programme],
            "received_on": YESTERDAY.isoformat(), "received_time": "10:30", **FILE[programme], **row}], manager)
    quoted = f" (got “{SHAPES[name]}”)" if name in SHAPES else ""
    assert _reported(result) == [(column, message + quoted)]
    assert count(Referral) == referrals


# --- triage ---------------------------------------------------------------------------------

#: (name, the person's age, the decision on the page, the same decision in a file, the page's
#:  field, the file's column, the message)
TRIAGE = [
    ("decline without a reason", 16, {"decision": "decline", "decline_reason": ""},
     {"status": "declined", "decline_reason": ""}, "decline_reason", "decline_reason",
     "Select the reason for declining"),
    ("accept an ineligible referral without a reason", 26, {"decision": "accept", "override_reason": "too short"},
     {"status": "accepted", "accept_override_reason": "too short"}, "override_reason", "accept_override_reason",
     "To accept it anyway, write why (at least 10 characters)"),
]


@pytest.mark.parametrize("name,age,page,row,field,column,message", TRIAGE, ids=[t[0] for t in TRIAGE])
def test_a_bad_triage_decision_reads_the_same_on_the_page_and_in_the_import(
        signed_in, create_team, create_person, create_referral, name, age, page, row, field, column, message):
    team = create_team(name="VIP Leicester", programme="VIP")
    client, manager = signed_in("manager", teams=[team])
    person = create_person(provider_reference="P1", date_of_birth=aged(age))
    referral = create_referral(team, person=person, source="police_custody", setting="custody",
                               details={"violence_related": True, "offence_type": "Robbery"},
                               received_at=datetime.combine(YESTERDAY, time(10, 30), tzinfo=LONDON))
    form = client.get(f"/referrals/{referral.public_id}")
    response = client.post(f"/referrals/{referral.public_id}/decision", data={**hidden_fields(text(form)), **page})
    assert response.status_code == 400
    assert db.session.get(Referral, referral.id).status == "pending"

    result = _import("referrals", [{
        "provider_reference": "R9", "person_reference": "P1", "team": "VIP Leicester",
        "received_on": YESTERDAY.isoformat(), **FILE["VIP"], "decided_on": london_today().isoformat(), **row}],
        manager)
    # The whole message (with the rule's unmet reason, for an accept) is the page's.
    shown = _beside(text(response), field)
    assert message in shown and _reported(result) == [(column, shown)]


# --- cases and allocation -------------------------------------------------------------------

#: (name, programme, whose lead worker (and navigator) the page and the file name, the page's
#:  field, the file's column, the message)
ALLOCATIONS = [
    ("lead worker from another team", "VIP", {"lead_worker": "outsider"}, "lead_worker", "lead_worker",
     "Select a youth worker or navigator of the case's team"),
    ("lead worker who is a manager", "VIP", {"lead_worker": "manager"}, "lead_worker", "lead_worker",
     "Select a youth worker or navigator of the case's team"),
    ("navigator who is a youth worker", "PHOENIX", {"lead_worker": "worker", "navigator": "worker"}, "navigator",
     "navigator", "Select a navigator of the case's team"),
]


@pytest.mark.parametrize("name,programme,who,field,column,message", ALLOCATIONS, ids=[a[0] for a in ALLOCATIONS])
def test_a_bad_allocation_reads_the_same_on_the_page_and_in_the_cases_import(
        signed_in, create_team, create_user, create_person, create_referral, create_case,
        name, programme, who, field, column, message):
    team = create_team(name=TEAMS[programme], programme=programme)
    client, manager = signed_in("manager", teams=[team])
    users = {"manager": manager, "worker": create_user("youth_worker", teams=[team]),
             "outsider": create_user("youth_worker", teams=[create_team(programme=programme)])}
    case = create_case(team)
    response = submit(client, f"/cases/{case.public_id}/allocation",
                      {role: str(users[key].public_id) for role, key in who.items()})
    assert response.status_code == 400
    assert _beside(text(response), field) == message
    assert db.session.get(Case, case.id).lead_worker_id is None

    create_referral(team, person=create_person(), provider_reference="R1", status="accepted")
    result = _import("cases", [{"provider_reference": "C1", "referral_reference": "R1",
                                **{role: users[key].email for role, key in who.items()}}], manager)
    assert _reported(result) == [(column, message)]


#: (name, programme, the case's dates in the file, the column, the message)
CASE_DATES = [
    ("start before the referral", "VIP", {"started_on": "2024-04-30"}, "started_on",
     "The case cannot start before the referral was received on 1 May 2024"),
    ("start in the future", "VIP", {"started_on": TOMORROW.isoformat()}, "started_on",
     "The case start date must not be in the future"),
    ("support start for a programme without one", "VIP", {"started_on": "2024-05-02",
                                                          "support_started_on": "2024-05-03"},
     "support_started_on", "Only Phoenix cases have this: leave it blank for a VIP case"),
    ("support before the case", "PHOENIX", {"started_on": "2024-05-03", "support_started_on": "2024-05-02"},
     "support_started_on", "Support cannot start before the case started"),
    ("support without a start", "PHOENIX", {"support_started_on": "2024-05-02"}, "support_started_on",
     "Support cannot start before the case has started"),
    ("support in the future", "PHOENIX", {"started_on": "2024-05-03", "support_started_on": TOMORROW.isoformat()},
     "support_started_on", "The date support started must not be in the future"),
    ("navigator for a programme without one", "VIP", {"navigator": "worker"}, "navigator",
     "Only Phoenix cases have this: leave it blank for a VIP case"),
]


@pytest.mark.parametrize("name,programme,values,column,message", CASE_DATES, ids=[c[0] for c in CASE_DATES])
def test_a_bad_case_is_reported_against_its_column(create_team, create_user, create_person, create_referral,
                                                    name, programme, values, column, message):
    """A case's dates come only from the cases file (the service starts a case on the consent
    date, which the consent check already holds to the same bounds)."""
    team = create_team(name=TEAMS[programme], programme=programme)
    manager = create_user("manager", teams=[team])
    worker = create_user("youth_worker", teams=[team])
    create_referral(team, person=create_person(), provider_reference="R1", status="accepted",
                    received_on=date(2024, 5, 1))
    row = {"provider_reference": "C1", "referral_reference": "R1", **values}
    if row.get("navigator") == "worker":
        row["navigator"] = worker.email
    assert _reported(_import("cases", [row], manager)) == [(column, message)]
    assert count(Case) == 0


def test_the_allocation_operation_refuses_what_the_page_cannot_offer(create_team, create_user, create_case):
    """A closed case has no allocation form, and a VIP case no navigator field: the operation
    still refuses both with the check's words."""
    team = create_team(name="VIP Leicester", programme="VIP")
    manager = create_user("manager", teams=[team])
    worker = create_user("navigator", teams=[team])
    for case, navigator, expected in (
        (create_case(team, status="closed", closed_on=date(2024, 6, 1)), None,
         [("", "This case is closed; reopen it before allocating")]),
        (create_case(team), worker, [("navigator", "Only Phoenix cases have this: leave it blank for a VIP case")]),
    ):
        with pytest.raises(RecordRefused) as refused, db.session.begin_nested():
            allocate(case, lead_worker=worker, navigator=navigator, version=case.version, user=manager)
        assert [(p.field, p.message) for p in refused.value.problems] == expected
