"""Reads for referral intake, triage, consent and allocation pages; every list is scoped.

Also the bridges between stored records and the programme rules: the programme facts a
referral's details give, its eligibility, its triage timing and the consent a case still needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

import programmes
from casework.auth.models import Membership, Team, User
from casework.cases.models import Allocation, Case, Consent
from casework.db import db, utcnow
from casework.referrals.models import Referral
from casework.security import CASE_WORKERS, programmes_of, referral_scope, team_ids
from casework.timezone import LONDON
from programmes import rules
from programmes.facts import ReferralFacts
from programmes.intake import eligibility_answers
from programmes.model import DefinitionVersion

#: Statuses a referral list can be filtered by ("all" shows every status).
LIST_STATUSES = ("pending", "accepted", "declined", "all")
#: The longest referral list shown at once (oldest first, so nothing waiting is hidden first).
LIST_LIMIT = 500
#: A case is open, for "already has an open case", until it is closed.
OPEN_CASE_STATUSES = ("awaiting_consent", "open")
#: The age from which a young person's own consent is enough.
ADULT_AGE = 18


# --- programme definitions and eligibility ---------------------------------------------------

def intake_programmes(user) -> list[str]:
    """The programmes the user can take referrals for, in the registry's order."""
    mine = programmes_of(user)
    return [code for code in programmes.programme_codes() if code in mine]


def intake_teams(user, programme: str) -> list[Team]:
    """The teams a referral may be assigned to: a worker's own teams of the programme; for a
    manager, every active team of a programme they manage (their scope is the programme)."""
    query = sa.select(Team).where(Team.programme == programme, Team.active)
    if user.role == "manager":
        if programme not in programmes_of(user):
            return []
    else:
        query = query.where(Team.id.in_(team_ids(user)))
    return list(db.session.scalars(query.order_by(Team.name)))


def definition_of(programme: str, version: str, on: date) -> DefinitionVersion:
    """The definition version a record was made under (falls back to the one in force on `on`)."""
    for candidate in programmes.get_programme(programme).versions:
        if candidate.version == version:
            return candidate
    return programmes.definition_on(programme, on)


def programme_facts(definition: DefinitionVersion, details: dict) -> dict:
    """The answers to the programme's own eligibility conditions, read from a referral's details
    as its definition's intake says."""
    return eligibility_answers(definition.intake, [c.code for c in definition.eligibility.conditions], details)


def has_open_case(person_id: int | None, programme: str) -> bool:
    """Whether the person already has an open (or awaiting-consent) case on the programme.

    Not limited by scope on purpose: a second case for the same person and programme must be
    refused even when the first belongs to another team.
    """
    if person_id is None:
        return False
    return db.session.scalar(
        sa.select(sa.exists().where(Case.person_id == person_id, Case.programme == programme,
                                    Case.status.in_(OPEN_CASE_STATUSES)))
    )


def check_eligibility(definition: DefinitionVersion, *, date_of_birth: date | None, local_authority: str | None,
                      received_on: date, source: str | None, setting: str | None, details: dict,
                      person_id: int | None = None) -> rules.Decision:
    """The programme's eligibility decision for a referral, with a reason for each condition."""
    facts = ReferralFacts(
        referral_on=received_on, date_of_birth=date_of_birth, local_authority=local_authority,
        setting=setting, referral_source=source, has_open_case=has_open_case(person_id, definition.programme_code),
        programme_facts=programme_facts(definition, details),
    )
    return rules.check_eligibility(definition, facts)


def referral_eligibility(referral: Referral) -> rules.Decision:
    """The eligibility of a stored referral as it stands now (the person's details or an open
    case may have changed since it was received)."""
    definition = definition_of(referral.programme, referral.definition_version, referral.received_on)
    person = referral.person
    return check_eligibility(
        definition, date_of_birth=person.date_of_birth, local_authority=person.local_authority,
        received_on=referral.received_on, source=referral.source, setting=referral.setting,
        details=referral.details or {}, person_id=person.id,
    )


# --- triage timing ------------------------------------------------------------------------------

def _clock(moment: datetime) -> str:
    local = moment.astimezone(LONDON)
    return local.strftime("%-I:%M%p").lower() + local.strftime(" on %-d %B %Y")


