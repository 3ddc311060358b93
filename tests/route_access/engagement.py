ROUTES = {
    "engagement.escalations": {"enforcement_officer", "manager"},
}
