"""Turn stored records into the plain facts the programme rules read.

`case_facts(cases)` builds `programmes.facts.CaseFacts` for any number of cases in a fixed number
of queries (one per kind of record), so a caseload of 5 or 500 costs the same round trips.
The rules themselves (closure check, due actions, outcome evidence) live in `programmes/`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterable

import sqlalchemy as sa

import programmes
from casework.assessments.models import Assessment, AssessmentItem
from casework.cases.models import Case, OnwardReferral, Plan, SchoolAttendance, SchoolEvent
from casework.db import db
from casework.engagement.models import EngagementContact
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.sessions.models import Session, SessionComponent
from casework.timezone import london_today
from programmes import facts as pf
from programmes import programmes_with, rules
from programmes.model import DefinitionVersion

#: School terms in their order within an academic year.
_TERM_ORDER = {"autumn": 0, "spring": 1, "summer": 2}


def definition_for(case: Case, today: date | None = None) -> DefinitionVersion:
    """The programme definition version the case runs under (stored on the case), falling back
    to the version in force on its start (or `today`) if that version is no longer defined."""
    programme = programmes.get_programme(case.programme)
    for version in programme.versions:
        if version.version == case.definition_version:
            return version
    on = case.started_on or today or london_today()
    return programmes.definition_on(case.programme, on)


def case_facts(cases: Iterable[Case], *, with_responses: bool = False) -> dict[int, pf.CaseFacts]:
    """CaseFacts for each case that has started, keyed by case id.

    `with_responses` also loads assessment item responses (needed for outcome evidence on the
    case page, not for caseload prompts). Cases awaiting consent get facts dated from the day
    the referral was received, so first-contact prompts still work.
    """
    cases = list(cases)
    if not cases:
        return {}
    execute = _reader()
    ids = [case.id for case in cases]
    referrals = {
        row.id: row for row in execute(
            sa.select(Referral.id, Referral.received_at, Referral.received_on, Referral.first_contact_at,
                      Referral.details).where(Referral.id.in_([c.referral_id for c in cases]))
        )
    }

    # The name workers use, for reasons the rules write about the young person ("nobody saw Avery").
    names = {
        row.id: row.known_as or row.given_name for row in execute(
            sa.select(Person.id, Person.known_as, Person.given_name)
            .where(Person.id.in_({c.person_id for c in cases}))
        )
    }

    sessions: dict[int, list[pf.SessionFact]] = defaultdict(list)
    components: dict[int, set[str]] = defaultdict(set)
    for session_id, code in execute(
        sa.select(SessionComponent.session_id, SessionComponent.component_code)
        .join(Session, Session.id == SessionComponent.session_id).where(Session.case_id.in_(ids))
    ):
        components[session_id].add(code)
    # Cases can hold thousands of sessions, so this loop unpacks plain tuples.
    no_components: frozenset[str] = frozenset()
    session_fact = pf.SessionFact
    for session_id, case_id, held_on, attendance, concern in execute(
        sa.select(Session.id, Session.case_id, Session.held_on, Session.attendance, Session.behaviour_concern)
        .where(Session.case_id.in_(ids)).order_by(Session.held_on, Session.id)
    ):
        codes = components.get(session_id)
        sessions[case_id].append(session_fact(held_on, attendance == "attended",
                                              frozenset(codes) if codes else no_components, concern))

    plan_kinds: dict[int, set[str]] = defaultdict(set)
    for case_id, kind in execute(sa.select(Plan.case_id, Plan.kind).where(Plan.case_id.in_(ids))):
        plan_kinds[case_id].add(kind)

    responses: dict[int, dict[str, int]] = defaultdict(dict)
    if with_responses:
        for assessment_id, item_code, value in execute(
            sa.select(AssessmentItem.assessment_id, AssessmentItem.item_code, AssessmentItem.value)
            .join(Assessment, Assessment.id == AssessmentItem.assessment_id).where(Assessment.case_id.in_(ids))
        ):
            responses[assessment_id][item_code] = value
    assessments: dict[int, list[pf.AssessmentFact]] = defaultdict(list)
    for row in execute(
        sa.select(Assessment.id, Assessment.case_id, Assessment.instrument, Assessment.timepoint,
                  Assessment.completed_on, Assessment.informant, Assessment.subscores)
        .where(Assessment.case_id.in_(ids)).order_by(Assessment.completed_on, Assessment.id)
    ):
        given = responses.get(row.id, {})
        if row.instrument == "SDQ" and with_responses:
            given = {k: v for k, v in (row.subscores or {}).get("subscales", {}).items()}
        assessments[row.case_id].append(pf.AssessmentFact(
            instrument=row.instrument, timepoint=row.timepoint, completed_on=row.completed_on,
            responses=given, informant=row.informant,
        ))

    contacts: dict[int, list[pf.EngagementContactFact]] = defaultdict(list)
    for row in execute(
        sa.select(EngagementContact.case_id, EngagementContact.contacted_on, EngagementContact.method,
                  EngagementContact.result).where(EngagementContact.case_id.in_(ids))
        .order_by(EngagementContact.contacted_on)
    ):
        contacts[row.case_id].append(pf.EngagementContactFact(made_on=row.contacted_on, method=row.method,
                                                              result=row.result))

    onward: dict[int, list[pf.OnwardReferralFact]] = defaultdict(list)
    for row in execute(
        sa.select(OnwardReferral.case_id, OnwardReferral.referred_on, OnwardReferral.service_type,
                  OnwardReferral.status).where(OnwardReferral.case_id.in_(ids))
    ):
        accepted = {"accepted": True, "attended": True, "declined": False}.get(row.status)
        onward[row.case_id].append(pf.OnwardReferralFact(made_on=row.referred_on, service_type=row.service_type,
                                                         accepted=accepted))

    school_events: dict[int, list] = defaultdict(list)
    attendance: dict[int, list] = defaultdict(list)
    school_record = set(programmes_with("school_record"))
    school_ids = [c.id for c in cases if c.programme in school_record]
    if school_ids:
        for row in execute(
            sa.select(SchoolEvent.case_id, SchoolEvent.kind, SchoolEvent.occurred_on)
            .where(SchoolEvent.case_id.in_(school_ids))
        ):
            school_events[row.case_id].append(row)
        for row in execute(
            sa.select(SchoolAttendance.case_id, SchoolAttendance.academic_year, SchoolAttendance.term,
                      SchoolAttendance.attendance_percent).where(SchoolAttendance.case_id.in_(school_ids))
        ):
            attendance[row.case_id].append(row)

    result: dict[int, pf.CaseFacts] = {}
    for case in cases:
        referral = referrals[case.referral_id]
        started_on = case.started_on or referral.received_on
        details = referral.details or {}
        events = school_events.get(case.id, [])
        during = [e for e in events if e.occurred_on >= started_on]
        terms = sorted(attendance.get(case.id, []), key=lambda r: (r.academic_year, _TERM_ORDER.get(r.term, 9)))
        result[case.id] = pf.CaseFacts(
            started_on=started_on,
            referral_received_at=referral.received_at,
            first_contact_at=referral.first_contact_at,
            sessions=tuple(sessions.get(case.id, ())),
            plan_kinds=frozenset(plan_kinds.get(case.id, ())),
            assessments=tuple(assessments.get(case.id, ())),
            support_started_on=case.support_started_on,
            engagement_status=case.engagement_status,
            engagement_contacts=tuple(contacts.get(case.id, ())),
            onward_referrals=tuple(onward.get(case.id, ())),
            ete_status_at_start=details.get("ete_status"),
            attendance_at_referral_percent=_float(details.get("attendance_percent_at_referral")),
            attendance_latest_percent=float(terms[-1].attendance_percent) if terms else None,
            suspensions_in_six_months_before_referral=_int(details.get("suspensions_before_referral")),
            suspensions_during_programme=(
                sum(1 for e in during if e.kind == "suspension") if case.programme in school_record else None),
            permanently_excluded_during_programme=(
                any(e.kind == "permanent_exclusion" for e in during) if case.programme in school_record else None),
            closed_on=case.closed_on,
            person_name=names.get(case.person_id),
        )
    return result


def _reader():
    """Run column-only selects on the session's connection, skipping the ORM's row processing.

    These reads return plain rows, never mapped objects, yet through `Session.execute` each row
    still passes the ORM's result loading, which for a caseload whose cases hold thousands of
    sessions was over a third of the page's time. Pending changes are flushed first exactly as
    the session's own autoflush would (not inside `no_autoflush`, as on a read request)."""
    session = db.session
    if session.autoflush:
        session.flush()
    connection = session.connection()
    return lambda statement: connection.execute(statement).all()


def next_actions(case: Case, facts: pf.CaseFacts, today: date, now=None) -> tuple[rules.Action, ...]:
    """What is due on a case, most urgent first, including consent for a case not yet started."""
    definition = definition_for(case, today)
    actions = rules.due_actions(definition, facts, today, now=now)
    if case.status == "awaiting_consent":
        consent = rules.Action(
            "consent_needed", "Record consent to start the case", today, False, 4,
            "The case starts when the young person (and, under 18, a parent or carer) consents.",
        )
        # Only the first-contact prompt applies before the case starts.
        actions = (consent, *(a for a in actions if a.code == "first_contact_due"))
        actions = tuple(sorted(actions, key=lambda a: (-a.urgency, a.due_on)))
    return actions


def _float(value) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _int(value) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None
