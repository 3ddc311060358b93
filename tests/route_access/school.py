from tests.route_access import READERS

# Reach cases only (404 for others); adding and changing need the case's allocated worker or a
# manager (403 from the loader otherwise).
ROUTES = {
    "school.record": READERS,
    "school.new_event": READERS,
    "school.edit_event": READERS,
    "school.attendance": READERS,
}
