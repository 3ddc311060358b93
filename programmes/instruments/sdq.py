"""SDQ, the Strengths and Difficulties Questionnaire: scores only, with their published bands.

The SDQ is copyright, so no item text is held: a worker types in who completed it and the five
subscale scores, and total difficulties is checked against their sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..vocabulary import Term
from .answers import checked_whole_number, is_whole_number, whole_numbers
from .model import Instrument

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
        tuple(SdqBand(code, label, low, high) for (code, label), (low, high) in zip(labels, ranges, strict=True)),
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
        tuple(SdqBand(code, label, low, high) for (code, label), (low, high) in zip(labels, ranges, strict=True)),
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
        elif not is_whole_number(value):
            problems.append(
                f"The {term.label.lower()} score must be a whole number from 0 to 10 (got “{value}”)."
            )
        elif not 0 <= value <= 10:
            problems.append(
                f"The {term.label.lower()} score is {value}; SDQ subscale scores go from 0 to 10."
            )
    entered_total = subscales.get("total_difficulties")
    difficulties = whole_numbers(subscales.get(code) for code in SDQ_DIFFICULTY_SUBSCALES)
    if entered_total is not None:
        if not is_whole_number(entered_total) or not 0 <= entered_total <= 40:
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
    values = tuple((term.code, checked_whole_number(subscales[term.code])) for term in SDQ_SUBSCALES)
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
