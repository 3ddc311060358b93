"""Reads about people: finding a person before a referral, and spotting likely duplicates.

Every query here is limited by `person_scope`: a user finds only people with a referral they
may already see. The duplicate check deliberately stays inside that scope too. Telling a worker
that "someone with these details is known to another team" would itself disclose that a named
child is known to a violence-reduction programme elsewhere (special category and criminal-offence
data) to someone with no need to know it, so we never say it, not even without detail. A person
known only outside the user's scope may therefore be recorded twice; managers, whose scope is
the whole programme, see both records and can spot them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from casework.db import db
from casework.people.models import Person
from casework.security import person_scope

#: At most this many people are listed for a search, so a vague search cannot list everyone.
SEARCH_LIMIT = 25


@dataclass(frozen=True)
class PersonSearch:
    """What a search by name and date of birth found, within the user's scope.

    `likely_duplicates` are people who may be the very person being referred (a similar name
    and the same date of birth); `other_matches` share the name but not necessarily the date.
    """

    likely_duplicates: list[Person] = field(default_factory=list)
    other_matches: list[Person] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.likely_duplicates) + len(self.other_matches)


def _clean(name: str | None) -> str:
    return " ".join((name or "").split()).lower()


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _similar_name(given: str, family: str) -> sa.ColumnElement[bool]:
    """A name close enough to be the same person when the date of birth also matches:
    the same family name and the same first letter of the given name, the same given and family
    names in any case, the names the other way round, or a known-as name equal to the given name."""
    given_lower = sa.func.lower(Person.given_name)
    family_lower = sa.func.lower(Person.family_name)
    conditions = [
        sa.and_(family_lower == family, given_lower == given),
        sa.and_(family_lower == given, given_lower == family),
        sa.and_(family_lower == family, sa.func.lower(Person.known_as) == given),
    ]
    if given:
        conditions.append(sa.and_(family_lower == family, given_lower.like(_like_prefix(given[0]), escape="\\")))
    return sa.or_(*conditions)


def likely_duplicates(user, given_name: str, family_name: str, date_of_birth: date | None) -> list[Person]:
    """People in the user's scope who may be the person described: the same date of birth and a
    similar name (see `_similar_name`). Empty when the date of birth is not known."""
    given, family = _clean(given_name), _clean(family_name)
    if date_of_birth is None or not family:
        return []
    return list(db.session.scalars(
        sa.select(Person)
        .where(person_scope(user), Person.date_of_birth == date_of_birth, _similar_name(given, family))
        .order_by(Person.family_name, Person.given_name, Person.id)
        .limit(SEARCH_LIMIT)
    ))


def find_people(user, given_name: str, family_name: str, date_of_birth: date | None) -> PersonSearch:
    """Search people in the user's scope by name and date of birth (two queries).

    Likely duplicates come first; other matches are people whose family name starts with the
    one given and whose given or known-as name starts with the given name's first letter.
    """
    duplicates = likely_duplicates(user, given_name, family_name, date_of_birth)
    given, family = _clean(given_name), _clean(family_name)
    if not family:
        return PersonSearch(duplicates, [])
    conditions = [sa.func.lower(Person.family_name).like(_like_prefix(family), escape="\\")]
    if given:
        first = _like_prefix(given[0])
        conditions.append(sa.or_(sa.func.lower(Person.given_name).like(first, escape="\\"),
                                 sa.func.lower(Person.known_as).like(first, escape="\\")))
    query = sa.select(Person).where(person_scope(user), *conditions)
    if duplicates:
        query = query.where(Person.id.not_in([person.id for person in duplicates]))
    others = list(db.session.scalars(
        query.order_by(Person.family_name, Person.given_name, Person.id).limit(SEARCH_LIMIT)
    ))
    return PersonSearch(duplicates, others)