def elapsed(start: datetime, end: datetime) -> str:
    """A span in words: `45 minutes`, `3 hours`, `2 days`."""
    minutes = max(0, int((end - start).total_seconds() // 60))
    if minutes < 60:
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    hours = minutes // 60
    if hours < 48:
        rest = minutes % 60
        text = "1 hour" if hours == 1 else f"{hours} hours"
        return text if not rest else f"{text} {rest} minute{'s' if rest != 1 else ''}"
    return f"{hours // 24} days"


@dataclass(frozen=True)
class TriageTiming:
    """How long a referral has waited, and when triage is due (None where the programme sets no limit)."""

    received_ago: str
    due_at: datetime | None
    overdue: bool

    @property
    def text(self) -> str:
        """`Received 3 hours ago; triage due by 2:05pm on 12 May 2025`."""
        words = f"Received {self.received_ago} ago"
        if self.due_at is None:
            return words + "."
        return f"{words}; triage {'was ' if self.overdue else ''}due by {_clock(self.due_at)}"


def triage_timing(referral: Referral, now: datetime | None = None) -> TriageTiming:
    """Time since the referral was received against the programme's triage target."""
    now = now or utcnow()
    definition = definition_of(referral.programme, referral.definition_version, referral.received_on)
    deadline = rules.triage_deadline(definition, referral.received_at)
    overdue = deadline is not None and referral.status == "pending" and now > deadline
    return TriageTiming(elapsed(referral.received_at, now), deadline if referral.status == "pending" else None, overdue)


def first_contact_text(referral: Referral) -> str | None:
    """`12 May 2025 at 4:10pm, 2 hours 5 minutes after the referral`, or None before first contact."""
    if referral.first_contact_at is None:
        return None
    local = referral.first_contact_at.astimezone(LONDON)
    when = local.strftime("%-d %B %Y at ") + local.strftime("%-I:%M%p").lower()
    return f"{when}, {elapsed(referral.received_at, referral.first_contact_at)} after the referral"


# --- lists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    timing: TriageTiming


def referral_list(user, status: str) -> list[ReferralRow]:
    """Referrals in the user's scope with the given status (or all), oldest first, with their
    triage timing. One query: the person and team come in the same SELECT."""
    query = (
        sa.select(Referral).where(referral_scope(user))
        .options(joinedload(Referral.person), joinedload(Referral.team))
        .order_by(Referral.received_at, Referral.id).limit(LIST_LIMIT)
    )
    if status != "all":
        query = query.where(Referral.status == status)
    now = utcnow()
    return [ReferralRow(referral, triage_timing(referral, now)) for referral in db.session.scalars(query)]


def referral_page_options() -> list:
    """Loader options for the triage page: person, team, decider and case in one query."""
    return [joinedload(Referral.person), joinedload(Referral.team), joinedload(Referral.case)]


def user_names(ids) -> dict[int, str]:
    """Names of users by id (one query), for "decided by" and "recorded by" lines."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(db.session.execute(sa.select(User.id, User.name).where(User.id.in_(wanted))).all())


# --- consent --------------------------------------------------------------------------------

def consents_of(case: Case) -> list[Consent]:
    """The consents recorded on a case, oldest first."""
    return list(db.session.scalars(
        sa.select(Consent).where(Consent.case_id == case.id).order_by(Consent.given_on, Consent.id)
    ))


@dataclass
class ConsentState:
    """Whether a case has the consent it needs to start.

    The young person's own consent is always needed; a parent's or carer's as well when the young
    person is under 18 on the day they consent (or the date of birth is not recorded).
    """

    young_person: Consent | None
    parent_carer: Consent | None
    parent_needed: bool
    withdrawn: list[Consent] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.young_person is not None and (not self.parent_needed or self.parent_carer is not None)

    @property
    def starts_on(self) -> date | None:
        """The day consent was in place: the later of the consents needed."""
        if not self.complete:
            return None
        dates = [self.young_person.given_on]
        if self.parent_needed:
            dates.append(self.parent_carer.given_on)
        return max(dates)

    @property
    def still_needed(self) -> list[str]:
        needed = []
        if self.young_person is None:
            needed.append("the young person's consent")
        if self.parent_needed and self.parent_carer is None:
            needed.append("a parent's or carer's consent")
        return needed


def consent_state(date_of_birth: date | None, consents: list[Consent], today: date) -> ConsentState:
    """What consent a case has and still needs, from its consent records."""
    active = [c for c in consents if c.withdrawn_on is None]
    young_person = min((c for c in active if c.given_by == "young_person"), key=lambda c: c.given_on, default=None)
    parent = min((c for c in active if c.given_by == "parent_carer"), key=lambda c: c.given_on, default=None)
    on = young_person.given_on if young_person is not None else today
    if date_of_birth is None or date_of_birth > on:
        parent_needed = True
    else:
        parent_needed = rules.age_on(date_of_birth, on) < ADULT_AGE
    return ConsentState(young_person, parent, parent_needed, [c for c in consents if c.withdrawn_on is not None])


# --- allocation -----------------------------------------------------------------------------

def allocation_history(case: Case) -> list[Allocation]:
    """Every allocation on the case, newest first, with the people named (one query)."""
    return list(db.session.scalars(
        sa.select(Allocation).where(Allocation.case_id == case.id)
        .options(joinedload(Allocation.user), joinedload(Allocation.allocated_by))
        .order_by(Allocation.started_at.desc(), Allocation.id.desc())
    ))


def team_workers(team_id: int, roles=CASE_WORKERS) -> list[User]:
    """Active members of a team with one of `roles` (youth workers and navigators by default)."""
    return list(db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.team_id == team_id, User.active, User.role.in_(roles))
        .order_by(User.name, User.id)
    ))

