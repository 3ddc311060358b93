"""Keep managers' drafts of return sections H and I

Revision ID: 0004
Revises: 0003
Created: 2026-11-23 16:00:00.000000+00:00
"""

import sqlalchemy as sa
from alembic import op

import casework.db

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('return_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme', sa.String(length=16), nullable=False),
    sa.Column('period_label', sa.String(length=32), nullable=False),
    sa.Column('area_context', sa.JSON(), nullable=False),
    sa.Column('narrative', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_return_drafts_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_drafts')),
    sa.UniqueConstraint('programme', 'period_label', name=op.f('uq_return_drafts_programme_period_label')),
    sa.UniqueConstraint('public_id', name=op.f('uq_return_drafts_public_id'))
    )


def downgrade() -> None:
    op.drop_table('return_drafts')
