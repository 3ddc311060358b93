"""Onward referrals from a case that has started, optionally made in one of its attended sessions."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from casework.cases.models import Case, OnwardReferral
from casework.db import db
from casework.imports.checks.base import CaseRecordImporter, Stored, chunks
from casework.imports.schemas import ONWARD_REFERRALS, quoted
from casework.sessions.models import Session
from programmes.checks.onward_referral import OnwardReferralContext, OnwardReferralValues, check_onward_referral

#: The file's column for each field of the onward referral check, where the names differ.
COLUMNS = {"": "case_reference", "session": "session_reference"}


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
        session, attendance, ok = None, None, True
        if values["session_reference"]:
            session = self.sessions.get(values["session_reference"])
            if session is None or session.case_id != case.id:
                ctx.problem(row, "session_reference", f"No session of this case has the provider reference "
                                                      f"{quoted(values['session_reference'])}.")
                session, ok = None, False
            else:
                attendance = session.attendance
        problems = check_onward_referral(
            OnwardReferralValues(service_type=values["service_type"], agency=values["agency"] or "",
                                 referred_on=values["referred_on"]),
            OnwardReferralContext(today=ctx.today, case_started_on=case.started_on, case_closed_on=case.closed_on,
                                  session_attendance=attendance))
        for problem in problems:
            ctx.problem(row, COLUMNS.get(problem.field, problem.field), problem.message)
        if problems or not ok:
            return None
        return {
            **self.base_values(), "case_id": case.id, "session_id": session.id if session else None,
            "service_type": values["service_type"], "agency": values["agency"], "referred_on": values["referred_on"],
            "status": values["status"] or "made", "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }

    def write(self, plans):
        self.insert(OnwardReferral, plans, label="onward referrals")
