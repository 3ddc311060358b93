"""Eligibility on the referral date: age at each end of each range, area, route and conditions."""

from datetime import date

import pytest

import programmes
from programmes.facts import ReferralFacts
from programmes.rules import age_on, check_eligibility, date_turning

PROGRAMME_FACTS = {
    "VIP": dict(setting="custody", programme_facts={"violence_related": True}),
    "REACH": dict(referral_source="school", programme_facts={"at_risk_of_exclusion": True}),
    "PHOENIX": dict(referral_source="police", programme_facts={"cohort_tier": "influential_member"}),
}

RANGES = {"VIP": (11, 25), "REACH": (10, 17), "PHOENIX": (10, 65)}

DOB = date(2005, 6, 15)


def referral(code: str, referral_on: date, **overrides) -> ReferralFacts:
    values = dict(referral_on=referral_on, date_of_birth=DOB, local_authority="leicester")
    values.update(PROGRAMME_FACTS[code])
    values.update(overrides)
    return ReferralFacts(**values)


def decide(code: str, referral_on: date, **overrides):
    return check_eligibility(programmes.current_definition(code), referral(code, referral_on, **overrides))


def age_reason(decision):
    return next(reason for reason in decision.reasons if reason.code == "age")


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_the_day_before_the_minimum_age_is_not_eligible(code):
    minimum, _ = RANGES[code]
    birthday = date_turning(DOB, minimum)
    decision = decide(code, date.fromordinal(birthday.toordinal() - 1))
    assert decision.outcome == "not_eligible"
    assert decision.decline_reason == "outside_age_range"
    assert age_reason(decision).met is False


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_the_birthday_of_the_minimum_age_is_eligible(code):
    minimum, _ = RANGES[code]
    decision = decide(code, date_turning(DOB, minimum))
    assert decision.eligible, decision.reasons
    assert age_reason(decision).met is True


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_the_day_before_the_birthday_after_the_maximum_age_is_eligible(code):
    _, maximum = RANGES[code]
    birthday = date_turning(DOB, maximum + 1)
    decision = decide(code, date.fromordinal(birthday.toordinal() - 1))
    assert decision.eligible, decision.reasons


@pytest.mark.parametrize("code", programmes.PROGRAMME_CODES)
def test_the_birthday_after_the_maximum_age_is_not_eligible(code):
    _, maximum = RANGES[code]
    decision = decide(code, date_turning(DOB, maximum + 1))
    assert decision.outcome == "not_eligible"
    assert decision.decline_reason == "outside_age_range"


def test_age_reasons_read_like_a_youth_worker_would_say_them():
    too_old = decide("VIP", date(2031, 6, 15))
    assert age_reason(too_old).text == "Aged 26 on 15 June 2031; VIP accepts ages 11 to 25."
    too_young = decide("VIP", date(2016, 6, 14))
    assert (
        age_reason(too_young).text
        == "Aged 10 on 14 June 2016; VIP accepts ages 11 to 25. They turn 11 on 15 June 2016."
    )
    assert too_young.summary.startswith("Not eligible: Aged 10 on 14 June 2016")


def test_age_on_birthdays_and_29_february():
    leap = date(2008, 2, 29)
    assert age_on(leap, date(2019, 2, 28)) == 10
    assert age_on(leap, date(2019, 3, 1)) == 11
    assert age_on(leap, date(2020, 2, 28)) == 11
    assert age_on(leap, date(2020, 2, 29)) == 12
    assert age_on(date(2000, 1, 1), date(2000, 1, 1)) == 0
    assert date_turning(leap, 11) == date(2019, 3, 1)
    with pytest.raises(ValueError):
        age_on(date(2010, 5, 5), date(2010, 5, 4))


def test_someone_born_on_29_february_becomes_eligible_for_vip_on_1_march_in_a_common_year():
    leap = date(2008, 2, 29)
    definition = programmes.current_definition("VIP")
    facts = dict(local_authority="leicester", setting="a_and_e", programme_facts={"violence_related": True})
    before = check_eligibility(definition, ReferralFacts(date(2019, 2, 28), leap, **facts))
    on = check_eligibility(definition, ReferralFacts(date(2019, 3, 1), leap, **facts))
    assert not before.eligible and on.eligible


