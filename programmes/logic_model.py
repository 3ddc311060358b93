"""Each programme's logic model in words: need, activities, outputs and outcomes by term.

The data lives in each programme's definition (:class:`programmes.model.LogicModel`); these
functions resolve outcome codes to words, grouped by stakeholder group, for the "About this
programme" page and for returns, which include :func:`logic_model_dict` as plain JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import CHILDREN_AND_YOUNG_ADULTS, DefinitionVersion

__all__ = ["LogicModelEntry", "LogicModelSection", "logic_model_dict", "logic_model_sections"]

_HEADINGS = (
    ("need", "Why it is needed"),
    ("activities", "What happens"),
    ("outputs", "What it produces"),
    ("short", "Short-term outcomes"),
    ("medium", "Medium-term outcomes"),
    ("long", "Long-term outcomes"),
)


@dataclass(frozen=True, slots=True)
class LogicModelEntry:
    """One line of a logic model section.

    For outcomes ``code`` is the outcome code, ``text`` its plain wording, ``wording`` the theory
    of change's own words and ``stakeholder_group`` who it is for; other sections have text only.
    """

    text: str
    code: str | None = None
    wording: str | None = None
    stakeholder_group: str | None = None


@dataclass(frozen=True, slots=True)
class LogicModelSection:
    """A section of the logic model.

    ``key`` is ``need``, ``activities``, ``outputs``, ``short``, ``medium`` or ``long``.
    """

    key: str
    heading: str
    entries: tuple[LogicModelEntry, ...]


def logic_model_sections(definition: DefinitionVersion) -> tuple[LogicModelSection, ...]:
    """Return the logic model of a definition as six sections, outcomes in words.

    Outcome entries are ordered children and young adults first, then agencies, then
    communities (only Phoenix has the last two).
    """
    model = definition.logic_model
    group_order = {CHILDREN_AND_YOUNG_ADULTS: 0, "agencies": 1, "communities": 2}
    sections = []
    for key, heading in _HEADINGS:
        values = getattr(model, key)
        if key in ("short", "medium", "long"):
            outcomes = sorted(
                (definition.outcome(code) for code in values),
                key=lambda outcome: group_order.get(outcome.stakeholder_group, 9),
            )
            entries = tuple(
                LogicModelEntry(outcome.name, outcome.code, outcome.wording, outcome.stakeholder_group)
                for outcome in outcomes
            )
        else:
            entries = tuple(LogicModelEntry(text) for text in values)
        sections.append(LogicModelSection(key, heading, entries))
    return tuple(sections)


def logic_model_dict(definition: DefinitionVersion) -> dict[str, Any]:
    """Return the logic model as plain JSON-serialisable data, with the programme, version and sources."""
    return {
        "programme": definition.programme_code,
        "version": definition.version,
        "effective_on": definition.effective_on.isoformat(),
        "sections": [
            {
                "key": section.key,
                "heading": section.heading,
                "entries": [
                    {
                        key: value
                        for key, value in (
                            ("text", entry.text),
                            ("code", entry.code),
                            ("wording", entry.wording),
                            ("stakeholder_group", entry.stakeholder_group),
                        )
                        if value is not None
                    }
                    for entry in section.entries
                ],
            }
            for section in logic_model_sections(definition)
        ],
        "assumptions": list(definition.logic_model.assumptions),
        "sources": list(definition.logic_model.sources),
    }
