"""Ages and birthdays, as the law in England and Wales counts them."""

from __future__ import annotations

from datetime import date

from ..text import long_date


def birthday_in_year(date_of_birth: date, year: int) -> date:
    """Return the birthday in ``year``; someone born on 29 February has it on 1 March in other years.

    This follows the law in England and Wales, where a person born on 29 February attains an
    age on 1 March in a year that is not a leap year.
    """
    try:
        return date_of_birth.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def date_turning(date_of_birth: date, age: int) -> date:
    """Return the date on which someone reaches ``age``."""
    return birthday_in_year(date_of_birth, date_of_birth.year + age)


def age_on(date_of_birth: date, on: date) -> int:
    """Return age in whole years on a date; the birthday itself counts (aged 11 on the 11th birthday).

    Raises ``ValueError`` when ``on`` is before the date of birth.
    """
    if on < date_of_birth:
        raise ValueError(f"{long_date(on)} is before the date of birth {long_date(date_of_birth)}.")
    age = on.year - date_of_birth.year
    if on < birthday_in_year(date_of_birth, on.year):
        age -= 1
    return age
