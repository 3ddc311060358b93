"""Referrals: the team and the programme's sources and settings, the decision, first contact and
eligibility, with a written reason to accept a referral that is not eligible."""

from __future__ import annotations

import sqlalchemy as sa

import programmes
from casework.auth.models import Team
from casework.db import db
from casework.imports.cells import quoted
from casework.imports.checks.base import (
    MIDNIGHT,
    Importer,
    Stored,
    _at,
    _london_parts,
    chunks,
    open_cases,
)
from casework.imports.schemas import REFERRALS, intake_columns, intake_owners
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.referrals.queries import programme_facts
from casework.timezone import london_date
from programmes import rules
from programmes.checks.referral import ReferralValues as ReferralCheckValues
from programmes.checks.referral import TriageContext, TriageValues, check_referral, check_triage
from programmes.facts import ReferralFacts
from programmes.intake import intake_details


def _details_columns(details: dict, intake_names: tuple[str, ...]) -> dict:
    """A referral's stored details in the import file's columns (code lists as sorted tuples,
    as the file's cells are read), so a file imported again compares equal."""
    values: dict = {}
    for name in intake_names:
        value = details.get(name)
        values[name] = tuple(sorted(value)) if isinstance(value, list) else value
    values["accept_override_reason"] = details.get("accept_override_reason")
    return values


#: The file's column for each field of the referral check and the triage check.
_REFERRAL_COLUMNS = {"received_at": "received_on", "first_contact_at": "first_contact_on"}
_TRIAGE_COLUMNS = {"decision": "status", "override_reason": "accept_override_reason"}


class ReferralsImporter(Importer):
    kind = REFERRALS
    model = Referral

    def __init__(self, ctx):
        super().__init__(ctx)
        # The programmes' intake columns, worked out once per file rather than per row.
        self.intake_names = tuple(column.name for column in intake_columns())
        self.intake_owners = intake_owners()

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
                    "team": _team_key(referral.team_name),
                    "received_on": received_on, "received_time": received_time,
                    "source": record.source, "setting": record.setting, "status": record.status,
                    "decided_on": london_date(record.decided_at) if record.decided_at else None,
                    "decline_reason": record.decline_reason,
                    "first_contact_on": contact_on, "first_contact_time": contact_time,
                    **_details_columns(record.details or {}, self.intake_names),
                }
                found[record.provider_reference] = Stored(record.programme in self.ctx.programmes, values)
        return found

    def comparable(self, row, stored):
        values = dict(row.values)
        values["team"] = (values["team"] or "").lower()
        values["received_time"] = values["received_time"] or MIDNIGHT
        values["status"] = values["status"] or "pending"
        for name in self.intake_names:
            if values.get(name) == ():
                values[name] = None
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
            reachable = self.reachable_people(people)
            for person in people:
                if person.id in reachable:
                    self.people[person.provider_reference] = person
        self.teams = {
            _team_key(team.name): team
            for team in db.session.execute(sa.select(Team.id, Team.name, Team.programme).where(Team.active))
        }
        self.open_cases = open_cases([person.id for person in self.people.values()])

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
        name = programmes.get_programme(programme).short_name
        received_at = _at(values["received_on"], values["received_time"])
        try:
            definition = programmes.definition_on(programme, values["received_on"])
        except programmes.NoDefinitionInForce as error:
            ctx.problem(row, "received_on", str(error))
            return None

        source = _match(values["source"], definition.referral_sources) or values["source"]
        setting = (_match(values["setting"], definition.settings) or values["setting"]) if values["setting"] else None
        intake = definition.intake
        own = {fact.code for fact in intake.fields}
        for column, owners in self.intake_owners.items():
            if column not in own and values[column] not in (None, ()):
                ctx.problem(row, column, f"Only for {' and '.join(owners)} referrals: leave it blank "
                                         f"for a {name} referral.")
                ok = False

        first_contact_at = None
        if values["first_contact_on"] is not None or values["first_contact_time"] is not None:
            if values["first_contact_on"] is None:
                ctx.problem(row, "first_contact_on", "Enter the date of first contact, or leave the time blank")
                ok = False
            elif values["first_contact_time"] is None:
                ctx.problem(row, "first_contact_time", "Enter the time of first contact")
                ok = False
            else:
                first_contact_at = _at(values["first_contact_on"], values["first_contact_time"])
        for problem in check_referral(definition, ReferralCheckValues(
            received_at=received_at, source=source, setting=setting, first_contact_at=first_contact_at,
            intake={code: values[code] for code in own},
        ), ctx.now):
            ctx.problem(row, _REFERRAL_COLUMNS.get(problem.field, problem.field), problem.message)
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
            if status == "accepted" and values["decline_reason"]:
                ctx.problem(row, "decline_reason", "Leave it blank for an accepted referral.")
                ok = False
        if not ok:
            return None

        details = intake_details(definition.intake, values, setting, source)
        override = (values["accept_override_reason"] or "").strip()
        if override:
            details["accept_override_reason"] = override
        has_open_case = (person.id, programme) in self.open_cases
        decision = rules.check_eligibility(definition, ReferralFacts(
            referral_on=values["received_on"], date_of_birth=person.date_of_birth,
            local_authority=person.local_authority, setting=setting, referral_source=source,
            has_open_case=has_open_case, programme_facts=programme_facts(definition, details),
        ))
        if status != "pending":
            triage = check_triage(
                TriageValues("accept" if status == "accepted" else "decline", values["decline_reason"],
                             override, decided_on),
                TriageContext(name, "The person", decision.outcome != "not_eligible",
                              decision.unmet[0].text if decision.unmet else "", has_open_case,
                              values["received_on"], ctx.today),
            )
            for problem in triage:
                ctx.problem(row, _TRIAGE_COLUMNS.get(problem.field, problem.field), problem.message)
            if triage:
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


def _team_key(name: str) -> str:
    """A team's name as a file's team column is matched against it: spaces folded, letter case ignored."""
    return " ".join(name.split()).lower()


def _match(value: str | None, terms) -> str | None:
    """The code of `terms` that `value` names (letter case does not matter), or None."""
    if not value:
        return None
    wanted = value.lower()
    return next((term.code for term in terms if term.code.lower() == wanted), None)
