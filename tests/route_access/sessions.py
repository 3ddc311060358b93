from tests.route_access import READERS

# Managers and allocated workers may add and change sessions; the loaders refuse others (403).
ROUTES = {
    "sessions.index": READERS,
    "sessions.new": READERS,
    "sessions.view": READERS,
    "sessions.edit": READERS,
}
