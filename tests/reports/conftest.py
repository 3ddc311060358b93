"""Hand-built records for return figures: small factories over the shared fixtures."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from casework.db import db
from reports.builder import build_return
from reports.periods import parse_period

GENERATED_AT = datetime(2024, 7, 10, 9, 0, tzinfo=timezone.utc)


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), timezone.utc)


@pytest.fixture
def records(create_team, create_person, create_referral, create_case):
    """A small toolkit for building case histories: records.case(...), records.session(...)..."""
    from casework import models as m

    class Records:
        def __init__(self):
            self.teams = {}

        def team(self, programme="VIP"):
            if programme not in self.teams:
                self.teams[programme] = create_team(programme=programme)
            return self.teams[programme]

        def person(self, **overrides):
            return create_person(**overrides)

        def referral(
            self, programme="VIP", received_on=date(2024, 5, 1), person=None, received_at=None, **overrides
        ):
            return create_referral(
                self.team(programme),
                person=person,
                received_at=received_at or noon(received_on),
                received_on=received_on,
                **overrides,
            )

        def case(
            self,
            programme="VIP",
            started_on=date(2024, 5, 2),
            received_on=None,
            person=None,
            referral_overrides=None,
            **overrides,
        ):
            received_on = received_on or started_on
            referral = self.referral(
                programme, received_on, person=person, status="accepted", **(referral_overrides or {})
            )
            return create_case(self.team(programme), referral=referral, started_on=started_on, **overrides)

        def session(
            self,
            case,
            held_on,
            attendance="attended",
            components=(),
            mode="face_to_face",
            location="home",
            duration_minutes=60,
            behaviour_concern=False,
        ):
            session = m.Session(
                case_id=case.id,
                held_on=held_on,
                attendance=attendance,
                mode=mode,
                location=location,
                duration_minutes=duration_minutes,
                behaviour_concern=behaviour_concern,
            )
            session.components = [m.SessionComponent(component_code=code) for code in components]
            db.session.add(session)
            db.session.flush()
            return session

        def close(self, case, closed_on, reason="planned_completion", reopened=False):
            closure = m.Closure(
                case_id=case.id,
                reason=reason,
                closed_on=closed_on,
                definition_version="2024.1",
                reopened_at=noon(closed_on) if reopened else None,
            )
            db.session.add(closure)
            if not reopened:
                case.status, case.closed_on = "closed", closed_on
            db.session.flush()
            return closure

        def assessment(
            self,
            case,
            instrument,
            timepoint,
            completed_on,
            score=None,
            items=None,
            informant=None,
            subscores=None,
        ):
            assessment = m.Assessment(
                case_id=case.id,
                instrument=instrument,
                timepoint=timepoint,
                completed_on=completed_on,
                score=score,
                informant=informant,
                subscores=subscores or {},
            )
            assessment.items = [
                m.AssessmentItem(item_code=code, value=value) for code, value in (items or {}).items()
            ]
            db.session.add(assessment)
            db.session.flush()
            return assessment

        def onward(self, case, referred_on, service_type="housing", status="made"):
            record = m.OnwardReferral(
                case_id=case.id, referred_on=referred_on, service_type=service_type, status=status
            )
            db.session.add(record)
            db.session.flush()
            return record

        def contact(self, case, contacted_on, method="phone", result="no_answer"):
            record = m.EngagementContact(
                case_id=case.id,
                contacted_at=noon(contacted_on),
                contacted_on=contacted_on,
                method=method,
                result=result,
            )
            db.session.add(record)
            db.session.flush()
            return record

        def status(self, case, status, changed_on):
            record = m.EngagementStatusChange(case_id=case.id, status=status, changed_on=changed_on)
            db.session.add(record)
            db.session.flush()
            return record

    return Records()


@pytest.fixture
def build():
    """build(programme, period, **options) -> BuiltReturn, with a fixed generated_at."""

    def _build(programme="VIP", period="2024-25-Q1", **options):
        db.session.flush()
        return build_return(programme, parse_period(period), generated_at=GENERATED_AT, **options)

    return _build
