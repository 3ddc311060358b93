"""The one London clock: every "now" and "today" the service reads is Europe/London time.

A record belongs to a day and a reporting period by its calendar date in London. The timezone
and the date of a moment are defined in programmes.text (the rules need them, and programmes/
may not import casework/); reading the clock happens only here, since the rules never read it.
"""

from datetime import date, datetime

from programmes.text import LONDON, london_date


def now_in_london() -> datetime:
    """The current moment, timezone-aware, in Europe/London."""
    return datetime.now(LONDON)


def today_in_london() -> date:
    """Today's calendar date in Europe/London, whatever the server's own timezone."""
    return now_in_london().date()


#: The name most of casework uses for today_in_london.
london_today = today_in_london

__all__ = ["LONDON", "london_date", "london_today", "now_in_london", "today_in_london"]
