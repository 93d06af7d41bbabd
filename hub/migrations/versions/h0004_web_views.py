"""web: daily summary views for the dashboard and for BI tools (no personal data)

One row per local day (Asia/Ho_Chi_Minh, UTC+7 all year since 1975) and help point, team,
commune or service. Only counts: no names, no phones, no notes. A BI tool's read-only role
is given SELECT on these views and nothing else (hub/sql/bi_readonly.sql, docs/hub.md).

Revision ID: h0004
Revises: h0003
Create Date: 2026-12-05 19:00:00
"""
from alembic import op

revision = 'h0004'
down_revision = 'h0003'
branch_labels = None
depends_on = None

VIEWS = ('hub_daily_service', 'hub_daily_team', 'hub_daily_commune', 'hub_daily_help_point',
         'hub_daily_queue')


def upgrade() -> None:
    pg = op.get_bind().dialect.name == 'postgresql'
    day = ("(a.started_at + interval '7 hours')::date" if pg
           else "date(a.started_at, '+7 hours')")
    op.execute(f"""
CREATE VIEW hub_daily_help_point AS
SELECT {day} AS day, a.commune_code, a.help_point_id, a.team_id,
       count(*) AS people,
       sum(CASE WHEN a.first_visit THEN 1 ELSE 0 END) AS first_visits,
       sum(CASE WHEN a.channel = 'help_point' THEN 1 ELSE 0 END) AS at_help_point,
       sum(CASE WHEN a.channel = 'home_visit' THEN 1 ELSE 0 END) AS home_visits,
       sum(CASE WHEN a.channel = 'phone' THEN 1 ELSE 0 END) AS by_phone,
       count(a.satisfaction) AS rated,
       sum(a.satisfaction) AS satisfaction_sum,
       sum(CASE WHEN a.is_demo THEN 1 ELSE 0 END) AS demo_records
FROM assistance a
WHERE a.deleted_at IS NULL
GROUP BY {day}, a.commune_code, a.help_point_id, a.team_id""")
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
    # A record listing a service twice counts once for it, as in the kiosk's figures.
    each = ("CROSS JOIN LATERAL json_array_elements_text(a.services) AS s(service)" if pg
            else "JOIN json_each(a.services) AS s")
    service = "s.service" if pg else "s.value"
    op.execute(f"""
CREATE VIEW hub_daily_service AS
SELECT {day} AS day, a.commune_code, a.help_point_id, {service} AS service,
       count(DISTINCT a.uuid) AS people
FROM assistance a {each}
WHERE a.deleted_at IS NULL
GROUP BY {day}, a.commune_code, a.help_point_id, {service}""")
    op.execute("""
CREATE VIEW hub_daily_queue AS
SELECT day, commune_code, help_point_id, team_id, tickets_issued, tickets_served, no_shows,
       tutorials_opened, tutorials_finished, sheets_printed
FROM daily_count""")


def downgrade() -> None:
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
