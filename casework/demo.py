"""Demo data: teams, a user for every role, and about 60 obviously fictional young people across
the three programmes at every stage, dated across the current and previous financial year.

Loading is idempotent: teams and users are found by name and email, and every demo person,
referral and case carries a `DEMO-...` provider reference, so running it twice adds nothing.
Every record it creates is audited with channel "demo". Closures run the programme's real
closure check; a planned completion that does not meet it is closed as a manager override
with a written reason, as a manager would have to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

import programmes
from casework.admin.operations import create_user, ensure_team
from casework.audit import record_event
from casework.auth.models import User
from casework.cases import outcomes
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
from casework.assessments.models import Assessment, AssessmentItem
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.sessions.models import Session, SessionComponent
from casework.timezone import LONDON, london_today
from programmes import facts as pf
from programmes import instruments, rules, vocabulary

#: The password of every demo account. Demo data only: never load it into a live service.
DEMO_PASSWORD = "demo-password"

#: (programme, team name)
TEAMS = (
    ("VIP", "VIP A&E"),
    ("VIP", "VIP Custody"),
    ("REACH", "Reach City"),
    ("REACH", "Reach County"),
    ("PHOENIX", "Phoenix support"),
    ("PHOENIX", "Phoenix police"),
)

#: (role, email, name, teams). The first user of each role is the one the README lists.
USERS = (
    ("youth_worker", "youth.worker@example.org", "Yasmin Worker", ("VIP A&E", "VIP Custody")),
    ("navigator", "navigator@example.org", "Nathan Navigator", ("Phoenix support",)),
    ("manager", "manager@example.org", "Morgan Manager",
     ("VIP A&E", "VIP Custody", "Reach City", "Reach County", "Phoenix support")),
    ("commissioner", "commissioner@example.org", "Chris Commissioner", ()),
    ("enforcement_officer", "enforcement@example.org", "Erin Enforcement", ("Phoenix police",)),
    ("administrator", "admin@example.org", "Ade Administrator", ()),
    ("youth_worker", "reach.worker@example.org", "Riley Reach", ("Reach City",)),
    ("youth_worker", "county.worker@example.org", "Casey County", ("Reach County",)),
    ("youth_worker", "phoenix.worker@example.org", "Parveen Lead", ("Phoenix support",)),
)

GIVEN_NAMES = (
    "Alex", "Jordan", "Sam", "Casey", "Riley", "Taylor", "Morgan", "Jamie", "Charlie", "Reece",
    "Kai", "Rowan", "Ellis", "Harley", "Frankie", "Remi", "Jude", "Avery", "Dani", "Quinn",
)
#: Surnames no real young person has, so demo records can never be mistaken for real ones.
FAMILY_NAMES = (
    "Example", "Sample", "Specimen", "Placeholder", "Testcase", "Demoperson", "Fictional",
    "Mockup", "Madeup", "Notreal", "Pretendwell", "Imaginary",
)

#: How many demo people per programme and stage.
PLAN = {
    "VIP": {"pending": 2, "declined": 2, "awaiting_consent": 2, "active": 8, "closed": 10},
    "REACH": {"pending": 2, "declined": 1, "awaiting_consent": 1, "active": 6, "closed": 8},
    "PHOENIX": {"pending": 1, "declined": 1, "awaiting_consent": 1, "active": 9, "closed": 6},
}


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, count: int = 1) -> None:
        self.created[kind] = self.created.get(kind, 0) + count

    def summary(self) -> str:
        if self.created:
            made = ", ".join(f"{count} {kind}" for kind, count in sorted(self.created.items()))
            lines = [f"Demo data loaded: {made}."]
        else:
            lines = ["Demo data already present; nothing added."]
        lines += ["", "Demo sign-ins (password for all: %s):" % DEMO_PASSWORD, sign_in_table()]
        return "\n".join(lines)


def sign_in_table() -> str:
    """The demo sign-ins as a plain table: one row per role."""
    seen, rows = set(), []
    for role, email, _name, _teams in USERS:
        if role not in seen:
            seen.add(role)
            rows.append((role.replace("_", " "), email, DEMO_PASSWORD))
    width = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    return "\n".join(f"  {r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]}" for r in rows)


def previous_financial_year_start(today: date) -> date:
    return date(today.year - 1 if today.month >= 4 else today.year - 2, 4, 1)


def load_demo(today: date | None = None, seed: int = 2024) -> DemoResult:
    """Load the demo data (idempotent) and commit. Returns what was created."""
    today = today or london_today()
    result = DemoResult()
    teams = {}
    for programme, name in TEAMS:
        existed = _exists_team(name)
        teams[name] = ensure_team(name, programme)
        if not existed:
            result.add("teams")
    users = {}
    for role, email, name, team_names in USERS:
        user = db.session.scalars(sa.select(User).where(User.email == email)).one_or_none()
        if user is None:
            user = create_user(email=email, name=name, role=role, password=DEMO_PASSWORD, team_names=team_names)
            result.add("users")
        users[email] = user
    loader = _Loader(today, random.Random(seed), teams, users, result)
    number = 0
    for programme, stages in PLAN.items():
        for stage, count in stages.items():
            for _ in range(count):
                number += 1
                loader.person(number, programme, stage)
    # The demo writes its closures directly; keep their outcome evaluations as closing would.
    outcomes.refresh()
    db.session.commit()
    return result


def _exists_team(name: str) -> bool:
    from casework.auth.models import Team

    return db.session.scalar(sa.select(Team.id).where(Team.name == name)) is not None


class _Loader:
    def __init__(self, today, rng, teams, users, result):
        self.today, self.rng, self.teams, self.users, self.result = today, rng, teams, users, result
        self.fy_start = previous_financial_year_start(today)
        self.manager = users["manager@example.org"]

    # --- people and referrals ------------------------------------------------------------

    def person(self, number: int, programme: str, stage: str) -> None:
        reference = f"DEMO-P{number:03d}"
        rng = self.rng
        # Draw every random value whether or not the person exists, so re-runs stay in step.
        given = GIVEN_NAMES[(number * 7) % len(GIVEN_NAMES)]
        family = FAMILY_NAMES[(number * 5) % len(FAMILY_NAMES)]
        definition = programmes.current_definition(programme, self.today)
        low, high = definition.eligibility.min_age, min(definition.eligibility.max_age, 24)
        if programme == "PHOENIX":
            low = 14
        age = rng.randint(max(low, 11), high) if stage != "declined" else high + 3
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
        person = Person(
            given_name=given, family_name=family, date_of_birth=dob,
            sex=rng.choice(["female", "male", "male", "not_known"]),
            ethnicity=ethnicity, local_authority=rng.choice(["leicester", "leicester", "leicestershire", "rutland"]),
            provider_reference=reference,
        )
        db.session.add(person)
        db.session.flush()
        self._audit("person.create", person)
        self.result.add("people")
        referral = self._referral(person, programme, definition, stage, received_on, seed_values, reference)
        if stage in ("pending", "declined"):
            return
        self._case(person, referral, definition, stage, seed_values, reference)

    def _team_for(self, programme: str, seed: float) -> str:
        names = [name for prog, name in TEAMS if prog == programme and name != "Phoenix police"]
        return names[int(seed * len(names))]

    def _referral(self, person, programme, definition, stage, received_on, seeds, reference) -> Referral:
        team = self.teams[self._team_for(programme, seeds[0])]
        received_at = datetime.combine(received_on, time(9 + int(seeds[1] * 8), int(seeds[2] * 59)), LONDON)
        details, setting, source = self._details(programme, team.name, seeds)
        facts = pf.ReferralFacts(
            referral_on=received_on, date_of_birth=person.date_of_birth, local_authority=person.local_authority,
            setting=setting, referral_source=source, programme_facts=details,
        )
        decision = rules.check_eligibility(definition, facts)
        referral = Referral(
            person_id=person.id, programme=programme, team_id=team.id, definition_version=definition.version,
            received_at=received_at.astimezone(timezone.utc), received_on=received_on, source=source,
            setting=setting, details=details, status="pending", eligibility=_decision_dict(decision),
            provider_reference=f"{reference}-R", created_by_id=self.manager.id,
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

    def _details(self, programme: str, team_name: str, seeds) -> tuple[dict, str | None, str]:
        if programme == "VIP":
            custody = team_name == "VIP Custody"
            setting = "custody" if custody else "a_and_e"
            source = "police_custody" if custody else "hospital_a_and_e"
            kind = "offence_type" if custody else "injury_type"
            value = ["Assault", "Possession of a bladed article", "Robbery"][int(seeds[4] * 3)] if custody \
                else ["Stab wound", "Assault injury", "Injury from a fight"][int(seeds[4] * 3)]
            return {kind: value, "violence_related": True}, setting, source
        if programme == "REACH":
            suspensions = int(seeds[4] * 4)
            return ({"school": "Demo Academy" if seeds[5] < 0.5 else "Sample Community College",
                     "suspensions_before_referral": suspensions,
                     "attendance_percent_at_referral": round(70 + seeds[6] * 25, 1),
                     "at_risk_of_exclusion": True,
                     "vulnerabilities": ["behaviour_concerns"]}, None, "school")
        tier = "influential_member" if seeds[4] < 0.3 else "network_member"
        agency = ["police", "probation", "youth_justice_city", "youth_justice_county"][int(seeds[5] * 4)]
        return ({"nominating_agency": agency, "cohort_tier": tier, "cohort_member": True,
                 "notification_method": "call_in" if seeds[6] < 0.5 else "home_visit_with_family"},
                None, agency)

    # --- cases -----------------------------------------------------------------------------

    def _case(self, person, referral, definition, stage, seeds, reference) -> None:
        programme = definition.programme_code
        team = self.teams[self._team_name(referral.team_id)]
        lead = self._lead_for(team.name)
        started_on = referral.received_on + timedelta(days=2 + int(seeds[3] * 5))
        if stage == "awaiting_consent":
            started_on = None
        case = Case(
            person_id=person.id, referral_id=referral.id, programme=programme,
            definition_version=definition.version, team_id=team.id,
            status="awaiting_consent" if started_on is None else "open", started_on=started_on,
            lead_worker_id=lead.id, provider_reference=f"{reference}-C",
        )
        if programme == "PHOENIX":
            case.navigator_id = self.users["navigator@example.org"].id
            case.support_started_on = started_on
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
            weeks = {"VIP": 14, "REACH": 24, "PHOENIX": 27}[programme]
            close_on = min(started_on + timedelta(weeks=weeks + int(seeds[5] * 3)), self.today - timedelta(days=3))
        end = close_on or self.today
        sessions = self._sessions(case, definition, started_on, end, seeds, planned=closing and seeds[6] < 0.75)
        self._plans(case, definition, started_on, end, closing)
        assessments = self._assessments(case, definition, person, started_on, close_on)
        self._onward(case, started_on, end, seeds)
        if programme == "REACH":
            self._school(case, started_on, end, seeds)
        if programme == "PHOENIX":
            self._engagement(case, started_on, end, seeds, stage)
        if closing:
            self._close(case, definition, referral, sessions, assessments, close_on, seeds)

    def _team_name(self, team_id: int) -> str:
        return next(name for name, team in self.teams.items() if team.id == team_id)

    def _lead_for(self, team_name: str) -> User:
        return {
            "VIP A&E": self.users["youth.worker@example.org"],
            "VIP Custody": self.users["youth.worker@example.org"],
            "Reach City": self.users["reach.worker@example.org"],
            "Reach County": self.users["county.worker@example.org"],
            "Phoenix support": self.users["phoenix.worker@example.org"],
        }[team_name]

    def _consent(self, case, person, started_on) -> None:
        db.session.add(Consent(case_id=case.id, given_by="young_person", method="written", given_on=started_on,
                               recorded_by_id=case.lead_worker_id))
        if rules.age_on(person.date_of_birth, started_on) < 18:
            db.session.add(Consent(case_id=case.id, given_by="parent_carer", method="verbal", given_on=started_on,
                                   recorded_by_id=case.lead_worker_id))

    def _sessions(self, case, definition, start, end, seeds, planned: bool) -> list[pf.SessionFact]:
        components = [c.code for c in definition.components if c.delivered_in_sessions]
        closing_code = {"VIP": "VIP-C8", "REACH": "RCH-C8", "PHOENIX": "PHX-C4"}[definition.programme_code]
        facts, day, n = [], start + timedelta(days=1), 0
        last_week = end - timedelta(days=7)
        while day <= end and day < self.today:
            n += 1
            roll = self.rng.random()
            attendance = "attended" if roll < 0.82 else ("did_not_attend" if roll < 0.94 else "cancelled")
            codes = set(self.rng.sample([c for c in components if c != closing_code], k=self.rng.randint(1, 3)))
            if planned and day >= last_week:
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
            day += timedelta(days=7 if definition.programme_code != "VIP" else self.rng.choice([4, 7, 7]))
        db.session.flush()
        self.result.add("sessions", n)
        return facts

    def _plans(self, case, definition, start, end, closing) -> None:
        plan = Plan(case_id=case.id, kind="intervention", agreed_on=start + timedelta(days=7),
                    review_on=start + timedelta(days=56), summary="Demo plan agreed with the young person.",
                    recorded_by_id=case.lead_worker_id)
        outcomes = [o.code for o in definition.outcomes if o.term == "medium"][:2]
        plan.goals = [
            Goal(description="Go to a sports session each week", status="in_progress", outcome_code=outcomes[0]),
            Goal(description="Agree a plan for what to do when angry", status="achieved" if closing else "in_progress",
                 outcome_code=outcomes[1]),
        ]
        db.session.add(plan)
        closing_kind = definition.closure_rule.plan.plan_kind if definition.closure_rule.plan else None
        if closing and closing_kind:
            db.session.add(Plan(case_id=case.id, kind=closing_kind, agreed_on=end - timedelta(days=10),
                                summary="Demo plan for after the programme.", recorded_by_id=case.lead_worker_id))
        self.result.add("plans")

    def _assessments(self, case, definition, person, start, close_on) -> list[pf.AssessmentFact]:
        facts = []
        check = definition.progress_check
        pre = {item.code: self.rng.randint(1, 4) for item in check.items}
        facts.append(self._assessment(case, check, "pre", start + timedelta(days=3), pre))
        if close_on:
            post = {code: min(5, value + self.rng.choice([0, 1, 1, 2])) for code, value in pre.items()}
            facts.append(self._assessment(case, check, "post", close_on - timedelta(days=2), post))
        if rules.age_on(person.date_of_birth, start) >= 13:
            swemwbs = programmes.get_instrument("SWEMWBS")
            pre_w = {item.code: self.rng.randint(2, 4) for item in swemwbs.items}
            facts.append(self._assessment(case, swemwbs, "pre", start + timedelta(days=3), pre_w))
            if close_on and self.rng.random() < 0.8:
                post_w = {code: min(5, value + self.rng.choice([0, 1])) for code, value in pre_w.items()}
                facts.append(self._assessment(case, swemwbs, "post", close_on - timedelta(days=2), post_w))
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

    def _school(self, case, start, end, seeds) -> None:
        if seeds[4] > 0.5:
            db.session.add(SchoolEvent(case_id=case.id, kind="suspension", occurred_on=start - timedelta(days=30),
                                       days=2, recorded_by_id=case.lead_worker_id))
        year = start.year if start.month >= 9 else start.year - 1
        db.session.add(SchoolAttendance(case_id=case.id, academic_year=f"{year}-{str(year + 1)[2:]}", term="autumn",
                                        attendance_percent=round(75 + seeds[5] * 20, 1), recorded_by_id=case.lead_worker_id))

    def _engagement(self, case, start, end, seeds, stage) -> None:
        navigator = case.navigator_id
        db.session.add(Notification(case_id=case.id, method="call_in" if seeds[6] < 0.5 else "home_visit_with_family",
                                    notified_on=start, attended=True, recorded_by_id=navigator))
        attempts = [("phone", "no_answer"), ("text", "message_left"), ("home_visit", "met")]
        for offset, (method, result) in enumerate(attempts):
            at = datetime.combine(start - timedelta(days=3 - offset), time(11, 0), LONDON)
            db.session.add(EngagementContact(case_id=case.id, contacted_at=at.astimezone(timezone.utc),
                                             contacted_on=at.date(), method=method, result=result, recorded_by_id=navigator))
        self.result.add("engagement contacts", len(attempts))
        db.session.add(EngagementStatusChange(case_id=case.id, status="contacted", changed_on=start - timedelta(days=1),
                                              recorded_by_id=navigator))
        db.session.add(EngagementStatusChange(case_id=case.id, status="engaged", changed_on=start, recorded_by_id=navigator))
        if stage == "active" and seeds[7] > 0.7:
            refused_on = min(start + timedelta(days=40), self.today)
            case.engagement_status = "refused"
            db.session.add(EngagementStatusChange(case_id=case.id, status="refused", changed_on=refused_on,
                                                  recorded_by_id=navigator))
            escalation = Escalation(case_id=case.id, raised_on=refused_on, reason="refused_to_engage",
                                    raised_by_id=navigator, outcome="enforcement_taken", outcome_on=refused_on + timedelta(days=5))
            db.session.add(escalation)
            db.session.flush()
            db.session.add(EnforcementEvent(case_id=case.id, escalation_id=escalation.id, kind="enforcement_visit",
                                            occurred_on=refused_on + timedelta(days=5),
                                            summary="Demo: visit to explain the consequences of continued offending.",
                                            recorded_by_id=self.users["enforcement@example.org"].id))
            self.result.add("escalations")

    def _close(self, case, definition, referral, sessions, assessments, close_on, seeds) -> None:
        plan_kinds = frozenset({"intervention"} | ({definition.closure_rule.plan.plan_kind}
                                                   if definition.closure_rule.plan else set()))
        facts = pf.CaseFacts(
            started_on=case.started_on, referral_received_at=referral.received_at,
            first_contact_at=referral.first_contact_at, sessions=tuple(sessions), plan_kinds=plan_kinds,
            assessments=tuple(assessments), support_started_on=case.support_started_on,
            engagement_status=case.engagement_status,
        )
        check = rules.closure_check(definition, facts, close_on)
        planned = seeds[6] < 0.75
        reason = "planned_completion" if planned else ["disengaged", "moved_out_of_area", "custody"][int(seeds[7] * 3)]
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
