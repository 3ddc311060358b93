"""Fixtures for case tests: a worker's open VIP case with sessions, plans and assessments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.db import db


@pytest.fixture
def add_session():
    from casework.sessions.models import Session, SessionComponent

    def _add(case, held_on: date, components=("VIP-C1",), attended=True, concern=False):
        session = Session(case_id=case.id, held_on=held_on, duration_minutes=60, mode="face_to_face",
                          location="home", attendance="attended" if attended else "did_not_attend",
                          behaviour_concern=concern)
        session.components = [SessionComponent(component_code=c) for c in components] if attended else []
        db.session.add(session)
        db.session.flush()
        return session

    return _add


@pytest.fixture
def add_assessment():
    import programmes
    from casework.assessments.models import Assessment, AssessmentItem
    from programmes import instruments

    def _add(case, timepoint: str, completed_on: date, value: int = 3, instrument: str = "VIP-PC"):
        inst = programmes.get_instrument(instrument)
        responses = {item.code: value for item in inst.items}
        scored = instruments.score(inst, responses)
        assessment = Assessment(case_id=case.id, instrument=instrument, timepoint=timepoint,
                                completed_on=completed_on, score=scored.headline)
        assessment.items = [AssessmentItem(item_code=k, value=v) for k, v in responses.items()]
        db.session.add(assessment)
        db.session.flush()
        return assessment

    return _add


@pytest.fixture
def vip_case(create_team, create_user, create_case):
    """(case, worker, team): an open VIP case led by a youth worker, started 100 days ago."""
    from casework.timezone import london_today

    team = create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker, started_on=london_today() - timedelta(days=100))
    return case, worker, team


@pytest.fixture
def ready_vip_case(vip_case, add_session, add_assessment):
    """A VIP case meeting every planned-completion condition today."""
    from casework.cases.models import Plan
    from casework.timezone import london_today

    case, worker, team = vip_case
    today = london_today()
    start = case.started_on
    add_session(case, start + timedelta(days=2), ("VIP-C1", "VIP-C3"), concern=True)
    add_assessment(case, "pre", start + timedelta(days=3), value=2)
    for weeks in (6, 7, 8, 9, 10):
        add_session(case, today - timedelta(weeks=12 - weeks), ("VIP-C4",))
    add_session(case, today - timedelta(days=3), ("VIP-C8",))
    db.session.add(Plan(case_id=case.id, kind="sustainability", agreed_on=today - timedelta(days=5)))
    add_assessment(case, "post", today - timedelta(days=1), value=4)
    return case, worker, team
