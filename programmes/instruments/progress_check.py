"""Progress checks: each programme's own instrument, written from its theory of change.

The items live beside each programme's definition; :func:`progress_check` builds the instrument
from them and :func:`item_indicators` the measure indicators their outcome mapping implies.
"""

from __future__ import annotations

from ..model import Indicator
from ..text import join_words
from .model import Instrument, Item, ResponseOption

#: The progress check answer scale, from 1 to 5.
PROGRESS_CHECK_SCALE = (
    ResponseOption(1, "Not at all true"),
    ResponseOption(2, "A little true"),
    ResponseOption(3, "Somewhat true"),
    ResponseOption(4, "Mostly true"),
    ResponseOption(5, "Completely true"),
)

#: Half a point on the 1 to 5 scale, in the mean item score. This is the service's own choice
#: for an instrument it wrote; change it in one place if the VRN's evaluation lead sets another.
PROGRESS_CHECK_MEANINGFUL_CHANGE = 0.5


def progress_check(
    code: str, programme_code: str, programme_name: str, items: tuple[Item, ...]
) -> Instrument:
    """Build a programme's progress check from its items.

    Answers go from 1 to 5; after reverse scoring a higher score is always better. Both names
    use the programme's name as workers say it ("Reach progress check"), never its code.
    """
    return Instrument(
        code=code,
        name=f"{programme_name} progress check",
        short_name=f"{programme_name} progress check",
        description=(
            "Short statements written from the programme's theory of change. The young person "
            "says how true each one is for them at the moment."
        ),
        items=items,
        response_options=PROGRESS_CHECK_SCALE,
        min_value=1,
        max_value=5,
        headline="mean",
        meaningful_change=PROGRESS_CHECK_MEANINGFUL_CHANGE,
        meaningful_change_note=(
            "A change of half a point or more in the mean item score (1 to 5) counts as improved or worse."
        ),
        higher_is_better=True,
        source="Written by the service from the programme's theory of change; free to use.",
        instructions=(
            "For each sentence, choose how true it is for you at the moment. There are no right or wrong"
            " answers."
        ),
        programme_code=programme_code,
    )


def item_outcomes(instrument: Instrument, item_code: str) -> tuple[str, ...]:
    """Return the outcome codes an item of a progress check evidences (empty for shared instruments,
    whose outcomes are set per programme in the definition's measure indicators)."""
    return instrument.item(item_code).outcome_codes


def item_indicators(instrument: Instrument) -> tuple[Indicator, ...]:
    """Build one measure indicator per outcome from the items mapped to it, in item order."""
    order: list[str] = []
    for item in instrument.items:
        for code in item.outcome_codes:
            if code not in order:
                order.append(code)
    indicators = []
    for code in order:
        items = tuple(item.code for item in instrument.items if code in item.outcome_codes)
        numbers = [str(instrument.item_codes.index(item_code) + 1) for item_code in items]
        noun = "question" if len(numbers) == 1 else "questions"
        indicators.append(
            Indicator(
                code,
                "measure",
                f"{instrument.short_name} {noun} {join_words(numbers)}, compared pre to post",
                instrument_code=instrument.code,
                item_codes=items,
            )
        )
    return tuple(indicators)
