"""How the return's figures changed from one definition version to the next.

Each function takes the figures of the version before and gives the next version's, so a
version's meaning is written once and every later version builds on it. Submitted returns keep
the version they were built under (``reports.definition``).
"""

from __future__ import annotations

from dataclasses import replace

from reports.schema import Breakdown, FigureDefinition, Relation

__all__ = ["STATE_RELATIONS", "settled_figures", "with_outcome_states"]


def settled_figures(figures: tuple[FigureDefinition, ...]) -> tuple[FigureDefinition, ...]:
    """Version 2's figures: version 1's with the meanings returns.md settled, and B7's median
    hours to first contact after the median days."""
    descriptions = {
        "B4": "Cases started on or before the period end with no closure in force at the period end: "
        "a closure reopened after the period end still counts, one reopened on or before it does not. "
        "The year-to-date column is the same date.",
        "B7.first_contact": "Complete 24-hour periods elapsed from the referral being received to its "
        "first contact, over referrals whose first contact falls in the period.",
        "D3.weeks": "Over the cases of B6: the median of the exact weeks, rounded once to one decimal "
        "place.",
        "D5.status": "Young people with a case active at the period end and an engagement status "
        "recorded by then, each counted once, in the status recorded last on any of their active cases.",
    }
    hours = FigureDefinition(
        "B7.first_contact.hours",
        "B",
        "Median hours from referral to first contact",
        "median",
        "referral",
        description="Hours elapsed from the referral being received to its first contact, over the "
        "referrals of the median days.",
    )
    settled: list[FigureDefinition] = []
    for figure in figures:
        if figure.code in descriptions:
            figure = replace(figure, description=descriptions[figure.code])
        settled.append(figure)
        if figure.code == "B7.first_contact":
            settled.append(hours)
    return tuple(settled)


def with_outcome_states(figures: tuple[FigureDefinition, ...]) -> tuple[FigureDefinition, ...]:
    """Version 3's figures: version 2's with section F showing improved, maintained and not
    improved apart, and achieved as each outcome's definition counts it."""
    counts = (
        ("improved", "improved"),
        ("maintained", "maintained (started at the best value and kept it)"),
        ("not_improved", "not improved"),
        ("achieved", "achieved"),
    )
    outcome_states = FigureDefinition(
        "F",
        "F",
        "Theory-of-change outcomes",
        "people",
        "person",
        (
            Breakdown("reached", "reached", "outcomes", partition=False),
            Breakdown("measured", "measured", "outcomes", partition=False),
            *(Breakdown(name, label, "outcomes", partition=False) for name, label in counts),
            *(
                Breakdown(f"percent_{name}", f"% {name.replace('_', ' ')} of measured", "outcomes",
                          partition=False, unit="percent")
                for name, _ in counts
            ),
        ),
        has_total=False,
        description="Reached: attended a session in the period covering a component mapped to the outcome. "
        "Measured: case closed in the period with a matched pre/post on the outcome's items, or its "
        "record rule evaluable. Each young person measured counts once, as improved (the measure "
        "improved or the record rule is true), maintained (started at the best value the record can "
        "show and kept it, such as no suspensions before or during) or not improved, by the best of "
        "their cases closed in the period. Achieved: improved, or maintained where the outcome's "
        "definition counts keeping the best value as achieving it (the notes name those outcomes).",
    )
    return tuple(outcome_states if figure.code == "F" else figure for figure in figures)


#: Section F's states add up to the young people measured, outcome by outcome (version 3).
STATE_RELATIONS = (
    Relation(
        (("F", "improved", "*"), ("F", "maintained", "*"), ("F", "not_improved", "*")),
        (("F", "measured", "*"),),
    ),
)
