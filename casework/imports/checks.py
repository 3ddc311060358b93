"""The programme rules for imported rows, one importer per kind of file, and the bulk writes.

Each importer looks up what its rows refer to with one query per chunk of references (never one
per row), checks every row in memory with the same rules the service's own forms and operations
apply, and writes the rows that passed with SQLAlchemy Core `insert()` executemany in chunks.
Nothing here commits: `operations.import_file` runs it inside the caller's transaction.

Scope: cases and referrals are looked up through `case_scope` and `referral_scope`, so a reference
to a record outside the importing user's programmes reads exactly like one that does not exist.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Callable, Iterable, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import aliased

import programmes
from casework.assessments.models import Assessment, AssessmentItem
from casework.assessments.operations import AssessmentRefused, scored_fields
from casework.auth.models import Membership, Team, User
from casework.cases import outcomes
from casework.cases.facts import case_facts, definition_for
from casework.cases.models import Allocation, Case, Closure, OnwardReferral
from casework.db import db
from casework.engagement.models import EngagementContact
from casework.imports.reader import Problems, Row
from casework.imports.schemas import (
    ASSESSMENTS,
    CASES,
    CLOSURES,
    ENGAGEMENT_CONTACTS,
    ONWARD_REFERRALS,
    PEOPLE,
    REFERRALS,
    SDQ_COLUMNS,
    MAX_DURATION_MINUTES,
    SESSIONS,
    Kind,
    quoted,
)
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.referrals.queries import programme_facts
from casework.security import CASE_WORKERS, case_scope, programmes_of, referral_scope
from casework.sessions.models import Session, SessionComponent
from casework.timezone import LONDON, london_date
from programmes import rules
from programmes.facts import ReferralFacts
from programmes.instruments import validate_responses
from programmes.text import long_date

#: References looked up per query, and rows written per executemany.
CHUNK = 2000
#: How often (in rows) progress is reported.
PROGRESS_EVERY = 5000
#: A written override reason must say something a reader can act on (as on the service's pages).
MIN_REASON_LENGTH = 10
OPEN_CASE_STATUSES = ("awaiting_consent", "open")
MIDNIGHT = time(0, 0)
#: Columns that only one programme's referrals use.
PROGRAMME_COLUMNS = {
    "VIP": ("violence_related", "offence_type", "injury_type"),
    "REACH": ("school", "suspensions_before_referral", "attendance_percent_at_referral", "at_risk_of_exclusion",
              "vulnerabilities"),
    "PHOENIX": ("cohort_member", "cohort_tier", "notification_method"),
}
_PROGRAMME_NAMES = {"VIP": "VIP", "REACH": "Reach", "PHOENIX": "Phoenix"}


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _day(value: date) -> str:
    return long_date(value)


@dataclass
class Context:
    """What every importer needs: who imports, today, now, where problems go, progress."""

    user: object
    today: date
    now: datetime
    problems: Problems
    progress: Callable[[str], None]

    def __post_init__(self):
        #: The programmes of the user's teams: the import's scope.
        self.programmes: frozenset[str] = programmes_of(self.user)

    def problem(self, row: Row, column: str, reason: str) -> None:
        self.problems.add(row.number, column, reason)


@dataclass(frozen=True)
class Stored:
    """A record already imported under a provider reference: whether the importing user may see
    it, and its values in the file's own terms (column name -> value)."""

    in_scope: bool
    values: dict


class Importer(ABC):
    """One kind of file: look up, check, compare with what was imported before, write."""

    kind: Kind
    model: type

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._definitions: dict = {}
        #: Names of the tables `insert` wrote, so that only their statistics are refreshed.
        self.written: set[str] = set()

    # -- what was imported before ------------------------------------------------------------
    @abstractmethod
    def stored(self, references: list[str]) -> dict[str, Stored]:
        """Records already holding these provider references (scope or not)."""

    def comparable(self, row: Row, stored: Stored) -> dict:
        """The row's values in the same terms as `stored.values`."""
        return {name: row.values.get(name) for name in stored.values}

    def differences(self, row: Row, stored: Stored) -> list[str]:
        mine = self.comparable(row, stored)
        return [name for name in self.kind.header if name in stored.values and mine.get(name) != stored.values[name]]

    # -- new rows ----------------------------------------------------------------------------
    def load(self, rows: list[Row]) -> None:
        """Look up everything the new rows refer to (a query per chunk of references)."""

    @abstractmethod
    def check(self, row: Row):
        """Apply the rules; return what to write, or None after adding problems."""

    @abstractmethod
    def write(self, plans: list) -> None:
        """Write what `check` returned for every row, in bulk."""

    # -- helpers -----------------------------------------------------------------------------
    def definition(self, case):
        key = (case.programme, case.definition_version)
        if key not in self._definitions:
            self._definitions[key] = definition_for(case, self.ctx.today)
        return self._definitions[key]

    def base_values(self) -> dict:
        """Columns every versioned record with a public id starts with."""
        now = self.ctx.now
        return {"public_id": uuid.uuid4(), "version": 1, "created_at": now, "updated_at": now}

    def insert(self, model, rows: list[dict], *, returning: bool = False, label: str | None = None) -> list[int]:
        """Insert `rows` with executemany in chunks; with `returning`, the new ids in row order.

        The ids are read back by provider reference (one query per chunk) rather than with
        INSERT ... RETURNING, which SQLite can only do a row at a time when the order matters.
        """
        table = model.__table__
        self.written.add(table.name)
        ids: list[int] = []
        done = 0
        if "case_id" in table.c:
            # Core inserts bypass the flush hook that sets kept outcome evaluations aside.
            outcomes.set_aside({row["case_id"] for row in rows})
        for part in chunks(rows, CHUNK):
            db.session.execute(sa.insert(table), list(part))
            if returning:
                references = [row["provider_reference"] for row in part]
                found = {reference: row_id for reference, row_id in db.session.execute(
                    sa.select(table.c.provider_reference, table.c.id).where(table.c.provider_reference.in_(references)))}
                ids.extend(found[reference] for reference in references)
            done += len(part)
            if label and (done % PROGRESS_EVERY < CHUNK or done == len(rows)):
                self.ctx.progress(f"Wrote {done:,} of {len(rows):,} {label}")
        return ids

    def not_future(self, row: Row, column: str, value: date | None, what: str) -> bool:
        if value is not None and value > self.ctx.today:
            self.ctx.problem(row, column, f"The {what} must be today or in the past (got {value.isoformat()}).")
            return False
        return True


