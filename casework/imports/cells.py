"""Reading one cell of an import file: each parser takes a non-blank, stripped cell and returns a
value or raises :class:`CellError` with a reason written for the person who prepared the
spreadsheet. Dates, times, numbers and postcodes are read by ``programmes.parsing``, as the forms
read them, so a cell and a form give the same words for the same value; ranges and other rules are
the record checks' (``programmes.checks``), not the parsers'.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Callable, Iterable

from programmes.checks.session import LENGTH_NOT_A_NUMBER
from programmes.parsing import (
    ISO_DATES,
    UK_DATES,
    ParseError,
    date_from_text,
    date_written_as,
    number_from_text,
    postcode_from_text,
    time_from_text,
)

#: Provider references are the providers' own identifiers; the columns hold up to 64 characters.
REFERENCE_MAX = 64
#: Cell values quoted back in messages are cut to this length.
_QUOTE_MAX = 40


class CellError(ValueError):
    """One cell cannot be read; the message says why and how to write it."""


def quoted(text: str) -> str:
    """A cell value as it appears in a message: in quotes, cut short if long."""
    text = str(text)
    if len(text) > _QUOTE_MAX:
        text = text[:_QUOTE_MAX] + "…"
    return f"“{text}”"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Drop control characters a database may refuse (keeping line breaks in multi-line text)."""
    return (_CONTROL if multiline else _CONTROL_AND_BREAKS).sub("", value)


# --- parsers: each takes a non-blank, stripped cell --------------------------------------------

Parser = Callable[[str], object]


def text(max_length: int | None, *, multiline: bool = False, collapse: bool = False) -> Parser:
    """Free text, stored exactly as given (a leading `=` stays text: nothing is ever evaluated).
    No ``max_length`` where the record's check holds the length, so the report gives its words."""

    def parse(cell: str) -> str:
        value = clean_text(cell, multiline=multiline)
        if collapse:
            value = " ".join(value.split())
        value = value.strip()
        if max_length is not None and len(value) > max_length:
            raise CellError(f"Must be {max_length:,} characters or fewer (this cell has {len(value):,})")
        return value

    return parse


def reference(cell: str) -> str:
    """A provider reference: up to 64 characters on one line."""
    value = clean_text(cell).strip()
    if len(value) > REFERENCE_MAX:
        raise CellError(f"A reference must be {REFERENCE_MAX} characters or fewer (this one has {len(value)})")
    if not value:
        raise CellError("Enter the reference")
    return value


class DateCell:
    """A date column's parser: reads a cell written as the file's dates are (`written_as`, ISO
    unless the reader found the file's dates written DD/MM/YYYY), as the forms read dates
    (programmes.parsing), so a cell and a form give the same message for the same date."""

    def __init__(self, what: str):
        self.what = what  # names the date in messages ("Date of the session")

    def __call__(self, cell: str, written_as: str = ISO_DATES) -> date:
        try:
            if written_as == UK_DATES and date_written_as(cell) != UK_DATES:
                raise ParseError(f"{self.what} must be written DD/MM/YYYY, like 12/05/2025")
            value = date_from_text(cell, self.what, iso_only=written_as == ISO_DATES)
        except ParseError as error:
            raise CellError(f"{error} (got {quoted(cell)})") from None
        if value is None:
            raise CellError(f"Enter {self.what.lower()}")
        return value


date_cell = DateCell


def time_cell(what: str) -> Parser:
    """A time of day, read exactly as the forms read a typed time (14:30, or 2:30pm; a bare
    number such as 2 is refused, never taken as 02:00); `what` names it ("Start time")."""

    def parse(cell: str) -> time:
        try:
            return time_from_text(cell, what)
        except ParseError as error:
            raise CellError(f"{error} (got {quoted(cell)})") from None

    return parse


def whole_number(minimum: int, maximum: int) -> Parser:
    """A whole number from `minimum` to `maximum`, digits only."""

    def parse(cell: str) -> int:
        if not re.fullmatch(r"\d{1,7}", cell):
            raise CellError(f"Write a whole number from {minimum} to {maximum} (got {quoted(cell)})")
        value = int(cell)
        if not minimum <= value <= maximum:
            raise CellError(f"Must be from {minimum} to {maximum} (got {value})")
        return value

    return parse


