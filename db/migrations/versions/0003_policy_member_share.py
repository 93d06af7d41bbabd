"""policy rules: the share of the cap that pays members, with its note and verified flag

NQ 26/2025 pays 300.000 đ per team per month, 50.000 đ per person per day for water and fuel
and "the rest" for telecom and stationery. The share that may pay members becomes data
(outputs review item 14). An existing NQ 26/2025 row gets the reading that
resources/lists/policy.toml seeds new databases with: the whole 300.000 đ, unverified.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 15:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

NQ26_NOTE = (
    "Theo tin báo chí (dantri.com.vn, 30/01/2026): 50.000 đồng/người/ngày cho nước uống, "
    "xăng xe; phần còn lại của 300.000 đồng cho cước viễn thông, văn phòng phẩm. Nguồn không "
    "nêu tỉ lệ cố định, nên cả 300.000 đồng có thể trả theo ngày hoạt động. Chưa xác minh "
    "với toàn văn Nghị quyết 26/2025.")


def upgrade() -> None:
    with op.batch_alter_table('policy_rule', schema=None) as batch_op:
        batch_op.add_column(sa.Column('member_share_vnd', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('member_share_note', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('member_share_verified', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    rule = sa.table('policy_rule', sa.column('name', sa.String), sa.column('cap_vnd', sa.Integer),
                    sa.column('member_share_vnd', sa.Integer),
                    sa.column('member_share_note', sa.Text))
    op.execute(rule.update().where(rule.c.name.like('%26/2025%'))
               .values(member_share_vnd=rule.c.cap_vnd, member_share_note=NQ26_NOTE))


def downgrade() -> None:
    with op.batch_alter_table('policy_rule', schema=None) as batch_op:
        batch_op.drop_column('member_share_verified')
        batch_op.drop_column('member_share_note')
        batch_op.drop_column('member_share_vnd')
