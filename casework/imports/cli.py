"""`casework import KIND FILE --user EMAIL [--dry-run]`: bulk import without a browser.

    casework import people people.csv --user manager@example.org
    casework import sessions sessions.csv --user manager@example.org --dry-run

KIND is one of people, referrals, cases, sessions, assessments, engagement_contacts,
onward_referrals, closures; docs/import.md describes each file's header. The import runs as the
named manager, within their programmes. Every problem is printed as `file, row N, column C:
reason` and the command exits with status 1, having imported nothing; progress goes to standard
error every few thousand rows. The closing summary names how the file's dates were read
("Dates read as DD/MM/YYYY").
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from casework.imports.schemas import KINDS


@click.command("import")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--user", "email", required=True, help="Email address of the manager importing.")
@click.option("--dry-run", is_flag=True, help="Check the file and report, importing nothing.")
@with_appcontext
def import_command(kind: str, file: Path, email: str, dry_run: bool) -> None:
    """Import a CSV file of KIND: every row is checked first; any problem imports nothing."""
    from casework.auth.models import User
    from casework.db import db
    from casework.imports.operations import import_file, record_refused_import
    from casework.operations import OperationError

    user = db.session.scalars(sa.select(User).where(User.email == email.strip().lower(), User.active)).one_or_none()
    if user is None or user.role != "manager":
        click.echo("Error: --user must be the email address of an active manager.", err=True)
        sys.exit(2)
    try:
        data = file.read_bytes()
    except OSError as error:
        click.echo(f"Error: cannot read {file}: {error.strerror}", err=True)
        sys.exit(2)

    def progress(message: str) -> None:
        click.echo(message, err=True)

    db.begin_write()
    try:
        result = import_file(kind, file.name, data, user=user, dry_run=dry_run, progress=progress)
    except OperationError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    if not result.ok:
        for problem in result.problems:
            click.echo(str(problem))
        record_refused_import(result, user)
        db.session.commit()
        click.echo(result.summary(), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(result.summary())
