"""Writing audit events. Every operation that changes data calls `record_event` before it
returns, so the event is flushed in the same transaction as the change and both commit or
neither does. Refusals (`record_refusal`) are the exception: they are kept when the request
that logged them fails."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_login import current_user

from casework.audit.models import AuditEvent
from casework.db import db

#: Keys that may never be written into an audit row: the log says what changed, not what a
#: worker wrote about a young person.
_FORBIDDEN_DETAIL_KEYS = {"notes", "note", "behaviour_note", "summary", "description", "password", "text"}


def record_event(
    action: str,
    record: Any = None,
    *,
    outcome: str = "success",
    user: Any = None,
    record_type: str | None = None,
    record_id: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event for `action` on `record` (any model with a public_id) to the session.

    `user` defaults to the signed-in user; details must be plain facts (field names, counts,
    codes), never free text a worker typed: such keys are refused.
    """
    forbidden = _FORBIDDEN_DETAIL_KEYS.intersection(details)
    if forbidden:
        raise ValueError(f"audit details may not hold note text: {sorted(forbidden)}")
    if user is None and has_request_context() and current_user and current_user.is_authenticated:
        user = current_user
    if record is not None:
        record_type = record_type or record.__tablename__
        record_id = record_id or str(record.public_id)
    event = AuditEvent(
        user_id=getattr(user, "id", None),
        role=getattr(user, "role", None),
        action=action,
        record_type=record_type,
        record_id=record_id,
        outcome=outcome,
        details=details,
    )
    db.session.add(event)
    db.session.info.setdefault("audit_events", []).append(event)
    return event


def record_refusal(action: str, record: Any = None, **kwargs: Any) -> AuditEvent:
    """Add an audit event for a refused request or import that stays on record even if the
    request then fails.

    A refusal usually ends its request with an exception (a loader's 404, a role's 403), and the
    request's unit of work then rolls back everything; it writes these events again on their own
    (see `casework.security.commit_refusals`). Nothing else the request did is kept with them.
    """
    event = record_event(action, record, **kwargs)
    db.session.info.setdefault("refusals", []).append(event)
    return event
