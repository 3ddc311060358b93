"""Writes on a case as a whole: recording when intensive support began, closing (with the
programme's closure check and a manager's override), asking a manager to approve a blocked
closure, and reopening."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

import programmes
from casework.audit import record_event
from casework.cases.facts import case_facts, definition_for
from casework.cases.models import Case, Closure
from casework.cases.outcomes import evaluate
from casework.db import db, utcnow
from casework.operations import OperationError, check_version, refuse_problems
from programmes import rules
from programmes.checks.case import (
    SupportStartContext,
    SupportStartValues,
    check_support_start,
    support_start_programmes,
)
from programmes.checks.closure import (
    ClosureContext,
    ClosureValues,
    ReopeningContext,
    ReopeningValues,
    check_closure,
    check_reopening,
    override_to_store,
)


def change_support_start(case: Case, *, support_started_on: date, version, user, today: date) -> bool:
    """Record on `case` the date intensive support began (the programme's support period, such
    as Phoenix's 26 weeks, counts from it). Returns whether the date changed (the same date
    writes nothing).

    Refused with every problem of ``programmes.checks.case.check_support_start``
    (`RecordRefused`); a stale `version` raises `StaleRecord`. The audit event keeps the old
    and the new date.
    """
    check_version(case, version)
    definition = definition_for(case, today)
    refuse_problems(check_support_start(
        SupportStartValues(support_started_on=support_started_on),
        SupportStartContext(
            today=today, case_status=case.status, started_on=case.started_on,
            support_start=programmes.get_programme(case.programme).capabilities.support_start,
            programme_name=definition.programme_short_name, support_start_programmes=support_start_programmes(),
        ),
    ))
    previous = case.support_started_on
    if previous == support_started_on:
        return False
    case.support_started_on = support_started_on
    db.session.flush()
    record_event("case.support_start", case, user=user,
                 previous_support_started_on=previous.isoformat() if previous else None,
                 support_started_on=support_started_on.isoformat())
    return True


def closure_check_for(case: Case, on: date):
    """The programme's planned-completion check for `case` as it stands on `on`."""
    facts = case_facts([case])[case.id]
    return rules.closure_check(definition_for(case, on), facts, on)


def close_case(case: Case, *, reason: str, closed_on: date, version, user, today: date,
               override_reason: str | None = None) -> Closure:
    """Close `case` with `reason` on `closed_on`.

    The closure check (``programmes.checks.closure``) decides: a planned completion needs the
    programme's closure check to pass on the closing date; otherwise only a manager may close
    it, with a written override reason. Refused with every problem (`RecordRefused`). The
    closure keeps the check's trace and the definition version whose rule was applied, so the
    decision can be explained later.
    """
    check_version(case, version)
    definition = definition_for(case, closed_on)
    check = closure_check_for(case, closed_on)
    values = ClosureValues(reason=reason, closed_on=closed_on, override_reason=override_reason)
    context = ClosureContext(
        definition=definition, closure_check=check, today=today, case_status=case.status,
        started_on=case.started_on or (case.referral.received_on if case.referral else None),
        closed_on=case.closed_on, is_manager=user.role == "manager",
    )
    refuse_problems(check_closure(values, context))
    override = override_to_store(values, context)
    closure = Closure(
        case_id=case.id, reason=reason, closed_on=closed_on, check_passed=check.ok,
        check_trace=check.trace(), definition_version=definition.version,
        override_reason=override, closed_by_id=user.id,
    )
    db.session.add(closure)
    case.status, case.closed_on = "closed", closed_on
    case.closure_requested_at = case.closure_requested_by_id = None
    db.session.flush()
    evaluate([closure])
    record_event("case.close", case, reason=reason, check_passed=check.ok, overridden=override is not None,
                 definition_version=definition.version)
    return closure


def request_closure(case: Case, *, version, user) -> None:
    """A worker asks a manager to approve a planned completion the closure check blocks."""
    check_version(case, version)
    if case.status != "open":
        raise OperationError("Only an open case can be put forward for closure.")
    if case.closure_requested_at is not None:
        raise OperationError("A manager has already been asked to approve this closure.")
    case.closure_requested_at = utcnow()
    case.closure_requested_by_id = user.id
    db.session.flush()
    record_event("case.closure_request", case)


def reopen_case(case: Case, *, reason: str, version, user) -> None:
    """A manager reopens a closed case; the closure row stays, marked as reopened, with why.

    Refused with every problem of ``programmes.checks.closure.check_reopening``."""
    check_version(case, version)
    refuse_problems(check_reopening(ReopeningValues(reason=reason or ""),
                                    ReopeningContext(case_status=case.status, is_manager=user.role == "manager")))
    reason = reason.strip()
    closure = db.session.scalars(
        sa.select(Closure).where(Closure.case_id == case.id, Closure.reopened_at.is_(None))
        .order_by(Closure.id.desc())
    ).first()
    if closure is not None:
        closure.reopened_at, closure.reopened_by_id, closure.reopen_reason = utcnow(), user.id, reason
    case.status = "open" if case.started_on else "awaiting_consent"
    case.closed_on = None
    db.session.flush()
    record_event("case.reopen", case)
