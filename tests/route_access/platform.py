from tests.route_access import EVERYONE

ROUTES = {
    "static": "public",
    "auth.index": "public",
    "auth.sign_in": "public",
    "auth.home": EVERYONE,
    "auth.sign_out_view": EVERYONE,
    "admin.users": {"administrator"},
    "admin.audit_log": {"administrator"},
    "dashboard.manager": {"manager"},
    "dashboard.commissioner": {"commissioner"},
    "dashboard.programmes_index": EVERYONE - {"administrator"},
    "dashboard.programme": EVERYONE - {"administrator"},
}
