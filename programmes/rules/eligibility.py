"""Eligibility on the referral date: one reason for each condition a programme sets."""

from __future__ import annotations

from datetime import MAXYEAR
from typing import Iterable

from ..facts import ReferralFacts
from ..model import DefinitionVersion
from ..text import join_words, long_date
from ..vocabulary import LOCAL_AUTHORITIES, Coded
from .ages import age_on, date_turning
from .reasons import Decision, Reason, term_label


def _age_reason(definition: DefinitionVersion, facts: ReferralFacts) -> Reason:
    rule = definition.eligibility
    name = definition.programme_short_name
    accepts = f"{name} accepts ages {rule.min_age} to {rule.max_age}."
    if facts.date_of_birth is None:
        return Reason(
            "age",
            None,
            f"Date of birth not recorded, so the age on the referral date cannot be checked; {accepts}",
        )
    if facts.date_of_birth > facts.referral_on:
        return Reason(
            "age",
            None,
            f"The date of birth ({long_date(facts.date_of_birth)}) is after the referral date "
            f"({long_date(facts.referral_on)}); check it.",
        )
    age = age_on(facts.date_of_birth, facts.referral_on)
    stated = f"Aged {age} on {long_date(facts.referral_on)}; {accepts}"
    if age < rule.min_age:
        # A date of birth in year 9999 has no birthday in the calendar at the minimum age.
        if facts.date_of_birth.year + rule.min_age > MAXYEAR:
            return Reason("age", False, stated, "outside_age_range")
        turns = date_turning(facts.date_of_birth, rule.min_age)
        return Reason(
            "age", False, f"{stated} They turn {rule.min_age} on {long_date(turns)}.", "outside_age_range"
        )
    if age > rule.max_age:
        return Reason("age", False, stated, "outside_age_range")
    return Reason("age", True, stated)


def _area_reason(definition: DefinitionVersion, facts: ReferralFacts) -> Reason:
    rule = definition.eligibility
    name = definition.programme_short_name
    area = join_words([term_label(LOCAL_AUTHORITIES, code) for code in rule.local_authorities], "or")
    if facts.local_authority is None:
        return Reason(
            "area",
            None,
            f"Local authority of residence not recorded; {name} works with people living in {area}.",
        )
    if facts.local_authority not in {term.code for term in LOCAL_AUTHORITIES}:
        return Reason(
            "area",
            None,
            f"“{facts.local_authority}” is not a recognised local authority; record where they live.",
        )
    if facts.local_authority in rule.local_authorities:
        return Reason(
            "area",
            True,
            f"Lives in {term_label(LOCAL_AUTHORITIES, facts.local_authority)}, in the {name} area.",
        )
    where = _in_sentence(term_label(LOCAL_AUTHORITIES, facts.local_authority))
    if facts.local_authority != "outside_llr":
        where = f"in {where}"
    return Reason(
        "area", False, f"Lives {where}; {name} works only with people living in {area}.", "outside_area"
    )


_PROPER_STARTS = (
    "Leicester",
    "Leicestershire",
    "Rutland",
    "Probation",
    "A&E",
    "Ingeus",
    "Turning",
    "SWEMWBS",
    "SDQ",
)


def _in_sentence(label: str) -> str:
    """A label as it reads mid-sentence.

    ``Police custody`` becomes ``police custody``; names keep their capitals.
    """
    if label.startswith(_PROPER_STARTS):
        return label
    return label[0].lower() + label[1:]


def _listed_reason(
    code: str,
    value: str | None,
    accepted: tuple[str, ...],
    terms: Iterable[Coded],
    name: str,
    noun: str,
    verb: str,
) -> Reason:
    accepted_text = join_words([_in_sentence(term_label(terms, c)) for c in accepted], "or")
    if value is None:
        return Reason(
            code, None, f"{noun.capitalize()} not recorded; {name} takes people {verb} {accepted_text}."
        )
    label = _in_sentence(term_label(terms, value))
    if value in accepted:
        return Reason(code, True, f"{verb.capitalize()} {label}, which {name} accepts.")
    return Reason(
        code,
        False,
        f"{verb.capitalize()} {label}; {name} takes people {verb} {accepted_text}.",
        "criteria_not_met",
    )


def _condition_reasons(definition: DefinitionVersion, facts: ReferralFacts) -> list[Reason]:
    reasons = []
    for condition in definition.eligibility.conditions:
        value = facts.programme_facts.get(condition.code)
        if value is None:
            reasons.append(Reason(condition.code, None, condition.unknown_text))
        elif condition.allowed_values:
            allowed = {term.code: term.label for term in condition.allowed_values}
            if value in allowed:
                reasons.append(
                    Reason(
                        condition.code, True, condition.met_text.replace("{value}", allowed[value].lower())
                    )
                )
            else:
                reasons.append(Reason(condition.code, False, condition.unmet_text, "criteria_not_met"))
        elif value is True:
            reasons.append(Reason(condition.code, True, condition.met_text))
        else:
            reasons.append(Reason(condition.code, False, condition.unmet_text, "criteria_not_met"))
    return reasons


def check_eligibility(definition: DefinitionVersion, facts: ReferralFacts) -> Decision:
    """Decide whether a referral is eligible on its referral date, with a reason for each condition.

    Checks, in order: age on the referral date, local authority of residence, the referral
    setting (VIP) or nominating agency (Phoenix) where the programme restricts them, the
    programme's own conditions, and that there is no open case on the same programme already.
    """
    name = definition.programme_short_name
    rule = definition.eligibility
    reasons = [_age_reason(definition, facts), _area_reason(definition, facts)]
    if rule.settings:
        reasons.append(
            _listed_reason(
                "setting",
                facts.setting,
                rule.settings,
                definition.settings,
                name,
                "referral setting",
                "referred from",
            )
        )
    if rule.referral_sources:
        reasons.append(
            _listed_reason(
                "referral_source",
                facts.referral_source,
                rule.referral_sources,
                definition.referral_sources,
                name,
                "nominating agency",
                "nominated by",
            )
        )
    reasons.extend(_condition_reasons(definition, facts))
    if facts.has_open_case:
        reasons.append(
            Reason(
                "already_open",
                False,
                f"Already has an open {name} case; add to that case instead.",
                "already_open",
            )
        )
    else:
        reasons.append(Reason("already_open", True, f"No open {name} case."))
    if any(reason.met is False for reason in reasons):
        outcome = "not_eligible"
    elif any(reason.met is None for reason in reasons):
        outcome = "undecided"
    else:
        outcome = "eligible"
    return Decision(definition.programme_code, definition.version, facts.referral_on, outcome, tuple(reasons))
