"""10,000 sessions import in one command, with progress shown on standard error."""

from __future__ import annotations

import csv
import time
from datetime import date, timedelta

import sqlalchemy as sa

from casework.db import db
from casework.imports.schemas import header_for
from casework.sessions.models import Session, SessionComponent

ROWS = 10_000


def test_ten_thousand_sessions_import_in_one_command(world, create_case, tmp_path, run_import):
    cases = [create_case(world.team, lead_worker=world.worker, provider_reference=f"C{n}") for n in range(20)]
    start = date(2024, 5, 2)
    path = tmp_path / "sessions.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header_for("sessions"))
        for n in range(ROWS):
            attended = n % 5 != 0
            writer.writerow([
                f"S{n:06d}", cases[n % len(cases)].provider_reference, (start + timedelta(days=n % 300)).isoformat(),
                "10:00", "45" if attended else "", "face_to_face", "youth_centre",
                "attended" if attended else "did_not_attend", "VIP-C1;VIP-C2" if attended else "", "no", "",
                f"Session {n}",
            ])
    began = time.perf_counter()
    result = run_import("sessions", path, world.manager)
    seconds = time.perf_counter() - began
    assert result.exit_code == 0, result.output[-2000:]
    assert f"({ROWS:,} new, 0 already imported and unchanged)" in result.stdout
    assert "Checked 5,000 of 10,000 new rows" in result.stderr
    assert "Wrote 10,000 of 10,000 sessions" in result.stderr
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Session)) == ROWS
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SessionComponent)) == ROWS // 5 * 4 * 2
    assert seconds < 60, f"{ROWS:,} sessions took {seconds:.1f} s"
    print(f"{ROWS:,} sessions imported in {seconds:.1f} s")


def _statements_for(rows: int, world, create_case, kind_rows):
    from sqlalchemy import event

    from casework.imports.operations import import_file
    from tests.casework.imports.conftest import csv_bytes

    kind, make = kind_rows
    count = [0]

    def _count(*_args):
        count[0] += 1

    engine = db.engine
    event.listen(engine, "before_cursor_execute", _count)
    try:
        result = import_file(kind, "f.csv", csv_bytes(header_for(kind), [make(n) for n in range(rows)]), user=world.manager)
    finally:
        event.remove(engine, "before_cursor_execute", _count)
    assert result.ok, [str(p) for p in result.problems[:3]]
    return count[0]


def test_lookups_take_the_same_queries_for_ten_rows_or_five_hundred(world, create_case):
    from tests.casework.imports.conftest import session_row

    for n in range(30):
        create_case(world.team, provider_reference=f"C{n}")
    small = _statements_for(10, world, create_case,
                            ("sessions", lambda n: session_row(f"A{n}", case=f"C{n % 30}")))
    large = _statements_for(500, world, create_case,
                            ("sessions", lambda n: session_row(f"B{n}", case=f"C{n % 30}")))
    assert small == large
