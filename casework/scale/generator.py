"""The whole run: staff and teams for each area, referrals over five years, and the fixed cases."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from casework.timezone import LONDON
from programmes import facts as pf
from programmes import rules

from .base import Person, Team, weighted
from .cases import CaseRecords
from .shapes import (
    DEFINITION_VERSION,
    GIVEN_NAMES,
    LARGE_CASE_REFERENCE,
    LARGE_CASE_SESSIONS,
    PERF_MANAGER_EMAIL,
    PERF_WORKER_EMAIL,
    PROGRAMME_SHARE,
    REFERRALS_PER_SCALE,
    SMALL_CASE_REFERENCE,
    SYLLABLES,
    TEAM_KINDS,
)


class Generator(CaseRecords):
    """Staff first, then every referral (and, for those accepted, its case), then the fixed cases."""

    # --- staff ------------------------------------------------------------------------------

    def staff(self) -> None:
        at = self.moment(self.window_start - timedelta(days=30), 9)
        number = 0

        def user(role: str, email: str, name: str) -> int:
            return self.record("users", at, email=email, name=name, role=role, password_hash=self.password_hash,
                               active=True, last_sign_in_at=None, session_token=uuid.UUID(
                                   int=self.rng.getrandbits(128)).hex)

        for area in range(1, self.areas + 1):
            for programme, kind, roles in TEAM_KINDS:
                team = Team(id=self.record("teams", at, name=f"Perf {area:02d} {kind}", programme=programme,
                                            active=True), programme=programme, kind=kind, area=area)
                self.teams[(area, kind)] = team
                for role, count in roles.items():
                    for _ in range(max(1, round(count * self.per_area))):
                        number += 1
                        first = area == 1 and kind == "VIP A&E" and role == "youth_worker" and not team.workers
                        email = PERF_WORKER_EMAIL if first else f"perf.{role.replace('_', '.')}.{number:05d}@example.org"
                        name = "Perf Worker" if first else f"{GIVEN_NAMES[number % len(GIVEN_NAMES)]} Staff{number:05d}"
                        user_id = user(role, email, name)
                        if first:
                            self.perf_worker = user_id
                        {"youth_worker": team.workers, "navigator": team.navigators,
                         "enforcement_officer": team.enforcement}[role].append(user_id)
                        self.membership(user_id, team.id, at)
            for programme, _ in PROGRAMME_SHARE:
                number += 1
                first = area == 1 and programme == "VIP"
                email = PERF_MANAGER_EMAIL if first else f"perf.manager.{number:05d}@example.org"
                manager = user("manager", email, "Perf Manager" if first else f"Manager Staff{number:05d}")
                if first:
                    self.perf_manager = manager
                for (team_area, _kind), team in self.teams.items():
                    if team_area == area and (team.programme == programme or first):
                        self.membership(manager, team.id, at)
                        if team.programme == programme:
                            team.manager = manager
        self.commissioner = user("commissioner", "perf.commissioner@example.org", "Perf Commissioner")
        user("administrator", "perf.admin@example.org", "Perf Administrator")
        self.w.flush()

    def membership(self, user_id: int, team_id: int, at: datetime) -> None:
        self.w.add("memberships", {"id": self.w.new_id("memberships"), "user_id": user_id, "team_id": team_id,
                                   **self.stamps(at)})

    # --- the whole run ----------------------------------------------------------------------

    def run(self) -> None:
        self.staff()
        for received_on, programme, area in self.referral_plan():
            self.referral(received_on, programme, area)
        self.fixed_cases()

    def referral_plan(self) -> list[tuple[date, str, int]]:
        """Received dates over the five years: about 10% growth a year, fewer at weekends, and
        few Reach referrals in the August school holiday."""
        rng = self.rng
        total = max(1, round(REFERRALS_PER_SCALE * self.scale))
        days = (self.today - self.window_start).days + 1
        peak = 1 + 0.1 * days / 365
        codes, cumulative = weighted(PROGRAMME_SHARE)
        plan = []
        while len(plan) < total:
            roll = rng.random()
            programme = next(code for code, edge in zip(codes, cumulative, strict=True) if roll < edge) if roll < cumulative[-1] \
                else codes[-1]
            offset = int(rng.random() * days)
            day = self.window_start + timedelta(days=offset)
            weight = (1 + 0.1 * offset / 365) / peak
            if day.weekday() >= 5:
                weight *= 0.45 if programme != "REACH" else 0.1
            if programme == "REACH" and day.month == 8:
                weight *= 0.2
            if rng.random() < weight:
                plan.append((day, programme, 1 + int(rng.random() * self.areas)))
        plan.sort(key=lambda item: item[0])
        return plan

    # --- people and referrals ---------------------------------------------------------------

    def age_for(self, programme: str) -> int:
        rng = self.rng
        if programme == "VIP":
            return int(rng.triangular(11, 25.99, 16))
        if programme == "REACH":
            return int(rng.triangular(10, 17.99, 14))
        return int(rng.triangular(14, 40, 19))

    def surname(self) -> str:
        rng = self.rng
        return "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() + rng.choice(("", "", "son", "ley", "ton"))

    def person(self, programme: str, received_on: date) -> Person:
        rng = self.rng
        definition = self.definitions[programme]
        if self.people and rng.random() < 0.08:
            earlier = self.people[int(rng.random() * len(self.people))]
            age = rules.age_on(earlier.date_of_birth, received_on)
            if (received_on - earlier.last_received_on).days > 300 and \
                    definition.eligibility.min_age <= age <= definition.eligibility.max_age:
                earlier.last_received_on = received_on
                return earlier
        age = self.age_for(programme)
        dob = received_on - timedelta(days=int(age * 365.25) + int(rng.random() * 360))
        sex = self.pick("sex") if rng.random() > 0.01 else None
        la = self.pick("la") if rng.random() > 0.02 else None
        at = self.moment(received_on, 9 + int(rng.random() * 9), int(rng.random() * 60))
        person_id = self.record(
            "people", at, given_name=rng.choice(GIVEN_NAMES), family_name=self.surname(),
            known_as=rng.choice(GIVEN_NAMES) if rng.random() < 0.05 else None, date_of_birth=dob,
            sex=sex, ethnicity=self.pick("ethnicity") if rng.random() > 0.03 else None,
            police_ethnicity_code=None, local_authority=la,
            postcode=f"LE{1 + int(rng.random() * 19)} {int(rng.random() * 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                     f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" if la != "outside_llr" else None,
            provider_reference=None,
        )
        person = Person(person_id, dob, sex, la, received_on)
        self.people.append(person)
        return person

    def details(self, programme: str) -> tuple[dict, str | None, str]:
        rng = self.rng
        source = self.pick(f"{programme}.source")
        if programme == "VIP":
            setting = {"police_custody": "custody", "hospital_a_and_e": "a_and_e",
                       "other_health": "other_health"}.get(source) or rng.choice(("custody", "a_and_e"))
            if setting == "custody":
                facts = {"offence_type": rng.choice(("Assault", "Possession of a bladed article", "Robbery",
                                                     "Wounding", "Affray"))}
            else:
                facts = {"injury_type": rng.choice(("Stab wound", "Assault injury", "Injury from a fight",
                                                    "Head injury after an assault"))}
            facts["violence_related"] = rng.random() > 0.04
            return facts, setting, source
        if programme == "REACH":
            return ({"school": f"Perf Academy {1 + int(rng.random() * 40):02d}",
                     "suspensions_before_referral": int(rng.triangular(0, 6, 1)),
                     "attendance_percent_at_referral": round(55 + rng.random() * 40, 1),
                     "at_risk_of_exclusion": rng.random() > 0.05,
                     "vulnerabilities": sorted(rng.sample(
                         ("behaviour_concerns", "send", "social_care", "exploitation_risk", "missing_episodes",
                          "young_carer", "substance_misuse", "mental_health"), k=1 + int(rng.random() * 3))),
                     "ete_status": rng.choice(("full_time_education", "full_time_education", "part_time_education"))},
                    None, source)
        agency = source if source in ("police", "probation", "youth_justice_city", "youth_justice_county") else "other"
        return ({"nominating_agency": agency,
                 "cohort_tier": "influential_member" if rng.random() < 0.25 else "network_member",
                 "cohort_member": True, "notification_method": None,
                 "ete_status": rng.choice(("neet", "neet", "employed", "part_time_education", "not_known"))},
                None, source)

    def team_for(self, programme: str, area: int, setting: str | None, la: str | None) -> Team:
        if programme == "VIP":
            kind = "VIP Custody" if setting == "custody" else "VIP A&E"
        elif programme == "REACH":
            kind = "Reach City" if la == "leicester" else "Reach County"
        else:
            kind = "Phoenix support"
        return self.teams[(area, kind)]

    def referral(self, received_on: date, programme: str, area: int) -> None:
        rng = self.rng
        definition = self.definitions[programme]
        person = self.person(programme, received_on)
        details, setting, source = self.details(programme)
        team = self.team_for(programme, area, setting, person.local_authority)
        received_at = self.moment(received_on, 8 + int(rng.random() * 12), int(rng.random() * 60))
        facts = pf.ReferralFacts(referral_on=received_on, date_of_birth=person.date_of_birth,
                                 local_authority=person.local_authority, setting=setting, referral_source=source,
                                 programme_facts=details)
        decision = rules.check_eligibility(definition, facts)
        eligibility = {"outcome": decision.outcome,
                       "reasons": [{"met": reason.met, "text": reason.text} for reason in decision.reasons]}
        waited = (self.today - received_on).days
        status, decline_reason, decided_at = "accepted", None, None
        if waited <= 7 and rng.random() < 0.7 * (1 - waited / 8):
            status = "pending"
        elif not decision.eligible or rng.random() < 0.12:
            status = "declined"
            decline_reason = (decision.decline_reason if not decision.eligible else None) or self.pick("decline")
        if status != "pending":
            decided_at = received_at + timedelta(hours=1 + rng.random() * 40)
        first_contact_at = None
        if status == "accepted":
            hours = rng.triangular(2, 24 * 12, 30)
            first_contact_at = min(received_at + timedelta(hours=hours), self.moment(self.today, 8))
        if programme == "PHOENIX":
            details["notification_method"] = "home_visit_with_family" if \
                rules.age_on(person.date_of_birth, received_on) < 18 else "call_in"
        referral_id = self.record(
            "referrals", received_at, person_id=person.id, programme=programme, team_id=team.id,
            definition_version=DEFINITION_VERSION, received_at=received_at, received_on=received_on,
            source=source, setting=setting, details=details, status=status, decline_reason=decline_reason,
            decided_at=decided_at, decided_by_id=team.manager if decided_at else None, eligibility=eligibility,
            first_contact_at=first_contact_at,
            first_contact_on=first_contact_at.astimezone(LONDON).date() if first_contact_at else None,
            created_by_id=team.manager, provider_reference=None,
        )
        if status == "accepted":
            self.case(referral_id, person, definition, team, received_at, received_on, decided_at,
                      first_contact_at, details)

    # --- the two cases a benchmark looks for --------------------------------------------------

    def fixed_cases(self) -> None:
        team = self.teams[(1, "VIP A&E")]
        definition = self.definitions["VIP"]
        for reference, started_on, sessions in (
            (LARGE_CASE_REFERENCE, self.window_start + timedelta(days=10), LARGE_CASE_SESSIONS),
            (SMALL_CASE_REFERENCE, self.today - timedelta(days=10), 1),
        ):
            received_on = started_on - timedelta(days=3)
            at = self.moment(received_on, 10)
            person_id = self.record(
                "people", at, given_name="Perf", family_name="Large" if sessions > 1 else "Small", known_as=None,
                date_of_birth=received_on - timedelta(days=int(15.5 * 365.25)), sex="male",
                ethnicity="white_british", police_ethnicity_code=None, local_authority="leicester",
                postcode="LE1 1AA", provider_reference=f"{reference}-P")
            person = Person(person_id, received_on - timedelta(days=int(15.5 * 365.25)), "male", "leicester",
                             received_on)
            details = {"injury_type": "Assault injury", "violence_related": True}
            decided_at = at + timedelta(hours=2)
            referral_id = self.record(
                "referrals", at, person_id=person_id, programme="VIP", team_id=team.id,
                definition_version=DEFINITION_VERSION, received_at=at, received_on=received_on,
                source="hospital_a_and_e", setting="a_and_e", details=details, status="accepted",
                decline_reason=None, decided_at=decided_at, decided_by_id=team.manager,
                eligibility={"outcome": "eligible", "reasons": []}, first_contact_at=at + timedelta(hours=5),
                first_contact_on=received_on, created_by_id=team.manager, provider_reference=f"{reference}-R")
            self.case(referral_id, person, definition, team, at, received_on, decided_at, at + timedelta(hours=5),
                      details, reference=reference, lead=self.perf_worker,
                      force={"started_on": started_on, "sessions": sessions, "many": sessions > 1})
