"""Whatever a file holds, importing it never raises: junk cells become problems, and a file
with problems writes nothing."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from casework.cases.models import Case
from casework.db import db
from casework.imports.operations import import_file
from casework.imports.schemas import KINDS, header_for
from casework.people.models import Person
from casework.sessions.models import Session
from tests.casework.imports import files
from tests.casework.imports.conftest import csv_bytes

JUNK = [
    "", " ", "\x00", "1\x00", "<script>alert(1)</script>", "' OR 1=1 --", "٣", "²", "１２", "9" * 40, "-0", "1e9",
    "=cmd|' /C calc'!A0", "+1", "@SUM(1)", "2024-02-30", "0000-01-01", "24:00", "yes;no", "VIP-C1;;VIP-C1",
    "VIP-PC-01=", "=4", "x" * 5001, "\u202e", "NaN", "C1", "P1", "R1", "S1", "\r\n", '"', "a,b",
]
ROWS = dict(files.ALL)


@pytest.mark.parametrize("kind", list(KINDS))
def test_junk_cells_never_break_an_import(world, vip_case, kind):
    rng = random.Random(kind)
    counts = _counts()
    for _ in range(4):
        rows = []
        for template in ROWS[kind] * 3:
            row = dict(template)
            for column in rng.sample(header_for(kind), rng.randint(1, 4)):
                row[column] = rng.choice(JUNK)
            rows.append(row)
        result = import_file(kind, f"{kind}.csv", csv_bytes(header_for(kind), rows), user=world.manager,
                             dry_run=True)
        assert result.problems or result.rows == len(rows)
        assert all(problem.row >= 1 and problem.reason for problem in result.problems)
    assert _counts() == counts


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_never_break_an_import(world, seed):
    rng = random.Random(seed)
    header = ",".join(header_for("people")).encode()
    data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400)))
    for blob in (data, header + b"\r\n" + data, header + b"\r\n" + data.replace(b"\x00", b"")):
        result = import_file("people", "people.csv", blob, user=world.manager)
        assert result.ok or result.problems


def _counts():
    return [db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in (Person, Case, Session)]
