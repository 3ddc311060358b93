"""The logic model of each programme, as data for the "About this programme" page and for returns."""

import json

import pytest

import programmes
from programmes.logic_model import logic_model_dict, logic_model_sections
from programmes.vrn import VRN_OUTCOMES, VRN_REPORTING, vrn_outcome


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_logic_model_has_six_sections_with_content(code):
    definition = programmes.current_definition(code)
    sections = logic_model_sections(definition)
    assert [s.key for s in sections] == ["need", "activities", "outputs", "short", "medium", "long"]
    assert all(section.entries for section in sections)


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_logic_model_lists_every_outcome_once_in_its_term(code):
    definition = programmes.current_definition(code)
    sections = {s.key: s for s in logic_model_sections(definition)}
    listed = [entry.code for key in ("short", "medium", "long") for entry in sections[key].entries]
    assert sorted(listed) == sorted(o.code for o in definition.outcomes)
    for key in ("short", "medium", "long"):
        assert all(definition.outcome(entry.code).term == key for entry in sections[key].entries)


def test_phoenix_logic_model_puts_young_people_before_agencies_and_communities():
    sections = {s.key: s for s in logic_model_sections(programmes.current_definition("PHOENIX"))}
    groups = [entry.stakeholder_group for entry in sections["short"].entries]
    assert groups == sorted(groups, key=["children and young adults", "agencies", "communities"].index)


def test_logic_model_dict_is_json():
    data = logic_model_dict(programmes.current_definition("VIP"))
    assert json.loads(json.dumps(data)) == data
    assert data["programme"] == "VIP" and data["version"] == "2024.1" and data["effective_on"] == "2024-01-31"
    short = next(section for section in data["sections"] if section["key"] == "short")
    assert short["entries"][0] == {
        "text": "A positive and trusting relationship with the youth worker",
        "code": "VIP-S1",
        "wording": "Development of a positive and trusting relationship with Youth Worker",
        "stakeholder_group": "children and young adults",
    }


def test_vrn_overarching_outcomes():
    assert vrn_outcome("VRN-RP7").wording == "An increase in improved mental well-being amongst under 25s"
    assert {o.category for o in VRN_OUTCOMES} == {
        "crime",
        "health",
        "risk_and_protective",
        "home_office_success_measure",
    }
    assert len(VRN_REPORTING) == 5
    with pytest.raises(KeyError):
        vrn_outcome("VRN-XX")
