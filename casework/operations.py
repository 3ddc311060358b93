"""What every area's operations share: optimistic-lock checks, the errors operations raise, and
the savepoint a route runs them in when it answers a refusal itself."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from casework.db import db


class OperationError(ValueError):
    """An operation refused to change anything; the message is shown to the user as it is."""


class RecordRefused(OperationError):
    """The record's check (``programmes.checks``) found problems; nothing was saved.

    Carries every :class:`programmes.problems.Problem`, so a route can put each message beside
    its field (``forms.common.show_problems``); the message is the first problem's.
    """

    def __init__(self, problems) -> None:
        self.problems = tuple(problems)
        super().__init__(self.problems[0].message if self.problems else "The record could not be saved.")


def refuse_problems(problems) -> None:
    """Raise :class:`RecordRefused` when a record check returned any problem."""
    if problems:
        raise RecordRefused(problems)


class StaleRecord(OperationError):
    """The record changed since the user opened it; nothing was saved."""


def check_version(record, submitted_version: int | str | None) -> None:
    """Refuse to save over a newer version of `record` than the one the form was rendered with.

    The message names who changed it when the record says so, so the user knows to re-read
    before saving again. SQLAlchemy's version counter catches the narrower race between this
    check and the UPDATE (see casework.db.VersionedMixin).
    """
    try:
        submitted = int(submitted_version)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise StaleRecord("This form is missing its version; open the record again and re-enter your changes.") from None
    if submitted != record.version:
        raise StaleRecord(
            "Someone else changed this record after you opened it, so your changes were not saved. "
            "The page now shows their version: check it and make your changes again."
        )


@contextmanager
def savepoint() -> Iterator[None]:
    """Run the operation calls inside the block in a savepoint, undone if one of them raises.

    The request's unit of work commits whatever a view did unless an exception escapes it, so a
    route that catches an `OperationError` and shows the form again would otherwise commit what
    the operation flushed before it refused. Every route that catches one wraps the calls in
    this (a test walks the routes to check), so a refused operation leaves nothing behind while
    the rest of the request (the audit of a refused sign-in, say) still commits.
    """
    with db.session.begin_nested():
        yield
