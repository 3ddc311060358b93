"""Choices for select, radio and checkbox fields, built from the programme vocabularies so that
a code has one meaning everywhere (forms, stored records, returns)."""

from __future__ import annotations

from typing import Iterable

from wtforms.fields.choices import SelectChoice


def choices(terms: Iterable, *, blank: str | None = None) -> list[SelectChoice]:
    """SelectChoice objects (value = code, label = label) from Term-like objects; `blank`
    adds a first, empty option for selects that must be chosen deliberately."""
    result = [SelectChoice("", blank)] if blank is not None else []
    result += [SelectChoice(term.code, term.label) for term in terms]
    return result
