"""Whatever is typed or posted, the session forms never give a server error or save half a record."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from casework.cases.models import OnwardReferral
from casework.db import db
from casework.sessions.models import Session, SessionComponent
from tests.casework.sessions.helpers import NASTY, form_fields, session_data, sessions_of

FIELDS = [
    "held_on",
    "attendance",
    "mode",
    "location",
    "start_time",
    "duration_minutes",
    "components",
    "behaviour_concern",
    "behaviour_note",
    "notes",
    "onward_service_type",
    "onward_agency",
    "version",
    "submission_id",
]


def _junk(rng: random.Random) -> dict:
    data = session_data()
    for name in rng.sample(FIELDS, rng.randint(1, 5)):
        if name in ("held_on", "components"):
            data[name] = [rng.choice(NASTY) for _ in range(rng.randint(0, 4))]
        else:
            data[name] = rng.choice(NASTY)
    return data


@pytest.mark.parametrize("seed", range(3))
def test_junk_in_the_log_form_never_breaks_it(signed_in, world, seed):
    client, _ = signed_in(user=world.worker)
    rng = random.Random(seed)
    url = f"/cases/{world.case.public_id}/sessions/new"
    for _ in range(15):
        page = client.get(url).get_data(as_text=True)
        data = {**form_fields(page), **_junk(rng)}
        response = client.post(url, data=data)
        assert response.status_code in (302, 400, 409), (response.status_code, data)
        if response.status_code != 302:
            assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    # Every session saved is whole: valid codes, and components only when attended.
    for session in sessions_of(world.case):
        assert session.attendance in ("attended", "did_not_attend", "cancelled")
        assert bool(session.component_codes) == (session.attendance == "attended")
        assert "\x00" not in session.notes
    referrals = db.session.scalars(sa.select(OnwardReferral)).all()
    assert all(r.session_id is not None and r.agency for r in referrals)


def test_junk_in_the_edit_form_never_breaks_it(signed_in, world):
    from datetime import date

    session = Session(
        case_id=world.case.id,
        held_on=date(2025, 5, 12),
        mode="phone",
        location="home",
        attendance="attended",
        duration_minutes=20,
        components=[SessionComponent(component_code="VIP-C1")],
    )
    db.session.add(session)
    db.session.flush()
    client, _ = signed_in(user=world.worker)
    rng = random.Random(7)
    url = f"/sessions/{session.public_id}/edit"
    for _ in range(15):
        page = client.get(url).get_data(as_text=True)
        response = client.post(url, data={**form_fields(page), **_junk(rng)})
        assert response.status_code in (302, 400, 409)
    [stored] = sessions_of(world.case)
    assert bool(stored.component_codes) == (stored.attendance == "attended")
