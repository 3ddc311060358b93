"""Demo data: teams, a user for every role, and about 60 obviously fictional young people across
the three built-in programmes at every stage, dated across the current and previous financial
year; every other registered programme gets a generic demo built from its definition.

Loading is idempotent: teams and users are found by name and email, and every demo person,
referral and case carries a `DEMO-...` provider reference, so running it twice adds nothing.
Every record it creates is audited with channel "demo". Closures run the programme's real
closure check; a planned completion that does not meet it is closed as a manager override
with a written reason, as a manager would have to (a generic demo closes it for another reason).

Here is only what the demo says about each built-in programme that its definition does not:
team names, who works where, how many people, and what their referrals say.
:mod:`casework.demo_loader` writes the records.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

import programmes
from casework.admin.operations import create_user, ensure_team
from casework.auth.models import Team, User
from casework.cases import outcomes
from casework.db import db
from casework.demo_loader import (
    DemoContent,
    DemoLoader,
    ensure_membership,
    generic_content,
)
from casework.timezone import london_today

#: The password of every demo account. Demo data only: never load it into a live service.
DEMO_PASSWORD = "demo-password"

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


def _vip_details(definition, team_name: str, seeds) -> tuple[dict, str | None, str]:
    custody = team_name == "VIP Custody"
    setting = "custody" if custody else "a_and_e"
    source = "police_custody" if custody else "hospital_a_and_e"
    kind = "offence_type" if custody else "injury_type"
    value = ["Assault", "Possession of a bladed article", "Robbery"][int(seeds[4] * 3)] if custody \
        else ["Stab wound", "Assault injury", "Injury from a fight"][int(seeds[4] * 3)]
    return {kind: value, "violence_related": True}, setting, source


def _reach_details(definition, team_name: str, seeds) -> tuple[dict, str | None, str]:
    return ({"school": "Demo Academy" if seeds[5] < 0.5 else "Sample Community College",
             "suspensions_before_referral": int(seeds[4] * 4),
             "attendance_percent_at_referral": round(70 + seeds[6] * 25, 1),
             "at_risk_of_exclusion": True,
             "vulnerabilities": ["behaviour_concerns"]}, None, "school")


def _phoenix_details(definition, team_name: str, seeds) -> tuple[dict, str | None, str]:
    tier = "influential_member" if seeds[4] < 0.3 else "network_member"
    agency = ["police", "probation", "youth_justice_city", "youth_justice_county"][int(seeds[5] * 4)]
    return ({"nominating_agency": agency, "cohort_tier": tier, "cohort_member": True,
             "notification_method": "call_in" if seeds[6] < 0.5 else "home_visit_with_family"},
            None, agency)


#: The built-in programmes' own demo content; people are numbered DEMO-P001 onwards across them.
BESPOKE = {
    "VIP": DemoContent(
        teams=("VIP A&E", "VIP Custody"),
        leads={"VIP A&E": "youth.worker@example.org", "VIP Custody": "youth.worker@example.org"},
        stages={"pending": 2, "declined": 2, "awaiting_consent": 2, "active": 8, "closed": 10},
        details=_vip_details,
        # Mentoring is flexible at the reachable moment: sometimes twice a week.
        session_gaps=(4, 7, 7),
    ),
    "REACH": DemoContent(
        teams=("Reach City", "Reach County"),
        leads={"Reach City": "reach.worker@example.org", "Reach County": "county.worker@example.org"},
        stages={"pending": 2, "declined": 1, "awaiting_consent": 1, "active": 6, "closed": 8},
        details=_reach_details,
        closing_component="RCH-C8",
    ),
    "PHOENIX": DemoContent(
        # The police team takes no referrals: it is where the enforcement officer works.
        teams=("Phoenix support", "Phoenix police"),
        leads={"Phoenix support": "phoenix.worker@example.org"},
        stages={"pending": 1, "declined": 1, "awaiting_consent": 1, "active": 9, "closed": 6},
        details=_phoenix_details,
        # The demo cohort are older teenagers and young adults.
        min_age=14,
        closing_component="PHX-C4",
    ),
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
        lines += ["", f"Demo sign-ins (password for all: {DEMO_PASSWORD}):", sign_in_table()]
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


def demo_content(today: date) -> list[tuple[programmes.Programme, DemoContent]]:
    """What the demo loads for every registered programme, in registry order: the bespoke
    content where there is some (numbered on from the one before), a generic demo otherwise."""
    planned, number = [], 1
    for programme in programmes.all_programmes():
        content = BESPOKE.get(programme.code)
        if content is None:
            content = generic_content(programme, programmes.current_definition(programme.code, today))
        else:
            content = dataclasses.replace(content, first_number=number)
            number += content.people
        planned.append((programme, content))
    return planned


def load_demo(today: date | None = None, seed: int = 2024) -> DemoResult:
    """Load the demo data (idempotent) and commit. Returns what was created."""
    today = today or london_today()
    result = DemoResult()
    planned = demo_content(today)
    teams = {}
    for programme, content in planned:
        for name in content.teams:
            existed = db.session.scalar(sa.select(Team.id).where(Team.name == name)) is not None
            teams[name] = ensure_team(name, programme.code)
            if not existed:
                result.add("teams")
    users = {}
    for role, email, name, team_names in USERS + tuple(u for _, content in planned for u in content.users):
        users[email] = _ensure_user(role, email, name, team_names, teams, result)
    # The built-in programmes share one sequence of random draws, as they always have; any other
    # programme draws its own, so registering one never changes the others' demo people.
    shared = random.Random(seed)
    for programme, content in planned:
        rng = shared if programme.code in BESPOKE else random.Random(f"{seed}:{programme.code}")
        DemoLoader(today, rng, programme, content, teams, users, result).load()
    # The demo writes its closures directly; keep their outcome evaluations as closing would.
    outcomes.refresh()
    db.session.commit()
    return result


def _ensure_user(role: str, email: str, name: str, team_names, teams, result: DemoResult) -> User:
    """The demo user with this email, created with its teams if missing, else given any missing one."""
    user = db.session.scalars(sa.select(User).where(User.email == email)).one_or_none()
    if user is None:
        result.add("users")
        return create_user(email=email, name=name, role=role, password=DEMO_PASSWORD, team_names=team_names)
    for team_name in team_names:
        if ensure_membership(user, teams[team_name]):
            result.add("memberships")
    return user
