from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from casework.dashboard import routes  # noqa: E402,F401
