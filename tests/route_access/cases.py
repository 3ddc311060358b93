from tests.route_access import READERS, WORKERS

ROUTES = {
    "cases.caseload": WORKERS,
    "cases.search": READERS,
    "cases.case_page": READERS,
}
