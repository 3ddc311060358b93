"""Writes for referrals and the start of a case: intake, triage decisions, first contact,
consent and allocation. Each function changes models, flushes and records an audit event;
none commits (the request's unit of work does)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

import programmes
from casework.audit import record_event
from casework.auth.models import Team, User
from casework.cases.models import Allocation, Case, Consent
from casework.db import db, utcnow
from casework.operations import OperationError, RecordRefused, check_version, refuse_problems
from casework.people.models import Person
from casework.people.operations import PersonDetails, create_person
from casework.referrals import queries
from casework.referrals.models import Referral
from casework.submissions import record_submission
from casework.timezone import london_date, london_today
from programmes.checks.case import AllocationContext, AllocationValues, check_allocation, navigator_programmes
from programmes.checks.consent import (
    ConsentContext,
    ConsentValues,
    WithdrawalContext,
    WithdrawalValues,
    check_consent,
    check_withdrawal,
)
from programmes.checks.referral import ReferralValues as ReferralCheckValues
from programmes.checks.referral import TriageContext, TriageValues, check_referral, check_triage
from programmes.problems import Problem
from programmes.rules import NoDefinitionInForce


def _capabilities(code: str):
    """What the programme's definition declares it has (engagement, support start...)."""
    return programmes.get_programme(code).capabilities


def definition_of_case(case: Case):
    """The definition version the case was made under (its case roles, such as a navigator)."""
    return queries.definition_of(case.programme, case.definition_version, case.started_on or london_today())


@dataclass(frozen=True)
class ReferralValues:
    """What the referral form gives, already parsed: aware datetimes, codes, programme details."""

    programme: str
    team: Team
    received_at: datetime
    source: str
    setting: str | None = None
    details: dict = field(default_factory=dict)
    first_contact_at: datetime | None = None


def _check_referral(values: ReferralValues, user):
    """Refuse a referral the user may not take or whose facts break the programme's rules
    (programmes.checks.referral, which the importer runs too); returns the definition in force."""
    if values.programme not in queries.intake_programmes(user):
        raise OperationError("You can only take referrals for your own team's programme.")
    if values.team.id not in {team.id for team in queries.intake_teams(user, values.programme)}:
        raise OperationError("Select one of your teams for this programme.")
    if values.received_at.tzinfo is None:
        raise OperationError("The date and time received must not be in the future.")
    try:
        definition = programmes.definition_on(values.programme, london_date(values.received_at))
    except NoDefinitionInForce as error:
        raise RecordRefused([Problem("received_at", str(error))]) from None
    refuse_problems(check_referral(definition, ReferralCheckValues(
        received_at=values.received_at, source=values.source, setting=values.setting,
        first_contact_at=values.first_contact_at, intake=values.details,
    ), utcnow()))
    return definition


def create_referral(person: Person, values: ReferralValues, *, user, submission_id) -> Referral:
    """Record a referral of `person` to a programme, with the definition version in force on
    the received date and the eligibility decision (and its reasons) as it stood.

    The person must already be in the user's scope (the route loads them through it). Posting
    the same form twice creates one referral (see casework.submissions).
    """
    definition = _check_referral(values, user)
    received_on = london_date(values.received_at)
    decision = queries.check_eligibility(
        definition, date_of_birth=person.date_of_birth, local_authority=person.local_authority,
        received_on=received_on, source=values.source, setting=values.setting, details=values.details,
        person_id=person.id,
    )
    referral = Referral(
        person_id=person.id, programme=values.programme, team_id=values.team.id,
        definition_version=definition.version, received_at=values.received_at, received_on=received_on,
        source=values.source, setting=values.setting, details=dict(values.details), status="pending",
        eligibility=decision.trace(), created_by_id=user.id,
        first_contact_at=values.first_contact_at,
        first_contact_on=london_date(values.first_contact_at) if values.first_contact_at else None,
    )
    db.session.add(referral)
    db.session.flush()
    record_submission(submission_id, referral, user)
    record_event("referral.create", referral, user=user, programme=values.programme, source=values.source,
                 setting=values.setting, eligibility=decision.outcome, definition_version=definition.version,
                 first_contact=values.first_contact_at is not None)
    return referral


