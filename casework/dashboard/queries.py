"""Aggregate reads for the manager's dashboard and the commissioner's overview."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from casework.cases.models import Case
from casework.db import db
from casework.referrals.models import Referral
from casework.security import case_scope, referral_scope


def referrals_awaiting_triage(user, limit: int = 50) -> list[Referral]:
    """Pending referrals in the manager's programmes, oldest first."""
    return list(db.session.scalars(
        sa.select(Referral).where(referral_scope(user), Referral.status == "pending")
        .options(joinedload(Referral.person)).order_by(Referral.received_at).limit(limit)
    ))


def unallocated_cases(user) -> list[Case]:
    return list(db.session.scalars(
        sa.select(Case).where(case_scope(user), Case.status != "closed", Case.lead_worker_id.is_(None))
        .options(joinedload(Case.person)).order_by(Case.id)
    ))


def cases_by_programme_and_status(scope) -> dict[str, dict[str, int]]:
    """{programme: {status: count}} in one aggregate query."""
    rows = db.session.execute(
        sa.select(Case.programme, Case.status, sa.func.count()).where(scope).group_by(Case.programme, Case.status)
    ).all()
    result: dict[str, dict[str, int]] = {}
    for programme, status, count in rows:
        result.setdefault(programme, {})[status] = count
    return result


def programme_totals() -> dict[str, dict[str, int]]:
    """All programmes' case counts by status, for the commissioner: counts only, no records."""
    return cases_by_programme_and_status(sa.true())


def shared_programme_totals(settings) -> dict[str, dict[str, int | str]]:
    """:func:`programme_totals` as a commissioner may see them: under the disclosure control of
    shared returns (``settings`` are the returns' shared-mode settings), so a count of 1 to 4 is
    ``"c"`` here exactly as in a shared return. The table shows no totals, so no sum could give a
    suppressed cell away; should it show one, name it to :func:`reports.disclosure.disclose_counts`."""
    from reports.disclosure import disclose_counts

    exact = programme_totals()
    values = {
        (programme, "status", status): count
        for programme, counts in exact.items()
        for status, count in counts.items()
    }
    shown = disclose_counts(values, settings)
    result: dict[str, dict[str, int | str]] = {}
    for (programme, _, status), value in shown.items():
        result.setdefault(programme, {})[status] = value
    return result


def manager_cases_by_status(user) -> dict[str, dict[str, int]]:
    return cases_by_programme_and_status(case_scope(user))


def closure_requests(user) -> list[Case]:
    """Cases whose worker asked a manager to approve a blocked planned completion."""
    return list(db.session.scalars(
        sa.select(Case).where(case_scope(user), Case.status == "open", Case.closure_requested_at.is_not(None))
        .options(joinedload(Case.person), joinedload(Case.closure_requested_by)).order_by(Case.closure_requested_at)
    ))


def overdue_by_worker(user, today) -> list[dict]:
    """For each lead worker with open cases in the manager's programmes: open cases, cases with
    something overdue, and the overdue actions by kind. A fixed number of queries (case facts are
    loaded for all cases at once)."""
    from casework.cases.facts import case_facts, next_actions

    cases = list(db.session.scalars(
        sa.select(Case).where(case_scope(user), Case.status != "closed")
        .options(joinedload(Case.lead_worker)).order_by(Case.id)
    ))
    facts = case_facts(cases)
    workers: dict[str, dict] = {}
    for case in cases:
        name = case.lead_worker.name if case.lead_worker else "Not allocated"
        row = workers.setdefault(name, {"worker": name, "open": 0, "with_overdue": 0, "overdue": {}})
        row["open"] += 1
        overdue = [a for a in next_actions(case, facts[case.id], today) if a.overdue]
        if overdue:
            row["with_overdue"] += 1
        for action in overdue:
            label = action.code.replace("_", " ")
            row["overdue"][label] = row["overdue"].get(label, 0) + 1
    return sorted(workers.values(), key=lambda r: (-r["with_overdue"], r["worker"]))


def triage_status(referrals, now) -> list[dict]:
    """Each pending referral with its triage deadline (where the programme sets one)."""
    import programmes
    from programmes import rules

    result = []
    for referral in referrals:
        try:
            definition = programmes.definition_on(referral.programme, referral.received_on)
        except LookupError:
            definition = programmes.current_definition(referral.programme)
        deadline = rules.triage_deadline(definition, referral.received_at)
        result.append({"referral": referral, "deadline": deadline, "overdue": bool(deadline and now > deadline)})
    return result
