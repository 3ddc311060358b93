"""Plain-English wording shared by the rules: dates, times, counts and lists.

Every reason the rules give is read by a youth worker or a manager, so dates are written the
way people write them ("12 May 2025"), never as ISO strings, and counts agree with their nouns.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ORDINALS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)

_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)


def long_date(day: date) -> str:
    """Write a date the way a letter would: ``12 May 2025`` (no leading zero, month in full)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def london_date(moment: datetime) -> date:
    """Return the calendar date in Europe/London of a moment.

    Timezone-aware moments are converted to London time first, so a referral received at
    23:30 UTC in summer belongs to the next London day. Naive moments are taken to be London
    time already.
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone(LONDON)
    return moment.date()


def time_and_date(moment: datetime) -> str:
    """Write a moment as ``14:30 on 12 May 2025`` in London time."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(LONDON)
    return f"{moment:%H:%M} on {long_date(moment.date())}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return ``count`` with the noun in the right number: ``1 session``, ``3 sessions``."""
    noun = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {noun}"


def ordinal_word(number: int) -> str:
    """Return the ordinal in words for small numbers (``fourth``) and figures beyond (``26th``)."""
    if 0 <= number < len(_ORDINALS):
        return _ORDINALS[number]
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def number_word(number: int) -> str:
    """Return small whole numbers in words (``four``) and larger ones as figures."""
    if 0 <= number < len(_NUMBER_WORDS):
        return _NUMBER_WORDS[number]
    return str(number)


def join_words(items: tuple[str, ...] | list[str], conjunction: str = "and") -> str:
    """Join phrases as a sentence would: ``a``, ``a and b``, ``a, b and c``."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def format_number(value: float, places: int = 1) -> str:
    """Write a score without trailing noise: ``4``, ``3.5``, ``17.43`` (at most ``places`` decimals)."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def day_and_month(day: date, today: date) -> str:
    """``12 May`` when ``day`` is in the same year as ``today``, else the full ``12 May 2024``."""
    return f"{day.day} {_MONTHS[day.month - 1]}" if day.year == today.year else long_date(day)
