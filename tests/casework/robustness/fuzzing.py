"""What the fuzz tests share: the routes of the app, who may use each, generated text, the
database fingerprint and the escaping check."""

from __future__ import annotations

import hashlib
import tempfile
from datetime import timedelta

import sqlalchemy as sa
from hypothesis import strategies as st

from casework.db import Base, db

#: Tables a refused request may still write to: the log of the refusal, failed sign-ins, and the
#: record of submitted forms.
UNCHECKED_TABLES = {"audit_events", "sign_in_failures", "submitted_forms"}

#: Routes that admit workers in their URL map but are for enforcement (managers and enforcement
#: officers only): they are fuzzed as an enforcement officer.
ENFORCEMENT_ENDPOINTS = {
    "engagement.enforcement",
    "engagement.new_enforcement_event",
    "engagement.edit_enforcement_event",
    "engagement.escalation_outcome",
    "engagement.escalations",
}


def app_rules() -> list[tuple[str, str, frozenset[str], frozenset[str], object]]:
    """(endpoint, rule, methods, arguments, access roles) of every route, read from an app made
    only for this (no database is touched)."""
    from casework import create_app
    from tests.conftest import make_config

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(make_config("sqlite://", folder))
        rules = [
            (rule.endpoint, rule.rule, frozenset(rule.methods - {"HEAD", "OPTIONS"}),
             frozenset(rule.arguments), getattr(app.view_functions[rule.endpoint], "access_roles", None))
            for rule in app.url_map.iter_rules()
        ]
        app.extensions["casework.db"].engine.dispose()
    return sorted(rules)


def role_for(endpoint: str, roles) -> str | None:
    """Who uses the route in the fuzz: None for a public route (anonymous)."""
    if roles == "public" or roles is None:
        return None
    if endpoint in ENFORCEMENT_ENDPOINTS and "enforcement_officer" in roles:
        return "enforcement_officer"
    for role in ("youth_worker", "manager", "enforcement_officer", "commissioner", "administrator"):
        if role in roles:
            return role
    return sorted(roles)[0]


# --- generated text ---------------------------------------------------------------------------------

#: Markup that must never come back unescaped.
HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><script>alert(2)</script>',
    "'><img src=x onerror=alert(3)>",
    "</textarea><script>alert(4)</script>",
    "<svg onload=alert(5)>",
    "</title><b>bold</b>",
    '<a href="javascript:alert(6)">x</a>',
]
SQLISH = ["' OR 1=1 --", "'; DROP TABLE cases; --", '" OR ""="', "1; SELECT 1", "%", "_%_", "\\", "'", '"']
ODD = [
    "", " ", "\x00", "a\x00b", "\x07\x1b[31m", "\r\n", "\t", "\u202e", "\ufeff", "😀", "١٢", "²", "１２",
    "9" * 40, "-1", "0", "1e9", "NaN", "inf", "None", "null", "2025-02-31", "31 2 2025", "00", "0000",
    "12:60", "25:00", "٣:٣٠", "1.5", "-0", "+44", "@x", "=1+1",
]

#: Ordinary words around an odd value, so that it passes "at least N characters" rules and reaches
#: the database.
WORDS = ["Met at the youth centre", "Talked it through", "Reason given by the family", "Notes"]

text_values = st.one_of(
    st.text(max_size=30),
    st.builds(lambda before, odd, after: f"{before} {odd} {after}",
              st.sampled_from(WORDS), st.sampled_from(ODD + HTML_PAYLOADS + SQLISH), st.sampled_from(WORDS)),
    st.sampled_from(HTML_PAYLOADS + SQLISH + ODD),
    st.builds(lambda before, payload, after: before + payload + after,
              st.text(max_size=6), st.sampled_from(HTML_PAYLOADS + SQLISH), st.text(max_size=6)),
    st.builds(lambda piece, size: (piece * size)[:size], st.text(min_size=1, max_size=3),
              st.integers(1000, 12000)),
    st.integers(-10**15, 10**15).map(str),
)


def plausible(name: str, today) -> str:
    """A value a person might well type into a text box called `name`."""
    lowered = name.lower()
    if "email" in lowered:
        return "someone@example.org"
    if "time" in lowered:
        return "10:30"
    if any(word in lowered for word in ("minutes", "days", "attendees", "count", "number", "value", "percent",
                                        "suspensions")):
        return "3"
    if "period" in lowered:
        return "2024-25-Q1"
    if lowered.endswith("_on") or "date" in lowered:
        return (today - timedelta(days=2)).isoformat()
    return "Plain words about the work"


def plausible_date(name: str, today) -> list[str]:
    """Day, month and year of a date a person might enter in the date input `name`."""
    day = (today - timedelta(days=2)) if "birth" not in name else today.replace(year=today.year - 15)
    return [str(day.day), str(day.month), str(day.year)]


def clean(value: str) -> str:
    """What the forms' control-character filter leaves of `value`."""
    return "".join(ch for ch in value if ch in "\n\r\t" or (ord(ch) >= 32 and ord(ch) != 127))


# --- checks -----------------------------------------------------------------------------------------

def fingerprint() -> str:
    """A digest of every row of every table except the logs a refused request may write."""
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        if table.name in UNCHECKED_TABLES:
            continue
        digest.update(table.name.encode())
        for row in db.session.execute(sa.select(table).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def unescaped(body: str, values, baseline: str) -> list[str]:
    """The posted values that came back as raw markup: every known payload, and any value holding
    `<` that appears in `body` as sent (or as the forms trim it) but not on the page it came from."""
    found = []
    for value in values:
        for payload in HTML_PAYLOADS:
            if payload in value and payload in body:
                found.append(payload)
        if "<" not in value:
            continue
        for candidate in {value, value.strip(), clean(value), clean(value).strip()}:
            if len(candidate) > 1 and "<" in candidate and candidate in body and candidate not in baseline:
                found.append(candidate)
    return found
