"""Index sessions by date with the columns return figures read, replacing the date-only index

Revision ID: 0006
Revises: 0005
Created: 2026-11-23 19:30:00.000000+00:00
"""

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain index operations (no table copy on SQLite).
    op.create_index(
        'ix_sessions_held_on_figures',
        'sessions',
        ['held_on', 'attendance', 'case_id', 'mode', 'location', 'duration_minutes'],
        unique=False,
    )
    op.drop_index('ix_sessions_held_on', table_name='sessions')


def downgrade() -> None:
    op.create_index('ix_sessions_held_on', 'sessions', ['held_on'], unique=False)
    op.drop_index('ix_sessions_held_on_figures', table_name='sessions')