# --- cases looked up by provider reference ---------------------------------------------------------

_CASE_COLUMNS = (
    Case.id, Case.provider_reference, Case.programme, Case.definition_version, Case.team_id, Case.status,
    Case.started_on, Case.closed_on, Case.person_id, Case.referral_id, Case.support_started_on,
    Case.engagement_status, Referral.received_on.label("received_on"), Person.date_of_birth.label("date_of_birth"),
)


class CaseRecordImporter(Importer):
    """Importers of records that belong to a case (sessions, assessments, contacts...)."""

    def load(self, rows: list[Row]) -> None:
        references = sorted({row.values["case_reference"] for row in rows})
        self.cases = {}
        for part in chunks(references):
            for case in db.session.execute(
                sa.select(*_CASE_COLUMNS)
                .join(Referral, Referral.id == Case.referral_id)
                .join(Person, Person.id == Case.person_id)
                .where(Case.provider_reference.in_(part), case_scope(self.ctx.user))
            ):
                self.cases[case.provider_reference] = case

    def case_of(self, row: Row):
        case = self.cases.get(row.values["case_reference"])
        if case is None:
            self.ctx.problem(row, "case_reference",
                             f"No case with the provider reference {quoted(row.values['case_reference'])} in your "
                             "programmes. Import the cases file first, or check the reference.")
        return case

    def stored_with_case(self, model, columns: Iterable, references: list[str]) -> list:
        """Rows of `model` holding these references, with their case's reference and programme."""
        found = []
        for part in chunks(references):
            found.extend(db.session.execute(
                sa.select(*columns, Case.provider_reference.label("case_reference"), Case.programme.label("programme"))
                .join(Case, Case.id == model.case_id)
                .where(model.provider_reference.in_(part))
            ))
        return found


def _london_parts(moment: datetime | None) -> tuple[date | None, time | None]:
    if moment is None:
        return None, None
    local = moment.astimezone(LONDON)
    return local.date(), local.time().replace(second=0, microsecond=0)


def _at(day: date, clock: time | None) -> datetime:
    return datetime.combine(day, clock or MIDNIGHT, LONDON)


# --- people ------------------------------------------------------------------------------------

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
            programmes_by_person = defaultdict(set)
            for person_id, programme in db.session.execute(
                sa.select(Referral.person_id, Referral.programme).where(Referral.person_id.in_([p.id for p in people]))
            ):
                programmes_by_person[person_id].add(programme)
            for person in people:
                seen_by = programmes_by_person.get(person.id)
                in_scope = not seen_by or bool(seen_by & self.ctx.programmes)
                found[person.provider_reference] = Stored(
                    in_scope, {name: getattr(person, name) for name in _PERSON_FIELDS})
        return found

    def check(self, row):
        values = row.values
        ok = True
        for name in ("given_name", "family_name"):
            if not values[name]:
                self.ctx.problem(row, name, "This column is required: enter a value.")
                ok = False
        ok &= self.not_future(row, "date_of_birth", values["date_of_birth"], "date of birth")
        if not ok:
            return None
        return {**self.base_values(), **{name: values[name] for name in _PERSON_FIELDS},
                "provider_reference": row.reference}

    def write(self, plans):
        self.insert(Person, plans, label="people")


# --- referrals ---------------------------------------------------------------------------------

def _details_columns(programme: str, details: dict) -> dict:
    """A referral's stored details in the import file's columns."""
    values: dict = {name: None for columns in PROGRAMME_COLUMNS.values() for name in columns}
    for name in PROGRAMME_COLUMNS.get(programme, ()):
        values[name] = details.get(name)
    values["vulnerabilities"] = tuple(sorted(values["vulnerabilities"] or ()))
    values["accept_override_reason"] = details.get("accept_override_reason")
    return values


