"""web: officers' accounts, web sessions, sign-in failures, the hub audit log, content packs

Spelt out here, frozen, like any migration (hub.accounts and hub.packs hold the models).

Revision ID: h0002
Revises: h0001
Create Date: 2026-12-05 18:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'h0002'
down_revision = 'h0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'account',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('username', sa.String(64), nullable=False, unique=True),
        sa.Column('display_name', sa.String(120), nullable=False),
        sa.Column('role', sa.String(16), nullable=False),
        sa.Column('commune_code', sa.String(8), nullable=False),
        sa.Column('password_hash', sa.String(256), nullable=False),
        sa.Column('active', sa.Boolean, nullable=False),
        sa.Column('is_demo', sa.Boolean, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('last_sign_in_at', sa.DateTime, nullable=True),
    )
    op.create_table(
        'web_session',
        sa.Column('token_hash', sa.String(64), primary_key=True),
        sa.Column('account_id', sa.Integer, sa.ForeignKey('account.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('csrf_token', sa.String(64), nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=False),
        sa.Column('last_seen_at', sa.DateTime, nullable=False),
        sa.Column('expires_at', sa.DateTime, nullable=False),
    )
    op.create_index('ix_web_session_account_id', 'web_session', ['account_id'])
    op.create_table(
        'sign_in_failure',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('key', sa.String(64), nullable=False),
        sa.Column('at', sa.DateTime, nullable=False),
    )
    op.create_index('ix_sign_in_failure_key', 'sign_in_failure', ['key'])
    op.create_index('ix_sign_in_failure_at', 'sign_in_failure', ['at'])
    op.create_table(
        'hub_audit',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('at', sa.DateTime, nullable=False),
        sa.Column('actor', sa.String(64), nullable=False),
        sa.Column('action', sa.String(48), nullable=False),
        sa.Column('ok', sa.Boolean, nullable=False),
        sa.Column('detail', sa.Text, nullable=False),
    )
    op.create_index('ix_hub_audit_at', 'hub_audit', ['at'])
    op.create_index('ix_hub_audit_action', 'hub_audit', ['action'])
    op.create_table(
        'content_pack',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('version', sa.String(64), nullable=False, unique=True),
        sa.Column('sha256', sa.String(64), nullable=False),
        sa.Column('signature_b64', sa.String(128), nullable=False),
        sa.Column('size', sa.Integer, nullable=False),
        sa.Column('tutorials', sa.Integer, nullable=False),
        sa.Column('summary', sa.Text, nullable=False),
        sa.Column('communes', sa.Text, nullable=False),
        sa.Column('published_at', sa.DateTime, nullable=False),
        sa.Column('published_by', sa.String(64), nullable=False),
        sa.Column('withdrawn', sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for table in ('content_pack', 'hub_audit', 'sign_in_failure', 'web_session', 'account'):
        op.drop_table(table)
