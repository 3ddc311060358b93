# Managers import records into their own programmes; nobody else uploads or downloads templates.
ROUTES = {
    "imports.index": {"manager"},
    "imports.template": {"manager"},
}
