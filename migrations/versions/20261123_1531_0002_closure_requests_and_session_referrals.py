"""Record closure requests and onward referrals made in sessions

Revision ID: 0002
Revises: 0001
Created: 2026-11-23 15:31:56.018777+00:00
"""

import sqlalchemy as sa
from alembic import op

import casework.db

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closure_requested_at', casework.db.UtcDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closure_requested_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_cases_closure_requested_by_id_users'), 'users', ['closure_requested_by_id'], ['id'])

    with op.batch_alter_table('onward_referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_onward_referrals_session_id'), ['session_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_onward_referrals_session_id_sessions'), 'sessions', ['session_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('onward_referrals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_onward_referrals_session_id_sessions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_onward_referrals_session_id'))
        batch_op.drop_column('session_id')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_closure_requested_by_id_users'), type_='foreignkey')
        batch_op.drop_column('closure_requested_by_id')
        batch_op.drop_column('closure_requested_at')

