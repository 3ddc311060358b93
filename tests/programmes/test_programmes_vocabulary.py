"""Shared code lists: ethnicity (ONS 2021 and police 16+1), age bands, and the B2/B5/D4 lists."""

import pytest

from programmes import vocabulary as v


def test_ons_2021_has_19_detailed_categories_plus_not_stated():
    detailed = [term for term in v.ETHNICITIES if term.code != "not_stated"]
    assert len(detailed) == 19
    groups = {term.group for term in detailed}
    assert groups == {"asian", "black", "mixed", "white", "other"}
    counts = {group: sum(1 for t in detailed if t.group == group) for group in groups}
    assert counts == {"asian": 5, "black": 3, "mixed": 4, "white": 5, "other": 2}
    assert v.codes(v.ETHNIC_GROUPS) == ("asian", "black", "mixed", "white", "other", "not_stated")


def test_police_16_plus_1_codes_map_to_ons_2021():
    assert v.codes(v.POLICE_ETHNICITY_CODES) == (
        "W1",
        "W2",
        "W9",
        "M1",
        "M2",
        "M3",
        "M9",
        "A1",
        "A2",
        "A3",
        "A9",
        "B1",
        "B2",
        "B9",
        "O1",
        "O9",
        "NS",
    )
    ons_codes = set(v.codes(v.ETHNICITIES))
    for police_code, ons_code in v.POLICE_TO_ONS_2021:
        assert ons_code in ons_codes
        police_group = next(t.group for t in v.POLICE_ETHNICITY_CODES if t.code == police_code)
        assert v.ethnic_group_for(ons_code) == police_group
    assert v.ons_category_for_police_code("A1") == "asian_indian"
    assert v.ons_category_for_police_code("o1") == "asian_chinese"
    assert v.ethnic_group_for("O1") == "asian"
    assert v.ethnic_group_for("NS") == "not_stated"
    assert v.ethnic_group_for(None) == "not_stated"
    with pytest.raises(KeyError, match="not a police 16\\+1 ethnicity code"):
        v.ons_category_for_police_code("Z1")


@pytest.mark.parametrize(
    "age, band",
    [
        (0, "under_10"),
        (9, "under_10"),
        (10, "10_13"),
        (13, "10_13"),
        (14, "14_15"),
        (15, "14_15"),
        (16, "16_17"),
        (17, "16_17"),
        (18, "18_20"),
        (20, "18_20"),
        (21, "21_24"),
        (24, "21_24"),
        (25, "25_34"),
        (34, "25_34"),
        (35, "35_plus"),
        (65, "35_plus"),
    ],
)
def test_age_bands(age, band):
    assert v.age_band(age) == band


def test_age_band_codes_are_pinned():
    assert v.codes(v.AGE_BANDS) == (
        "under_10",
        "10_13",
        "14_15",
        "16_17",
        "18_20",
        "21_24",
        "25_34",
        "35_plus",
    )
    with pytest.raises(ValueError):
        v.age_band(-1)


def test_return_vocabularies_are_pinned():
    assert v.codes(v.SEXES) == ("female", "male", "not_known", "prefer_not_to_say")
    assert v.codes(v.LOCAL_AUTHORITIES) == ("leicester", "leicestershire", "rutland", "outside_llr")
    assert v.codes(v.DECLINE_REASONS) == (
        "outside_age_range",
        "outside_area",
        "criteria_not_met",
        "already_open",
        "declined_by_young_person",
        "unable_to_contact",
        "other",
    )
    assert v.codes(v.ONWARD_REFERRAL_SERVICE_TYPES) == (
        "mental_health",
        "substance_misuse",
        "housing",
        "ete",
        "social_care",
        "sport_positive_activity",
        "family_support",
        "other",
    )
    assert v.codes(v.ENGAGEMENT_STATUSES) == (
        "not_yet_contacted",
        "contacted",
        "engaged",
        "partially_engaged",
        "disengaged",
        "refused",
    )
    assert v.codes(v.ATTENDANCE) == ("attended", "did_not_attend", "cancelled")
    assert v.codes(v.ASSESSMENT_TIMEPOINTS) == ("pre", "post", "follow_up")
    assert v.codes(v.PLAN_KINDS) == ("intervention", "sustainability", "exit", "transition")
    assert v.codes(v.COHORT_TIERS) == ("influential_member", "network_member")
    assert v.codes(v.NOMINATING_AGENCIES) == (
        "police",
        "probation",
        "youth_justice_city",
        "youth_justice_county",
        "other",
    )
    assert v.codes(v.NOTIFICATION_METHODS) == ("home_visit_with_family", "call_in", "letter", "other")


def test_completion_rate_excludes_moved_away_and_deceased():
    excluded = [r.code for r in v.CLOSURE_REASONS if r.excluded_from_completion_rate]
    assert excluded == ["moved_out_of_area", "deceased"]
    assert [r.code for r in v.CLOSURE_REASONS if r.planned_completion] == ["planned_completion"]


def test_label_for():
    assert v.label_for(v.SEXES, "prefer_not_to_say") == "Prefer not to say"
    assert v.label_for(v.CLOSURE_REASONS, "custody") == "Went into custody"
    assert v.label_for(v.SEXES, None) == "Not recorded"
    with pytest.raises(KeyError, match="'unknown' is not a recognised code"):
        v.label_for(v.SEXES, "unknown")


def test_every_vocabulary_has_unique_codes_and_labels():
    for name in dir(v):
        value = getattr(v, name)
        if isinstance(value, tuple) and value and hasattr(value[0], "code") and hasattr(value[0], "label"):
            assert len(set(v.codes(value))) == len(value), name
            assert all(term.label for term in value), name
