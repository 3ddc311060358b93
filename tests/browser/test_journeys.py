"""The three journeys of the product, end to end in Chromium as the demo users, with axe on
every page they visit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.browser.journeys import Visit

pytestmark = pytest.mark.browser


def _today() -> date:
    from casework.timezone import london_today

    return london_today()


def test_a_youth_worker_takes_a_vip_custody_referral_to_a_planned_completion(browser, live_server, demo_users):
    today = _today()
    received = today - timedelta(days=100)
    start = received + timedelta(days=2)
    worker = Visit(browser, live_server, demo_users["youth_worker"])

    # Find the person first; nobody matches, so refer a new person.
    worker.go("/referrals/new")
    worker.page.get_by_label("Given name").fill("Jo")
    worker.page.get_by_label("Family name").fill("Journeyexample")
    worker.fill_date("date_of_birth", date(today.year - 19, 3, 14))
    worker.click("Search")
    assert "No one found" in worker.page.inner_text("main")
    worker.click("Refer a new person", role="link")
    worker.choose("sex", "male")
    worker.select("ethnicity", "white_british")
    worker.choose("local_authority", "leicester")
    worker.select("team", label="VIP Custody")
    worker.fill_date("received_on", received)
    worker.page.locator('input[name="received_time"]').fill("10:30")
    worker.select("source", "police_custody")
    worker.choose("setting", "custody")
    worker.page.get_by_label("Offence (if in custody)").fill("Assault occasioning actual bodily harm")
    worker.choose("violence_related", "yes")
    worker.fill_date("first_contact_on", received)
    worker.page.locator('input[name="first_contact_time"]').fill("14:15")
    worker.click("Check eligibility")
    assert "eligible" in worker.page.inner_text("main").lower()
    worker.click("Save referral")
    referral_url = worker.page.url.replace(live_server, "")

    # A manager accepts the referral and allocates the youth worker.
    manager = Visit(browser, live_server, demo_users["manager"])
    manager.go(referral_url)
    manager.choose("decision", "accept")
    manager.click("Save decision")
    if "/allocation" not in manager.page.url:
        manager.click("Allocation", role="link")
    manager.select("lead_worker", label="Yasmin Worker (youth worker)")
    manager.click("Save allocation")
    manager.close()

    # Consent, in the reachable moment.
    worker.go("/caseload")
    worker.click("Jo Journeyexample", role="link")
    case_url = worker.page.url.replace(live_server, "")
    worker.click("Consent", role="link")
    worker.choose("given_by", "young_person")
    worker.choose("method", "written")
    worker.fill_date("given_on", start)
    worker.click("Save consent")

    # Sessions over fourteen weeks (VIP runs at least thirteen): a concern in week one, several
    # components, sustainability planning last.
    plan = [
        (start + timedelta(days=1), ["VIP-C1", "VIP-C2"], True),
        (start + timedelta(days=8), ["VIP-C3"], False),
        (start + timedelta(days=15), ["VIP-C4", "VIP-C5"], False),
        (start + timedelta(days=29), ["VIP-C6"], False),
        (start + timedelta(days=43), ["VIP-C3", "VIP-C4"], False),
        (today - timedelta(days=3), ["VIP-C8"], False),
    ]
    for held_on, components, concern in plan:
        worker.go(case_url)
        worker.click("Log a session", role="link")
        worker.fill_date("held_on", held_on)
        worker.choose("attendance", "attended")
        worker.choose("mode", "face_to_face")
        worker.select("location", "youth_centre")
        worker.page.get_by_label("Length in minutes").fill("60")
        for code in components:
            worker.page.locator(f'input[name="components"][value="{code}"]').check()
        worker.choose("behaviour_concern", "yes" if concern else "no")
        if concern:
            worker.page.locator('textarea[name="behaviour_note"]').fill("Raised voice when talking about the arrest.")
        worker.click("Save session")
        assert "saved" in worker.banner()

    # Pre and post progress checks.
    for timepoint, on, answer in (("pre", start + timedelta(days=1), "2"), ("post", today - timedelta(days=1), "4")):
        worker.go(case_url)
        worker.click("Record an assessment", role="link")
        worker.choose("instrument", "VIP-PC")
        worker.choose("timepoint", timepoint)
        worker.fill_date("completed_on", on)
        worker.click("Continue")
        names = worker.page.evaluate(
            "() => [...new Set([...document.querySelectorAll('main input[type=radio]')].map(e => e.name))]")
        assert names, "the answers page shows the items"
        for name in names:
            worker.choose(name, answer)
        worker.click(worker.page.locator("main button[type=submit]").last.inner_text().strip())

    # The closure panel has turned green; close as a planned completion.
    worker.go(case_url)
    panel = worker.page.locator("#closure-panel")
    assert panel.get_attribute("data-ready") == "true", panel.inner_text()
    assert "Ready to close as a planned completion" in panel.inner_text()
    assert "Improved" in worker.page.inner_text("#outcomes ~ details, main")
    worker.click("Close case", role="link")
    worker.choose("reason", "planned_completion")
    worker.fill_date("closed_on", today)
    worker.click("Close case")
    assert "Case closed" in worker.banner()
    assert "Closed on" in worker.page.inner_text("main")
    worker.close()


def test_a_navigator_records_contacts_and_escalates_a_refusal_which_enforcement_sees(browser, live_server, demo_users):
    today = _today()
    navigator = Visit(browser, live_server, demo_users["navigator"])
    navigator.page.locator('.casework-caseload__item:has-text("PHOENIX") a').first.click()
    navigator.page.wait_for_load_state()
    navigator.check()
    name = navigator.heading()
    navigator.click("Engagement", role="link")

    for method, result in (("phone", "no_answer"), ("text", "message_left"), ("home_visit", "spoke_declined")):
        navigator.click("Record a contact attempt", role="link")
        navigator.choose("method", method)
        navigator.choose("result", result)
        navigator.fill_date("contacted_on", today)
        navigator.click("Save contact attempt")
    attempts = navigator.page.inner_text("main")
    assert "No answer" in attempts and "Spoke; declined support" in attempts

    for status in ("disengaged", "refused"):
        navigator.click("Change status", role="link")
        navigator.choose("status", status)
        navigator.fill_date("changed_on", today)
        navigator.click("Save status")
    assert "Refused" in navigator.page.inner_text("main")

    navigator.click("Escalate to enforcement", role="link")
    navigator.choose("reason", "refused_to_engage")
    navigator.fill_date("raised_on", today)
    navigator.click("Escalate to enforcement")
    assert "Refused to engage" in navigator.page.inner_text("main")
    navigator.close()

    officer = Visit(browser, live_server, demo_users["enforcement_officer"])
    assert officer.page.url.endswith("/escalations")
    row = officer.page.locator("main tr", has_text=name).first
    assert "Refused to engage" in row.inner_text()
    row.get_by_role("link").first.click()
    officer.page.wait_for_load_state()
    officer.check()
    assert name in officer.page.inner_text("main")
    officer.close()


def test_a_manager_triages_a_reach_referral_and_overrides_a_blocked_closure(browser, live_server, demo_users):
    today = _today()
    manager = Visit(browser, live_server, demo_users["manager"])
    assert manager.page.url.endswith("/dashboard")
    triage = manager.page.locator("main li", has_text="REACH").first
    person = triage.get_by_role("link").first.inner_text()
    triage.get_by_role("link").first.click()
    manager.page.wait_for_load_state()
    manager.check()
    assert "Triage" in manager.page.inner_text("main") or "triage" in manager.page.inner_text("main")
    manager.choose("decision", "accept")
    manager.click("Save decision")
    if "/allocation" not in manager.page.url:
        manager.click("Allocation", role="link")
    options = manager.page.locator('select[name="lead_worker"] option')
    worker_label = next(options.nth(i).inner_text() for i in range(options.count()) if options.nth(i).get_attribute("value"))
    manager.select("lead_worker", label=worker_label)
    manager.click("Save allocation")
    assert "allocat" in manager.page.inner_text("main").lower()

    # The person's case now has a lead worker; find an open Reach case whose closure is blocked.
    manager.go("/cases?status=open&programme=REACH")
    manager.page.locator("main tbody tr a").first.click()
    manager.page.wait_for_load_state()
    manager.check()
    panel = manager.page.locator("#closure-panel")
    assert panel.get_attribute("data-ready") == "false"
    assert "Not met" in panel.inner_text()
    manager.click("Close case", role="link")
    manager.choose("reason", "planned_completion")
    manager.fill_date("closed_on", today)
    manager.page.locator('textarea[name="override_reason"]').fill(
        "Completed the mentoring aims early; the family moved schools with a support plan in place.")
    manager.click("Close case")
    assert "Case closed" in manager.banner()
    main = manager.page.inner_text("main")
    assert "a manager approved it" in main and "Completed the mentoring aims early" in main
    assert person  # the triaged referral was named on the dashboard
    manager.close()
