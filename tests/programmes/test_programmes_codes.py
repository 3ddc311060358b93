"""The codes of programmes.md are all defined, unique, mapped and pinned.

Codes are stored in records and written into returns, so this file lists every one literally:
renumbering or renaming a code makes it fail.
"""

from datetime import date

import pytest

import programmes
from programmes import record_rules
from programmes.facts import CaseFacts
from programmes.model import CHILDREN_AND_YOUNG_ADULTS, INDICATOR_KINDS, OUTCOME_TERMS, STAKEHOLDER_GROUPS
from programmes.rules import instrument_for
from programmes.vocabulary import CLOSURE_REASONS, codes
from programmes.vrn import VRN_OUTCOMES

PINNED_COMPONENTS = {
    "VIP": ["VIP-C1", "VIP-C2", "VIP-C3", "VIP-C4", "VIP-C5", "VIP-C6", "VIP-C7", "VIP-C8"],
    "REACH": ["RCH-C1", "RCH-C2", "RCH-C3", "RCH-C4", "RCH-C5", "RCH-C6", "RCH-C7", "RCH-C8"],
    "PHOENIX": ["PHX-C1", "PHX-C2", "PHX-C3", "PHX-C4", "PHX-C5", "PHX-C6", "PHX-C7", "PHX-C8"],
}

PINNED_OUTCOMES = {
    "VIP": [
        "VIP-S1",
        "VIP-S2",
        "VIP-S3",
        "VIP-S4",
        "VIP-S5",
        "VIP-S6",
        "VIP-S7",
        "VIP-M1",
        "VIP-M2",
        "VIP-M3",
        "VIP-M4",
        "VIP-M5",
        "VIP-M6",
        "VIP-M7",
        "VIP-M8",
        "VIP-L1",
        "VIP-L2",
        "VIP-L3",
        "VIP-L4",
        "VIP-L5",
        "VIP-L6",
        "VIP-L7",
        "VIP-L8",
    ],
    "REACH": [
        "RCH-S1",
        "RCH-S2",
        "RCH-S3",
        "RCH-S4",
        "RCH-M1",
        "RCH-M2",
        "RCH-M3",
        "RCH-M4",
        "RCH-L1",
        "RCH-L2",
        "RCH-L3",
    ],
    "PHOENIX": [
        "PHX-S1",
        "PHX-S2",
        "PHX-S3",
        "PHX-S4",
        "PHX-M1",
        "PHX-M2",
        "PHX-M3",
        "PHX-M4",
        "PHX-M5",
        "PHX-L1",
        "PHX-L2",
        "PHX-AS1",
        "PHX-AS2",
        "PHX-AS3",
        "PHX-AS4",
        "PHX-AS5",
        "PHX-AM1",
        "PHX-AM2",
        "PHX-AM3",
        "PHX-AM4",
        "PHX-AL1",
        "PHX-AL2",
        "PHX-AL3",
        "PHX-KS1",
        "PHX-KS2",
        "PHX-KM1",
        "PHX-KM2",
        "PHX-KL1",
        "PHX-KL2",
    ],
}

PINNED_INSTRUMENTS = {
    "VIP": ["VIP-PC", "SWEMWBS", "SDQ"],
    "REACH": ["RCH-PC", "SWEMWBS", "SDQ"],
    "PHOENIX": ["PHX-PC", "SWEMWBS", "SDQ"],
}

PINNED_PROGRESS_CHECK_ITEMS = {
    "VIP-PC": [f"VIP-PC-{n:02d}" for n in range(1, 20)],
    "RCH-PC": [f"RCH-PC-{n:02d}" for n in range(1, 13)],
    "PHX-PC": [f"PHX-PC-{n:02d}" for n in range(1, 15)],
}

PINNED_CLOSURE_REASONS = [
    "planned_completion",
    "disengaged",
    "declined_after_start",
    "moved_out_of_area",
    "custody",
    "transferred_or_stepped_up",
    "safeguarding_escalation",
    "deceased",
    "other",
]

PINNED_REFERRAL_SOURCES = {
    "VIP": ["police_custody", "hospital_a_and_e", "other_health", "self_or_family", "other_agency"],
    "REACH": ["school", "social_care", "youth_justice", "family", "other"],
    "PHOENIX": ["police", "probation", "youth_justice_city", "youth_justice_county", "other"],
}

PINNED_SETTINGS = {"VIP": ["custody", "a_and_e", "other_health"], "REACH": [], "PHOENIX": []}

PINNED_VRN_OUTCOMES = [
    "VRN-CR1",
    "VRN-CR2",
    "VRN-CR3",
    "VRN-CR4",
    "VRN-CR5",
    "VRN-CR6",
    "VRN-HE1",
    "VRN-HE2",
    "VRN-RP1",
    "VRN-RP2",
    "VRN-RP3",
    "VRN-RP4",
    "VRN-RP5",
    "VRN-RP6",
    "VRN-RP7",
    "VRN-RP8",
    "HO-1",
    "HO-2",
    "HO-3",
]


