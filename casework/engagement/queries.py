"""Reads for engagement and enforcement pages, within scope."""

import sqlalchemy as sa

from casework.cases.models import Case
from casework.db import db
from casework.engagement.models import Escalation
from casework.people.models import Person
from casework.security import case_scope


def escalations_in_scope(user):
    """Escalations on cases in scope with the person's name, newest first (one query)."""
    return db.session.execute(
        sa.select(Escalation, Case.public_id, Person.given_name, Person.family_name)
        .join(Case, Case.id == Escalation.case_id).join(Person, Person.id == Case.person_id)
        .where(case_scope(user)).order_by(Escalation.raised_on.desc(), Escalation.id.desc())
    ).all()
