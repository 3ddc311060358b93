"""A Toy case from referral to return, through the web app and the command line: triage,
consent, sessions logged and imported, the Toy's own closure condition, and the Toy return
with the Toy's outcomes in section F."""

from __future__ import annotations

import csv
import json
from datetime import timedelta

import sqlalchemy as sa

from casework.cases.models import Case, Closure
from casework.db import db
from casework.sessions.models import Session
from casework.timezone import london_today
from tests.casework.referrals.conftest import date_parts
from tests.casework.toy.conftest import latest_referral, new_person, submit, text, toy_referral
from tests.toy_programme import COMPONENTS, OUTCOMES


def _case_of(referral) -> Case:
    db.session.expire_all()
    return db.session.scalars(sa.select(Case).where(Case.referral_id == referral.id)).one()


def _session(day, components, notes="Played.") -> dict:
    return {"held_on": [str(day.day), str(day.month), str(day.year)], "attendance": "attended",
            "mode": "face_to_face", "location": "youth_centre", "start_time": "14:30", "duration_minutes": "45",
            "components": list(components), "behaviour_concern": "no", "behaviour_note": "", "notes": notes,
            "onward_service_type": "", "onward_agency": ""}


def _close(client, case, **data):
    today = london_today()
    return submit(client, f"/cases/{case.public_id}/close",
                  {"reason": "planned_completion", "closed_on": [today.day, today.month, today.year], **data})


def _write_sessions(path, case_reference: str, day) -> None:
    header = ["provider_reference", "case_reference", "held_on", "start_time", "duration_minutes", "mode",
              "location", "attendance", "components", "behaviour_concern", "behaviour_note", "notes"]
    rows = [
        {"provider_reference": "TS1", "case_reference": case_reference, "held_on": day.isoformat(),
         "start_time": "10:00", "duration_minutes": "60", "mode": "face_to_face", "location": "youth_centre",
         "attendance": "attended", "components": "TOY-C1;TOY-C2", "behaviour_concern": "no"},
        {"provider_reference": "TS2", "case_reference": case_reference, "held_on": day.isoformat(),
         "start_time": "16:00", "duration_minutes": "30", "mode": "face_to_face", "location": "youth_centre",
         "attendance": "attended", "components": "TOY-C2", "behaviour_concern": "no"},
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(rows)


def test_a_toy_case_from_referral_to_return(signed_in, client, world, run_cli, tmp_path):
    today = london_today()
    yesterday = today - timedelta(days=1)

    # Referral, taken by the youth worker.
    signed_in(user=world.worker)
    response = submit(client, "/referrals/new/person", {**new_person(), **toy_referral(world.team)})
    assert response.status_code == 302, text(response)[:3000]
    referral = latest_referral()

    # Triage: the manager accepts, allocates the worker and records consent.
    signed_in(user=world.manager)
    page = text(client.get(f"/referrals/{referral.public_id}"))
    assert "Spinning top" in page and "Eligibility: Eligible" in page
    response = submit(client, f"/referrals/{referral.public_id}/decision", {"decision": "accept"},
                      form_url=f"/referrals/{referral.public_id}")
    assert response.status_code == 302, text(response)[:3000]
    case = _case_of(referral)
    assert (case.programme, case.status, case.definition_version) == ("TOY", "awaiting_consent", "2024.1")
    response = submit(client, f"/cases/{case.public_id}/allocation", {"lead_worker": str(world.worker.public_id)})
    assert response.status_code == 302, text(response)[:3000]
    for given_by in ("young_person", "parent_carer"):
        response = submit(client, f"/cases/{case.public_id}/consent",
                          {"given_by": given_by, "method": "written", **date_parts("given_on", yesterday)})
        assert response.status_code == 302, text(response)[:3000]
    case = _case_of(referral)
    assert (case.status, case.started_on, case.lead_worker_id) == ("open", yesterday, world.worker.id)

    # Sessions logged by the worker, offering the Toy's components only.
    signed_in(user=world.worker)
    form = text(client.get(f"/cases/{case.public_id}/sessions/new"))
    for component in COMPONENTS:
        assert f'value="{component.code}"' in form and component.name in form
    assert "VIP-C1" not in form
    response = submit(client, f"/cases/{case.public_id}/sessions/new", _session(yesterday, ["TOY-C1"]))
    assert response.status_code == 302, text(response)[:3000]

    # Sessions imported from the provider's file on the command line.
    case.provider_reference = "TOY-CASE-1"  # the provider's own reference, as an import would set it
    path = tmp_path / "sessions.csv"
    _write_sessions(path, "TOY-CASE-1", yesterday)
    result = run_cli("import", "sessions", str(path), "--user", world.manager.email)
    assert result.exit_code == 0, result.output
    assert "(2 new, 0 already imported and unchanged)" in result.stdout
    sessions = db.session.scalars(sa.select(Session).where(Session.case_id == case.id).order_by(Session.id)).all()
    assert [s.component_codes for s in sessions] == [["TOY-C1"], ["TOY-C1", "TOY-C2"], ["TOY-C2"]]

    # The Toy's own closure condition blocks a planned completion until a goodbye session.
    page = text(client.get(f"/cases/{case.public_id}/close"))
    assert "No goodbye session attended yet: hold one before closing." in page
    blocked = _close(client, case)
    assert blocked.status_code == 400
    assert "Cannot close as a planned completion" in text(blocked)
    assert _case_of(referral).status == "open"
    response = submit(client, f"/cases/{case.public_id}/sessions/new", _session(yesterday, ["TOY-C3"], "Goodbye."))
    assert response.status_code == 302, text(response)[:3000]
    assert "A goodbye session was attended." in text(client.get(f"/cases/{case.public_id}/close"))
    response = _close(client, case)
    assert response.status_code == 302, text(response)[:3000]
    case = _case_of(referral)
    assert (case.status, case.closed_on) == ("closed", today)
    closure = db.session.scalars(sa.select(Closure).where(Closure.case_id == case.id)).one()
    assert closure.check_passed is True
    assert {c["code"]: c["met"] for c in closure.check_trace["conditions"]} == {"toy_goodbye": True}

    # The Toy return, on the command line and on the returns page.
    period = f"{yesterday.isoformat()}..{today.isoformat()}"
    result = run_cli("return", "build", "--programme", "TOY", "--period", period, "--mode", "internal",
                     "--format", "json", "--output", "-")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout_bytes)
    assert data["programme"] == "TOY"
    section_f = {(f["breakdown"], f["category"]): f["period"] for f in data["figures"] if f["code"] == "F"}
    for outcome in OUTCOMES:
        assert ("reached", outcome.code) in section_f
    assert section_f[("reached", "TOY-S1")] == 1 and section_f[("reached", "TOY-L1")] == 1
    assert section_f[("measured", "TOY-L1")] == 1 and section_f[("improved", "TOY-L1")] == 1

    result = run_cli("return", "build", "--programme", "ALL", "--period", period, "--mode", "internal",
                     "--format", "json", "--output", "-")
    assert result.exit_code == 0, result.output
    by_programme = {f["category"]: f["period"] for f in json.loads(result.stdout_bytes)["figures"]
                    if f["code"] == "B3" and f["breakdown"] == "programme"}
    assert by_programme.get("TOY") == 1, by_programme

    signed_in(user=world.manager)
    page = client.get(f"/returns/build?programme=TOY&period={period}&mode=internal")
    html = text(page)
    assert page.status_code == 200, html[:3000]
    assert "Monitoring return: The Toy Programme" in html
    for outcome in OUTCOMES:
        assert outcome.name in html
