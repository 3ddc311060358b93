"""The rules of a person's record: names, date of birth and the shared code lists.

A person typed in at referral and a person imported from a provider's file are checked here
alike. What a referral form additionally insists on at intake (sex, ethnic group and local
authority, so eligibility and the return can be worked out at once) stays on the form: an
imported history may not hold them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import vocabulary
from ..problems import Problem

__all__ = ["NAME_MAX", "PersonValues", "check_person"]

#: Longest given name, family name or known-as name.
NAME_MAX = 100


@dataclass(frozen=True, slots=True)
class PersonValues:
    """A person's details as given, already parsed (names trimmed, the postcode in its standard form)."""

    given_name: str
    family_name: str
    date_of_birth: date | None = None
    sex: str | None = None
    ethnicity: str | None = None
    local_authority: str | None = None
    known_as: str | None = None
    police_ethnicity_code: str | None = None
    postcode: str | None = None


_NAMES = (("given_name", "Given name", "Enter the given name"),
          ("family_name", "Family name", "Enter the family name"),
          ("known_as", "Known as", ""))

_CODES = (("sex", vocabulary.SEXES, "Select the person's sex from the list"),
          ("ethnicity", vocabulary.ETHNICITIES, "Select an ethnic group from the list"),
          ("police_ethnicity_code", vocabulary.POLICE_ETHNICITY_CODES, "Select a police ethnicity code from the list"),
          ("local_authority", vocabulary.LOCAL_AUTHORITIES, "Select the local authority from the list"))


def check_person(values: PersonValues, today: date) -> list[Problem]:
    """Every problem with a person's details: each name present (known-as is optional) and at
    most :data:`NAME_MAX` characters, a date of birth in the past, codes from the shared lists."""
    problems = []
    for name, what, missing in _NAMES:
        text = (getattr(values, name) or "").strip()
        if not text and missing:
            problems.append(Problem(name, missing))
        elif len(text) > NAME_MAX:
            problems.append(Problem(name, f"{what} must be {NAME_MAX} characters or fewer"))
    if values.date_of_birth is not None and values.date_of_birth > today:
        problems.append(Problem("date_of_birth", "Date of birth must be in the past"))
    for name, terms, message in _CODES:
        code = getattr(values, name)
        if code is not None and not vocabulary.is_code(terms, code):
            problems.append(Problem(name, message))
    return problems
