"""The import page in Chromium: axe finds nothing with the form, the problems table and the column
lists open, and it fits a phone."""

from __future__ import annotations

import pytest

from casework.imports.schemas import header_for
from tests.browser.conftest import assert_accessible, sign_in_as

pytestmark = pytest.mark.browser

BAD_FILE = (",".join(header_for("sessions")) + "\r\nS-BROWSER-1,NO-SUCH-CASE,2024-02-31,,,phone,home,attended,,,,\r\n")


def test_a_manager_uploads_a_file_and_reads_its_problems(page, live_server, demo_users):
    sign_in_as(page, live_server, demo_users["manager"])
    page.goto(f"{live_server}/imports")
    assert page.get_by_role("heading", level=1).inner_text() == "Import records"
    page.get_by_text("Sessions file", exact=True).click()  # open one list of columns
    assert_accessible(page)
    page.get_by_label("Sessions").check()
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "sessions.csv", "mimeType": "text/csv", "buffer": BAD_FILE.encode()}])
    page.get_by_role("button", name="Import file").click()
    page.wait_for_load_state()
    assert "sessions.csv was not imported" in page.content()
    assert page.get_by_role("cell", name="held_on").count() == 1
    assert_accessible(page)


def test_the_import_page_fits_a_phone(browser, live_server, demo_users):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in_as(page, live_server, demo_users["manager"])
    page.goto(f"{live_server}/imports")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone screen"
    context.close()