def refer_new_person(person: PersonDetails, values: ReferralValues, *, user, submission_id) -> Referral:
    """Record a person new to the service and their referral, together: a person is never saved
    without the referral that puts them in someone's scope."""
    _check_referral(values, user)
    return create_referral(create_person(person, user=user), values, user=user, submission_id=submission_id)


# --- triage -----------------------------------------------------------------------------------

def decide_referral(referral: Referral, *, decision: str, version, user, decline_reason: str | None = None,
                    note: str | None = None, override_reason: str | None = None) -> Case | None:
    """A manager's triage decision on a pending referral.

    - `accept` opens a case awaiting consent (same programme, team, definition version and
      person). An ineligible referral needs a written `override_reason`; a person who already
      has an open case on the programme is refused.
    - `decline` needs a DECLINE_REASONS code.
    - `hold` keeps the referral pending and changes nothing.

    The eligibility decision as shown to the manager is stored with the referral; the note and
    the override reason go into the referral's details, never into the audit log.
    """
    if user.role != "manager":
        raise OperationError("Only a manager can decide on a referral.")
    check_version(referral, version)
    if referral.status != "pending":
        raise OperationError("This referral has already been decided.")
    if decision == "hold":
        return None
    eligibility = queries.referral_eligibility(referral)
    override = (override_reason or "").strip()
    refuse_problems(check_triage(
        TriageValues(decision, decline_reason, override),
        TriageContext(eligibility_name(referral), referral.person.full_name, eligibility.outcome != "not_eligible",
                      eligibility.unmet[0].text if eligibility.unmet else "",
                      queries.has_open_case(referral.person_id, referral.programme), referral.received_on,
                      london_today()),
    ))
    details = dict(referral.details or {})
    note = (note or "").strip()
    if note:
        details["decision_note"] = note
    case = None
    if decision == "accept":
        if eligibility.outcome == "not_eligible":
            details["accept_override_reason"] = override
        case = Case(
            person_id=referral.person_id, referral_id=referral.id, programme=referral.programme,
            definition_version=referral.definition_version, team_id=referral.team_id, status="awaiting_consent",
            engagement_status="not_yet_contacted" if _capabilities(referral.programme).engagement else None,
        )
        db.session.add(case)
        referral.status = "accepted"
        referral.decline_reason = None
    else:
        referral.status = "declined"
        referral.decline_reason = decline_reason
    referral.details = details
    referral.eligibility = eligibility.trace()
    referral.decided_at = utcnow()
    referral.decided_by_id = user.id
    db.session.flush()
    if case is not None:
        record_event("referral.accept", referral, user=user, eligibility=eligibility.outcome,
                     override=eligibility.outcome == "not_eligible", case_id=str(case.public_id),
                     noted=bool(note))
        record_event("case.create", case, user=user, programme=case.programme, referral_id=str(referral.public_id))
    else:
        record_event("referral.decline", referral, user=user, reason=decline_reason,
                     eligibility=eligibility.outcome, noted=bool(note))
    return case


def eligibility_name(referral: Referral) -> str:
    """The programme's short name, as the rules write it (VIP, Reach, Phoenix)."""
    return queries.definition_of(referral.programme, referral.definition_version, referral.received_on) \
        .programme_short_name


def record_first_contact(referral: Referral, *, contact_at: datetime, version, user) -> None:
    """Record (or correct) when the young person was first contacted about the referral."""
    check_version(referral, version)
    if contact_at.tzinfo is None or contact_at > utcnow():
        raise OperationError("The time of first contact must not be in the future.")
    if contact_at < referral.received_at:
        raise OperationError("The time of first contact must be after the referral was received.")
    changed = referral.first_contact_at is not None
    referral.first_contact_at = contact_at
    referral.first_contact_on = london_date(contact_at)
    db.session.flush()
    record_event("referral.first_contact", referral, user=user, corrected=changed)


# --- consent ----------------------------------------------------------------------------------

