"""Closures: the closure check as the service applies it, a manager's written override, and the
case marked closed."""

from __future__ import annotations

import sqlalchemy as sa

from casework.cases import outcomes
from casework.cases.facts import case_facts
from casework.cases.models import Case, Closure
from casework.db import db
from casework.imports.checks.base import MIN_REASON_LENGTH, CaseRecordImporter, Stored, chunks, _day
from casework.imports.schemas import CLOSURES
from programmes import rules


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
