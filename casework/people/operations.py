"""Writes about people: recording a new person when they are first referred."""

from __future__ import annotations

from dataclasses import asdict

from casework.audit import record_event
from casework.db import db
from casework.operations import RecordRefused, refuse_problems
from casework.people.models import Person
from casework.timezone import london_today
from programmes.checks.person import PersonValues, check_person
from programmes.parsing import POSTCODE_MESSAGE, postcode_from_text
from programmes.problems import Problem

#: `le1 5ws` becomes `LE1 5WS`, blank becomes None, anything else raises ValueError: the one
#: postcode reader (programmes.parsing) that forms and import files use too.
normalise_postcode = postcode_from_text


#: What is recorded about a person when they are first referred (checked by check_person).
PersonDetails = PersonValues


def create_person(details: PersonDetails, *, user) -> Person:
    """Record a new person and audit it. Codes must come from the shared vocabularies; names
    are trimmed; the postcode is stored in its standard form."""
    given, family = " ".join(details.given_name.split()), " ".join(details.family_name.split())
    try:
        postcode = normalise_postcode(details.postcode)
    except ValueError:
        raise RecordRefused([Problem("postcode", POSTCODE_MESSAGE)]) from None
    refuse_problems(check_person(details, london_today()))
    person = Person(
        given_name=given, family_name=family, known_as=" ".join((details.known_as or "").split()) or None,
        date_of_birth=details.date_of_birth, sex=details.sex, ethnicity=details.ethnicity,
        police_ethnicity_code=details.police_ethnicity_code, local_authority=details.local_authority,
        postcode=postcode,
    )
    db.session.add(person)
    db.session.flush()
    record_event("person.create", person, user=user,
                 fields=sorted(k for k, v in asdict(details).items() if v not in (None, "")))
    return person
