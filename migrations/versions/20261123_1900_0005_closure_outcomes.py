"""Keep each closure's outcome evaluation and measure pairs, so returns count sections E and F in SQL

Revision ID: 0005
Revises: 0004
Created: 2026-11-23 19:00:00.000000+00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing closures start with no evaluation (outcomes_version NULL): returns evaluate those
    # from the case records, as before, until `casework outcomes refresh` stores them.
    with op.batch_alter_table('closures') as batch:
        batch.add_column(sa.Column('outcomes_version', sa.String(length=16), nullable=True))
    op.create_table('closure_outcomes',
    sa.Column('closure_id', sa.Integer(), nullable=False),
    sa.Column('outcome_code', sa.String(length=16), nullable=False),
    sa.Column('improved', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['closure_id'], ['closures.id'], name=op.f('fk_closure_outcomes_closure_id_closures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('closure_id', 'outcome_code', name=op.f('pk_closure_outcomes'))
    )
    op.create_table('closure_measures',
    sa.Column('closure_id', sa.Integer(), nullable=False),
    sa.Column('instrument', sa.String(length=16), nullable=False),
    sa.Column('pre_score', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('post_score', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.ForeignKeyConstraint(['closure_id'], ['closures.id'], name=op.f('fk_closure_measures_closure_id_closures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('closure_id', 'instrument', name=op.f('pk_closure_measures'))
    )


def downgrade() -> None:
    op.drop_table('closure_measures')
    op.drop_table('closure_outcomes')
    with op.batch_alter_table('closures') as batch:
        batch.drop_column('outcomes_version')
