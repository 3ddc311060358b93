"""Dates in Europe/London: a record belongs to a period by its local calendar date."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def london_date(moment: datetime) -> date:
    """The calendar date of `moment` in Europe/London."""
    return moment.astimezone(LONDON).date()


def london_today() -> date:
    return datetime.now(LONDON).date()
