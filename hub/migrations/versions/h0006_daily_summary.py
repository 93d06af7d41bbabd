"""hub-dash: daily and monthly summary rows the dashboards read (issue #21 item 10)

Daily counts from kiosks gain cancelled/not-finished/priority tickets and a ``detail`` JSON
(waits histogram, tutorials' runs and stops, scam checks per kind: issue #21 item 2). Tables
``daily_summary`` (help point × local day × dimension × key → count) and
``monthly_summary`` (the same per calendar month), filled here from the records already on
the hub (``hub.summary.rebuild``) and kept up to date by every ingest. An index on
``assistance (help_point_id, started_at)`` makes a batch's refresh read only its help point's
days. The BI views of h0004 now read the summary rows (same columns; not the communes' rows,
whose help point is "*"), so a BI tool's queries no longer scan every record.

Revision ID: h0006_daily_summary
Revises: h0008_pair_team
Create Date: 2026-12-05 21:30:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = 'h0006_daily_summary'
down_revision = 'h0008_pair_team'
branch_labels = None
depends_on = None

VIEWS = ('hub_daily_service', 'hub_daily_team', 'hub_daily_commune', 'hub_daily_help_point')


def upgrade() -> None:
    from hub.summary import DailySummary, MonthlySummary, rebuild

    bind = op.get_bind()
    for name in ('cancelled', 'not_finished', 'priority_tickets', 'priority_served'):
        op.add_column('daily_count', sa.Column(name, sa.Integer(), nullable=False,
                                               server_default='0'))
    op.add_column('daily_count', sa.Column('detail', sa.JSON(), nullable=False,
                                           server_default='{}'))
    DailySummary.__table__.create(bind, checkfirst=True)
    MonthlySummary.__table__.create(bind, checkfirst=True)
    op.create_index('ix_assistance_help_point_started', 'assistance',
                    ['help_point_id', 'started_at'])
    with Session(bind=bind) as session:
        rebuild(session)
        session.flush()
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
    op.execute("""
CREATE VIEW hub_daily_help_point AS
SELECT day, commune_code, help_point_id, team_id,
       sum(CASE WHEN dim = 'people' THEN n ELSE 0 END) AS people,
       sum(CASE WHEN dim = 'first_visit' THEN n ELSE 0 END) AS first_visits,
       sum(CASE WHEN dim = 'channel' AND key = 'help_point' THEN n ELSE 0 END) AS at_help_point,
       sum(CASE WHEN dim = 'channel' AND key = 'home_visit' THEN n ELSE 0 END) AS home_visits,
       sum(CASE WHEN dim = 'channel' AND key = 'phone' THEN n ELSE 0 END) AS by_phone,
       sum(CASE WHEN dim = 'satisfaction' THEN n ELSE 0 END) AS rated,
       sum(CASE WHEN dim = 'satisfaction' THEN n * CAST(key AS INTEGER) END) AS satisfaction_sum,
       sum(CASE WHEN dim = 'demo' THEN n ELSE 0 END) AS demo_records
FROM daily_summary
WHERE dim IN ('people', 'first_visit', 'channel', 'satisfaction', 'demo')
  AND help_point_id <> '*'
GROUP BY day, commune_code, help_point_id, team_id
HAVING sum(CASE WHEN dim = 'people' THEN n ELSE 0 END) > 0""")
    op.execute("""
CREATE VIEW hub_daily_commune AS
SELECT day, commune_code, sum(people) AS people, sum(first_visits) AS first_visits,
       count(DISTINCT help_point_id) AS help_points
FROM hub_daily_help_point
GROUP BY day, commune_code""")
    op.execute("""
CREATE VIEW hub_daily_team AS
SELECT day, team_id, commune_code, sum(people) AS people
FROM hub_daily_help_point
GROUP BY day, team_id, commune_code""")
    op.execute("""
CREATE VIEW hub_daily_service AS
SELECT day, commune_code, help_point_id, key AS service, sum(n) AS people
FROM daily_summary
WHERE dim = 'service' AND help_point_id <> '*'
GROUP BY day, commune_code, help_point_id, key""")


def downgrade() -> None:
    from hub.migrations.versions import h0004_web_views

    for view in (*VIEWS, 'hub_daily_queue'):
        op.execute(f"DROP VIEW IF EXISTS {view}")
    h0004_web_views.upgrade()
    op.drop_index('ix_assistance_help_point_started', 'assistance')
    op.drop_table('monthly_summary')
    op.drop_table('daily_summary')
    with op.batch_alter_table('daily_count') as batch:
        for name in ('detail', 'priority_served', 'priority_tickets', 'not_finished',
                     'cancelled'):
            batch.drop_column(name)
