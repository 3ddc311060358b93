"""Cases: one per accepted referral, no two of one person on one programme overlapping in time,
with workers from the referral's team."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import aliased

import programmes
from casework.auth.models import Membership, User
from casework.cases.models import Allocation, Case
from casework.db import db
from casework.imports.cells import quoted
from casework.imports.checks.base import Importer, Stored, _day, chunks
from casework.imports.schemas import CASES
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.security import CASE_WORKERS, referral_scope
from programmes.checks.case import (
    AllocationContext,
    AllocationValues,
    CaseContext,
    CaseValues,
    check_allocation,
    check_case,
    navigator_programmes,
    support_start_programmes,
)


def _cases_of(person_ids) -> dict[tuple[int, str], list]:
    """Every case of these people, by (person id, programme), with the dates it ran between."""
    found: dict[tuple[int, str], list] = defaultdict(list)
    for part in chunks(person_ids):
        for case in db.session.execute(
            sa.select(Case.person_id, Case.programme, Case.started_on, Case.closed_on, Referral.received_on)
            .join(Referral, Referral.id == Case.referral_id)
            .where(Case.person_id.in_(part))
        ):
            found[(case.person_id, case.programme)].append(case)
    return found


def _overlapping(cases, started_on):
    """The first of ``cases`` that a new case starting on ``started_on`` would overlap, or None.

    A new case runs from its start with no end yet, so it overlaps any case not closed, and any
    case closed after it starts (one closed on the day it starts does not overlap: a same-day
    restart). A case awaiting consent has no start yet: it overlaps only a case not closed.
    """
    for case in cases:
        if case.closed_on is None or (started_on is not None and case.closed_on > started_on):
            return case
    return None


#: The file's column for each field of the case and allocation checks ("" is the case as a whole).
COLUMNS = {"": "referral_reference"}


class CasesImporter(Importer):
    kind = CASES
    model = Case

    def stored(self, references):
        found = {}
        lead = aliased(User)
        navigator = aliased(User)
        for part in chunks(references):
            for case in db.session.execute(
                sa.select(Case.provider_reference, Case.programme, Case.started_on, Case.support_started_on,
                          Referral.provider_reference.label("referral_reference"),
                          lead.email.label("lead_email"), navigator.email.label("navigator_email"))
                .join(Referral, Referral.id == Case.referral_id)
                .outerjoin(lead, lead.id == Case.lead_worker_id)
                .outerjoin(navigator, navigator.id == Case.navigator_id)
                .where(Case.provider_reference.in_(part))
            ):
                support = case.support_started_on
                if support is not None and support == case.started_on:
                    support = None  # the default, which a blank cell also gives
                found[case.provider_reference] = Stored(case.programme in self.ctx.programmes, {
                    "referral_reference": case.referral_reference, "started_on": case.started_on,
                    "lead_worker": case.lead_email, "navigator": case.navigator_email,
                    "support_started_on": support,
                })
        return found

    def comparable(self, row, stored):
        values = {name: row.values[name] for name in stored.values}
        if values["support_started_on"] == values["started_on"]:
            values["support_started_on"] = None
        return values

    def load(self, rows):
        references = sorted({row.values["referral_reference"] for row in rows})
        self.referrals = {}
        for part in chunks(references):
            for referral in db.session.execute(
                sa.select(Referral.id, Referral.provider_reference, Referral.programme, Referral.team_id,
                          Referral.definition_version, Referral.status, Referral.received_on, Referral.person_id,
                          Person.date_of_birth)
                .join(Person, Person.id == Referral.person_id)
                .where(Referral.provider_reference.in_(part), referral_scope(self.ctx.user))
            ):
                self.referrals[referral.provider_reference] = referral
        ids = [referral.id for referral in self.referrals.values()]
        self.with_case: set[int] = set()
        for part in chunks(ids):
            self.with_case.update(db.session.scalars(sa.select(Case.referral_id).where(Case.referral_id.in_(part))))
        self.cases_of_people = _cases_of(sorted({referral.person_id for referral in self.referrals.values()}))
        emails = sorted({row.values[name] for row in rows for name in ("lead_worker", "navigator")
                         if row.values[name]})
        self.users: dict[str, tuple] = {}
        self.memberships: dict[int, set[int]] = defaultdict(set)
        for part in chunks(emails):
            users = db.session.execute(
                sa.select(User.id, User.email, User.role).where(User.email.in_(part), User.active)).all()
            for user in users:
                self.users[user.email] = user
            for user_id, team_id in db.session.execute(
                sa.select(Membership.user_id, Membership.team_id).where(Membership.user_id.in_([u.id for u in users]))
            ):
                self.memberships[user_id].add(team_id)
        self.owners = support_start_programmes(), navigator_programmes()
        self.eligible: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        self.in_file_referrals: dict[int, int] = {}
        self.in_file_people: dict[tuple[int, str], int] = {}

    def _eligible(self, team_id: int) -> tuple[frozenset[str], frozenset[str]]:
        """The file's workers (by email) who may lead a case of the team, and who may navigate one."""
        if team_id not in self.eligible:
            members = {email: user for email, user in self.users.items()
                       if team_id in self.memberships.get(user.id, ())}
            self.eligible[team_id] = (
                frozenset(email for email, user in members.items() if user.role in CASE_WORKERS),
                frozenset(email for email, user in members.items() if user.role == "navigator"),
            )
        return self.eligible[team_id]

    def check(self, row):
        ctx, values = self.ctx, row.values
        referral = self.referrals.get(values["referral_reference"])
        if referral is None:
            ctx.problem(row, "referral_reference",
                        f"No referral with the provider reference {quoted(values['referral_reference'])} in your "
                        "programmes. Import the referrals file first, or check the reference.")
            return None
        programme = programmes.get_programme(referral.programme)
        name, capabilities = programme.short_name, programme.capabilities
        has_navigator = programmes.definition_on(referral.programme, referral.received_on).has_navigator
        if referral.status != "accepted":
            ctx.problem(row, "referral_reference",
                        f"The referral is {referral.status}; only an accepted referral has a case.")
            return None
        if referral.id in self.with_case:
            ctx.problem(row, "referral_reference", "The referral already has a case.")
            return None
        if referral.id in self.in_file_referrals:
            ctx.problem(row, "referral_reference",
                        f"Row {self.in_file_referrals[referral.id]} already makes a case from this referral.")
            return None
        key = (referral.person_id, referral.programme)
        started_on = values["started_on"]
        if key in self.in_file_people:
            # A case of this file has no end yet, so any other case of the person on the programme overlaps it.
            ctx.problem(row, "referral_reference",
                        f"The person already has an open {name} case (row {self.in_file_people[key]}).")
            return None
        other = _overlapping(self.cases_of_people.get(key, ()), started_on)
        if other is not None:
            if other.closed_on is None:
                ctx.problem(row, "referral_reference", f"The person already has an open {name} case.")
            else:
                began = other.started_on or other.received_on
                ctx.problem(row, "started_on",
                            f"The person's {name} case from {_day(began)} was open until {_day(other.closed_on)}: "
                            "a new case cannot start before that case closed.")
            return None
        started_on, support = values["started_on"], values["support_started_on"]
        lead_workers, navigators = self._eligible(referral.team_id)
        problems = check_case(
            CaseValues(started_on=started_on, support_started_on=support),
            CaseContext(today=ctx.today, received_on=referral.received_on, support_start=capabilities.support_start,
                        programme_name=name, support_start_programmes=self.owners[0]),
        ) + check_allocation(
            AllocationValues(lead_worker=values["lead_worker"] or None, navigator=values["navigator"] or None),
            AllocationContext(case_status="open" if started_on else "awaiting_consent", has_navigator=has_navigator,
                              lead_workers=lead_workers, navigators=navigators, programme_name=name,
                              navigator_programmes=self.owners[1]),
        )
        for problem in problems:
            ctx.problem(row, COLUMNS.get(problem.field, problem.field), problem.message)
        if problems:
            return None
        self.in_file_referrals[referral.id] = row.number
        self.in_file_people[key] = row.number
        return {
            **self.base_values(), "person_id": referral.person_id, "referral_id": referral.id,
            "programme": referral.programme, "definition_version": referral.definition_version,
            "team_id": referral.team_id, "status": "open" if started_on else "awaiting_consent",
            "started_on": started_on, "closed_on": None,
            "lead_worker_id": self.users[values["lead_worker"]].id if values["lead_worker"] else None,
            "navigator_id": self.users[values["navigator"]].id if values["navigator"] else None,
            "support_started_on": (support or started_on) if capabilities.support_start else None,
            "engagement_status": "not_yet_contacted" if capabilities.engagement else None,
            "closure_requested_at": None, "closure_requested_by_id": None,
            "provider_reference": row.reference,
        }

    def write(self, plans):
        ids = self.insert(Case, plans, returning=True, label="cases")
        allocations = []
        now = self.ctx.now
        for case_id, plan in zip(ids, plans, strict=True):
            for role, user_id in (("lead_worker", plan["lead_worker_id"]), ("navigator", plan["navigator_id"])):
                if user_id is not None:
                    allocations.append({"case_id": case_id, "role": role, "user_id": user_id, "started_at": now,
                                        "ended_at": None, "allocated_by_id": self.ctx.user.id,
                                        "created_at": now, "updated_at": now})
        self.insert(Allocation, allocations)