class ReferralsImporter(Importer):
    kind = REFERRALS
    model = Referral

    def stored(self, references):
        found = {}
        for part in chunks(references):
            for referral in db.session.execute(
                sa.select(Referral, Person.provider_reference.label("person_reference"), Team.name.label("team_name"))
                .join(Person, Person.id == Referral.person_id)
                .join(Team, Team.id == Referral.team_id)
                .where(Referral.provider_reference.in_(part))
            ):
                record = referral.Referral
                received_on, received_time = _london_parts(record.received_at)
                contact_on, contact_time = _london_parts(record.first_contact_at)
                values = {
                    "person_reference": referral.person_reference,
                    "team": " ".join(referral.team_name.split()).lower(),
                    "received_on": received_on, "received_time": received_time,
                    "source": record.source, "setting": record.setting, "status": record.status,
                    "decided_on": london_date(record.decided_at) if record.decided_at else None,
                    "decline_reason": record.decline_reason,
                    "first_contact_on": contact_on, "first_contact_time": contact_time,
                    **_details_columns(record.programme, record.details or {}),
                }
                found[record.provider_reference] = Stored(record.programme in self.ctx.programmes, values)
        return found

    def comparable(self, row, stored):
        values = dict(row.values)
        values["team"] = (values["team"] or "").lower()
        values["received_time"] = values["received_time"] or MIDNIGHT
        values["status"] = values["status"] or "pending"
        values["vulnerabilities"] = tuple(values["vulnerabilities"] or ())
        values["source"] = (values["source"] or "").lower()
        values["setting"] = values["setting"].lower() if values["setting"] else None
        return values

    def load(self, rows):
        people_refs = sorted({row.values["person_reference"] for row in rows})
        self.people = {}
        for part in chunks(people_refs):
            people = db.session.execute(
                sa.select(Person.id, Person.provider_reference, Person.date_of_birth, Person.local_authority)
                .where(Person.provider_reference.in_(part))
            ).all()
            seen_by = defaultdict(set)
            for person_id, programme in db.session.execute(
                sa.select(Referral.person_id, Referral.programme).where(Referral.person_id.in_([p.id for p in people]))
            ):
                seen_by[person_id].add(programme)
            for person in people:
                # A person already referred is reachable only through a programme of the importer's.
                if not seen_by.get(person.id) or seen_by[person.id] & self.ctx.programmes:
                    self.people[person.provider_reference] = person
        self.teams = {
            " ".join(team.name.split()).lower(): team
            for team in db.session.execute(sa.select(Team.id, Team.name, Team.programme).where(Team.active))
        }
        person_ids = [person.id for person in self.people.values()]
        self.open_cases: set[tuple[int, str]] = set()
        for part in chunks(person_ids):
            self.open_cases.update((person_id, programme) for person_id, programme in db.session.execute(
                sa.select(Case.person_id, Case.programme)
                .where(Case.person_id.in_(part), Case.status.in_(OPEN_CASE_STATUSES))
            ))

    def check(self, row):
        ctx, values = self.ctx, row.values
        ok = True
        team = self.teams.get((values["team"] or "").lower())
        if team is None or team.programme not in ctx.programmes:
            ctx.problem(row, "team", f"{quoted(values['team'])} is not a team of your programmes; use the team's "
                                     "name exactly as the service shows it.")
            return None
        person = self.people.get(values["person_reference"])
        if person is None:
            ctx.problem(row, "person_reference",
                        f"No person with the provider reference {quoted(values['person_reference'])} has been "
                        "imported for your programmes. Import the people file first, or check the reference.")
            ok = False
        programme = team.programme
        name = _PROGRAMME_NAMES.get(programme, programme)
        received_at = _at(values["received_on"], values["received_time"])
        if received_at > ctx.now:
            ctx.problem(row, "received_on", "The date and time received must not be in the future.")
            return None
        try:
            definition = programmes.definition_on(programme, values["received_on"])
        except programmes.NoDefinitionInForce as error:
            ctx.problem(row, "received_on", str(error))
            return None

        source = _match(values["source"], definition.referral_sources)
        if source is None:
            ctx.problem(row, "source", f"{quoted(values['source'])} is not a {name} referral source; use one of: "
                                       + ", ".join(t.code for t in definition.referral_sources))
            ok = False
        setting = None
        if definition.settings:
            setting = _match(values["setting"], definition.settings) if values["setting"] else None
            if setting is None:
                listed = ", ".join(t.code for t in definition.settings)
                ctx.problem(row, "setting", f"Enter where the young person was referred from, one of: {listed}"
                            if not values["setting"] else
                            f"{quoted(values['setting'])} is not a {name} setting; use one of: {listed}")
                ok = False
        elif values["setting"]:
            ctx.problem(row, "setting", f"{name} referrals have no setting: leave it blank.")
            ok = False
        for other, columns in PROGRAMME_COLUMNS.items():
            if other == programme:
                continue
            for column in columns:
                if values[column] not in (None, ()):
                    ctx.problem(row, column, f"Only for {_PROGRAMME_NAMES[other]} referrals: leave it blank "
                                             f"for a {name} referral.")
                    ok = False
        if programme == "REACH" and not values["school"]:
            ctx.problem(row, "school", "Enter the name of the school (required for Reach referrals).")
            ok = False
        if programme == "PHOENIX" and values["cohort_member"] is False and values["cohort_tier"]:
            ctx.problem(row, "cohort_tier", "Leave the cohort tier blank: the person is not a cohort member.")
            ok = False
        if programme == "VIP":
            if values["offence_type"] and setting != "custody":
                ctx.problem(row, "offence_type", "The offence is only recorded for referrals from custody.")
                ok = False
            if values["injury_type"] and setting not in ("a_and_e", "other_health"):
                ctx.problem(row, "injury_type",
                            "The injury is only recorded for referrals from A&E or another health setting.")
                ok = False

        status = values["status"] or "pending"
        decided_on = values["decided_on"]
        if status == "pending":
            for column in ("decided_on", "decline_reason"):
                if values[column]:
                    ctx.problem(row, column, "Leave it blank for a pending referral.")
                    ok = False
        else:
            if decided_on is None:
                ctx.problem(row, "decided_on", f"Enter the date the referral was {status}.")
                ok = False
            elif decided_on < values["received_on"]:
                ctx.problem(row, "decided_on", "The decision cannot be before the referral was received.")
                ok = False
            else:
                ok &= self.not_future(row, "decided_on", decided_on, "date of the decision")
            if status == "declined" and not values["decline_reason"]:
                ctx.problem(row, "decline_reason", "Enter the reason the referral was declined.")
                ok = False
            if status == "accepted" and values["decline_reason"]:
                ctx.problem(row, "decline_reason", "Leave it blank for an accepted referral.")
                ok = False

        first_contact_at = None
        if values["first_contact_on"] is not None or values["first_contact_time"] is not None:
            if values["first_contact_on"] is None:
                ctx.problem(row, "first_contact_on", "Enter the date of first contact, or leave the time blank.")
                ok = False
            elif values["first_contact_time"] is None:
                ctx.problem(row, "first_contact_time", "Enter the time of first contact.")
                ok = False
            else:
                first_contact_at = _at(values["first_contact_on"], values["first_contact_time"])
                if not received_at <= first_contact_at <= ctx.now:
                    ctx.problem(row, "first_contact_on",
                                "The time of first contact must be after the referral and not in the future.")
                    ok = False
        if not ok:
            return None

        details = _referral_details(programme, values, source)
        override = (values["accept_override_reason"] or "").strip()
        if override:
            details["accept_override_reason"] = override
        has_open_case = (person.id, programme) in self.open_cases
        decision = rules.check_eligibility(definition, ReferralFacts(
            referral_on=values["received_on"], date_of_birth=person.date_of_birth,
            local_authority=person.local_authority, setting=setting, referral_source=source,
            has_open_case=has_open_case, programme_facts=programme_facts(definition, details),
        ))
        if status == "accepted":
            if has_open_case:
                ctx.problem(row, "status", f"The person already has an open {name} case, so this referral cannot "
                                           "be accepted; decline it with the reason already_open.")
                return None
            if decision.outcome == "not_eligible" and len(override) < MIN_REASON_LENGTH:
                ctx.problem(row, "accept_override_reason",
                            f"This referral is not eligible: {decision.unmet[0].text} To accept it anyway, write why "
                            f"in accept_override_reason (at least {MIN_REASON_LENGTH} characters).")
                return None
        decided_at = None
        if status != "pending":
            decided_at = max(received_at, _at(decided_on, None))
        return {
            **self.base_values(), "person_id": person.id, "programme": programme, "team_id": team.id,
            "definition_version": definition.version, "received_at": received_at,
            "received_on": values["received_on"], "source": source, "setting": setting, "details": details,
            "status": status, "decline_reason": values["decline_reason"] if status == "declined" else None,
            "decided_at": decided_at, "decided_by_id": ctx.user.id if decided_at else None,
            "eligibility": decision.trace(), "first_contact_at": first_contact_at,
            "first_contact_on": london_date(first_contact_at) if first_contact_at else None,
            "created_by_id": ctx.user.id, "provider_reference": row.reference,
        }

    def write(self, plans):
        self.insert(Referral, plans, label="referrals")