def definitions():
    return [programmes.current_definition(code) for code in programmes.PROGRAMME_CODES]


def test_programme_codes_are_fixed():
    assert programmes.PROGRAMME_CODES == ("VIP", "REACH", "PHOENIX")
    assert [p.code for p in programmes.all_programmes()] == ["VIP", "REACH", "PHOENIX"]


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_every_code_is_pinned(code):
    definition = programmes.current_definition(code)
    assert [c.code for c in definition.components] == PINNED_COMPONENTS[code]
    assert [o.code for o in definition.outcomes] == PINNED_OUTCOMES[code]
    assert list(definition.instruments) == PINNED_INSTRUMENTS[code]
    assert [r.code for r in definition.closure_reasons] == PINNED_CLOSURE_REASONS
    assert [t.code for t in definition.referral_sources] == PINNED_REFERRAL_SOURCES[code]
    assert [t.code for t in definition.settings] == PINNED_SETTINGS[code]
    check = definition.progress_check
    assert list(check.item_codes) == PINNED_PROGRESS_CHECK_ITEMS[check.code]


def test_shared_codes_are_pinned():
    assert list(codes(CLOSURE_REASONS)) == PINNED_CLOSURE_REASONS
    assert [o.code for o in VRN_OUTCOMES] == PINNED_VRN_OUTCOMES
    assert [i.code for i in programmes.all_instruments()] == ["VIP-PC", "RCH-PC", "PHX-PC", "SWEMWBS", "SDQ"]


def test_codes_are_unique_across_programmes():
    seen = []
    for definition in definitions():
        seen += [c.code for c in definition.components]
        seen += [o.code for o in definition.outcomes]
        seen += list(definition.progress_check.item_codes)
        seen.append(definition.progress_check.code)
    seen += [o.code for o in VRN_OUTCOMES]
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_each_programme_has_one_current_version_adopted_31_january_2024(code):
    programme = programmes.get_programme(code)
    assert len(programme.versions) == 1
    version = programme.versions[0]
    assert version.effective_on == date(2024, 1, 31)
    assert version.version == "2024.1"
    assert version.programme_code == code
    assert programmes.current_definition(code) is version


@pytest.mark.parametrize("definition", definitions(), ids=lambda d: d.programme_code)
def test_every_component_maps_to_at_least_one_outcome_of_its_programme(definition):
    outcome_codes = {o.code for o in definition.outcomes}
    for component in definition.components:
        assert component.outcome_codes, component.code
        assert set(component.outcome_codes) <= outcome_codes, component.code


@pytest.mark.parametrize("definition", definitions(), ids=lambda d: d.programme_code)
def test_every_outcome_has_an_indicator_or_is_evidenced_outside_case_records(definition):
    for outcome in definition.outcomes:
        assert definition.indicators_for(outcome.code) or outcome.evidenced_outside_case_records, outcome.code


@pytest.mark.parametrize("definition", definitions(), ids=lambda d: d.programme_code)
def test_outcomes_are_well_formed(definition):
    for outcome in definition.outcomes:
        assert outcome.term in OUTCOME_TERMS
        assert outcome.stakeholder_group in STAKEHOLDER_GROUPS
        assert outcome.name and outcome.wording and outcome.wording_source
        vrn_codes = {o.code for o in VRN_OUTCOMES}
        assert set(outcome.vrn_outcome_codes) <= vrn_codes


@pytest.mark.parametrize("definition", definitions(), ids=lambda d: d.programme_code)
def test_indicators_point_at_things_that_exist(definition):
    outcome_codes = {o.code for o in definition.outcomes}
    component_codes = {c.code for c in definition.components}
    rule_codes = {r.code for r in definition.record_rules}
    for indicator in definition.indicators:
        assert indicator.kind in INDICATOR_KINDS
        assert indicator.outcome_code in outcome_codes
        if indicator.kind == "activity":
            assert indicator.component_codes and set(indicator.component_codes) <= component_codes
        elif indicator.kind == "measure":
            instrument = instrument_for(definition, indicator.instrument_code)
            if not instrument.scores_only:
                assert set(indicator.item_codes) <= set(instrument.item_codes)
        else:
            assert indicator.record_rule in rule_codes


@pytest.mark.parametrize("definition", definitions(), ids=lambda d: d.programme_code)
def test_every_self_reportable_short_and_medium_outcome_has_a_progress_check_item(definition):
    covered = {code for item in definition.progress_check.items for code in item.outcome_codes}
    for outcome in definition.outcomes:
        if outcome.term in ("short", "medium") and outcome.self_reportable:
            assert outcome.code in covered, outcome.code
    assert covered <= {o.code for o in definition.outcomes if o.term in ("short", "medium")}


