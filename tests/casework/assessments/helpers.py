"""Posting forms as a browser does, and reading pages as a person would."""

from __future__ import annotations

import html as html_lib
import re

import sqlalchemy as sa

from casework.db import db

_INPUT = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')


def hidden_fields(page: str) -> dict:
    """Every hidden input of the page (CSRF token, submission id, version, carried choices)."""
    fields = {}
    for tag in _INPUT.findall(page):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get("type") == "hidden" and "name" in attributes:
            fields.setdefault(attributes["name"], html_lib.unescape(attributes.get("value", "")))
    return fields


def text_of(page: str) -> str:
    """The words of a page as shown, tags removed and spaces collapsed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"</?(?:strong|span|a|b|em)\b[^>]*>", "", page)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def post_page(client, url: str, data: dict, *, page_url: str | None = None, follow_redirects: bool = False):
    """GET the form page, then POST it with its hidden fields and `data`, as a browser does."""
    page = client.get(page_url or url)
    assert page.status_code == 200, page.get_data(as_text=True)[:800]
    return client.post(url, data={**hidden_fields(page.get_data(as_text=True)), **data},
                       follow_redirects=follow_redirects)


def rows_of(model, **where):
    db.session.expire_all()
    query = sa.select(model).order_by(*model.__table__.primary_key.columns)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return list(db.session.scalars(query))
