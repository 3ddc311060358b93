"""Reads for the administrator's pages."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from casework.audit.models import AuditEvent
from casework.auth.models import Membership, User
from casework.db import db


def users_with_teams() -> list[User]:
    """Every user with their teams, in two queries whatever the number of users."""
    return list(db.session.scalars(
        sa.select(User).options(selectinload(User.memberships).selectinload(Membership.team)).order_by(User.name)
    ))


def recent_audit_events(limit: int = 200) -> list[tuple[AuditEvent, str | None]]:
    """The newest audit events with the acting user's email."""
    return list(db.session.execute(
        sa.select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.user_id)
        .order_by(AuditEvent.id.desc()).limit(limit)
    ).all())
