"""Keep each closed case's outcome state: improved, maintained or not improved

Revision ID: 0008
Revises: 0007
Created: 2026-12-04 20:02:00.000000+00:00

Section F now shows young people who started at the best value and kept it ("maintained") apart
from those who improved and those who did not, so the kept evaluation holds the state instead
of a yes/no "improved". Rows kept before say only whether the outcome was met, so they become
``improved`` where they were improved and ``not_improved`` otherwise; evaluating a case again
(when its records change, or ``casework outcomes refresh`` after its evaluation is set aside)
gives the exact state.
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('closure_outcomes') as batch:
        batch.add_column(sa.Column('state', sa.String(length=16), nullable=True))
    op.execute(
        "UPDATE closure_outcomes SET state = CASE WHEN improved THEN 'improved' ELSE 'not_improved' END"
    )
    with op.batch_alter_table('closure_outcomes') as batch:
        batch.alter_column('state', existing_type=sa.String(length=16), nullable=False)
        batch.drop_column('improved')
        batch.create_check_constraint(
            op.f('ck_closure_outcomes_state_known'), "state IN ('improved','maintained','not_improved')"
        )


def downgrade() -> None:
    # Whether a maintained outcome was met depends on the outcome's definition, which a migration
    # does not read: those closures' evaluations are set aside instead, and the code of the
    # previous revision evaluates them again from the case records.
    maintained = "SELECT closure_id FROM closure_outcomes WHERE state = 'maintained'"
    op.execute(f"UPDATE closures SET outcomes_version = NULL WHERE id IN ({maintained})")
    op.execute(f"DELETE FROM closure_measures WHERE closure_id IN ({maintained})")
    op.execute(f"DELETE FROM closure_outcomes WHERE closure_id IN ({maintained})")
    with op.batch_alter_table('closure_outcomes') as batch:
        batch.add_column(sa.Column('improved', sa.Boolean(), nullable=True))
    op.execute("UPDATE closure_outcomes SET improved = (state = 'improved')")
    with op.batch_alter_table('closure_outcomes') as batch:
        batch.drop_constraint(op.f('ck_closure_outcomes_state_known'), type_='check')
        batch.drop_column('state')
        batch.alter_column('improved', existing_type=sa.Boolean(), nullable=False)
