from tests.route_access import READERS

# Team members and managers may look; adding and changing need the case's allocated lead worker
# or navigator, or a manager (403 from the loader otherwise).
ROUTES = {
    "assessments.index": READERS,
    "assessments.new": READERS,
    "assessments.answers": READERS,
    "assessments.view": READERS,
    "assessments.edit": READERS,
}
