from flask import Blueprint

bp = Blueprint("engagement", __name__)

from casework.engagement import routes  # noqa: E402,F401
