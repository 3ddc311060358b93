"""Writes on a case as a whole: closing (with the programme's closure check and a manager's
override), asking a manager to approve a blocked closure, and reopening."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from casework.audit import record_event
from casework.cases.facts import case_facts, definition_for
from casework.cases.models import Case, Closure
from casework.cases.outcomes import evaluate
from casework.db import db, utcnow
from casework.operations import OperationError, check_version
from programmes import rules

#: A written override or reopening reason must say something a reader can act on.
MIN_REASON_LENGTH = 10


def closure_check_for(case: Case, on: date):
    """The programme's planned-completion check for `case` as it stands on `on`."""
    facts = case_facts([case])[case.id]
    return rules.closure_check(definition_for(case, on), facts, on)


def close_case(case: Case, *, reason: str, closed_on: date, version, user, today: date,
               override_reason: str | None = None) -> Closure:
    """Close `case` with `reason` on `closed_on`.

    A planned completion needs the closure check to pass on the closing date; otherwise only a
    manager may close it, with a written override reason. The closure keeps the check's trace and
    the definition version whose rule was applied, so the decision can be explained later.
    """
    check_version(case, version)
    if case.status == "closed":
        raise OperationError("This case is already closed.")
    if closed_on > today:
        raise OperationError("The closure date cannot be in the future.")
    start = case.started_on or (case.referral.received_on if case.referral else None)
    if start and closed_on < start:
        raise OperationError(f"The closure date cannot be before the case started on {start:%-d %B %Y}.")
    definition = definition_for(case, closed_on)
    check = closure_check_for(case, closed_on)
    override = (override_reason or "").strip() or None
    if override and user.role != "manager":
        raise OperationError("Only a manager can override the closure check.")
    if override and len(override) < MIN_REASON_LENGTH:
        raise OperationError(f"Write at least {MIN_REASON_LENGTH} characters to explain the override.")
    if check.ok or reason != "planned_completion":
        override = None  # nothing to override
    decision = rules.closure_allowed(definition, check, reason, override)
    if not decision.allowed:
        raise OperationError(" ".join(decision.reasons))
    if case.status == "awaiting_consent" and reason == "planned_completion":
        raise OperationError("A case that never started cannot close as a planned completion.")
    closure = Closure(
        case_id=case.id, reason=reason, closed_on=closed_on, check_passed=check.ok,
        check_trace=check.trace(), definition_version=definition.version,
        override_reason=override if decision.overridden else None, closed_by_id=user.id,
    )
    db.session.add(closure)
    case.status, case.closed_on = "closed", closed_on
    case.closure_requested_at = case.closure_requested_by_id = None
    db.session.flush()
    evaluate([closure])
    record_event("case.close", case, reason=reason, check_passed=check.ok, overridden=decision.overridden,
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
    """A manager reopens a closed case; the closure row stays, marked as reopened, with why."""
    check_version(case, version)
    if case.status != "closed":
        raise OperationError("Only a closed case can be reopened.")
    if user.role != "manager":
        raise OperationError("Only a manager can reopen a case.")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise OperationError(f"Write at least {MIN_REASON_LENGTH} characters to explain why the case is reopened.")
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
