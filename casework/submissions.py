"""Submitting a form twice creates one record.

Every form that creates a record carries a hidden `submission_id` (a UUID made when the form
is rendered; see forms.common.CreateForm). The operation that creates the record calls
`record_submission(token, record)` in the same transaction; a second post of the same form
finds the token and is sent to the record the first one made. Two posts racing each other
meet the unique key: the loser's transaction is rolled back and the user told it was saved.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import Base, db, utcnow
from casework.operations import OperationError


class SubmittedForm(Base):
    __tablename__ = "submitted_forms"

    token: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: Table and public id of the record the submission created.
    record_type: Mapped[str] = mapped_column(sa.String(32))
    record_id: Mapped[str] = mapped_column(sa.String(36))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)


class DuplicateSubmission(OperationError):
    """The same form was posted twice at the same moment; the first post was saved."""


def _token(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def previous_submission(token) -> SubmittedForm | None:
    """The earlier submission of this form, if it was already saved."""
    parsed = _token(token)
    if parsed is None:
        return None
    return db.session.get(SubmittedForm, parsed)


def record_submission(token, record, user=None) -> None:
    """Remember that this form created `record`; refuses a concurrent duplicate."""
    parsed = _token(token)
    if parsed is None:
        raise OperationError("This form is missing its submission reference; open it again and resubmit.")
    try:
        with db.session.begin_nested():
            db.session.add(SubmittedForm(token=parsed, user_id=getattr(user, "id", None),
                                         record_type=record.__tablename__, record_id=str(record.public_id)))
    except IntegrityError:
        raise DuplicateSubmission("This form was sent twice; it has been saved once.") from None
