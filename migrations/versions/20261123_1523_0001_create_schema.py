"""Create the casework schema

Every table of the first release, with the audit log and return snapshots made append-only
by triggers, so that neither the application nor anyone with SQL access can rewrite them.

Revision ID: 0001
Revises: 
Created: 2026-11-23 15:23:41.070528+00:00
"""

import sqlalchemy as sa
from alembic import op

import casework.db

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('known_as', sa.String(length=100), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('sex', sa.String(length=32), nullable=True),
    sa.Column('ethnicity', sa.String(length=48), nullable=True),
    sa.Column('police_ethnicity_code', sa.String(length=4), nullable=True),
    sa.Column('local_authority', sa.String(length=32), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_people_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_people_public_id'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_date_of_birth'), ['date_of_birth'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_family_name'), ['family_name'], unique=False)

    op.create_table('sign_in_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_hash', sa.String(length=64), nullable=False),
    sa.Column('occurred_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failures'))
    )
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_failures_email_hash'), ['email_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_failures_occurred_at'), ['occurred_at'], unique=False)

    op.create_table('teams',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('programme', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams')),
    sa.UniqueConstraint('name', name=op.f('uq_teams_name')),
    sa.UniqueConstraint('public_id', name=op.f('uq_teams_public_id'))
    )
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teams_programme'), ['programme'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_sign_in_at', casework.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("role IN ('youth_worker','navigator','manager','commissioner','enforcement_officer','administrator')", name=op.f('ck_users_role_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email')),
    sa.UniqueConstraint('public_id', name=op.f('uq_users_public_id'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('occurred_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('record_type', sa.String(length=32), nullable=True),
    sa.Column('record_id', sa.String(length=36), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.CheckConstraint("outcome IN ('success','denied','failed')", name=op.f('ck_audit_events_outcome_known')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_user_id'), ['user_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_memberships_team_id_teams')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('user_id', 'team_id', name=op.f('uq_memberships_user_id_team_id'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memberships_user_id'), ['user_id'], unique=False)

    op.create_table('programme_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme', sa.String(length=16), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('outcome_codes', sa.JSON(), nullable=False),
    sa.Column('attendees', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_programme_activities_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_programme_activities_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_activities')),
    sa.UniqueConstraint('public_id', name=op.f('uq_programme_activities_public_id'))
    )
    with op.batch_alter_table('programme_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_activities_programme'), ['programme'], unique=False)

    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('programme', sa.String(length=16), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('definition_version', sa.String(length=16), nullable=False),
    sa.Column('received_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=48), nullable=False),
    sa.Column('setting', sa.String(length=48), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decline_reason', sa.String(length=48), nullable=True),
    sa.Column('decided_at', casework.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('eligibility', sa.JSON(), nullable=False),
    sa.Column('first_contact_at', casework.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('first_contact_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status <> 'declined' OR decline_reason IS NOT NULL", name=op.f('ck_referrals_declined_has_reason')),
    sa.CheckConstraint("status IN ('pending','accepted','declined')", name=op.f('ck_referrals_status_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_referrals_created_by_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_referrals_decided_by_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_referrals_person_id_people')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_referrals_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_referrals_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_referrals_public_id'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_programme_received_on'), ['programme', 'received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_team_id'), ['team_id'], unique=False)

    op.create_table('return_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme', sa.String(length=16), nullable=False),
    sa.Column('period_label', sa.String(length=32), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('definition_version', sa.String(length=16), nullable=False),
    sa.Column('programme_versions', sa.JSON(), nullable=False),
    sa.Column('canonical_json', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('lineage', sa.JSON(), nullable=False),
    sa.Column('area_context', sa.JSON(), nullable=False),
    sa.Column('narrative', sa.JSON(), nullable=False),
    sa.Column('amendment_reason', sa.Text(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("mode IN ('internal','shared')", name=op.f('ck_return_snapshots_mode_known')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_return_snapshots_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_snapshots')),
    sa.UniqueConstraint('programme', 'period_label', 'mode', 'number', name=op.f('uq_return_snapshots_programme_period_label_mode_number')),
    sa.UniqueConstraint('public_id', name=op.f('uq_return_snapshots_public_id'))
    )
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('programme', sa.String(length=16), nullable=False),
    sa.Column('definition_version', sa.String(length=16), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('lead_worker_id', sa.Integer(), nullable=True),
    sa.Column('navigator_id', sa.Integer(), nullable=True),
    sa.Column('support_started_on', sa.Date(), nullable=True),
    sa.Column('engagement_status', sa.String(length=32), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('awaiting_consent','open','closed')", name=op.f('ck_cases_status_known')),
    sa.ForeignKeyConstraint(['lead_worker_id'], ['users.id'], name=op.f('fk_cases_lead_worker_id_users')),
    sa.ForeignKeyConstraint(['navigator_id'], ['users.id'], name=op.f('fk_cases_navigator_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_cases_person_id_people')),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], name=op.f('fk_cases_referral_id_referrals')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_cases_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_cases_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_cases_public_id')),
    sa.UniqueConstraint('referral_id', name=op.f('uq_cases_referral_id'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_lead_worker_id'), ['lead_worker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_navigator_id'), ['navigator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_programme_closed_on'), ['programme', 'closed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_programme_started_on'), ['programme', 'started_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_team_id'), ['team_id'], unique=False)

    op.create_table('allocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('started_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', casework.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('allocated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('lead_worker','navigator')", name=op.f('ck_allocations_role_known')),
    sa.ForeignKeyConstraint(['allocated_by_id'], ['users.id'], name=op.f('fk_allocations_allocated_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_allocations_case_id_cases')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_allocations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocations'))
    )
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocations_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_allocations_user_id'), ['user_id'], unique=False)

    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('instrument', sa.String(length=16), nullable=False),
    sa.Column('timepoint', sa.String(length=12), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('informant', sa.String(length=12), nullable=True),
    sa.Column('score', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('subscores', sa.JSON(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("timepoint IN ('pre','post','follow_up')", name=op.f('ck_assessments_timepoint_known')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assessments_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_assessments_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_assessments_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_assessments_public_id'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_case_id_instrument_timepoint'), ['case_id', 'instrument', 'timepoint'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_completed_on'), ['completed_on'], unique=False)

    op.create_table('closures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=False),
    sa.Column('check_passed', sa.Boolean(), nullable=True),
    sa.Column('check_trace', sa.JSON(), nullable=False),
    sa.Column('definition_version', sa.String(length=16), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('reopened_at', casework.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('reopened_by_id', sa.Integer(), nullable=True),
    sa.Column('reopen_reason', sa.Text(), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_closures_case_id_cases')),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_closures_closed_by_id_users')),
    sa.ForeignKeyConstraint(['reopened_by_id'], ['users.id'], name=op.f('fk_closures_reopened_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closures')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_closures_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_closures_public_id'))
    )
    with op.batch_alter_table('closures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_closures_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_closures_closed_on'), ['closed_on'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('given_by', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("given_by IN ('young_person','parent_carer')", name=op.f('ck_consents_given_by_known')),
    sa.CheckConstraint('withdrawn_on IS NULL OR withdrawn_on >= given_on', name=op.f('ck_consents_withdrawn_after_given')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_consents_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_consents_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents')),
    sa.UniqueConstraint('public_id', name=op.f('uq_consents_public_id'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_case_id'), ['case_id'], unique=False)

    op.create_table('engagement_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('contacted_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('contacted_on', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=24), nullable=False),
    sa.Column('result', sa.String(length=24), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_engagement_contacts_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_engagement_contacts_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engagement_contacts')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_engagement_contacts_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_engagement_contacts_public_id'))
    )
    with op.batch_alter_table('engagement_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_contacts_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_contacts_contacted_on'), ['contacted_on'], unique=False)

    op.create_table('engagement_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_engagement_status_changes_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_engagement_status_changes_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engagement_status_changes'))
    )
    with op.batch_alter_table('engagement_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_status_changes_case_id'), ['case_id'], unique=False)

    op.create_table('escalations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=24), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('outcome_on', sa.Date(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_escalations_case_id_cases')),
    sa.ForeignKeyConstraint(['raised_by_id'], ['users.id'], name=op.f('fk_escalations_raised_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalations')),
    sa.UniqueConstraint('public_id', name=op.f('uq_escalations_public_id'))
    )
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalations_case_id'), ['case_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=32), nullable=False),
    sa.Column('notified_on', sa.Date(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_notifications_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_notifications_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('public_id', name=op.f('uq_notifications_public_id'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_case_id'), ['case_id'], unique=False)

    op.create_table('onward_referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('service_type', sa.String(length=32), nullable=False),
    sa.Column('agency', sa.String(length=120), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_onward_referrals_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_onward_referrals_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_onward_referrals')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_onward_referrals_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_onward_referrals_public_id'))
    )
    with op.batch_alter_table('onward_referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_onward_referrals_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_onward_referrals_referred_on'), ['referred_on'], unique=False)

    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_plans_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_plans_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('public_id', name=op.f('uq_plans_public_id'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_case_id'), ['case_id'], unique=False)

    op.create_table('school_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('academic_year', sa.String(length=7), nullable=False),
    sa.Column('term', sa.String(length=8), nullable=False),
    sa.Column('attendance_percent', sa.Numeric(precision=5, scale=1), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('attendance_percent >= 0 AND attendance_percent <= 100', name=op.f('ck_school_attendance_percent_range')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_school_attendance_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_school_attendance_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_attendance')),
    sa.UniqueConstraint('case_id', 'academic_year', 'term', name=op.f('uq_school_attendance_case_id_academic_year_term'))
    )
    with op.batch_alter_table('school_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_attendance_case_id'), ['case_id'], unique=False)

    op.create_table('school_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('suspension','permanent_exclusion','managed_move')", name=op.f('ck_school_events_kind_known')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_school_events_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_school_events_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_events')),
    sa.UniqueConstraint('public_id', name=op.f('uq_school_events_public_id'))
    )
    with op.batch_alter_table('school_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_events_case_id'), ['case_id'], unique=False)

    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('location', sa.String(length=20), nullable=False),
    sa.Column('attendance', sa.String(length=16), nullable=False),
    sa.Column('behaviour_concern', sa.Boolean(), nullable=False),
    sa.Column('behaviour_note', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("attendance IN ('attended','did_not_attend','cancelled')", name=op.f('ck_sessions_attendance_known')),
    sa.CheckConstraint('duration_minutes >= 0 AND duration_minutes <= 1440', name=op.f('ck_sessions_duration_range')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_sessions_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_sessions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions')),
    sa.UniqueConstraint('provider_reference', name=op.f('uq_sessions_provider_reference')),
    sa.UniqueConstraint('public_id', name=op.f('uq_sessions_public_id'))
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessions_case_id_held_on'), ['case_id', 'held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_sessions_held_on'), ['held_on'], unique=False)

    op.create_table('assessment_items',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('item_code', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_assessment_items_assessment_id_assessments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'item_code', name=op.f('pk_assessment_items'))
    )
    op.create_table('enforcement_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_enforcement_events_case_id_cases')),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], name=op.f('fk_enforcement_events_escalation_id_escalations')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_enforcement_events_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enforcement_events')),
    sa.UniqueConstraint('public_id', name=op.f('uq_enforcement_events_public_id'))
    )
    with op.batch_alter_table('enforcement_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enforcement_events_case_id'), ['case_id'], unique=False)

    op.create_table('goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('outcome_code', sa.String(length=16), nullable=True),
    sa.Column('public_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', casework.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_goals_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals')),
    sa.UniqueConstraint('public_id', name=op.f('uq_goals_public_id'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goals_plan_id'), ['plan_id'], unique=False)

    op.create_table('session_components',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('component_code', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_components_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'component_code', name=op.f('pk_session_components'))
    )

    create_append_only_triggers()


def downgrade() -> None:
    drop_append_only_triggers()
    op.drop_table('session_components')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_plan_id'))

    op.drop_table('goals')
    with op.batch_alter_table('enforcement_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enforcement_events_case_id'))

    op.drop_table('enforcement_events')
    op.drop_table('assessment_items')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessions_held_on'))
        batch_op.drop_index(batch_op.f('ix_sessions_case_id_held_on'))

    op.drop_table('sessions')
    with op.batch_alter_table('school_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_events_case_id'))

    op.drop_table('school_events')
    with op.batch_alter_table('school_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_attendance_case_id'))

    op.drop_table('school_attendance')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_case_id'))

    op.drop_table('plans')
    with op.batch_alter_table('onward_referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_onward_referrals_referred_on'))
        batch_op.drop_index(batch_op.f('ix_onward_referrals_case_id'))

    op.drop_table('onward_referrals')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_case_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalations_case_id'))

    op.drop_table('escalations')
    with op.batch_alter_table('engagement_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_status_changes_case_id'))

    op.drop_table('engagement_status_changes')
    with op.batch_alter_table('engagement_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_contacts_contacted_on'))
        batch_op.drop_index(batch_op.f('ix_engagement_contacts_case_id'))

    op.drop_table('engagement_contacts')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_case_id'))

    op.drop_table('consents')
    with op.batch_alter_table('closures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_closures_closed_on'))
        batch_op.drop_index(batch_op.f('ix_closures_case_id'))

    op.drop_table('closures')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_completed_on'))
        batch_op.drop_index(batch_op.f('ix_assessments_case_id_instrument_timepoint'))
        batch_op.drop_index(batch_op.f('ix_assessments_case_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocations_user_id'))
        batch_op.drop_index(batch_op.f('ix_allocations_case_id'))

    op.drop_table('allocations')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_team_id'))
        batch_op.drop_index(batch_op.f('ix_cases_programme_started_on'))
        batch_op.drop_index(batch_op.f('ix_cases_programme_closed_on'))
        batch_op.drop_index(batch_op.f('ix_cases_person_id'))
        batch_op.drop_index(batch_op.f('ix_cases_navigator_id'))
        batch_op.drop_index(batch_op.f('ix_cases_lead_worker_id'))

    op.drop_table('cases')
    op.drop_table('return_snapshots')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_team_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_programme_received_on'))
        batch_op.drop_index(batch_op.f('ix_referrals_person_id'))

    op.drop_table('referrals')
    with op.batch_alter_table('programme_activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_activities_programme'))

    op.drop_table('programme_activities')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_user_id'))
        batch_op.drop_index(batch_op.f('ix_memberships_team_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_user_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_record_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_occurred_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
    op.drop_table('users')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teams_programme'))

    op.drop_table('teams')
    with op.batch_alter_table('sign_in_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_failures_occurred_at'))
        batch_op.drop_index(batch_op.f('ix_sign_in_failures_email_hash'))

    op.drop_table('sign_in_failures')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_family_name'))
        batch_op.drop_index(batch_op.f('ix_people_date_of_birth'))

    op.drop_table('people')


#: Tables whose rows may be inserted but never updated or deleted.
APPEND_ONLY = ("audit_events", "return_snapshots")


def create_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION casework_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME; END $$"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION casework_refuse_change()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION casework_refuse_change()"
            )
    else:
        for table in APPEND_ONLY:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} rows cannot be changed or deleted'); END"
                )


def drop_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION casework_refuse_change()")
    else:
        for table in APPEND_ONLY:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER {table}_no_{action}")
