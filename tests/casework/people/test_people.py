"""People: the duplicate search stays inside the user's scope, postcodes are checked and tidied,
and a new person is recorded with codes from the shared vocabularies only."""

from __future__ import annotations

from datetime import date

import pytest

from casework.operations import OperationError
from casework.people.operations import PersonDetails, create_person, normalise_postcode
from casework.people.queries import find_people, likely_duplicates
from tests.conftest import audit_events

BORN = date(2008, 5, 1)


@pytest.fixture
def known(create_team, create_user, create_person, create_referral):
    """A worker, and people referred to their team (in scope) or to another team (not)."""
    team, other = create_team(programme="VIP"), create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])

    def _person(team_, **values):
        person = create_person(**values)
        create_referral(team_, person=person)
        return person

    return worker, {
        "jordan": _person(team, given_name="Jordan", family_name="Smith", date_of_birth=BORN),
        "swapped": _person(team, given_name="Smith", family_name="Jordan", date_of_birth=BORN),
        "nickname": _person(team, given_name="Jonathan", family_name="Smith", known_as="Jon", date_of_birth=BORN),
        "other_day": _person(team, given_name="Jordan", family_name="Smith", date_of_birth=date(2009, 1, 1)),
        "different": _person(team, given_name="Alex", family_name="Smith", date_of_birth=BORN),
        "hidden": _person(other, given_name="Jordan", family_name="Smith", date_of_birth=BORN),
    }


def _names(people, known_people):
    reverse = {person.id: name for name, person in known_people.items()}
    return sorted(reverse[person.id] for person in people)


def test_likely_duplicates_share_the_date_of_birth_and_a_similar_name(known):
    worker, people = known
    assert _names(likely_duplicates(worker, "JORDAN", " smith ", BORN), people) == ["jordan", "nickname", "swapped"]
    assert _names(likely_duplicates(worker, "Jon", "Smith", BORN), people) == ["jordan", "nickname"]
    assert likely_duplicates(worker, "Jordan", "Smith", None) == []
    assert likely_duplicates(worker, "Jordan", "Smith", date(2010, 1, 1)) == []


def test_the_search_lists_likely_duplicates_first_and_never_people_outside_scope(known):
    worker, people = known
    found = find_people(worker, "J", "Smi", BORN)
    assert _names(found.likely_duplicates, people) == []  # a family name must match in full
    assert _names(found.other_matches, people) == ["jordan", "nickname", "other_day"]
    exact = find_people(worker, "Jordan", "Smith", BORN)
    assert _names(exact.likely_duplicates, people) == ["jordan", "nickname", "swapped"]
    assert _names(exact.other_matches, people) == ["other_day"]
    assert people["hidden"].id not in {p.id for p in exact.likely_duplicates + exact.other_matches}


def test_search_text_is_not_a_pattern(known):
    worker, _ = known
    assert find_people(worker, "%", "%", None).count == 0
    assert find_people(worker, "_", "S_ith", None).count == 0


@pytest.mark.parametrize("text,expected", [
    ("le1 5ws", "LE1 5WS"), ("LE15WS", "LE1 5WS"), (" le 1 5w s ", "LE1 5WS"), ("EC1A 1BB", "EC1A 1BB"),
    ("W1A 0AX", "W1A 0AX"), ("M1 1AE", "M1 1AE"), ("", None), (None, None),
])
def test_postcodes_are_stored_in_their_standard_form(text, expected):
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize("text", ["LE1", "12345", "LE1 5W", "LEE1 5WS", "<script>", "LE1 5WSX"])
def test_postcodes_that_are_not_uk_postcodes_are_refused(text):
    with pytest.raises(ValueError):
        normalise_postcode(text)


def _details(**overrides) -> PersonDetails:
    values = dict(given_name="  Sam  ", family_name=" Example ", date_of_birth=BORN, sex="female",
                  ethnicity="asian_indian", local_authority="rutland", postcode="le15 6rb", known_as=" ")
    values.update(overrides)
    return PersonDetails(**values)


def test_a_new_person_is_tidied_and_audited(create_user):
    user = create_user("youth_worker")
    person = create_person(_details(), user=user)
    assert (person.given_name, person.family_name, person.known_as, person.postcode) == ("Sam", "Example", None, "LE15 6RB")
    [event] = audit_events("person.create")
    assert (event.user_id, event.record_id) == (user.id, str(person.public_id))
    assert "Sam" not in str(event.details)


@pytest.mark.parametrize("overrides,message", [
    ({"sex": "robot"}, "Select the person's sex from the list"),
    ({"ethnicity": "martian"}, "Select an ethnic group from the list"),
    ({"police_ethnicity_code": "Z9"}, "Select a police ethnicity code from the list"),
    ({"local_authority": "london"}, "Select the local authority from the list"),
    ({"postcode": "nowhere"}, "Enter a real postcode"),
    ({"given_name": "   "}, "Enter the given name"),
])
def test_a_new_person_with_unknown_codes_is_refused(create_user, overrides, message):
    with pytest.raises(OperationError, match=message):
        create_person(_details(**overrides), user=create_user("youth_worker"))
