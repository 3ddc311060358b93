"""Plain facts about a referral or a case, as the rules need them.

The application builds these from its records; the rules never see a database row. Dates are
London calendar dates (``*_on``); moments are datetimes (``*_at``), preferably timezone-aware.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "AssessmentFact",
    "CaseFacts",
    "EngagementContactFact",
    "OnwardReferralFact",
    "ReferralFacts",
    "SessionFact",
]


def _empty() -> Mapping[str, object]:
    """A fresh read-only empty mapping, the default for optional answers."""
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    """What is known about a referral when deciding eligibility.

    ``setting`` is where the young person was when referred (VIP: ``custody``, ``a_and_e``,
    ``other_health``); ``referral_source`` who referred or nominated them (a code from the
    programme's referral sources). ``programme_facts`` answers the programme's own conditions by
    code, for example ``{"at_risk_of_exclusion": True}`` for Reach or
    ``{"cohort_tier": "network_member"}`` for Phoenix. ``has_open_case`` is true when the person
    already has an open case on the same programme.
    """

    referral_on: date
    date_of_birth: date | None
    local_authority: str | None
    setting: str | None = None
    referral_source: str | None = None
    has_open_case: bool = False
    programme_facts: Mapping[str, object] = field(default_factory=_empty)


@dataclass(frozen=True, slots=True)
class SessionFact:
    """One session on a case: when, whether it was attended, what it covered, and whether a
    behaviour concern was recorded at it."""

    held_on: date
    attended: bool = True
    component_codes: frozenset[str] = frozenset()
    behaviour_concern: bool = False


@dataclass(frozen=True, slots=True)
class AssessmentFact:
    """One completed assessment.

    ``instrument`` is an instrument code (``VIP-PC``, ``SWEMWBS``, ``SDQ`` ...), ``timepoint`` one
    of ``pre``, ``post``, ``follow_up``. ``responses`` holds the answers by item code (for the
    SDQ, the subscale scores by subscale code) and ``informant`` who completed an SDQ.
    """

    instrument: str
    timepoint: str
    completed_on: date
    responses: Mapping[str, object] = field(default_factory=_empty)
    informant: str | None = None


@dataclass(frozen=True, slots=True)
class OnwardReferralFact:
    """An onward referral to a partner service; ``accepted`` is ``None`` while awaiting an answer."""

    made_on: date
    service_type: str
    accepted: bool | None = None


@dataclass(frozen=True, slots=True)
class EngagementContactFact:
    """One attempt to contact a participant and what it achieved (codes from the contact vocabularies)."""

    made_on: date
    method: str
    result: str


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What is known about one case, for closure checks, due actions and outcome evidence.

    - ``started_on``: the day the referral was accepted and consent given.
    - ``referral_received_at`` and ``first_contact_at``: for the first-contact prompt and timeliness.
    - ``support_started_on``: Phoenix only, the day intensive support began (weeks count from it).
    - ``plan_kinds``: kinds of plan recorded on the case (``intervention``, ``sustainability``,
      ``exit``, ``transition``).
    - ``ete_status_at_start`` / ``ete_status_latest``: codes from ``ETE_STATUSES``.
    - School facts (Reach, and VIP for school-age young people): attendance percentages at referral
      and at the latest record, suspensions in the six months before referral and during the
      programme, and whether a permanent exclusion happened during the programme.
    - ``closed_on``: set once the case is closed; a closed case has no due actions.
    - ``person_name``: the name workers call the young person by, for reasons written about them
      ("nobody saw Avery in the week of 12 May"); ``None`` gives "the young person".
    """

    started_on: date
    referral_received_at: datetime | None = None
    first_contact_at: datetime | None = None
    sessions: tuple[SessionFact, ...] = ()
    plan_kinds: frozenset[str] = frozenset()
    assessments: tuple[AssessmentFact, ...] = ()
    support_started_on: date | None = None
    engagement_status: str | None = None
    engagement_contacts: tuple[EngagementContactFact, ...] = ()
    onward_referrals: tuple[OnwardReferralFact, ...] = ()
    ete_status_at_start: str | None = None
    ete_status_latest: str | None = None
    attendance_at_referral_percent: float | None = None
    attendance_latest_percent: float | None = None
    suspensions_in_six_months_before_referral: int | None = None
    suspensions_during_programme: int | None = None
    permanently_excluded_during_programme: bool | None = None
    closed_on: date | None = None
    person_name: str | None = None

    def attended_sessions(self, up_to: date | None = None) -> tuple[SessionFact, ...]:
        """Attended sessions in date order, up to and including ``up_to`` when given."""
        return tuple(
            sorted(
                (s for s in self.sessions if s.attended and (up_to is None or s.held_on <= up_to)),
                key=lambda s: s.held_on,
            )
        )

    def first_attended_session_on(self, up_to: date | None = None) -> date | None:
        """The date of the first attended session, or ``None`` if there has not been one."""
        attended = self.attended_sessions(up_to)
        return attended[0].held_on if attended else None

    def last_attended_session_on(self, up_to: date | None = None) -> date | None:
        """The date of the most recent attended session, or ``None`` if there has not been one."""
        attended = self.attended_sessions(up_to)
        return attended[-1].held_on if attended else None
