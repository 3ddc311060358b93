"""The category lists a return breaks figures down by, resolved for the programmes it covers.

Each list is ``(code, label)`` pairs in the documented order. Most come straight from
:mod:`programmes.vocabulary`; referral sources, settings, components, instruments and outcomes
come from the programme definitions in force at the period end (for ALL, every programme's, in
programme order, without repeats). The return adds only ``not_recorded`` where a record may hold
no value (setting, age band, local authority, engagement status).
"""

from __future__ import annotations

from programmes import get_instrument
from programmes.model import DefinitionVersion
from programmes.vocabulary import (
    AGE_BANDS,
    ATTENDANCE,
    CLOSURE_REASONS,
    CONTACT_METHODS,
    CONTACT_RESULTS,
    DECLINE_REASONS,
    ENGAGEMENT_STATUSES,
    ETHNIC_GROUPS,
    LOCAL_AUTHORITIES,
    ONWARD_REFERRAL_SERVICE_TYPES,
    REFERRAL_DECISIONS,
    SESSION_LOCATIONS,
    SESSION_MODES,
    SEXES,
)

__all__ = ["NOT_RECORDED", "category_lists"]

#: The category for a record that holds no value for the breakdown.
NOT_RECORDED = ("not_recorded", "Not recorded")


def _terms(terms) -> list[tuple[str, str]]:
    return [(term.code, term.label) for term in terms]


def _union(lists) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for items in lists:
        for code, label in items:
            seen.setdefault(code, label)
    return list(seen.items())


def category_lists(definitions: dict[str, DefinitionVersion]) -> dict[str, list[tuple[str, str]]]:
    """Every category list, for the programme definitions given (``{programme code: definition}``)."""
    ordered = list(definitions.values())
    instrument_codes = _union([(code, code) for code in d.instruments] for d in ordered)
    return {
        "referral_sources": _union(_terms(d.referral_sources) for d in ordered),
        "settings": _union(_terms(d.settings) for d in ordered) + [NOT_RECORDED],
        "decisions": _terms(REFERRAL_DECISIONS),
        "decline_reasons": _terms(DECLINE_REASONS),
        "closure_reasons": _terms(CLOSURE_REASONS),
        "age_bands": _terms(AGE_BANDS) + [NOT_RECORDED],
        "sexes": _terms(SEXES),
        "ethnic_groups": _terms(ETHNIC_GROUPS),
        "local_authorities": _terms(LOCAL_AUTHORITIES) + [NOT_RECORDED],
        "session_modes": _terms(SESSION_MODES),
        "session_locations": _terms(SESSION_LOCATIONS),
        "not_attended": [(t.code, t.label) for t in ATTENDANCE if t.code != "attended"],
        "components": _union([(c.code, c.label) for c in d.session_components] for d in ordered),
        "service_types": _terms(ONWARD_REFERRAL_SERVICE_TYPES),
        "contact_methods": _terms(CONTACT_METHODS),
        "contact_results": _terms(CONTACT_RESULTS),
        "engagement_statuses": _terms(ENGAGEMENT_STATUSES) + [NOT_RECORDED],
        "instruments": [(code, _instrument_name(code)) for code, _ in instrument_codes],
        "outcomes": _union([(o.code, f"{o.code} {o.name}") for o in d.outcomes] for d in ordered),
        "programmes": [(code, d.programme_short_name) for code, d in definitions.items()],
    }


def _instrument_name(code: str) -> str:
    try:
        return get_instrument(code).short_name
    except KeyError:
        return code
