"""Reading dates and times as people type them, with the GOV.UK Design System's error wording.

The forms (the day, month and year boxes; typed times) and the CSV importer read dates and
times with these functions only, so the same value gets the same message wherever it is typed.
Every message starts with ``what``, the name of the field as a person reads it ("Date of
birth", "Start time"), and says what to do; nothing here ever raises anything but
:class:`ParseError`.

Dates (https://design-system.service.gov.uk/components/date-input/):

* a missing box: "Date of birth must include a month" (or "a day and month", ...);
* letters, a month 13, 31 April, 29 February outside a leap year: "... must be a real date";
* a year that is not 4 numbers ("25"): "... must include a year with 4 numbers";
* a year before :data:`EARLIEST_YEAR` (a typing slip, not a date this service records):
  "... must be in 1900 or later". Pass ``earliest_year=1`` for the plain calendar.

Typed dates are ``2025-05-12`` (ISO) or ``12/05/2025`` (day first, as written in the UK; one
or two numbers for the day and month).

Times are read on the 24-hour clock unless they say am or pm:

* accepted: ``14:30``, ``9:05``, ``09.05``, ``0:00``, ``1430`` (exactly 4 numbers), ``2:30pm``,
  ``2.30 p.m.``, ``9am``, ``12pm`` (midday), ``12am`` (midnight);
* refused: a bare number such as ``2`` or ``14`` (2am or 2pm? it is never guessed), ``230``,
  ``24:00``, ``12:60``, ``13pm``, ``0am``, ``14:30pm``, seconds, and words ("noon").
"""

from __future__ import annotations

import re
from datetime import date, time

#: Dates before this year are refused as typing slips (``1025`` for ``2025``).
EARLIEST_YEAR = 1900

#: The example every time message gives.
TIME_EXAMPLE = "for example 14:30 or 2:30pm"

_LONGEST_TEXT = 20
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{1,8})")
_CLOCK = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")
_FOUR_FIGURES = re.compile(r"([0-9]{2})([0-9]{2})")
_TWELVE_HOUR = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?\s*([ap])\.?\s*m\.?", re.IGNORECASE)
_BARE_HOUR = re.compile(r"[0-9]{1,2}")


class ParseError(ValueError):
    """A typed value that cannot be read; ``str(error)`` is the message to show."""


def _number(text: str) -> int | None:
    """The value of 1 to 4 ASCII figures, or None."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else None


def date_from_parts(day: str | None, month: str | None, year: str | None, what: str, *,
                    earliest_year: int = EARLIEST_YEAR) -> date | None:
    """Return the date typed into the GOV.UK day, month and year boxes, or None when all three
    are blank (the caller decides whether the date is required).

    Raises :class:`ParseError` with the GOV.UK message otherwise, in the design system's order:
    missing boxes first, then a day or month that cannot be right, then the year's length, then
    a date that is not in the calendar, then one before ``earliest_year``.
    """
    parts = [(value or "").strip() for value in (day, month, year)]
    if not any(parts):
        return None
    missing = [name for name, value in zip(("day", "month", "year"), parts, strict=True) if not value]
    if missing:
        raise ParseError(f"{what} must include a {' and '.join(missing)}")
    day_number, month_number = _number(parts[0]), _number(parts[1])
    if day_number is None or month_number is None or not (1 <= day_number <= 31 and 1 <= month_number <= 12):
        raise ParseError(f"{what} must be a real date")
    if not (parts[2].isascii() and parts[2].isdigit()):
        raise ParseError(f"{what} must be a real date")
    if len(parts[2]) != 4:
        raise ParseError(f"{what} must include a year with 4 numbers")
    try:
        value = date(int(parts[2]), month_number, day_number)
    except ValueError:
        raise ParseError(f"{what} must be a real date") from None
    if value.year < earliest_year:
        raise ParseError(f"{what} must be in {earliest_year} or later")
    return value


def date_from_text(text: str | None, what: str, *, iso_only: bool = False,
                   earliest_year: int = EARLIEST_YEAR) -> date | None:
    """Return the date typed as ``2025-05-12`` or ``12/05/2025`` (only the first with
    ``iso_only``), or None when the text is blank.

    Raises :class:`ParseError` when the text is neither; a date in one of the two forms is then
    checked exactly as the three boxes are (:func:`date_from_parts`), with the same messages.
    """
    text = (text or "").strip()
    if not text:
        return None
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        year, month, day = iso.groups()
        return date_from_parts(day, month, year, what, earliest_year=earliest_year)
    uk = None if iso_only else _UK_DATE.fullmatch(text)
    if uk:
        day, month, year = uk.groups()
        return date_from_parts(day, month, year, what, earliest_year=earliest_year)
    if iso_only:
        raise ParseError(f"{what} must be written YYYY-MM-DD, like 2025-05-12")
    raise ParseError(f"{what} must be a real date, like 12/05/2025 or 2025-05-12")


#: The two ways a typed date may be written, as :func:`date_written_as` names them.
ISO_DATES = "YYYY-MM-DD"
UK_DATES = "DD/MM/YYYY"


def date_written_as(text: str) -> str | None:
    """:data:`ISO_DATES` or :data:`UK_DATES` for text shaped as :func:`date_from_text` reads
    that form (whether or not it is a real date: ``31/02/2025`` is UK), else None. An import
    file's dates must all have one shape, which this names."""
    text = text.strip()
    if _ISO_DATE.fullmatch(text):
        return ISO_DATES
    return UK_DATES if _UK_DATE.fullmatch(text) else None


