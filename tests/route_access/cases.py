from tests.route_access import READERS, WORKERS

ROUTES = {
    "cases.caseload": WORKERS,
    "cases.index": READERS,
    "cases.search": READERS,
    "cases.case_page": READERS,
    "cases.close": READERS,
    "cases.request_closure_view": WORKERS,
    "cases.reopen": {"manager"},
}
