"""Sessions on open cases: the date, the programme's components, attendance and behaviour."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from casework.db import db
from casework.imports.checks.base import CaseRecordImporter, Stored, chunks
from casework.imports.schemas import SESSIONS
from casework.sessions.models import Session, SessionComponent
from programmes.checks.session import SessionContext, SessionValues, case_open_problem, check_session

#: The file's column for each field of the session check, where the names differ.
COLUMNS = {"": "case_reference", "component_codes": "components"}


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
        closed = case_open_problem(case.status, case.closed_on)
        if closed:
            ctx.problem(row, "case_reference", closed)
            return None
        allowed = self.allowed_components(case)
        # A file may write a component's code in any case; one it does not know is kept as given
        # for the check to refuse.
        codes = tuple(dict.fromkeys(allowed.get(given.upper(), given) for given in values["components"] or ()))
        concern = bool(values["behaviour_concern"])
        session = SessionValues(
            held_on=values["held_on"], start_time=values["start_time"], duration_minutes=values["duration_minutes"],
            mode=values["mode"], location=values["location"], attendance=values["attendance"],
            component_codes=codes, behaviour_concern=concern, behaviour_note=values["behaviour_note"] or "",
            notes=values["notes"] or "",
        )
        problems = check_session(session, SessionContext(
            today=ctx.today, case_started_on=case.started_on, component_codes=tuple(allowed.values())))
        for problem in problems:
            ctx.problem(row, COLUMNS.get(problem.field, problem.field), problem.message)
        if problems:
            return None
        return ({
            **self.base_values(), "case_id": case.id, "held_on": session.held_on, "start_time": session.start_time,
            "duration_minutes": session.duration_minutes or 0, "mode": session.mode, "location": session.location,
            "attendance": session.attendance, "behaviour_concern": concern, "behaviour_note": session.behaviour_note,
            "notes": session.notes, "recorded_by_id": ctx.user.id, "provider_reference": row.reference,
        }, sorted(codes))

    def write(self, plans):
        ids = self.insert(Session, [session for session, _ in plans], returning=True, label="sessions")
        components = [{"session_id": session_id, "component_code": code}
                      for session_id, (_, codes) in zip(ids, plans, strict=True) for code in codes]
        self.insert(SessionComponent, components)
