"""The records of an accepted referral's case: allocation, consent, sessions, plans,
assessments, onward referrals, school, engagement and closure."""

from __future__ import annotations

import random
from datetime import time, timedelta

import programmes
from programmes import facts as pf
from programmes import rules

from .base import GeneratorBase
from .shapes import AGENCIES, DEFINITION_VERSION, NOTES


class CaseRecords(GeneratorBase):
    """Everything recorded on one case, from its opening to its closure against the real rule."""

    def case(self, referral_id, person, definition, team, received_at, received_on, decided_at,
             first_contact_at, details, *, reference=None, lead=None, force=None) -> int:
        rng = self.rng
        programme = definition.programme_code
        lead = lead or team.workers[int(rng.random() * len(team.workers))]
        navigator = None
        if programme == "PHOENIX":
            navigators = team.navigators or team.workers
            navigator = navigators[int(rng.random() * len(navigators))]
        waited = (self.today - received_on).days
        started_on = received_on + timedelta(days=int(rng.triangular(1, 21, 4)))
        if force:
            started_on = force["started_on"]
        elif started_on > self.today or (waited < 21 and rng.random() < 0.3):
            started_on = None
        # How it ends: a planned completion after about the planned dosage, or an earlier exit.
        planned = rng.random() < 0.66
        weeks = {"VIP": rng.triangular(9, 20, 14), "REACH": rng.triangular(21, 32, 25),
                 "PHOENIX": rng.triangular(26, 40, 29)}[programme]
        reason = "planned_completion" if planned else self.pick("closure_other")
        if not planned:
            weeks *= rng.uniform(0.15, 0.85)
        close_on = started_on + timedelta(days=int(weeks * 7)) if started_on else None
        if force:
            close_on = None
        elif close_on is not None and close_on >= self.today:
            close_on = None
        support_started_on = None
        engagement_status = None
        if programme == "PHOENIX":
            support_started_on = started_on + timedelta(days=int(rng.random() * 8)) if started_on else None
            if started_on is None:
                engagement_status = rng.choice(("not_yet_contacted", "contacted"))
            elif close_on is not None:
                engagement_status = "disengaged" if reason in ("disengaged", "declined_after_start") else "engaged"
            else:
                engagement_status = self.pick_engagement()
        status = "awaiting_consent" if started_on is None else ("closed" if close_on else "open")
        at = decided_at or received_at
        case_id = self.record(
            "cases", at, person_id=person.id, referral_id=referral_id, programme=programme,
            definition_version=DEFINITION_VERSION, team_id=team.id, status=status, started_on=started_on,
            closed_on=close_on, lead_worker_id=lead, navigator_id=navigator, support_started_on=support_started_on,
            engagement_status=engagement_status, provider_reference=reference or f"PERF-C{referral_id:07d}",
            closure_requested_at=None,
            closure_requested_by_id=None,
        )
        self.allocation(case_id, "lead_worker", lead, at, team.manager)
        if navigator:
            self.allocation(case_id, "navigator", navigator, at, team.manager)
        if started_on is None:
            return case_id
        self.consents(case_id, person, started_on, lead)
        end = close_on or self.today
        age = rules.age_on(person.date_of_birth, started_on)
        many = bool(force and force["many"])
        fixed = bool(force)
        sessions = self.sessions(case_id, definition, started_on, end, lead,
                                 closing=planned and close_on is not None, count=force and force["sessions"])
        plan_kinds = self.plans(case_id, definition, started_on, end, lead,
                                closing=planned and close_on is not None, many=many)
        assessments = self.assessments(case_id, definition, started_on, close_on, lead, age, planned, many=many,
                                       fixed=fixed)
        self.onward(case_id, started_on, end, lead, sessions, many=many, fixed=fixed)
        if programme == "REACH":
            self.school(case_id, started_on, end, lead)
        if programme == "PHOENIX":
            self.engagement(case_id, team, navigator, received_on, support_started_on, end, close_on,
                            engagement_status, age)
        if close_on:
            self.closure(case_id, definition, team, lead, reason, close_on, started_on, received_at,
                         first_contact_at, sessions, plan_kinds, assessments, support_started_on, engagement_status)
        return case_id

    def pick_engagement(self) -> str:
        roll = self.rng.random()
        for status, edge in (("engaged", 0.6), ("partially_engaged", 0.8), ("contacted", 0.86),
                             ("disengaged", 0.95)):
            if roll < edge:
                return status
        return "refused"

    def allocation(self, case_id, role, user_id, at, manager) -> None:
        self.w.add("allocations", {"id": self.w.new_id("allocations"), "case_id": case_id, "role": role,
                                   "user_id": user_id, "started_at": at, "ended_at": None,
                                   "allocated_by_id": manager, **self.stamps(at)})

    def consents(self, case_id, person, started_on, lead) -> None:
        at = self.moment(started_on, 14)
        self.record("consents", at, case_id=case_id, given_by="young_person",
                    method=self.rng.choice(("written", "verbal", "digital")), given_on=started_on, withdrawn_on=None,
                    recorded_by_id=lead)
        if rules.age_on(person.date_of_birth, started_on) < 18:
            self.record("consents", at, case_id=case_id, given_by="parent_carer",
                        method=self.rng.choice(("written", "verbal")), given_on=started_on, withdrawn_on=None,
                        recorded_by_id=lead)

    def sessions(self, case_id, definition, started_on, end, lead, *, closing, count=None) -> list[tuple]:
        """Sessions from just after the start to the end; returns (id, day, attended, codes, concern)."""
        rng = self.rng
        programme = definition.programme_code
        closing_code = {"VIP": "VIP-C8", "REACH": "RCH-C8", "PHOENIX": "PHX-C4"}[programme]
        components = [c.code for c in definition.session_components if c.code != closing_code]
        location = f"{programme}.location"
        gaps = {"VIP": (3, 4, 7, 7, 7, 7), "REACH": (6, 7, 7, 7, 8), "PHOENIX": (5, 7, 7, 7, 10)}[programme]
        last = min(end, self.today - timedelta(days=1)) if count else min(end, self.today)
        if count:
            span = (last - started_on).days - 1
            days = [started_on + timedelta(days=1 + (i * span) // count) for i in range(count)]
        else:
            days, day = [], started_on + timedelta(days=1 + int(rng.random() * 6))
            while day <= last:
                days.append(day)
                day += timedelta(days=rng.choice(gaps))
        closing_from = end - timedelta(days=14)
        made = []
        for n, day in enumerate(days):
            roll = rng.random()
            attendance = "attended" if roll < 0.8 else ("did_not_attend" if roll < 0.93 else "cancelled")
            attended = attendance == "attended"
            codes: tuple[str, ...] = ()
            concern = False
            if attended:
                chosen = set(rng.sample(components, k=1 + int(rng.random() * 3)))
                if closing and day >= closing_from:
                    chosen.add(closing_code)
                codes = tuple(sorted(chosen))
                concern = rng.random() < (0.08 if n < 6 else 0.015)
            hour = 9 + int(rng.random() * 10)
            start_time = time(hour, rng.choice((0, 15, 30, 45))) if rng.random() > 0.1 else None
            at = self.moment(day, min(hour + 2, 21), int(rng.random() * 60))
            session_id = self.record(
                "sessions", at, case_id=case_id, held_on=day, start_time=start_time,
                duration_minutes=rng.choice((30, 45, 60, 60, 60, 90, 120)) if attended else 0,
                mode=self.pick("mode"), location=self.pick(location), attendance=attendance,
                behaviour_concern=concern,
                behaviour_note="Raised voice and left the room when talking about the incident." if concern else "",
                notes=rng.choice(NOTES) if attended and rng.random() < 0.6 else "",
                recorded_by_id=lead, provider_reference=None,
            )
            for code in codes:
                self.w.add("session_components", {"session_id": session_id, "component_code": code})
            made.append((session_id, day, attended, codes, concern))
        return made

    def plans(self, case_id, definition, started_on, end, lead, *, closing, many=False) -> frozenset[str]:
        rng = self.rng
        kinds = {"intervention"}
        outcomes = [o.code for o in definition.outcomes if o.term == "medium"]
        count = 8 if many else 1
        for number in range(count):
            agreed = min(started_on + timedelta(days=7 + 90 * number), end)
            plan_id = self.record("plans", self.moment(agreed, 15), case_id=case_id, kind="intervention",
                                  agreed_on=agreed, review_on=agreed + timedelta(days=56),
                                  summary="Plan agreed with the young person and their family.", recorded_by_id=lead)
            for _goal in range(2 + int(rng.random() * 2)):
                self.record("goals", self.moment(agreed, 15), plan_id=plan_id,
                            description=rng.choice(("Go to a sports session each week",
                                                    "Agree a plan for what to do when angry",
                                                    "Get back into full-time education",
                                                    "Spend less time with the people who got them into trouble",
                                                    "Apply for a college course")),
                            status=("achieved" if closing else rng.choice(("in_progress", "not_started", "achieved"))),
                            target_on=agreed + timedelta(days=84), outcome_code=rng.choice(outcomes))
        rule = definition.closure_rule.plan
        if closing and rule:
            agreed = end - timedelta(days=10)
            self.record("plans", self.moment(agreed, 15), case_id=case_id, kind=rule.plan_kind, agreed_on=agreed,
                        review_on=None, summary="Plan for after the programme.", recorded_by_id=lead)
            kinds.add(rule.plan_kind)
        return frozenset(kinds)

    def scored(self, instrument, key) -> tuple[dict, float, dict]:
        """Responses with their stored score, from a pool of scored patterns (scoring each one
        through the instruments would dominate the run)."""
        from casework.assessments.operations import scored_fields

        cached = self._scores.get((instrument.code, key))
        if cached is None:
            base, shift = key
            seeded = random.Random(f"{instrument.code}:{base}")
            if instrument.scores_only:
                responses = {"emotional": seeded.randint(2, 8), "conduct": seeded.randint(2, 8),
                             "hyperactivity": seeded.randint(3, 9), "peer": seeded.randint(1, 6),
                             "prosocial": seeded.randint(3, 9)}
                if shift:
                    for code in ("emotional", "conduct", "hyperactivity", "peer"):
                        responses[code] = max(0, responses[code] - shift)
                informant = "self"
            else:
                low = 1 if instrument.code != "SWEMWBS" else 2
                responses = {item.code: seeded.randint(low, 4) for item in instrument.items}
                if shift:
                    responses = {code: min(5, value + (shift if seeded.random() < 0.6 else 0))
                                 for code, value in responses.items()}
                informant = None
            figures = scored_fields(instrument, responses, informant)
            cached = (responses, figures["score"], figures["subscores"], informant)
            self._scores[(instrument.code, key)] = cached
        return cached

    def assessments(self, case_id, definition, started_on, close_on, lead, age, planned, *, many=False,
                    fixed=False) -> list:
        rng = self.rng
        facts = []
        check = definition.progress_check
        wellbeing = programmes.get_instrument("SWEMWBS")
        sdq = programmes.get_instrument("SDQ")

        def add(instrument, timepoint, on, key):
            on = min(on, self.today)
            responses, score, subscores, informant = self.scored(instrument, key)
            assessment_id = self.record(
                "assessments", self.moment(on, 16), case_id=case_id, instrument=instrument.code,
                timepoint=timepoint, completed_on=on, informant=informant, score=score, subscores=subscores,
                recorded_by_id=lead, provider_reference=None)
            if not instrument.scores_only:
                for code, value in responses.items():
                    self.w.add("assessment_items", {"assessment_id": assessment_id, "item_code": code, "value": value})
            facts.append(pf.AssessmentFact(instrument=instrument.code, timepoint=timepoint, completed_on=on,
                                           responses=responses, informant=informant))

        chosen = [(check, rng.random() < 0.93 or fixed)]
        if age >= 13:
            chosen.append((wellbeing, rng.random() < 0.85 or fixed))
        if definition.programme_code == "REACH" or (age < 18 and rng.random() < 0.2):
            chosen.append((sdq, rng.random() < 0.6))
        for instrument, has_pre in chosen:
            if not has_pre:
                continue
            base = int(rng.random() * 400)
            add(instrument, "pre", started_on + timedelta(days=int(rng.random() * 10)), (base, 0))
            if many:
                for number in range(1, 12):
                    add(instrument, "follow_up", started_on + timedelta(days=150 * number), (base, number % 3))
            if close_on and rng.random() < (0.9 if planned else 0.3):
                add(instrument, "post", close_on - timedelta(days=int(rng.random() * 5)),
                    (base, rng.choice((0, 1, 1, 1, 2))))
        return facts

    def onward(self, case_id, started_on, end, lead, sessions, *, many=False, fixed=False) -> None:
        rng = self.rng
        count = 40 if many else (0 if rng.random() > 0.38 else (1 if rng.random() < 0.75 else 2))
        if fixed and not many:
            count = 1
        attended = [s for s in sessions if s[2]]
        for _ in range(count):
            linked = rng.choice(attended) if attended and rng.random() < 0.4 else None
            referred_on = linked[1] if linked else started_on + timedelta(
                days=int(rng.random() * max(1, (end - started_on).days)))
            referred_on = min(referred_on, self.today)
            old = (self.today - referred_on).days > 30
            self.record("onward_referrals", self.moment(referred_on, 16), case_id=case_id,
                        session_id=linked[0] if linked else None, service_type=self.pick("onward"),
                        agency=rng.choice(AGENCIES), referred_on=referred_on,
                        status=rng.choice(("accepted", "accepted", "attended", "declined", "made")) if old else "made",
                        recorded_by_id=lead, provider_reference=None)

    def school(self, case_id, started_on, end, lead) -> None:
        rng = self.rng
        seen = set()
        day = started_on
        while day <= end:
            year = day.year if day.month >= 9 else day.year - 1
            term = "autumn" if day.month >= 9 else ("spring" if day.month <= 3 else "summer")
            key = (f"{year}-{str(year + 1)[2:]}", term)
            if key not in seen and day.month != 8:
                seen.add(key)
                self.attendance(case_id, key, day, lead)
            day += timedelta(days=60)
        if rng.random() < 0.28:
            occurred = started_on + timedelta(days=int(rng.random() * max(1, (end - started_on).days)))
            self.record("school_events", self.moment(occurred, 12), case_id=case_id,
                        kind="permanent_exclusion" if rng.random() < 0.06 else "suspension", occurred_on=occurred,
                        days=1 + int(rng.random() * 5), recorded_by_id=lead)

    def attendance(self, case_id, key, day, lead) -> None:
        at = self.moment(day, 12)
        self.w.add("school_attendance", {
            "id": self.w.new_id("school_attendance"), "version": 1, "case_id": case_id, "academic_year": key[0],
            "term": key[1], "attendance_percent": round(60 + self.rng.random() * 38, 1), "recorded_by_id": lead,
            **self.stamps(at)})

    def engagement(self, case_id, team, navigator, received_on, support_on, end, close_on, status, age) -> None:
        rng = self.rng
        navigator = navigator or team.workers[0]
        first = received_on + timedelta(days=1 + int(rng.random() * 4))
        attempts = [("phone", "no_answer"), ("text", "message_left"), ("home_visit", "met")][: 1 + int(rng.random() * 3)]
        day = first
        for method, result in attempts:
            self.contact(case_id, day, method, result, navigator)
            day += timedelta(days=1 + int(rng.random() * 3))
        if support_on:
            self.record("notifications", self.moment(support_on, 11), case_id=case_id,
                        method="home_visit_with_family" if age < 18 else "call_in", notified_on=support_on,
                        attended=rng.random() < 0.85, notes="", recorded_by_id=navigator)
            day = support_on + timedelta(days=14)
            while day <= end:
                self.contact(case_id, day, rng.choice(("phone", "in_person", "text", "home_visit")),
                             rng.choice(("spoke_engaged", "spoke_engaged", "met", "no_answer", "message_left")),
                             navigator)
                day += timedelta(days=14 + int(rng.random() * 14))
        changes = [("contacted", first)]
        if support_on:
            changes.append(("engaged", support_on))
            if status not in ("engaged", None):
                changes.append((status, min(end, support_on + timedelta(days=40 + int(rng.random() * 60)))))
        for code, on in changes:
            on = min(on, self.today)
            self.w.add("engagement_status_changes", {"id": self.w.new_id("engagement_status_changes"),
                                                     "case_id": case_id, "status": code, "changed_on": on,
                                                     "recorded_by_id": navigator, **self.stamps(self.moment(on, 12))})
        if status in ("refused", "disengaged") and rng.random() < 0.5:
            raised = min(changes[-1][1] + timedelta(days=3), self.today)
            outcome_on = raised + timedelta(days=7)
            decided = outcome_on <= self.today
            escalation_id = self.record(
                "escalations", self.moment(raised, 12), case_id=case_id, raised_on=raised,
                reason="refused_to_engage" if status == "refused" else "risk_persists",
                raised_by_id=navigator, outcome="enforcement_taken" if decided else "ongoing",
                outcome_on=outcome_on if decided else None)
            if decided and team.area and self.teams.get((team.area, "Phoenix police")):
                officers = self.teams[(team.area, "Phoenix police")].enforcement
                self.record("enforcement_events", self.moment(outcome_on, 12), case_id=case_id,
                            escalation_id=escalation_id, kind="enforcement_visit", occurred_on=outcome_on,
                            summary="Visit to explain the consequences of continued offending.",
                            recorded_by_id=officers[0] if officers else None)

    def contact(self, case_id, day, method, result, navigator) -> None:
        if day > self.today:
            return
        at = self.moment(day, 10 + int(self.rng.random() * 8), int(self.rng.random() * 60))
        self.record("engagement_contacts", at, case_id=case_id, contacted_at=at, contacted_on=day, method=method,
                    result=result, notes="", recorded_by_id=navigator, provider_reference=None)

    def closure(self, case_id, definition, team, lead, reason, close_on, started_on, received_at,
                first_contact_at, sessions, plan_kinds, assessments, support_started_on, engagement_status) -> None:
        facts = pf.CaseFacts(
            started_on=started_on, referral_received_at=received_at, first_contact_at=first_contact_at,
            sessions=tuple(pf.SessionFact(held_on=day, attended=attended, component_codes=frozenset(codes),
                                          behaviour_concern=concern)
                           for _, day, attended, codes, concern in sessions),
            plan_kinds=plan_kinds, assessments=tuple(assessments), support_started_on=support_started_on,
            engagement_status=engagement_status,
        )
        check = rules.closure_check(definition, facts, close_on)
        override = None
        closed_by = lead
        if reason == "planned_completion" and not check.ok:
            override = "The young person met the programme's aims; the manager agreed to close as planned."
            closed_by = team.manager
        self.record("closures", self.moment(close_on, 16), case_id=case_id, reason=reason, closed_on=close_on,
                    check_passed=check.ok, check_trace=check.trace(), definition_version=DEFINITION_VERSION,
                    override_reason=override, closed_by_id=closed_by, reopened_at=None, reopened_by_id=None,
                    reopen_reason=None, provider_reference=None)