@pytest.mark.parametrize("definition", definitions(), ids=lambda d: d.programme_code)
def test_outcomes_a_young_person_cannot_self_report_are_evidenced_by_records(definition):
    for outcome in definition.outcomes:
        if (
            outcome.term in ("short", "medium")
            and outcome.stakeholder_group == CHILDREN_AND_YOUNG_ADULTS
            and not outcome.self_reportable
        ):
            kinds = {i.kind for i in definition.indicators_for(outcome.code)}
            assert "record" in kinds, outcome.code


def test_outcomes_that_cannot_be_self_reported_are_the_expected_ones():
    not_self_reported = {
        o.code
        for d in definitions()
        for o in d.outcomes
        if o.term in ("short", "medium")
        and o.stakeholder_group == CHILDREN_AND_YOUNG_ADULTS
        and not o.self_reportable
    }
    assert not_self_reported == {"VIP-M7", "RCH-M2", "PHX-S2"}


def test_each_progress_check_has_a_reverse_scored_item():
    for definition in definitions():
        assert any(item.reverse_scored for item in definition.progress_check.items)


def test_phoenix_agency_and_community_outcomes_are_evidenced_by_programme_activity():
    phoenix = programmes.current_definition("PHOENIX")
    mapped = {code for kind in phoenix.programme_activity_kinds for code in kind.outcome_codes}
    outcome_codes = {o.code for o in phoenix.outcomes}
    assert mapped <= outcome_codes
    for outcome in phoenix.outcomes:
        if outcome.stakeholder_group != CHILDREN_AND_YOUNG_ADULTS:
            assert outcome.evidenced_outside_case_records
            assert outcome.code in mapped, outcome.code


def test_wellbeing_and_sdq_map_to_the_outcomes_programmes_md_names():
    expected = {"SWEMWBS": {"VIP-L3", "RCH-S3", "PHX-M1"}, "SDQ": {"VIP-L1", "RCH-M1", "PHX-M1"}}
    for instrument, outcome_codes in expected.items():
        found = {
            i.outcome_code
            for d in definitions()
            for i in d.indicators
            if i.kind == "measure" and i.instrument_code == instrument
        }
        assert found == outcome_codes


def test_every_record_rule_can_be_evaluated():
    library = record_rules.RECORD_RULES
    assert len({rule.code for rule in library}) == len(library)
    facts = CaseFacts(started_on=date(2025, 1, 6))
    for definition in definitions():
        for rule in definition.record_rules:
            assert rule.evaluate(definition, facts, date(2025, 3, 3)).rule_code == rule.code


def test_enforcement_is_recorded_as_an_event_not_a_session():
    phoenix = programmes.current_definition("PHOENIX")
    assert not phoenix.component("PHX-C8").delivered_in_sessions
    assert "PHX-C8" not in {c.code for c in phoenix.session_components}


def test_case_roles():
    assert [r.code for r in programmes.current_definition("PHOENIX").case_roles] == [
        "lead_worker",
        "community_navigator",
        "manager",
    ]
    for definition in definitions():
        lead = next(r for r in definition.case_roles if r.code == "lead_worker")
        assert lead.required


def test_return_identification_metadata():
    vip, reach, phoenix = programmes.all_programmes()
    assert (vip.prevention_level, reach.prevention_level, phoenix.prevention_level) == (
        "tertiary",
        "secondary",
        "tertiary",
    )
    assert vip.delivery_partners == ("Turning Point",)
    assert phoenix.yef_toolkit_strand == "Focused deterrence"
    assert reach.yef_toolkit_strand == "Mentoring"
    for programme in programmes.all_programmes():
        assert programme.funding_stream and programme.summary and programme.name


def test_outcome_wording_follows_the_theory_of_change():
    vip = programmes.current_definition("VIP")
    assert vip.outcome("VIP-S4").wording == "Increased awareness of and ability to label emotions"
    assert vip.outcome("VIP-S4").name == "More awareness of emotions and ability to name them"
    phoenix = programmes.current_definition("PHOENIX")
    assert phoenix.outcome("PHX-L1").wording == "Reduction in serious violence and in reoffending"


def test_unknown_codes_give_clear_errors():
    with pytest.raises(KeyError, match="Unknown programme code 'MVP'; expected one of VIP, REACH, PHOENIX"):
        programmes.get_programme("MVP")
    with pytest.raises(KeyError, match="Unknown instrument code"):
        programmes.get_instrument("GAD-7")
    with pytest.raises(KeyError, match="has no outcome"):
        programmes.current_definition("VIP").outcome("VIP-S9")
