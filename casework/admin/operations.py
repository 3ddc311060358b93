"""Managing users and teams (administrators, the command line and the demo loader)."""

from __future__ import annotations

from typing import Iterable

import sqlalchemy as sa

from casework.audit import record_event
from casework.auth.models import ROLES, Membership, Team, User
from casework.db import db
from casework.passwords import hash_password, password_problem


class UserError(ValueError):
    """A user could not be created or changed; the message says why."""


def create_user(*, email: str, name: str, role: str, password: str, team_names: Iterable[str] = (),
                actor: User | None = None) -> User:
    """Create a user with an argon2id password hash and team memberships, and audit it; the
    password must meet casework.passwords.password_problem's policy."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise UserError("Enter an email address in the correct format, like name@example.org")
    if role not in ROLES:
        raise UserError(f"Role must be one of: {', '.join(ROLES)}")
    problem = password_problem(password)
    if problem:
        raise UserError(problem)
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise UserError(f"A user with email {email} already exists")
    teams = []
    for team_name in team_names:
        team = db.session.scalars(sa.select(Team).where(Team.name == team_name)).one_or_none()
        if team is None:
            raise UserError(f"There is no team called {team_name!r}")
        teams.append(team)
    user = User(email=email, name=name.strip(), role=role, password_hash=hash_password(password))
    user.memberships = [Membership(team=team) for team in teams]
    db.session.add(user)
    db.session.flush()
    record_event("user.create", user, user=actor, role_given=role, teams=[t.name for t in teams])
    return user


def ensure_team(name: str, programme: str) -> Team:
    """The team called `name`, created (and audited) if it does not exist yet."""
    team = db.session.scalars(sa.select(Team).where(Team.name == name)).one_or_none()
    if team is None:
        team = Team(name=name, programme=programme)
        db.session.add(team)
        db.session.flush()
        record_event("team.create", team, programme=programme)
    return team
