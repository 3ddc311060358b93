"""Attempts to contact the young person on a case, between the referral's receipt and now."""

from __future__ import annotations

from casework.engagement.models import EngagementContact
from casework.imports.checks.base import MIDNIGHT, CaseRecordImporter, Stored, _at, _day, _london_parts
from casework.imports.schemas import ENGAGEMENT_CONTACTS


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
