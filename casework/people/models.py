"""People: the young people (and young adults) that referrals and cases are about."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import Base, PublicIdMixin, TimestampMixin, VersionedMixin


class Person(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(sa.String(100))
    family_name: Mapped[str] = mapped_column(sa.String(100), index=True)
    #: The name the young person prefers to be called by, if different.
    known_as: Mapped[str | None] = mapped_column(sa.String(100))
    date_of_birth: Mapped[date | None] = mapped_column(index=True)
    #: programmes.vocabulary.SEXES code.
    sex: Mapped[str | None] = mapped_column(sa.String(32))
    #: ONS 2021 ethnic group code (programmes.vocabulary.ETHNICITIES).
    ethnicity: Mapped[str | None] = mapped_column(sa.String(48))
    #: Police 16+1 self-defined ethnicity code, where the referral came with one.
    police_ethnicity_code: Mapped[str | None] = mapped_column(sa.String(4))
    #: programmes.vocabulary.LOCAL_AUTHORITIES code (leicester, leicestershire, rutland, outside_llr).
    local_authority: Mapped[str | None] = mapped_column(sa.String(32))
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    #: The providing organisation's own reference, used to make imports idempotent.
    provider_reference: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"
