"""Which definition version of a programme is in force on a date."""

from __future__ import annotations

from datetime import date

from ..model import DefinitionVersion, Programme
from ..text import long_date


class NoDefinitionInForce(LookupError):
    """Raised when a programme has no definition version in force on a date."""


def version_in_force(programme: Programme, on: date) -> DefinitionVersion:
    """Return the definition version of ``programme`` in force on ``on``.

    A version is in force from its effective date (inclusive) until the next version's effective
    date, so on the day a new version takes effect the new one applies. Raises
    :class:`NoDefinitionInForce` for a date before the first version.
    """
    candidates = [version for version in programme.versions if version.effective_on <= on]
    if not candidates:
        earliest = min(programme.versions, key=lambda version: version.effective_on)
        raise NoDefinitionInForce(
            f"No {programme.short_name} definition is in force on {long_date(on)}; the earliest version "
            f"({earliest.version}) takes effect on {long_date(earliest.effective_on)}."
        )
    return max(candidates, key=lambda version: version.effective_on)
