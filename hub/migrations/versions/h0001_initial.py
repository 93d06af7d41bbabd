"""hub: the kiosk tables the hub stores, and the hub's own tables

The kiosk tables (service, policy_rule, place, volunteer, assistance, activity_day) are made
from db.models as the kiosk defines them when this runs: the hub stores the kiosk's rows as
they are, so the kiosk's figures and exports run on them unchanged. A later change to those
models needs a hub revision that adds the column only where it is missing (a hub created
after the change already has it).

The hub's own tables are spelt out here, frozen, like any migration.

Revision ID: h0001
Revises:
Create Date: 2026-12-05 18:40:00
"""
import sqlalchemy as sa
from alembic import op

from hub.db import kiosk_tables

revision = 'h0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in kiosk_tables():
        table.create(bind, checkfirst=True)

    op.create_table(
        'hub_meta',
        sa.Column('key', sa.String(64), primary_key=True),
        sa.Column('value', sa.String(256), nullable=False),
    )
    op.create_table(
        'device',
        sa.Column('device_id', sa.String(36), primary_key=True),
        sa.Column('verify_key', sa.String(64), nullable=False),
        sa.Column('box_public', sa.String(64), nullable=False),
        sa.Column('help_point_name', sa.String(120), nullable=False),
        sa.Column('commune_code', sa.String(8), nullable=False),
        sa.Column('help_point_id', sa.String(36), nullable=False),
        sa.Column('team_id', sa.String(36), nullable=False),
        sa.Column('app_version', sa.String(32), nullable=False),
        sa.Column('paired_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('last_seen_at', sa.DateTime(), nullable=True),
        sa.Column('last_seq', sa.BigInteger(), nullable=False),
        sa.Column('last_status', sa.JSON(), nullable=False),
    )
    op.create_index('ix_device_commune_code', 'device', ['commune_code'])
    op.create_table(
        'pairing_code',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('code_hash', sa.String(128), nullable=False, unique=True),
        sa.Column('commune_code', sa.String(8), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.Column('used_by', sa.String(36), nullable=True),
    )
    op.create_table(
        'ingest_log',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('device_id', sa.String(36), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=True),
        sa.Column('size_bytes', sa.BigInteger(), nullable=False),
        sa.Column('result', sa.String(32), nullable=False),
        sa.Column('added', sa.Integer(), nullable=False),
        sa.Column('updated', sa.Integer(), nullable=False),
        sa.Column('skipped', sa.Integer(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
    )
    op.create_index('ix_ingest_log_received_at', 'ingest_log', ['received_at'])
    op.create_index('ix_ingest_log_device_seq', 'ingest_log', ['device_id', 'seq'])
    op.create_table(
        'daily_count',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('help_point_id', sa.String(36), nullable=False),
        sa.Column('device_id', sa.String(36), nullable=False),
        sa.Column('team_id', sa.String(36), nullable=False),
        sa.Column('commune_code', sa.String(8), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('reported_at', sa.DateTime(), nullable=False),
        sa.Column('tickets_issued', sa.Integer(), nullable=False),
        sa.Column('tickets_served', sa.Integer(), nullable=False),
        sa.Column('no_shows', sa.Integer(), nullable=False),
        sa.Column('tutorials_opened', sa.Integer(), nullable=False),
        sa.Column('tutorials_finished', sa.Integer(), nullable=False),
        sa.Column('sheets_printed', sa.Integer(), nullable=False),
        sa.UniqueConstraint('help_point_id', 'day', name='uq_daily_count'),
    )
    op.create_index('ix_daily_count_commune_code', 'daily_count', ['commune_code'])
    op.create_index('ix_daily_count_day', 'daily_count', ['day'])


def downgrade() -> None:
    for name in ('daily_count', 'ingest_log', 'pairing_code', 'device', 'hub_meta'):
        op.drop_table(name)
    for table in reversed(kiosk_tables()):
        table.drop(op.get_bind(), checkfirst=True)