def number_cell(what: str, *, whole: bool, example: str) -> Parser:
    """A number read exactly as the forms read one (programmes.parsing.number_from_text); its
    range is the record check's rule, so a cell and a form give the same message for it."""

    def parse(cell: str) -> int | float:
        try:
            value = number_from_text(cell, what, whole=whole, example=example)
        except ParseError as error:
            raise CellError(f"{error} (got {quoted(cell)})") from None
        if value is None:
            raise CellError(f"Enter {what.lower()}")
        return value

    return parse


def minutes(cell: str) -> int:
    """A length in whole minutes, digits only; how long a session may be is the session check's."""
    if not re.fullmatch(r"\d{1,7}", cell):
        raise CellError(f"{LENGTH_NOT_A_NUMBER} (got {quoted(cell)})")
    return int(cell)


def yes_no(cell: str) -> bool:
    """`yes` or `no`."""
    answer = cell.lower()
    if answer not in ("yes", "no"):
        raise CellError(f"Write yes or no (got {quoted(cell)})")
    return answer == "yes"


def yes_no_not_known(cell: str) -> bool | None:
    """`yes`, `no` or `not_known` (blank means not known too)."""
    answer = cell.lower()
    if answer not in ("yes", "no", "not_known"):
        raise CellError(f"Write yes, no or not_known (got {quoted(cell)})")
    return {"yes": True, "no": False}.get(answer)


def _code_lookup(terms: Iterable) -> dict[str, str]:
    found: dict[str, str] = {}
    for term in terms:
        found.setdefault(term.code.lower(), term.code)
    return found


def code(terms: Iterable, what: str) -> Parser:
    """One code of a code list (letter case does not matter); the message lists the codes."""
    terms = tuple(terms)
    lookup = _code_lookup(terms)
    listed = ", ".join(term.code for term in terms)

    def parse(cell: str) -> str:
        found = lookup.get(cell.lower())
        if found is None:
            raise CellError(f"{quoted(cell)} is not {what}; use one of: {listed}")
        return found

    parse.codes = tuple(term.code for term in terms)  # type: ignore[attr-defined]
    return parse


def code_text(cell: str) -> str:
    """A code checked later against the programme definition (referral source, component...)."""
    return clean_text(cell).strip()


def code_list(cell: str) -> tuple[str, ...]:
    """Codes separated by `;`, in the order given, without repeats."""
    seen: list[str] = []
    for part in cell.split(";"):
        part = clean_text(part).strip()
        if part and part not in seen:
            seen.append(part)
    return tuple(seen)


def vocabulary_list(terms: Iterable, what: str) -> Parser:
    """Codes of one code list separated by `;`."""
    single = code(terms, what)

    def parse(cell: str) -> tuple[str, ...]:
        return tuple(sorted({single(part) for part in code_list(cell)}))

    return parse


def email(cell: str) -> str:
    """An email address of a user of the service (compared in lower case)."""
    value = clean_text(cell).strip().lower()
    if "@" not in value or len(value) > 254 or any(ch.isspace() for ch in value):
        raise CellError(f"Write the email address the person signs in with (got {quoted(cell)})")
    return value


def postcode(cell: str) -> str:
    """A UK postcode, stored in its standard form (LE1 5WS)."""
    try:
        return postcode_from_text(cell)
    except ParseError as error:
        raise CellError(f"{error} (got {quoted(cell)})") from None


_RESPONSE = re.compile(r"\s*([^=;]+?)\s*=\s*(-?\d+)\s*")


def responses(cell: str) -> dict[str, int]:
    """Item answers written `CODE=value;CODE=value` (for example `VIP-PC-01=4;VIP-PC-02=3`)."""
    answers: dict[str, int] = {}
    for part in cell.split(";"):
        if not part.strip():
            continue
        match = _RESPONSE.fullmatch(clean_text(part))
        if not match:
            raise CellError(f"Write each answer as CODE=number, separated by ; (could not read {quoted(part.strip())})")
        item, value = match.group(1).upper(), int(match.group(2))
        if item in answers:
            raise CellError(f"{quoted(item)} is answered twice")
        answers[item] = value
    return answers