def test_a_missing_date_of_birth_leaves_the_decision_open():
    decision = decide("VIP", date(2024, 5, 3), date_of_birth=None)
    assert decision.outcome == "undecided"
    assert not decision.eligible
    assert age_reason(decision).met is None
    assert "Date of birth not recorded" in age_reason(decision).text
    assert decision.decline_reason is None


def test_an_unmet_condition_outweighs_an_unknown_one():
    decision = decide("VIP", date(2024, 5, 3), date_of_birth=None, local_authority="outside_llr")
    assert decision.outcome == "not_eligible"
    assert decision.decline_reason == "outside_area"


def test_living_outside_llr_is_declined_as_outside_the_area():
    decision = decide("REACH", date(2020, 5, 3), local_authority="outside_llr")
    area = next(reason for reason in decision.reasons if reason.code == "area")
    assert area.met is False and area.decline_reason == "outside_area"
    assert (
        area.text
        == "Lives outside Leicester, Leicestershire and Rutland; Reach works only with people living in "
        "Leicester, Leicestershire or Rutland."
    )


@pytest.mark.parametrize("local_authority", ["leicester", "leicestershire", "rutland"])
def test_each_llr_authority_is_in_the_area(local_authority):
    assert decide("REACH", date(2020, 5, 3), local_authority=local_authority).eligible


def test_vip_takes_referrals_from_custody_and_health_settings_only():
    for setting in ("custody", "a_and_e", "other_health"):
        assert decide("VIP", date(2024, 5, 3), setting=setting).eligible
    school = decide("VIP", date(2024, 5, 3), setting="school")
    reason = next(r for r in school.reasons if r.code == "setting")
    assert reason.met is False and reason.decline_reason == "criteria_not_met"
    assert (
        reason.text
        == "Referred from school; VIP takes people referred from police custody, A&E or other health setting."
    )
    missing = decide("VIP", date(2024, 5, 3), setting=None)
    assert missing.outcome == "undecided"


def test_vip_needs_a_violence_related_arrest_or_injury():
    decision = decide("VIP", date(2024, 5, 3), programme_facts={"violence_related": False})
    assert decision.decline_reason == "criteria_not_met"


def test_reach_needs_risk_of_school_exclusion():
    assert (
        decide("REACH", date(2020, 5, 3), programme_facts={"at_risk_of_exclusion": False}).decline_reason
        == "criteria_not_met"
    )
    unknown = decide("REACH", date(2020, 5, 3), programme_facts={})
    assert unknown.outcome == "undecided"
    assert (
        unknown.unknown[0].text == "Not yet recorded whether the young person is at risk of school exclusion."
    )


def test_reach_accepts_any_referral_source():
    assert decide("REACH", date(2020, 5, 3), referral_source="family").eligible
    assert decide("REACH", date(2020, 5, 3), referral_source=None).eligible


def test_phoenix_is_by_nomination_of_a_partner_agency_with_a_cohort_tier():
    decision = decide(
        "PHOENIX",
        date(2024, 5, 3),
        referral_source="probation",
        programme_facts={"cohort_tier": "network_member"},
    )
    assert decision.eligible
    texts = [reason.text for reason in decision.reasons]
    assert "Nominated by the Probation Service, which Phoenix accepts." in texts
    assert "A member of the identified cohort (network member)." in texts
    self_referral = decide("PHOENIX", date(2024, 5, 3), referral_source="school")
    assert self_referral.decline_reason == "criteria_not_met"
    not_in_cohort = decide("PHOENIX", date(2024, 5, 3), programme_facts={"cohort_tier": "sibling"})
    assert not_in_cohort.decline_reason == "criteria_not_met"


def test_an_open_case_on_the_same_programme_is_declined_as_already_open():
    decision = decide("VIP", date(2024, 5, 3), has_open_case=True)
    assert decision.decline_reason == "already_open"
    assert decision.unmet[-1].text == "Already has an open VIP case; add to that case instead."


def test_the_decision_trace_can_be_stored_as_json():
    import json

    decision = decide("VIP", date(2024, 5, 3))
    trace = json.loads(json.dumps(decision.trace()))
    assert trace["programme"] == "VIP" and trace["version"] == "2024.1" and trace["outcome"] == "eligible"
    assert trace["decided_on"] == "2024-05-03"
    assert {r["code"] for r in trace["reasons"]} == {
        "age",
        "area",
        "setting",
        "violence_related",
        "already_open",
    }