def _match(value: str | None, terms) -> str | None:
    """The code of `terms` that `value` names (letter case does not matter), or None."""
    if not value:
        return None
    wanted = value.lower()
    return next((term.code for term in terms if term.code.lower() == wanted), None)


def _referral_details(programme: str, values: dict, source: str | None) -> dict:
    """Referral.details as the referral form stores them."""
    if programme == "VIP":
        details = {"violence_related": values["violence_related"]}
        for name in ("offence_type", "injury_type"):
            if values[name]:
                details[name] = values[name]
        return details
    if programme == "REACH":
        return {
            "school": values["school"],
            "suspensions_before_referral": values["suspensions_before_referral"],
            "attendance_percent_at_referral": values["attendance_percent_at_referral"],
            "at_risk_of_exclusion": values["at_risk_of_exclusion"],
            "vulnerabilities": list(values["vulnerabilities"] or ()),
        }
    if programme == "PHOENIX":
        return {
            "nominating_agency": source,
            "cohort_member": values["cohort_member"],
            "cohort_tier": values["cohort_tier"],
            "notification_method": values["notification_method"],
        }
    return {}


# --- cases ---------------------------------------------------------------------------------------

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
                if case.programme == "PHOENIX" and support == case.started_on:
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
        person_ids = sorted({referral.person_id for referral in self.referrals.values()})
        self.open_cases: set[tuple[int, str]] = set()
        for part in chunks(person_ids):
            self.open_cases.update((person_id, programme) for person_id, programme in db.session.execute(
                sa.select(Case.person_id, Case.programme)
                .where(Case.person_id.in_(part), Case.status.in_(OPEN_CASE_STATUSES))
            ))
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
        team_ids = {referral.team_id for referral in self.referrals.values()}
        self.team_names = {team_id: name for team_id, name in db.session.execute(
            sa.select(Team.id, Team.name).where(Team.id.in_(team_ids)))} \
            if team_ids else {}
        self.in_file_referrals: dict[int, int] = {}
        self.in_file_people: dict[tuple[int, str], int] = {}

    def _worker(self, row, column: str, team_id: int, roles: tuple[str, ...], what: str):
        email = row.values[column]
        if not email:
            return None
        user = self.users.get(email)
        if user is None or user.role not in roles or team_id not in self.memberships.get(user.id, ()):
            self.ctx.problem(row, column, f"{quoted(email)} is not {what} in the team "
                                          f"{quoted(self.team_names.get(team_id, ''))}.")
            return False
        return user

    def check(self, row):
        ctx, values = self.ctx, row.values
        referral = self.referrals.get(values["referral_reference"])
        if referral is None:
            ctx.problem(row, "referral_reference",
                        f"No referral with the provider reference {quoted(values['referral_reference'])} in your "
                        "programmes. Import the referrals file first, or check the reference.")
            return None
        name = _PROGRAMME_NAMES.get(referral.programme, referral.programme)
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
        if key in self.open_cases or key in self.in_file_people:
            where = f" (row {self.in_file_people[key]})" if key in self.in_file_people else ""
            ctx.problem(row, "referral_reference", f"The person already has an open {name} case{where}.")
            return None
        ok = True
        started_on = values["started_on"]
        if started_on is not None:
            if started_on < referral.received_on:
                ctx.problem(row, "started_on", "The case cannot start before the referral was received on "
                                               f"{_day(referral.received_on)}.")
                ok = False
            ok &= self.not_future(row, "started_on", started_on, "start date")
        support = values["support_started_on"]
        if referral.programme != "PHOENIX":
            for column in ("navigator", "support_started_on"):
                if values[column]:
                    ctx.problem(row, column, f"Only Phoenix cases have this: leave it blank for a {name} case.")
                    ok = False
        elif support is not None:
            if started_on is None:
                ctx.problem(row, "support_started_on", "Support cannot start before the case has started.")
                ok = False
            elif support < started_on:
                ctx.problem(row, "support_started_on", "Support cannot start before the case started.")
                ok = False
            else:
                ok &= self.not_future(row, "support_started_on", support, "date support started")
        lead = self._worker(row, "lead_worker", referral.team_id, CASE_WORKERS, "a youth worker or navigator")
        navigator = self._worker(row, "navigator", referral.team_id, ("navigator",), "a navigator") \
            if referral.programme == "PHOENIX" else None
        if lead is False or navigator is False or not ok:
            return None
        self.in_file_referrals[referral.id] = row.number
        self.in_file_people[key] = row.number
        phoenix = referral.programme == "PHOENIX"
        return {
            **self.base_values(), "person_id": referral.person_id, "referral_id": referral.id,
            "programme": referral.programme, "definition_version": referral.definition_version,
            "team_id": referral.team_id, "status": "open" if started_on else "awaiting_consent",
            "started_on": started_on, "closed_on": None,
            "lead_worker_id": lead.id if lead else None, "navigator_id": navigator.id if navigator else None,
            "support_started_on": (support or started_on) if phoenix else None,
            "engagement_status": "not_yet_contacted" if phoenix else None,
            "closure_requested_at": None, "closure_requested_by_id": None,
            "provider_reference": row.reference,
        }

    def write(self, plans):
        ids = self.insert(Case, plans, returning=True, label="cases")
        allocations = []
        now = self.ctx.now
        for case_id, plan in zip(ids, plans):
            for role, user_id in (("lead_worker", plan["lead_worker_id"]), ("navigator", plan["navigator_id"])):
                if user_id is not None:
                    allocations.append({"case_id": case_id, "role": role, "user_id": user_id, "started_at": now,
                                        "ended_at": None, "allocated_by_id": self.ctx.user.id,
                                        "created_at": now, "updated_at": now})
        self.insert(Allocation, allocations)


