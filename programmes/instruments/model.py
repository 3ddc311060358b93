"""What an instrument is: its items and answer scale, and the scored result of one completed."""

from __future__ import annotations

from dataclasses import dataclass

#: The three results of comparing a pre and a post score.
CHANGE_CATEGORIES = ("improved", "unchanged", "worse")


@dataclass(frozen=True, slots=True)
class ResponseOption:
    """One answer on an item's scale: the value stored and the words shown."""

    value: int
    label: str


@dataclass(frozen=True, slots=True)
class Item:
    """One statement of an instrument.

    ``reverse_scored`` items are worded so that agreeing is the worse answer ("Carrying a knife
    keeps me safe"); scoring turns their answer round so that a higher score is always better.
    """

    code: str
    text: str
    outcome_codes: tuple[str, ...] = ()
    reverse_scored: bool = False


@dataclass(frozen=True, slots=True)
class Instrument:
    """An assessment instrument.

    ``headline`` names the figure compared pre to post: ``mean`` (mean item score, progress
    checks), ``metric`` (SWEMWBS metric score) or ``total_difficulties`` (SDQ).
    ``meaningful_change`` is the smallest change in the headline figure that counts as improved
    or worse; ``higher_is_better`` gives the direction. ``scores_only`` instruments hold no items:
    their scores are typed in (SDQ).
    """

    code: str
    name: str
    short_name: str
    description: str
    items: tuple[Item, ...]
    response_options: tuple[ResponseOption, ...]
    min_value: int
    max_value: int
    headline: str
    meaningful_change: float
    meaningful_change_note: str
    higher_is_better: bool
    source: str
    copyright_line: str = ""
    instructions: str = ""
    min_age: int | None = None
    max_age: int | None = None
    scores_only: bool = False
    programme_code: str | None = None
    raw_to_metric: tuple[tuple[int, float], ...] = ()
    conversion_source: str = ""

    @property
    def item_codes(self) -> tuple[str, ...]:
        """The item codes in question order."""
        return tuple(item.code for item in self.items)

    def item(self, code: str) -> Item:
        """Return the item with this code; ``KeyError`` names the instrument if absent."""
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(f"{code!r} is not an item of {self.code}")


@dataclass(frozen=True, slots=True)
class OutcomeMean:
    """The mean score of the items mapped to one outcome (after reverse scoring)."""

    outcome_code: str
    mean: float
    item_count: int


@dataclass(frozen=True, slots=True)
class Score:
    """The result of scoring one completed instrument.

    ``total`` is the raw sum after reverse scoring (for SDQ, total difficulties); ``mean`` the
    mean item score; ``metric`` the SWEMWBS metric score; ``headline`` the figure compared pre
    to post; ``band`` the SDQ total difficulties band. When ``problems`` is not empty the
    answers could not be scored and every figure is ``None``.
    """

    instrument_code: str
    problems: tuple[str, ...] = ()
    total: float | None = None
    mean: float | None = None
    metric: float | None = None
    headline: float | None = None
    band: str | None = None
    outcome_means: tuple[OutcomeMean, ...] = ()
    item_scores: tuple[tuple[str, int], ...] = ()

    @property
    def ok(self) -> bool:
        """True when the answers were complete and valid."""
        return not self.problems

    def outcome_mean(self, outcome_code: str) -> float | None:
        """Return the mean of the items mapped to ``outcome_code``, or ``None`` if no item maps to it."""
        for entry in self.outcome_means:
            if entry.outcome_code == outcome_code:
                return entry.mean
        return None
