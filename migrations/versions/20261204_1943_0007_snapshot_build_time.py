"""Keep a submitted return's build time beside its canonical JSON, with the JSON's form

Revision ID: 0007
Revises: 0006
Created: 2026-12-04 19:43:00.000000+00:00

The canonical JSON no longer holds the build time, so that two builds of unchanged data hash
the same. Rows submitted before keep their JSON and hash exactly as they were (the table is
append-only): ``canonical_format`` 1 marks them, and their build time stays inside their JSON.
"""

import sqlalchemy as sa
from alembic import op

import casework.db

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch table copy: a copy would rewrite every submitted row and drop
    # the append-only triggers. Adding a column with a default fires no row trigger.
    op.add_column(
        'return_snapshots',
        sa.Column('canonical_format', sa.Integer(), server_default=sa.text('1'), nullable=False),
    )
    op.add_column(
        'return_snapshots',
        sa.Column('generated_at', casework.db.UtcDateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    # Rows of the new form lose their build time here (it is not in their JSON); their hash and
    # figures are untouched.
    op.drop_column('return_snapshots', 'generated_at')
    op.drop_column('return_snapshots', 'canonical_format')
