"""Writing the demo's fictional young people, referrals and cases, for any registered programme.

:mod:`casework.demo` says what to load (teams, users, and for the built-in programmes their own
demo content); this module turns that into records, reading everything it can from the
programme's definition: intake fields, components, outcomes, case roles, capabilities, planned
dosage and closure rule. A programme without content of its own gets :func:`generic_content`,
so adding a programme needs no change here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

import programmes
from casework.assessments.models import Assessment, AssessmentItem
from casework.audit import record_event
from casework.auth.models import Membership, User
from casework.cases.models import (
    Allocation,
    Case,
    Closure,
    Consent,
    Goal,
    OnwardReferral,
    Plan,
    SchoolAttendance,
    SchoolEvent,
)
from casework.db import db
from casework.engagement.models import (
    EnforcementEvent,
    EngagementContact,
    EngagementStatusChange,
    Escalation,
    Notification,
)
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.sessions.models import Session, SessionComponent
from casework.timezone import LONDON
from programmes import facts as pf
from programmes import instruments, rules, vocabulary
from programmes.instruments import SWEMWBS
from programmes.intake import check_intake, intake_details
from programmes.model import DefinitionVersion, Programme

#: Who the demo's generic teams share with the bespoke ones: the README's manager, navigator
#: and enforcement officer.
MANAGER = "manager@example.org"
NAVIGATOR = "navigator@example.org"
ENFORCEMENT_OFFICER = "enforcement@example.org"

GIVEN_NAMES = (
    "Alex", "Jordan", "Sam", "Casey", "Riley", "Taylor", "Morgan", "Jamie", "Charlie", "Reece",
    "Kai", "Rowan", "Ellis", "Harley", "Frankie", "Remi", "Jude", "Avery", "Dani", "Quinn",
)
#: Surnames no real young person has, so demo records can never be mistaken for real ones.
FAMILY_NAMES = (
    "Example", "Sample", "Specimen", "Placeholder", "Testcase", "Demoperson", "Fictional",
    "Mockup", "Madeup", "Notreal", "Pretendwell", "Imaginary",
)
#: Where demo people live, Leicester twice as often; a programme elsewhere uses its own areas.
AREAS = ("leicester", "leicester", "leicestershire", "rutland")
#: Why a demo case that is not a planned completion closed, where the definition offers these.
OTHER_CLOSURE_REASONS = ("disengaged", "moved_out_of_area", "custody")

#: A programme's referral details: (definition, team name, eight random draws) -> (details, setting, source).
Details = Callable[[DefinitionVersion, str, Sequence[float]], tuple[dict, "str | None", str]]


@dataclass(frozen=True)
class DemoContent:
    """What the demo loads for one programme beyond what its definition says.

    ``teams`` are created for the programme; ``leads`` maps each team that takes referrals to
    its lead worker's email. ``users`` are (role, email, name, team names): created if missing,
    otherwise given any missing membership. ``stages`` counts demo people per stage (pending,
    declined, awaiting_consent, active, closed). ``closing_component`` is covered in the last
    week of a planned completion (default: the component the closure rule's plan accepts);
    ``session_gaps`` are the days between sessions (default: the dosage's contact interval).
    A planned completion whose check fails is closed as a manager override when
    ``override_unmet`` is true, and with another reason otherwise. People are numbered from
    ``first_number`` with references ``DEMO-<reference_prefix><number>``.
    """

    teams: tuple[str, ...]
    leads: Mapping[str, str]
    stages: Mapping[str, int]
    details: Details
    users: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    min_age: int = 0
    closing_component: str | None = None
    session_gaps: tuple[int, ...] = ()
    override_unmet: bool = True
    reference_prefix: str = "P"
    first_number: int = 1

    @property
    def people(self) -> int:
        """How many demo people this content loads."""
        return sum(self.stages.values())


#: How many demo people a programme without content of its own gets, per stage.
GENERIC_STAGES = {"pending": 1, "declined": 1, "awaiting_consent": 1, "active": 3, "closed": 3}


def generic_content(programme: Programme, definition: DefinitionVersion) -> DemoContent:
    """Demo content for a programme the demo has nothing written for: one team named after it,
    the demo manager and a worker of its own in it (and the demo navigator where its cases have
    one), and a handful of people at every stage, with intake built from its fields."""
    team = f"{programme.short_name} team"
    slug = re.sub(r"[^a-z0-9]+", "-", programme.code.lower()).strip("-")
    worker = f"{slug}.worker@example.org"
    users = [
        ("manager", MANAGER, "Morgan Manager", (team,)),
        ("youth_worker", worker, f"{programme.short_name} Demo Worker", (team,)),
    ]
    if definition.has_navigator:
        users.append(("navigator", NAVIGATOR, "Nathan Navigator", (team,)))
    return DemoContent(
        teams=(team,), leads={team: worker}, stages=GENERIC_STAGES, details=generic_details,
        users=tuple(users), override_unmet=False, reference_prefix=f"{slug.upper()}-P",
    )


def generic_details(definition: DefinitionVersion, team_name: str, seeds: Sequence[float]) -> tuple[dict, str | None, str]:
    """Referral details from the definition alone: a setting and source the eligibility rule
    accepts, and a value of the right kind for every intake field (answers the eligibility
    conditions read are the ones that meet them)."""
    rng = random.Random(seeds[4])
    rule = definition.eligibility
    settings = [t.code for t in definition.settings if not rule.settings or t.code in rule.settings]
    sources = [t.code for t in definition.referral_sources if not rule.referral_sources or t.code in rule.referral_sources]
    setting = rng.choice(settings) if settings else None
    source = rng.choice(sources) if sources else "other"
    conditions = {condition.code: condition for condition in rule.conditions}
    intake = definition.intake
    values = {f.code: intake_value(f, rng, conditions.get(f.code)) for f in intake.fields if f.applies_to(setting)}
    # A rule across fields can refuse a generated combination: leave the optional facts it names out.
    for problem in check_intake(intake, values, setting):
        if problem.field in values and not intake.field(problem.field).required:
            values.pop(problem.field)
    problems = check_intake(intake, values, setting)
    if problems:
        raise ValueError(f"Generic demo intake for {definition.programme_code} fails its checks: {problems}")
    return intake_details(intake, values, setting, source), setting, source


def intake_value(intake_field, rng: random.Random, condition=None) -> Any:
    """A demo answer to one intake field, parsed into the shape its kind stores."""
    kind = intake_field.kind
    if kind == "text":
        text = f"Demo {intake_field.what.lower()}"
        return text[: intake_field.max_length] if intake_field.max_length else text
    if kind == "yes_no":
        return True if condition is not None else rng.random() < 0.6
    codes = [term.code for term in intake_field.choices]
    if condition is not None and condition.allowed_values:
        codes = [code for code in codes if code in {t.code for t in condition.allowed_values}] or codes
    if kind == "choice":
        return rng.choice(codes)
    if kind == "choices":
        return sorted(rng.sample(codes, k=rng.randint(1, min(2, len(codes)))))
    low = intake_field.minimum if intake_field.minimum is not None else 0
    high = intake_field.maximum if intake_field.maximum is not None else low + 5
    if kind == "whole_number":
        return rng.randint(int(low), int(high))
    return round(rng.uniform(low, high), 1)


def previous_financial_year_start(today: date) -> date:
    return date(today.year - 1 if today.month >= 4 else today.year - 2, 4, 1)


def weeks_to_close(definition: DefinitionVersion) -> int:
    """How long a demo case runs before closing: a week past what the closure rule needs (or,
    without a duration rule, past the planned dosage's minimum)."""
    rule = definition.closure_rule
    return (rule.duration.min_weeks if rule.duration else definition.planned_dosage.min_weeks) + 1


class DemoLoader:
    """Writes one programme's demo people, with their referrals and cases, into the session."""

    def __init__(self, today, rng, programme: Programme, content: DemoContent, teams, users, result):
        self.today, self.rng, self.programme, self.content = today, rng, programme, content
        self.teams, self.users, self.result = teams, users, result
        self.fy_start = previous_financial_year_start(today)
        self.manager = users[MANAGER]
        self.definition = programmes.current_definition(programme.code, today)
        self.capabilities = programme.capabilities

    def load(self) -> None:
        """Every person the content asks for, skipping those already loaded."""
        number = self.content.first_number
        for stage, count in self.content.stages.items():
            for _ in range(count):
                self.person(number, stage)
                number += 1

    # --- people and referrals ------------------------------------------------------------

    def person(self, number: int, stage: str) -> None:
        reference = f"DEMO-{self.content.reference_prefix}{number:03d}"
        rng, definition = self.rng, self.definition
        # Draw every random value whether or not the person exists, so re-runs stay in step.
        given = GIVEN_NAMES[(number * 7) % len(GIVEN_NAMES)]
        family = FAMILY_NAMES[(number * 5) % len(FAMILY_NAMES)]
        low = max(definition.eligibility.min_age, self.content.min_age, 11)
        high = min(definition.eligibility.max_age, 24)
        age = rng.randint(low, high) if stage != "declined" else high + 3
        days_back = rng.randint(5, (self.today - self.fy_start).days - 10)
        seed_values = [rng.random() for _ in range(8)]
        if db.session.scalar(sa.select(Person.id).where(Person.provider_reference == reference)) is not None:
            return
        received_on = self.today - timedelta(days=days_back if stage not in ("pending",) else rng.randint(0, 3))
        if stage == "active":
            received_on = self.today - timedelta(days=min(days_back, 150))
        if stage == "awaiting_consent":
            received_on = self.today - timedelta(days=rng.randint(2, 10))
        if stage == "closed":
            received_on = self.today - timedelta(days=max(days_back, 220))
        dob = received_on - timedelta(days=int(age * 365.25) + rng.randint(10, 300))
        ethnicity = rng.choice([t.code for t in vocabulary.ETHNICITIES])
        areas = [a for a in AREAS if a in definition.eligibility.local_authorities] \
            or list(definition.eligibility.local_authorities)
        person = Person(
            given_name=given, family_name=family, date_of_birth=dob,
            sex=rng.choice(["female", "male", "male", "not_known"]),
            ethnicity=ethnicity, local_authority=rng.choice(areas), provider_reference=reference,
        )
        db.session.add(person)
        db.session.flush()
        self._audit("person.create", person)
        self.result.add("people")
        referral = self._referral(person, stage, received_on, seed_values, reference)
        if stage in ("pending", "declined"):
            return
        self._case(person, referral, stage, seed_values, reference)

    def _referral(self, person, stage, received_on, seeds, reference) -> Referral:
        definition = self.definition
        names = list(self.content.leads)
        team = self.teams[names[int(seeds[0] * len(names))]]
        received_at = datetime.combine(received_on, time(9 + int(seeds[1] * 8), int(seeds[2] * 59)), LONDON)
        details, setting, source = self.content.details(definition, team.name, seeds)
        facts = pf.ReferralFacts(
            referral_on=received_on, date_of_birth=person.date_of_birth, local_authority=person.local_authority,
            setting=setting, referral_source=source, programme_facts=details,
        )
        decision = rules.check_eligibility(definition, facts)
        referral = Referral(
            person_id=person.id, programme=self.programme.code, team_id=team.id,
            definition_version=definition.version, received_at=received_at.astimezone(UTC),
            received_on=received_on, source=source, setting=setting, details=details, status="pending",
            eligibility=_decision_dict(decision), provider_reference=f"{reference}-R", created_by_id=self.manager.id,
        )
        if stage == "declined":
            referral.status = "declined"
            # An eligible referral can still be declined: the young person could not be reached.
            referral.decline_reason = _first_decline_reason(decision) or "unable_to_contact"
            referral.decided_at = referral.received_at + timedelta(hours=5)
            referral.decided_by_id = self.manager.id
        elif stage != "pending":
            referral.status = "accepted"
            referral.decided_at = referral.received_at + timedelta(hours=3)
            referral.decided_by_id = self.manager.id
            first_contact = referral.received_at + timedelta(hours=6 + int(seeds[3] * 40))
            referral.first_contact_at = first_contact
            referral.first_contact_on = first_contact.astimezone(LONDON).date()
        db.session.add(referral)
        db.session.flush()
        self._audit("referral.create", referral)
        self.result.add("referrals")
        return referral

    # --- cases -----------------------------------------------------------------------------

    def _case(self, person, referral, stage, seeds, reference) -> None:
        definition, capabilities = self.definition, self.capabilities
        team = next(team for team in self.teams.values() if team.id == referral.team_id)
        lead = self.users[self.content.leads[team.name]]
        started_on = referral.received_on + timedelta(days=2 + int(seeds[3] * 5))
        if stage == "awaiting_consent":
            started_on = None
        case = Case(
            person_id=person.id, referral_id=referral.id, programme=self.programme.code,
            definition_version=definition.version, team_id=team.id,
            status="awaiting_consent" if started_on is None else "open", started_on=started_on,
            lead_worker_id=lead.id, provider_reference=f"{reference}-C",
        )
        if definition.has_navigator:
            case.navigator_id = self.users[NAVIGATOR].id
        if capabilities.support_start:
            case.support_started_on = started_on
        if capabilities.engagement:
            case.engagement_status = "not_yet_contacted" if started_on is None else "engaged"
        db.session.add(case)
        db.session.flush()
        self._audit("case.create", case)
        self.result.add("cases")
        allocated_at = referral.decided_at or referral.received_at
        db.session.add(Allocation(case_id=case.id, role="lead_worker", user_id=lead.id,
                                  started_at=allocated_at, allocated_by_id=self.manager.id))
        if case.navigator_id:
            db.session.add(Allocation(case_id=case.id, role="navigator", user_id=case.navigator_id,
                                      started_at=allocated_at, allocated_by_id=self.manager.id))
        if started_on is None:
            return
        self._consent(case, person, started_on)
        closing = stage == "closed"
        close_on = None
        if closing:
            weeks = weeks_to_close(definition) + int(seeds[5] * 3)
            close_on = min(started_on + timedelta(weeks=weeks), self.today - timedelta(days=3))
        end = close_on or self.today
        sessions = self._sessions(case, started_on, end, planned=closing and seeds[6] < 0.75)
        self._plans(case, started_on, end, closing)
        assessments = self._assessments(case, person, started_on, close_on)
        self._onward(case, started_on, end, seeds)
        if capabilities.school_record:
            self._school(case, started_on, seeds)
        if capabilities.engagement:
            self._engagement(case, started_on, seeds, stage)
        if closing:
            self._close(case, referral, sessions, assessments, close_on, seeds)

    def _consent(self, case, person, started_on) -> None:
        db.session.add(Consent(case_id=case.id, given_by="young_person", method="written", given_on=started_on,
                               recorded_by_id=case.lead_worker_id))
        if rules.age_on(person.date_of_birth, started_on) < 18:
            db.session.add(Consent(case_id=case.id, given_by="parent_carer", method="verbal", given_on=started_on,
                                   recorded_by_id=case.lead_worker_id))

    def _closing_component(self) -> str | None:
        plan = self.definition.closure_rule.plan
        return self.content.closing_component or (plan.alternative_component_code if plan else None)

    def _sessions(self, case, start, end, planned: bool) -> list[pf.SessionFact]:
        closing_code = self._closing_component()
        others = [c.code for c in self.definition.session_components if c.code != closing_code]
        gaps = self.content.session_gaps or (self.definition.planned_dosage.contact_every_days,)
        facts, day, n = [], start + timedelta(days=1), 0
        last_week = end - timedelta(days=7)
        while day <= end and day < self.today:
            n += 1
            roll = self.rng.random()
            attendance = "attended" if roll < 0.82 else ("did_not_attend" if roll < 0.94 else "cancelled")
            codes = set(self.rng.sample(others, k=min(self.rng.randint(1, 3), len(others))))
            if planned and closing_code and day >= last_week:
                codes.add(closing_code)
            concern = attendance == "attended" and n <= 4 and self.rng.random() < 0.3
            session = Session(
                case_id=case.id, held_on=day, start_time=time(15 + n % 3, 0), duration_minutes=self.rng.choice([45, 60, 60, 90]),
                mode="face_to_face" if self.rng.random() < 0.85 else "phone",
                location=self.rng.choice(["home", "school", "youth_centre", "community"]),
                attendance=attendance, behaviour_concern=concern,
                behaviour_note="Demo note: raised voice when talking about school." if concern else "",
                recorded_by_id=case.lead_worker_id,
                provider_reference=f"{case.provider_reference}-S{n:02d}",
            )
            session.components = [SessionComponent(component_code=code) for code in sorted(codes)] \
                if attendance == "attended" else []
            db.session.add(session)
            facts.append(pf.SessionFact(held_on=day, attended=attendance == "attended",
                                        component_codes=frozenset(codes) if attendance == "attended" else frozenset(),
                                        behaviour_concern=concern))
            day += timedelta(days=gaps[0] if len(gaps) == 1 else self.rng.choice(gaps))
        db.session.flush()
        self.result.add("sessions", n)
        return facts

    def _plans(self, case, start, end, closing) -> None:
        definition = self.definition
        plan = Plan(case_id=case.id, kind="intervention", agreed_on=start + timedelta(days=7),
                    review_on=start + timedelta(days=56), summary="Demo plan agreed with the young person.",
                    recorded_by_id=case.lead_worker_id)
        goal_outcomes = [o.code for o in definition.outcomes_of_term("medium")] \
            or [o.code for o in definition.outcomes] or [None]
        plan.goals = [
            Goal(description="Go to a sports session each week", status="in_progress", outcome_code=goal_outcomes[0]),
            Goal(description="Agree a plan for what to do when angry", status="achieved" if closing else "in_progress",
                 outcome_code=goal_outcomes[1 % len(goal_outcomes)]),
        ]
        db.session.add(plan)
        closing_kind = definition.closure_rule.plan.plan_kind if definition.closure_rule.plan else None
        if closing and closing_kind:
            db.session.add(Plan(case_id=case.id, kind=closing_kind, agreed_on=end - timedelta(days=10),
                                summary="Demo plan for after the programme.", recorded_by_id=case.lead_worker_id))
        self.result.add("plans")

    def _assessments(self, case, person, start, close_on) -> list[pf.AssessmentFact]:
        facts = []
        check = self.definition.progress_check
        pre = {item.code: self.rng.randint(1, 4) for item in check.items}
        facts.append(self._assessment(case, check, "pre", start + timedelta(days=3), pre))
        if close_on:
            post = {code: min(5, value + self.rng.choice([0, 1, 1, 2])) for code, value in pre.items()}
            facts.append(self._assessment(case, check, "post", close_on - timedelta(days=2), post))
        if SWEMWBS.code in self.definition.instruments and rules.age_on(person.date_of_birth, start) >= 13:
            pre_w = {item.code: self.rng.randint(2, 4) for item in SWEMWBS.items}
            facts.append(self._assessment(case, SWEMWBS, "pre", start + timedelta(days=3), pre_w))
            if close_on and self.rng.random() < 0.8:
                post_w = {code: min(5, value + self.rng.choice([0, 1])) for code, value in pre_w.items()}
                facts.append(self._assessment(case, SWEMWBS, "post", close_on - timedelta(days=2), post_w))
        return facts

    def _assessment(self, case, instrument, timepoint, on, responses) -> pf.AssessmentFact:
        on = min(on, self.today)
        scored = instruments.score(instrument, responses)
        assessment = Assessment(
            case_id=case.id, instrument=instrument.code, timepoint=timepoint, completed_on=on,
            score=scored.headline, subscores={"total": scored.total} if scored.total is not None else {},
            recorded_by_id=case.lead_worker_id,
        )
        assessment.items = [AssessmentItem(item_code=code, value=value) for code, value in responses.items()]
        db.session.add(assessment)
        self.result.add("assessments")
        return pf.AssessmentFact(instrument=instrument.code, timepoint=timepoint, completed_on=on, responses=responses)

    def _onward(self, case, start, end, seeds) -> None:
        if seeds[7] < 0.4:
            db.session.add(OnwardReferral(
                case_id=case.id, service_type=["mental_health", "substance_misuse", "ete", "sport_positive_activity"][int(seeds[7] * 10) % 4],
                agency="Demo partner service", referred_on=min(start + timedelta(days=21), end), status="accepted",
                recorded_by_id=case.lead_worker_id))
            self.result.add("onward referrals")

    def _school(self, case, start, seeds) -> None:
        if seeds[4] > 0.5:
            db.session.add(SchoolEvent(case_id=case.id, kind="suspension", occurred_on=start - timedelta(days=30),
                                       days=2, recorded_by_id=case.lead_worker_id))
        year = start.year if start.month >= 9 else start.year - 1
        db.session.add(SchoolAttendance(case_id=case.id, academic_year=f"{year}-{str(year + 1)[2:]}", term="autumn",
                                        attendance_percent=round(75 + seeds[5] * 20, 1), recorded_by_id=case.lead_worker_id))

    def _engagement(self, case, start, seeds, stage) -> None:
        # Whoever tracks engagement records it: the navigator where cases have one.
        worker = case.navigator_id or case.lead_worker_id
        if self.capabilities.notification:
            db.session.add(Notification(case_id=case.id, method="call_in" if seeds[6] < 0.5 else "home_visit_with_family",
                                        notified_on=start, attended=True, recorded_by_id=worker))
        attempts = [("phone", "no_answer"), ("text", "message_left"), ("home_visit", "met")]
        for offset, (method, result) in enumerate(attempts):
            at = datetime.combine(start - timedelta(days=3 - offset), time(11, 0), LONDON)
            db.session.add(EngagementContact(case_id=case.id, contacted_at=at.astimezone(UTC),
                                             contacted_on=at.date(), method=method, result=result, recorded_by_id=worker))
        self.result.add("engagement contacts", len(attempts))
        db.session.add(EngagementStatusChange(case_id=case.id, status="contacted", changed_on=start - timedelta(days=1),
                                              recorded_by_id=worker))
        db.session.add(EngagementStatusChange(case_id=case.id, status="engaged", changed_on=start, recorded_by_id=worker))
        if stage == "active" and seeds[7] > 0.7:
            refused_on = min(start + timedelta(days=40), self.today)
            case.engagement_status = "refused"
            db.session.add(EngagementStatusChange(case_id=case.id, status="refused", changed_on=refused_on,
                                                  recorded_by_id=worker))
            if self.capabilities.enforcement:
                self._enforcement(case, refused_on, worker)

    def _enforcement(self, case, refused_on, worker) -> None:
        escalation = Escalation(case_id=case.id, raised_on=refused_on, reason="refused_to_engage",
                                raised_by_id=worker, outcome="enforcement_taken", outcome_on=refused_on + timedelta(days=5))
        db.session.add(escalation)
        db.session.flush()
        db.session.add(EnforcementEvent(case_id=case.id, escalation_id=escalation.id, kind="enforcement_visit",
                                        occurred_on=refused_on + timedelta(days=5),
                                        summary="Demo: visit to explain the consequences of continued offending.",
                                        recorded_by_id=self.users[ENFORCEMENT_OFFICER].id))
        self.result.add("escalations")

    def _close(self, case, referral, sessions, assessments, close_on, seeds) -> None:
        definition = self.definition
        plan_kinds = frozenset({"intervention"} | ({definition.closure_rule.plan.plan_kind}
                                                   if definition.closure_rule.plan else set()))
        facts = pf.CaseFacts(
            started_on=case.started_on, referral_received_at=referral.received_at,
            first_contact_at=referral.first_contact_at, sessions=tuple(sessions), plan_kinds=plan_kinds,
            assessments=tuple(assessments), support_started_on=case.support_started_on,
            engagement_status=case.engagement_status,
        )
        check = rules.closure_check(definition, facts, close_on)
        reasons = {r.code: r for r in definition.closure_reasons}
        planned_code = next(code for code, r in reasons.items() if r.planned_completion)
        others = [code for code in OTHER_CLOSURE_REASONS if code in reasons] \
            or [code for code, r in reasons.items() if not r.planned_completion]
        planned = seeds[6] < 0.75 and (check.ok or self.content.override_unmet)
        reason = planned_code if planned else others[int(seeds[7] * len(others))]
        closure = Closure(
            case_id=case.id, reason=reason, closed_on=close_on, check_passed=check.ok, check_trace=check.trace(),
            definition_version=definition.version, closed_by_id=case.lead_worker_id,
            provider_reference=f"{case.provider_reference}-X",
        )
        if planned and not check.ok:
            closure.override_reason = "Demo override: the young person completed the programme's aims early."
            closure.closed_by_id = self.manager.id
        db.session.add(closure)
        case.status, case.closed_on = "closed", close_on
        db.session.flush()
        self._audit("case.close", case, reason=reason, check_passed=check.ok)
        self.result.add("closures")

    def _audit(self, action: str, record, **details) -> None:
        record_event(action, record, channel="demo", **details)


def ensure_membership(user: User, team) -> bool:
    """Add ``user`` to ``team`` unless already a member; True if a membership was added."""
    if any(m.team_id == team.id for m in user.memberships):
        return False
    user.memberships.append(Membership(team=team))
    db.session.flush()
    record_event("user.team_added", user, channel="demo", team=team.name)
    return True


def _decision_dict(decision) -> dict:
    return {
        "outcome": decision.outcome,
        "reasons": [{"met": r.met, "text": r.text} for r in decision.reasons],
    }


def _first_decline_reason(decision) -> str | None:
    for reason in decision.reasons:
        if reason.met is False and getattr(reason, "decline_reason", None):
            return reason.decline_reason
    return None