# --- sessions ------------------------------------------------------------------------------------

class SessionsImporter(CaseRecordImporter):
    kind = SESSIONS
    model = Session

    def stored(self, references):
        found = {}
        sessions = self.stored_with_case(Session, (
            Session.id, Session.provider_reference, Session.held_on, Session.start_time, Session.duration_minutes,
            Session.mode, Session.location, Session.attendance, Session.behaviour_concern, Session.behaviour_note,
            Session.notes), references)
        components: dict[int, list[str]] = defaultdict(list)
        for part in chunks([s.id for s in sessions]):
            for session_id, code in db.session.execute(
                sa.select(SessionComponent.session_id, SessionComponent.component_code)
                .where(SessionComponent.session_id.in_(part))
            ):
                components[session_id].append(code)
        for s in sessions:
            found[s.provider_reference] = Stored(s.programme in self.ctx.programmes, {
                "case_reference": s.case_reference, "held_on": s.held_on, "start_time": s.start_time,
                "duration_minutes": s.duration_minutes, "mode": s.mode, "location": s.location,
                "attendance": s.attendance, "components": tuple(sorted(components.get(s.id, ()))),
                "behaviour_concern": s.behaviour_concern, "behaviour_note": s.behaviour_note or "",
                "notes": s.notes or "",
            })
        return found

    def comparable(self, row, stored):
        values = row.values
        return {
            "case_reference": values["case_reference"], "held_on": values["held_on"],
            "start_time": values["start_time"], "duration_minutes": values["duration_minutes"] or 0,
            "mode": values["mode"], "location": values["location"], "attendance": values["attendance"],
            "components": tuple(sorted({code.upper() for code in values["components"] or ()})),
            "behaviour_concern": bool(values["behaviour_concern"]),
            "behaviour_note": values["behaviour_note"] or "", "notes": values["notes"] or "",
        }

    def load(self, rows):
        super().load(rows)
        self.components: dict = {}

    def allowed_components(self, case) -> dict[str, str]:
        definition = self.definition(case)
        key = (definition.programme_code, definition.version)
        if key not in self.components:
            self.components[key] = {c.code.upper(): c.code for c in definition.session_components}
        return self.components[key]

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        if case.status == "awaiting_consent":
            ctx.problem(row, "case_reference",
                        "Sessions can only be logged once consent is in place; this case is still awaiting consent.")
            return None
        if case.status == "closed":
            ctx.problem(row, "case_reference", "Sessions can only be logged on open cases; this case was closed "
                                               f"on {_day(case.closed_on)}.")
            return None
        ok = True
        held_on = values["held_on"]
        earliest = case.started_on if case.started_on and case.started_on > case.received_on else case.received_on
        if held_on > ctx.today:
            ctx.problem(row, "held_on", f"The date of the session must be today or in the past (got {held_on}).")
            ok = False
        elif held_on < earliest:
            ctx.problem(row, "held_on", f"The date of the session must be on or after {_day(earliest)}, when the "
                                        "case started.")
            ok = False
        attended = values["attendance"] == "attended"
        allowed = self.allowed_components(case)
        codes = []
        for given in values["components"] or ():
            found = allowed.get(given.upper())
            if found is None:
                ctx.problem(row, "components", f"{quoted(given)} is not a component of this programme's sessions; "
                                               f"use: {', '.join(allowed.values())}")
                ok = False
            elif found not in codes:
                codes.append(found)
        duration = values["duration_minutes"]
        concern = bool(values["behaviour_concern"])
        note = values["behaviour_note"] or ""
        if attended:
            if not values["components"]:
                ctx.problem(row, "components", "Enter at least one component the session covered.")
                ok = False
            if not duration:
                ctx.problem(row, "duration_minutes",
                            f"Enter how many minutes the session lasted (1 to {MAX_DURATION_MINUTES}).")
                ok = False
        else:
            if values["components"]:
                ctx.problem(row, "components", "Only a session that was attended can cover components: leave it "
                                               "blank, or set attendance to attended.")
                ok = False
            if concern:
                ctx.problem(row, "behaviour_concern",
                            "A behaviour concern can only be recorded for a session that was attended.")
                ok = False
        if concern and not note:
            ctx.problem(row, "behaviour_note", "Describe the behaviour concern.")
            ok = False
        if note and not concern:
            ctx.problem(row, "behaviour_note", "Leave it blank unless behaviour_concern is yes.")
            ok = False
        if not ok:
            return None
        return ({
            **self.base_values(), "case_id": case.id, "held_on": held_on, "start_time": values["start_time"],
            "duration_minutes": duration or 0, "mode": values["mode"], "location": values["location"],
            "attendance": values["attendance"], "behaviour_concern": concern, "behaviour_note": note if concern else "",
            "notes": values["notes"] or "", "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }, sorted(codes))

    def write(self, plans):
        ids = self.insert(Session, [session for session, _ in plans], returning=True, label="sessions")
        components = [{"session_id": session_id, "component_code": code}
                      for session_id, (_, codes) in zip(ids, plans) for code in codes]
        self.insert(SessionComponent, components)


# --- assessments ---------------------------------------------------------------------------------

_SDQ_NAMES = tuple(column.name for column in SDQ_COLUMNS)


class AssessmentsImporter(CaseRecordImporter):
    kind = ASSESSMENTS
    model = Assessment

    def stored(self, references):
        found = {}
        assessments = self.stored_with_case(Assessment, (
            Assessment.id, Assessment.provider_reference, Assessment.instrument, Assessment.timepoint,
            Assessment.completed_on, Assessment.informant, Assessment.subscores), references)
        items: dict[int, dict[str, int]] = defaultdict(dict)
        for part in chunks([a.id for a in assessments]):
            for assessment_id, code, value in db.session.execute(
                sa.select(AssessmentItem.assessment_id, AssessmentItem.item_code, AssessmentItem.value)
                .where(AssessmentItem.assessment_id.in_(part))
            ):
                items[assessment_id][code] = value
        for a in assessments:
            subscales = (a.subscores or {}).get("subscales", {}) if a.instrument == "SDQ" else {}
            values = {
                "case_reference": a.case_reference, "instrument": a.instrument, "timepoint": a.timepoint,
                "completed_on": a.completed_on, "informant": a.informant, "responses": items.get(a.id, {}),
            }
            for name in _SDQ_NAMES:
                values[name] = subscales.get(name.removeprefix("sdq_"))
            found[a.provider_reference] = Stored(a.programme in self.ctx.programmes, values)
        return found

    def comparable(self, row, stored):
        values = {name: row.values[name] for name in stored.values}
        values["instrument"] = (values["instrument"] or "").upper()
        values["responses"] = values["responses"] or {}
        return values

    def load(self, rows):
        super().load(rows)
        ids = [case.id for case in self.cases.values()]
        #: (case id, instrument, timepoint) of every assessment already on these cases.
        self.taken: dict[tuple[int, str, str], date] = {}
        self.used: set[tuple[int, str]] = set()
        for part in chunks(ids):
            for case_id, instrument, timepoint, completed_on in db.session.execute(
                sa.select(Assessment.case_id, Assessment.instrument, Assessment.timepoint, Assessment.completed_on)
                .where(Assessment.case_id.in_(part))
            ):
                self.taken.setdefault((case_id, instrument, timepoint), completed_on)
                self.used.add((case_id, instrument))
        self.in_file: dict[tuple[int, str, str], int] = {}

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        definition = self.definition(case)
        wanted = (values["instrument"] or "").upper()
        code = next((c for c in definition.instruments if c.upper() == wanted), None)
        if code is None:
            ctx.problem(row, "instrument", f"{quoted(values['instrument'])} is not an assessment this programme uses; "
                                           f"use one of: {', '.join(definition.instruments)}")
            return None
        instrument = rules.instrument_for(definition, code)
        ok = True
        completed_on = values["completed_on"]
        if completed_on > ctx.today:
            ctx.problem(row, "completed_on", "The date completed cannot be in the future.")
            ok = False
        elif completed_on < case.received_on:
            ctx.problem(row, "completed_on", "The date completed cannot be before the referral was received "
                                             f"({_day(case.received_on)}).")
            ok = False
        elif case.date_of_birth is not None and (case.id, code) not in self.used:
            age = rules.age_on(case.date_of_birth, completed_on)
            if code not in rules.instruments_for_age(definition, age):
                limit = (f"aged {instrument.min_age} and over" if instrument.min_age is not None
                         and age < instrument.min_age else f"aged up to {instrument.max_age}")
                ctx.problem(row, "instrument", f"The {instrument.short_name} is for young people {limit}; the young "
                                               f"person was {age} on the date it was completed.")
                ok = False
        timepoint = values["timepoint"]
        key = (case.id, code, timepoint)
        if timepoint in ("pre", "post"):
            if key in self.taken:
                ctx.problem(row, "timepoint", f"This case already has a {timepoint} {instrument.short_name}, completed "
                                              f"on {_day(self.taken[key])}.")
                ok = False
            elif key in self.in_file:
                ctx.problem(row, "timepoint", f"Row {self.in_file[key]} already gives this case's {timepoint} "
                                              f"{instrument.short_name}.")
                ok = False
        if instrument.scores_only:
            informant = values["informant"]
            subscales = {name.removeprefix("sdq_"): values[name] for name in _SDQ_NAMES}
            if informant is None:
                ctx.problem(row, "informant", "Enter who completed the SDQ: self, parent or teacher.")
                ok = False
            for name in _SDQ_NAMES:
                if values[name] is None:
                    ctx.problem(row, name, "Enter this SDQ score (0 to 10).")
                    ok = False
            if values["responses"]:
                ctx.problem(row, "responses", "The SDQ is recorded by its subscale scores only: leave it blank.")
                ok = False
            answers = subscales
        else:
            informant = None
            answers = values["responses"] or {}
            for name in ("informant", *_SDQ_NAMES):
                if values[name] is not None:
                    ctx.problem(row, name, f"Only for the SDQ: leave it blank for the {instrument.short_name}.")
                    ok = False
            if not answers:
                ctx.problem(row, "responses", f"Enter the answers to the {instrument.short_name}, like "
                                              f"{instrument.item_codes[0]}=4;{instrument.item_codes[1]}=3;...")
                ok = False
            else:
                for message in validate_responses(instrument, answers):
                    ctx.problem(row, "responses", message)
                    ok = False
        if not ok:
            return None
        try:
            figures = scored_fields(instrument, answers, informant)
        except AssessmentRefused as error:
            ctx.problem(row, "responses" if not instrument.scores_only else _SDQ_NAMES[0], str(error))
            return None
        self.in_file[key] = row.number
        self.used.add((case.id, code))
        items = [] if instrument.scores_only else [(item, int(answers[item])) for item in instrument.item_codes]
        return ({
            **self.base_values(), "case_id": case.id, "instrument": code, "timepoint": timepoint,
            "completed_on": completed_on, "informant": informant, "score": figures["score"],
            "subscores": figures["subscores"], "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }, items)

    def write(self, plans):
        ids = self.insert(Assessment, [assessment for assessment, _ in plans], returning=True, label="assessments")
        items = [{"assessment_id": assessment_id, "item_code": code, "value": value}
                 for assessment_id, (_, answers) in zip(ids, plans) for code, value in answers]
        self.insert(AssessmentItem, items)


# --- engagement contacts -------------------------------------------------------------------------

class EngagementContactsImporter(CaseRecordImporter):
    kind = ENGAGEMENT_CONTACTS
    model = EngagementContact

    def stored(self, references):
        found = {}
        for c in self.stored_with_case(EngagementContact, (
                EngagementContact.provider_reference, EngagementContact.contacted_at, EngagementContact.method,
                EngagementContact.result, EngagementContact.notes), references):
            day, clock = _london_parts(c.contacted_at)
            found[c.provider_reference] = Stored(c.programme in self.ctx.programmes, {
                "case_reference": c.case_reference, "contacted_on": day, "contacted_time": clock,
                "method": c.method, "result": c.result, "notes": c.notes or "",
            })
        return found

    def comparable(self, row, stored):
        values = {name: row.values[name] for name in stored.values}
        values["contacted_time"] = values["contacted_time"] or MIDNIGHT
        values["notes"] = values["notes"] or ""
        return values

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        contacted_at = _at(values["contacted_on"], values["contacted_time"])
        if contacted_at > ctx.now:
            ctx.problem(row, "contacted_on", "The date of the attempt must be today or in the past.")
            return None
        if values["contacted_on"] < case.received_on:
            ctx.problem(row, "contacted_on", "The attempt cannot be before the referral was received "
                                             f"({_day(case.received_on)}).")
            return None
        return {
            **self.base_values(), "case_id": case.id, "contacted_at": contacted_at,
            "contacted_on": values["contacted_on"], "method": values["method"], "result": values["result"],
            "notes": values["notes"] or "", "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }

    def write(self, plans):
        self.insert(EngagementContact, plans, label="engagement contacts")


# --- onward referrals ----------------------------------------------------------------------------

class OnwardReferralsImporter(CaseRecordImporter):
    kind = ONWARD_REFERRALS
    model = OnwardReferral

    def stored(self, references):
        found = {}
        session = aliased(Session)
        for part in chunks(references):
            for o in db.session.execute(
                sa.select(OnwardReferral.provider_reference, OnwardReferral.referred_on, OnwardReferral.service_type,
                          OnwardReferral.agency, OnwardReferral.status, Case.provider_reference.label("case_reference"),
                          Case.programme, session.provider_reference.label("session_reference"))
                .join(Case, Case.id == OnwardReferral.case_id)
                .outerjoin(session, session.id == OnwardReferral.session_id)
                .where(OnwardReferral.provider_reference.in_(part))
            ):
                found[o.provider_reference] = Stored(o.programme in self.ctx.programmes, {
                    "case_reference": o.case_reference, "referred_on": o.referred_on,
                    "service_type": o.service_type, "agency": o.agency, "status": o.status,
                    "session_reference": o.session_reference,
                })
        return found

    def comparable(self, row, stored):
        values = {name: row.values[name] for name in stored.values}
        values["status"] = values["status"] or "made"
        return values

    def load(self, rows):
        super().load(rows)
        references = sorted({row.values["session_reference"] for row in rows if row.values["session_reference"]})
        self.sessions = {}
        for part in chunks(references):
            for s in db.session.execute(
                sa.select(Session.id, Session.provider_reference, Session.case_id, Session.attendance)
                .where(Session.provider_reference.in_(part))
            ):
                self.sessions[s.provider_reference] = s

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        if case.started_on is None:
            ctx.problem(row, "case_reference", "The case has not started (it is awaiting consent), so no onward "
                                               "referral can be recorded on it.")
            return None
        referred_on = values["referred_on"]
        ok = self.not_future(row, "referred_on", referred_on, "date of the referral")
        if referred_on < case.started_on:
            ctx.problem(row, "referred_on", f"The referral cannot be before the case started on "
                                            f"{_day(case.started_on)}.")
            ok = False
        if case.closed_on is not None and referred_on > case.closed_on:
            ctx.problem(row, "referred_on", f"The referral cannot be after the case closed on {_day(case.closed_on)}.")
            ok = False
        if not values["agency"]:
            ctx.problem(row, "agency", "Enter the name of the agency the young person was referred to.")
            ok = False
        session_id = None
        if values["session_reference"]:
            session = self.sessions.get(values["session_reference"])
            if session is None or session.case_id != case.id:
                ctx.problem(row, "session_reference", f"No session of this case has the provider reference "
                                                      f"{quoted(values['session_reference'])}.")
                ok = False
            elif session.attendance != "attended":
                ctx.problem(row, "session_reference",
                            "An onward referral can only be made in a session that was attended.")
                ok = False
            else:
                session_id = session.id
        if not ok:
            return None
        return {
            **self.base_values(), "case_id": case.id, "session_id": session_id,
            "service_type": values["service_type"], "agency": values["agency"], "referred_on": referred_on,
            "status": values["status"] or "made", "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }

    def write(self, plans):
        self.insert(OnwardReferral, plans, label="onward referrals")


# --- closures ------------------------------------------------------------------------------------

class ClosuresImporter(CaseRecordImporter):
    kind = CLOSURES
    model = Closure

    def stored(self, references):
        found = {}
        for c in self.stored_with_case(Closure, (
                Closure.provider_reference, Closure.closed_on, Closure.reason, Closure.override_reason), references):
            found[c.provider_reference] = Stored(c.programme in self.ctx.programmes, {
                "case_reference": c.case_reference, "closed_on": c.closed_on, "reason": c.reason,
                "override_reason": c.override_reason,
            })
        return found

    def differences(self, row, stored):
        different = [name for name in ("case_reference", "closed_on", "reason")
                     if row.values[name] != stored.values[name]]
        # An override is only stored when the check needed one; a reason given anyway is not a change.
        written = stored.values["override_reason"]
        if written is not None and (row.values["override_reason"] or "").strip() != written:
            different.append("override_reason")
        return different

    def load(self, rows):
        super().load(rows)
        # Every closure stores the closure check as it stood, whatever the reason (as in the service).
        closing = [self.cases[reference] for reference in sorted({row.values["case_reference"] for row in rows})
                   if reference in self.cases]
        self.facts = {}
        for part in chunks(closing, 500):
            self.facts.update(case_facts(part))
        self.in_file: dict[int, int] = {}

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        if case.status == "closed":
            ctx.problem(row, "case_reference", f"The case is already closed (on {_day(case.closed_on)}).")
            return None
        if case.id in self.in_file:
            ctx.problem(row, "case_reference", f"Row {self.in_file[case.id]} already closes this case.")
            return None
        closed_on, reason = values["closed_on"], values["reason"]
        ok = self.not_future(row, "closed_on", closed_on, "closure date")
        start = case.started_on or case.received_on
        if closed_on < start:
            ctx.problem(row, "closed_on", f"The closure date cannot be before the case started on {_day(start)}.")
            ok = False
        override = (values["override_reason"] or "").strip() or None
        if override and len(override) < MIN_REASON_LENGTH:
            ctx.problem(row, "override_reason",
                        f"Write at least {MIN_REASON_LENGTH} characters to explain the override.")
            ok = False
        if override and getattr(ctx.user, "role", None) != "manager":
            ctx.problem(row, "override_reason", "Only a manager can override the closure check.")
            ok = False
        if case.status == "awaiting_consent" and reason == "planned_completion":
            ctx.problem(row, "reason", "A case that never started cannot close as a planned completion.")
            ok = False
        if not ok:
            return None
        definition = self.definition(case)
        check = rules.closure_check(definition, self.facts[case.id], closed_on)
        if check.ok or reason != "planned_completion":
            override = None  # nothing to override
        decision = rules.closure_allowed(definition, check, reason, override)
        if not decision.allowed:
            unmet = "; ".join(condition.text for condition in check.unmet)
            ctx.problem(row, "override_reason" if reason == "planned_completion" else "reason",
                        f"Cannot close as a planned completion on {closed_on.isoformat()}: {unmet} A manager's "
                        "written reason in override_reason allows it; otherwise choose another reason."
                        if reason == "planned_completion" else " ".join(decision.reasons))
            return None
        self.in_file[case.id] = row.number
        return {
            **{key: value for key, value in self.base_values().items() if key != "version"},
            "case_id": case.id, "reason": reason, "closed_on": closed_on, "check_passed": check.ok,
            "check_trace": check.trace(), "definition_version": definition.version,
            "override_reason": override if decision.overridden else None, "closed_by_id": ctx.user.id,
            "reopened_at": None, "reopened_by_id": None, "reopen_reason": None, "provider_reference": row.reference,
        }

    def write(self, plans):
        self.insert(Closure, plans, label="closures")
        cases = Case.__table__
        statement = (
            sa.update(cases).where(cases.c.id == sa.bindparam("b_id"))
            .values(status="closed", closed_on=sa.bindparam("b_closed_on"), closure_requested_at=None,
                    closure_requested_by_id=None, version=cases.c.version + 1, updated_at=self.ctx.now)
        )
        for part in chunks(plans):
            db.session.execute(statement, [{"b_id": plan["case_id"], "b_closed_on": plan["closed_on"]} for plan in part])
        outcomes.refresh()


IMPORTERS: dict[str, type[Importer]] = {
    importer.kind.name: importer
    for importer in (PeopleImporter, ReferralsImporter, CasesImporter, SessionsImporter, AssessmentsImporter,
                     EngagementContactsImporter, OnwardReferralsImporter, ClosuresImporter)
}
