"""Posting forms as a browser does, and reading back what was saved."""

from __future__ import annotations

import re

import sqlalchemy as sa

from casework.db import db
from tests.conftest import csrf_token_from

_HIDDEN = r'name="{name}" type="hidden" value="([^"]*)"'


def hidden_value(html: str, name: str) -> str:
    match = re.search(_HIDDEN.format(name=name), html) or re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden {name} on the page"
    return match.group(1)


def form_fields(html: str) -> dict:
    """What a browser would send besides the visible fields: CSRF token and hidden fields."""
    fields = {"csrf_token": csrf_token_from(html)}
    for name in ("submission_id", "version"):
        if f'name="{name}"' in html:
            fields[name] = hidden_value(html, name)
    return fields


def session_data(**overrides) -> dict:
    """A valid attended session on 12 May 2025 covering two VIP components."""
    data = {
        "held_on": ["12", "5", "2025"],
        "attendance": "attended",
        "mode": "face_to_face",
        "location": "youth_centre",
        "start_time": "14:30",
        "duration_minutes": "45",
        "components": ["VIP-C1", "VIP-C3"],
        "behaviour_concern": "no",
        "behaviour_note": "",
        "notes": "Talked through the night of the arrest.",
        "onward_service_type": "",
        "onward_agency": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def sessions_of(case):
    from casework.sessions.models import Session

    db.session.expire_all()
    return list(db.session.scalars(sa.select(Session).where(Session.case_id == case.id).order_by(Session.id)))


def flashes(client) -> list[str]:
    with client.session_transaction() as stored:
        return [message for _category, message in stored.get("_flashes", [])]


#: Text that has broken forms elsewhere: markup, NUL and control characters, other scripts and
#: digits, huge numbers, SQL, empty and very long values.
NASTY = [
    "",
    " ",
    "\x00",
    "1\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "٣",
    "²",
    "１２",
    "9" * 40,
    "-0",
    "1e9",
    "NaN",
    "inf",
    "\u202e",
    "😀",
    "x" * 6000,
    "12:60",
    "0:00",
    "31",
    "2025-05-12",
    "None",
]
