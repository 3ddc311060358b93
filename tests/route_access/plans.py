from tests.route_access import READERS

# Team members and managers may look; adding and changing plans and goals need the case's
# allocated lead worker or navigator, or a manager (403 from the loader otherwise).
ROUTES = {
    "plans.index": READERS,
    "plans.new": READERS,
    "plans.view": READERS,
    "plans.edit": READERS,
    "plans.new_goal": READERS,
    "plans.edit_goal": READERS,
    "plans.goal_status": READERS,
}
