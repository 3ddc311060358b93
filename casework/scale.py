"""Synthetic data at scale, for performance work: `generate(engine_or_url, scale)`.

Scale 1 is about five financial years of one Violence Reduction Network: about 10,000
referrals, 150,000 sessions and 25,000 assessments across VIP, Reach and Phoenix. Scale 10 is
roughly national: ten areas, each with its own teams and staff. The shapes follow the programme
definitions (referral sources, settings, session components, progress checks, closure rules) and
the vocabularies, with realistic mixes: most referrals accepted, some declined with a reason, a
few still pending; cases that start when consent is in place, run for about the programme's
planned dosage and close with a reason checked against the programme's real closure rule.

Rows are written with SQLAlchemy Core `insert()` executemany in chunks, inside one transaction;
no ORM object is made per row. Primary keys are assigned here, so nothing needs RETURNING
(PostgreSQL sequences are moved past them at the end).

Besides the bulk, the data always holds fixed records a benchmark can find:

- `perf.worker@example.org` (youth worker, password `perf-password-1`), a member of the first
  area's VIP A&E team, who leads a realistic caseload there plus the two cases below;
- `perf.manager@example.org` (manager, same password), in every team of the first area, so a
  return for all programmes can be built as them;
- the case with provider reference `PERF-LARGE` (open, 2,000 sessions) and `PERF-SMALL` (open,
  one session).

Every account shares that one password: never load this data into a live service.
"""

from __future__ import annotations

import operator
import random
import time as clock
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

import programmes
from casework.db import refresh_statistics
from casework.timezone import LONDON, london_today
from programmes import facts as pf
from programmes import rules

#: The password of every generated account. Generated data only.
PERF_PASSWORD = "perf-password-1"
PERF_WORKER_EMAIL = "perf.worker@example.org"
PERF_MANAGER_EMAIL = "perf.manager@example.org"
LARGE_CASE_REFERENCE = "PERF-LARGE"
SMALL_CASE_REFERENCE = "PERF-SMALL"
LARGE_CASE_SESSIONS = 2000
#: Programme definition version stored on every generated record. The registry has no version in
#: force before early 2024, so older records carry the current one, as a migrated system would.
DEFINITION_VERSION = "2024.1"

#: Referrals per unit of scale, and the share of each programme.
REFERRALS_PER_SCALE = 10_000
PROGRAMME_SHARE = (("VIP", 0.5), ("REACH", 0.3), ("PHOENIX", 0.2))

#: (programme, team kind, staff by role) for each area. Staff numbers give each worker a caseload
#: of about 15 to 25 open cases at scale 1.
TEAM_KINDS = (
    ("VIP", "VIP A&E", {"youth_worker": 6}),
    ("VIP", "VIP Custody", {"youth_worker": 6}),
    ("REACH", "Reach City", {"youth_worker": 7}),
    ("REACH", "Reach County", {"youth_worker": 6}),
    ("PHOENIX", "Phoenix support", {"youth_worker": 9, "navigator": 5}),
    ("PHOENIX", "Phoenix police", {"enforcement_officer": 3}),
)

#: Tables in the order their rows are written (parents before children).
TABLE_ORDER = (
    "teams", "users", "memberships", "people", "referrals", "cases", "allocations", "consents",
    "plans", "goals", "sessions", "session_components", "onward_referrals", "assessments",
    "assessment_items", "school_events", "school_attendance", "notifications", "engagement_contacts",
    "engagement_status_changes", "escalations", "enforcement_events", "closures",
)

