"""What every area's operations share: optimistic-lock checks and the errors operations raise."""

from __future__ import annotations


class OperationError(ValueError):
    """An operation refused to change anything; the message is shown to the user as it is."""


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
