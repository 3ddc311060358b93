from tests.route_access import READERS, WORKERS

ROUTES = {
    "cases.caseload": WORKERS,
    "cases.index": READERS,
    "cases.search": READERS,
    "cases.case_page": READERS,
    # Programmes that record when intensive support began (404 for others); changing it needs
    # the right to edit the case (403 from the loader otherwise).
    "cases.support_start": READERS,
    "cases.close": READERS,
    "cases.request_closure_view": WORKERS,
    "cases.reopen": {"manager"},
}
