"""Attempts to contact the young person on a case, between the referral's receipt and now."""

from __future__ import annotations

from casework.engagement.models import EngagementContact
from casework.imports.checks.base import MIDNIGHT, CaseRecordImporter, Stored, _at, _london_parts
from casework.imports.schemas import ENGAGEMENT_CONTACTS
from programmes.checks.engagement import ContactContext, ContactValues, check_contact

#: The column of the file that holds each value of the contact check.
COLUMNS = {"method": "method", "result": "result", "contacted_on": "contacted_on",
           "contacted_time": "contacted_time"}


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
        problems = check_contact(
            ContactValues(method=values["method"], result=values["result"],
                          contacted_on=values["contacted_on"], contacted_time=values["contacted_time"]),
            ContactContext(now=ctx.now, received_on=case.received_on))
        for problem in problems:
            ctx.problem(row, COLUMNS.get(problem.field, problem.field), problem.message)
        if problems:
            return None
        contacted_at = _at(values["contacted_on"], values["contacted_time"])
        return {
            **self.base_values(), "case_id": case.id, "contacted_at": contacted_at,
            "contacted_on": values["contacted_on"], "method": values["method"], "result": values["result"],
            "notes": values["notes"] or "", "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }

    def write(self, plans):
        self.insert(EngagementContact, plans, label="engagement contacts")
