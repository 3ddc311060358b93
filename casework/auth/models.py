"""Users, teams and memberships: who may sign in, with which role, over which programmes."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import Base, PublicIdMixin, TimestampMixin, VersionedMixin, utcnow

#: The roles of spec/access.md. A user has exactly one role; what records they see comes from
#: their team memberships (see casework.security.scope).
ROLES = {
    "youth_worker": "Youth worker",
    "navigator": "Navigator",
    "manager": "Manager",
    "commissioner": "Commissioner",
    "enforcement_officer": "Enforcement officer",
    "administrator": "Administrator",
}


class Team(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """A delivery team of one programme (VIP A&E, Reach City, Phoenix police...)."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    #: Programme code from `programmes` (VIP, REACH, PHOENIX).
    programme: Mapped[str] = mapped_column(sa.String(16), index=True)
    active: Mapped[bool] = mapped_column(default=True)

    memberships: Mapped[list["Membership"]] = relationship(back_populates="team")


class User(UserMixin, PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; sign-in compares lower-case.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[str] = mapped_column(sa.String(32))
    #: argon2id hash (argon2-cffi's PasswordHasher), never the password.
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    last_sign_in_at: Mapped[datetime | None]
    #: Changed at every sign-in and sign-out; Flask-Login's session id embeds it, so signing out
    #: (or an administrator deactivating the account) ends every existing session at once.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=lambda: uuid.uuid4().hex)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint(
            "role IN ('youth_worker','navigator','manager','commissioner','enforcement_officer','administrator')",
            name="role_known",
        ),
    )

    def get_id(self) -> str:
        return f"{self.public_id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def role_label(self) -> str:
        return ROLES[self.role]


class Membership(TimestampMixin, Base):
    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"), index=True)

    user: Mapped[User] = relationship(back_populates="memberships")
    team: Mapped[Team] = relationship(back_populates="memberships")

    __table_args__ = (sa.UniqueConstraint("user_id", "team_id"),)


class SignInFailure(Base):
    """Failed sign-ins, keyed by a hash of the email given, so throttling treats a known and an
    unknown address alike and the table holds no address in clear."""

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_hash: Mapped[str] = mapped_column(sa.String(64), index=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
