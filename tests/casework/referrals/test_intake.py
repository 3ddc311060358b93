"""Referral intake through HTTP: finding the person, recording a new one, each programme's
details, the eligibility check, and bad input of every kind."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from casework.db import db
from casework.people.models import Person
from casework.referrals.models import Referral
from tests.casework.referrals.conftest import aged, count, date_parts, hidden_fields, london_now, submit, text
from tests.conftest import audit_events


def _team_of(user):
    return user.memberships[0].team


def _new_person(**overrides) -> dict:
    values = {
        "given_name": "Jordan", "family_name": "Example", "known_as": "JJ",
        **date_parts("date_of_birth", aged(17)),
        "sex": "male", "ethnicity": "white_british", "police_ethnicity_code": "W1",
        "local_authority": "leicester", "postcode": "le1 5ws",
    }
    values.update(overrides)
    return values


def _vip(team, received, **overrides) -> dict:
    values = {"team": str(team.public_id), **received, "source": "police_custody", "setting": "custody",
              "offence_type": "Assault", "injury_type": "", "violence_related": "yes",
              "action": "save"}
    values.update(overrides)
    return values


def test_a_new_person_is_referred_to_vip_with_the_details_stored(signed_in, received_yesterday):
    received, moment = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    team = _team_of(worker)
    response = submit(client, "/referrals/new/person", {**_new_person(), **_vip(team, received)})
    assert response.status_code == 302, text(response)[:2000]
    referral = _latest_referral()
    person = db.session.get(Person, referral.person_id)
    assert response.headers["Location"].endswith(f"/referrals/{referral.public_id}")
    assert (person.given_name, person.family_name, person.known_as, person.postcode, person.police_ethnicity_code) == (
        "Jordan", "Example", "JJ", "LE1 5WS", "W1")
    assert (referral.programme, referral.team_id, referral.status) == ("VIP", team.id, "pending")
    assert (referral.source, referral.setting, referral.definition_version) == ("police_custody", "custody", "2024.1")
    assert referral.received_at == moment
    assert referral.received_on == moment.date()
    assert referral.details == {"violence_related": True, "offence_type": "Assault"}
    assert referral.eligibility["outcome"] == "eligible"
    assert {r["code"] for r in referral.eligibility["reasons"]} >= {"age", "area", "setting", "violence_related"}
    assert referral.created_by_id == worker.id
    assert [e.record_id for e in audit_events("person.create")] == [str(person.public_id)]
    [event] = audit_events("referral.create")
    assert event.record_id == str(referral.public_id) and event.details["eligibility"] == "eligible"
    page = client.get(response.headers["Location"])
    assert "Referral saved." in text(page) and "Jordan Example" in text(page)


def test_vip_first_contact_at_intake_is_stored_and_shown(signed_in, create_referral, received_yesterday):
    received, moment = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    team = _team_of(worker)
    person = create_referral(team, status="declined", decline_reason="other").person
    contact = moment + timedelta(hours=2, minutes=15)
    response = submit(client, f"/referrals/new/{person.public_id}", _vip(
        team, received, setting="a_and_e", source="hospital_a_and_e", offence_type="", injury_type="Stab wound",
        **date_parts("first_contact_on", contact.date()), first_contact_time=contact.strftime("%H:%M")))
    assert response.status_code == 302, text(response)[:2000]
    referral = _latest_referral()
    assert referral.details == {"violence_related": True, "injury_type": "Stab wound"}
    assert referral.first_contact_at == contact and referral.first_contact_on == contact.date()
    assert "2 hours 15 minutes after the referral" in text(client.get(response.headers["Location"]))


def test_an_injury_given_for_a_custody_referral_is_refused_not_dropped(signed_in, received_yesterday):
    received, _ = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Referral))
    response = submit(client, "/referrals/new/person",
                      {**_new_person(), **_vip(_team_of(worker), received, injury_type="Stab wound")})
    assert response.status_code == 400
    page = text(response)
    assert "The injury is only recorded for referrals from A&amp;E or another health setting." in page
    assert 'value="Stab wound"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == before


def _latest_referral() -> Referral:
    return db.session.scalars(sa.select(Referral).order_by(Referral.id.desc()).limit(1)).one()


def test_reach_referral_stores_school_facts(signed_in, create_team, create_person, create_referral,
                                            received_yesterday):
    received, _ = received_yesterday
    team = create_team(programme="REACH")
    client, manager = signed_in("manager", teams=[team])
    person = create_referral(team, status="declined", decline_reason="other",
                             person=create_person(date_of_birth=aged(14))).person
    response = submit(client, f"/referrals/new/{person.public_id}", {
        "team": str(team.public_id), **received, "source": "school", "school": " Demo Academy ",
        "suspensions_before_referral": "2", "attendance_percent_at_referral": "87.5%",
        "at_risk_of_exclusion": "yes", "vulnerabilities": ["send", "behaviour_concerns"], "action": "save"})
    assert response.status_code == 302, text(response)[:2000]
    referral = _latest_referral()
    assert (referral.programme, referral.setting, referral.source) == ("REACH", None, "school")
    assert referral.details == {"school": "Demo Academy", "suspensions_before_referral": 2,
                                "attendance_percent_at_referral": 87.5, "at_risk_of_exclusion": True,
                                "vulnerabilities": ["behaviour_concerns", "send"]}
    assert referral.eligibility["outcome"] == "eligible"


@pytest.mark.parametrize("member,tier,outcome", [
    ("yes", "network_member", "eligible"),
    ("no", "", "not_eligible"),
    ("not_known", "", "undecided"),
])
def test_phoenix_nomination_stores_the_cohort_facts_the_rule_reads(signed_in, create_team, create_referral,
                                                                  received_yesterday, member, tier, outcome):
    received, _ = received_yesterday
    team = create_team(programme="PHOENIX")
    client, _manager = signed_in("navigator", teams=[team])
    person = create_referral(team, status="declined", decline_reason="other").person
    response = submit(client, f"/referrals/new/{person.public_id}", {
        "team": str(team.public_id), **received, "source": "probation", "cohort_member": member,
        "cohort_tier": tier, "notification_method": "call_in", "action": "save"})
    assert response.status_code == 302, text(response)[:2000]
    referral = _latest_referral()
    assert referral.source == "probation"
    assert referral.details == {"nominating_agency": "probation", "cohort_member": {"yes": True, "no": False}.get(member),
                                "cohort_tier": tier or None, "notification_method": "call_in"}
    assert referral.eligibility["outcome"] == outcome


def test_check_eligibility_shows_each_reason_and_saves_nothing(signed_in, received_yesterday):
    received, moment = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    born = date(moment.year - 26, 1, 1)
    response = submit(client, "/referrals/new/person", {
        **_new_person(**date_parts("date_of_birth", born)), **_vip(_team_of(worker), received, action="check")})
    html = text(response)
    assert response.status_code == 200
    assert "Eligibility: Not eligible" in html
    assert f"Aged 26 on {moment.date():%-d %B %Y}; VIP accepts ages 11 to 25." in html
    assert "Lives in Leicester, in the VIP area." in html
    assert html.count("govuk-tag--red\">Not met") == 1
    assert count(Referral) == 0 and count(Person) == 0


def test_check_eligibility_marks_unknown_facts(signed_in, received_yesterday):
    received, _ = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    response = submit(client, "/referrals/new/person", {
        **_new_person(), **_vip(_team_of(worker), received, violence_related="not_known", given_name="",
                                action="check")})
    html = text(response)
    assert response.status_code == 200
    assert "Eligibility: Cannot decide yet" in html
    assert "Not yet recorded whether the arrest or the injury is violence-related." in html
    assert "Enter the given name" not in html  # only what stops the check itself is shown


def test_saving_also_shows_the_eligibility_panel_when_something_is_missing(signed_in, received_yesterday):
    received, _ = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    response = submit(client, "/referrals/new/person", {**_new_person(given_name=""), **_vip(_team_of(worker), received)})
    assert response.status_code == 400
    assert "Enter the given name" in text(response) and "Eligibility: Eligible" in text(response)
    assert count(Referral) == 0


def test_the_search_warns_about_a_likely_duplicate_in_scope(signed_in, create_person, create_referral):
    client, worker = signed_in("youth_worker", programme="VIP")
    known = create_person(given_name="Jordan", family_name="Smith", date_of_birth=date(2008, 5, 1))
    create_referral(_team_of(worker), person=known)
    same_name_other_day = create_person(given_name="Jordan", family_name="Smith", date_of_birth=date(2009, 1, 1))
    create_referral(_team_of(worker), person=same_name_other_day)
    response = client.get("/referrals/new", query_string={
        "given_name": "jo", "family_name": "SMITH", "date_of_birth": ["1", "5", "2008"]})
    html = text(response)
    assert response.status_code == 200
    assert "This may be someone already known" in html
    possible, _, others = html.partition("Other people with a similar name")
    assert f"/referrals/new/{known.public_id}" in possible
    assert f"/referrals/new/{same_name_other_day.public_id}" in others
    assert audit_events("person.search")[0].details["results"] == 2


def test_the_search_never_reveals_people_outside_scope(signed_in, create_team, create_person, create_referral):
    client, _worker = signed_in("youth_worker", programme="VIP")
    elsewhere = create_team(programme="VIP")
    hidden = create_person(given_name="Jordan", family_name="Hidden", date_of_birth=date(2008, 5, 1))
    create_referral(elsewhere, person=hidden)
    response = client.get("/referrals/new", query_string={
        "given_name": "Jordan", "family_name": "Hidden", "date_of_birth": ["1", "5", "2008"]})
    html = text(response)
    assert "No one found" in html
    assert str(hidden.public_id) not in html and "another team" not in html
    assert client.get(f"/referrals/new/{hidden.public_id}").status_code == 404


def test_search_form_errors_are_explained(signed_in):
    client, _ = signed_in("youth_worker", programme="VIP")
    response = client.get("/referrals/new", query_string={"given_name": "", "family_name": "x",
                                                          "date_of_birth": ["31", "2", "2008"]})
    assert response.status_code == 400
    assert "Enter the given name" in text(response) and "Date of birth must be a real date" in text(response)


def test_a_new_person_like_someone_known_needs_confirming(signed_in, create_person, create_referral,
                                                          received_yesterday):
    received, _ = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    team = _team_of(worker)
    known = create_person(given_name="Jordan", family_name="Example", date_of_birth=aged(17))
    create_referral(team, person=known, status="declined", decline_reason="other")
    data = {**_new_person(given_name="JORDAN"), **_vip(team, received)}
    page = client.get("/referrals/new/person", query_string={"given_name": "Jordan", "family_name": "Example",
                                                              "date_of_birth": aged(17).isoformat()})
    assert "may already be known to your team" in text(page)
    assert 'value="Jordan"' in text(page)
    refused = submit(client, "/referrals/new/person", data)
    assert refused.status_code == 400
    assert "Check the people listed" in text(refused)
    assert count(Person) == 1
    confirmed = submit(client, "/referrals/new/person", {**data, "confirm_new_person": "y"})
    assert confirmed.status_code == 302
    assert count(Person) == 2


def test_posting_the_same_form_twice_creates_one_referral(signed_in, received_yesterday):
    received, _ = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    page = client.get("/referrals/new/person")
    payload = {**hidden_fields(text(page)), **_new_person(), **_vip(_team_of(worker), received)}
    first = client.post("/referrals/new/person", data=payload)
    second = client.post("/referrals/new/person", data=payload)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(Referral) == 1 and count(Person) == 1
    assert "already saved" in text(client.get(second.headers["Location"]))


def test_fields_the_form_does_not_offer_change_nothing(signed_in, create_team, received_yesterday):
    received, _ = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    other_team = create_team(programme="VIP")
    response = submit(client, "/referrals/new/person", {
        **_new_person(), **_vip(_team_of(worker), received), "status": "accepted", "version": "7",
        "team_id": str(other_team.id), "programme": "PHOENIX", "definition_version": "2020.1",
        "decline_reason": "other", "created_by_id": "1", "eligibility": "eligible"})
    assert response.status_code == 302
    referral = _latest_referral()
    assert (referral.status, referral.team_id, referral.programme, referral.definition_version) == (
        "pending", _team_of(worker).id, "VIP", "2024.1")
    assert referral.decline_reason is None and referral.version == 1


@pytest.mark.parametrize("overrides,message", [
    ({"received_on": ["32", "1", "2025"]}, "Date received must be a real date"),
    ({"received_on": ["", "1", "2025"]}, "Date received must include a day"),
    ({"received_on": ["1", "1", "2020"]}, "No VIP definition is in force on 1 January 2020"),
    ({"received_time": "25:99"}, "Time received must be a real time"),
    ({"received_time": ""}, "Enter the time the referral was received"),
    ({"setting": "prison"}, "Select where the young person was referred from"),
    ({"source": "school"}, "Select who made the referral"),
    ({"team": "not-a-team"}, "Select one of your teams"),
    ({"sex": "robot"}, "Select the person&#39;s sex"),
    ({"ethnicity": ""}, "Select the ethnic group, or Not stated"),
    ({"postcode": "NOT A POSTCODE"}, "Enter a real postcode, like LE1 5WS"),
    ({"date_of_birth": ["1", "1", "2999"]}, "Date of birth must be in the past"),
    ({"given_name": "x" * 101}, "Given name must be 100 characters or fewer"),
    ({"first_contact_on": ["1", "1", "2024"], "first_contact_time": "10:00"},
     "The time of first contact must be after the referral was received"),
    ({"first_contact_on": ["1", "1", "2024"]}, "Enter the time of first contact"),
    ({"received_on": ["1", "1", "3000"]}, "must not be in the future"),
])
def test_bad_input_is_explained_and_saves_nothing(signed_in, received_yesterday, overrides, message):
    received, _ = received_yesterday
    client, worker = signed_in("youth_worker", programme="VIP")
    response = submit(client, "/referrals/new/person", {**_new_person(), **_vip(_team_of(worker), received), **overrides})
    assert response.status_code == 400
    assert message in text(response)
    assert count(Referral) == 0 and count(Person) == 0


def test_the_future_is_refused_for_the_time_received(signed_in):
    client, worker = signed_in("youth_worker", programme="VIP")
    later = london_now() + timedelta(hours=2)
    response = submit(client, "/referrals/new/person", {
        **_new_person(), **_vip(_team_of(worker), {**date_parts("received_on", later.date()),
                                                   "received_time": later.strftime("%H:%M")})})
    assert response.status_code == 400
    assert "The date and time received must not be in the future" in text(response)


def test_another_teams_id_for_the_team_is_refused(signed_in, create_team, received_yesterday):
    received, _ = received_yesterday
    client, _worker = signed_in("youth_worker", programme="VIP")
    other = create_team(programme="VIP")
    response = submit(client, "/referrals/new/person", {**_new_person(), **_vip(other, received)})
    assert response.status_code == 400
    assert count(Referral) == 0


def test_random_input_never_gives_a_server_error(signed_in):
    client, _ = signed_in("youth_worker", programme="VIP")
    junk = ["", " ", "0", "-1", "1e999", "NaN", "<script>alert(1)</script>", "'; DROP TABLE people; --",
            "\x00", "９", "2024-01-01", "x" * 5000]
    for value in junk:
        data = {name: value for name in (
            "given_name", "family_name", "known_as", "sex", "ethnicity", "police_ethnicity_code", "local_authority",
            "postcode", "team", "received_time", "source", "setting", "offence_type", "injury_type",
            "violence_related", "first_contact_time", "confirm_new_person", "action", "submission_id")}
        data.update({"date_of_birth": [value] * 4, "received_on": [value], "first_contact_on": [value] * 2})
        response = submit(client, "/referrals/new/person", data)
        assert response.status_code in (200, 400), value
        assert "<script>alert" not in text(response)
    assert count(Referral) == 0


def test_a_worker_with_no_team_is_told_why(signed_in):
    client, _ = signed_in("youth_worker", teams=[])
    assert "you are not a member of an active team" in text(client.get("/referrals/new/person")).lower()


def test_a_manager_of_two_programmes_chooses_the_programme_first(signed_in, create_team):
    client, _ = signed_in("manager", teams=[create_team(programme="VIP"), create_team(programme="REACH")])
    page = client.get("/referrals/new/person", query_string={"given_name": "Ann"})
    assert "Which programme is the referral for?" in text(page)
    assert 'name="given_name" value="Ann"' in text(page)
    reach = client.get("/referrals/new/person", query_string={"given_name": "Ann", "programme": "REACH"})
    assert "Reach: school and exclusion" in text(reach)


def test_odd_search_text_never_gives_a_server_error(signed_in):
    client, _ = signed_in("navigator", programme="PHOENIX")
    for value in ("\x00", "%", "_", "\\", "' OR 1=1 --", "<b>x</b>", "x" * 500):
        response = client.get("/referrals/new", query_string={"given_name": value, "family_name": "Smith" + value,
                                                              "date_of_birth": ["1", "1", "2001"]})
        assert response.status_code in (200, 400), value
        assert "<b>x</b>" not in text(response)
