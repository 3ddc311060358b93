"""Every reason a worker reads is in their words: a code only ever comes with its name
("VIP-C8 Sustainability planning", never "VIP-C8" alone) and a programme is named as workers
say it ("Reach progress check", not "REACH progress check").

Walks the closure check (its rule, conditions and the closure decision for every reason), the
due actions, the outcome evidence and the indicators' descriptions for representative cases of every programme, at every
definition version, so a new text that slips a bare code in fails here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

import programmes
from programmes import rules
from programmes.facts import AssessmentFact, CaseFacts, EngagementContactFact, OnwardReferralFact, SessionFact
from programmes.model import DefinitionVersion
from programmes.rules.mapping import instrument_for
from programmes.vocabulary import ENGAGEMENT_STATUSES, ETE_STATUSES

TODAY = date(2025, 3, 3)
#: Anything shaped like a code: capitals, then one or more hyphenated parts (VIP-C8, RCH-PC-03).
CODE = re.compile(r"\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b")


def _assessments(definition: DefinitionVersion, start: date, pre: int, post: int) -> tuple[AssessmentFact, ...]:
    made = []
    for code in definition.instruments:
        items = instrument_for(definition, code).items
        for timepoint, on, value in (("pre", start + timedelta(days=2), pre), ("post", TODAY - timedelta(days=3), post)):
            made.append(AssessmentFact(code, timepoint, on, {item.code: value for item in items}))
    return tuple(made)


def _cases(definition: DefinitionVersion) -> list[CaseFacts]:
    """Cases that between them reach every branch of the rules' texts: nothing recorded yet,
    a full programme, a patchy one with gaps and concerns, and one far past its planned length."""
    start = TODAY - timedelta(weeks=30)
    components = [component.code for component in definition.components]
    every_week = tuple(SessionFact(start + timedelta(weeks=week), component_codes=frozenset(components))
                       for week in range(30))
    patchy = tuple(SessionFact(start + timedelta(weeks=week), attended=week % 3 != 1,
                               component_codes=frozenset(components[week % len(components):][:1]),
                               behaviour_concern=week == 12)
                   for week in range(0, 30, 4))
    contacts = tuple(EngagementContactFact(start + timedelta(weeks=week), "in_person", "met") for week in range(30))
    ete_codes = [term.code for term in ETE_STATUSES]
    cases = [
        CaseFacts(started_on=TODAY - timedelta(days=3), referral_received_at=datetime(2025, 2, 27, 9),
                  person_name="Avery"),
        CaseFacts(started_on=start, referral_received_at=datetime(2024, 8, 1, 9)),
        CaseFacts(started_on=start, sessions=every_week, assessments=_assessments(definition, start, 2, 5),
                  plan_kinds=frozenset(kind for kind in ("intervention", "sustainability", "exit", "transition")),
                  support_started_on=start, engagement_status="engaged", engagement_contacts=contacts,
                  onward_referrals=(OnwardReferralFact(start + timedelta(days=20), "education", True),),
                  ete_status_at_start=ete_codes[-1], ete_status_latest=ete_codes[0],
                  attendance_at_referral_percent=80.0, attendance_latest_percent=95.0,
                  suspensions_in_six_months_before_referral=2, suspensions_during_programme=0,
                  permanently_excluded_during_programme=False, person_name="Avery"),
        CaseFacts(started_on=start, sessions=patchy, assessments=_assessments(definition, start, 4, 2)[:1],
                  support_started_on=start + timedelta(weeks=4), engagement_status="refused",
                  onward_referrals=(OnwardReferralFact(start, "health"),),
                  attendance_at_referral_percent=100.0, attendance_latest_percent=100.0,
                  suspensions_in_six_months_before_referral=0, suspensions_during_programme=0),
        CaseFacts(started_on=TODAY - timedelta(weeks=70), plan_kinds=frozenset({"sustainability"})),
    ]
    for status in ENGAGEMENT_STATUSES:
        cases.append(CaseFacts(started_on=start, support_started_on=start, engagement_status=status.code))
    return cases


def _texts(definition: DefinitionVersion) -> set[str]:
    # The indicators' descriptions say what evidences each outcome on the programme's pages.
    texts: set[str] = {indicator.description for indicator in definition.indicators}
    for facts in _cases(definition):
        for on in (TODAY, TODAY - timedelta(weeks=18)):
            if on < facts.started_on:
                continue
            check = rules.closure_check(definition, facts, on)
            texts.add(check.rule_summary)
            texts.update(condition.text for condition in check.conditions)
            for reason in definition.closure_reasons:
                texts.update(rules.closure_allowed(definition, check, reason.code).reasons)
                texts.update(rules.closure_allowed(definition, check, reason.code, "Moving away").reasons)
            for action in rules.due_actions(definition, facts, on):
                texts.update((action.label, action.detail))
            for evidence in rules.outcome_evidence(definition, facts, on):
                texts.update(line.text for line in evidence.lines)
    return {text for text in texts if text}


def _named(definition: DefinitionVersion) -> dict[str, str]:
    names = {component.code: component.name for component in definition.components}
    names.update((outcome.code, outcome.name) for outcome in definition.outcomes)
    return names


def _bare_codes(text: str, names: dict[str, str]) -> list[str]:
    return [match.group() for match in CODE.finditer(text)
            if not text[match.end():].startswith(f" {names.get(match.group(), chr(0))}")]


_VERSIONS = [(code, definition.version) for code in programmes.programme_codes()
             for definition in programmes.get_programme(code).versions]


@pytest.mark.parametrize("code,version", _VERSIONS)
def test_no_reason_gives_a_bare_code_or_a_programme_in_capitals(code, version):
    programme = programmes.get_programme(code)
    definition = next(d for d in programme.versions if d.version == version)
    names = _named(definition)
    texts = _texts(definition)
    assert len(texts) > 30  # the cases reach the rules' texts, not just a handful
    bare = sorted({(code, text) for text in texts for code in _bare_codes(text, names)})
    assert bare == [], "codes without their names"
    if programme.short_name != code:
        shouting = sorted(text for text in texts if re.search(rf"\b{re.escape(code)}\b", text))
        assert shouting == [], f"say {programme.short_name}, not {code}"


def test_the_walk_catches_a_bare_code_and_accepts_one_with_its_name():
    names = _named(programmes.current_definition("VIP"))
    assert _bare_codes("Record a session covering VIP-C8.", names) == ["VIP-C8"]
    assert _bare_codes("Record a session covering VIP-C8 Sustainability planning.", names) == []
    assert _bare_codes("Complete the VIP-PC at closure.", names) == ["VIP-PC"]


def test_a_progress_check_is_named_as_workers_say_the_programme():
    assert programmes.current_definition("REACH").progress_check.short_name == "Reach progress check"
    assert programmes.current_definition("PHOENIX").progress_check.short_name == "Phoenix progress check"
