"""Sessions on open cases: the date, the programme's components, attendance and behaviour."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from casework.db import db
from casework.imports.checks.base import CaseRecordImporter, Stored, chunks, _day
from casework.imports.schemas import MAX_DURATION_MINUTES, SESSIONS, quoted
from casework.sessions.models import Session, SessionComponent


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
