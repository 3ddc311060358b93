"""Writes about people: recording a new person when they are first referred."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from casework.audit import record_event
from casework.db import db
from casework.operations import OperationError
from casework.people.models import Person
from programmes import vocabulary

#: A UK postcode: outward code (area, district) and inward code (sector, unit), space optional.
UK_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$")


def normalise_postcode(text: str | None) -> str | None:
    """`le1 5ws` becomes `LE1 5WS`; an empty value becomes None. Raises ValueError when the
    text is not in the UK postcode format."""
    compact = "".join((text or "").split()).upper()
    if not compact:
        return None
    if not UK_POSTCODE.match(compact):
        raise ValueError(compact)
    return f"{compact[:-3]} {compact[-3:]}"


@dataclass(frozen=True)
class PersonDetails:
    """What is recorded about a person when they are first referred."""

    given_name: str
    family_name: str
    date_of_birth: date | None
    sex: str | None
    ethnicity: str | None
    local_authority: str | None
    known_as: str | None = None
    police_ethnicity_code: str | None = None
    postcode: str | None = None


def _check_code(vocab, code: str | None, what: str) -> None:
    if code is not None and not vocabulary.is_code(vocab, code):
        raise OperationError(f"“{code}” is not a known {what}.")


def create_person(details: PersonDetails, *, user) -> Person:
    """Record a new person and audit it. Codes must come from the shared vocabularies; names
    are trimmed; the postcode is stored in its standard form."""
    given, family = " ".join(details.given_name.split()), " ".join(details.family_name.split())
    if not given or not family:
        raise OperationError("Enter the person's given name and family name.")
    _check_code(vocabulary.SEXES, details.sex, "sex")
    _check_code(vocabulary.ETHNICITIES, details.ethnicity, "ethnic group")
    _check_code(vocabulary.POLICE_ETHNICITY_CODES, details.police_ethnicity_code, "police ethnicity code")
    _check_code(vocabulary.LOCAL_AUTHORITIES, details.local_authority, "local authority")
    try:
        postcode = normalise_postcode(details.postcode)
    except ValueError:
        raise OperationError("Enter a real postcode, like LE1 5WS.") from None
    person = Person(
        given_name=given, family_name=family, known_as=" ".join((details.known_as or "").split()) or None,
        date_of_birth=details.date_of_birth, sex=details.sex, ethnicity=details.ethnicity,
        police_ethnicity_code=details.police_ethnicity_code, local_authority=details.local_authority,
        postcode=postcode,
    )
    db.session.add(person)
    db.session.flush()
    record_event("person.create", person, user=user,
                 fields=sorted(k for k, v in vars(details).items() if v not in (None, "")))
    return person
