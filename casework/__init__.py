"""casework: case management for violence-prevention programmes."""

from __future__ import annotations

import os

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from casework.config import Config, load_config


def create_app(config: Config | None = None, *, env_name: str | None = None) -> Flask:
    """Build the application. `config` wins over CASEWORK_ENV; production refuses to start
    without a real secret key."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("CASEWORK_INSTANCE_PATH") or None,
        static_folder="static",
        static_url_path="/assets",
    )
    config = config or load_config(app.instance_path, env_name)
    config.validate()
    app.config.from_object(config)
    os.makedirs(app.instance_path, exist_ok=True)

    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("casework"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    import casework.models  # noqa: F401  (every mapper, before the first query)
    from casework.extensions import csrf, db, login_manager

    db.init_app(app)
    login_manager.init_app(app)
    csrf.init_app(app)
    WTFormsHelpers(app)

    from casework import web

    web.init_app(app)
    _register_blueprints(app)

    from casework.cli import register_commands

    register_commands(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from casework.admin.routes import bp as admin_bp
    from casework.assessments.routes import bp as assessments_bp
    from casework.auth.routes import bp as auth_bp
    from casework.cases.routes import bp as cases_bp
    from casework.dashboard.routes import bp as dashboard_bp
    from casework.engagement.routes import bp as engagement_bp
    from casework.imports.routes import bp as imports_bp
    from casework.plans.routes import bp as plans_bp
    from casework.referrals.routes import bp as referrals_bp
    from casework.returns.routes import bp as returns_bp
    from casework.school.routes import bp as school_bp
    from casework.sessions.routes import bp as sessions_bp

    for bp in (auth_bp, admin_bp, cases_bp, dashboard_bp, engagement_bp,
               referrals_bp, sessions_bp, school_bp, returns_bp, assessments_bp,
               plans_bp, imports_bp):
        app.register_blueprint(bp)
