"""People: the names a person must have and a date of birth not in the future."""

from __future__ import annotations

import sqlalchemy as sa

from casework.db import db
from casework.imports.checks.base import Importer, Stored, chunks
from casework.imports.schemas import PEOPLE
from casework.people.models import Person
from programmes.checks.person import PersonValues, check_person

_PERSON_FIELDS = ("given_name", "family_name", "known_as", "date_of_birth", "sex", "ethnicity",
                  "police_ethnicity_code", "local_authority", "postcode")


class PeopleImporter(Importer):
    kind = PEOPLE
    model = Person

    def stored(self, references):
        found = {}
        for part in chunks(references):
            people = db.session.execute(
                sa.select(Person.id, Person.provider_reference, *(getattr(Person, name) for name in _PERSON_FIELDS))
                .where(Person.provider_reference.in_(part))
            ).all()
            reachable = self.reachable_people(people)
            for person in people:
                found[person.provider_reference] = Stored(
                    person.id in reachable, {name: getattr(person, name) for name in _PERSON_FIELDS})
        return found

    def check(self, row):
        values = row.values
        problems = check_person(PersonValues(**{name: values[name] for name in _PERSON_FIELDS}),
                                self.ctx.today)
        for problem in problems:
            self.ctx.problem(row, problem.field, problem.message)
        if problems:
            return None
        return {**self.base_values(), **{name: values[name] for name in _PERSON_FIELDS},
                "provider_reference": row.reference}

    def write(self, plans):
        self.insert(Person, plans, label="people")