def record_consent(case: Case, *, given_by: str, method: str, given_on: date, user, submission_id) -> Consent:
    """Record consent from the young person or a parent or carer.

    When the consent the case needs is in place (the young person's, and a parent's or carer's
    while they are under 18), a case awaiting consent opens: it starts on the later consent date
    (Phoenix support starts the same day). Refused with every problem of
    ``programmes.checks.consent.check_consent`` (`RecordRefused`).
    """
    today = london_today()
    refuse_problems(check_consent(
        ConsentValues(given_by=given_by, method=method, given_on=given_on),
        ConsentContext(today=today, case_status=case.status, received_on=case.referral.received_on),
    ))
    consent = Consent(case_id=case.id, given_by=given_by, method=method, given_on=given_on, recorded_by_id=user.id)
    db.session.add(consent)
    db.session.flush()
    record_submission(submission_id, consent, user)
    record_event("consent.create", consent, user=user, case_id=str(case.public_id), given_by=given_by,
                 method=method)
    state = queries.consent_state(case.person.date_of_birth, queries.consents_of(case), today)
    if case.status == "awaiting_consent" and state.complete:
        case.status = "open"
        case.started_on = state.starts_on
        if _capabilities(case.programme).support_start and case.support_started_on is None:
            case.support_started_on = state.starts_on
        db.session.flush()
        record_event("case.start", case, user=user, started_on=case.started_on.isoformat())
    return consent


def withdraw_consent(case: Case, consent: Consent, *, withdrawn_on: date, version, user) -> None:
    """Record that consent was withdrawn. The case stays as it is: closing it is the lead
    worker's separate decision. Refused with every problem of
    ``programmes.checks.consent.check_withdrawal`` (`RecordRefused`)."""
    check_version(consent, version)
    if consent.case_id != case.id:
        raise OperationError("That consent belongs to another case.")
    refuse_problems(check_withdrawal(
        WithdrawalValues(withdrawn_on=withdrawn_on),
        WithdrawalContext(today=london_today(), given_on=consent.given_on, already_withdrawn_on=consent.withdrawn_on),
    ))
    consent.withdrawn_on = withdrawn_on
    db.session.flush()
    record_event("consent.withdraw", consent, user=user, case_id=str(case.public_id), given_by=consent.given_by)


# --- allocation -------------------------------------------------------------------------------

_CASE_FIELDS = {"lead_worker": "lead_worker_id", "navigator": "navigator_id"}


def allocate(case: Case, *, lead_worker: User, navigator: User | None, version, user) -> list[str]:
    """Allocate the lead worker and (Phoenix) the community navigator of a case.

    A change ends the current allocation of that role and starts a new one, so the history
    shows who held each role and when. Returns the roles that changed (none: nothing written).
    Refused with every problem of ``programmes.checks.case.check_allocation`` (`RecordRefused`).
    """
    if user.role != "manager":
        raise OperationError("Only a manager can allocate a case.")
    check_version(case, version)
    definition = definition_of_case(case)
    workers = queries.team_workers(case.team_id)
    refuse_problems(check_allocation(
        AllocationValues(lead_worker=lead_worker.id, navigator=navigator.id if navigator is not None else None),
        AllocationContext(
            case_status=case.status, has_navigator=definition.has_navigator,
            lead_workers={worker.id for worker in workers},
            navigators={worker.id for worker in workers if worker.role == "navigator"},
            programme_name=definition.programme_short_name, navigator_programmes=navigator_programmes(),
        ),
    ))
    wanted = {"lead_worker": lead_worker}
    if definition.has_navigator:
        wanted["navigator"] = navigator
    now = utcnow()
    changed = []
    for role, person in wanted.items():
        current_id = getattr(case, _CASE_FIELDS[role])
        new_id = person.id if person is not None else None
        if current_id == new_id:
            continue
        for current in db.session.scalars(
            sa.select(Allocation)
            .where(Allocation.case_id == case.id, Allocation.role == role, Allocation.ended_at.is_(None))
        ):
            current.ended_at = now
        if person is not None:
            db.session.add(Allocation(case_id=case.id, role=role, user_id=person.id, started_at=now,
                                      allocated_by_id=user.id))
        setattr(case, _CASE_FIELDS[role], new_id)
        changed.append(role)
    if changed:
        db.session.flush()
        for role in changed:
            held_by = wanted[role]
            record_event("case.allocate", case, user=user, role=role,
                         allocated_to=str(held_by.public_id) if held_by is not None else None)
    return changed
