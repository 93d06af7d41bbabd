"""home_visit: the mobile team's list of home-visit requests (issue #23 item 5)

One row per request: where (commune, village), who (a name or a household description, the
phone only with consent), what is needed, the best time, and its state (open, assigned, done,
cancelled). Identity columns, uuid, updated_at and deleted_at like assistance, so USB bundles
carry it and the one merge (kiosk.sync.merge) takes the newer copy.

Revision ID: 0008_home_visits
Revises: 0009_resume_codes
Create Date: 2026-12-05 21:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_home_visits'
down_revision = '0009_resume_codes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'home_visit',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('device_id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('created_by', sa.String(length=36), nullable=False),
        sa.Column('commune', sa.String(length=80), nullable=False),
        sa.Column('village', sa.String(length=80), nullable=False),
        sa.Column('household', sa.String(length=120), nullable=True),
        sa.Column('phone', sa.String(length=20), nullable=True),
        sa.Column('phone_consent_at', sa.DateTime(), nullable=True),
        sa.Column('phone_consent_purpose', sa.String(length=200), nullable=True),
        sa.Column('service_code', sa.String(length=32), nullable=False),
        sa.Column('needs', sa.String(length=200), nullable=False),
        sa.Column('best_time', sa.String(length=80), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('assigned_to', sa.String(length=36), nullable=True),
        sa.Column('assigned_at', sa.DateTime(), nullable=True),
        sa.Column('done_at', sa.DateTime(), nullable=True),
        sa.Column('assistance_uuid', sa.String(length=36), nullable=True),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        sa.Column('help_point_id', sa.String(length=36), server_default='', nullable=False),
        sa.Column('team_id', sa.String(length=36), server_default='', nullable=False),
        sa.Column('commune_code', sa.String(length=8), server_default='', nullable=False),
        sa.PrimaryKeyConstraint('uuid'),
    )
    with op.batch_alter_table('home_visit', schema=None) as batch_op:
        batch_op.create_index('ix_home_visit_status_village', ['status', 'village'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_home_visit_updated_at'), ['updated_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_home_visit_phone'), ['phone'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('home_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_home_visit_phone'))
        batch_op.drop_index(batch_op.f('ix_home_visit_updated_at'))
        batch_op.drop_index('ix_home_visit_status_village')
    op.drop_table('home_visit')