GIVEN_NAMES = (
    "Alex", "Jordan", "Sam", "Casey", "Riley", "Taylor", "Morgan", "Jamie", "Charlie", "Reece",
    "Kai", "Rowan", "Ellis", "Harley", "Frankie", "Remi", "Jude", "Avery", "Dani", "Quinn",
    "Aaron", "Bilal", "Callum", "Deshawn", "Ethan", "Faisal", "Grace", "Hamza", "Isla", "Jayden",
    "Kian", "Leah", "Mason", "Nadia", "Omar", "Priya", "Ruby", "Tyler", "Yusuf", "Zara",
)
#: Surnames are made of syllables no real family name uses, so generated people are never
#: mistaken for real ones.
_SYLLABLES = ("Ex", "am", "ple", "Sam", "ber", "tov", "Fic", "tio", "nal", "Mok", "ka", "del",
              "Nor", "qua", "zen", "Plo", "vit", "ran", "Dem", "oxa", "lin", "Tes", "tor", "ick")

NOTES = (
    "Talked about the week at school and what went well.",
    "Went through the plan for the holidays and who to call if things get difficult.",
    "Played pool at the youth centre; talked about friendships and who they spend time with.",
    "Met with mum at home; agreed to try the boxing club on Thursday.",
    "Worked on the CV together and looked at two college courses.",
    "Discussed the incident at the weekend and how to walk away next time.",
    "Short check-in by phone; feeling better about going back to school.",
    "Practised what to say at the college interview.",
)
AGENCIES = ("City mental health team", "Youth drug and alcohol service", "Housing options",
            "Careers hub", "Family support service", "Community boxing club", "College outreach")


@dataclass
class ScaleResult:
    """What `generate` wrote: row counts by table, and how long it took."""

    scale: float
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        parts = ", ".join(f"{count:,} {table}" for table, count in self.counts.items() if count)
        return (f"Generated scale {self.scale:g}: {self.rows:,} rows in {self.seconds:.1f} s "
                f"({self.rows_per_second:,.0f} rows/s): {parts}.\n"
                f"Sign in as {PERF_WORKER_EMAIL} or {PERF_MANAGER_EMAIL} with password {PERF_PASSWORD}.")


class AlreadyGenerated(RuntimeError):
    """The database already holds generated data (the perf accounts exist)."""


def generate(engine_or_url, scale: float, seed: int = 1, today: date | None = None, *,
             chunk_size: int = 5000, progress=None) -> ScaleResult:
    """Upgrade the database to the current schema and fill it with synthetic data at `scale`.

    `engine_or_url` is an SQLAlchemy engine or a database URL. `today` (default: today in
    London) is the last day records are dated on; referrals are received over the five financial
    years ending then. The same seed and today give the same data. `progress`, if given, is
    called with a line of text as each batch is written. Raises AlreadyGenerated if the database
    already holds generated data.
    """
    import casework.models  # noqa: F401  (every table on the metadata)
    from alembic import command

    from casework.db import Base, make_engine
    from casework.migrate import alembic_config

    if scale <= 0:
        raise ValueError("scale must be above 0")
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    started = clock.perf_counter()
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection=connection), "head")
    tables = Base.metadata.tables
    with engine.begin() as connection:
        users = tables["users"]
        if connection.scalar(sa.select(users.c.id).where(users.c.email == PERF_WORKER_EMAIL)) is not None:
            raise AlreadyGenerated("This database already holds generated data; use an empty one.")
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            default_cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
            connection.exec_driver_sql("PRAGMA cache_size=-200000")
        try:
            writer = _Writer(connection, tables, chunk_size, progress)
            _Generator(writer, scale, random.Random(seed), today or london_today()).run()
            writer.flush()
        finally:
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA cache_size={int(default_cache)}")
        if connection.dialect.name == "postgresql":
            for name in TABLE_ORDER:
                if "id" in tables[name].c:
                    connection.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"))
    if engine.dialect.name == "postgresql":
        # Autovacuum would analyse the new tables soon after a real load; do it now so the first
        # measurements do not run on empty statistics.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    else:
        # What the application does after an import (casework.db.refresh_statistics).
        with engine.begin() as connection:
            refresh_statistics(connection)
    result = ScaleResult(scale=scale, seconds=clock.perf_counter() - started, counts=dict(writer.counts))
    if isinstance(engine_or_url, str):
        engine.dispose()
    return result


