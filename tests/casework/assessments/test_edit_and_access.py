"""Changing an assessment (a stale save is refused, the first survives), who may see and change
assessments, and that no SDQ question text is held anywhere."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from casework.assessments.models import Assessment, AssessmentItem
from casework.db import db
from programmes import get_instrument
from tests.casework.assessments.helpers import hidden_fields, rows_of, text_of
from tests.casework.assessments.test_recording import SDQ_SCORES, answers_page, progress_answers, record
from tests.conftest import audit_events

VIP_PC = get_instrument("VIP-PC")
TEMPLATES = Path(__file__).resolve().parents[3] / "casework" / "templates"


def make_assessment(case, instrument="VIP-PC", timepoint="pre", value=3, on=date(2024, 6, 3)):
    """An assessment made directly in the database (as an import would)."""
    from casework.assessments.operations import scored_fields

    instrument_def = get_instrument(instrument)
    answers = {code: value for code in instrument_def.item_codes}
    figures = scored_fields(instrument_def, answers, None)
    assessment = Assessment(case_id=case.id, instrument=instrument, timepoint=timepoint, completed_on=on,
                            score=figures["score"], subscores=figures["subscores"])
    assessment.items = [AssessmentItem(item_code=code, value=v) for code, v in answers.items()]
    db.session.add(assessment)
    db.session.flush()
    return assessment


def test_changing_answers_scores_again_and_is_audited(world, signed_in):
    client, _ = signed_in(user=world.worker)
    assessment = make_assessment(world.case)
    url = f"/assessments/{assessment.public_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="3" checked' in page or "checked" in page
    response = client.post(url, data={**hidden_fields(page), "timepoint": "pre",
                                      "completed_on": ["4", "6", "2024"], **progress_answers(4, 2)})
    assert response.status_code == 302, text_of(response.get_data(as_text=True))[:600]
    (saved,) = rows_of(Assessment, case_id=world.case.id)
    assert (float(saved.score), saved.completed_on, saved.version) == (4.0, date(2024, 6, 4), 2)
    values = {item.item_code: item.value for item in rows_of(AssessmentItem, assessment_id=saved.id)}
    assert values["VIP-PC-01"] == 4 and values["VIP-PC-10"] == 2
    (event,) = audit_events("assessment.update")
    assert event.details["fields"] == ["completed_on", "answers"]
    assert event.record_id == str(assessment.public_id)


def test_a_stale_edit_is_refused_and_the_first_save_survives(world, signed_in):
    client, _ = signed_in(user=world.worker)
    assessment = make_assessment(world.case)
    url = f"/assessments/{assessment.public_id}/edit"
    first_tab = hidden_fields(client.get(url).get_data(as_text=True))
    second_tab = hidden_fields(client.get(url).get_data(as_text=True))
    first = client.post(url, data={**first_tab, "timepoint": "pre", "completed_on": ["3", "6", "2024"],
                                   **progress_answers(5, 1)})
    assert first.status_code == 302
    second = client.post(url, data={**second_tab, "timepoint": "pre", "completed_on": ["3", "6", "2024"],
                                    **progress_answers(1, 5)})
    assert second.status_code == 409
    assert "Someone else changed this record after you opened it, so your changes were not saved." in text_of(
        second.get_data(as_text=True))
    (saved,) = rows_of(Assessment, case_id=world.case.id)
    assert float(saved.score) == 5.0
    # The page shows the saved version again, ready to change.
    assert f'name="version" type="hidden" value="{saved.version}"' in second.get_data(as_text=True)


def test_an_edit_cannot_make_a_second_pre(world, signed_in):
    client, _ = signed_in(user=world.worker)
    make_assessment(world.case, timepoint="pre")
    post = make_assessment(world.case, timepoint="post", on=date(2024, 9, 1))
    url = f"/assessments/{post.public_id}/edit"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={**hidden_fields(page), "timepoint": "pre",
                                      "completed_on": ["1", "9", "2024"], **progress_answers(3, 3)})
    assert response.status_code == 400
    shown = text_of(response.get_data(as_text=True))
    assert "This case already has a start (pre) VIP progress check" in shown
    assert rows_of(Assessment, id=post.id)[0].timepoint == "post"


@pytest.mark.parametrize("data", [
    {"timepoint": "later"},
    {"completed_on": ["x", "y", "z"]},
    {"question_4": "0"},
    {"version": "not a number"},
    {"version": ""},
])
def test_bad_edits_are_refused_without_an_error_page(world, signed_in, data):
    client, _ = signed_in(user=world.worker)
    assessment = make_assessment(world.case)
    url = f"/assessments/{assessment.public_id}/edit"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={**hidden_fields(page), "timepoint": "pre",
                                      "completed_on": ["3", "6", "2024"], **progress_answers(4, 4), **data})
    assert response.status_code in (400, 409)
    assert float(rows_of(Assessment, id=assessment.id)[0].score) == 3.0


def test_another_team_gets_404_and_nothing_changes(world, signed_in, create_user, no_csrf):
    assessment = make_assessment(world.case)
    client, _ = signed_in("youth_worker")  # a VIP worker of another team
    case_url = f"/cases/{world.case.public_id}"
    for url in (f"{case_url}/assessments", f"{case_url}/assessments/new",
                f"/assessments/{assessment.public_id}", f"/assessments/{assessment.public_id}/edit"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/cases/{world.case.public_id}/assessments/new/answers",
                           data={"instrument": "VIP-PC", "timepoint": "follow_up",
                                 "completed_on": "2024-06-03", **progress_answers(3, 3)})
    assert response.status_code == 404
    response = client.post(f"/assessments/{assessment.public_id}/edit",
                           data={"version": "1", "timepoint": "post", "completed_on": ["3", "6", "2024"],
                                 **progress_answers(5, 1)})
    assert response.status_code == 404
    assert [a.timepoint for a in rows_of(Assessment, case_id=world.case.id)] == ["pre"]
    assert audit_events("access.denied")


def test_team_members_may_look_but_only_the_lead_worker_or_a_manager_may_change(
        world, signed_in, create_user):
    assessment = make_assessment(world.case)
    colleague = create_user("youth_worker", teams=[world.team])
    browser, _ = signed_in(user=colleague)
    assert browser.get(f"/cases/{world.case.public_id}/assessments").status_code == 200
    page = browser.get(f"/assessments/{assessment.public_id}")
    assert page.status_code == 200
    assert "Change this assessment" not in page.get_data(as_text=True)
    assert browser.get(f"/cases/{world.case.public_id}/assessments/new").status_code == 403
    assert browser.get(f"/assessments/{assessment.public_id}/edit").status_code == 403

    manager = create_user("manager", programme="VIP")
    browser, _ = signed_in(user=manager)
    assert browser.get(f"/assessments/{assessment.public_id}/edit").status_code == 200
    response = record(browser, world.case, "SDQ", "pre", SDQ_SCORES)
    assert response.status_code == 302
    assert sorted(a.instrument for a in rows_of(Assessment, case_id=world.case.id)) == ["SDQ", "VIP-PC"]


# Fingerprints (first 16 hex digits of SHA-256) of four-word runs of SDQ questions, lower case,
# letters only. The test holds no question text itself, as the product must hold none.
SDQ_FINGERPRINTS = {
    "1d78be0ad5326d90", "64f3ad96ed3119f2", "cf70b826f2186999", "5c7f5e200513529a", "bb68e974dbf06d7d",
    "4c477b12158a169a", "f833765113aabfca", "76db419c2f2f4922", "77909f2ca020697d", "c23830b42cad71e5",
    "6f20104bc53602b6", "8584fcb3ff745980", "78c58cb838413703", "770e0f2376847411", "ef760ee793772936",
    "52ac3eca6da97a44", "2ca7a77edde97ad3", "140db9386ebbc538", "787331665838384e", "af507c3102b78795",
}


def fingerprints(text: str) -> set[str]:
    words = re.sub(r"[^a-z ]+", " ", re.sub(r"['’]", "", text.lower())).split()
    return {hashlib.sha256(" ".join(words[i:i + 4]).encode()).hexdigest()[:16] for i in range(len(words) - 3)}


def test_no_sdq_question_text_is_in_any_template_or_page(world, signed_in):
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert templates
    for path in templates:
        assert not fingerprints(path.read_text()) & SDQ_FINGERPRINTS, path

    client, _ = signed_in(user=world.worker)
    entry = answers_page(client, world.case, "SDQ", "pre").get_data(as_text=True)
    # The check itself works: it finds the progress check's own questions on their page.
    progress = answers_page(client, world.case, "VIP-PC", "pre").get_data(as_text=True)
    assert fingerprints(VIP_PC.items[0].text) & fingerprints(progress)
    response = client.post(f"/cases/{world.case.public_id}/assessments/new/answers",
                           data={**hidden_fields(entry), **SDQ_SCORES})
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    (sdq,) = rows_of(Assessment, case_id=world.case.id)
    edit = client.get(f"/assessments/{sdq.public_id}/edit").get_data(as_text=True)
    for page in (entry, shown, edit):
        assert not fingerprints(text_of(page)) & SDQ_FINGERPRINTS
        assert 'name="question_' not in page