def time_from_text(text: str | None, what: str) -> time | None:
    """Return the time of day typed (see the module's list of what is accepted), or None when
    the text is blank.

    A bare number is refused rather than guessed: ``2`` could mean 2am or 2pm, and a session
    logged at 02:00 instead of 14:00 would be wrong without anyone noticing. Raises
    :class:`ParseError` with a message naming ``what``.
    """
    text = (text or "").strip()
    if not text:
        return None
    unreadable = ParseError(f"{what} must be a real time, {TIME_EXAMPLE}")
    if len(text) > _LONGEST_TEXT:
        raise unreadable
    if _BARE_HOUR.fullmatch(text):
        raise ParseError(f"{what} must include the minutes, or am or pm, for example 14:00 or 2pm")
    twelve = _TWELVE_HOUR.fullmatch(text)
    if twelve:
        hour, minute = int(twelve.group(1)), int(twelve.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise unreadable
        return time(hour % 12 + (12 if twelve.group(3).lower() == "p" else 0), minute)
    clock = _CLOCK.fullmatch(text) or _FOUR_FIGURES.fullmatch(text)
    if not clock:
        raise unreadable
    hour, minute = int(clock.group(1)), int(clock.group(2))
    if hour > 23 or minute > 59:
        raise unreadable
    return time(hour, minute)


_NUMBER = re.compile(r"[0-9]{1,7}(\.[0-9]+)?")


def number_from_text(text: str | None, what: str, *, whole: bool, example: str) -> int | float | None:
    """A number typed as text (there is no GOV.UK number input): digits with an optional decimal
    part, and a trailing ``%`` allowed. A whole number must have no decimal part; a number is
    kept to one decimal place. Blank is ``None``. Ranges are the record checks' rules, not this."""
    typed = (text or "").strip()
    if not typed:
        return None
    cleaned = typed[:_LONGEST_TEXT].rstrip("%").strip()
    match = _NUMBER.fullmatch(cleaned)
    if match is None or (whole and match.group(1) and float(match.group(1)) != 0):
        kind = "a whole number" if whole else "a number"
        raise ParseError(f"{what} must be {kind}, like {example}")
    number = float(cleaned)
    return int(number) if whole else round(number, 1)


#: A UK postcode: outward code (area, district) and inward code (sector, unit), space optional.
_UK_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$")

#: What a postcode that cannot be read gets, on a form and in a file.
POSTCODE_MESSAGE = "Enter a real postcode, like LE1 5WS"


def postcode_from_text(text: str | None) -> str | None:
    """``le1 5ws`` becomes ``LE1 5WS``; blank becomes ``None``; anything not in the UK postcode
    format raises :class:`ParseError`."""
    compact = "".join((text or "").split()).upper()
    if not compact:
        return None
    if not _UK_POSTCODE.match(compact):
        raise ParseError(POSTCODE_MESSAGE)
    return f"{compact[:-3]} {compact[-3:]}"
