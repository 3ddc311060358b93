"""`casework return`: build, submit and list monitoring returns without a browser.

    casework return build --programme VIP --period 2024-25-Q1 --mode shared --format json --output -
    casework return submit --programme VIP --period 2024-25-Q1 --mode shared --user manager@example.org
    casework return list

Building writes an export audit event (channel command_line); submitting needs an active manager
of the programme (of every programme for ALL), exactly as on the returns pages.
"""

from __future__ import annotations

import sys

import click
import sqlalchemy as sa
from flask.cli import with_appcontext


class _ProgrammeChoice(click.Choice):
    """A registered programme code, or ALL; read from the registry when the command runs."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=False)

    def convert(self, value, param, ctx):
        import programmes

        self.choices = (*programmes.programme_codes(), "ALL")
        return super().convert(value, param, ctx)
FORMAT_CHOICES = ("json", "csv", "xlsx", "pdf", "html")


def _period(value: str):
    from reports.periods import PeriodError, parse_period

    try:
        return parse_period(value)
    except PeriodError as error:
        raise click.BadParameter(str(error), param_hint="--period") from None


@click.group("return")
def return_group() -> None:
    """Build, submit and list monitoring returns."""


@return_group.command("build")
@click.option("--programme", required=True, type=_ProgrammeChoice())
@click.option("--period", required=True, help="2024-25-Q1, 2024-25 or 2024-04-01..2024-06-30")
@click.option("--mode", default="shared", show_default=True, type=click.Choice(("internal", "shared")))
@click.option("--format", "file_format", default="json", show_default=True, type=click.Choice(FORMAT_CHOICES))
@click.option("--output", default="-", show_default=True, help="File to write, or - for standard output.")
@with_appcontext
def build_command(programme: str, period: str, mode: str, file_format: str, output: str) -> None:
    """Build a return and write it in one format."""
    from casework.audit import record_event
    from casework.db import db
    from casework.returns.queries import build_document
    from reports import ReturnError, render

    selected = _period(period)
    try:
        document, _ = build_document(programme.upper(), selected, mode, generated_by="Command line")
    except ReturnError as error:
        raise click.ClickException(str(error)) from None
    body = render(document, file_format)
    if output == "-":
        click.echo(body, nl=False)  # bytes go to the binary standard output unchanged
    else:
        with open(output, "wb") as handle:
            handle.write(body)
    record_event(
        "return.export",
        record_type="return",
        programme=programme.upper(),
        period=selected.label,
        mode=mode,
        format=file_format,
        channel="command_line",
    )
    db.session.commit()
    if output != "-":
        click.echo(f"Wrote {output} ({len(body)} bytes).", err=True)


@return_group.command("submit")
@click.option("--programme", required=True, type=_ProgrammeChoice())
@click.option("--period", required=True, help="2024-25-Q1, 2024-25 or 2024-04-01..2024-06-30")
@click.option("--mode", default="shared", show_default=True, type=click.Choice(("internal", "shared")))
@click.option("--user", "email", required=True, help="Email address of the manager submitting.")
@click.option("--reason", default=None, help="Why the return is amended (needed after the first submission).")
@with_appcontext
def submit_command(programme: str, period: str, mode: str, email: str, reason: str | None) -> None:
    """Submit a return as a manager: a frozen snapshot with its SHA-256."""
    from casework.auth.models import User
    from casework.db import db
    from casework.operations import OperationError
    from casework.returns.operations import submit_return

    selected = _period(period)
    user = db.session.scalars(
        sa.select(User).where(User.email == email.strip().lower(), User.active)
    ).one_or_none()
    if user is None or user.role != "manager":
        click.echo("Error: --user must be the email address of an active manager.", err=True)
        sys.exit(2)
    try:
        snapshot = submit_return(user, programme.upper(), selected, mode, reason=reason)
        db.session.commit()
    except OperationError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    click.echo(
        f"Submitted {snapshot.programme} {snapshot.period_label} ({snapshot.mode}) number {snapshot.number}; "
        f"SHA-256 {snapshot.sha256}."
    )


@return_group.command("list")
@click.option("--programme", type=_ProgrammeChoice())
@with_appcontext
def list_command(programme: str | None) -> None:
    """List submitted returns, newest period first."""
    from casework.db import db
    from casework.returns.models import ReturnSnapshot

    query = sa.select(ReturnSnapshot).order_by(
        ReturnSnapshot.period_end.desc(), ReturnSnapshot.programme, ReturnSnapshot.mode, ReturnSnapshot.number
    )
    if programme:
        query = query.where(ReturnSnapshot.programme == programme.upper())
    snapshots = list(db.session.scalars(query))
    if not snapshots:
        click.echo("No returns have been submitted.")
        return
    for snapshot in snapshots:
        click.echo(
            f"{snapshot.programme:<8} {snapshot.period_label:<24} {snapshot.mode:<8} "
            f"number {snapshot.number:<3} {snapshot.submitted_at:%Y-%m-%d %H:%M} UTC  {snapshot.sha256}"
        )
