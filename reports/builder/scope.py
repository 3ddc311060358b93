"""Who a return covers: one programme, or every programme (``ALL``)."""

from __future__ import annotations

import programmes

__all__ = ["ALL", "ReturnError", "programme_codes"]

#: The programme selector meaning every programme.
ALL = "ALL"


class ReturnError(ValueError):
    """A return cannot be built as asked (unknown programme, no definition in force...)."""


def programme_codes(programme: str) -> tuple[str, ...]:
    """The programme codes a return for ``programme`` (a code or ``ALL``) covers."""
    if programme == ALL:
        return programmes.programme_codes()
    if programme not in programmes.programme_codes():
        raise ReturnError(
            f"Unknown programme {programme!r}; choose one of "
            f"{', '.join(programmes.programme_codes())} or ALL."
        )
    return (programme,)
