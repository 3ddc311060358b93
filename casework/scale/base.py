"""What every part of the generator shares: the run's state, its weighted choices and the
helpers that date and write a record."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

import programmes
from casework.timezone import LONDON

from .shapes import PERF_PASSWORD, PROGRAMME_SHARE
from .writer import Writer


@dataclass
class Team:
    id: int
    programme: str
    kind: str
    area: int
    workers: list[int] = field(default_factory=list)
    navigators: list[int] = field(default_factory=list)
    enforcement: list[int] = field(default_factory=list)
    manager: int = 0


@dataclass
class Person:
    id: int
    date_of_birth: date
    sex: str | None
    local_authority: str | None
    last_received_on: date


def weighted(pairs):
    """The codes of (code, weight) pairs and their cumulative shares, for `GeneratorBase.pick`."""
    codes = [code for code, _ in pairs]
    weights = [weight for _, weight in pairs]
    total = float(sum(weights))
    cumulative, running = [], 0.0
    for weight in weights:
        running += weight / total
        cumulative.append(running)
    return codes, cumulative


class GeneratorBase:
    """The run's state (scale, random source, dates, definitions, teams, people) and record helpers."""

    def __init__(self, writer: Writer, scale: float, rng: random.Random, today: date):
        self.w = writer
        self.scale = scale
        self.rng = rng
        self.today = today
        fy_year = today.year if today.month >= 4 else today.year - 1
        self.window_start = date(fy_year - 4, 4, 1)
        self.definitions = {code: programmes.current_definition(code, today) for code, _ in PROGRAMME_SHARE}
        from casework.passwords import hash_password

        self.password_hash = hash_password(PERF_PASSWORD)
        self.areas = max(1, round(scale))
        self.per_area = scale / self.areas
        self.teams: dict[tuple[int, str], Team] = {}
        self.people: list[Person] = []
        self.perf_worker = 0
        self.perf_manager = 0
        self.commissioner = 0
        self._scores: dict = {}
        self._choices = {
            "sex": weighted([("male", 74), ("female", 23), ("not_known", 2), ("prefer_not_to_say", 1)]),
            "ethnicity": weighted([
                ("white_british", 48), ("asian_indian", 14), ("white_other", 5), ("black_african", 6),
                ("asian_pakistani", 3), ("asian_bangladeshi", 1), ("asian_other", 2), ("black_caribbean", 2),
                ("black_other", 1), ("mixed_white_black_caribbean", 4), ("mixed_white_black_african", 1),
                ("mixed_white_asian", 1), ("mixed_other", 2), ("white_irish", 0.5), ("asian_chinese", 0.5),
                ("white_gypsy_or_irish_traveller", 0.5), ("white_roma", 0.5), ("other_arab", 1),
                ("other_any", 1), ("not_stated", 5)]),
            "la": weighted([("leicester", 52), ("leicestershire", 42), ("rutland", 4), ("outside_llr", 2)]),
            "decline": weighted([("criteria_not_met", 30), ("unable_to_contact", 25),
                                  ("declined_by_young_person", 25), ("outside_age_range", 6),
                                  ("outside_area", 6), ("already_open", 5), ("other", 3)]),
            "closure_other": weighted([("disengaged", 40), ("declined_after_start", 14),
                                        ("moved_out_of_area", 12), ("custody", 12),
                                        ("transferred_or_stepped_up", 9), ("safeguarding_escalation", 6),
                                        ("other", 6), ("deceased", 0.4)]),
            "mode": weighted([("face_to_face", 80), ("phone", 10), ("video", 4), ("messaging", 6)]),
            "onward": weighted([("mental_health", 18), ("substance_misuse", 12), ("housing", 8), ("ete", 22),
                                 ("social_care", 8), ("sport_positive_activity", 18), ("family_support", 10),
                                 ("other", 4)]),
            "VIP.source": weighted([("police_custody", 44), ("hospital_a_and_e", 42), ("other_health", 8),
                                     ("self_or_family", 2), ("other_agency", 4)]),
            "REACH.source": weighted([("school", 72), ("social_care", 9), ("youth_justice", 8), ("family", 4),
                                       ("other", 7)]),
            "PHOENIX.source": weighted([("police", 52), ("probation", 18), ("youth_justice_city", 12),
                                         ("youth_justice_county", 12), ("other", 6)]),
            "VIP.location": weighted([("community", 30), ("youth_centre", 20), ("home", 18), ("office", 8),
                                       ("hospital", 10), ("custody_suite", 6), ("school", 5), ("online", 3)]),
            "REACH.location": weighted([("school", 52), ("home", 18), ("youth_centre", 14), ("community", 12),
                                         ("online", 2), ("other", 2)]),
            "PHOENIX.location": weighted([("community", 36), ("home", 26), ("office", 20), ("youth_centre", 10),
                                           ("online", 4), ("other", 4)]),
        }

    # --- helpers --------------------------------------------------------------------------

    def pick(self, name: str) -> str:
        codes, cumulative = self._choices[name]
        roll = self.rng.random()
        for code, edge in zip(codes, cumulative, strict=True):
            if roll < edge:
                return code
        return codes[-1]

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: date, hour: int = 12, minute: int = 0) -> datetime:
        """A London wall-clock time on `day`, as an aware UTC datetime."""
        return datetime.combine(day, time(hour, minute), LONDON).astimezone(timezone.utc)

    def stamps(self, at: datetime) -> dict:
        return {"created_at": at, "updated_at": at}

    def record(self, table: str, at: datetime, **values) -> int:
        """Add a row with an id, public id, version and timestamps; returns the id."""
        row_id = self.w.new_id(table)
        row = {"id": row_id, "public_id": self.uuid(), "created_at": at, "updated_at": at, **values}
        if table in self.w.versioned:
            row["version"] = 1
        self.w.add(table, row)
        return row_id

