"""Helpers for the referral journeys: post a form the way a browser does (with the CSRF token
and submission reference of the page it came from)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from casework.db import db
from casework.timezone import LONDON
from tests.conftest import csrf_token_from


def hidden_fields(html: str) -> dict:
    """The CSRF token and any submission reference or version a page's form carries."""
    values = {"csrf_token": csrf_token_from(html)}
    for tag in re.finditer(r"<input[^>]*>", html):
        name = re.search(r'name="(submission_id|version)"', tag.group(0))
        value = re.search(r'value="([^"]*)"', tag.group(0))
        if name and value:
            values.setdefault(name.group(1), value.group(1))
    return values


def submit(client, url: str, data: dict, *, form_url: str | None = None):
    """GET the form page, then POST `data` with the page's hidden fields (as a browser would)."""
    page = client.get(form_url or url)
    assert page.status_code == 200, page.get_data(as_text=True)[:400]
    payload = hidden_fields(page.get_data(as_text=True))
    payload.update(data)
    return client.post(url, data=payload)


def date_parts(name: str, day: date) -> dict:
    return {name: [str(day.day), str(day.month), str(day.year)]}


def london_now() -> datetime:
    return datetime.now(LONDON)


def aged(years: int) -> date:
    """A date of birth that makes someone `years` old (and not about to turn older) today."""
    today = london_now().date()
    return today.replace(year=today.year - years, day=1) - timedelta(days=40)


def hours_ago(hours: float) -> datetime:
    return datetime.now(LONDON) - timedelta(hours=hours)


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def received_yesterday():
    """A received date and time safely in the past whatever the time of day the tests run."""
    moment = (london_now() - timedelta(days=1)).replace(hour=10, minute=30, second=0, microsecond=0)
    return {**date_parts("received_on", moment.date()), "received_time": "10:30"}, moment
