"""Return periods: financial-year quarters, financial years and custom ranges (returns.md, "Periods").

A period is written ``2024-25-Q1`` (a quarter), ``2024-25`` (a financial year, April to March) or
``2024-04-01..2024-06-30`` (two inclusive dates). Every figure is given for the period and for the
financial year to date: from 1 April of the financial year holding the period's last day, to that day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "Period",
    "PeriodError",
    "financial_year_start",
    "parse_period",
    "quarter_label",
    "recent_quarters",
]

_QUARTER = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")

#: First month of each quarter of a financial year (Q1 April-June ... Q4 January-March).
_QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}

#: The earliest date a return may start: nothing is recorded before it.
EARLIEST = date(2000, 4, 1)


class PeriodError(ValueError):
    """The period could not be read; the message says what is accepted."""


@dataclass(frozen=True, slots=True)
class Period:
    """A return period: ``label`` as written, inclusive ``start`` and ``end``, and ``ytd_start``,
    the first day of the financial year that holds ``end``. ``kind`` is quarter, year or custom."""

    label: str
    kind: str
    start: date
    end: date
    ytd_start: date

    @property
    def window_start(self) -> date:
        """The earliest date either column needs (a custom range may start before the year)."""
        return min(self.start, self.ytd_start)

    def as_dict(self) -> dict:
        """The period as written in the canonical JSON."""
        return {
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "ytd_start": self.ytd_start.isoformat(),
        }

    @property
    def description(self) -> str:
        """The period in words, for page titles: ``2024-25 Q1 (1 April 2024 to 30 June 2024)``."""
        span = f"{_long(self.start)} to {_long(self.end)}"
        if self.kind == "quarter":
            year, quarter = self.label.rsplit("-", 1)
            return f"{year} {quarter} ({span})"
        if self.kind == "year":
            return f"Financial year {self.label} ({span})"
        return span


def _long(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def financial_year_start(day: date) -> date:
    """1 April of the financial year that holds ``day``."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def _financial_year(first: str, second: str, text: str) -> int:
    start_year = int(first)
    if (start_year + 1) % 100 != int(second):
        raise PeriodError(
            f"“{text}” is not a financial year: after {first} comes {(start_year + 1) % 100:02d}."
        )
    if date(start_year, 4, 1) < EARLIEST:
        raise PeriodError(f"“{text}” is too early; returns start from {EARLIEST.year}.")
    return start_year


def parse_period(text: str) -> Period:
    """Read a period written as ``2024-25-Q1``, ``2024-25`` or ``2024-04-01..2024-06-30``.

    Raises :class:`PeriodError` with a message for the person who typed it.
    """
    text = (text or "").strip()
    if match := _QUARTER.match(text):
        year = _financial_year(match[1], match[2], text)
        quarter = int(match[3])
        month = _QUARTER_START_MONTH[quarter]
        start = date(year if quarter < 4 else year + 1, month, 1)
        end = _quarter_end(start)
        return Period(text, "quarter", start, end, date(year, 4, 1))
    if match := _YEAR.match(text):
        year = _financial_year(match[1], match[2], text)
        start = date(year, 4, 1)
        return Period(text, "year", start, date(year + 1, 3, 31), start)
    if match := _RANGE.match(text):
        try:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        except ValueError:
            raise PeriodError(f"“{text}” holds a date that does not exist.") from None
        if start > end:
            raise PeriodError("The first date of the range must be on or before the second.")
        if start < EARLIEST:
            raise PeriodError(f"“{text}” is too early; returns start from {EARLIEST.year}.")
        if (end - start).days > 366 * 5:
            raise PeriodError("A custom range can be at most five years long.")
        return Period(text, "custom", start, end, financial_year_start(end))
    raise PeriodError(
        "Enter the period as a quarter (2024-25-Q1), a financial year (2024-25) or two dates "
        "(2024-04-01..2024-06-30)."
    )


def _quarter_end(start: date) -> date:
    month = start.month + 3
    year = start.year + (month > 12)
    month = month - 12 if month > 12 else month
    return date(year, month, 1) - timedelta(days=1)


def quarter_label(day: date) -> str:
    """The label of the quarter holding ``day``: 15 May 2024 gives ``2024-25-Q1``."""
    year = financial_year_start(day).year
    quarter = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3, 1: 4, 2: 4, 3: 4}[day.month]
    return f"{year}-{(year + 1) % 100:02d}-Q{quarter}"


def recent_quarters(today: date, count: int = 4) -> list[Period]:
    """The quarter holding ``today`` followed by the ``count`` quarters before it, newest first."""
    periods = [parse_period(quarter_label(today))]
    day = periods[0].start
    for _ in range(count):
        day = day - timedelta(days=1)
        periods.append(parse_period(quarter_label(day)))
        day = periods[-1].start
    return periods
