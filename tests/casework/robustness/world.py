"""A small world for aiming every form at a record in scope: one team per programme, a worker who
leads an open case of each, a manager and an enforcement officer of those programmes, and one
record of every kind a URL can name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from casework.db import db
from tests.route_access import ARGUMENT_RECORDS


@dataclass
class World:
    teams: dict
    users: dict
    cases: dict
    #: Record kind (tests.route_access.ARGUMENT_RECORDS values) -> record.
    records: dict = field(default_factory=dict)

    def record_for(self, endpoint: str, argument: str):
        """The record a route's URL argument names: the case depends on what the route does."""
        if argument == "case_id":
            return self.cases[case_key_for(endpoint)]
        kind = ARGUMENT_RECORDS[argument]
        if kind == "snapshot" and kind not in self.records:
            self.records[kind] = _snapshot(self.users["manager"])
        return self.records[kind]


def case_key_for(endpoint: str) -> str:
    """Which of the world's cases suits a route."""
    if endpoint == "cases.reopen":
        return "closed"
    if endpoint == "referrals.consent":
        return "awaiting"
    if endpoint == "engagement.new_notification":
        return "PHOENIX without notification"
    if endpoint.startswith("school."):
        return "REACH"
    if endpoint.startswith("engagement.") or endpoint == "cases.support_start":
        return "PHOENIX"
    return "VIP"


def _snapshot(manager):
    """A submitted return (made when a route needs one: building a return takes a while)."""
    from casework.returns.operations import submit_return
    from reports.periods import parse_period

    snapshot = submit_return(manager, "VIP", parse_period("2024-25-Q1"), "internal")
    db.session.flush()
    return snapshot


def _assessment(case, instrument_code: str, on: date):
    from casework.assessments.models import Assessment, AssessmentItem
    from casework.assessments.operations import scored_fields
    from programmes import get_instrument

    instrument = get_instrument(instrument_code)
    answers = {code: 3 for code in instrument.item_codes}
    figures = scored_fields(instrument, answers, None)
    assessment = Assessment(case_id=case.id, instrument=instrument_code, timepoint="pre", completed_on=on,
                            score=figures["score"], subscores=figures["subscores"])
    assessment.items = [AssessmentItem(item_code=code, value=value) for code, value in answers.items()]
    db.session.add(assessment)
    db.session.flush()
    return assessment


def build_world(create_team, create_user, create_case, create_referral, create_person) -> World:
    """Build the world inside the current application context (and flush it)."""
    from casework import models as m

    teams = {code: create_team(f"Robustness {code}", programme=code) for code in ("VIP", "REACH", "PHOENIX")}
    all_teams = list(teams.values())
    users = {
        "youth_worker": create_user("youth_worker", teams=all_teams),
        "navigator": create_user("navigator", teams=[teams["PHOENIX"]]),
        "manager": create_user("manager", teams=all_teams),
        "enforcement_officer": create_user("enforcement_officer", teams=[teams["PHOENIX"]]),
        "commissioner": create_user("commissioner"),
        "administrator": create_user("administrator"),
    }
    worker = users["youth_worker"]
    cases = {code: create_case(team, lead_worker=worker) for code, team in teams.items()}
    cases["PHOENIX"].navigator_id = users["navigator"].id
    cases["awaiting"] = create_case(teams["VIP"], lead_worker=worker, status="awaiting_consent",
                                    started_on=None)
    cases["PHOENIX without notification"] = create_case(teams["PHOENIX"], lead_worker=worker)
    cases["closed"] = create_case(teams["VIP"], lead_worker=worker, status="closed",
                                  closed_on=date(2024, 9, 1))
    db.session.flush()

    vip, reach, phoenix = cases["VIP"], cases["REACH"], cases["PHOENIX"]
    session = m.Session(case_id=vip.id, held_on=date(2024, 6, 1), mode="face_to_face", location="home",
                        attendance="attended", duration_minutes=60,
                        components=[m.SessionComponent(component_code="VIP-C1")])
    plan = m.Plan(case_id=vip.id, kind="intervention", agreed_on=date(2024, 6, 1), summary="Plan summary")
    escalation = m.Escalation(case_id=phoenix.id, raised_on=date(2024, 7, 1), reason="refused_to_engage")
    db.session.add_all([session, plan, escalation])
    db.session.flush()
    records = {
        "case": vip,
        "referral": create_referral(teams["VIP"]),  # pending, for triage
        "person": db.session.get(m.Person, vip.person_id),
        "session": session,
        "assessment": _assessment(vip, "VIP-PC", date(2024, 6, 3)),
        "plan": plan,
        "goal": m.Goal(plan_id=plan.id, description="Stay in college"),
        "escalation": escalation,
        "consent": m.Consent(case_id=vip.id, given_by="young_person", method="written",
                             given_on=date(2024, 5, 2)),
        "contact": m.EngagementContact(case_id=phoenix.id, contacted_on=date(2024, 6, 2),
                                       contacted_at=datetime(2024, 6, 2, 10, tzinfo=timezone.utc),
                                       method="phone", result="no_answer"),
        "notification": m.Notification(case_id=phoenix.id, method="call_in", notified_on=date(2024, 5, 3)),
        "enforcement_event": m.EnforcementEvent(case_id=phoenix.id, escalation_id=escalation.id,
                                                kind="enforcement_visit", occurred_on=date(2024, 7, 5)),
        "onward_referral": m.OnwardReferral(case_id=vip.id, session_id=session.id, service_type="housing",
                                            agency="Housing team", referred_on=date(2024, 6, 1)),
        "school_event": m.SchoolEvent(case_id=reach.id, kind="suspension", occurred_on=date(2024, 3, 1),
                                      days=2),
        "closure": m.Closure(case_id=cases["closed"].id, reason="disengaged", closed_on=date(2024, 9, 1),
                             definition_version="2024.1"),
    }
    db.session.add_all(records.values())
    db.session.flush()
    missing = set(ARGUMENT_RECORDS.values()) - set(records) - {"snapshot"}
    assert not missing, f"the robustness world needs a record of each kind: {sorted(missing)}"
    return World(teams=teams, users=users, cases=cases, records=records)
