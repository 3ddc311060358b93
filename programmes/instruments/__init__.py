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

from .model import CHANGE_CATEGORIES, Instrument, Item, OutcomeMean, ResponseOption, Score
from .progress_check import (
    PROGRESS_CHECK_MEANINGFUL_CHANGE,
    PROGRESS_CHECK_SCALE,
    item_indicators,
    item_outcomes,
    progress_check,
)
from .scoring import classify_change, describe_value, measure_value, score, validate_responses
from .sdq import (
    SDQ,
    SDQ_BANDS,
    SDQ_BANDS_SOURCE,
    SDQ_DIFFICULTY_SUBSCALES,
    SDQ_INFORMANTS,
    SDQ_SUBSCALES,
    SdqBand,
    SdqBandSet,
    SdqScore,
    score_sdq,
    sdq_band,
    validate_sdq,
)
from .swemwbs import SWEMWBS, SWEMWBS_SCALE, SWEMWBS_TO_METRIC, swemwbs_metric

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

#: Instruments shared by every programme (each programme also has its own progress check).
SHARED_INSTRUMENTS = (SWEMWBS, SDQ)
