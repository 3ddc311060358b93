"""A problem with a record: which field, and what to say about it.

Every record kind has one check, a function over plain values that returns every problem it
finds as :class:`Problem` objects. The web operation and the CSV importer call the same check,
so the same bad value gives the same words on a form and in an import report: the form puts the
message beside the field, the import report beside the column that holds that field.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a record.

    ``field`` is the name of the value the check was given (``held_on``, ``school``), or ``""``
    for a problem with the record as a whole; ``message`` is a sentence a worker can act on.
    """

    field: str
    message: str