class _Writer:
    """Buffers rows by table and writes them in parent-first order with executemany."""

    def __init__(self, connection, tables, chunk_size: int, progress):
        self.connection = connection
        self.tables = {name: tables[name] for name in TABLE_ORDER}
        self.chunk_size = chunk_size
        self.progress = progress
        self.buffers: dict[str, list[dict]] = {name: [] for name in TABLE_ORDER}
        self.counts: dict[str, int] = {name: 0 for name in TABLE_ORDER}
        self.pending = 0
        self.statements: dict = {}
        self.versioned = {name for name, table in self.tables.items() if "version" in table.c}
        self.flush_at = max(chunk_size * 10, 20_000)
        self.next_ids = {}
        for name, table in self.tables.items():
            if "id" in table.c:
                self.next_ids[name] = (connection.scalar(sa.select(sa.func.max(table.c.id))) or 0) + 1

    def _statement(self, name: str, keys: tuple[str, ...]):
        """The table's Core `insert()` compiled once for these columns, and a function turning a
        row into its driver parameters with the columns' own bind processors (UTC datetimes,
        UUIDs, JSON), so executemany skips SQLAlchemy's per-row parameter building."""
        cached = self.statements.get((name, keys))
        if cached is None:
            table = self.tables[name]
            dialect = self.connection.dialect
            compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(keys))
            processors = {key: table.c[key].type._cached_bind_processor(dialect) for key in keys}
            if compiled.positional:
                order = list(compiled.positiontup)
            else:
                order = [compiled.bind_names[bind] for bind in compiled.binds.values()]
                names = [compiled.binds[name].key for name in order]
            columns = order if compiled.positional else names
            fetch = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row, k=columns[0]: (row[k],))
            converted = [(index, processors[key]) for index, key in enumerate(columns) if processors[key]]

            def values(row, fetch=fetch, converted=converted) -> tuple:
                found = list(fetch(row))
                for index, process in converted:
                    found[index] = process(found[index])
                return tuple(found)

            if compiled.positional:
                convert = values
            else:
                def convert(row, order=order, values=values):
                    return dict(zip(order, values(row)))
            cached = self.statements[(name, keys)] = (compiled.string, convert)
        return cached

    def new_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def add(self, table: str, row: dict) -> None:
        self.buffers[table].append(row)
        self.pending += 1
        if self.pending >= self.flush_at:
            self.flush()

    def flush(self) -> None:
        for name in TABLE_ORDER:
            rows = self.buffers[name]
            if not rows:
                continue
            sql, convert = self._statement(name, tuple(rows[0]))
            for start in range(0, len(rows), self.chunk_size):
                self.connection.exec_driver_sql(sql, [convert(row) for row in rows[start:start + self.chunk_size]])
            self.counts[name] += len(rows)
            rows.clear()
        self.pending = 0
        if self.progress:
            self.progress(f"{sum(self.counts.values()):,} rows written")


@dataclass
class _Team:
    id: int
    programme: str
    kind: str
    area: int
    workers: list[int] = field(default_factory=list)
    navigators: list[int] = field(default_factory=list)
    enforcement: list[int] = field(default_factory=list)
    manager: int = 0


@dataclass
class _Person:
    id: int
    date_of_birth: date
    sex: str | None
    local_authority: str | None
    last_received_on: date


def _weighted(pairs):
    codes = [code for code, _ in pairs]
    weights = [weight for _, weight in pairs]
    total = float(sum(weights))
    cumulative, running = [], 0.0
    for weight in weights:
        running += weight / total
        cumulative.append(running)
    return codes, cumulative


