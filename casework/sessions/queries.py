"""Reads for the session pages: a case's sessions, one session with what hangs off it, and the
programme definition a case's sessions are recorded against. Every list is filtered by scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

import programmes
from casework.cases.models import Case, OnwardReferral
from casework.db import db
from casework.security import case_scope
from casework.sessions.models import Session, SessionComponent
from casework.timezone import london_today
from programmes.model import DefinitionVersion, Outcome


def definition_for(case: Case, on: date | None = None) -> DefinitionVersion:
    """The programme definition the case runs under: the version stored on the case, or, if
    that version is unknown, the one in force on `on` (the session date; default today)."""
    programme = programmes.get_programme(case.programme)
    for version in programme.versions:
        if version.version == case.definition_version:
            return version
    try:
        return programmes.definition_on(case.programme, on or london_today())
    except programmes.NoDefinitionInForce:
        return programmes.current_definition(case.programme)


def component_name(definition: DefinitionVersion, code: str) -> str:
    """The component's name, or its code when the definition no longer has it."""
    try:
        return definition.component(code).name
    except KeyError:
        return code


def outcomes_evidenced(definition: DefinitionVersion, session: Session) -> tuple[Outcome, ...]:
    """Theory-of-change outcomes an attended session's components evidence (none otherwise)."""
    if session.attendance != "attended":
        return ()
    known = {component.code for component in definition.components}
    codes = [code for code in session.component_codes if code in known]
    if not codes:
        return ()
    return tuple(definition.outcome(code) for code in programmes.outcomes_for_session(definition, codes))


def sessions_of_case(user, case: Case) -> list[Session]:
    """The case's sessions, newest first, with their components (two queries whatever the count).

    Components are loaded with one query filtered on the case and attached to each session, not
    with selectinload, which sends a query per 500 sessions.
    """
    sessions = list(
        db.session.scalars(
            sa.select(Session)
            .join(Case, Case.id == Session.case_id)
            .where(Session.case_id == case.id, case_scope(user))
            .order_by(
                Session.held_on.desc(),
                Session.start_time.is_(None),
                Session.start_time.desc(),
                Session.id.desc(),
            )
        )
    )
    components: dict[int, list[SessionComponent]] = {session.id: [] for session in sessions}
    for component in db.session.scalars(
        sa.select(SessionComponent).join(Session, Session.id == SessionComponent.session_id)
        .where(Session.case_id == case.id).order_by(SessionComponent.component_code)
    ):
        components.setdefault(component.session_id, []).append(component)
    for session in sessions:
        set_committed_value(session, "components", components[session.id])
    return sessions


@dataclass(frozen=True)
class SessionSummary:
    """Counts for the top of a case's session list."""

    total: int
    attended: int
    concerns: int


def summarise(sessions: list[Session]) -> SessionSummary:
    """Totals over already-loaded sessions (no queries)."""
    return SessionSummary(
        total=len(sessions),
        attended=sum(1 for s in sessions if s.attendance == "attended"),
        concerns=sum(1 for s in sessions if s.behaviour_concern),
    )


def onward_referrals_of_session(user, session: Session) -> list[OnwardReferral]:
    """Onward referrals made in the session, oldest first, within scope."""
    return list(
        db.session.scalars(
            sa.select(OnwardReferral)
            .join(Case, Case.id == OnwardReferral.case_id)
            .where(OnwardReferral.session_id == session.id, case_scope(user))
            .order_by(OnwardReferral.id)
        )
    )
