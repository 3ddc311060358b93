"""Onward referrals from a case that has started, optionally made in one of its attended sessions,
never dated while the case was closed (after its closure, or between a closure and its reopening)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from casework.cases.models import Case, Closure, OnwardReferral
from casework.db import db
from casework.imports.cells import quoted
from casework.imports.checks.base import CaseRecordImporter, Stored, _day, _london_parts, chunks
from casework.imports.schemas import ONWARD_REFERRALS
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
        # Closures later reopened: the case's closed_on no longer shows them, but the gap stays.
        self.reopened: dict[int, list[tuple]] = {}
        case_ids = [case.id for case in self.cases.values()]
        for part in chunks(case_ids):
            for closure in db.session.execute(
                sa.select(Closure.case_id, Closure.closed_on, Closure.reopened_at)
                .where(Closure.case_id.in_(part), Closure.reopened_at.is_not(None))
            ):
                reopened_on = _london_parts(closure.reopened_at)[0]
                self.reopened.setdefault(closure.case_id, []).append((closure.closed_on, reopened_on))

    def _while_closed(self, row, case) -> bool:
        """Add a problem if the referral is dated between a closure of the case and its reopening."""
        referred_on = row.values["referred_on"]
        for closed_on, reopened_on in self.reopened.get(case.id, ()):
            if referred_on is not None and closed_on < referred_on < reopened_on:
                self.ctx.problem(row, "referred_on", f"Date of the referral falls while the case was closed, from "
                                                     f"{_day(closed_on)} until it was reopened on {_day(reopened_on)}")
                return True
        return False

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
        if not problems and self._while_closed(row, case):
            ok = False
        if problems or not ok:
            return None
        return {
            **self.base_values(), "case_id": case.id, "session_id": session.id if session else None,
            "service_type": values["service_type"], "agency": values["agency"], "referred_on": values["referred_on"],
            "status": values["status"] or "made", "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }

    def write(self, plans):
        self.insert(OnwardReferral, plans, label="onward referrals")
