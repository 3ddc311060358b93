"""Closures: the closure check as the service applies it, a manager's written override, and the
case marked closed. Files come one kind at a time, so a case's sessions, assessments, contacts
and onward referrals may already be in: a closure dated before any of them is refused."""

from __future__ import annotations

import sqlalchemy as sa

from casework.assessments.models import Assessment
from casework.cases import outcomes
from casework.cases.facts import case_facts
from casework.cases.models import Case, Closure, OnwardReferral
from casework.db import db
from casework.engagement.models import EngagementContact
from casework.imports.checks.base import CaseRecordImporter, Stored, _day, chunks
from casework.imports.schemas import CLOSURES
from casework.sessions.models import Session
from programmes import rules
from programmes.checks.closure import ClosureContext, ClosureValues, check_closure, override_to_store

#: The file's column for each field of the closure check ("" is the closure as a whole: the case).
COLUMNS = {"": "case_reference", "closed_on": "closed_on", "reason": "reason", "override_reason": "override_reason"}


#: The records of a case that cannot be dated after its closure: (model, date column, what it is).
LATER_RECORDS = (
    (Session, Session.held_on, "a session"),
    (Assessment, Assessment.completed_on, "an assessment"),
    (EngagementContact, EngagementContact.contacted_on, "a contact attempt"),
    (OnwardReferral, OnwardReferral.referred_on, "an onward referral"),
)


def latest_records(case_ids) -> dict[int, tuple]:
    """For each of these cases, its latest dated record of :data:`LATER_RECORDS`, as (date, what)
    (one grouped query per kind and chunk of cases)."""
    latest: dict[int, tuple] = {}
    for model, column, what in LATER_RECORDS:
        for part in chunks(case_ids):
            for case_id, day in db.session.execute(
                sa.select(model.case_id, sa.func.max(column)).where(model.case_id.in_(part)).group_by(model.case_id)
            ):
                if day is not None and (case_id not in latest or day > latest[case_id][0]):
                    latest[case_id] = (day, what)
    return latest


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
        self.latest = latest_records([case.id for case in closing])
        self.in_file: dict[int, int] = {}

    def check(self, row):
        ctx, values = self.ctx, row.values
        case = self.case_of(row)
        if case is None:
            return None
        if case.id in self.in_file:
            ctx.problem(row, "case_reference", f"Row {self.in_file[case.id]} already closes this case.")
            return None
        closure = ClosureValues(reason=values["reason"], closed_on=values["closed_on"],
                                override_reason=values["override_reason"])
        definition = self.definition(case)
        check = rules.closure_check(definition, self.facts[case.id], closure.closed_on)
        context = ClosureContext(
            definition=definition, closure_check=check, today=ctx.today, case_status=case.status,
            started_on=case.started_on or case.received_on, closed_on=case.closed_on,
            is_manager=getattr(ctx.user, "role", None) == "manager",
        )
        problems = check_closure(closure, context)
        for problem in problems:
            ctx.problem(row, COLUMNS.get(problem.field, problem.field), problem.message)
        if problems:
            return None
        later = self.latest.get(case.id)
        if later is not None and later[0] > closure.closed_on:
            ctx.problem(row, "closed_on", f"The case has {later[1]} dated {_day(later[0])}, after this closure date: "
                                          "close it on or after that day, or correct that record first.")
            return None
        self.in_file[case.id] = row.number
        return {
            **{key: value for key, value in self.base_values().items() if key != "version"},
            "case_id": case.id, "reason": closure.reason, "closed_on": closure.closed_on,
            "check_passed": check.ok, "check_trace": check.trace(), "definition_version": definition.version,
            "override_reason": override_to_store(closure, context), "closed_by_id": ctx.user.id,
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
