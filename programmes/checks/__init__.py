"""One check per record kind: a function over plain values that returns every problem.

Each module here holds the rules of one kind of record (a session, an assessment, a closure...)
as ``check_<kind>(values, context) -> list[Problem]``. ``values`` is what a worker or a file
gave, already parsed into its shape (a date is a date); ``context`` is what the rules need to
know about the record's surroundings (the definition in force, today, the case's dates),
gathered by the caller. The web operation and the CSV importer both call the check, so the same
bad value gives the same message on a form and in an import report; forms only parse shapes.
"""

from __future__ import annotations

from ..problems import Problem

__all__ = ["Problem"]
