"""Reads for caseload, search and case pages; every one filtered by the user's scope."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from casework.cases.models import Case
from casework.db import db
from casework.people.models import Person
from casework.security import case_scope, person_scope


def caseload(user) -> list[Case]:
    """Open and awaiting-consent cases the user leads or navigates, within scope (one query)."""
    return list(db.session.scalars(
        sa.select(Case)
        .where(case_scope(user), Case.status != "closed",
               sa.or_(Case.lead_worker_id == user.id, Case.navigator_id == user.id))
        .options(joinedload(Case.person))
        .order_by(Case.started_on.is_(None).desc(), Case.started_on)
    ))


def search_people(user, text: str, limit: int = 50) -> list[Person]:
    """People in scope whose name starts with, or whose date of birth equals, `text`."""
    text = text.strip()
    if not text:
        return []
    conditions = []
    for word in text.split()[:3]:
        like = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").lower() + "%"
        conditions.append(sa.or_(sa.func.lower(Person.given_name).like(like, escape="\\"),
                                 sa.func.lower(Person.family_name).like(like, escape="\\"),
                                 sa.func.lower(Person.known_as).like(like, escape="\\")))
    return list(db.session.scalars(
        sa.select(Person).where(person_scope(user), *conditions)
        .order_by(Person.family_name, Person.given_name).limit(limit)
    ))


def cases_of_person(user, person: Person) -> list[Case]:
    return list(db.session.scalars(
        sa.select(Case).where(Case.person_id == person.id, case_scope(user)).order_by(Case.id)
    ))
