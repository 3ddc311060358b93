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


def manager_cases_by_status(user) -> dict[str, dict[str, int]]:
    return cases_by_programme_and_status(case_scope(user))
