"""The `casework` command: a Flask CLI group (run, db, demo, user, assets; import and return
join it as those areas land)."""

from __future__ import annotations

import os
import sys

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext


def _create_app():
    from casework import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def cli() -> None:
    """Casework: case management for violence-prevention programmes."""


def main() -> None:
    """Entry point of the `casework` console command. PORT sets the port of `casework run`."""
    if os.environ.get("PORT") and not os.environ.get("FLASK_RUN_PORT"):
        os.environ["FLASK_RUN_PORT"] = os.environ["PORT"]
    cli(prog_name="casework")


def register_commands(app) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(outcomes_group)
    app.cli.add_command(user_group)
    app.cli.add_command(assets_command)

    from casework.returns.cli import return_group

    app.cli.add_command(return_group)

    from casework.imports.cli import import_command

    app.cli.add_command(import_command)


# --- database -----------------------------------------------------------------------------------

@click.group("db")
def db_group() -> None:
    """Create, upgrade or downgrade the database schema (Alembic)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Upgrade the database to REVISION (default: head)."""
    from casework.migrate import upgrade

    upgrade(current_app, revision)
    click.echo(f"Database upgraded to {revision}.")


@db_group.command("downgrade")
@click.argument("revision", default="-1")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Downgrade the database to REVISION (default: one step back; `base` empties it)."""
    from casework.migrate import downgrade

    downgrade(current_app, revision)
    click.echo(f"Database downgraded to {revision}.")


@db_group.command("current")
@with_appcontext
def db_current() -> None:
    """Show the revision the database is at."""
    from casework.migrate import current_revision

    click.echo(current_revision(current_app) or "(empty database)")


# --- kept outcome evaluations ----------------------------------------------------------------

def _refresh_outcomes() -> None:
    import time

    from casework.cases.outcomes import refresh
    from casework.db import db

    started = time.perf_counter()
    done = refresh()
    db.session.commit()
    click.echo(f"Evaluated the outcomes of {done:,} closed cases in {time.perf_counter() - started:.1f} s.")


@click.group("outcomes")
def outcomes_group() -> None:
    """The outcome evaluations kept with closed cases (casework/cases/outcomes.py)."""


@outcomes_group.command("refresh")
@with_appcontext
def outcomes_refresh() -> None:
    """Evaluate and keep the outcomes of every closed case that has no kept evaluation (after an
    upgrade, or a change to a closed case's records). Returns work either way; this makes them
    faster."""
    _refresh_outcomes()


# --- demo data and users ------------------------------------------------------------------------

@click.command("demo")
@click.option("--today", help="Pretend today is this date (YYYY-MM-DD); demo data is dated around it.")
@click.option("--scale", type=float,
              help="Instead, generate synthetic data at this scale (1 = five years of one VRN, 10 = national).")
@with_appcontext
def demo_command(today: str | None, scale: float | None) -> None:
    """Load demo teams, users and fictional young people (safe to run again)."""
    from datetime import date

    from casework.demo import load_demo

    if scale is not None:
        from casework.db import db
        from casework.scale import AlreadyGenerated, generate

        try:
            click.echo(generate(db.engine, scale, today=date.fromisoformat(today) if today else None).summary())
        except AlreadyGenerated as error:
            raise click.ClickException(str(error)) from None
        _refresh_outcomes()
        return

    result = load_demo(today=date.fromisoformat(today) if today else None)
    click.echo(result.summary())


@click.group("user")
def user_group() -> None:
    """Manage user accounts."""


@user_group.command("add")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(
    ["youth_worker", "navigator", "manager", "commissioner", "enforcement_officer", "administrator"]))
@click.option("--team", "teams", multiple=True, help="Team name; repeat for several teams.")
@click.password_option(help="Prompted for if not given: 12 characters or more, not a common password.")
@with_appcontext
def user_add(email: str, name: str, role: str, teams: tuple[str, ...], password: str) -> None:
    """Add a user with a role and team memberships."""
    from casework.admin.operations import UserError, create_user
    from casework.db import db

    try:
        user = create_user(email=email, name=name, role=role, team_names=teams, password=password)
        db.session.commit()
    except UserError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    click.echo(f"Added {user.email} ({user.role_label}).")


@click.command("assets")
def assets_command() -> None:
    """Copy GOV.UK Frontend and MOJ Frontend from node_modules into the static folder."""
    from casework.assets import main as build_assets

    build_assets()


def ensure_database_ready(app) -> None:
    """Used by `make run`: refuse to start on a database that is behind the code."""
    from casework.db import db
    from casework.migrate import current_revision, head_revision

    with app.app_context():
        if current_revision(app) != head_revision():
            raise click.ClickException("The database is not up to date: run `casework db upgrade`.")
        db.session.execute(sa.text("SELECT 1"))
