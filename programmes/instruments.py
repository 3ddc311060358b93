"""Assessment instruments: progress checks, SWEMWBS and SDQ, with scoring and change classification.

Three kinds (programmes.md, "Assessment instruments"):

- a **progress check** per programme, written from its theory of change: short statements a
  young person rates from 1 to 5, each mapped to outcomes, some reverse-scored. The items live in
  each programme's module; :func:`progress_check` builds the instrument.
- **SWEMWBS**, the Short Warwick-Edinburgh Mental Well-being Scale: seven items scored 1 to 5,
  a raw sum of 7 to 35 converted to a metric score with the published table. The owners'
  copyright line must be shown wherever the items appear.
- **SDQ**, the Strengths and Difficulties Questionnaire: copyrighted, so only **scores** are
  recorded (informant, five subscales, total difficulties) and no item text is held anywhere.

Scoring functions return their result with a tuple of ``problems`` written for the person
entering the answers; a result with problems carries no figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, TypeGuard

from .model import Indicator
from .text import format_number, join_words
from .vocabulary import Term

__all__ = [
    "CHANGE_CATEGORIES",
    "PROGRESS_CHECK_MEANINGFUL_CHANGE",
    "PROGRESS_CHECK_SCALE",
    "SDQ",
    "SDQ_BANDS",
    "SDQ_BANDS_SOURCE",
    "SDQ_DIFFICULTY_SUBSCALES",
    "SDQ_INFORMANTS",
    "SDQ_SUBSCALES",
    "SHARED_INSTRUMENTS",
    "SWEMWBS",
    "SWEMWBS_SCALE",
    "SWEMWBS_TO_METRIC",
    "Instrument",
    "Item",
    "OutcomeMean",
    "ResponseOption",
    "Score",
    "SdqBand",
    "SdqBandSet",
    "SdqScore",
    "classify_change",
    "describe_value",
    "item_indicators",
    "item_outcomes",
    "measure_value",
    "progress_check",
    "score",
    "score_sdq",
    "sdq_band",
    "swemwbs_metric",
    "validate_responses",
    "validate_sdq",
]

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


# --- Progress checks ---------------------------------------------------------------------------

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

    Answers go from 1 to 5; after reverse scoring a higher score is always better.
    """
    return Instrument(
        code=code,
        name=f"{programme_name} progress check",
        short_name=f"{programme_code} progress check",
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


# --- SWEMWBS -----------------------------------------------------------------------------------

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


# --- SDQ ---------------------------------------------------------------------------------------

#: The five SDQ subscales, each scored 0 to 10.
SDQ_SUBSCALES = (
    Term("emotional", "Emotional symptoms"),
    Term("conduct", "Conduct problems"),
    Term("hyperactivity", "Hyperactivity or inattention"),
    Term("peer", "Peer relationship problems"),
    Term("prosocial", "Prosocial behaviour"),
)

#: The four subscales summed into total difficulties (0 to 40); prosocial is not included.
SDQ_DIFFICULTY_SUBSCALES = ("emotional", "conduct", "hyperactivity", "peer")

#: Who completed the SDQ. ``description`` gives the age range of that version.
SDQ_INFORMANTS = (
    Term("self", "Young person (self-report)", description="Self-report version for ages 11 to 17."),
    Term("parent", "Parent or carer", description="Parent version for ages 4 to 17."),
    Term("teacher", "Teacher", description="Teacher version for ages 4 to 17."),
)


@dataclass(frozen=True, slots=True)
class SdqBand:
    """One band of an SDQ scale: scores ``low`` to ``high`` inclusive."""

    code: str
    label: str
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class SdqBandSet:
    """The four bands of one SDQ scale for one informant."""

    informant: str
    scale: str
    bands: tuple[SdqBand, ...]


def _difficulty_bands(informant: str, scale: str, *ranges: tuple[int, int]) -> SdqBandSet:
    labels = (
        ("close_to_average", "Close to average"),
        ("slightly_raised", "Slightly raised"),
        ("high", "High"),
        ("very_high", "Very high"),
    )
    return SdqBandSet(
        informant,
        scale,
        tuple(SdqBand(code, label, low, high) for (code, label), (low, high) in zip(labels, ranges)),
    )


def _prosocial_bands(informant: str, *ranges: tuple[int, int]) -> SdqBandSet:
    labels = (
        ("close_to_average", "Close to average"),
        ("slightly_lowered", "Slightly lowered"),
        ("low", "Low"),
        ("very_low", "Very low"),
    )
    return SdqBandSet(
        informant,
        "prosocial",
        tuple(SdqBand(code, label, low, high) for (code, label), (low, high) in zip(labels, ranges)),
    )


#: SDQ four-band categorisation (close to average, slightly raised, high, very high; for
#: prosocial: close to average, slightly lowered, low, very low), for the 4 to 17 year old
#: versions, from "Scoring the SDQ", sdqinfo.org. Held as data so that a change to the published
#: cut-offs is a change here only.
SDQ_BANDS = (
    _difficulty_bands("self", "total_difficulties", (0, 14), (15, 17), (18, 19), (20, 40)),
    _difficulty_bands("self", "emotional", (0, 4), (5, 5), (6, 6), (7, 10)),
    _difficulty_bands("self", "conduct", (0, 3), (4, 4), (5, 5), (6, 10)),
    _difficulty_bands("self", "hyperactivity", (0, 5), (6, 6), (7, 7), (8, 10)),
    _difficulty_bands("self", "peer", (0, 2), (3, 3), (4, 4), (5, 10)),
    _prosocial_bands("self", (7, 10), (6, 6), (5, 5), (0, 4)),
    _difficulty_bands("parent", "total_difficulties", (0, 13), (14, 16), (17, 19), (20, 40)),
    _difficulty_bands("parent", "emotional", (0, 3), (4, 4), (5, 6), (7, 10)),
    _difficulty_bands("parent", "conduct", (0, 2), (3, 3), (4, 5), (6, 10)),
    _difficulty_bands("parent", "hyperactivity", (0, 5), (6, 7), (8, 8), (9, 10)),
    _difficulty_bands("parent", "peer", (0, 2), (3, 3), (4, 4), (5, 10)),
    _prosocial_bands("parent", (8, 10), (7, 7), (6, 6), (0, 5)),
    _difficulty_bands("teacher", "total_difficulties", (0, 11), (12, 15), (16, 18), (19, 40)),
    _difficulty_bands("teacher", "emotional", (0, 3), (4, 4), (5, 5), (6, 10)),
    _difficulty_bands("teacher", "conduct", (0, 2), (3, 3), (4, 4), (5, 10)),
    _difficulty_bands("teacher", "hyperactivity", (0, 5), (6, 7), (8, 8), (9, 10)),
    _difficulty_bands("teacher", "peer", (0, 2), (3, 4), (5, 5), (6, 10)),
    _prosocial_bands("teacher", (6, 10), (5, 5), (4, 4), (0, 3)),
)

SDQ_BANDS_SOURCE = (
    "SDQ four-band categorisation, sdqinfo.org (Scoring the SDQ, versions for 4 to 17 year olds)."
)

SDQ = Instrument(
    code="SDQ",
    name="Strengths and Difficulties Questionnaire",
    short_name="SDQ",
    description=(
        "Scores only: who completed it, the five subscale scores and total difficulties. The "
        "questionnaire itself is completed on the owner's form; its questions are not held here."
    ),
    items=(),
    response_options=(),
    min_value=0,
    max_value=10,
    headline="total_difficulties",
    meaningful_change=3.0,
    meaningful_change_note=(
        "A fall of 3 or more in total difficulties counts as improved, a rise of 3 or more as worse. "
        "This is the service's default; change it here if the VRN's evaluation lead sets another."
    ),
    higher_is_better=False,
    source=(
        "Youth in Mind, sdqinfo.org. The SDQ is copyright; electronic versions of its questions need the "
        "owner's permission, so only scores are recorded here and no question text is shown."
    ),
    min_age=4,
    max_age=17,
    scores_only=True,
)

#: Instruments shared by every programme (each programme also has its own progress check).
SHARED_INSTRUMENTS = (SWEMWBS, SDQ)


@dataclass(frozen=True, slots=True)
class SdqScore:
    """Scored SDQ: the informant, subscale scores, total difficulties and their bands.

    When ``problems`` is not empty nothing was scored and the figures are ``None`` or empty.
    """

    informant: str
    problems: tuple[str, ...] = ()
    subscales: tuple[tuple[str, int], ...] = ()
    total_difficulties: int | None = None
    band: str | None = None
    band_label: str | None = None
    subscale_bands: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        """True when every subscale score was present and in range."""
        return not self.problems

    @property
    def headline(self) -> int | None:
        """Total difficulties, the figure compared pre to post."""
        return self.total_difficulties

    def subscale(self, code: str) -> int | None:
        """Return one subscale score, or ``None`` if not scored."""
        return dict(self.subscales).get(code)


def sdq_band(informant: str, scale: str, value: int) -> SdqBand:
    """Return the four-band category of an SDQ score for an informant (``self``, ``parent``, ``teacher``).

    ``scale`` is a subscale code or ``total_difficulties``.
    """
    for band_set in SDQ_BANDS:
        if band_set.informant == informant and band_set.scale == scale:
            for band in band_set.bands:
                if band.low <= value <= band.high:
                    return band
            raise ValueError(f"{value} is outside the range of the SDQ {scale} score.")
    raise KeyError(f"No SDQ bands for informant {informant!r} and scale {scale!r}.")


def _subscale_label(code: str) -> str:
    for term in SDQ_SUBSCALES:
        if term.code == code:
            return term.label.lower()
    return code


def _is_whole_number(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole_numbers(values: Iterable[object]) -> list[int] | None:
    """The values as whole numbers, or ``None`` if any of them is not one."""
    numbers: list[int] = []
    for value in values:
        if not _is_whole_number(value):
            return None
        numbers.append(value)
    return numbers


def _checked_whole_number(value: object) -> int:
    """An answer that validation has already passed, as the whole number it is."""
    if not _is_whole_number(value):
        # Scoring runs only after validation, so this is reached only if a caller skipped it.
        raise ValueError(f"{value!r} is not a whole number; validate the answers before scoring them.")
    return int(value)


def validate_sdq(subscales: Mapping[str, object], informant: str | None) -> tuple[str, ...]:
    """Check SDQ scores as typed in and return every problem in words a worker understands.

    Each of the five subscales must be a whole number from 0 to 10. A ``total_difficulties``
    entry is optional; when given it must equal the sum of the four difficulty subscales.
    """
    problems: list[str] = []
    informant_codes = tuple(term.code for term in SDQ_INFORMANTS)
    if informant not in informant_codes:
        shown = "nothing" if informant is None else f"“{informant}”"
        problems.append(
            f"Say who completed the SDQ: the young person, a parent or carer, or a teacher (got {shown})."
        )
    known = {term.code for term in SDQ_SUBSCALES} | {"total_difficulties"}
    for key in subscales:
        if key not in known:
            problems.append(
                f"“{key}” is not an SDQ score recorded here; record the emotional, conduct, "
                "hyperactivity, peer and prosocial scores."
            )
    for term in SDQ_SUBSCALES:
        value = subscales.get(term.code)
        if value is None:
            problems.append(f"The {term.label.lower()} score is missing.")
        elif not _is_whole_number(value):
            problems.append(
                f"The {term.label.lower()} score must be a whole number from 0 to 10 (got “{value}”)."
            )
        elif not 0 <= value <= 10:
            problems.append(
                f"The {term.label.lower()} score is {value}; SDQ subscale scores go from 0 to 10."
            )
    entered_total = subscales.get("total_difficulties")
    difficulties = _whole_numbers(subscales.get(code) for code in SDQ_DIFFICULTY_SUBSCALES)
    if entered_total is not None:
        if not _is_whole_number(entered_total) or not 0 <= entered_total <= 40:
            problems.append(
                f"The total difficulties score must be a whole number from 0 to 40 (got “{entered_total}”)."
            )
        elif difficulties is not None:
            computed = sum(difficulties)
            if computed != entered_total:
                problems.append(
                    f"The total difficulties score entered ({entered_total}) is not the sum of the "
                    f"emotional, conduct, hyperactivity and peer scores ({computed}); check the scores."
                )
    return tuple(problems)


def score_sdq(subscales: Mapping[str, object], informant: str = "self") -> SdqScore:
    """Score SDQ subscale scores: total difficulties (sum of the four difficulty subscales) and bands.

    Returns an :class:`SdqScore`; if the scores are incomplete or out of range its ``problems``
    say why (for example "The conduct problems score is 11; SDQ subscale scores go from 0 to 10.")
    and no figures are given.
    """
    problems = validate_sdq(subscales, informant)
    if problems:
        return SdqScore(informant=informant, problems=problems)
    values = tuple((term.code, _checked_whole_number(subscales[term.code])) for term in SDQ_SUBSCALES)
    total = sum(value for code, value in values if code in SDQ_DIFFICULTY_SUBSCALES)
    band = sdq_band(informant, "total_difficulties", total)
    return SdqScore(
        informant=informant,
        subscales=values,
        total_difficulties=total,
        band=band.code,
        band_label=band.label,
        subscale_bands=tuple((code, sdq_band(informant, code, value).code) for code, value in values),
    )


# --- Shared scoring ----------------------------------------------------------------------------


def _scale_text(instrument: Instrument) -> str:
    options = instrument.response_options
    if options:
        return f"{options[0].value} ({options[0].label}) to {options[-1].value} ({options[-1].label})"
    return f"{instrument.min_value} to {instrument.max_value}"


def validate_responses(
    instrument: Instrument, responses: Mapping[str, object], informant: str | None = None
) -> tuple[str, ...]:
    """Check a set of answers against an instrument and return every problem, in plain words.

    Every item needs an answer that is a whole number on the instrument's scale; answers to
    questions the instrument does not have are reported too. For the SDQ the answers are the
    subscale scores and ``informant`` says who completed it.
    """
    if instrument.scores_only:
        return validate_sdq(responses, informant)
    problems: list[str] = []
    for key in responses:
        if key not in instrument.item_codes:
            problems.append(f"“{key}” is not a question on the {instrument.short_name}.")
    for number, item in enumerate(instrument.items, start=1):
        value = responses.get(item.code)
        if value is None:
            problems.append(f"Question {number} (“{item.text}”) has no answer.")
        elif not _is_whole_number(value):
            problems.append(
                f"Question {number} has the answer “{value}”; answers are whole numbers from"
                f" {_scale_text(instrument)}."
            )
        elif not instrument.min_value <= value <= instrument.max_value:
            problems.append(
                f"Question {number} has the answer {value}; answers go from {_scale_text(instrument)}."
            )
    return tuple(problems)


def _item_score(instrument: Instrument, item: Item, value: int) -> int:
    if item.reverse_scored:
        return instrument.min_value + instrument.max_value - value
    return value


def score(instrument: Instrument, responses: Mapping[str, object], informant: str | None = None) -> Score:
    """Score a completed instrument, turning reverse-scored items round first.

    Gives the raw total, the mean item score, the SWEMWBS metric score where the instrument has
    a conversion table, the headline figure compared pre to post, and the mean score of the items
    mapped to each outcome. For the SDQ the answers are subscale scores (see :func:`score_sdq`).
    If anything is missing or out of range the returned score lists the problems and has no figures.
    """
    if instrument.scores_only:
        sdq = score_sdq(responses, informant or "self")
        if not sdq.ok:
            return Score(instrument.code, problems=sdq.problems)
        return Score(
            instrument.code,
            total=sdq.total_difficulties,
            headline=sdq.total_difficulties,
            band=sdq.band,
            item_scores=sdq.subscales,
        )
    problems = validate_responses(instrument, responses)
    if problems:
        return Score(instrument.code, problems=problems)
    item_scores = tuple(
        (item.code, _item_score(instrument, item, _checked_whole_number(responses[item.code])))
        for item in instrument.items
    )
    total = sum(value for _, value in item_scores)
    mean = total / len(item_scores)
    metric = None
    if instrument.raw_to_metric:
        metric = dict(instrument.raw_to_metric)[total]
    headline = {"mean": mean, "metric": metric, "total": total}.get(instrument.headline, mean)
    by_item = dict(item_scores)
    outcome_order: list[str] = []
    for item in instrument.items:
        for code in item.outcome_codes:
            if code not in outcome_order:
                outcome_order.append(code)
    outcome_means = []
    for code in outcome_order:
        values = [by_item[item.code] for item in instrument.items if code in item.outcome_codes]
        outcome_means.append(OutcomeMean(code, sum(values) / len(values), len(values)))
    return Score(
        instrument.code,
        total=total,
        mean=mean,
        metric=metric,
        headline=headline,
        outcome_means=tuple(outcome_means),
        item_scores=item_scores,
    )


def measure_value(
    instrument: Instrument,
    responses: Mapping[str, object],
    item_codes: tuple[str, ...] = (),
    informant: str | None = None,
) -> float | None:
    """Return the figure a measure indicator compares: the headline score, or the mean of some items.

    With ``item_codes`` empty this is the instrument's headline score. Otherwise it is the mean
    of those items after reverse scoring (for the SDQ, the sum of those subscales). Returns
    ``None`` when any needed answer is missing or invalid.
    """
    if not item_codes:
        result = score(instrument, responses, informant)
        return result.headline if result.ok else None
    if instrument.scores_only:
        subscale_scores = _whole_numbers(responses.get(code) for code in item_codes)
        if subscale_scores is None or not all(0 <= value <= 10 for value in subscale_scores):
            return None
        return float(sum(subscale_scores))
    values = []
    for code in item_codes:
        value = responses.get(code)
        if not _is_whole_number(value) or not instrument.min_value <= value <= instrument.max_value:
            return None
        values.append(_item_score(instrument, instrument.item(code), value))
    return sum(values) / len(values)


def classify_change(
    instrument: Instrument,
    pre: float | Score | SdqScore,
    post: float | Score | SdqScore,
    threshold: float | None = None,
) -> str:
    """Call a pre and post pair ``improved``, ``unchanged`` or ``worse``.

    The change must be at least the meaningful-change threshold (the instrument's own unless
    ``threshold`` is given) in the instrument's good direction to count as improved, or in the
    other direction to count as worse; anything smaller is unchanged. For the SDQ lower is better.
    Scores may be given as numbers or as scored results (their headline figure is used).
    """
    pre_value = _headline(pre)
    post_value = _headline(post)
    limit = instrument.meaningful_change if threshold is None else threshold
    if limit <= 0:
        raise ValueError("A meaningful-change threshold must be more than zero.")
    change = post_value - pre_value
    if not instrument.higher_is_better:
        change = -change
    change = round(change, 6)
    if change >= limit:
        return "improved"
    if change <= -limit:
        return "worse"
    return "unchanged"


def _headline(value: float | Score | SdqScore) -> float:
    if isinstance(value, (Score, SdqScore)):
        if value.headline is None:
            raise ValueError("Cannot compare a score that has problems: " + "; ".join(value.problems))
        return float(value.headline)
    return float(value)


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


def describe_value(instrument: Instrument, value: float) -> str:
    """Write a score for a worker: metric scores to two decimals, means to one, totals whole."""
    if instrument.headline == "metric":
        return f"{value:.2f}"
    return format_number(value, 1)
