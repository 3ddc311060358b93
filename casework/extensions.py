"""Extensions, created unbound and initialised in create_app."""

from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from casework.db import db

login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"
login_manager.login_message = "Sign in to continue."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

csrf = CSRFProtect()

__all__ = ["csrf", "db", "login_manager"]
