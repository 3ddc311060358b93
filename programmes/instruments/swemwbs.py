"""SWEMWBS, the Short Warwick-Edinburgh Mental Well-being Scale, and its raw-to-metric table."""

from __future__ import annotations

from .model import Instrument, Item, ResponseOption

#: SWEMWBS answer scale: how often over the last two weeks.
SWEMWBS_SCALE = (
    ResponseOption(1, "None of the time"),
    ResponseOption(2, "Rarely"),
    ResponseOption(3, "Some of the time"),
    ResponseOption(4, "Often"),
    ResponseOption(5, "All of the time"),
)

#: SWEMWBS raw score (7 to 35) to metric score, from the conversion table published by Warwick
#: Medical School, University of Warwick, with the scale's user guidance.
SWEMWBS_TO_METRIC = (
    (7, 7.00),
    (8, 9.51),
    (9, 11.25),
    (10, 12.40),
    (11, 13.33),
    (12, 14.08),
    (13, 14.75),
    (14, 15.32),
    (15, 15.84),
    (16, 16.36),
    (17, 16.88),
    (18, 17.43),
    (19, 17.98),
    (20, 18.59),
    (21, 19.25),
    (22, 19.98),
    (23, 20.73),
    (24, 21.54),
    (25, 22.35),
    (26, 23.21),
    (27, 24.11),
    (28, 25.03),
    (29, 26.02),
    (30, 27.03),
    (31, 28.13),
    (32, 29.31),
    (33, 30.70),
    (34, 32.55),
    (35, 35.00),
)

SWEMWBS = Instrument(
    code="SWEMWBS",
    name="Short Warwick-Edinburgh Mental Well-being Scale",
    short_name="SWEMWBS",
    description=(
        "Seven statements about thoughts and feelings over the last two weeks, measuring mental wellbeing."
    ),
    items=(
        Item("SWEMWBS-1", "I've been feeling optimistic about the future"),
        Item("SWEMWBS-2", "I've been feeling useful"),
        Item("SWEMWBS-3", "I've been feeling relaxed"),
        Item("SWEMWBS-4", "I've been dealing with problems well"),
        Item("SWEMWBS-5", "I've been thinking clearly"),
        Item("SWEMWBS-6", "I've been feeling close to other people"),
        Item("SWEMWBS-7", "I've been able to make up my own mind about things"),
    ),
    response_options=SWEMWBS_SCALE,
    min_value=1,
    max_value=5,
    headline="metric",
    meaningful_change=3.0,
    meaningful_change_note="A change of 3 or more in the metric score counts as improved or worse.",
    higher_is_better=True,
    source=(
        "Warwick Medical School, University of Warwick. Free for organisations that register "
        "with the owners, which the VRN does."
    ),
    copyright_line=(
        "Short Warwick-Edinburgh Mental Well-being Scale (SWEMWBS) © University of Warwick, 2006, "
        "all rights reserved."
    ),
    instructions=(
        "Below are some statements about feelings and thoughts. Please choose the answer that "
        "best describes your experience of each over the last 2 weeks."
    ),
    min_age=13,
    raw_to_metric=SWEMWBS_TO_METRIC,
    conversion_source=(
        "SWEMWBS raw score to metric score conversion table, Warwick Medical School, University of Warwick."
    ),
)


def swemwbs_metric(raw: int) -> float:
    """Convert a SWEMWBS raw score (7 to 35) to its metric score with the published table."""
    for raw_score, metric in SWEMWBS_TO_METRIC:
        if raw_score == raw:
            return metric
    raise ValueError(f"A SWEMWBS raw score goes from 7 to 35 (got {raw}).")
