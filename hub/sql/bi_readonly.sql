-- A read-only role for BI tools (Metabase, Apache Superset) on the hub's PostgreSQL database.
--
-- It sees the daily summary views (counts per day and help point, team, commune, service,
-- and the kiosks' daily queue counts) and nothing else: no table, so no names, phone
-- numbers, notes or ethnic groups, and it cannot write. Run it once as the database owner:
--
--     psql -v ON_ERROR_STOP=1 -d hub -f hub/sql/bi_readonly.sql
--
-- then give each tool its own login in that role (docs/hub.md):
--
--     CREATE ROLE metabase LOGIN PASSWORD '…' IN ROLE hub_bi_reader;
--
-- Safe to run again. You need not run it after an upgrade: a migration that re-creates a
-- view drops that view's grants, so the hub grants hub_bi_reader these views again itself
-- each time it starts (hub/bi.py BI_VIEWS, the same list as below; test_views.py checks both).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hub_bi_reader') THEN
    CREATE ROLE hub_bi_reader NOLOGIN;
  END IF;
END
$$;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM hub_bi_reader;
GRANT USAGE ON SCHEMA public TO hub_bi_reader;
GRANT SELECT ON hub_daily_help_point, hub_daily_commune, hub_daily_team, hub_daily_service,
  hub_daily_queue TO hub_bi_reader;
ALTER ROLE hub_bi_reader SET default_transaction_read_only = on;