class _Generator:
    def __init__(self, writer: _Writer, scale: float, rng: random.Random, today: date):
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
        self.teams: dict[tuple[int, str], _Team] = {}
        self.people: list[_Person] = []
        self.perf_worker = 0
        self.perf_manager = 0
        self.commissioner = 0
        self._scores: dict = {}
        self._choices = {
            "sex": _weighted([("male", 74), ("female", 23), ("not_known", 2), ("prefer_not_to_say", 1)]),
            "ethnicity": _weighted([
                ("white_british", 48), ("asian_indian", 14), ("white_other", 5), ("black_african", 6),
                ("asian_pakistani", 3), ("asian_bangladeshi", 1), ("asian_other", 2), ("black_caribbean", 2),
                ("black_other", 1), ("mixed_white_black_caribbean", 4), ("mixed_white_black_african", 1),
                ("mixed_white_asian", 1), ("mixed_other", 2), ("white_irish", 0.5), ("asian_chinese", 0.5),
                ("white_gypsy_or_irish_traveller", 0.5), ("white_roma", 0.5), ("other_arab", 1),
                ("other_any", 1), ("not_stated", 5)]),
            "la": _weighted([("leicester", 52), ("leicestershire", 42), ("rutland", 4), ("outside_llr", 2)]),
            "decline": _weighted([("criteria_not_met", 30), ("unable_to_contact", 25),
                                  ("declined_by_young_person", 25), ("outside_age_range", 6),
                                  ("outside_area", 6), ("already_open", 5), ("other", 3)]),
            "closure_other": _weighted([("disengaged", 40), ("declined_after_start", 14),
                                        ("moved_out_of_area", 12), ("custody", 12),
                                        ("transferred_or_stepped_up", 9), ("safeguarding_escalation", 6),
                                        ("other", 6), ("deceased", 0.4)]),
            "mode": _weighted([("face_to_face", 80), ("phone", 10), ("video", 4), ("messaging", 6)]),
            "onward": _weighted([("mental_health", 18), ("substance_misuse", 12), ("housing", 8), ("ete", 22),
                                 ("social_care", 8), ("sport_positive_activity", 18), ("family_support", 10),
                                 ("other", 4)]),
            "VIP.source": _weighted([("police_custody", 44), ("hospital_a_and_e", 42), ("other_health", 8),
                                     ("self_or_family", 2), ("other_agency", 4)]),
            "REACH.source": _weighted([("school", 72), ("social_care", 9), ("youth_justice", 8), ("family", 4),
                                       ("other", 7)]),
            "PHOENIX.source": _weighted([("police", 52), ("probation", 18), ("youth_justice_city", 12),
                                         ("youth_justice_county", 12), ("other", 6)]),
            "VIP.location": _weighted([("community", 30), ("youth_centre", 20), ("home", 18), ("office", 8),
                                       ("hospital", 10), ("custody_suite", 6), ("school", 5), ("online", 3)]),
            "REACH.location": _weighted([("school", 52), ("home", 18), ("youth_centre", 14), ("community", 12),
                                         ("online", 2), ("other", 2)]),
            "PHOENIX.location": _weighted([("community", 36), ("home", 26), ("office", 20), ("youth_centre", 10),
                                           ("online", 4), ("other", 4)]),
        }

    # --- helpers --------------------------------------------------------------------------

    def pick(self, name: str) -> str:
        codes, cumulative = self._choices[name]
        roll = self.rng.random()
        for code, edge in zip(codes, cumulative):
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
                team = _Team(id=self.record("teams", at, name=f"Perf {area:02d} {kind}", programme=programme,
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
        codes, cumulative = _weighted(PROGRAMME_SHARE)
        plan = []
        while len(plan) < total:
            roll = rng.random()
            programme = next(code for code, edge in zip(codes, cumulative) if roll < edge) if roll < cumulative[-1] \
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
        return "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize() + rng.choice(("", "", "son", "ley", "ton"))

    def person(self, programme: str, received_on: date) -> _Person:
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
        person = _Person(person_id, dob, sex, la, received_on)
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

    def team_for(self, programme: str, area: int, setting: str | None, la: str | None) -> _Team:
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

    # --- cases ------------------------------------------------------------------------------

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
            for goal in range(2 + int(rng.random() * 2)):
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
            person = _Person(person_id, received_on - timedelta(days=int(15.5 * 365.25)), "male", "leicester",
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
