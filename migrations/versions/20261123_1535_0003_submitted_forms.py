"""Remember submitted forms

Revision ID: 0003
Revises: 0002
Created: 2026-11-23 15:35:21.389673+00:00
"""

import sqlalchemy as sa
from alembic import op

import casework.db

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('submitted_forms',
    sa.Column('token', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('record_type', sa.String(length=32), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('submitted_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_submitted_forms_user_id_users')),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_submitted_forms'))
    )


def downgrade() -> None:
    op.drop_table('submitted_forms')
